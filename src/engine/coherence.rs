//! The coherence rules of the knowledge base (`kb::rules`), checked on an advice: two
//! items that must never stand together, an item without the one it needs, a kept table
//! that a cascade would empty, a word said to a stack whose engines lack it. A broken rule is a fault of the knowledge base (or an
//! overlay), never of the answers: `kb check` and the tests sweep answers to find them,
//! and `recommend` warns if one slips through.

use serde::Serialize;

use super::advise::advise_walked;
use super::advise::Advice;
use super::answers::Answers;
use super::schema::holds;
use super::{effects, walk_with_defaults};
use crate::kb::rules::names_word;
use crate::kb::{KnowledgeBase, Rule, RuleItem, Text};

/// A rule an advice breaks, with the items that break it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    pub rule: Text,
    pub says: Text,
    /// `pattern:a` and `decision:t/b`, or `table:events` and the foreign key.
    pub items: Vec<String>,
}

/// The rules this advice breaks.
pub fn broken(kb: &KnowledgeBase, answers: &Answers, advice: &Advice) -> Vec<Broken> {
    // Only the answers to questions the walk asked count, as for the items themselves:
    // an answer the interview never asked for decided nothing.
    let mut asked = answers.clone();
    asked
        .values
        .retain(|q, _| advice.answers.iter().any(|b| b.question == q.as_str()));
    let answers = &asked;
    let texts = AdviceTexts::of(advice);
    let mut out = Vec::new();
    for rule in &kb.rules {
        if rule.when.as_ref().is_some_and(|c| !holds(c, answers)) {
            continue;
        }
        let broke = |items: Vec<String>| Broken {
            rule: rule.id.clone(),
            says: rule.says.clone(),
            items,
        };
        if !rule.kept_tables.is_empty() {
            out.extend(cascades_into_kept(rule, advice).map(&broke));
            continue;
        }
        if !rule.words.is_empty() {
            out.extend(misplaced_word(kb, rule, advice, &texts).map(&broke));
            continue;
        }
        let Some((a, b)) = rule.pair() else { continue };
        let (has_a, has_b) = (present(&a, answers, advice), present(&b, answers, advice));
        // never_together breaks with both; requires, with the first alone.
        let together = !rule.never_together.is_empty();
        if has_a && has_b == together {
            out.push(broke(rule.pair_text().to_vec()));
        }
    }
    out
}

/// Whether the advice (or the answers behind it) has the item.
fn present(item: &RuleItem, answers: &Answers, advice: &Advice) -> bool {
    match item {
        RuleItem::Pattern(id) => advice
            .patterns
            .iter()
            .chain(&advice.indexes)
            .any(|p| p.id == id.as_str()),
        RuleItem::Decision(tree, outcome) => advice
            .decisions
            .iter()
            .any(|d| d.tree == tree.as_str() && d.outcome == outcome.as_str()),
        RuleItem::Engine(id) => advice.stack.iter().any(|c| c.engine == id.as_str()),
        RuleItem::Primary(id) => advice.primary().is_some_and(|c| c.engine == id.as_str()),
        RuleItem::Beside(role) => advice
            .stack
            .iter()
            .any(|c| c.role == role.as_str() && c.role != "primary" && !c.by_primary),
        RuleItem::Answer(question, option) => answers.get(question).is_some_and(|v| v.has(option)),
        RuleItem::Table(name) => advice.starter_schema.as_ref().is_some_and(|s| {
            crate::sql::tables(&s.dialect, &s.sql)
                .iter()
                .any(|t| t == name)
        }),
    }
}

/// Every text of an advice a word rule reads, in the order it is read, and all of them
/// joined: only the words of a rule that the joined text names are looked for text by
/// text, and most words are named nowhere (one search each instead of one per text).
struct AdviceTexts<'a> {
    each: Vec<&'a str>,
    joined: String,
}

impl<'a> AdviceTexts<'a> {
    fn of(advice: &'a Advice) -> AdviceTexts<'a> {
        let decisions = advice.decisions.iter().flat_map(|d| {
            [&d.title, &d.summary, &d.reason]
                .into_iter()
                .chain(d.good.iter())
                .chain(d.bad.iter())
        });
        let patterns = advice.patterns.iter().chain(&advice.indexes).flat_map(|p| {
            [&p.title, &p.summary, &p.when, &p.why]
                .into_iter()
                .chain(p.pitfalls.iter())
        });
        let stack = advice
            .stack
            .iter()
            .flat_map(|c| c.reason.kb_texts().iter().chain([&c.cost]));
        let each: Vec<&str> = decisions
            .chain(patterns)
            .chain(&advice.checklist)
            .chain(stack)
            .map(|t| t.as_str())
            .collect();
        // A line break is no part of a word, and no rule's word holds one: a word is
        // named in the joined text exactly where it is named in one of the texts.
        let joined = each.join("\n");
        AdviceTexts { each, joined }
    }
}

/// The first word of the rule that the advice says to a stack none of whose engines
/// understands it, with the sentence that says it.
fn misplaced_word(
    kb: &KnowledgeBase,
    rule: &Rule,
    advice: &Advice,
    texts: &AdviceTexts,
) -> Option<Vec<String>> {
    let understood = advice
        .stack
        .iter()
        .filter_map(|c| kb.engine(&c.engine))
        .any(|e| kb.engine_is_one_of(e, &rule.only_for));
    if understood {
        return None;
    }
    let said = rule.words.iter().map(String::as_str);
    let said: Vec<&str> = said.filter(|w| names_word(&texts.joined, w)).collect();
    if said.is_empty() {
        return None;
    }
    texts
        .each
        .iter()
        .find_map(|text| rule.misplaced_one_of(kb, &said, text))
        .map(|(word, sentence)| vec![format!("words:{word}"), format!("\"{}\"", sentence.trim())])
}

/// The foreign keys of kept tables that delete their rows with the row they refer to,
/// each as the items of a broken rule.
fn cascades_into_kept<'a>(
    rule: &'a Rule,
    advice: &Advice,
) -> impl Iterator<Item = Vec<String>> + 'a {
    let keys = advice
        .starter_schema
        .as_ref()
        .map(|s| crate::sql::foreign_keys(&s.dialect, &s.sql))
        .unwrap_or_default();
    keys.into_iter()
        .filter(move |fk| fk.cascades && rule.kept_tables.contains(&fk.child))
        .map(|fk| {
            vec![
                format!("table:{}", fk.child),
                format!(
                    "FOREIGN KEY ({}) REFERENCES {} ON DELETE CASCADE",
                    fk.columns.join(", "),
                    fk.parent
                ),
            ]
        })
}

/// What a sweep found: how many advices it checked, and each broken rule once, with the
/// answers that first broke it.
#[derive(Debug, Default)]
pub struct Sweep {
    pub advices: usize,
    pub rules: usize,
    pub broken: Vec<(Broken, Answers)>,
}

/// Checks the rules on the advice of every option of every question (see
/// `effects::every_option`), for `kb check`.
pub fn sweep(kb: &KnowledgeBase) -> Sweep {
    let mut found = Sweep {
        rules: kb.rules.len(),
        ..Sweep::default()
    };
    for answers in effects::every_option(kb, 2) {
        let (filled, _, walked) = walk_with_defaults(kb, &answers);
        let advice = advise_walked(kb, &filled, walked);
        found.advices += 1;
        for b in broken(kb, &filled, &advice) {
            if !found.broken.iter().any(|(seen, _)| seen.rule == b.rule) {
                found.broken.push((b, answers.clone()));
            }
        }
    }
    found
}
