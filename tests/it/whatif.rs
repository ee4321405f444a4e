//! What-if: the difference between two answer sets, `--what-if`, `diff`, and the
//! sensitivity of a decision to each answer, on the example projects.

use std::path::Path;

use crate::common;
use crate::common::answers::read_answers;
use crate::common::run::dbadvise;
use assert_cmd::Command;
use dbadvise::engine::{self, advise::advise, diff, sensitivity, Advice, Answers};
use dbadvise::kb::{AnswerValue, KnowledgeBase};

fn kb() -> KnowledgeBase {
    dbadvise::kb::load(&[]).expect("the embedded knowledge base loads")
}

fn project(kb: &KnowledgeBase, name: &str) -> Answers {
    read_answers(kb, common::run::project(name))
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

/// Sensitivity skips the alternatives that cannot change the advice without advising on
/// them: it lists exactly the ones that advising on every alternative in full finds.
#[test]
fn sensitivity_lists_what_advising_on_every_alternative_finds() {
    let kb = kb();
    for name in ["chat-app", "global-banking", "serverless-carts"] {
        let answers = project(&kb, name);
        let base = engine::advise_with_defaults(&kb, &answers);
        let mut expected = Vec::new();
        for qid in engine::walk(&kb, &answers).asked {
            let question = kb.question(qid).unwrap();
            let current = answers.get(qid).unwrap().values();
            for option in question.options.iter().map(|o| o.id.as_str()) {
                let value = if question.kind == dbadvise::kb::QuestionKind::Many {
                    let mut ticked: Vec<String> = current
                        .iter()
                        .filter(|v| **v != option)
                        .map(|v| v.to_string())
                        .collect();
                    if !current.contains(&option) {
                        ticked.push(option.to_string());
                    }
                    if question.at_least_one && ticked.is_empty() {
                        continue;
                    }
                    AnswerValue::Many(ticked)
                } else if current.contains(&option) {
                    continue;
                } else {
                    AnswerValue::One(option.to_string())
                };
                let mut changed = answers.clone();
                changed.set(qid, value.clone());
                let after = engine::advise_with_defaults(&kb, &changed);
                let d = diff(&kb, &base, &after);
                // A store only renamed, or swapped for its drop-in replacement (Valkey
                // for Redis), changes no design.
                let stack_moved =
                    !d.stack.is_empty() && designed(&kb, &base) != designed(&kb, &after);
                if stack_moved || !d.decisions.is_empty() || d.cap.is_some() {
                    expected.push((qid.to_string(), value.values().join(", ")));
                }
            }
        }
        let found: Vec<(String, String)> = sensitivity(&kb, &answers)
            .into_iter()
            .map(|s| (s.question, s.answer))
            .collect();
        assert!(!found.is_empty(), "{name}");
        assert_eq!(found, expected, "{name}");
    }
}

/// The stack's roles and engines, each drop-in replacement as the engine it replaces.
fn designed(kb: &KnowledgeBase, advice: &Advice) -> Vec<(String, String)> {
    let design = |id: &str| {
        let engine = kb.engine(id).unwrap();
        engine.drop_in_for.as_deref().unwrap_or(id).to_string()
    };
    let stack = advice.stack.iter();
    stack
        .map(|c| (c.role.to_string(), design(&c.engine)))
        .collect()
}

/// An answer under which every engine fails some requirement is worded as that, not as
/// a primary of "none" with a CAP class of "(none)".
#[test]
fn an_answer_that_leaves_no_engine_says_so() {
    let kb = kb();
    let mut seen = 0;
    for name in ["serverless-carts", "global-banking", "chat-app"] {
        for s in sensitivity(&kb, &project(&kb, name)) {
            let gone = s
                .diff
                .stack
                .iter()
                .any(|c| c.role == "primary" && c.after.is_none());
            let said = dbadvise::report::diff::headline(&s);
            if gone {
                seen += 1;
                assert!(said.contains("→ no engine meets every answer"), "{said}");
                assert!(!said.contains("CAP class"), "{said}");
            }
            let mut parts = said.split("; ");
            let bare = parts.any(|p| p.starts_with("primary ") && p.ends_with("→ none"));
            assert!(!bare, "{said}");
        }
    }
    assert!(seen > 0, "no answer of these projects leaves no engine");
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

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn recommend(args: &[&str]) -> Command {
    let mut cmd = dbadvise();
    cmd.arg("recommend").args(args);
    cmd
}

/// The label of an option, as the knowledge base words it.
fn label(kb: &KnowledgeBase, question: &str, option: &str) -> String {
    let q = kb.question(question).unwrap();
    q.choice(option).unwrap().label.to_string()
}

const SEARCH: [&str; 4] = [
    "--answers",
    "tests/projects/analytics-saas.yaml",
    "--what-if",
    "features=keyword-search",
];

#[test]
fn cli_what_if_prints_only_the_change_and_its_difference() {
    let kb = kb();
    let text = stdout(&recommend(&SEARCH).assert().success());
    let prompt = kb.question("features").unwrap().prompt.trim().to_string();
    let heading = format!(
        "# What if: {prompt} → {}\n",
        label(&kb, "features", "keyword-search")
    );
    assert!(text.starts_with(&heading), "{text}");
    assert!(
        text.contains(&format!(
            "| {prompt} `features` | none ticked | {} `keyword-search` |",
            label(&kb, "features", "keyword-search")
        )),
        "{text}"
    );
    assert!(
        text.contains("## Indexes\n\n- added: GIN index on a generated tsvector column"),
        "{text}"
    );
    // Not the record: no front matter, no MADR section, and short.
    assert!(!text.contains("status: proposed"), "{text}");
    assert!(!text.contains("## Decision Outcome"), "{text}");
    assert!(text.lines().count() < 60, "{} lines", text.lines().count());
}

#[test]
fn cli_what_if_full_prints_the_changed_record_then_the_difference() {
    let mut args = SEARCH.to_vec();
    args.push("--full");
    let text = stdout(&recommend(&args).assert().success());
    assert!(text.starts_with("---\nstatus: proposed\n"), "{text}");
    let (record, change) = text
        .split_once("\n## What changes with --what-if features=keyword-search\n")
        .expect("the difference follows the record");
    // The record is the changed answers' advice: it answers keyword-search.
    assert!(record.contains("features: [keyword-search]"), "{record}");
    assert!(
        change.contains("### Indexes\n\n- added: GIN index on a generated tsvector column"),
        "{change}"
    );
    assert!(change.contains("| none ticked |"), "{change}");
}

#[test]
fn cli_full_without_what_if_is_a_usage_error() {
    for format in ["markdown", "json"] {
        let out = recommend(&[
            "--answers",
            "tests/projects/analytics-saas.yaml",
            "--full",
            "--format",
            format,
        ])
        .assert()
        .code(2);
        assert!(out.get_output().stdout.is_empty());
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("--full goes with --what-if"), "{err}");
    }
}

#[test]
fn cli_what_if_json_names_each_change_and_adds_the_advice_with_full() {
    let kb = kb();
    let mut args = SEARCH.to_vec();
    args.extend(["--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&recommend(&args).assert().success())).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    for key in ["what_if", "assumed", "diff"] {
        assert!(keys.contains(&key), "{key} missing: {keys:?}");
    }
    let change = &json["what_if"][0];
    assert_eq!(json["what_if"].as_array().unwrap().len(), 1);
    assert_eq!(change["question"], "features");
    assert_eq!(
        change["prompt"],
        kb.question("features").unwrap().prompt.trim()
    );
    assert_eq!(change["from"], "");
    assert_eq!(change["from_label"], "");
    assert_eq!(change["to"], "keyword-search");
    assert_eq!(change["to_label"], label(&kb, "features", "keyword-search"));
    assert_eq!(change["asked"], true);
    assert_eq!(json["assumed"], serde_json::json!([]));
    let added = json["diff"]["indexes"]["added"].as_array().unwrap();
    assert!(added
        .iter()
        .any(|t| t.as_str().unwrap().contains("tsvector")));
    // --full adds the advice for the changed answers.
    args.push("--full");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&recommend(&args).assert().success())).unwrap();
    let answered = json["advice"]["answers"].as_array().unwrap();
    assert!(answered
        .iter()
        .any(|a| a["question"] == "features" && a["answer"] == "keyword-search"));
    assert_eq!(json["what_if"][0]["to"], "keyword-search");
}

