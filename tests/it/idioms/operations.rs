//! How the primary store is run fits what it is: an engine that runs inside its
//! application (SQLite, DuckDB) is not told to pool connections or to watch a
//! cluster's capacity, and DuckDB's own limits (one writer per file, queries that
//! outgrow memory) are named; a store that shards by itself reads from the replicas of
//! its shards, or from followers, rather than being told replicas spare it sharding, in
//! its own terms without the other distributed engines' names; a search or vector
//! primary keeps tenants apart by index or by filter. The MySQL snippets give a
//! MySQL 8 team no statement only MariaDB knows, unless a comment says it is MariaDB's.

use super::{advice, outcomes, with_answers};
use crate::common::answers::{every_advice, every_answers_text};
use dbadvise::kb::KnowledgeBase;

/// The operations outcomes written for a server or a cluster reached over the network.
const FOR_SERVERS: &[&str] = &["ops-client", "ops-server-sql", "ops-distributed-sql"];

#[test]
fn an_embedded_primary_is_not_run_like_a_server() {
    let kb = KnowledgeBase::embedded();
    let mut embedded = 0;
    for (path, advice) in every_advice(&kb) {
        let Some(primary) = advice.primary().and_then(|c| kb.engine(&c.engine)) else {
            continue;
        };
        if primary.has("client-server") {
            continue;
        }
        embedded += 1;
        let reached = outcomes(&advice, "operations");
        for server in FOR_SERVERS {
            assert!(
                !reached.contains(server),
                "{}: {} gets {server}: {reached:?}",
                path.display(),
                primary.id
            );
        }
    }
    assert!(embedded >= 2, "only {embedded} embedded primaries");
}

#[test]
fn duckdb_is_run_with_one_writer_and_a_memory_limit() {
    let kb = KnowledgeBase::embedded();
    let path = "tests/scenarios/answers/021-single-analyst-small-data.yaml";
    let advice = crate::common::answers::advice_of(&kb, path);
    assert_eq!(advice.primary().map(|c| c.engine.as_str()), Some("duckdb"));
    assert!(outcomes(&advice, "operations").contains(&"ops-duckdb"));
    let checklist: Vec<&str> = advice.checklist.iter().map(|t| t.as_str()).collect();
    let checklist = checklist.join("\n");
    assert!(checklist.contains("read-write"), "{checklist}");
    assert!(checklist.contains("memory_limit"), "{checklist}");
}

/// Read-heavy at tens of thousands of requests a second: the answers that call for
/// reads served by copies of the data.
const READ_HEAVY: &[(&str, &str)] = &[
    ("read-write", "read-heavy"),
    ("peak-rate", "tens-of-thousands"),
];

#[test]
fn a_store_that_shards_by_itself_is_not_told_replicas_spare_it_sharding() {
    let kb = KnowledgeBase::embedded();
    let mut sharded = 0;
    for (path, text) in every_answers_text() {
        let text = with_answers(&text, READ_HEAVY);
        let advice = advice(&kb, &text);
        let Some(primary) = advice.primary().and_then(|c| kb.engine(&c.engine)) else {
            continue;
        };
        if primary.family != "relational" || !primary.has("horizontal-writes") {
            continue;
        }
        sharded += 1;
        let reached = outcomes(&advice, "operations");
        let own = ["shard-replicas", "follower-reads", "follower-reads-crdb"];
        let own = own
            .iter()
            .chain(&["follower-reads-yb", "stale-reads-spanner"]);
        assert!(
            own.clone().any(|o| reached.contains(o)),
            "{}: {} gets {reached:?}",
            path.display(),
            primary.id
        );
        // Its copies are read in its own terms: no other distributed engine is named.
        let ops = advice.decisions.iter().filter(|d| d.tree == "operations");
        let said: String = ops
            .map(|d| format!("{} {} ", d.summary, d.reason))
            .collect();
        for other in ["TiDB", "CockroachDB", "YugabyteDB", "Spanner"] {
            let named = said.contains(other) && !primary.name.contains(other);
            assert!(
                !named,
                "{}: {} hears of {other}",
                path.display(),
                primary.id
            );
        }
        // "Replicas add read capacity without sharding" is said of one server.
        assert!(!reached.contains(&"replicas"), "{}", path.display());
    }
    assert!(sharded >= 5, "only {sharded} sharded relational primaries");
}

