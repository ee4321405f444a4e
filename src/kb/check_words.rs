//! No internal words in user text (issue #14): the knowledge base was written from "seed"
//! documents, but a user who reads "seed 004 says" in the advice, `explain` or a record
//! cannot know what that is. Provenance goes in `source:`, the one text not checked here.

use super::load::IdLines;
use super::locate::line_within_item;
use super::model::Reason;
use super::{KnowledgeBase, Origin, Problem};

/// The first internal word of `text`: `seed` or `seeds` as a whole word, in any case, or
/// a seed's file name (`003_eab057843af925e8.txt`).
pub fn internal_word(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    if b.len() < 4 {
        return None;
    }
    // This runs over every text on every load (about 800 kB): one pass without branches
    // tells whether the searches below can match at all, and nearly every text stops here.
    let quads = b.iter().zip(&b[1..]).zip(&b[2..]).zip(&b[3..]);
    let maybe = quads.fold(u8::MAX, |maybe, (((&w, &x), &y), &z)| {
        let seed =
            ((w | 0x20) ^ b's') | ((x | 0x20) ^ b'e') | ((y | 0x20) ^ b'e') | ((z | 0x20) ^ b'd');
        maybe
            .min(seed)
            .min((w ^ b'.') | (x ^ b't') | (y ^ b'x') | (z ^ b't'))
    });
    if maybe != 0 {
        return None;
    }
    let in_word = |i: usize| {
        b.get(i)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
    };
    let word = |i: usize| {
        if !b[i..i + 4].eq_ignore_ascii_case(b"seed") || (i > 0 && in_word(i - 1)) {
            return None;
        }
        let end = i + 4 + usize::from(matches!(b.get(i + 4), Some(b's' | b'S')));
        (!in_word(end)).then(|| &text[i..end])
    };
    let hex = |c: &u8| c.is_ascii_digit() || (b'a'..=b'f').contains(c);
    let file_name = |(end, _): (usize, &str)| {
        let name = text.get(end.checked_sub(20)?..end + 4)?;
        let n = name.as_bytes();
        (n[..3].iter().all(u8::is_ascii_digit) && n[3] == b'_' && n[4..20].iter().all(hex))
            .then_some(name)
    };
    let seed = (0..b.len() - 3).find_map(word);
    seed.or_else(|| text.match_indices(".txt").find_map(file_name))
}

/// One item whose texts are checked: where it is, and how to find a word's line in it
/// (`None`: the item's own line).
struct Item<'a> {
    origin: &'a Origin,
    kind: &'static str,
    id: &'a str,
    locate: &'a dyn Fn(&str) -> Option<usize>,
}

impl<'a> Item<'a> {
    fn new(origin: &'a Origin, kind: &'static str, id: &'a str) -> Self {
        let locate = &|_: &str| None;
        Item {
            origin,
            kind,
            id,
            locate,
        }
    }

    fn locating(self, locate: &'a dyn Fn(&str) -> Option<usize>) -> Self {
        Item { locate, ..self }
    }
}

/// Reports `text` when it holds an internal word. `field` is its name, after the part of
/// the item it belongs to when there is one: (`option`, `mysql`, `label`).
fn scan(problems: &mut Vec<Problem>, item: &Item, field: (&str, &str, &str), text: &str) {
    let Some(word) = internal_word(text) else {
        return;
    };
    let field = match field {
        ("", _, name) => name.to_string(),
        (part, id, name) => format!("{part} `{id}` {name}").trim_end().to_string(),
    };
    problems.push(Problem {
        file: item.origin.file.clone(),
        line: (item.locate)(word).or(item.origin.line),
        column: None,
        message: format!(
            "{} `{}`, {field}: user text mentions `{word}`; say the advice itself and keep its provenance in `source:`",
            item.kind, item.id
        ),
    });
}

