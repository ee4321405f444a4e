//! What the archetypes of knowledge/archetypes/ hold on a real engine, beyond the
//! example models: a ledger journal is posted only when its entries balance and then
//! changes no more, an idempotency key is taken once, an invoice takes the next number
//! when it is issued (a draft has none) and its lines then change no more, a
//! business's resource is never booked twice at once, and a driver has one running trip.

use super::cases::{Allowed, Case, Dialect, Refused};
use std::path::{Path, PathBuf};

pub(crate) fn archetype(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("knowledge/archetypes/{id}.yaml"))
}

const UNIQUE: &[&str] = &["unique", "UNIQUE", "Duplicate"];
const CHECK: &[&str] = &["check", "CHECK", "CONSTRAINT"];
const UNBALANCED: &[&str] = &[
    "to be posted, a journal needs at least two entry rows that sum to \
      zero in each currency of their ledger_account",
];
const POSTED_ENTRIES: &[&str] = &["entry rows cannot change once their journal is posted"];
const ISSUED: &[&str] = &["invoice is issued, paid or void and cannot change"];
const ISSUED_LINES: &[&str] =
    &["invoice_line rows cannot change once their invoice is issued, paid or void"];

pub(crate) struct Ledger(pub(crate) Dialect);

impl Ledger {
    fn entry(&self, account: u32, amount: &str) -> String {
        self.entry_of(1, account, amount)
    }

    fn entry_of(&self, journal: u32, account: u32, amount: &str) -> String {
        let (column, value) = self.0.money("amount", amount);
        format!(
            "INSERT INTO entry (organisation_id, journal_id, ledger_account_id, {column}) \
             VALUES (1, {journal}, {account}, {value});"
        )
    }
}

const POST: &str = "UPDATE journal SET status = 'posted' WHERE id = 1;";

impl Case for Ledger {
    fn model(&self) -> PathBuf {
        archetype("ledger")
    }

    fn setup(&self) -> String {
        let (balance, zero) = self.0.money("balance", "0");
        format!(
            "INSERT INTO organisation (name) VALUES ('Org');\n\
             INSERT INTO currency_code (code, minor_units) VALUES ('EUR', 2);\n\
             INSERT INTO ledger_account (organisation_id, code, kind, {balance}, currency_id) VALUES (1, 'cash', 'asset', {zero}, 1);\n\
             INSERT INTO ledger_account (organisation_id, code, kind, {balance}, currency_id) VALUES (1, 'wallet', 'liability', {zero}, 1);\n\
             INSERT INTO currency_code (code, minor_units) VALUES ('USD', 2);\n\
             INSERT INTO ledger_account (organisation_id, code, kind, {balance}, currency_id) VALUES (1, 'usd-wallet', 'liability', {zero}, 2);\n\
             INSERT INTO journal (organisation_id, status, description, effective_on) VALUES (1, 'pending', 'top-up', '2026-03-02');\n\
             {}\n{}\n",
            self.entry(1, "100.00"),
            self.entry(2, "-60.00")
        )
    }

