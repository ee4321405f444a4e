//! Coherence rules (`knowledge/rules/`): items of advice that must never stand together,
//! an item that needs another, tables whose rows the advice keeps, and words that only
//! some engines understand. The engine checks them on every advice
//! (`engine::coherence`); here they are read, their references checked, and the items
//! declared for engines checked against the words.

use serde::{Deserialize, Serialize};

use super::check::unknown;
use super::check_trees::condition_problems;
use super::{Applies, Condition, KnowledgeBase, Problem, Text};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: Text,
    /// What would be wrong, in a sentence: shown when an advice breaks the rule.
    pub says: Text,
    /// Two items that never stand together in one advice.
    #[serde(default)]
    pub never_together: Vec<String>,
    /// Two items: the first only with the second.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Tables whose rows the advice keeps: no foreign key of theirs deletes them when
    /// the row they refer to is deleted (`ON DELETE CASCADE`).
    #[serde(default)]
    pub kept_tables: Vec<String>,
    /// Words that name one engine's own statement or tool (`PgBouncer`, `$lookup`): no
    /// advice says one to a stack of engines that lack it, unless the same sentence names
    /// an engine that has it ("CONCURRENTLY in PostgreSQL").
    #[serde(default)]
    pub words: Vec<String>,
    /// With `words`: the engines (ids or families) that understand them.
    #[serde(default)]
    pub only_for: Vec<Text>,
    /// The answers under which the rule holds; always, when absent.
    #[serde(default)]
    pub when: Option<Condition>,
    #[serde(default)]
    pub source: Option<String>,
}

/// An item of advice a rule names, written `kind:id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleItem {
    /// `pattern:ID`: a pattern or an index kind is advised.
    Pattern(String),
    /// `decision:TREE/OUTCOME`: a tree reached that outcome.
    Decision(String, String),
    /// `engine:ID`: the engine is somewhere in the stack.
    Engine(String),
    /// `primary:ID`: the engine is the primary store.
    Primary(String),
    /// `beside:ROLE`: a store other than the primary serves the role.
    Beside(String),
    /// `answer:QUESTION=OPTION`: the answers hold that option.
    Answer(String, String),
    /// `table:NAME`: the starter schema has the table.
    Table(String),
}

impl RuleItem {
    pub fn parse(text: &str) -> Result<RuleItem, String> {
        let (kind, id) = text
            .split_once(':')
            .ok_or_else(|| format!("`{text}` is not `kind:id`"))?;
        let pair = |sep: char, what: &str| {
            id.split_once(sep)
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .ok_or_else(|| format!("`{text}`: write {what}"))
        };
        Ok(match kind {
            "pattern" => RuleItem::Pattern(id.into()),
            "decision" => {
                let (tree, outcome) = pair('/', "decision:TREE/OUTCOME")?;
                RuleItem::Decision(tree, outcome)
            }
            "engine" => RuleItem::Engine(id.into()),
            "primary" => RuleItem::Primary(id.into()),
            "beside" => RuleItem::Beside(id.into()),
            "answer" => {
                let (question, option) = pair('=', "answer:QUESTION=OPTION")?;
                RuleItem::Answer(question, option)
            }
            "table" => RuleItem::Table(id.into()),
            _ => return Err(unknown("kind of item", kind, ITEM_KINDS.iter().copied())),
        })
    }
}

const ITEM_KINDS: [&str; 7] = [
    "pattern", "decision", "engine", "primary", "beside", "answer", "table",
];

impl Rule {
    /// The two items of `never_together` or `requires`, as written.
    pub fn pair_text(&self) -> &[String] {
        if self.never_together.is_empty() {
            &self.requires
        } else {
            &self.never_together
        }
    }

