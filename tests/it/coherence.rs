//! The sweep of issue 14: advice that holds together, for many sets of answers, not a
//! few examples. Every option of every question, every pair of options of the questions
//! that decide the stores, every example project and every scenario; each advice is
//! checked for a broken coherence rule (`knowledge/rules/`), an item outside the engines
//! it is written for, and anything said twice.

use crate::common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::time::Instant;

use dbadvise::engine::advise::advise_walked;
use dbadvise::engine::coherence::broken;
use dbadvise::engine::effects::{every_option, options_of};
use dbadvise::engine::{advise, parse_answers, walk_with_defaults, with_defaults, Answers};
use dbadvise::kb::{KnowledgeBase, QuestionKind};

use common::advice::{outside_its_stack, said_twice, Counts};

/// The questions asked before the stores are chosen: their answers decide the stack.
fn stack_questions(kb: &KnowledgeBase) -> Vec<&str> {
    let tree = kb.tree("stack").expect("the stack tree");
    let mut ids: Vec<&str> = tree
        .nodes
        .iter()
        .filter_map(|n| n.question.as_deref())
        .filter(|q| kb.question(q).is_some_and(|q| q.kind != QuestionKind::Text))
        .collect();
    ids.dedup();
    ids
}

/// Every pair of options of two different stack questions, the rest left to defaults.
fn pairs(kb: &KnowledgeBase) -> Vec<Answers> {
    let questions = stack_questions(kb);
    let mut out = Vec::new();
    for (i, a) in questions.iter().enumerate() {
        for b in &questions[i + 1..] {
            let (qa, qb) = (kb.question(a).unwrap(), kb.question(b).unwrap());
            for va in options_of(qa) {
                for vb in options_of(qb) {
                    let mut answers = Answers::default();
                    answers.set(a, va.clone());
                    answers.set(b, vb);
                    out.push(answers);
                }
            }
        }
    }
    out
}