    fn refused(&self) -> Vec<Refused> {
        let balanced = self.entry(2, "-40.00");
        let key =
            "INSERT INTO idempotency_key (organisation_id, idem_key, request_hash, expires_at) \
                   VALUES (1, 'k-1', 'hash-a', '2026-03-03 00:00:00');";
        let mut refused = vec![
            Refused {
                what: "posting a journal whose entries do not sum to zero",
                sql: POST.into(),
                says: UNBALANCED,
            },
            Refused {
                // 100 EUR in, 100 USD out: zero in sum, but amounts in two currencies
                // do not add up.
                what: "posting a journal that sums to zero only across currencies",
                sql: format!(
                    "INSERT INTO journal (organisation_id, status, description, effective_on) \
                     VALUES (1, 'pending', 'mixed', '2026-03-02'); {} {} \
                     UPDATE journal SET status = 'posted' WHERE id = 2;",
                    self.entry_of(2, 1, "100.00"),
                    self.entry_of(2, 3, "-100.00")
                ),
                says: UNBALANCED,
            },
            Refused {
                // Kept in its kind's normal sign: a wallet that holds nothing posted
                // cannot pay out 100 (its pending top-up counts for nothing yet).
                what: "a wallet's balance taken below zero by a posted journal",
                sql: format!(
                    "INSERT INTO journal (organisation_id, status, description, effective_on) \
                     VALUES (1, 'pending', 'payout', '2026-03-02'); {} {} \
                     UPDATE journal SET status = 'posted' WHERE id = 2;",
                    self.entry_of(2, 2, "100.00"),
                    self.entry_of(2, 1, "-100.00")
                ),
                says: CHECK,
            },
            Refused {
                what: "a journal written as posted, with no entries",
                sql: "INSERT INTO journal (organisation_id, status, description, effective_on) \
                      VALUES (1, 'posted', 'shortcut', '2026-03-02');"
                    .into(),
                says: UNBALANCED,
            },
            Refused {
                what: "an entry added to a posted journal",
                sql: format!("{balanced} {POST} {}", self.entry(1, "5.00")),
                says: POSTED_ENTRIES,
            },
            Refused {
                what: "an entry of a posted journal changed",
                sql: format!("{balanced} {POST} DELETE FROM entry WHERE id = 1;"),
                says: POSTED_ENTRIES,
            },
            Refused {
                // A wallet turned into an asset would count a payout as a top-up.
                what: "an account's kind changed",
                sql: "UPDATE ledger_account SET kind = 'asset' WHERE id = 2;".into(),
                says: &["the kind and currency of a ledger_account never change"],
            },
            Refused {
                what: "an account's currency changed",
                sql: "UPDATE ledger_account SET currency_id = 2 WHERE id = 2;".into(),
                says: &["the kind and currency of a ledger_account never change"],
            },
            Refused {
                what: "an idempotency key used again with another request",
                sql: format!("{key} {}", key.replace("hash-a", "hash-b")),
                says: UNIQUE,
            },
        ];
        if !self.0.sums_unguarded {
            let (balance, value) = self.0.money("balance", "1000.00");
            refused.push(Refused {
                what: "a balance written directly, with no entry",
                sql: format!("UPDATE ledger_account SET {balance} = {value} WHERE id = 2;"),
                says: &["ledger_account.balance is the sum of its entry rows"],
            });
        }
        refused
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![
            Allowed {
                what: "a journal whose entries sum to zero is posted",
                sql: format!("{} {POST}", self.entry(2, "-40.00")),
                query: "SELECT status FROM journal WHERE id = 1;",
                expected: "posted",
            },
            Allowed {
                // Cash (an asset) 100 in, the wallet (a liability) credited 60 then 40.
                what: "the balances are the entries' sums, each in its kind's sign",
                sql: String::new(),
                query: {
                    let (balance, hundred) = self.0.money("balance", "100");
                    // The query of a case is static text; this one names the dialect's column.
                    Box::leak(
                        format!(
                            "SELECT count(*) FROM ledger_account \
                             WHERE code IN ('cash', 'wallet') AND {balance} = {hundred};"
                        )
                        .into_boxed_str(),
                    )
                },
                expected: "2",
            },
            Allowed {
                what: "another pending journal waits without entries",
                sql: "INSERT INTO journal (organisation_id, status, description, effective_on) \
                      VALUES (1, 'pending', 'later', '2026-03-03');"
                    .into(),
                query: "SELECT count(*) FROM journal WHERE status = 'pending';",
                expected: "1",
            },
            Allowed {
                // An exchange: each currency's entries balance on their own.
                what: "a journal balanced in each of two currencies is posted",
                sql: format!(
                    "INSERT INTO journal (organisation_id, status, description, effective_on) \
                     VALUES (1, 'pending', 'exchange', '2026-03-04'); {} {} {} {} \
                     UPDATE journal SET status = 'posted' WHERE id = 3;",
                    self.entry_of(3, 1, "100.00"),
                    self.entry_of(3, 2, "-100.00"),
                    self.entry_of(3, 3, "-110.00"),
                    self.entry_of(3, 3, "110.00")
                ),
                query: "SELECT status FROM journal WHERE id = 3;",
                expected: "posted",
            },
            Allowed {
                // A one-sided credit that is never posted made spendable points from
                // nothing, when every entry moved the balance as it was written.
                what: "a pending journal's entries move no balance",
                sql: format!(
                    "INSERT INTO journal (organisation_id, status, description, effective_on) \
                     VALUES (1, 'pending', 'never posted', '2026-03-05'); {}",
                    self.entry_of(4, 2, "-1000.00")
                ),
                query: {
                    let (balance, held) = self.0.money("balance", "200");
                    Box::leak(
                        format!(
                            "SELECT count(*) FROM ledger_account \
                             WHERE code = 'wallet' AND {balance} = {held};"
                        )
                        .into_boxed_str(),
                    )
                },
                expected: "1",
            },
        ]
    }
}

