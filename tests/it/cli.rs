//! The headless commands as a user runs them: output, files written and exit codes.

use std::fs;

use crate::common::run::{dbadvise, failure_of, json_of, project, stdout_of};

#[test]
fn questions_lists_every_question_in_each_format() {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    let text = stdout_of(dbadvise().arg("questions"));
    let json = json_of(dbadvise().args(["questions", "--format", "json"]));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&stdout_of(dbadvise().args([
        "questions",
        "--format",
        "yaml",
    ])))
    .unwrap();
    let listed = json.as_array().expect("a JSON list of questions");
    assert_eq!(listed.len(), kb.questions.len());
    for q in &kb.questions {
        assert!(text.contains(q.id.as_str()), "text lacks {}", q.id);
        assert!(
            text.contains(q.prompt.trim()),
            "text lacks the prompt of {}",
            q.id
        );
        let entry = listed.iter().find(|j| j["id"] == q.id.as_str()).unwrap();
        assert_eq!(entry["section"], q.section.as_str());
        assert_eq!(entry["options"].as_array().unwrap().len(), q.options.len());
        for o in &q.options {
            assert!(
                text.contains(o.id.as_str()),
                "text lacks option {} of {}",
                o.id,
                q.id
            );
        }
    }
    assert_eq!(yaml.as_sequence().unwrap().len(), kb.questions.len());
}

#[test]
fn output_files_are_never_overwritten_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("decision.md");
    let answers = project("internal-tool");
    dbadvise()
        .arg("recommend")
        .arg("--answers")
        .arg(&answers)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let first = fs::read_to_string(&out).unwrap();
    assert!(first.contains("PostgreSQL"));

    fs::write(&out, "my own notes").unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .arg("recommend")
            .arg("--answers")
            .arg(&answers)
            .arg("-o")
            .arg(&out),
    );
    assert_eq!(code, 6);
    assert!(err.contains("decision.md"), "{err}");
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "my own notes",
        "the existing file is untouched"
    );

    dbadvise()
        .arg("recommend")
        .arg("--answers")
        .arg(&answers)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&out).unwrap(), first);
    // The record and the files beside it, named after it; no temporary files are left.
    let mut written: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "decision.answers.yaml",
            "decision.md",
            "decision.schema.sql"
        ]
    );
    let leftovers = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 3, "no temporary files are left behind");

    let (code, _) = failure_of(
        dbadvise()
            .arg("recommend")
            .arg("--answers")
            .arg(&answers)
            .arg("-o")
            .arg(dir.path().join("no/such/dir.md")),
    );
    assert_eq!(code, 6);
}

#[test]
fn kb_check_passes_on_the_embedded_knowledge_base() {
    let out = stdout_of(dbadvise().args(["kb", "check"]));
    assert!(out.starts_with("knowledge base OK"), "{out}");
}

#[test]
fn kb_export_writes_a_knowledge_base_that_checks_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let kb_dir = dir.path().join("kb");
    dbadvise()
        .args(["kb", "export"])
        .arg(&kb_dir)
        .assert()
        .success();
    assert!(kb_dir.join("README.md").exists());
    assert!(kb_dir.join("trees").is_dir());
    let (code, _) = failure_of(dbadvise().args(["kb", "export"]).arg(&kb_dir));
    assert_eq!(code, 6, "export refuses to overwrite");
    dbadvise()
        .args(["kb", "check"])
        .arg(&kb_dir)
        .assert()
        .success();

    // A company changes an engine's name in its copy: the override wins by id.
    let engines = kb_dir.join("catalog/engines.yaml");
    let text = fs::read_to_string(&engines).unwrap().replacen(
        "name: PostgreSQL",
        "name: PostgreSQL (approved)",
        1,
    );
    fs::write(&engines, text).unwrap();
    let json = json_of(
        dbadvise()
            .arg("--kb")
            .arg(&kb_dir)
            .args(["recommend", "--format", "json", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(json["stack"][0]["name"], "PostgreSQL (approved)");
}

/// (role, engine) → score of every alternative `recommend` shows.
fn scores(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["role"].as_str().unwrap().to_string(),
                a["engine"].as_str().unwrap().to_string(),
                a["score"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The embedded knowledge base with the overlay directory `dir` on top.
fn with_overlay(dir: &std::path::Path) -> dbadvise::kb::KnowledgeBase {
    dbadvise::kb::load(&[dir.to_path_buf()]).unwrap_or_else(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        panic!("the overlay does not load:\n{}", list.join("\n"))
    })
}

#[test]
fn an_engine_can_extend_only_an_engine_the_catalog_has() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("engines.yaml"),
        "engines: [{id: citus, extends: postgress}]\n",
    )
    .unwrap();
    let Err(problems) = dbadvise::kb::load(&[dir.path().to_path_buf()]) else {
        panic!("an unknown base is refused");
    };
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("extends") && t.contains("postgress") && t.contains("postgresql")),
        "{text:?}"
    );
}

