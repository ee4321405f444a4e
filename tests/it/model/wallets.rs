//! A game wallet's balance is the sum of its entries, kept by the database: a replayed
//! receipt grants its gems once, a spend beyond the balance is refused by the balance's
//! CHECK, and the balance cannot be written without an entry where the dialect can tell.

use super::cases::{Allowed, Case, Dialect, Refused};
use super::domains::archetype;
use std::path::PathBuf;

const UNIQUE: &[&str] = &["unique", "UNIQUE", "Duplicate"];
const CHECK: &[&str] = &["check", "CHECK", "CONSTRAINT"];

pub(crate) struct Wallets(pub(crate) Dialect);

impl Wallets {
    fn entry(amount: i32, reason: &str, purchase: &str) -> String {
        format!(
            "INSERT INTO wallet_entry (game_id, wallet_id, amount, reason, purchase_id) \
             VALUES (1, 1, {amount}, '{reason}', {purchase});"
        )
    }
}

impl Case for Wallets {
    fn model(&self) -> PathBuf {
        archetype("game-backend")
    }

    fn setup(&self) -> String {
        let (price, p) = self.0.money("price", "4.99");
        format!(
            "INSERT INTO game (title) VALUES ('Tides');\n\
             INSERT INTO player (game_id, handle, country) VALUES (1, 'kim', 'FR');\n\
             INSERT INTO wallet (game_id, player_id, coin, balance) VALUES (1, 1, 'gems', 0);\n\
             INSERT INTO purchase (game_id, player_id, store, store_transaction_id, status, {price}, currency, gems) \
             VALUES (1, 1, 'app_store', 'T-1', 'completed', {p}, 'EUR', 500);\n\
             {}\n",
            Self::entry(500, "purchase", "1")
        )
    }

    fn refused(&self) -> Vec<Refused> {
        let mut refused = vec![
            Refused {
                what: "a replayed receipt granting its gems again",
                sql: Self::entry(500, "purchase", "1"),
                says: UNIQUE,
            },
            // Review N: handles were unique only as typed, so `kim` and `Kim` were two players.
            Refused {
                what: "a second player whose handle differs only in case",
                sql: "INSERT INTO player (game_id, handle, country) VALUES (1, 'Kim', 'DE');"
                    .into(),
                says: UNIQUE,
            },
            Refused {
                what: "a spend of more gems than the wallet holds",
                sql: Self::entry(-600, "spend", "NULL"),
                says: CHECK,
            },
        ];
        if !self.0.sums_unguarded {
            refused.push(Refused {
                what: "a balance written directly, with no entry",
                sql: "UPDATE wallet SET balance = 1000000 WHERE id = 1;".into(),
                says: &["wallet.balance is the sum of its wallet_entry rows"],
            });
        }
        refused
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![
            // Review N: a counter was NOT NULL with no default, so a plain insert failed.
            Allowed {
                what: "a new wallet's balance, not named, starts at zero",
                sql: "INSERT INTO wallet (game_id, player_id, coin) VALUES (1, 1, 'gold');".into(),
                query: "SELECT balance FROM wallet WHERE coin = 'gold';",
                expected: "0",
            },
            Allowed {
            what: "the purchase refunded once, and rewards that name no purchase",
            sql: format!(
                "{} {} {}",
                Self::entry(-500, "refund", "1"),
                Self::entry(10, "reward", "NULL"),
                Self::entry(10, "reward", "NULL")
            ),
            query: "SELECT count(*) * 100 + max(balance) FROM wallet_entry, wallet WHERE wallet.id = 1;",
            expected: "420",
        },
        ]
    }
}

/// The game's wallet is single-entry: where the answers ask for a double-entry ledger,
/// the record says so and points at the ledger domain, and only then.
#[test]
fn a_single_entry_wallet_is_named_so_where_a_ledger_is_asked_for() {
    use crate::common::run::{dbadvise, stdout_of};
    let dir = tempfile::tempdir().unwrap();
    let record = |invariants: &str| {
        let answers = dir.path().join(format!("game-{}.yaml", invariants.len()));
        std::fs::write(
            &answers,
            format!("project: Game\nanswers:\n  product: game-backend\n  data-kinds: [records]\n  invariants: [{invariants}]\n"),
        )
        .unwrap();
        stdout_of(
            dbadvise()
                .args(["recommend", "--defaults", "--answers"])
                .arg(&answers),
        )
    };
    let said = "The wallet here is single-entry";
    let asked = record("money, balanced-ledger");
    assert!(asked.contains(said), "{asked}");
    assert!(asked.contains("dbadvise schema --archetype ledger"));
    assert!(!record("money").contains(said));
}
