//! Answers files as a user meets them: the template, questions left open, unknown ids,
//! files that are not YAML, files of the earlier question set and `answers upgrade`,
//! and the files dbadvise writes.

use std::fs;
use std::path::Path;

use crate::common::run::{dbadvise, failure_of, json_of, project, stdout_of};

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
        .any(|b| b["question"] == "data-kinds" && b["answer"] == "records"));
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
    // The choice says why, and the answers that decided are its numbered drivers.
    assert!(md.contains("Chosen option: \"MongoDB\", because "), "{md}");
    assert!(
        md.contains("## Decision Drivers\n\n1. What does the system keep: "),
        "{md}"
    );
    // The answers that replay it: the file it was made from.
    let replay = format!(
        "`dbadvise recommend --answers {}`",
        project("social-feed").display()
    );
    assert!(md.contains(&replay), "{md}");
}

#[test]
fn unanswered_questions_are_named_or_defaulted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partial.yaml");
    fs::write(
        &file,
        "project: Half done\nanswers:\n  data-kinds: [records]\n  team: small-team\n  existing: none\n",
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
        !defaulted.contains(&"data-kinds") && !defaulted.contains(&"existing"),
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
        "answers:\n  data-kinds: [records]\n  consistancy: strict\n  volume: enormous\n",
    )
    .unwrap();
    let (code, err) = failure_of(dbadvise().arg("recommend").arg("--answers").arg(&file));
    assert_eq!(code, 4);
    assert!(err.contains("typo.yaml:3"), "names the line: {err}");
    assert!(
        err.contains("consistancy") && err.contains("did you mean `consistency`"),
        "{err}"
    );
    assert!(
        err.contains("typo.yaml:4") && err.contains("enormous"),
        "{err}"
    );
    assert!(
        err.contains("small")
            && err.contains("medium")
            && err.contains("large")
            && err.contains("huge"),
        "{err}"
    );
}

/// A question that takes at least one option answered with none is refused at its line,
/// in a file and in a what-if; one that may take none (the features) is not.
#[test]
fn nothing_ticked_is_refused_where_a_question_takes_at_least_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("none.yaml");
    fs::write(&file, "answers:\n  features: []\n  data-kinds: []\n").unwrap();
    let (code, err) = failure_of(dbadvise().arg("recommend").arg("--answers").arg(&file));
    assert_eq!(code, 4);
    assert!(
        err.contains("none.yaml:3") && err.contains("`data-kinds` takes at least one option"),
        "{err}"
    );
    assert!(!err.contains("none.yaml:2"), "features may be none: {err}");
    fs::write(&file, "answers:\n  data-kinds: [records]\n").unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .args([
                "recommend",
                "--defaults",
                "--what-if",
                "data-kinds=",
                "--answers",
            ])
            .arg(&file),
    );
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("`data-kinds` takes at least one option"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_yaml_gets_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.yaml");
    fs::write(
        &file,
        "answers:\n  data-kinds: [records]\n  volume: [small\n",
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

/// An answers file written for the first question set (data-shape, scale, money …).
const OLD_ANSWERS: &str = "\
# Written for the first question set.
project: Equipment booking
answers:
  domain: Staff book meeting rooms and laptops; admins see a weekly report.
  data-shape: relational
  consistency: strict
  query-complexity: moderate
  scale: small
  read-write: read-heavy
  deployment: managed
  expertise: postgresql
  search-needs: basic
  extra-needs: []
  multi-region: single-region
  partition-behaviour: refuse
  stale-reads: seconds
  workload-type: oltp
  access-stability: changing
  access-patterns: [equality-high, range]
  id-exposure: internal
  money: \"yes\"
  multi-tenant: single
  growth: steady
";

/// The questions of the first set that are gone.
const REPLACED: &[&str] = &[
    "data-shape",
    "scale",
    "expertise",
    "search-needs",
    "extra-needs",
    "workload-type",
    "money",
    "growth",
];

/// The 1-based line of `text` that starts (after its indent) with `key:`.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key} in the file"))
        + 1
}

#[test]
fn an_answers_file_of_the_earlier_questions_is_refused_naming_what_replaced_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.yaml");
    fs::write(&file, OLD_ANSWERS).unwrap();
    let out = dbadvise()
        .arg("recommend")
        .arg("--answers")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "an answers error");
    assert!(out.stdout.is_empty(), "no advice from old answers");
    let err = String::from_utf8(out.stderr).unwrap();
    for (old, new) in [
        ("data-shape", "was replaced by `data-kinds`"),
        ("scale", "was replaced by `volume`, `peak-rate`"),
        ("money", "was replaced by `invariants`"),
        ("growth", "was replaced by `lifetime`"),
        ("search-needs", "was replaced by `features`"),
    ] {
        let line = format!(
            "old.yaml:{}: question `{old}` {new}",
            line_of(OLD_ANSWERS, old)
        );
        assert!(err.contains(&line), "no {line:?} in:\n{err}");
    }
    assert!(err.contains("dbadvise answers upgrade"), "{err}");
    // Questions that are still asked are not named.
    assert!(!err.contains("`consistency`"), "{err}");
}