#[test]
fn an_overlay_changes_one_field_of_an_engine_and_nothing_else() {
    use dbadvise::kb::{KnowledgeBase, Rating};
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("engines.yaml"),
        "engines: [{id: mysql, ratings: {complex-queries: poor}}]\n",
    )
    .unwrap();
    let base = KnowledgeBase::embedded();
    let kb = with_overlay(dir.path());
    let before = base.engine("mysql").unwrap();
    let after = kb.engine("mysql").unwrap();
    assert_ne!(
        before.ratings["complex-queries"],
        Rating::Poor,
        "a real change"
    );
    assert_eq!(after.ratings["complex-queries"], Rating::Poor);
    // Every other field of MySQL, and every other engine, as embedded.
    let mut expected = serde_yaml::to_value(before).unwrap();
    expected["ratings"]["complex-queries"] = serde_yaml::Value::from("poor");
    assert_eq!(serde_yaml::to_value(after).unwrap(), expected);
    assert_eq!(kb.engines.len(), base.engines.len());
    for e in base.engines.iter().filter(|e| e.id != "mysql") {
        assert_eq!(
            serde_yaml::to_value(kb.engine(&e.id).unwrap()).unwrap(),
            serde_yaml::to_value(e).unwrap(),
            "{} changed",
            e.id
        );
    }
    // On the command line: MySQL scores lower for the MySQL shop, no other score moves.
    let recommend = |overlay: bool| {
        let mut cmd = dbadvise();
        if overlay {
            cmd.arg("--kb").arg(dir.path());
        }
        json_of(
            cmd.args(["recommend", "--format", "json", "--answers"])
                .arg(project("mysql-shop")),
        )
    };
    let (plain, changed) = (scores(&recommend(false)), scores(&recommend(true)));
    assert_eq!(plain.len(), changed.len(), "{plain:?}\n{changed:?}");
    for ((role, engine, was), (_, _, now)) in plain.iter().zip(&changed) {
        if role == "primary" && engine == "mysql" {
            assert!(now < was, "MySQL's score: {was} → {now}");
        } else {
            assert_eq!(now, was, "{role} {engine}");
        }
    }
}

