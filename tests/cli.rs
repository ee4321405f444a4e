//! The headless commands as a user runs them: output, files written and exit codes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn dbadvise() -> Command {
    Command::cargo_bin("dbadvise").unwrap()
}

fn project(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/projects")
        .join(format!("{name}.yaml"))
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command expected to fail; returns (exit code, stderr).
fn failure_of(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    assert!(
        !out.status.success(),
        "unexpected success: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

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
fn the_answers_template_names_every_question_and_replays_as_is() {
    let kb = dbadvise::kb::KnowledgeBase::embedded();
    let template = stdout_of(dbadvise().args(["answers", "template"]));
    for q in &kb.questions {
        assert!(
            template.contains(&format!("  {}: ", q.id)),
            "template lacks {}",
            q.id
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.yaml");
    fs::write(&file, &template).unwrap();
    // Every question carries its default, so the untouched template is a complete decision.
    let json = json_of(
        dbadvise()
            .args(["recommend", "--format", "json", "--answers"])
            .arg(&file),
    );
    assert_eq!(json["complete"], true);
    assert!(!json["stack"].as_array().unwrap().is_empty());
}

#[test]
fn recommend_json_has_the_documented_shape() {
    let json = json_of(
        dbadvise()
            .args(["recommend", "--format", "json", "--answers"])
            .arg(project("ecommerce-catalogue")),
    );
    assert_eq!(json["project"], "Online shop catalogue");
    let stack = json["stack"].as_array().unwrap();
    let primary = stack.iter().find(|c| c["role"] == "primary").unwrap();
    assert_eq!(primary["engine"], "postgresql");
    let because = primary["because"].as_array().unwrap();
    assert!(because
        .iter()
        .any(|b| b["question"] == "data-shape" && b["answer"] == "relational"));
    let decision = &json["decisions"][0];
    for key in ["tree", "outcome", "summary", "because"] {
        assert!(!decision[key].is_null(), "decision lacks {key}");
    }
    for key in ["indexes", "patterns", "alternatives", "snippets"] {
        assert!(!json[key].as_array().unwrap().is_empty(), "{key} is empty");
    }
    let alternatives = json["alternatives"].as_array().unwrap();
    let chosen = alternatives.iter().find(|a| a["chosen"] == true).unwrap();
    assert_eq!(
        chosen["engine"], "postgresql",
        "the choice is scored with the rest"
    );
    let alternative = alternatives.iter().find(|a| a["chosen"] == false).unwrap();
    assert!(alternative["engine"].is_string());
    assert!(alternative["score"].is_u64());
    assert!(!alternative["reasons"].as_array().unwrap().is_empty());
    let snippet = &json["snippets"][0];
    for key in ["dialect", "title", "code"] {
        assert!(snippet[key].is_string(), "snippet lacks {key}");
    }
}

#[test]
fn recommend_markdown_says_why() {
    let md = stdout_of(
        dbadvise()
            .arg("recommend")
            .arg("--answers")
            .arg(project("social-feed")),
    );
    assert!(md.contains("MongoDB"));
    assert!(md.contains("Redis"));
    assert!(md.to_lowercase().contains("because you answered"));
    assert!(md.contains("```"), "snippets are fenced code");
}

#[test]
fn unanswered_questions_are_named_or_defaulted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partial.yaml");
    fs::write(
        &file,
        "project: Half done\nanswers:\n  data-shape: relational\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().arg("recommend").arg("--answers").arg(&file));
    assert_eq!(code, 5);
    assert!(err.contains("deployment"), "{err}");
    assert!(
        err.contains("embedded"),
        "the pending question lists its options: {err}"
    );

    let json = json_of(
        dbadvise()
            .args(["recommend", "--defaults", "--format", "json", "--answers"])
            .arg(&file),
    );
    assert_eq!(json["complete"], true);
    let defaulted: Vec<&str> = json["defaulted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(defaulted.contains(&"deployment"), "{defaulted:?}");
    assert!(
        !defaulted.contains(&"data-shape"),
        "answered questions are not defaulted"
    );
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(&file),
    );
    assert!(
        md.contains("deployment"),
        "the report says which answers were defaulted"
    );
}

#[test]
fn unknown_question_or_option_lists_the_valid_ids() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.yaml");
    fs::write(
        &file,
        "answers:\n  data-shape: relational\n  consistancy: strict\n  scale: huge\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().arg("recommend").arg("--answers").arg(&file));
    assert_eq!(code, 4);
    assert!(err.contains("typo.yaml:3"), "names the line: {err}");
    assert!(
        err.contains("consistancy") && err.contains("did you mean `consistency`"),
        "{err}"
    );
    assert!(err.contains("typo.yaml:4") && err.contains("huge"), "{err}");
    assert!(
        err.contains("small") && err.contains("medium") && err.contains("large"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_yaml_gets_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.yaml");
    fs::write(
        &file,
        "answers:\n  data-shape: relational\n  scale: [small\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().arg("recommend").arg("--answers").arg(&file));
    assert_eq!(code, 4);
    assert!(err.contains("broken.yaml:"), "{err}");
    let (code, err) =
        failure_of(dbadvise().args(["recommend", "--answers", "/nonexistent/answers.yaml"]));
    assert_eq!(code, 4);
    assert!(err.contains("/nonexistent/answers.yaml"), "{err}");
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
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files are left behind");

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
    let (code, err) = failure_of(dbadvise().args(["explain", "stampede"]));
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
    // Every topic is reachable: linked from the interview or the advice, or from a topic
    // that is.
    let mut reached: Vec<&str> = kb
        .questions
        .iter()
        .flat_map(|q| &q.topics)
        .chain(kb.trees.iter().flat_map(|t| &t.topics))
        .chain(kb.engines.iter().flat_map(|e| &e.topics))
        .chain(kb.patterns.iter().flat_map(|p| &p.topics))
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