#[test]
fn answers_upgrade_rewrites_an_old_file_that_recommend_then_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.yaml");
    fs::write(&file, OLD_ANSWERS).unwrap();
    let out = dbadvise()
        .args(["answers", "upgrade"])
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("data-shape: relational → data-kinds: [records]"),
        "says what changed: {err}"
    );
    // The original is kept beside it, byte for byte.
    assert_eq!(
        fs::read_to_string(dir.path().join("old.yaml.orig")).unwrap(),
        OLD_ANSWERS
    );
    let upgraded = fs::read_to_string(&file).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&upgraded).unwrap();
    assert_eq!(yaml["project"], "Equipment booking");
    let answers = &yaml["answers"];
    for old in REPLACED {
        assert!(
            answers.get(old).is_none(),
            "{old} is still there:\n{upgraded}"
        );
    }
    let value = |q: &str| {
        serde_yaml::to_string(&answers[q])
            .unwrap()
            .trim()
            .to_string()
    };
    for (question, expected) in [
        ("data-kinds", "- records"),
        ("volume", "small"),
        ("peak-rate", "hundreds"),
        ("existing", "postgresql"),
        ("features", "- keyword-search"),
        ("invariants", "- money"),
        ("lifetime", "forever"),
        // Answers to questions that are still asked are kept.
        ("consistency", "strict"),
        ("access-patterns", "- equality-high\n- range"),
    ] {
        assert_eq!(value(question), expected, "{question} in:\n{upgraded}");
    }
    // `recommend` accepts it: not an answers error. Only questions the first set never
    // asked are left to their defaults, and the old answers still decide.
    let out = dbadvise()
        .arg("recommend")
        .arg("--answers")
        .arg(&file)
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = json_of(
        dbadvise()
            .args(["recommend", "--defaults", "--format", "json", "--answers"])
            .arg(&file),
    );
    assert_eq!(json["complete"], true);
    assert_eq!(json["stack"][0]["engine"], "postgresql");
    let defaulted: Vec<&str> = json["defaulted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for kept in [
        "data-kinds",
        "volume",
        "peak-rate",
        "existing",
        "features",
        "invariants",
    ] {
        assert!(
            !defaulted.contains(&kept),
            "{kept} was defaulted: {defaulted:?}"
        );
    }
    let sql = json["starter_schema"]["sql"].as_str().unwrap();
    assert!(
        sql.contains("NUMERIC(19,4)"),
        "money is still money:\n{sql}"
    );
    assert!(
        sql.contains("tsvector"),
        "keyword search is still asked for:\n{sql}"
    );
    // A second run finds nothing to do and leaves both files alone.
    let out = dbadvise()
        .args(["answers", "upgrade"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing to upgrade"));
    assert_eq!(fs::read_to_string(&file).unwrap(), upgraded);
    assert_eq!(
        fs::read_to_string(dir.path().join("old.yaml.orig")).unwrap(),
        OLD_ANSWERS
    );
}

#[test]
fn written_answers_quote_yes_and_no_and_replay_the_same_decision() {
    // chat-app.yaml answers hot-keys and missing-lookups with bare yes and no, which a
    // YAML 1.1 reader takes as booleans; every file dbadvise writes quotes them.
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("chat.yaml");
    dbadvise()
        .args(["answers", "upgrade"])
        .arg(project("chat-app"))
        .arg("-o")
        .arg(&written)
        .assert()
        .success();
    let text = fs::read_to_string(&written).unwrap();
    for line in ["  hot-keys: \"yes\"\n", "  missing-lookups: \"no\"\n"] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    assert!(
        !text.contains(": yes\n") && !text.contains(": no\n"),
        "{text}"
    );
    let advice = |file: &Path| {
        json_of(
            dbadvise()
                .args(["recommend", "--defaults", "--format", "json", "--answers"])
                .arg(file),
        )
    };
    let (before, after) = (advice(&project("chat-app")), advice(&written));
    assert_eq!(before["answers"], after["answers"]);
    assert_eq!(before["stack"], after["stack"]);
}

#[test]
fn answers_upgrade_names_an_answer_with_no_clear_equivalent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kv.yaml");
    let old = OLD_ANSWERS.replace("data-shape: relational", "data-shape: key-value");
    fs::write(&file, &old).unwrap();
    let target = dir.path().join("new.yaml");
    let (code, err) = failure_of(
        dbadvise()
            .args(["answers", "upgrade"])
            .arg(&file)
            .arg("-o")
            .arg(&target),
    );
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("data-shape: `key-value` has no clear equivalent; answer data-kinds yourself"),
        "{err}"
    );
    // The rest is upgraded into PATH; FILE is untouched, and no .orig is needed.
    assert_eq!(fs::read_to_string(&file).unwrap(), old);
    assert!(!dir.path().join("kv.yaml.orig").exists());
    let upgraded = fs::read_to_string(&target).unwrap();
    assert!(upgraded.contains("volume: small"), "{upgraded}");
    assert!(!upgraded.contains("data-shape"), "{upgraded}");
    assert!(
        !upgraded.contains("data-kinds"),
        "left for the user:\n{upgraded}"
    );
    // PATH is never overwritten unless forced.
    let (code, err) = failure_of(
        dbadvise()
            .args(["answers", "upgrade"])
            .arg(&file)
            .arg("-o")
            .arg(&target),
    );
    assert_eq!(code, 6, "{err}");
    let (code, _) = failure_of(
        dbadvise()
            .args(["answers", "upgrade", "--force"])
            .arg(&file)
            .arg("-o")
            .arg(&target),
    );
    assert_eq!(code, 5, "forced, and still incomplete");
}
