//! The pure engine as an interview drives it: next question, back, progress, traces.

use dbadvise::engine::advise::advise;
use dbadvise::engine::answers::parse_answers;
use dbadvise::engine::walk::walk;
use dbadvise::engine::{default_answer, progress, Answers};
use dbadvise::kb::{AnswerValue, KnowledgeBase};

fn one(v: &str) -> AnswerValue {
    AnswerValue::One(v.into())
}

fn many(vs: &[&str]) -> AnswerValue {
    AnswerValue::Many(vs.iter().map(|v| v.to_string()).collect())
}

/// Answers question after question as the interview would, using `script` where it has
/// an answer and the question's default otherwise. Returns the questions in asked order.
fn interview(
    kb: &KnowledgeBase,
    answers: &mut Answers,
    script: &[(&str, AnswerValue)],
) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(q) = walk(kb, answers).next_question() {
        assert!(
            !asked.iter().any(|a| a == q),
            "`{q}` asked twice (after {asked:?})"
        );
        let question = kb.question(q).unwrap();
        let value = script
            .iter()
            .find(|(id, _)| *id == q)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| default_answer(question));
        asked.push(q.to_string());
        answers.set(q, value);
        assert!(
            asked.len() <= kb.questions.len(),
            "the interview never ends: {asked:?}"
        );
    }
    asked
}

#[test]
fn an_interview_ends_with_complete_advice_and_never_repeats_a_question() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let asked = interview(&kb, &mut answers, &[]);
    assert!(asked.len() >= 5, "{asked:?}");
    let advice = advise(&kb, &answers);
    assert!(advice.complete);
    assert!(advice.primary().is_some());
    // Every question asked is recorded in the advice's answers, in the order asked.
    let recorded: Vec<&str> = advice.answers.iter().map(|b| &*b.question).collect();
    assert_eq!(
        recorded,
        asked.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn progress_counts_up_and_the_estimate_holds_on_the_default_path() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let start = progress(&kb, &answers);
    assert_eq!(start.answered, 0);
    let total = start.remaining;
    let asked = interview(&kb, &mut answers, &[]);
    assert_eq!(
        asked.len(),
        total,
        "answering the defaults takes exactly the estimated steps"
    );
    let end = progress(&kb, &answers);
    assert_eq!((end.answered, end.remaining), (total, 0));
}

#[test]
fn back_removes_the_last_answer_and_asks_it_again() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let first = walk(&kb, &answers).next_question().unwrap().to_string();
    answers.set(&first, default_answer(kb.question(&first).unwrap()));
    let second = walk(&kb, &answers).next_question().unwrap().to_string();
    assert_ne!(first, second);
    let before = progress(&kb, &answers).answered;
    answers.remove(&first);
    assert_eq!(walk(&kb, &answers).next_question(), Some(first.as_str()));
    assert_eq!(progress(&kb, &answers).answered, before - 1);
}

#[test]
fn changing_an_earlier_answer_keeps_the_later_ones_that_still_apply() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[("data-shape", one("relational")), ("money", one("yes"))],
    );
    assert_eq!(
        advise(&kb, &answers).primary().unwrap().engine,
        "postgresql"
    );

    answers.set("data-shape", one("documents"));
    answers.set("consistency", one("eventual"));
    // The money answer is kept; only questions the new path needs are asked.
    let newly_asked = interview(&kb, &mut answers, &[]);
    assert!(!newly_asked.contains(&"money".to_string()));
    assert_eq!(answers.get("money"), Some(&one("yes")));
    assert_eq!(advise(&kb, &answers).primary().unwrap().engine, "mongodb");
}

