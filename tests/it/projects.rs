//! Real projects, answered as their architects would, and what dbadvise must advise.
//! Each answers file lives in `tests/projects/`; the expectations are here so that a
//! change to the knowledge base that changes the advice shows up as a failing test.

use std::collections::BTreeSet;

use crate::common::answers::read_answers;
use crate::common::run::project;
use dbadvise::engine::advise::{advise, Advice};
use dbadvise::kb::KnowledgeBase;

struct Project {
    file: &'static str,
    /// Every role of the recommended stack, primary included, with the engines that are
    /// right for it (one, or a few the project's architects would accept alike).
    stack: &'static [(&'static str, &'static [&'static str])],
    indexes: &'static [&'static str],
    patterns: &'static [&'static str],
}

const PROJECTS: &[Project] = &[
    // The seeds' four worked examples.
    Project {
        file: "ecommerce-catalogue",
        stack: &[
            ("primary", &["postgresql"]),
            ("search", &["postgresql"]),
            ("cache", &["redis", "valkey"]),
        ],
        indexes: &[
            "index-btree",
            "index-partial",
            "index-gin-tsvector",
            "index-composite",
        ],
        patterns: &[
            "types-money-numeric",
            "cache-aside",
            "fts-postgres-first",
            "cache-stampede",
        ],
    },
    Project {
        file: "social-feed",
        stack: &[
            ("primary", &["mongodb"]),
            ("cache", &["redis", "valkey"]),
            ("ephemeral", &["redis", "valkey"]),
            // Media beside the posts.
            ("object-store", &["s3"]),
        ],
        indexes: &["index-mongodb-compound"],
        patterns: &[
            "document-hybrid",
            "cache-aside",
            "redis-realtime",
            "cache-penetration",
        ],
    },
    Project {
        file: "multi-tenant-saas",
        stack: &[("primary", &["postgresql"]), ("search", &["postgresql"])],
        indexes: &["index-composite", "index-expression"],
        patterns: &["schema-multi-tenant-rls", "schema-normalize-3nf"],
    },
    Project {
        file: "timeseries-metrics",
        stack: &[
            ("primary", &["timescaledb"]),
            ("time-series", &["timescaledb"]),
            ("object-store", &["s3"]),
        ],
        indexes: &["index-btree-range-sort"],
        patterns: &[
            "timeseries-hypertable",
            "timeseries-continuous-aggregates",
            "tiered-storage-archive",
        ],
    },
    // Projects of our own.
    Project {
        file: "chat-app",
        stack: &[
            ("primary", &["postgresql"]),
            ("search", &["postgresql"]),
            // Presence and typing indicators; a write-heavy chat gets no read cache.
            ("ephemeral", &["redis", "valkey"]),
        ],
        indexes: &["index-btree", "index-gin-tsvector"],
        patterns: &["redis-realtime", "schema-multi-tenant-rls"],
    },
    Project {
        file: "payments-ledger",
        stack: &[("primary", &["postgresql"]), ("queue", &["postgresql"])],
        indexes: &["index-covering", "index-btree-range-sort"],
        patterns: &[
            "schema-ledger-double-entry",
            "types-money-numeric",
            "job-queue-skip-locked",
            "keys-uuid",
        ],
    },
    Project {
        file: "internal-tool",
        stack: &[("primary", &["postgresql"])],
        indexes: &["index-btree"],
        patterns: &["keep-it-simple-one-postgres", "keys-bigint-identity"],
    },
    Project {
        file: "mobile-offline",
        // Inspectors' tablets work offline and sync: a store built for sync, not SQLite
        // alone with no sync and no conflict handling.
        stack: &[
            ("primary", &["couchdb", "couchbase", "firestore"]),
            ("search", &["couchdb", "couchbase", "firestore"]),
            ("sync", &["couchdb", "couchbase", "firestore"]),
        ],
        indexes: &[],
        patterns: &["keys-uuid", "offline-sync-conflicts"],
    },
    Project {
        file: "iot-fleet",
        stack: &[
            ("primary", &["influxdb", "timescaledb", "clickhouse"]),
            ("time-series", &["influxdb", "timescaledb", "clickhouse"]),
            ("object-store", &["s3"]),
        ],
        indexes: &[],
        patterns: &["tiered-storage-archive"],
    },
    Project {
        file: "serverless-carts",
        stack: &[("primary", &["dynamodb"])],
        indexes: &[],
        patterns: &["dynamodb-single-table"],
    },
    Project {
        file: "fraud-graph",
        stack: &[("primary", &["neo4j"]), ("graph", &["neo4j"])],
        indexes: &[],
        patterns: &["neo4j-graph-model"],
    },
    Project {
        file: "global-banking",
        stack: &[("primary", &["cockroachdb"])],
        indexes: &["index-btree"],
        // CockroachDB's own UUID advice: random keys, hash-sharded where ordered (the
        // generic keys-uuid prefers time-ordered UUIDv7, a hotspot there).
        patterns: &["types-money-numeric", "keys-crdb-uuid-hash-sharded"],
    },
    Project {
        file: "log-search",
        stack: &[
            ("primary", &["elasticsearch", "opensearch"]),
            ("search", &["elasticsearch", "opensearch"]),
            ("object-store", &["s3"]),
        ],
        indexes: &[],
        patterns: &["tiered-storage-archive"],
    },
    Project {
        file: "messaging-inbox",
        stack: &[
            ("primary", &["cassandra", "scylladb"]),
            ("object-store", &["s3"]),
        ],
        indexes: &[],
        // Write-heavy inboxes read by key get no read cache.
        patterns: &["cassandra-query-first-tables"],
    },
    Project {
        file: "mysql-shop",
        stack: &[
            ("primary", &["mysql"]),
            ("search", &["mysql"]),
            ("cache", &["redis", "valkey"]),
        ],
        indexes: &["index-mysql-btree-fulltext"],
        patterns: &["types-money-numeric", "cache-aside"],
    },
    Project {
        file: "analytics-saas",
        stack: &[
            // Terabytes of tenants' events: PostgreSQL sharded by tenant with Citus
            // serves the app and the analysis, or PostgreSQL beside a column store.
            ("primary", &["citus", "postgresql"]),
            ("analytics", &["citus", "clickhouse"]),
            ("object-store", &["s3"]),
        ],
        indexes: &["index-gin-jsonb", "index-btree-range-sort"],
        patterns: &["sharding-postgres-citus", "schema-multi-tenant-rls"],
    },
    Project {
        file: "store-locator",
        stack: &[("primary", &["postgresql"]), ("search", &["postgresql"])],
        indexes: &[
            "index-gist-postgis",
            "index-hnsw-pgvector",
            "index-gin-trgm",
        ],
        patterns: &["keep-it-simple-one-postgres"],
    },
];