pub(crate) struct Issuing(pub(crate) Dialect);

impl Issuing {
    /// Issues invoice `id`, copying its buyer; on SQLite the statement gives the next
    /// number itself.
    fn issue(&self, id: u32) -> String {
        let number = if self.0.numbers_given {
            ", number = coalesce((SELECT next_value FROM invoice_number_counter WHERE account_id = 1), 1)"
        } else {
            ""
        };
        format!(
            "UPDATE invoice SET status = 'issued', issued_on = '2026-03-02', buyer_name = 'Ada', \
             buyer_address = 'Street 1'{number} WHERE id = {id};"
        )
    }

    fn draft(&self) -> String {
        let (total, t) = self.0.money("total", "20.00");
        format!(
            "INSERT INTO invoice (account_id, customer_id, currency_id, status, due_on, {total}) \
             VALUES (1, 1, 1, 'draft', '2026-04-01', {t});"
        )
    }

    fn line(&self, invoice: u32) -> String {
        let (price, p) = self.0.money("unit_price", "10.00");
        format!(
            "INSERT INTO invoice_line (account_id, invoice_id, description, quantity, {price}, tax_rate_bp) \
             VALUES (1, {invoice}, 'Hours', 2, {p}, 2000);"
        )
    }
}

impl Case for Issuing {
    fn model(&self) -> PathBuf {
        archetype("invoicing")
    }

    fn setup(&self) -> String {
        format!(
            "INSERT INTO account (name, plan) VALUES ('Firm', 'team');\n\
             INSERT INTO currency_code (code, label) VALUES ('EUR', 'Euro');\n\
             INSERT INTO customer (account_id, email, name, billing_address) VALUES (1, 'ada@example.com', 'Ada', 'Street 1');\n\
             {}\n{}\n{}\n{}\n",
            self.draft(),
            self.draft(),
            self.line(1),
            self.line(2)
        )
    }