#[test]
fn a_several_choice_answer_follows_every_selected_branch() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[
            ("data-shape", one("relational")),
            (
                "access-patterns",
                many(&["substring", "json-containment", "range"]),
            ),
        ],
    );
    let advice = advise(&kb, &answers);
    let ids: Vec<&str> = advice.indexes.iter().map(|i| i.id.as_str()).collect();
    for want in [
        "index-gin-trgm",
        "index-gin-jsonb",
        "index-btree-range-sort",
    ] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    let trgm = advice
        .indexes
        .iter()
        .find(|i| i.id == "index-gin-trgm")
        .unwrap();
    // Each branch is explained by its own ticked option, not by every ticked one.
    let why: Vec<&str> = trgm
        .because
        .iter()
        .filter(|b| &*b.question == "access-patterns")
        .map(|b| &*b.answer)
        .collect();
    assert_eq!(why, ["substring"]);
    let cache_and_archive = &[("extra-needs", many(&["caching", "archive"]))];
    let mut answers = Answers::default();
    interview(&kb, &mut answers, cache_and_archive);
    let advice = advise(&kb, &answers);
    let cache = advice.stack.iter().find(|c| c.role == "cache").unwrap();
    let why: Vec<&str> = cache
        .because
        .iter()
        .filter(|b| &*b.question == "extra-needs")
        .map(|b| &*b.answer)
        .collect();
    assert_eq!(why, ["caching"]);
}

#[test]
fn every_item_of_advice_carries_its_trace() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[("extra-needs", many(&["caching", "queue"]))],
    );
    let advice = advise(&kb, &answers);
    for c in &advice.stack {
        let t = &c.trace[0];
        assert!(kb.tree(&t.tree).is_some());
        assert_eq!(
            t.path.last(),
            Some(&t.outcome),
            "the path ends at the outcome"
        );
        assert!(!c.because.is_empty(), "{} has no because", c.engine);
    }
    for p in advice.patterns.iter().chain(&advice.indexes) {
        assert!(!p.trace.is_empty(), "pattern {} has no trace", p.id);
    }
    let roles: Vec<&str> = advice.stack.iter().map(|c| c.role.as_str()).collect();
    assert!(
        roles.contains(&"cache") && roles.contains(&"queue"),
        "{roles:?}"
    );
}

#[test]
fn alternatives_lose_for_stated_reasons() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[
            ("consistency", one("strict")),
            ("query-complexity", one("complex")),
        ],
    );
    let advice = advise(&kb, &answers);
    let primary = advice.primary().unwrap().engine.clone();
    let chosen = advice
        .alternatives
        .iter()
        .find(|a| a.role == "primary" && a.chosen)
        .unwrap();
    assert_eq!(chosen.engine, primary);
    let against: Vec<_> = advice
        .alternatives
        .iter()
        .filter(|a| a.role == "primary" && !a.chosen)
        .collect();
    assert!(!against.is_empty());
    for alt in against {
        assert_ne!(alt.engine, primary);
        assert!(
            !alt.reasons.is_empty(),
            "{} lost without a reason",
            alt.engine
        );
        assert!(alt.score <= 100);
    }
}

#[test]
fn stale_reads_come_from_replicas_only_when_the_primary_engine_has_them() {
    let kb = KnowledgeBase::embedded();
    let cap_outcome = |project: &str, changes: &[(&str, &str)]| {
        let file = format!(
            "{}/tests/projects/{project}.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&file).unwrap();
        let mut answers = parse_answers(&kb, &file, &text).unwrap();
        for (q, v) in changes {
            answers.set(q, one(v));
        }
        let advice = advise(&kb, &answers);
        assert!(advice.complete, "{project}: {:?}", advice.pending);
        let primary = advice.primary().unwrap().engine.to_string();
        let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
        let replicas = advice.patterns.iter().any(|p| p.id == "read-replicas");
        (primary, cap.outcome.to_string(), replicas)
    };
    let keep_serving = [
        ("partition-behaviour", "keep-serving"),
        ("stale-reads", "seconds"),
    ];
    // Single-node engines: no replicas to read from, whatever staleness is accepted.
    assert_eq!(
        cap_outcome("iot-fleet", &[]),
        ("influxdb".into(), "single-node-stale".into(), false)
    );
    assert_eq!(
        cap_outcome("mobile-offline", &keep_serving),
        ("sqlite".into(), "single-node-stale".into(), false)
    );
    // A replicated engine with the same answers reads from its replicas.
    assert_eq!(
        cap_outcome("chat-app", &keep_serving),
        ("postgresql".into(), "cp-replica-reads".into(), true)
    );
}
