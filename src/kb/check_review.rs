//! `kb check` for the review rules (`knowledge/review/`): each names a detector that
//! exists, engines of the catalog, a topic of the library, the name lists its detector
//! reads, only placeholders its detector fills, and a why and a fix for every engine
//! review reads that it applies to.

use super::check::unknown;
use super::locate::line_within_item;
use super::review_terms::{all, detector, fact, pattern_problem, placeholders, FACTS, REVIEWED};
use super::{KnowledgeBase, Origin, Problem, QuestionKind, ReviewAnswer, ReviewRule};

pub(super) fn check(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    for rule in &kb.review_rules {
        let origin = kb.origins.review_rules.get(rule.id.as_str());
        let what = format!("review rule `{}`", rule.id);
        check_rule(kb, rule, &mut at_field(kb, origin, &what, problems));
    }
}

/// What reports a problem of an item at one of its fields: the line of the field inside
/// the item, where the file shows it, else the item's own line.
fn at_field<'a>(
    kb: &'a KnowledgeBase,
    origin: Option<&'a Origin>,
    what: &'a str,
    problems: &'a mut Vec<Problem>,
) -> impl FnMut(&str, String) + 'a {
    let origin = origin.cloned().unwrap_or_default();
    move |field: &str, message: String| {
        let text = kb.review_texts.get(&origin.file).map(String::as_str);
        let line = origin
            .line
            .and_then(|from| text.and_then(|t| line_within_item(t, from, &format!("{field}:"))));
        let at = Origin {
            file: origin.file.clone(),
            line: line.or(origin.line),
        };
        problems.push(at.problem(format!("{what}: {message}")));
    }
}

fn check_rule(kb: &KnowledgeBase, rule: &ReviewRule, say: &mut impl FnMut(&str, String)) {
    let found = detector(&rule.detects);
    if found.is_none() {
        let ids = all().map(|d| d.id);
        say("detects", unknown("detector", &rule.detects, ids));
    }
    if kb.topic(&rule.topic).is_none() {
        let ids = kb.topics.iter().map(|t| t.id.as_str());
        say("topic", unknown("topic", &rule.topic, ids));
    }
    let families = kb.families();
    for engine in &rule.engines {
        if kb.engine(engine).is_none() && !families.contains(engine.as_str()) {
            let ids = kb.engines.iter().map(|e| e.id.as_str());
            let valid = ids.chain(families.iter().copied());
            say("engines", unknown("engine or engine family", engine, valid));
        }
    }
    let reviewed: Vec<&str> = REVIEWED
        .iter()
        .copied()
        .filter(|id| {
            kb.engine(id)
                .is_some_and(|e| kb.engine_is_one_of(e, &rule.engines))
        })
        .collect();
    if reviewed.is_empty() && !rule.engines.is_empty() {
        say(
            "engines",
            "applies to no engine review reads (postgresql, mysql)".into(),
        );
    }
    for (field, value) in [
        ("title", &rule.title),
        ("says", &rule.says),
        ("why", &rule.why),
    ] {
        if value.trim().is_empty() {
            say(field, format!("`{field}` is empty"));
        }
    }
    // The title and why are the rule's, the same for every finding: nothing fills them.
    for (field, value) in [("title", &rule.title), ("why", &rule.why)] {
        if let Some(name) = placeholders(value).first() {
            say(
                field,
                format!("`{field}` is the same for every finding: `{{{name}}}` is never filled"),
            );
        }
    }
    for engine in rule.fix.keys() {
        if !reviewed.contains(&engine.as_str()) {
            say(
                "fix",
                unknown("engine of this rule", engine, reviewed.iter().copied()),
            );
        }
    }
    for engine in &reviewed {
        match rule.fix.get(*engine) {
            None => say("fix", format!("no fix for {engine}: give one in its SQL")),
            Some(fix) if fix.trim().is_empty() => {
                say("fix", format!("the fix for {engine} is empty"))
            }
            Some(_) => {}
        }
    }
    let Some(detector) = found else { return };
    let what = format!("detector `{}` ({})", detector.id, detector.finds);
    check_names(&what, detector.lists, &rule.names, say);
    let texts = std::iter::once(("says", &rule.says)).chain(rule.fix.values().map(|f| ("fix", f)));
    check_placeholders(
        &format!("detector `{}`", detector.id),
        detector.fills,
        texts,
        say,
    );
    for (question, option) in rule.bearing() {
        let Some(q) = kb.question(question) else {
            let ids = kb.questions.iter().map(|q| q.id.as_str());
            say("bears_on", unknown("question", question, ids));
            continue;
        };
        if let Some(option) = option.filter(|o| q.choice(o).is_none()) {
            let ids = q.options.iter().map(|o| o.id.as_str());
            say(
                "bears_on",
                unknown(&format!("option of `{question}`"), option, ids),
            );
        }
    }
}