    /// The first of the rule's `words` that `text` names in a sentence that names no
    /// engine of `only_for`, with that sentence.
    pub fn misplaced_word<'t>(&self, kb: &KnowledgeBase, text: &'t str) -> Option<(&str, &'t str)> {
        let words: Vec<&str> = self.words.iter().map(String::as_str).collect();
        self.misplaced_one_of(kb, &words, text)
    }

    /// The same, for some of the rule's words only (those an advice says somewhere), in
    /// the rule's order.
    pub fn misplaced_one_of<'w, 't>(
        &self,
        kb: &KnowledgeBase,
        words: &[&'w str],
        text: &'t str,
    ) -> Option<(&'w str, &'t str)> {
        let word = *words.iter().find(|w| names_word(text, w))?;
        // An engine is named by its name, or by its id in any case ("PostgreSQL" for
        // `postgresql`), so that a base that renames an engine keeps its comparisons.
        let speaks = |sentence: &str| {
            let lower = sentence.to_lowercase();
            kb.engines
                .iter()
                .filter(|e| kb.engine_is_one_of(e, &self.only_for))
                .any(|e| sentence.contains(e.name.as_str()) || names_word(&lower, &e.id))
        };
        sentences(text)
            .filter(|s| names_word(s, word) && !speaks(s))
            .map(|s| (word, s))
            .next()
    }

    /// The rule's two items, for `never_together` or `requires`.
    pub fn pair(&self) -> Option<(RuleItem, RuleItem)> {
        match self.pair_text() {
            [a, b] => Some((RuleItem::parse(a).ok()?, RuleItem::parse(b).ok()?)),
            _ => None,
        }
    }
}

/// Whether `text` names `word` as a whole word: "GIN" is not in "ENGINE".
pub fn names_word(text: &str, word: &str) -> bool {
    if word.trim().is_empty() {
        return false;
    }
    let (text_bytes, word_bytes) = (text.as_bytes(), word.as_bytes());
    let part_of_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    // Each place the word's first byte stands, compared in full: the sweeps call this
    // some million times on short texts, where building a substring searcher cost more
    // than the search. The first byte of a character never stands inside another, so
    // `at` is a character boundary of `text`.
    memchr::memchr_iter(word_bytes[0], text_bytes).any(|at| {
        text_bytes[at..].starts_with(word_bytes)
            && !part_of_word(text[..at].chars().next_back())
            && !part_of_word(text[at + word.len()..].chars().next())
    })
}

/// The sentences of a text: a full stop followed by a space ends one.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(". ").filter(|s| !s.trim().is_empty())
}

/// Each rule says one thing, in one of the four forms, about items that exist.
pub(super) fn check(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    for rule in &kb.rules {
        let origin = kb
            .origins
            .rules
            .get(rule.id.as_str())
            .cloned()
            .unwrap_or_default();
        let mut say = |message: String| {
            problems.push(origin.problem(format!("rule `{}`: {message}", rule.id)));
        };
        let forms = [
            !rule.never_together.is_empty(),
            !rule.requires.is_empty(),
            !rule.kept_tables.is_empty(),
            !rule.words.is_empty(),
        ];
        if forms.iter().filter(|f| **f).count() != 1 {
            say("give exactly one of never_together, requires, kept_tables and words".into());
        }
        if rule.words.iter().any(|w| w.trim().is_empty()) {
            say("`words` has an empty word".into());
        }
        if rule.words.is_empty() != rule.only_for.is_empty() {
            say("`words` and `only_for` go together: the words, and the engines that understand them".into());
        }
        for declared in &rule.only_for {
            if kb.engine(declared).is_none() && !kb.families().contains(&declared.as_str()) {
                let families = kb.families();
                let valid = kb.engines.iter().map(|e| e.id.as_str());
                say(format!(
                    "only_for: {}",
                    unknown(
                        "engine or engine family",
                        declared,
                        valid.chain(families.iter().copied())
                    )
                ));
            }
        }
        for (form, list) in [
            ("never_together", &rule.never_together),
            ("requires", &rule.requires),
        ] {
            if !list.is_empty() && list.len() != 2 {
                say(format!("{form} names two items, not {}", list.len()));
            }
            for text in list {
                match RuleItem::parse(text) {
                    Ok(item) => {
                        if let Some(problem) = missing(kb, &item) {
                            say(format!("`{text}`: {problem}"));
                        }
                    }
                    Err(problem) => say(problem),
                }
            }
        }
        for table in &rule.kept_tables {
            if let Some(problem) = missing(kb, &RuleItem::Table(table.clone())) {
                say(problem);
            }
        }
        if let Some(when) = &rule.when {
            for problem in condition_problems(kb, when) {
                say(format!("when: {problem}"));
            }
        }
        if rule.says.trim().is_empty() {
            say("`says` is empty: write what would be wrong".into());
        }
    }
}

