//! Short-lived values whose loss is not acceptable (sessions users must not lose), and a
//! record where no engine meets every requirement.

use std::fs;

use crate::common::advice::{advice_after, outcomes};
use crate::common::answers::{many, one};
use crate::common::run::{dbadvise, stdout_of};

use dbadvise::kb::{AnswerValue, KnowledgeBase};

/// Sessions beside a PostgreSQL the team runs, read in under a millisecond.
fn sessions(durability: &str) -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("data-kinds", many(&["ephemeral"])),
        ("existing", one("postgresql")),
        ("latency", one("sub-ms")),
        ("durability", one(durability)),
        ("cache-consistency", one("fresh-after-write")),
    ]
}

/// Django's cached_db sessions: a durable store, read through a cache that every write
/// updates. Sessions that must survive an evicting or restarting cache used to get no
/// primary at all: every durable engine failed "reads from memory in under a
/// millisecond", and every store in memory failed "a durable system of record".
#[test]
fn sessions_that_must_survive_a_cache_restart_live_in_the_database_behind_a_cache() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &sessions("system-of-record"));
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(
        advice.primary().map(|p| p.engine.as_str()),
        Some("postgresql")
    );
    assert_eq!(outcomes(&advice, "sql-vs-nosql"), ["kept-in-place-durable"]);
    let cache = advice.stack.iter().find(|c| c.role == "cache");
    let cache = cache.expect("a cache in memory serves the reads");
    let in_memory = kb.engine(&cache.engine).unwrap();
    assert!(in_memory.capabilities.iter().any(|c| c == "in-memory"));
    assert!(
        !advice.stack.iter().any(|c| c.role == "ephemeral"),
        "nothing may be lost"
    );
    assert!(outcomes(&advice, "caching").contains(&"write-through"));

    // Sessions that may be lost stay in memory beside the database, as before.
    let advice = advice_after(&kb, &sessions("may-lose"));
    assert_eq!(outcomes(&advice, "sql-vs-nosql"), ["kept-in-place"]);
    assert!(advice.stack.iter().any(|c| c.role == "ephemeral"));
}

/// Answers no engine can meet (one embedded database taking writes in several regions at
/// hundreds of thousands a second): the record said `Chosen option: ""`, because of the
/// ranking's generic reason. It now says no engine is chosen yet, and why.
#[test]
fn a_record_with_no_engine_that_meets_every_requirement_says_none_is_chosen_yet() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    fs::write(
        &answers,
        "project: Contradiction\nanswers:\n  data-kinds: [records]\n  deployment: embedded\n  \
         multi-region: multi-region-writes\n  volume: huge\n  peak-rate: hundreds-of-thousands\n",
    )
    .unwrap();
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&answers),
    );
    assert!(
        record.contains(
            "Chosen option: \"none yet\", because no engine of the catalog meets every requirement"
        ),
        "{record}"
    );
    assert!(!record.contains("Chosen option: \"\""), "{record}");
}

/// The context of those sessions' record used to say the short-lived values "may be
/// lost" beside the answer that losing them is an incident: the data's kind no longer
/// says what its loss means, the answer to that question does.
#[test]
fn a_record_of_sessions_that_must_survive_does_not_call_them_losable() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.yaml");
    fs::write(
        &answers,
        "project: Sessions\nanswers:\n  data-kinds: [ephemeral]\n  existing: postgresql\n  \
         latency: sub-ms\n  durability: system-of-record\n",
    )
    .unwrap();
    let record = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&answers),
    );
    let context = record.split("## Decision Drivers").next().unwrap();
    assert!(
        context.contains("short-lived values read and written by key"),
        "{context}"
    );
    assert!(!context.contains("may be lost"), "{context}");
}

/// Sessions beside leaderboards in one in-memory store: the checklist asks for a TTL on
/// the short-lived keys only, and for a policy that never evicts silently. "Every key
/// has a TTL" with any eviction policy would drop the leaderboards the same record keeps
/// there; and noeviction on the instance a cache shares would make a full cache refuse
/// its own writes.
#[test]
fn short_lived_keys_beside_leaderboards_are_not_evicted_silently() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "ephemeral"])),
            ("features", many(&["live"])),
            ("peak-rate", one("tens-of-thousands")),
        ],
    );
    assert!(outcomes(&advice, "secondary-stores").contains(&"realtime-store"));
    assert!(outcomes(&advice, "secondary-stores").contains(&"short-lived-store"));
    let said = advice.checklist.join("\n");
    assert!(!said.contains("Every key has a TTL"), "{said}");
    assert!(said.contains("maxmemory-policy noeviction"), "{said}");
    // The policy is the instance's: a cache beside them, which must evict, gets its own.
    assert!(
        said.contains("a cache runs on an instance of its own (allkeys-lru)"),
        "{said}"
    );
    // Review N: the appendix's example for the same instance set allkeys-lru.
    let patterns: Vec<&str> = advice.patterns.iter().map(|p| p.id.as_str()).collect();
    assert!(patterns.contains(&"redis-memory-eviction"), "{patterns:?}");
    let example = include_str!("../../knowledge/snippets/redis/redis-memory-eviction.redis");
    let commands: Vec<&str> = example.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(
        commands.contains(&"CONFIG SET maxmemory-policy noeviction")
            && !commands.iter().any(|c| c.contains("allkeys-lru")),
        "{commands:?}"
    );
}

/// Sessions and one-time codes beside a wallet's records at a few hundred requests a
/// second: no store beside the primary takes them, and the record says they live in the
/// primary's rows with an expiry, where it said nothing of them at all. At thousands a
/// second they go to memory beside it instead.
#[test]
fn short_lived_values_the_primary_can_serve_are_kept_in_its_rows_with_an_expiry() {
    let kb = KnowledgeBase::embedded();
    let at = |rate: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "ephemeral"])),
                ("existing", one("mysql")),
                ("peak-rate", one(rate)),
                ("latency", one("tens-of-ms")),
            ],
        )
    };
    let calm = at("hundreds");
    assert!(!calm.stack.iter().any(|c| c.role == "ephemeral"));
    let stores = outcomes(&calm, "secondary-stores");
    assert!(
        stores.contains(&"short-lived-in-primary-rows"),
        "{stores:?}"
    );
    let busy = at("thousands");
    assert!(busy.stack.iter().any(|c| c.role == "ephemeral"));
    let stores = outcomes(&busy, "secondary-stores");
    assert!(
        !stores.contains(&"short-lived-in-primary-rows"),
        "{stores:?}"
    );
}