#[test]
fn an_overlay_question_asked_before_the_stores_eliminates_engines_without_its_capability() {
    use dbadvise::engine::{parse_answers, walk};
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("drivers.yaml"),
        "questions:\n  - id: drivers\n    section: Platform\n    prompt: Must the applications keep their PostgreSQL drivers?\n    help: Every service is written against the PostgreSQL protocol.\n    kind: one\n    ask: {before: stores}\n    options:\n      - {id: \"yes\", label: \"Yes\", requires: [postgresql-protocol]}\n      - {id: \"no\", label: \"No\"}\n",
    )
    .unwrap();
    let kb = with_overlay(dir.path());
    // Asked before the stores: with every other answer of the MySQL shop given, it is the
    // next question, and no store is chosen until it is answered.
    let shop = fs::read_to_string(project("mysql-shop")).unwrap();
    let answers = parse_answers(&kb, "mysql-shop.yaml", &shop).unwrap();
    let open = walk(&kb, &answers);
    assert_eq!(open.next_question(), Some("drivers"), "{:?}", open.pending);
    assert!(open.stack.is_none(), "the stores wait for it");
    let answered = parse_answers(
        &kb,
        "mysql-shop.yaml",
        &format!("{shop}  drivers: \"no\"\n"),
    )
    .unwrap();
    let path = walk(&kb, &answered).asked;
    let at = |q: &str| {
        path.iter()
            .position(|a| *a == q)
            .unwrap_or_else(|| panic!("{q} is not asked: {path:?}"))
    };
    assert!(
        at("features") < at("drivers") && at("drivers") < at("multi-tenant"),
        "after the questions of the stores, before the later trees': {path:?}"
    );
    let (code, err) = failure_of(
        dbadvise()
            .arg("--kb")
            .arg(dir.path())
            .args(["recommend", "--answers"])
            .arg(project("mysql-shop")),
    );
    assert_eq!(code, 5);
    assert!(err.contains("drivers: Must the applications keep"), "{err}");
    // Answered yes: every engine without the PostgreSQL protocol is out, MySQL with it.
    let files = tempfile::tempdir().unwrap();
    let run = |answer: &str| {
        let file = files.path().join(format!("shop-{answer}.yaml"));
        fs::write(&file, format!("{shop}  drivers: \"{answer}\"\n")).unwrap();
        json_of(
            dbadvise()
                .arg("--kb")
                .arg(dir.path())
                .args(["recommend", "--format", "json", "--answers"])
                .arg(&file),
        )
    };
    let yes = run("yes");
    let primary = yes["stack"][0]["engine"].as_str().unwrap();
    let has = |engine: &str| {
        kb.engine(engine)
            .unwrap()
            .capabilities
            .iter()
            .any(|c| c == "postgresql-protocol")
    };
    assert!(has(primary), "{primary} is the primary");
    assert_ne!(primary, "mysql");
    let ranked: Vec<&serde_json::Value> = yes["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["role"] == "primary")
        .collect();
    for a in &ranked {
        let engine = a["engine"].as_str().unwrap();
        assert_eq!(a["eliminated"].is_string(), !has(engine), "{a}");
    }
    let mysql = ranked
        .iter()
        .find(|a| a["engine"] == "mysql")
        .expect("MySQL, the team's engine, is shown as eliminated");
    let why = mysql["eliminated"].as_str().unwrap();
    assert!(
        why.contains("the PostgreSQL wire protocol") && why.contains("drivers = yes"),
        "{why}"
    );
    // Answered no: the MySQL shop stays on MySQL.
    assert_eq!(run("no")["stack"][0]["engine"], "mysql");
}

#[test]
fn a_broken_knowledge_base_names_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mine.yaml"),
        "questions:\n  - id: budget\n    section: Team\n    prompt: What is the budget?\n    hlep: Money matters.\n    kind: text\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("tree.yaml"),
        "trees:\n  - id: budget-tree\n    title: Budget\n    order: 90\n    start: ask\n    nodes:\n      - id: ask\n        question: budgett\n        next: nowhere\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("syntax.yaml"),
        "patterns:\n  - id: x\n    title: a: b\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("mine.yaml:5"),
        "unknown field at its line: {err}"
    );
    assert!(
        err.contains("hlep") && err.contains("help"),
        "suggests the field: {err}"
    );
    assert!(
        err.contains("syntax.yaml:3"),
        "syntax error at its line: {err}"
    );
    // Links between files are checked once every file parses, so that a file that failed
    // to parse does not also show up as a cascade of unknown ids.
    fs::write(
        dir.path().join("mine.yaml"),
        "questions:\n  - id: budget\n    section: Team\n    prompt: What is the budget?\n    help: Money matters.\n    kind: text\n",
    )
    .unwrap();
    fs::remove_file(dir.path().join("syntax.yaml")).unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("tree.yaml:8") && err.contains("budgett"),
        "dangling question: {err}"
    );
    assert!(err.contains("nowhere"), "dangling node: {err}");
    // The same problems stop every command that loads the knowledge base.
    let (code, _) = failure_of(dbadvise().arg("--kb").arg(dir.path()).arg("questions"));
    assert_eq!(code, 3);
}

#[test]
fn usage_errors_have_their_own_exit_code() {
    let (code, err) =
        failure_of(dbadvise().args(["recommend", "--format", "pdf", "--answers", "x.yaml"]));
    assert_eq!(code, 2);
    assert!(err.contains("markdown") && err.contains("json"), "{err}");
}