    fn refused(&self) -> Vec<Refused> {
        let (amount, a) = self.0.money("amount", "20.00");
        let payment = format!(
            "INSERT INTO payment (account_id, invoice_id, currency_id, {amount}, received_on, idempotency_key) \
             VALUES (1, 1, 1, {a}, '2026-03-05', 'pay-1');"
        );
        let mut refused = vec![
            Refused {
                // Frozen once issued, it could never be given the buyer the law requires.
                what: "an invoice issued without its buyer",
                sql: self
                    .issue(1)
                    .replace(", buyer_name = 'Ada', buyer_address = 'Street 1'", ""),
                says: CHECK,
            },
            Refused {
                what: "a line of an issued invoice changed",
                sql: format!(
                    "{} UPDATE invoice_line SET quantity = 5 WHERE invoice_id = 1;",
                    self.issue(1)
                ),
                says: ISSUED_LINES,
            },
            Refused {
                what: "a line added to an issued invoice",
                sql: format!("{} {}", self.issue(1), self.line(1)),
                says: ISSUED_LINES,
            },
            Refused {
                what: "a payment received twice under one idempotency key",
                sql: format!("{payment} {payment}"),
                says: UNIQUE,
            },
            Refused {
                // When it was written is part of a frozen row: a backdated one is forged.
                what: "an issued invoice backdated",
                sql: format!(
                    "{} UPDATE invoice SET created_at = '2000-01-01 00:00:00' WHERE id = 1;",
                    self.issue(1)
                ),
                says: ISSUED,
            },
            Refused {
                // Issued and void are both frozen states, but void is final.
                what: "a void invoice issued again",
                sql: format!(
                    "{} UPDATE invoice SET status = 'void' WHERE id = 1; \
                     UPDATE invoice SET status = 'issued' WHERE id = 1;",
                    self.issue(1)
                ),
                says: ISSUED,
            },
        ];
        if self.0.numbers_given {
            refused.push(Refused {
                what: "an invoice issued with a number past the next",
                sql: "UPDATE invoice SET status = 'issued', issued_on = '2026-03-02', buyer_name = 'Ada', \
                      buyer_address = 'Street 1', number = 7 WHERE id = 1;"
                    .into(),
                says: &["invoice.number must be the next number, without gaps"],
            });
        } else {
            // A manual fix of the counter would skip numbers (review L, M2): only the
            // numbering trigger moves it.
            refused.push(Refused {
                what: "the counter moved by hand past the next number",
                sql: format!(
                    "{} UPDATE invoice_number_counter SET next_value = 100;",
                    self.issue(1)
                ),
                says: &["invoice_number_counter moves only as invoice rows take their numbers"],
            });
        }
        refused
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![
            Allowed {
                what: "a draft has no number",
                sql: String::new(),
                query: "SELECT count(*) FROM invoice WHERE number IS NULL;",
                expected: "2",
            },
            Allowed {
                what: "the draft issued first takes number 1",
                sql: self.issue(2),
                query: "SELECT number FROM invoice WHERE id = 2;",
                expected: "1",
            },
            Allowed {
                what: "the next one issued takes number 2",
                sql: self.issue(1),
                query: "SELECT number FROM invoice WHERE id = 1;",
                expected: "2",
            },
            Allowed {
                what: "a draft's lines still change",
                sql: format!("{} {}", self.draft(), self.line(3)),
                query: "SELECT count(*) FROM invoice_line WHERE invoice_id = 3;",
                expected: "1",
            },
            Allowed {
                what: "an issued invoice moves on to paid and keeps its number",
                sql: "UPDATE invoice SET status = 'paid' WHERE id = 2;".into(),
                query: "SELECT number FROM invoice WHERE status = 'paid';",
                expected: "1",
            },
            Allowed {
                what: "an issued invoice is voided",
                sql: "UPDATE invoice SET status = 'void' WHERE id = 1;".into(),
                query: "SELECT status FROM invoice WHERE id = 1;",
                expected: "void",
            },
        ]
    }
}

pub(crate) struct Reservations(pub(crate) Dialect);

impl Reservations {
    /// A booking; a held one expires at 09:00 that day, unless `expires` is false.
    fn booking_expiring(
        &self,
        resource: u32,
        (from, to): (u32, u32),
        state: &str,
        expires: bool,
    ) -> String {
        let (price, p) = self.0.money("price", "0");
        let expiry = if state == "held" && expires {
            "'2026-03-02 09:00:00'"
        } else {
            "NULL"
        };
        format!(
            "INSERT INTO booking (business_id, resource_id, customer_id, starts_at, ends_at, state, hold_expires_at, {price}) \
             VALUES (1, {resource}, 1, '2026-03-02 {from:02}:00:00', '2026-03-02 {to:02}:00:00', '{state}', {expiry}, {p});"
        )
    }