/// The answers files of the example projects and the scenario suite.
fn files(kb: &KnowledgeBase) -> Vec<(String, Answers)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["tests/projects", "tests/scenarios/answers"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = fs::read_to_string(&path).unwrap();
                let name = path.display().to_string();
                let answers = parse_answers(kb, &name, &text).unwrap_or_else(|e| panic!("{e}"));
                out.push((name, answers));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn shown(answers: &Answers) -> String {
    let given: Vec<String> = answers
        .values
        .iter()
        .map(|(q, v)| format!("{q} = {}", v.values().join(", ")))
        .collect();
    if given.is_empty() {
        "the defaults".into()
    } else {
        given.join("; ")
    }
}

#[test]
fn every_option_and_every_pair_of_stack_options_gives_advice_that_holds_together() {
    let kb = KnowledgeBase::embedded();
    let started = Instant::now();
    let mut cases: Vec<(String, Answers)> = every_option(&kb, 4)
        .into_iter()
        .map(|a| (shown(&a), a))
        .collect();
    let singles = cases.len();
    cases.extend(pairs(&kb).into_iter().map(|a| (shown(&a), a)));
    let swept_pairs = cases.len() - singles;
    cases.extend(files(&kb));
    let mut counts = Counts::default();
    let (mut failures, mut rule_checks) = (Vec::new(), 0);
    // Answers that fill to the same as earlier ones advise the same: checked once.
    let mut seen = HashSet::new();
    for (name, answers) in &cases {
        let (filled, _, walked) = walk_with_defaults(&kb, answers);
        if !seen.insert(filled.values.clone()) {
            continue;
        }
        let advice = advise_walked(&kb, &filled, walked);
        rule_checks += kb.rules.len();
        for b in broken(&kb, &filled, &advice) {
            failures.push(format!(
                "{name}: rule `{}` broken ({}): {}",
                b.rule,
                b.items.join(" and "),
                b.says
            ));
        }
        for f in outside_its_stack(&kb, &advice, &mut counts)
            .into_iter()
            .chain(said_twice(&advice))
        {
            failures.push(format!("{name}: {f}"));
        }
    }
    println!(
        "swept {} answers ({singles} single options, {swept_pairs} pairs of stack options, {} \
         answers files), {} of them advised (the rest fill to the same answers) in {:.1} s: \
         {rule_checks} rule checks, {} items, {} of them engine-specific",
        cases.len(),
        cases.len() - singles - swept_pairs,
        seen.len(),
        started.elapsed().as_secs_f64(),
        counts.items,
        counts.declared
    );
    assert!(kb.rules.len() >= 8, "only {} rules", kb.rules.len());
    assert!(swept_pairs > 1000, "only {swept_pairs} pairs swept");
    failures.sort();
    failures.dedup();
    let shown_failures: Vec<&String> = failures.iter().take(60).collect();
    assert!(
        failures.is_empty(),
        "{} problems, the first:\n{}",
        failures.len(),
        shown_failures
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The same point said twice in other words is found too; the wording of one line
/// alone is not.
#[test]
fn a_point_said_twice_in_other_words_is_found() {
    let kb = KnowledgeBase::embedded();
    let (filled, _) = with_defaults(&kb, &Answers::default());
    let mut advice = advise(&kb, &filled);
    assert!(said_twice(&advice).is_empty(), "{:?}", said_twice(&advice));
    advice
        .checklist
        .push("Every kind of record has a written conflict rule, tested offline.".into());
    advice
        .checklist
        .push("A written conflict rule exists for every kind of record.".into());
    let found = said_twice(&advice);
    assert!(
        found
            .iter()
            .any(|f| f.starts_with("checklist lines say the same")
                && f.contains("tested offline")
                && f.contains("exists for every kind")),
        "{found:?}"
    );
}

/// A rule the knowledge base breaks is found, with both items: the sweep is not blind.
#[test]
fn a_broken_rule_is_found_with_both_items() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("rules")).unwrap();
    fs::write(
        dir.path().join("rules/broken.yaml"),
        "rules:\n  - id: no-small-postgresql\n    says: PostgreSQL for small data.\n    \
         never_together: [primary:postgresql, answer:volume=small]\n  - id: items-kept\n    \
         says: Items are kept.\n    kept_tables: [items]\n  - id: cache-needs-memcached\n    \
         says: A cache needs Memcached.\n    requires: [beside:cache, engine:memcached]\n",
    )
    .unwrap();
    let kb = dbadvise::kb::load(&[dir.path().to_path_buf()]).unwrap();
    let advice_of = |pairs: &[(&str, &str)]| {
        let mut answers = Answers::default();
        for (q, v) in pairs {
            let q = kb.question(q).unwrap();
            let value = options_of(q)
                .into_iter()
                .find(|o| o.has(v))
                .unwrap_or_else(|| panic!("no option {v}"));
            answers.set(&q.id, value);
        }
        let (filled, _) = with_defaults(&kb, &answers);
        let advice = advise(&kb, &filled);
        broken(&kb, &filled, &advice)
    };
    let small = advice_of(&[("volume", "small")]);
    assert!(
        small.iter().any(|b| b.rule == "no-small-postgresql"
            && b.items == ["primary:postgresql", "answer:volume=small"]),
        "{small:?}"
    );
    let shared = advice_of(&[("multi-tenant", "shared")]);
    let cascade = shared.iter().find(|b| b.rule == "items-kept");
    assert!(
        cascade.is_some_and(|b| b.items[0] == "table:items" && b.items[1].contains("CASCADE")),
        "{shared:?}"
    );
    let cached = advice_of(&[
        ("peak-rate", "tens-of-thousands"),
        ("read-write", "read-heavy"),
    ]);
    assert!(
        cached.iter().any(|b| b.rule == "cache-needs-memcached"),
        "{cached:?}"
    );
    // The embedded rules hold on the same answers.
    let embedded = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    answers.set(
        "volume",
        options_of(embedded.question("volume").unwrap())[0].clone(),
    );
    let (filled, _) = with_defaults(&embedded, &answers);
    assert!(broken(&embedded, &filled, &advise(&embedded, &filled)).is_empty());
}

/// `kb check` names a rule that refers to nothing, with its line and a did-you-mean, and
/// a rule the advice breaks, with both items and the answers.
#[test]
fn kb_check_names_a_mistyped_rule_and_a_broken_one() {
    let run = |yaml: &str| {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("rules")).unwrap();
        fs::write(dir.path().join("rules/ours.yaml"), yaml).unwrap();
        let out = common::run::dbadvise()
            .args(["kb", "check"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "kb check should fail");
        String::from_utf8(out.stderr).unwrap()
    };
    let typo = run("rules:\n  - id: ours\n    says: A typo.\n    \
                    never_together: [pattern:cache-asid, beside:cach]\n");
    assert!(
        typo.contains("ours.yaml:2")
            && typo.contains("unknown pattern `cache-asid` (did you mean `cache-aside`?)")
            && typo.contains("unknown role `cach` (did you mean `cache`?)"),
        "{typo}"
    );
    let broken = run(
        "rules:\n  - id: no-sqlite-inside\n    says: Never SQLite in the app.\n    \
                      never_together: [primary:sqlite, answer:deployment=embedded]\n",
    );
    assert!(
        broken.contains("rule `no-sqlite-inside`: primary:sqlite and answer:deployment=embedded")
            && broken.contains("deployment = embedded")
            && broken.contains("Never SQLite in the app."),
        "{broken}"
    );
}

/// A word of one engine is found where the advice says it to a stack without that
/// engine, not where a sentence compares ("CONCURRENTLY in PostgreSQL"), and not inside
/// another word ("GIN" in "ENGINE").
#[test]
fn a_word_of_one_engine_said_to_another_is_found() {
    let kb = common::run::kb_with(
        "rules:\n  - id: words-of-mongodb\n    says: Said outside MongoDB.\n    \
         words: [Column types, XYZZY]\n    only_for: [mongodb]\n",
    );
    let rule = kb
        .rules
        .iter()
        .find(|r| r.id == "words-of-mongodb")
        .unwrap();
    assert_eq!(
        rule.misplaced_word(&kb, "Sorted. An XYZZY serves ranges. Done."),
        Some(("XYZZY", "An XYZZY serves ranges. "))
    );
    assert_eq!(
        rule.misplaced_word(&kb, "In MongoDB, an XYZZY serves ranges."),
        None
    );
    assert_eq!(rule.misplaced_word(&kb, "The XYZZYX and AXYZZY."), None);
    // A PostgreSQL primary (small data) is told its column types: the rule breaks, with
    // the words and the sentence that says them.
    let mut answers = Answers::default();
    let volume = kb.question("volume").unwrap();
    answers.set("volume", options_of(volume)[0].clone());
    let (filled, _) = with_defaults(&kb, &answers);
    let found = broken(&kb, &filled, &advise(&kb, &filled));
    let hit = found.iter().find(|b| b.rule == "words-of-mongodb");
    assert!(
        hit.is_some_and(|b| b.items == ["words:Column types", "\"Column types\""]),
        "{found:?}"
    );
}

/// `kb check` fails on an item declared for an engine that lacks a word it says: the
/// PostgreSQL trigram pattern declared for MySQL names GIN to MySQL.
#[test]
fn kb_check_names_an_item_that_says_a_word_its_engine_lacks() {
    let problems =
        common::run::load_with("patterns:\n  - id: index-gin-trgm\n    engines: [mysql]\n")
            .expect_err("a PostgreSQL pattern declared for MySQL");
    let problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.iter().any(|p| p.starts_with("overlay.yaml:2")
            && p.contains("pattern `index-gin-trgm` names `GIN` for MySQL, which lack it (rule `postgresql-types`)")),
        "{problems:#?}"
    );
}
