//! What each example model's rules refuse and allow on a real engine, as statements.
//! Invoicing (tenants, owners, CHECKs, a frozen state): a reference cannot cross
//! tenants, a negative stock, an unknown status and a lower-case currency are refused,
//! an email is unique whatever its case, a referenced customer stays, an issued invoice
//! keeps its amounts, a tenant with invoices stays, and deleting an invoice or a tenant
//! without them takes its parts. Room bookings
//! (no overlap): two live bookings of a room cannot overlap, touching ones can, and a
//! cancelled booking blocks nothing.

use super::model_file;
use std::path::PathBuf;

/// What differs between engines in the statements.
#[derive(Default, Clone, Copy)]
pub(crate) struct Dialect {
    /// Money is integer cents (SQLite).
    pub(crate) cents: bool,
    /// A gapless number is given by the INSERT, not taken by a trigger (SQLite).
    pub(crate) numbers_given: bool,
    /// A balance the entries keep can still be written directly (SQLite's triggers
    /// cannot tell the entries' writes from the application's).
    pub(crate) sums_unguarded: bool,
}

impl Dialect {
    pub(crate) fn money(&self, column: &str, amount: &str) -> (String, String) {
        if self.cents {
            let cents = (amount.parse::<f64>().unwrap() * 100.0).round() as i64;
            (format!("{column}_cents"), cents.to_string())
        } else {
            (column.to_string(), amount.to_string())
        }
    }
}

/// A statement that must be refused, and words one of which the refusal says.
pub(crate) struct Refused {
    pub(crate) what: &'static str,
    pub(crate) sql: String,
    pub(crate) says: &'static [&'static str],
}

/// A statement that must be allowed, then a query whose last line proves its effect.
pub(crate) struct Allowed {
    pub(crate) what: &'static str,
    pub(crate) sql: String,
    pub(crate) query: &'static str,
    pub(crate) expected: &'static str,
}

pub(crate) trait Case {
    fn model(&self) -> PathBuf;
    /// The rows every statement starts from.
    fn setup(&self) -> String;
    fn refused(&self) -> Vec<Refused>;
    /// Run in order on one database.
    fn allowed(&self) -> Vec<Allowed>;
}

pub(crate) fn cases(dialect: Dialect) -> Vec<Box<dyn Case>> {
    vec![
        Box::new(Invoicing(dialect)),
        Box::new(Bookings),
        Box::new(Numbering(dialect)),
        Box::new(super::domains::Ledger(dialect)),
        Box::new(super::domains::Issuing(dialect)),
        Box::new(super::domains::Reservations(dialect)),
        Box::new(super::domains::Trips(dialect)),
        Box::new(super::wallets::Wallets(dialect)),
        Box::new(super::documents::CreditNotes(dialect)),
    ]
}

const FOREIGN_KEY: &[&str] = &["foreign key", "FOREIGN KEY"];
const CHECK: &[&str] = &["check", "CHECK", "CONSTRAINT"];
const UNIQUE: &[&str] = &["unique", "UNIQUE", "Duplicate"];
const FROZEN: &[&str] = &["invoice is issued, paid or void and cannot change"];

struct Invoicing(Dialect);

impl Case for Invoicing {
    fn model(&self) -> PathBuf {
        model_file("invoicing")
    }

    fn setup(&self) -> String {
        let (price, p) = self.0.money("unit_price", "1.50");
        let (total, t) = self.0.money("total", "3.00");
        format!(
            "INSERT INTO account (name, plan) VALUES ('A', 'free');\n\
             INSERT INTO account (name, plan) VALUES ('B', 'team');\n\
             INSERT INTO currency_code (code, label) VALUES ('EUR', 'Euro');\n\
             INSERT INTO salesperson (account_id, name) VALUES (1, 'Sam');\n\
             INSERT INTO customer (account_id, email, name, account_manager_id) VALUES (1, 'ada@example.com', 'Ada', 1);\n\
             INSERT INTO customer (account_id, email, name) VALUES (2, 'bob@example.com', 'Bob');\n\
             INSERT INTO product (account_id, sku, title, {price}, stock) VALUES (1, 'P1', 'Pen', {p}, 10);\n\
             INSERT INTO tag (account_id, label) VALUES (1, 'office');\n\
             INSERT INTO product_tag (account_id, product_id, tag_id) VALUES (1, 1, 1);\n\
             INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (1, 1, 1, 1, 'draft', {t});\n\
             INSERT INTO invoice_line (account_id, invoice_id, product_id, quantity, {price}, paid) VALUES (1, 1, 1, 2, {p}, FALSE);\n"
        )
    }