    fn booking(&self, resource: u32, from: u32, to: u32, state: &str) -> String {
        self.booking_expiring(resource, (from, to), state, true)
    }

    fn request(customer: u32, key: &str) -> String {
        format!(
            "INSERT INTO booking_request (business_id, customer_id, idem_key, request_hash, expires_at) \
             VALUES (1, {customer}, '{key}', 'h', '2026-03-03 00:00:00');"
        )
    }
}

impl Case for Reservations {
    fn model(&self) -> PathBuf {
        archetype("bookings")
    }

    fn setup(&self) -> String {
        format!(
            "INSERT INTO business (name, time_zone) VALUES ('Studio', 'Europe/Paris');\n\
             INSERT INTO location (business_id, name, address) VALUES (1, 'Main', 'Street 1');\n\
             INSERT INTO resource (business_id, location_id, label, kind, capacity, active) VALUES (1, 1, 'Room A', 'room', 4, TRUE);\n\
             INSERT INTO customer (business_id, email, full_name) VALUES (1, 'kim@example.com', 'Kim');\n\
             {}\n",
            self.booking(1, 10, 11, "confirmed")
        )
    }

    fn refused(&self) -> Vec<Refused> {
        vec![
            Refused {
                what: "a second booking of the resource at the same time",
                sql: self.booking(1, 10, 12, "held"),
                says: &[
                    "booking_no_overlap",
                    "booking overlaps another booking of the same resource",
                ],
            },
            Refused {
                what: "one customer's idempotency key used twice",
                sql: format!("{} {}", Self::request(1, "k-1"), Self::request(1, "k-1")),
                says: UNIQUE,
            },
            Refused {
                // It would block the slot for good: the job that expires holds never finds it.
                what: "a held booking with no expiry",
                sql: self.booking_expiring(1, (14, 15), "held", false),
                says: CHECK,
            },
        ]
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![
            Allowed {
                what: "a booking that starts when another ends",
                sql: self.booking(1, 11, 12, "held"),
                query: "SELECT count(*) FROM booking;",
                expected: "2",
            },
            Allowed {
                // Keys are made by each customer's client: the same key of another
                // customer is another request.
                what: "two customers' requests under the same key",
                sql: format!(
                    "INSERT INTO customer (business_id, email, full_name) VALUES (1, 'lee@example.com', 'Lee'); {} {}",
                    Self::request(1, "k-1"),
                    Self::request(2, "k-1")
                ),
                query: "SELECT count(*) FROM booking_request;",
                expected: "2",
            },
            Allowed {
                what: "a cancelled booking over a live one",
                sql: self.booking(1, 10, 11, "cancelled"),
                query: "SELECT count(*) FROM booking WHERE state = 'cancelled';",
                expected: "1",
            },
        ]
    }
}

pub(crate) struct Trips(pub(crate) Dialect);

impl Trips {
    /// A trip of driver 1 in `state`, marked active or not.
    fn trip(&self, state: &str, active: bool) -> String {
        let (fare, f) = self.0.money("fare", "12.50");
        let active = if active { "'active'" } else { "NULL" };
        format!(
            "INSERT INTO trip (operator_id, rider_id, driver_id, vehicle_id, city_id, state, active, pickup_address, dropoff_address, distance_metres, {fare}, currency) \
             VALUES (1, 1, 1, 1, 1, '{state}', {active}, 'A', 'B', 3000, {f}, 'EUR');"
        )
    }
}

impl Case for Trips {
    fn model(&self) -> PathBuf {
        archetype("live-locations")
    }