/// The name lists `what` reads are given, and only those, each pattern well formed.
fn check_names(
    what: &str,
    lists: &[&str],
    names: &std::collections::BTreeMap<String, Vec<String>>,
    say: &mut impl FnMut(&str, String),
) {
    for list in lists {
        if names.get(*list).is_none_or(Vec::is_empty) {
            say(
                "names",
                format!("{what} reads the name list `{list}`: give it"),
            );
        }
    }
    for (list, patterns) in names {
        if !lists.contains(&list.as_str()) {
            let valid = lists.iter().copied();
            say(
                "names",
                unknown(&format!("name list of {what}"), list, valid),
            );
        }
        for pattern in patterns {
            if let Some(problem) = pattern_problem(pattern) {
                say("names", problem);
            }
        }
    }
}

/// The texts name only placeholders that `what` fills.
fn check_placeholders<'t>(
    what: &str,
    fills: &[&str],
    texts: impl Iterator<Item = (&'static str, &'t String)>,
    say: &mut impl FnMut(&str, String),
) {
    for (field, text) in texts {
        for name in placeholders(text) {
            if !fills.contains(&name) {
                let valid = fills.iter().copied();
                say(
                    field,
                    unknown(&format!("placeholder of {what}"), name, valid),
                );
            }
        }
    }
}

/// Each review answer sees a fact review can see, on engines of the catalog, and gives
/// options that exist: one for a one-choice question.
pub(super) fn check_answers(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    for answer in &kb.review_answers {
        let origin = kb.origins.review_answers.get(answer.id.as_str());
        let what = format!("review answer `{}`", answer.id);
        check_answer(kb, answer, &mut at_field(kb, origin, &what, problems));
    }
}

fn check_answer(kb: &KnowledgeBase, answer: &ReviewAnswer, say: &mut impl FnMut(&str, String)) {
    let families = kb.families();
    for engine in &answer.engines {
        if kb.engine(engine).is_none() && !families.contains(engine.as_str()) {
            let ids = kb.engines.iter().map(|e| e.id.as_str());
            let valid = ids.chain(families.iter().copied());
            say("engines", unknown("engine or engine family", engine, valid));
        }
    }
    if answer.answers.is_empty() {
        say("answers", "gives no answer".into());
    }
    for (question, options) in &answer.answers {
        let Some(q) = kb.question(question) else {
            let ids = kb.questions.iter().map(|q| q.id.as_str());
            say("answers", unknown("question", question, ids));
            continue;
        };
        if q.kind == QuestionKind::Text {
            say(
                "answers",
                format!("`{question}` takes free text, not options"),
            );
            continue;
        }
        if q.kind == QuestionKind::One && options.len() != 1 {
            say(
                "answers",
                format!("`{question}` takes one option, not {}", options.len()),
            );
        }
        for option in options {
            if q.choice(option).is_none() {
                let ids = q.options.iter().map(|o| o.id.as_str());
                say(
                    "answers",
                    unknown(&format!("option of `{question}`"), option, ids),
                );
            }
        }
    }
    if answer.because.trim().is_empty() {
        say("because", "`because` is empty".into());
    }
    let Some(fact) = fact(&answer.sees) else {
        let ids = FACTS.iter().map(|f| f.id);
        say("sees", unknown("fact", &answer.sees, ids));
        return;
    };
    let what = format!("fact `{}` ({})", fact.id, fact.finds);
    check_names(&what, fact.lists, &answer.names, say);
    let texts = std::iter::once(("because", &answer.because));
    check_placeholders(&format!("fact `{}`", fact.id), fact.fills, texts, say);
}