// ---- learn: explain and topics ------------------------------------------------------

/// The concepts issue #6 names, each a topic of the embedded library.
const REQUIRED_TOPICS: &[&str] = &[
    "acid",
    "isolation-levels",
    "cap-theorem",
    "partition-tolerance",
    "first-normal-form",
    "second-normal-form",
    "third-normal-form",
    "denormalisation",
    "btree-index",
    "hash-index",
    "gin-index",
    "gist-index",
    "brin-index",
    "partial-index",
    "expression-index",
    "covering-index",
    "composite-index",
    "cardinality-and-selectivity",
    "explain-analyze",
    "n-plus-one",
    "connection-pooling",
    "cache-aside",
    "write-through",
    "write-behind",
    "cache-invalidation",
    "ttls",
    "cache-stampede",
    "cache-penetration",
    "partitioning",
    "tiered-storage-and-archiving",
    "read-replicas",
    "sharding",
    "safe-migrations",
    "soft-deletes",
    "optimistic-locking",
    "anti-patterns",
    "troubleshooting",
    "diagnostic-queries",
];

#[test]
fn explain_prints_a_topic_wrapped_to_80_columns_in_a_pipe() {
    let text = stdout_of(dbadvise().args(["explain", "third-normal-form"]));
    insta::assert_snapshot!("explain_third_normal_form", text);
    // Prose wraps at 80 in a pipe; only laid-out examples and code (indented) may be wider.
    for line in text.lines().filter(|l| !l.starts_with("    ")) {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    let narrow = stdout_of(dbadvise().args(["explain", "acid", "--width", "50"]));
    for line in narrow.lines().filter(|l| !l.starts_with("    ")) {
        assert!(line.chars().count() <= 50, "{line:?}");
    }
    // By title too, in any case.
    let by_title = stdout_of(dbadvise().args(["explain", "ACID TRANSACTIONS"]));
    assert_eq!(by_title, stdout_of(dbadvise().args(["explain", "acid"])));
}

#[test]
fn explain_snapshots_of_an_index_and_a_caching_topic() {
    insta::assert_snapshot!(
        "explain_composite_index",
        stdout_of(dbadvise().args(["explain", "composite-index"]))
    );
    insta::assert_snapshot!(
        "explain_cache_stampede",
        stdout_of(dbadvise().args(["explain", "cache-stampede"]))
    );
}

#[test]
fn an_unknown_topic_suggests_the_nearest() {
    let (code, err) = failure_of(dbadvise().args(["explain", "cap-theorm"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `cap-theorem`"), "{err}");
    // A word that starts no id (`stampede` does: see tests/conventions.rs).
    let (code, err) = failure_of(dbadvise().args(["explain", "herd"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("cache-stampede"),
        "a word names the topics that mention it: {err}"
    );
}

#[test]
fn topics_lists_the_library_by_area_and_searches_it() {
    let list = stdout_of(dbadvise().arg("topics"));
    for area in [
        "Foundations",
        "Modelling",
        "Indexes",
        "Queries",
        "Caching",
        "Scaling",
        "Operations",
        "Anti patterns",
    ] {
        assert!(
            list.lines().any(|l| l == area),
            "{area} heading in:\n{list}"
        );
    }
    for id in REQUIRED_TOPICS {
        assert!(
            list.lines()
                .any(|l| l.split_whitespace().next() == Some(id)),
            "{id} is a topic"
        );
    }
    let found = stdout_of(dbadvise().args(["topics", "--search", "leftmost prefix"]));
    assert!(found.contains("composite-index"), "{found}");
    let (code, err) = failure_of(dbadvise().args(["topics", "--search", "kubernetes"]));
    assert_eq!(code, 2);
    assert!(err.contains("no topic mentions"), "{err}");
}

#[test]
fn every_question_tree_and_engine_links_a_topic_that_explains_it() {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    for q in &kb.questions {
        assert!(!q.topics.is_empty(), "question {} links no topic", q.id);
    }
    for t in &kb.trees {
        assert!(!t.topics.is_empty(), "tree {} links no topic", t.id);
    }
    for e in &kb.engines {
        assert!(!e.topics.is_empty(), "engine {} links no topic", e.id);
    }
    // Every topic is reachable: linked from the interview or the advice (a domain's
    // tables are advice), or from a topic that is.
    let domains = dbadvise::kb::archetype_topics(&kb);
    let mut reached: Vec<&str> = kb
        .questions
        .iter()
        .flat_map(|q| &q.topics)
        .chain(kb.trees.iter().flat_map(|t| &t.topics))
        .chain(kb.engines.iter().flat_map(|e| &e.topics))
        .chain(kb.patterns.iter().flat_map(|p| &p.topics))
        .chain(&domains)
        .map(String::as_str)
        .collect();
    let mut i = 0;
    while i < reached.len() {
        if let Some(t) = kb.topic(reached[i]) {
            for r in &t.related {
                if !reached.contains(&r.as_str()) {
                    reached.push(r);
                }
            }
        }
        i += 1;
    }
    for t in &kb.topics {
        assert!(
            reached.contains(&t.id.as_str()),
            "topic {} is unreachable",
            t.id
        );
    }
}

#[test]
fn kb_check_fails_on_a_link_to_a_missing_topic() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("q.yaml"),
        "questions:\n  - id: budget\n    section: Team\n    prompt: What is the budget?\n    help: Money matters.\n    kind: text\n    topics: [acid-transactons]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("t.yaml"),
        "topics:\n  - id: lonely\n    title: Lonely\n    area: foundations\n    summary: Nobody links here.\n    body: Nothing.\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(err.contains("acid-transactons"), "{err}");
    assert!(err.contains("lonely"), "a topic linked from nothing: {err}");
}

#[test]
fn kb_check_refuses_a_cap_on_a_criterion_the_catalog_does_not_rate() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("budget.yaml"),
        "questions:\n  - id: budget\n    section: Platform\n    prompt: How large is the budget?\n    help: Money matters.\n    kind: one\n    ask: {before: stores}\n    options:\n      - {id: low, label: Low, enough: {horizontal-scalng: fair}}\n      - {id: high, label: High, enough: {team-runs-it: good}}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("budget.yaml:")
            && err.contains("option `low`: enough: unknown criterion `horizontal-scalng`")
            && err.contains("horizontal-scaling"),
        "{err}"
    );
    assert!(
        err.contains("option `high`: enough: `team-runs-it` is not rated by the catalog"),
        "{err}"
    );
}

#[test]
fn kb_check_refuses_at_least_one_on_a_question_it_cannot_hold_for() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("q.yaml"),
        "questions:\n  - id: budget\n    section: Platform\n    prompt: How large is the budget?\n    help: Money matters.\n    kind: one\n    at_least_one: true\n    options:\n      - {id: low, label: Low}\n      - {id: high, label: High}\n  - id: extras\n    section: Platform\n    prompt: Which extras?\n    help: Extras matter.\n    kind: many\n    at_least_one: true\n    default: []\n    options:\n      - {id: a, label: A}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3);
    assert!(
        err.contains("question `budget`: only a several-choice question takes `at_least_one`"),
        "{err}"
    );
    assert!(
        err.contains("question `extras` takes at least one option but its default ticks none"),
        "{err}"
    );
}

#[test]
fn kb_check_holds_every_dialect_of_models_to_the_same_types() {
    // An overlay changes fields of an item: here it adds a type to PostgreSQL's model
    // only, and gives SQLite's booleans a check that names no column.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("models.yaml"),
        "schemas:\n  - id: postgresql\n    model:\n      types:\n        interval: {sql: INTERVAL}\n  - id: sqlite\n    model:\n      types:\n        boolean: {sql: INTEGER, check: \"x IN (0, 1)\"}\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().args(["kb", "check"]).arg(dir.path()));
    assert_eq!(code, 3, "{err}");
    for schema in ["mysql", "sqlite"] {
        assert!(
            err.contains(&format!(
                "schema `{schema}`: model: the type `interval` is neither written (`types`) nor said to be lacking (`lacks`)"
            )),
            "{err}"
        );
    }
    assert!(
        err.contains("schema `sqlite`: model: a type's `check` must name `{column}`"),
        "{err}"
    );
}
