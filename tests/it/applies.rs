//! Every item knows where it applies (issue 14): a pattern or checklist item written for
//! some engines only never reaches a stack without them. The declarations are read here
//! from the knowledge base's own fields, independently of the engine's resolved bits, so
//! that a bug in either shows.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use dbadvise::engine::{advise_with_defaults, Advice};
use dbadvise::kb::{KnowledgeBase, Text};

use crate::common::run::{dbadvise, stdout_of};
use common::advice::{outside_its_stack, Counts};
use common::answers::read_answers;

fn answers_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/projects", "tests/scenarios/answers"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn advice_of(kb: &KnowledgeBase, path: &Path) -> Advice {
    advise_with_defaults(kb, &read_answers(kb, path))
}

fn project(kb: &KnowledgeBase, name: &str) -> Advice {
    advice_of(kb, &common::run::project(name))
}

#[test]
fn no_item_of_any_example_or_scenario_is_outside_its_stack() {
    let kb = KnowledgeBase::embedded();
    let (mut advices, mut counts) = (0, Counts::default());
    let mut failures = Vec::new();
    for path in answers_files() {
        let advice = advice_of(&kb, &path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        advices += 1;
        for failure in outside_its_stack(&kb, &advice, &mut counts) {
            failures.push(format!("{name}: {failure}"));
        }
    }
    println!(
        "swept {advices} advices: {} patterns and checklist items, {} of them engine-specific",
        counts.items, counts.declared
    );
    assert!(advices > 70, "found only {advices} answers files");
    assert!(
        counts.declared > 500,
        "only {} engine-specific items met",
        counts.declared
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Patterns that are PostgreSQL's own idioms.
const POSTGRESQL_PATTERNS: &[&str] = &[
    "query-explain-analyze",
    "vacuum-and-bloat",
    "index-create-concurrently",
    "index-partial",
    "index-covering",
    "index-hash",
    "index-gin-trgm",
    "index-gin-jsonb",
    "index-gin-tsvector",
    "index-brin",
    "migrations-safe",
    "types-timestamptz",
    "types-jsonb-sparingly",
    "types-text-vs-varchar",
    "types-data-type-table",
    "schema-multi-tenant-rls",
    "schema-hybrid-materialized-views",
    "diagnostic-queries",
    "troubleshooting",
    "postgres-advisory-locks",
    "keep-it-simple-one-postgres",
    "fts-postgres-first",
];

/// Words of PostgreSQL's own idioms, as titles and checklist lines would name them.
const POSTGRESQL_WORDS: &[&str] = &[
    "EXPLAIN (ANALYZE, BUFFERS)",
    "CONCURRENTLY",
    "TIMESTAMPTZ",
    "NOT VALID",
    "PgBouncer",
    "pg_stat",
    "autovacuum",
    "BYPASSRLS",
    "idle_in_transaction",
    "log_min_duration_statement",
    "GIN",
    "BRIN",
];

#[test]
fn neo4j_mysql_and_mongodb_examples_get_no_postgresql_idiom() {
    let kb = KnowledgeBase::embedded();
    for (file, primary) in [
        ("fraud-graph", "neo4j"),
        ("mysql-shop", "mysql"),
        ("social-feed", "mongodb"),
    ] {
        let advice = project(&kb, file);
        assert_eq!(
            advice.primary().map(|c| c.engine.as_str()),
            Some(primary),
            "{file}: the example's primary store moved; pick another example"
        );
        for p in advice.patterns.iter().chain(&advice.indexes) {
            assert!(
                !POSTGRESQL_PATTERNS.contains(&p.id.as_str()),
                "{file} ({primary}) gets PostgreSQL's {}",
                p.id
            );
            for word in POSTGRESQL_WORDS {
                assert!(
                    !p.title.contains(word),
                    "{file} ({primary}) gets {:?}",
                    p.title
                );
            }
        }
        for line in &advice.checklist {
            for word in POSTGRESQL_WORDS {
                assert!(!line.contains(word), "{file} ({primary}) gets {line:?}");
            }
        }
    }
}

#[test]
fn mysql_and_mongodb_get_their_own_idioms_instead() {
    let kb = KnowledgeBase::embedded();
    let ids = |advice: &Advice| -> BTreeSet<String> {
        advice
            .patterns
            .iter()
            .chain(&advice.indexes)
            .map(|p| p.id.to_string())
            .collect()
    };
    let shop = project(&kb, "mysql-shop");
    for own in [
        "mysql-explain-analyze",
        "mysql-online-ddl",
        "mysql-strict-utf8mb4",
    ] {
        assert!(ids(&shop).contains(own), "MySQL lacks {own}");
    }
    assert!(
        shop.checklist
            .iter()
            .any(|l| l.contains("EXPLAIN ANALYZE") && !l.contains("{explain}")),
        "MySQL's checklist reads plans in MySQL's terms: {:?}",
        shop.checklist
    );
    let feed = project(&kb, "social-feed");
    for own in ["mongodb-schema-validation", "index-mongodb-compound"] {
        assert!(ids(&feed).contains(own), "MongoDB lacks {own}");
    }
    assert!(
        feed.checklist.iter().any(|l| l.contains("explain(")),
        "MongoDB's checklist reads plans with explain(): {:?}",
        feed.checklist
    );
    // A stack without Redis gets no Redis pattern.
    let graph = project(&kb, "fraud-graph");
    assert!(
        ids(&graph).iter().all(|id| !id.starts_with("redis-")),
        "{:?}",
        ids(&graph)
    );
}

#[test]
fn every_engine_specific_pattern_and_check_names_a_real_engine() {
    // The embedded base passes `kb check`; this says what the declarations cover.
    let kb = KnowledgeBase::embedded();
    let families = kb.families();
    let declared: Vec<&Text> = kb
        .patterns
        .iter()
        .flat_map(|p| &p.engines)
        .chain(
            kb.trees
                .iter()
                .flat_map(|t| &t.nodes)
                .filter_map(|n| n.outcome.as_ref())
                .flat_map(|o| &o.checklist)
                .flat_map(|c| &c.engines),
        )
        .collect();
    assert!(declared.len() > 100);
    for d in declared {
        assert!(
            kb.engine(d).is_some() || families.contains(d.as_str()),
            "{d} is neither an engine nor a family"
        );
    }
}

/// Runs `kb check DIR`, expected to fail; returns stderr.
fn check_fails(dir: &Path) -> String {
    let out = dbadvise().args(["kb", "check"]).arg(dir).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "kb check should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn kb_check_refuses_an_item_for_an_unknown_engine_or_one_that_lacks_its_feature() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mine.yaml"),
        "\
patterns:
  - id: vacuum-and-bloat
    engines: [postgres]
  - id: invariant-no-overlap
    engines: [postgresql, mysql]
  - id: transactions
    needs: [multi-row-transaction]
trees:
  - id: our-checks
    title: Our checks
    order: 95
    start: done
    nodes:
      - id: done
        outcome:
          title: Our own checks
          summary: What our platform team wants checked.
          checklist:
            - text: Every collection has an owner.
              engines: [mongo]
            - text: Every hot query has been checked with {explain}.
              engines: [dynamodb]
            - Every table is reviewed with {plan}.
",
    )
    .unwrap();
    let err = check_fails(dir.path());
    for (what, wanted) in [
        (
            "unknown engine, with a suggestion",
            "`postgres` (did you mean `postgresql`?)",
        ),
        ("a lacking feature", "`mysql` lacks `exclusion-constraints`"),
        (
            "an unknown capability",
            "`multi-row-transaction` (did you mean `multi-row-transactions`?)",
        ),
        (
            "an unknown engine in a checklist",
            "`mongo` (did you mean `mongodb`?)",
        ),
        (
            "a plan tool the engine lacks",
            "`dynamodb` has no `explain`",
        ),
        ("an unknown placeholder", "unknown placeholder `{plan}`"),
    ] {
        assert!(err.contains(wanted), "{what}: {err}");
    }
    assert!(err.contains("mine.yaml:"), "names the file: {err}");

    // A misspelt field of a checklist item is named, with the field meant.
    fs::write(
        dir.path().join("mine.yaml"),
        "\
trees:
  - id: our-checks
    title: Our checks
    order: 95
    start: done
    nodes:
      - id: done
        outcome:
          title: Our own checks
          summary: What our platform team wants checked.
          checklist:
            - text: Every collection has an owner.
              engine: [mongodb]
",
    )
    .unwrap();
    let err = check_fails(dir.path());
    assert!(
        err.contains("mine.yaml:13") && err.contains("engine") && err.contains("engines"),
        "{err}"
    );

    // Fixed, the same items load, and the engine keeps them to their engines.
    fs::write(
        dir.path().join("mine.yaml"),
        "\
patterns:
  - id: transactions
    engines: [postgresql]
",
    )
    .unwrap();
    stdout_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
}

/// Review N: the MySQL starter schema of a SaaS said row-level security scopes each
/// session and an API key is found in a SECURITY DEFINER function or as a BYPASSRLS
/// role, then that the engine has no row-level security. No domain's MySQL tables
/// speak of PostgreSQL's own devices.
#[test]
fn no_domain_s_mysql_tables_speak_of_postgresql_devices() {
    let archetypes = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/archetypes");
    let mut said = Vec::new();
    for entry in fs::read_dir(&archetypes).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let sql = stdout_of(dbadvise().args(["schema", "--archetype", &id, "--engine", "mysql"]));
        let comments: Vec<&str> = sql.lines().filter_map(|l| l.strip_prefix("--")).collect();
        let prose = comments
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for word in [
            "row-level security scopes",
            "BYPASSRLS",
            "SECURITY DEFINER function",
            "tsvector",
            "JSONB",
            "CONCURRENTLY",
            "TIMESTAMPTZ",
            "hypertable",
        ] {
            if prose.contains(word) {
                said.push(format!("{id}: {word}"));
            }
        }
    }
    assert!(said.is_empty(), "{said:?}");
}