    fn refused(&self) -> Vec<Refused> {
        let (total, t) = self.0.money("total", "0");
        let (_, nine) = self.0.money("total", "9");
        let issue = "UPDATE invoice SET status = 'issued' WHERE id = 1;";
        vec![
            Refused {
                what: "an invoice of tenant 2 for a customer of tenant 1",
                sql: format!("INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (2, 1, 1, 7, 'draft', {t});"),
                says: FOREIGN_KEY,
            },
            Refused {
                what: "a negative stock",
                sql: "UPDATE product SET stock = -1 WHERE id = 1;".into(),
                says: CHECK,
            },
            Refused {
                what: "a status the model does not list",
                sql: "UPDATE invoice SET status = 'lost' WHERE id = 1;".into(),
                says: CHECK,
            },
            Refused {
                what: "a lower-case currency code",
                sql: "INSERT INTO currency_code (code, label) VALUES ('eur', 'euro');".into(),
                says: CHECK,
            },
            Refused {
                what: "the same email in another case, in the same tenant",
                sql: "INSERT INTO customer (account_id, email, name) VALUES (1, 'ADA@Example.com', 'Ada again');".into(),
                says: UNIQUE,
            },
            Refused {
                what: "a second invoice number 1 in the same tenant",
                sql: format!("INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (1, 1, 1, 1, 'draft', {t});"),
                says: UNIQUE,
            },
            Refused {
                what: "deleting a customer that has invoices",
                sql: "DELETE FROM customer WHERE id = 1;".into(),
                says: FOREIGN_KEY,
            },
            Refused {
                what: "deleting a tenant that still has invoices",
                sql: "DELETE FROM account WHERE id = 1;".into(),
                says: FOREIGN_KEY,
            },
            Refused {
                what: "a new total on an issued invoice",
                sql: format!("{issue} UPDATE invoice SET {total} = {nine} WHERE id = 1;"),
                says: FROZEN,
            },
            Refused {
                what: "deleting an issued invoice",
                sql: format!("{issue} DELETE FROM invoice WHERE id = 1;"),
                says: FROZEN,
            },
        ]
    }

    fn allowed(&self) -> Vec<Allowed> {
        let (total, t) = self.0.money("total", "0");
        // Invoices are kept records: they go first, deliberately, then the tenant.
        let delete_tenant =
            "DELETE FROM invoice WHERE account_id = 2; DELETE FROM account WHERE id = 2;";
        vec![
            Allowed {
                what: "invoice number 1 in the other tenant",
                sql: format!("INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (2, 2, 1, 1, 'draft', {t});"),
                query: "SELECT count(*) FROM invoice WHERE number = 1;",
                expected: "2",
            },
            Allowed {
                what: "deleting an invoice deletes its lines",
                sql: "DELETE FROM invoice WHERE id = 1;".into(),
                query: "SELECT count(*) FROM invoice_line;",
                expected: "0",
            },
            Allowed {
                what: "deleting a product deletes its tags' pairs, not the tags",
                sql: "DELETE FROM product WHERE id = 1;".into(),
                query: "SELECT count(*) FROM product_tag;",
                expected: "0",
            },
            Allowed {
                what: "deleting a tenant deletes its customers and invoices",
                sql: delete_tenant.into(),
                query: "SELECT count(*) FROM customer;",
                expected: "1",
            },
            Allowed {
                what: "an issued invoice's status moves on to paid",
                sql: format!(
                    "INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (1, 1, 1, 3, 'issued', {t}); \
                     UPDATE invoice SET status = 'paid' WHERE number = 3;"
                ),
                query: "SELECT status FROM invoice WHERE number = 3;",
                expected: "paid",
            },
        ]
    }
}

struct Bookings;

/// A booking of `room` from `from` to `to` o'clock on one day, in `state`.
fn booking(room: u32, from: u32, to: u32, state: &str) -> String {
    format!(
        "INSERT INTO booking (room_id, booked_by_id, starts_at, ends_at, state) \
         VALUES ({room}, 1, '2026-03-02 {from:02}:00:00', '2026-03-02 {to:02}:00:00', '{state}');"
    )
}

const OVERLAP: &[&str] = &[
    "booking_no_overlap",
    "booking overlaps another booking of the same room",
];

impl Case for Bookings {
    fn model(&self) -> PathBuf {
        model_file("bookings")
    }

    fn setup(&self) -> String {
        format!(
            "INSERT INTO building (name, opens_on) VALUES ('North', '2020-01-06');\n\
             INSERT INTO room (building_id, label, seats, has_screen) VALUES (1, 'Oak', 6, TRUE);\n\
             INSERT INTO room (building_id, label, seats, has_screen) VALUES (1, 'Elm', 4, FALSE);\n\
             INSERT INTO member (email, display_name) VALUES ('kim@example.com', 'Kim');\n\
             {}\n",
            booking(1, 10, 11, "confirmed")
        )
    }