/// A search or vector primary keeps tenants apart by index or collection, or by a filter
/// every query carries: never "a database per tenant, migrated by automation", nor "the
/// tenant id leads every partition key". 012's clients must be strictly isolated.
#[test]
fn a_search_primary_keeps_tenants_apart_by_index_or_by_filter() {
    let kb = KnowledgeBase::embedded();
    let text =
        std::fs::read_to_string("tests/scenarios/answers/012-financial-documents-in-vpc.yaml")
            .unwrap();
    for (tenancy, wanted) in [
        ("isolated", "tenant-indexes"),
        ("shared", "tenant-filtered-search"),
    ] {
        let text = with_answers(&text, &[("multi-tenant", tenancy)]);
        let advice = advice(&kb, &text);
        let primary = advice.primary().map(|c| c.engine.to_string()).unwrap();
        assert!(
            ["elasticsearch", "opensearch", "qdrant"].contains(&primary.as_str()),
            "{primary}"
        );
        let reached = outcomes(&advice, "operations");
        assert!(reached.contains(&wanted), "{tenancy}: {reached:?}");
        for wrong in ["tenant-databases", "tenant-key"] {
            assert!(!reached.contains(&wrong), "{tenancy}: {reached:?}");
        }
    }
}

/// Names MariaDB has and MySQL 8 does not: a MySQL 8 server refuses the statement.
const MARIADB_ONLY: &[&str] = &[
    "max_statement_time",
    "information_schema.innodb_lock_waits",
    "set statement",
    "create or replace table",
    "create sequence",
    "returning",
];

#[test]
fn mysql_snippets_label_each_statement_only_mariadb_runs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/snippets/mysql");
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap();
        files += 1;
        // The last comment line before each statement line says whose it is.
        let mut label = String::new();
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if let Some(comment) = trimmed.strip_prefix("--") {
                label = comment.trim().to_string();
                continue;
            }
            if trimmed.is_empty() {
                label.clear();
                continue;
            }
            let lower = line.to_lowercase();
            if let Some(name) = MARIADB_ONLY.iter().find(|name| lower.contains(*name)) {
                assert!(
                    label.starts_with("MariaDB"),
                    "{}:{}: `{name}` is MariaDB's, and no `-- MariaDB` comment says so: {line}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
    assert!(files >= 10, "only {files} MySQL snippets");
}

/// Row-level security hides every row from a session with no tenant set: a PostgreSQL
/// primary with it is told where the jobs that cross tenants get their role (the real
/// engine proves both halves in `schema::postgresql`).
#[test]
fn row_level_security_names_the_role_of_jobs_across_tenants() {
    let kb = KnowledgeBase::embedded();
    let mut seen = 0;
    for (path, advice) in every_advice(&kb) {
        let rls = outcomes(&advice, "operations").contains(&"tenant-rls");
        if !rls || advice.primary().map(|c| c.engine.as_str()) != Some("postgresql") {
            continue;
        }
        seen += 1;
        assert!(
            advice
                .checklist
                .iter()
                .any(|t| t.contains("Jobs that work across tenants") && t.contains("BYPASSRLS")),
            "{}",
            path.display()
        );
    }
    assert!(
        seen >= 3,
        "only {seen} PostgreSQL primaries with row-level security"
    );
}

/// Settings MySQL 8 and MariaDB name differently: wherever the knowledge base names
/// MySQL 8's, it names MariaDB's too, since a MariaDB server refuses the other.
const NAMED_TWICE: &[(&str, &str)] = &[
    (
        "rpl_semi_sync_source_wait_point",
        "rpl_semi_sync_master_wait_point",
    ),
    ("max_execution_time", "max_statement_time"),
];

#[test]
fn a_setting_mysql_8_and_mariadb_name_differently_is_named_both_ways() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    let mut files = vec![root.clone()];
    let mut named = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // A YAML text, or a snippet file's statement with its label, is read as a whole.
        for (mysql, mariadb) in NAMED_TWICE {
            if text.contains(mysql) {
                named += 1;
                assert!(
                    text.contains(mariadb),
                    "{} names {mysql} (MySQL 8) but not {mariadb} (MariaDB)",
                    path.display()
                );
            }
        }
    }
    assert!(named >= 2, "the settings are named nowhere: {named}");
}