#[test]
fn cli_what_if_names_the_old_answer_the_defaults_it_opens_and_answers_off_the_path() {
    let kb = kb();
    let json_of = |whats: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "--answers",
            "tests/projects/internal-tool.yaml",
            "--defaults",
            "--format",
            "json",
        ];
        for w in whats {
            args.extend(["--what-if", w]);
        }
        serde_json::from_str(&stdout(&recommend(&args).assert().success())).unwrap()
    };
    // The same question twice: the last value counts, and it is listed once.
    let json = json_of(&["multi-tenant=isolated", "multi-tenant=shared"]);
    let changes = json["what_if"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["from"], "single");
    assert_eq!(
        changes[0]["from_label"],
        label(&kb, "multi-tenant", "single")
    );
    assert_eq!(changes[0]["to"], "shared");
    // Events beside the records put the cloud on the path; --defaults answers it, and the
    // file never did.
    let json = json_of(&["data-kinds=records,events"]);
    assert_eq!(json["what_if"][0]["to"], "records, events");
    let assumed = json["assumed"].as_array().unwrap();
    assert!(!assumed.is_empty(), "{json}");
    let file = std::fs::read_to_string("tests/projects/internal-tool.yaml").unwrap();
    for a in assumed {
        let q = kb.question(a["question"].as_str().unwrap()).unwrap();
        assert!(!file.contains(&format!("  {}:", q.id)), "{a}");
        assert_eq!(
            a["answer"].as_str().unwrap(),
            engine::default_answer(q).values().join(", ")
        );
    }
    // An answer the path never asks changes nothing, and says so.
    let json = json_of(&["hot-keys=yes"]);
    assert_eq!(json["what_if"][0]["asked"], false);
    assert_eq!(json["what_if"][0]["from"], serde_json::Value::Null);
    let text = stdout(
        &recommend(&[
            "--answers",
            "tests/projects/internal-tool.yaml",
            "--defaults",
            "--what-if",
            "hot-keys=yes",
        ])
        .assert()
        .success(),
    );
    assert!(
        text.contains("| not answered | ") && text.contains("it changes nothing"),
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

/// Swapping a store for its drop-in replacement (Redis for Valkey) changes no design:
/// "When to revisit" leaves it out, while the what-if's own diff still shows it; and
/// `drop_in_for` must name an engine of the catalog.
#[test]
fn a_drop_in_swap_is_shown_by_a_what_if_but_not_listed_as_a_revisit() {
    let kb = kb();
    let answers = project(&kb, "chat-app");
    let mut changed = answers.clone();
    changed.set("traffic-shape", AnswerValue::One("spiky".into()));
    let base = engine::advise_with_defaults(&kb, &answers);
    let after = engine::advise_with_defaults(&kb, &changed);
    let swapped = diff(&kb, &base, &after).stack;
    assert!(
        swapped.iter().any(|c| c.after.as_deref() == Some("Valkey")),
        "{swapped:?}"
    );
    assert_eq!(designed(&kb, &base), designed(&kb, &after));
    let listed = sensitivity(&kb, &answers);
    assert!(
        !listed.iter().any(|s| s.question == "traffic-shape"),
        "{:?}",
        listed.iter().map(|s| &s.question).collect::<Vec<_>>()
    );

    let bad = "engines:\n  - id: valkey\n    name: Valkey\n    drop_in_for: rediss\n";
    let problems = common::run::load_with(bad).expect_err("an unknown engine");
    let text = format!("{problems:?}");
    assert!(
        text.contains("rediss") && text.contains("`redis`"),
        "{text}"
    );
}