    fn refused(&self) -> Vec<Refused> {
        vec![
            Refused {
                what: "a booking of the same room that overlaps",
                sql: booking(1, 10, 12, "held"),
                says: OVERLAP,
            },
            Refused {
                what: "a booking inside another",
                sql: booking(1, 10, 11, "confirmed"),
                says: OVERLAP,
            },
            Refused {
                what: "moving a booking onto another",
                sql: format!("{} UPDATE booking SET starts_at = '2026-03-02 10:30:00' WHERE id = 2;", booking(1, 11, 12, "held")),
                says: OVERLAP,
            },
            Refused {
                what: "a room with no seats",
                sql: "INSERT INTO room (building_id, label, seats, has_screen) VALUES (1, 'Box', 0, FALSE);".into(),
                says: CHECK,
            },
        ]
    }

    fn allowed(&self) -> Vec<Allowed> {
        vec![
            Allowed {
                what: "a booking that starts when another ends",
                sql: booking(1, 11, 12, "held"),
                query: "SELECT count(*) FROM booking WHERE room_id = 1;",
                expected: "2",
            },
            Allowed {
                what: "another room at the same time",
                sql: booking(2, 10, 11, "confirmed"),
                query: "SELECT count(*) FROM booking;",
                expected: "3",
            },
            Allowed {
                what: "a cancelled booking over a live one",
                sql: booking(1, 10, 11, "cancelled"),
                query: "SELECT count(*) FROM booking WHERE state = 'cancelled';",
                expected: "1",
            },
        ]
    }
}

/// Credit notes of the invoicing model, numbered per tenant without gaps.
pub(crate) struct Numbering(Dialect);

impl Numbering {
    /// A credit note of `account` for its first invoice (invoice `invoice`).
    fn note(&self, account: u32, invoice: u32) -> String {
        let (amount, a) = self.0.money("amount", "1.00");
        let (column, number) = if self.0.numbers_given {
            (
                ", number",
                format!(", coalesce((SELECT next_value FROM credit_note_number_counter WHERE account_id = {account}), 1)"),
            )
        } else {
            ("", String::new())
        };
        format!(
            "INSERT INTO credit_note (account_id, invoice_id, {amount}{column}) VALUES ({account}, {invoice}, {a}{number});"
        )
    }
}

pub(crate) fn credit_note(dialect: Dialect, account: u32, invoice: u32) -> String {
    Numbering(dialect).note(account, invoice)
}

impl Numbering {
    /// The rows the credit notes start from.
    pub(crate) fn setup_for(dialect: Dialect) -> String {
        Numbering(dialect).setup()
    }
}

impl Case for Numbering {
    fn model(&self) -> PathBuf {
        model_file("invoicing")
    }

    fn setup(&self) -> String {
        let (total, t) = self.0.money("total", "3.00");
        format!(
            "{}INSERT INTO invoice (account_id, customer_id, currency_id, number, status, {total}) VALUES (2, 2, 1, 1, 'draft', {t});\n",
            Invoicing(self.0).setup()
        )
    }

    fn refused(&self) -> Vec<Refused> {
        if !self.0.numbers_given {
            return vec![];
        }
        let (amount, a) = self.0.money("amount", "1.00");
        vec![Refused {
            what: "a credit note numbered past the next number",
            sql: format!("INSERT INTO credit_note (account_id, invoice_id, {amount}, number) VALUES (1, 1, {a}, 5);"),
            says: &["credit_note.number must be the next number, without gaps"],
        }]
    }

    fn allowed(&self) -> Vec<Allowed> {
        let three = [1, 1, 1].map(|_| self.note(1, 1)).join(" ");
        let mut allowed = vec![
            Allowed {
                what: "three credit notes of tenant 1 are numbered 1, 2, 3",
                sql: three,
                query: "SELECT max(number) * 10 + count(DISTINCT number) FROM credit_note WHERE account_id = 1;",
                expected: "33",
            },
            Allowed {
                what: "tenant 2 numbers its own from 1",
                sql: self.note(2, 2),
                query: "SELECT number FROM credit_note WHERE account_id = 2;",
                expected: "1",
            },
            Allowed {
                what: "a rolled-back credit note gives its number back",
                sql: format!("BEGIN; {} ROLLBACK; {}", self.note(1, 1), self.note(1, 1)),
                query: "SELECT max(number) * 10 + count(*) FROM credit_note WHERE account_id = 1;",
                expected: "44",
            },
        ];
        if !self.0.numbers_given {
            let (amount, a) = self.0.money("amount", "1.00");
            allowed.push(Allowed {
                what: "a number written in the INSERT is replaced by the next one",
                sql: format!("INSERT INTO credit_note (account_id, invoice_id, {amount}, number) VALUES (1, 1, {a}, 99);"),
                query: "SELECT max(number) FROM credit_note WHERE account_id = 1;",
                expected: "5",
            });
        }
        allowed
    }
}
