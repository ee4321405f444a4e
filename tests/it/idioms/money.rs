//! Exact money is checked in the words of the store's own type system: columns and
//! NUMERIC for SQL stores (DECIMAL for MySQL's, integer minor units for SQLite, which
//! has no exact decimal type), fields and decimals for document stores.

use super::{advice, keys_decided, with_answers, SHOP};
use dbadvise::kb::KnowledgeBase;

const FEED: &str = include_str!("../../projects/social-feed.yaml");

#[test]
fn exact_money_is_checked_in_the_words_of_the_stores_type_system() {
    let kb = KnowledgeBase::embedded();
    let column = "No money column is binary floating point";
    let field = "No money field is stored as a binary double";
    for (text, primary, said, unsaid) in [
        (SHOP, "mysql", column, field),
        (FEED, "mongodb", field, column),
    ] {
        let advice = advice(&kb, &with_answers(text, &[("invariants", "[money]")]));
        assert_eq!(advice.stack[0].engine.as_str(), primary);
        let checklist = advice.checklist.join("\n");
        assert!(checklist.contains(said), "{primary}: {checklist}");
        assert!(!checklist.contains(unsaid), "{primary}: {checklist}");
        assert!(!checklist.contains("BSON"), "{primary}: {checklist}");
    }
}

/// SQLite keeps a NUMERIC or DECIMAL column's fractions as binary REALs, and a STRICT
/// table refuses those types: its money is integer minor units, never "NUMERIC". MySQL
/// names its exact type DECIMAL.
#[test]
fn exact_money_is_each_sql_engines_own_exact_type() {
    let kb = KnowledgeBase::embedded();
    let on_the_laptop = [("invariants", "[money]"), ("deployment", "embedded")];
    for (changes, primary, said, unsaid) in [
        (
            &on_the_laptop[..],
            "sqlite",
            "INTEGER minor units",
            "NUMERIC or DECIMAL, or",
        ),
        (&on_the_laptop[..1], "mysql", "DECIMAL", "NUMERIC"),
    ] {
        let advice = advice(&kb, &with_answers(SHOP, changes));
        assert_eq!(advice.stack[0].engine.as_str(), primary);
        let (_, words) = keys_decided(&advice);
        let checklist = advice.checklist.join("\n");
        let said_in = format!("{words}{checklist}");
        assert!(said_in.contains(said), "{primary}: {said_in}");
        assert!(!said_in.contains(unsaid), "{primary}: {said_in}");
        assert!(said_in.contains("currency"), "{primary}: {said_in}");
    }
}

/// Prices and invoice totals need exact types, not a ledger: the double-entry ledger is
/// advised where debits and credits must balance, or where the product is a wallet or
/// ledger (its domain applies it, whatever else the answers tick), and said to follow
/// from that answer.
#[test]
fn a_double_entry_ledger_is_advised_for_balances_not_for_prices() {
    let kb = KnowledgeBase::embedded();
    const WALLET: &str = include_str!("../../projects/payments-ledger.yaml");
    let ledger = |text: &str, changes: &[(&str, &str)]| {
        let advice = advice(&kb, &with_answers(text, changes));
        let ids: Vec<String> = advice.patterns.iter().map(|p| p.id.to_string()).collect();
        assert!(ids.iter().any(|p| p == "types-money-numeric"), "{ids:?}");
        advice
            .patterns
            .into_iter()
            .find(|p| p.id == "schema-ledger-double-entry")
            .map(|p| {
                p.because
                    .iter()
                    .map(|b| b.question.to_string())
                    .collect::<Vec<_>>()
            })
    };
    // A shop that ticks money for its prices: exact types, no ledger.
    assert_eq!(ledger(SHOP, &[("invariants", "[money]")]), None);
    // Debits and credits that must balance: the ledger, because of that answer.
    let balanced = ledger(SHOP, &[("invariants", "[money, balanced-ledger]")]);
    assert!(balanced.is_some_and(|b| b.iter().any(|q| q == "invariants")));
    // A wallet whose answers tick only money: its domain applies the ledger.
    let wallet = ledger(WALLET, &[]).expect("a wallet keeps a ledger");
    assert_eq!(wallet, ["product"]);
}

/// An invoicing product keeps money whatever the invariants ticked: its domain advises
/// exact money types, because of the product answer; a product without money (an HR
/// tool's leave and reviews) does not.
#[test]
fn a_domain_about_money_advises_exact_money_types_unasked() {
    let kb = KnowledgeBase::embedded();
    let tool = "project: Tool\nanswers:\n  data-kinds: [records]\n  team: small-team\n  deployment: managed\n  volume: small\n  peak-rate: hundreds\n  invariants: []\n";
    let money = |product: &str| {
        let advice = advice(&kb, &with_answers(tool, &[("product", product)]));
        (advice.patterns.iter())
            .find(|p| p.id == "types-money-numeric")
            .map(|p| {
                p.because
                    .iter()
                    .map(|b| b.question.to_string())
                    .collect::<Vec<_>>()
            })
    };
    assert_eq!(money("invoicing"), Some(vec!["product".to_string()]));
    assert_eq!(money("content"), None);
}
