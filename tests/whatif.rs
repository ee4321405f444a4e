//! What-if: the difference between two answer sets, `--what-if`, `diff`, and the
//! sensitivity of a decision to each answer, on the example projects.

use std::path::Path;

use assert_cmd::Command;
use dbadvise::engine::{self, advise::advise, diff, sensitivity, Answers};
use dbadvise::kb::{AnswerValue, KnowledgeBase};

fn kb() -> KnowledgeBase {
    dbadvise::kb::load(&[]).expect("the embedded knowledge base loads")
}

fn project(kb: &KnowledgeBase, name: &str) -> Answers {
    let path = format!("tests/projects/{name}.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    engine::parse_answers(kb, &path, &text).unwrap()
}

fn changed(kb: &KnowledgeBase, answers: &Answers, spec: &str) -> Answers {
    let (qid, value) = engine::parse_what_if(kb, spec).unwrap();
    let mut out = answers.clone();
    out.set(&qid, value);
    engine::with_defaults(kb, &out).0
}

#[test]
fn identical_answers_give_an_empty_diff_on_every_project() {
    let kb = kb();
    for entry in std::fs::read_dir("tests/projects").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let a = advise(&kb, &project(&kb, &name));
        let d = diff(&kb, &a, &a.clone());
        assert!(d.is_empty(), "{name}: {d:?}");
    }
}

#[test]
fn multi_region_writes_moves_the_cap_decision() {
    let kb = kb();
    let answers = project(&kb, "chat-app");
    let before = advise(&kb, &answers);
    let after = advise(
        &kb,
        &changed(&kb, &answers, "multi-region=multi-region-writes"),
    );
    let d = diff(&kb, &before, &after);
    let cap = d
        .decisions
        .iter()
        .find(|c| c.tree == "cap")
        .expect("the CAP decision changes");
    assert!(
        cap.after.iter().any(|o| o.contains("across regions")),
        "{cap:?}"
    );
}

#[test]
fn keyword_search_adds_the_tsvector_index_and_a_search_component() {
    let kb = kb();
    let answers = project(&kb, "analytics-saas");
    let before = advise(&kb, &answers);
    let after = advise(&kb, &changed(&kb, &answers, "features=keyword-search"));
    let d = diff(&kb, &before, &after);
    assert!(
        d.indexes.added.iter().any(|t| t.contains("tsvector")),
        "{d:?}"
    );
    assert!(d
        .stack
        .iter()
        .any(|c| c.role == "search" && c.before.is_none()));
    // And back: the reverse diff removes what the forward one added.
    let back = diff(&kb, &after, &before);
    assert_eq!(back.indexes.removed, d.indexes.added);
}

#[test]
fn what_if_rejects_unknown_questions_and_options_listing_valid_ones() {
    let kb = kb();
    let err = engine::parse_what_if(&kb, "multi-region=bogus").unwrap_err();
    assert!(err.to_string().contains("multi-region-writes"), "{err}");
    let err = engine::parse_what_if(&kb, "multi-regoin=single-region").unwrap_err();
    assert!(
        err.to_string().contains("did you mean `multi-region`"),
        "{err}"
    );
    let (_, value) = engine::parse_what_if(&kb, "data-kinds=records,files").unwrap();
    assert_eq!(
        value,
        AnswerValue::Many(vec!["records".into(), "files".into()])
    );
    // A question of the earlier question set names the one that replaced it.
    let err = engine::parse_what_if(&kb, "search-needs=basic").unwrap_err();
    assert!(err.to_string().contains("replaced by `features`"), "{err}");
}

#[test]
fn sensitivity_names_the_answers_that_change_the_decision() {
    let kb = kb();
    let answers = project(&kb, "chat-app");
    let found = sensitivity(&kb, &answers);
    let multi_region = found
        .iter()
        .find(|s| s.question == "multi-region" && s.answer == "multi-region-writes")
        .expect("multi-region writes would change the decision");
    assert!(multi_region.diff.decisions.iter().any(|d| d.tree == "cap"));
    // Every reported change is a real one, and none repeats the current answer.
    for s in &found {
        assert!(!s.diff.is_empty());
        let current = answers.get(&s.question).unwrap().values().join(", ");
        assert_ne!(current, s.answer, "{s:?}");
    }
}

#[test]
fn sensitivity_runs_on_every_project() {
    let kb = kb();
    for entry in std::fs::read_dir("tests/projects").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let found = sensitivity(&kb, &project(&kb, &name));
        assert!(!found.is_empty(), "{name}: no answer matters?");
    }
}

fn dbadvise() -> Command {
    Command::cargo_bin("dbadvise").unwrap()
}

#[test]
fn cli_diff_of_a_file_with_itself_is_empty_and_json_parses() {
    let chat = Path::new("tests/projects/chat-app.yaml");
    let out = dbadvise()
        .args(["diff", "--answers"])
        .arg(chat)
        .arg("--answers")
        .arg(chat)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("No difference"), "{text}");
    let out = dbadvise()
        .args(["diff", "--format", "json", "--answers"])
        .arg(chat)
        .arg("--answers")
        .arg("tests/projects/global-banking.yaml")
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(!json["decisions"].as_array().unwrap().is_empty(), "{json}");
}

#[test]
fn cli_what_if_prints_the_changed_recommendation_and_its_difference() {
    let out = dbadvise()
        .args([
            "recommend",
            "--answers",
            "tests/projects/analytics-saas.yaml",
            "--what-if",
            "features=keyword-search",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("## What changes with --what-if features=keyword-search"));
    assert!(
        text.contains("- added: GIN index on a generated tsvector column"),
        "{text}"
    );
}

#[test]
fn cli_what_if_unknown_option_is_an_answers_error_listing_valid_options() {
    let out = dbadvise()
        .args([
            "recommend",
            "--answers",
            "tests/projects/chat-app.yaml",
            "--what-if",
            "multi-region=bogus",
        ])
        .assert()
        .code(4);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("valid options: single-region, multi-region-reads, multi-region-writes"),
        "{err}"
    );
}