fn advice_for(kb: &KnowledgeBase, name: &str) -> Advice {
    advise(kb, &read_answers(kb, project(name)))
}

fn missing<'a>(wanted: &[&'a str], have: &BTreeSet<String>) -> Vec<&'a str> {
    wanted
        .iter()
        .copied()
        .filter(|w| !have.contains(*w))
        .collect()
}

#[test]
fn every_project_gets_the_advice_its_architects_expect() {
    let kb = KnowledgeBase::embedded();
    let mut failures = Vec::new();
    for p in PROJECTS {
        let advice = advice_for(&kb, p.file);
        if !advice.complete {
            failures.push(format!(
                "{}: incomplete, pending {:?}",
                p.file, advice.pending
            ));
            continue;
        }
        let stack: Vec<(String, String)> = advice
            .stack
            .iter()
            .map(|c| (c.role.to_string(), c.engine.to_string()))
            .collect();
        let right = stack.len() == p.stack.len()
            && p.stack.iter().all(|(role, engines)| {
                stack
                    .iter()
                    .any(|(r, e)| r == role && engines.contains(&e.as_str()))
            });
        if !right {
            failures.push(format!(
                "{}: stack is {stack:?}, expected {:?}",
                p.file, p.stack
            ));
        }
        let indexes: BTreeSet<String> = advice.indexes.iter().map(|i| i.id.to_string()).collect();
        let lacking = missing(p.indexes, &indexes);
        if !lacking.is_empty() {
            failures.push(format!(
                "{}: indexes lack {lacking:?} (have {indexes:?})",
                p.file
            ));
        }
        let patterns: BTreeSet<String> = advice.patterns.iter().map(|i| i.id.to_string()).collect();
        let lacking = missing(p.patterns, &patterns);
        if !lacking.is_empty() {
            failures.push(format!(
                "{}: patterns lack {lacking:?} (have {patterns:?})",
                p.file
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_project_file_is_checked_above() {
    let dir = format!("{}/tests/projects", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = PROJECTS.iter().map(|p| p.file.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(
        PROJECTS.len() >= 12,
        "the issue asks for the four seed examples and eight more"
    );
}

#[test]
fn every_component_and_decision_says_why() {
    let kb = KnowledgeBase::embedded();
    for p in PROJECTS {
        let advice = advice_for(&kb, p.file);
        for c in &advice.stack {
            assert!(
                !c.because.is_empty(),
                "{}: {} {} has no because",
                p.file,
                c.role,
                c.engine
            );
        }
        for d in &advice.decisions {
            assert!(
                !d.path.is_empty(),
                "{}: decision {} has no path",
                p.file,
                d.outcome
            );
        }
        // The primary's alternatives are ranked and each loser says why it lost.
        assert!(
            !advice.alternatives.is_empty(),
            "{}: no alternatives",
            p.file
        );
    }
}

#[test]
fn snippets_follow_the_chosen_engines() {
    let kb = KnowledgeBase::embedded();
    let shop = advice_for(&kb, "ecommerce-catalogue");
    assert!(shop.snippets.iter().any(|s| s.dialect == "postgresql"));
    assert!(
        shop.snippets
            .iter()
            .all(|s| s.dialect != "mongodb" && s.dialect != "mysql"),
        "a PostgreSQL shop gets no MongoDB or MySQL snippets: {:?}",
        shop.snippets.iter().map(|s| &s.file).collect::<Vec<_>>()
    );
    let feed = advice_for(&kb, "social-feed");
    assert!(feed.snippets.iter().any(|s| s.dialect == "mongodb"));
    assert!(feed.snippets.iter().any(|s| s.dialect == "redis"));
}

/// The operations every checklist covers, by the words that name them: each may be asked
/// once per advice, by the line that fits the engine, never by a generic line beside it.
const CHECKS_SAID_ONCE: &[&[&str]] = &[
    &[
        "slow-query",
        "slow query",
        "slow operations",
        "pg_stat_statements",
    ],
    &["restore", "backs up", "backup"],
    &["pool"],
];

#[test]
fn every_check_is_said_once_for_every_project_and_scenario() {
    let kb = KnowledgeBase::embedded();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["tests/projects", "tests/scenarios/answers"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 70, "found only {} answers files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        let answers = read_answers(&kb, file);
        let advice = dbadvise::engine::advise_with_defaults(&kb, &answers);
        let lines: Vec<String> = advice.checklist.iter().map(|l| l.to_lowercase()).collect();
        let unique: BTreeSet<&String> = lines.iter().collect();
        if unique.len() != lines.len() {
            failures.push(format!("{name}: a checklist line appears twice"));
        }
        for words in CHECKS_SAID_ONCE {
            let saying: Vec<&String> = lines
                .iter()
                .filter(|l| words.iter().any(|w| l.contains(w)))
                .collect();
            if saying.len() > 1 {
                failures.push(format!("{name}: {saying:?}"));
            }
        }
        for (what, ids) in [
            (
                "pattern",
                advice
                    .patterns
                    .iter()
                    .map(|p| p.id.to_string())
                    .collect::<Vec<_>>(),
            ),
            (
                "snippet",
                advice.snippets.iter().map(|s| s.file.to_string()).collect(),
            ),
            (
                "index",
                advice.indexes.iter().map(|i| i.id.to_string()).collect(),
            ),
        ] {
            if ids.iter().collect::<BTreeSet<_>>().len() != ids.len() {
                failures.push(format!("{name}: a {what} appears twice"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The primary's ranking as shown, engine ids in order.
fn primary_ranking(advice: &Advice) -> Vec<String> {
    advice
        .alternatives
        .iter()
        .filter(|a| a.role.as_str() == "primary" && a.eliminated.is_none())
        .map(|a| a.engine.to_string())
        .collect()
}

#[test]
fn an_extension_is_shown_beside_its_base_only_where_it_adds_something() {
    let kb = KnowledgeBase::embedded();
    // A shop's records: TimescaleDB would be PostgreSQL again, one place lower.
    let shop = primary_ranking(&advice_for(&kb, "ecommerce-catalogue"));
    assert_eq!(
        shop.first().map(String::as_str),
        Some("postgresql"),
        "{shop:?}"
    );
    assert!(!shop.iter().any(|e| e == "timescaledb"), "{shop:?}");
    assert!(shop.len() >= 4, "the places go to other engines: {shop:?}");
    // Measurements: TimescaleDB serves them itself, and is shown (here it is chosen).
    let metrics = primary_ranking(&advice_for(&kb, "timeseries-metrics"));
    assert!(metrics.iter().any(|e| e == "timescaledb"), "{metrics:?}");
    assert!(metrics.iter().any(|e| e == "postgresql"), "{metrics:?}");
}