/// Items declared for some engines name no word that one of those engines lacks: a
/// MySQL checklist line that says `pg_stat_statements` is a mistake of the base.
pub(super) fn check_declared_words(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let rules: Vec<&Rule> = kb.rules.iter().filter(|r| !r.words.is_empty()).collect();
    let mut check =
        |origin: Option<&super::Origin>, what: String, applies: &Applies, text: &str| {
            if applies.is_everywhere() {
                return;
            }
            for rule in &rules {
                let Some((word, sentence)) = rule.misplaced_word(kb, text) else {
                    continue;
                };
                let lacking: Vec<&str> = kb
                    .engines
                    .iter()
                    .filter(|e| applies.to(e) && !kb.engine_is_one_of(e, &rule.only_for))
                    .map(|e| e.name.as_str())
                    .collect();
                if !lacking.is_empty() {
                    let origin = origin.cloned().unwrap_or_default();
                    problems.push(origin.problem(format!(
                        "{what} names `{word}` for {}, which lack it (rule `{}`): \"{}\"",
                        lacking.join(", "),
                        rule.id,
                        sentence.trim()
                    )));
                }
            }
        };
    for p in &kb.patterns {
        let origin = kb.origins.patterns.get(p.id.as_str());
        let texts = [&p.title, &p.summary, &p.when, &p.why].into_iter();
        for text in texts.chain(p.pitfalls.iter()) {
            check(origin, format!("pattern `{}`", p.id), &p.applies, text);
        }
    }
    for t in &kb.trees {
        let origin = kb.origins.trees.get(t.id.as_str());
        for n in &t.nodes {
            let Some(o) = &n.outcome else { continue };
            for line in o.checklist.iter().chain(&o.good).chain(&o.bad) {
                let what = format!("tree `{}`, outcome `{}`", t.id, n.id);
                check(origin, what, &line.applies, &line.text);
            }
        }
    }
}

/// Why an item names nothing in the knowledge base, if it does not.
fn missing(kb: &KnowledgeBase, item: &RuleItem) -> Option<String> {
    let engines = || kb.engines.iter().map(|e| e.id.as_str());
    match item {
        RuleItem::Pattern(id) => kb
            .pattern(id)
            .is_none()
            .then(|| unknown("pattern", id, kb.patterns.iter().map(|p| p.id.as_str()))),
        RuleItem::Decision(tree, outcome) => match kb.tree(tree) {
            None => Some(unknown(
                "tree",
                tree,
                kb.trees.iter().map(|t| t.id.as_str()),
            )),
            Some(t) => {
                let outcomes = || {
                    t.nodes
                        .iter()
                        .filter(|n| n.outcome.is_some())
                        .map(|n| n.id.as_str())
                };
                (!outcomes().any(|n| n == outcome))
                    .then(|| unknown(&format!("outcome of tree `{tree}`"), outcome, outcomes()))
            }
        },
        RuleItem::Engine(id) | RuleItem::Primary(id) => kb
            .engine(id)
            .is_none()
            .then(|| unknown("engine", id, engines())),
        RuleItem::Beside(role) => {
            let roles = || kb.needs.iter().filter_map(|n| n.role.as_deref());
            (!roles().any(|r| r == role)).then(|| unknown("role", role, roles()))
        }
        RuleItem::Answer(question, option) => match kb.question(question) {
            None => Some(unknown(
                "question",
                question,
                kb.questions.iter().map(|q| q.id.as_str()),
            )),
            Some(q) => q.choice(option).is_none().then(|| {
                unknown(
                    &format!("option of `{question}`"),
                    option,
                    q.options.iter().map(|o| o.id.as_str()),
                )
            }),
        },
        RuleItem::Table(name) => {
            let tables = || {
                kb.schemas
                    .iter()
                    .flat_map(|s| s.parts.iter().filter_map(|p| p.table.as_deref()))
            };
            (!tables().any(|t| t == name)).then(|| unknown("starter-schema table", name, tables()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_word;

    #[test]
    fn a_word_is_named_only_whole() {
        assert!(names_word("a GIN index", "GIN"));
        assert!(names_word("GIN", "GIN"));
        assert!(names_word("(GIN).", "GIN"));
        assert!(!names_word("ENGINE", "GIN"));
        assert!(!names_word("GIN_trgm", "GIN"));
        assert!(!names_word("éGIN", "GIN"));
        assert!(names_word("GINGIN and GIN", "GIN"));
        assert!(names_word("ça, naïve plan", "naïve"));
        assert!(!names_word("naïveté", "naïve"));
        assert!(!names_word("any text", " "));
        assert!(!names_word("", "GIN"));
    }
}