/// Scans the text fields of `$x` named before the second `;` and every text of the
/// lists after it, optionally as fields of a part of the item (`"option", &c.id`).
macro_rules! fields {
    ($problems:expr, $item:expr, $x:expr, $part:expr, $id:expr; $($f:ident),*; $($list:ident),*) => {{
        $(scan($problems, &$item, ($part, $id, stringify!($f)), AsRef::<str>::as_ref(&$x.$f));)*
        $(for text in $x.$list.iter() {
            scan($problems, &$item, ($part, $id, stringify!($list)), AsRef::<str>::as_ref(text));
        })*
    }};
    ($problems:expr, $item:expr, $x:expr; $($rest:tt)*) => {
        fields!($problems, $item, $x, "", ""; $($rest)*)
    };
}

/// Every text a user reads: prompts and help, advice, the catalog's notes, topics,
/// snippets and starter-schema comments.
pub(super) fn check(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let o = &kb.origins;
    for q in &kb.questions {
        let it = Item::new(&o.questions[q.id.as_str()], "question", &q.id);
        fields!(problems, it, q; section, prompt, help;);
        for c in &q.options {
            fields!(problems, it, c, "option", &c.id; label, help, context;);
        }
    }
    for t in &kb.trees {
        let origin = &o.trees[t.id.as_str()];
        fields!(problems, Item::new(origin, "tree", &t.id), t; title, description;);
        let text = &kb.tree_texts[t.id.as_str()];
        for node in &t.nodes {
            let Some(out) = &node.outcome else { continue };
            // The node's line, then the word's line within the node.
            let locate = |word: &str| {
                let from = IdLines::new(text).line(&node.id, origin.line.unwrap_or(1))?;
                line_within_item(text, from, word).or(Some(from))
            };
            let it = Item::new(origin, "tree", &t.id).locating(&locate);
            fields!(problems, it, out, "outcome", &node.id; title, summary, reason; checklist, good, bad);
        }
    }
    for e in &kb.engines {
        let it = Item::new(&o.engines[e.id.as_str()], "engine", &e.id);
        fields!(problems, it, e; name, cap_note, best_for; strengths, weaknesses, avoid_when);
        for (capability, why) in &e.lacks {
            scan(problems, &it, ("lacks", capability, ""), why);
        }
    }
    for c in &kb.criteria {
        fields!(problems, Item::new(&o.criteria[c.id.as_str()], "criterion", &c.id), c; label, help;);
    }
    for c in &kb.capabilities {
        fields!(problems, Item::new(&o.capabilities[c.id.as_str()], "capability", &c.id), c; label, help;);
    }
    for n in &kb.needs {
        fields!(problems, Item::new(&o.needs[n.id.as_str()], "need", &n.id), n; label, reason, cost;);
    }
    for p in &kb.patterns {
        fields!(problems, Item::new(&o.patterns[p.id.as_str()], "pattern", &p.id), p; title, summary, when, why; pitfalls);
    }
    for t in &kb.topics {
        fields!(problems, Item::new(&o.topics[t.id.as_str()], "topic", &t.id), t; title, summary, body, example;);
    }
    for s in kb.snippets.values() {
        let locate = |word: &str| Some(1 + s.code[..s.code.find(word)?].matches('\n').count());
        let it = Item::new(&s.origin, "snippet", &s.path).locating(&locate);
        scan(problems, &it, ("", "", "code"), &s.code);
    }
    for s in &kb.schemas {
        let (origin, text) = (&o.schemas[s.id.as_str()], &kb.schema_texts[s.id.as_str()]);
        let locate = |word: &str| line_within_item(text, origin.line?, word);
        let it = Item::new(origin, "schema", &s.id).locating(&locate);
        scan(problems, &it, ("", "", "header"), &s.header.text);
        let mut why =
            |part: &str, id: &str, why: &Reason| scan(problems, &it, (part, id, "why"), &why.text);
        for (name, pieces) in &s.vars {
            pieces.iter().for_each(|p| why("var", name, &p.why));
        }
        for part in &s.parts {
            match &part.table {
                Some(table) => why("table", table, &part.why),
                None => why(
                    "part",
                    part.sql.as_deref().map_or("", first_line),
                    &part.why,
                ),
            }
            for c in &part.columns {
                why("column", &c.name, &c.why);
            }
            let pieces = part.constraints.iter().chain(&part.options);
            for p in pieces.chain(&part.statements) {
                why("statement", first_line(&p.sql), &p.why);
            }
        }
    }
}