    fn setup(&self) -> String {
        format!(
            "INSERT INTO region (code, country, storage_location) VALUES ('eu', 'FR', 'eu-west-3');\n\
             INSERT INTO city (region_id, name, time_zone, currency) VALUES (1, 'Paris', 'Europe/Paris', 'EUR');\n\
             INSERT INTO operator (name) VALUES ('Ride');\n\
             INSERT INTO rider (operator_id, home_region_id, email, phone, full_name) VALUES (1, 1, 'rae@example.com', '+331', 'Rae');\n\
             INSERT INTO driver (operator_id, home_region_id, email, phone, full_name, licence_number, approval) VALUES (1, 1, 'dan@example.com', '+332', 'Dan', 'L1', 'approved');\n\
             INSERT INTO vehicle (operator_id, driver_id, plate, make_model, seats, category) VALUES (1, 1, 'AB-123', 'Zoe', 4, 'standard');\n\
             {}\n",
            self.trip("in_progress", true)
        )
    }

    fn refused(&self) -> Vec<Refused> {
        vec![
            Refused {
                what: "a second running trip of the driver",
                sql: self.trip("accepted", true),
                says: UNIQUE,
            },
            Refused {
                // Unmarked, it would escape the unique key: two running trips at once.
                what: "a running trip not marked active",
                sql: self.trip("accepted", false),
                says: CHECK,
            },
            Refused {
                // Still marked, the driver could never take another trip.
                what: "a trip completed but still marked active",
                sql: "UPDATE trip SET state = 'completed' WHERE id = 1;".into(),
                says: CHECK,
            },
        ]
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![Allowed {
            what: "a completed trip clears its mark, and the driver takes the next",
            sql: format!(
                "UPDATE trip SET state = 'completed', active = NULL WHERE id = 1; {}",
                self.trip("accepted", true)
            ),
            query: "SELECT count(*) FROM trip WHERE driver_id = 1 AND active IS NOT NULL;",
            expected: "1",
        }]
    }
}

/// The invoicing domain's tables with 30 drafts of one firm, for `issued_at_once`.
pub(crate) fn thirty_drafts(engine: &str) -> String {
    let issuing = Issuing(Dialect::default());
    let drafts: Vec<String> = (0..28).map(|_| issuing.draft()).collect();
    format!(
        "{}\n{}\n{}\n",
        super::tables(&archetype("invoicing"), engine, "internal"),
        issuing.setup(),
        drafts.join("\n")
    )
}

/// Two sessions issue 15 drafts each at once: every number from 1 to 30 is taken once,
/// none twice, none skipped (the counter row queues the issuing transactions).
pub(crate) fn issued_at_once(
    name: &str,
    run: &(dyn Fn(&str) -> Result<String, String> + Sync),
) -> Vec<String> {
    let issuing = Issuing(Dialect::default());
    let sessions =
        [1u32, 16].map(|first| (first..first + 15).map(|id| issuing.issue(id)).collect());
    let said = [
        format!("{name}: issuing at once failed"),
        format!("{name}: 30 invoices issued at once"),
    ];
    super::thirty_at_once(said, run, sessions, "invoice WHERE status = 'issued'")
}

/// A frozen row is not changed by a delete elsewhere either: its optional references
/// keep what they point at (NO ACTION), where another entity's are set to NULL.
#[test]
fn a_frozen_row_keeps_what_it_points_at() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("log.yaml");
    std::fs::write(
        &model,
        "entities:\n  - name: page\n    attributes:\n      title: text\n  - name: view\n    frozen: {when: {kind: [seen]}}\n    attributes:\n      kind: {type: enum, values: [seen]}\n    references:\n      - {entity: page, optional: true}\n  - name: bookmark\n    references:\n      - {entity: page, optional: true}\n",
    )
    .unwrap();
    for engine in ["postgresql", "mysql", "sqlite"] {
        let tables = super::tables(&model, engine, "internal");
        let view = &tables[tables.find("CREATE TABLE view").unwrap()..];
        let view = &view[..view.find("\n)").unwrap()];
        assert!(
            view.contains("REFERENCES page (id) ON DELETE NO ACTION"),
            "{engine}: {view}"
        );
        let bookmark = &tables[tables.find("CREATE TABLE bookmark").unwrap()..];
        assert!(
            bookmark.contains("ON DELETE SET NULL"),
            "{engine}: {bookmark}"
        );
    }
}
