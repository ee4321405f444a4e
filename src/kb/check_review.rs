//! `kb check` for the review rules (`knowledge/review/`): each names a detector that
//! exists, engines of the catalog, a topic of the library, the name lists its detector
//! reads, only placeholders its detector fills, and a why and a fix for every engine
//! review reads that it applies to.

use super::check::unknown;
use super::locate::line_within_item;
use super::{KnowledgeBase, Origin, Problem, ReviewRule};
use crate::review::detectors::{all, detector};
use crate::review::names::pattern_problem;
use crate::review::{placeholders, Dialect};

/// The engines `review` reads schemas of.
const REVIEWED: [Dialect; 2] = [Dialect::PostgreSql, Dialect::MySql];

pub(super) fn check(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    for rule in &kb.review_rules {
        let origin = kb
            .origins
            .review_rules
            .get(rule.id.as_str())
            .cloned()
            .unwrap_or_default();
        let text = kb.review_texts.get(&origin.file).map(String::as_str);
        let mut say = |field: &str, message: String| {
            // The line of the field inside the rule, where the file shows it.
            let line = origin.line.and_then(|from| {
                text.and_then(|t| line_within_item(t, from, &format!("{field}:")))
            });
            let at = Origin {
                file: origin.file.clone(),
                line: line.or(origin.line),
            };
            problems.push(at.problem(format!("review rule `{}`: {message}", rule.id)));
        };
        check_rule(kb, rule, &mut say);
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
        .map(|d| d.engine())
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
    for list in detector.lists {
        if rule.names(list).is_empty() {
            say(
                "names",
                format!(
                    "detector `{}` ({}) reads the name list `{list}`: give it",
                    detector.id, detector.finds
                ),
            );
        }
    }
    for (list, patterns) in &rule.names {
        if !detector.lists.contains(&list.as_str()) {
            let lists = detector.lists.iter().copied();
            say(
                "names",
                unknown(
                    &format!("name list of detector `{}`", detector.id),
                    list,
                    lists,
                ),
            );
        }
        for pattern in patterns {
            if let Some(problem) = pattern_problem(pattern) {
                say("names", problem);
            }
        }
    }
    let texts = std::iter::once(("says", &rule.says)).chain(rule.fix.values().map(|f| ("fix", f)));
    for (field, text) in texts {
        for name in placeholders(text) {
            if !detector.fills.contains(&name) {
                let fills = detector.fills.iter().copied();
                say(
                    field,
                    unknown(
                        &format!("placeholder of detector `{}`", detector.id),
                        name,
                        fills,
                    ),
                );
            }
        }
    }
}