/// Parts without a table, and statements, are named by their first line of SQL.
fn first_line(sql: &str) -> &str {
    sql.lines().next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::embedded::load_and_check;
    use crate::kb::load::{embedded_files, load_sources, SourceFile};

    #[test]
    fn seeds_are_found_as_whole_words_and_by_their_file_names() {
        let found = [
            ("Seed 004's table", "Seed"),
            ("(seed 002)", "seed"),
            ("the seeds' rule", "seeds"),
            ("SEEDS", "SEEDS"),
            ("sEeD", "sEeD"),
            ("in 003_eab057843af925e8.txt.", "003_eab057843af925e8.txt"),
            ("004_1fb74cab0c1347a0.txt", "004_1fb74cab0c1347a0.txt"),
        ];
        for (text, word) in found {
            assert_eq!(internal_word(text), Some(word), "{text}");
        }
        let fine = [
            "seeded",
            "setseed(0.5)",
            "linseed",
            "seed_data",
            "x12_0123456789abcdef.txt",
            "003_0123456789abcdeg.txt",
            "",
            "see",
        ];
        for text in fine {
            assert_eq!(internal_word(text), None, "{text}");
        }
    }

    #[test]
    fn kb_check_fails_on_user_text_that_mentions_seeds_but_not_on_sources() {
        let text = "patterns:\n  - id: query-n-plus-one\n    why: As seed 004 shows.\n    pitfalls: [See 004_1fb74cab0c1347a0.txt.]\n    source: 004_1fb74cab0c1347a0.txt\n";
        let file = SourceFile {
            shown_as: "mine/p.yaml".into(),
            relative: "p.yaml".into(),
            text: text.into(),
            json: None,
        };
        let problems = load_sources(vec![embedded_files(), vec![file]]).expect_err("it must fail");
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(said.len(), 2, "{said:#?}");
        assert!(
            said[0].starts_with(
                "mine/p.yaml:2: pattern `query-n-plus-one`, why: user text mentions `seed`"
            ),
            "{said:#?}"
        );
        assert!(said[1].starts_with("mine/p.yaml:2: pattern `query-n-plus-one`, pitfalls: user text mentions `004_1fb74cab0c1347a0.txt`"), "{said:#?}");
    }

    #[test]
    fn an_outcome_or_a_snippet_is_reported_at_the_line_of_the_word() {
        // As loaded from its files: the checks need where each item is.
        let mut kb = load_and_check(&[]).unwrap();
        let tree = kb
            .trees
            .iter_mut()
            .find(|t| t.nodes.iter().any(|n| n.outcome.is_some()))
            .unwrap();
        let node = tree.nodes.iter_mut().find(|n| n.outcome.is_some()).unwrap();
        node.outcome
            .as_mut()
            .unwrap()
            .checklist
            .push("Seed 000's checklist".into());
        let (tree_id, node_id) = (tree.id.to_string(), node.id.to_string());
        kb.snippets.values_mut().next().unwrap().code =
            "-- A title\nSELECT 1; -- seeds agree\n".into();
        let mut problems = Vec::new();
        check(&kb, &mut problems);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        let tree_line = kb.origins.trees[&tree_id].line.unwrap();
        let node_line = IdLines::new(&kb.tree_texts[&tree_id]).line(&node_id, tree_line);
        assert!(problems[0]
            .message
            .starts_with(&format!("tree `{tree_id}`, outcome `{node_id}` checklist")));
        assert_eq!(
            problems[0].line, node_line,
            "the outcome's node, not the tree"
        );
        assert_ne!(node_line, Some(tree_line));
        assert!(
            problems[1]
                .message
                .contains("code: user text mentions `seeds`"),
            "{problems:#?}"
        );
        assert_eq!(problems[1].line, Some(2));
    }

    #[test]
    fn the_embedded_knowledge_base_names_no_seed_outside_source() {
        let kb = load_and_check(&[]).unwrap();
        let mut problems = Vec::new();
        check(&kb, &mut problems);
        assert!(problems.is_empty(), "{problems:#?}");
        // Its sources do name seed files: the exemption is exercised, not vacuous.
        assert!(kb
            .patterns
            .iter()
            .any(|p| p.source.as_deref().and_then(internal_word).is_some()));
    }
}
