//! The headless commands as a user runs them: output, files written and exit codes.
//! The knowledge base's commands and overlays are in `kb`; the learn commands (`explain`,
//! `topics`) stay here, where their snapshots are named (`it__cli__…`).

use std::fs;

use crate::common::run::{dbadvise, failure_of, json_of, project, stdout_of};

mod kb;

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

/// Answers a file gives to questions its other answers never lead to are named on
/// standard error, as changing nothing; a file that answers only its path gets no note.
#[test]
fn recommend_names_the_answers_its_path_never_asks() {
    let dir = tempfile::tempdir().unwrap();
    let small = "answers:\n  data-kinds: [records]\n  team: no-ops\n  volume: small\n  \
                 peak-rate: hundreds\n";
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let run = |path: &std::path::Path| {
        let out = dbadvise()
            .args(["recommend", "--defaults", "--answers"])
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr).unwrap()
    };
    let off = run(&write("off.yaml", &format!("{small}  residency: pinned\n")));
    assert!(
        off.contains("off.yaml")
            && off.contains("residency = pinned")
            && off.contains("change nothing"),
        "{off}"
    );
    assert!(!off.contains("volume"), "{off}");
    let on = run(&write("on.yaml", small));
    assert!(!on.contains("change nothing"), "{on}");
}
