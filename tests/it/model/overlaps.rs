//! Bookings written at once on MySQL, which has no exclusion constraint: the triggers
//! that refuse an overlap must hold at READ COMMITTED too, where a plain check lets two
//! writers pass it together, and must not deadlock at REPEATABLE READ, where the plain
//! check's gap locks did (the trigger locks the resource's row first).

use super::domains::archetype;
use super::*;

/// Four sessions book the same resource for the same 1000 hours, each hour once, all
/// starting at one moment, at READ COMMITTED (as many MySQL shops run) and at REPEATABLE
/// READ: every hour ends up booked once, and no session fails. Without the lock, MariaDB
/// 10.11 let 10 to 38 hours through twice at READ COMMITTED in each of five runs, and at
/// REPEATABLE READ sessions died in deadlocks.
#[test]
fn four_sessions_booking_the_same_hours_at_once_book_each_hour_once_on_mariadb() {
    let Some(maria) = started_mariadb() else {
        return;
    };
    let mut failures = Vec::new();
    for (n, level) in ["READ COMMITTED", "REPEATABLE READ"].iter().enumerate() {
        let db = maria.fresh_database(&format!("overlaps_{n}")).unwrap();
        failures.extend(booked_at_once(&maria, &db, level));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The failures of four sessions booking the same 1000 hours at once, at `level`.
fn booked_at_once(maria: &MariaDb, db: &str, level: &str) -> Vec<String> {
    let setup = "INSERT INTO business (name, time_zone) VALUES ('Studio', 'UTC');\n\
         INSERT INTO location (business_id, name, address) VALUES (1, 'Main', 'Street 1');\n\
         INSERT INTO resource (business_id, location_id, label, kind, capacity, active) \
         VALUES (1, 1, 'Room A', 'room', 1, TRUE);\n\
         INSERT INTO customer (business_id, email, full_name) VALUES \
         (1, 'a@example.com', 'A'), (1, 'b@example.com', 'B'), \
         (1, 'c@example.com', 'C'), (1, 'd@example.com', 'D');\n";
    // Each session books every hour in turn; a refused booking is the rule at work, so
    // the loop goes on past it.
    let book = "DELIMITER //\n\
         CREATE PROCEDURE book_every_hour(who BIGINT, go DATETIME(6))\n\
         BEGIN\n\
           DECLARE h INT DEFAULT 0;\n\
           DECLARE CONTINUE HANDLER FOR SQLSTATE '45000' BEGIN END;\n\
           DO SLEEP(GREATEST(0, TIMESTAMPDIFF(MICROSECOND, NOW(6), go) / 1e6));\n\
           WHILE h < 1000 DO\n\
             INSERT INTO booking (business_id, resource_id, customer_id, starts_at, ends_at, state, price)\n\
               VALUES (1, 1, who, TIMESTAMPADD(HOUR, h, '2026-01-01'), TIMESTAMPADD(HOUR, h + 1, '2026-01-01'), 'confirmed', 10);\n\
             SET h = h + 1;\n\
           END WHILE;\n\
         END//\n\
         DELIMITER ;\n";
    let script = format!(
        "{}\n{setup}{book}",
        tables(&archetype("bookings"), "mysql", "internal")
    );
    maria.run_mysql(db, script.as_str()).unwrap();
    // The sessions start together, at a moment a little ahead, rather than as their
    // clients happen to come up.
    let go = maria
        .query(None, "SELECT NOW(6) + INTERVAL 400000 MICROSECOND")
        .unwrap();
    let go = go.trim();
    let errors: Vec<String> = std::thread::scope(|scope| {
        let sessions: Vec<_> = (1..=4)
            .map(|who| {
                scope.spawn(move || {
                    maria.query(
                        Some(db),
                        &format!(
                            "SET SESSION TRANSACTION ISOLATION LEVEL {level}; \
                             CALL book_every_hour({who}, '{go}')"
                        ),
                    )
                })
            })
            .collect();
        (sessions.into_iter())
            .filter_map(|s| s.join().unwrap().err())
            .collect()
    });
    let mut failures: Vec<String> = (errors.into_iter())
        .map(|e| format!("{level}: a session failed: {e}"))
        .collect();
    match maria.query(
        Some(db),
        "SELECT COUNT(*), COUNT(DISTINCT starts_at) FROM booking",
    ) {
        Ok(out) if out.trim() == "1000\t1000" => {}
        other => failures.push(format!(
            "{level}: bookings and distinct hours {other:?}, not 1000 and 1000"
        )),
    }
    failures
}

/// A server from `start`, or None where none is installed and the engines are not
/// required (CI requires them: there, a missing server fails the test).
fn started<T>(start: fn() -> Result<T, Unavailable>) -> Option<T> {
    match start() {
        Ok(server) => Some(server),
        Err(u) => {
            let mut failures = Vec::new();
            unavailable(&u, &mut failures);
            assert!(failures.is_empty(), "{}", failures.join("\n"));
            None
        }
    }
}

pub(super) fn started_mariadb() -> Option<MariaDb> {
    started(MariaDb::start)
}

pub(super) fn started_postgres() -> Option<Postgres> {
    started(Postgres::start)
}
