//! Learn mode, pure: finding topics (by id, title, alias, the start of an id, or a
//! search word), where each one appears in the interview and the advice, and a topic
//! laid out as blocks of text that `explain` prints and the TUI styles. No terminal,
//! no files.

use crate::kb::{topic_slug, KnowledgeBase, Topic, TOPIC_AREAS};
use crate::suggest;

/// A place in the knowledge base that links to a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    /// `question`, `decision`, `engine`, `pattern`.
    pub kind: &'static str,
    pub id: String,
    /// How people know it: the question's prompt, the tree's or pattern's title, the
    /// engine's name.
    pub title: String,
}

/// Every question, tree, engine and pattern that links to `topic`, in that order.
pub fn appearances(kb: &KnowledgeBase, topic: &str) -> Vec<Appearance> {
    let links = |topics: &[String]| topics.iter().any(|t| t == topic);
    let mut out = Vec::new();
    let mut add = |kind, id: &str, title: &str| {
        out.push(Appearance {
            kind,
            id: id.to_string(),
            title: title.trim().to_string(),
        })
    };
    for q in kb.questions.iter().filter(|q| links(&q.topics)) {
        add("question", &q.id, &q.prompt);
    }
    for t in kb.trees.iter().filter(|t| links(&t.topics)) {
        add("decision", &t.id, &t.title);
    }
    for e in kb.engines.iter().filter(|e| links(&e.topics)) {
        add("engine", &e.id, &e.name);
    }
    for p in kb.patterns.iter().filter(|p| links(&p.topics)) {
        add("pattern", &p.id, &p.title);
    }
    out
}

/// The topics in library order: by area (as `TOPIC_AREAS` lists them), then as
/// the knowledge base lists them.
pub fn library(kb: &KnowledgeBase) -> Vec<&Topic> {
    let mut out: Vec<&Topic> = kb.topics.iter().collect();
    out.sort_by_key(|t| {
        TOPIC_AREAS
            .iter()
            .position(|a| *a == t.area)
            .unwrap_or(TOPIC_AREAS.len())
    });
    out
}

/// The topic named by `name`: its id, or its title in any case.
pub fn find<'kb>(kb: &'kb KnowledgeBase, name: &str) -> Option<&'kb Topic> {
    let name = name.trim();
    kb.topic(name).or_else(|| {
        kb.topics
            .iter()
            .find(|t| t.title.eq_ignore_ascii_case(name) || t.id.eq_ignore_ascii_case(name))
    })
}

/// What a name typed by a person names.
#[derive(Debug)]
pub enum Lookup<'kb> {
    Found(&'kb Topic),
    /// The start of several ids (or of a word in each): the topics, by id.
    Ambiguous(Vec<&'kb Topic>),
    Unknown,
}

/// The topic `name` names, the first way that names one: its id or title (`find`);
/// an alias the topic declares; an abbreviation its title spells out in parentheses
/// (`3nf` from "Third normal form (3NF)"); the start of exactly one id, or of a word of
/// exactly one id (`cap` → `cap-theorem`, `gin` → `gin-index`). A name that several
/// topics share in one of these ways names none of them: they are `Ambiguous`.
pub fn lookup<'kb>(kb: &'kb KnowledgeBase, name: &str) -> Lookup<'kb> {
    if let Some(topic) = find(kb, name) {
        return Lookup::Found(topic);
    }
    let wanted = topic_slug(name);
    if wanted.is_empty() {
        return Lookup::Unknown;
    }
    let ways: [&dyn Fn(&Topic) -> bool; 3] = [
        &|t| t.aliases.iter().any(|a| topic_slug(a) == wanted),
        &|t| abbreviations(&t.title).any(|a| a.eq_ignore_ascii_case(&wanted)),
        &|t| starts_a_word(&t.id.to_lowercase(), &wanted),
    ];
    for named in ways {
        let mut topics: Vec<&Topic> = kb.topics.iter().filter(|t| named(t)).collect();
        match topics.len() {
            0 => continue,
            1 => return Lookup::Found(topics[0]),
            _ => {
                topics.sort_by(|a, b| a.id.cmp(&b.id));
                return Lookup::Ambiguous(topics);
            }
        }
    }
    Lookup::Unknown
}

/// The abbreviations a title spells out: a word in parentheses, in capitals and
/// digits (`3NF`, `RLS`; not `(lazy loading)` or `(cursor)`).
fn abbreviations(title: &str) -> impl Iterator<Item = &str> {
    title.split('(').skip(1).filter_map(|after| {
        let word = after.split(')').next()?.trim();
        let is_abbreviation = word.len() >= 2
            && word.bytes().any(|b| b.is_ascii_uppercase())
            && word
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        is_abbreviation.then_some(word)
    })
}

/// Whether `start` begins `id` or one of its words (`normal` in `third-normal-form`).
fn starts_a_word(id: &str, start: &str) -> bool {
    id.starts_with(start)
        || id
            .match_indices('-')
            .any(|(at, _)| id[at + 1..].starts_with(start))
}

/// The topic id closest to a mistyped name, if one is close.
pub fn nearest<'kb>(kb: &'kb KnowledgeBase, name: &str) -> Option<&'kb str> {
    suggest::nearest(&topic_slug(name), kb.topics.iter().map(|t| t.id.as_str()))
}

/// Topics that mention every word of `query` (in the id, title, summary, body or
/// example, any case), those with a match in the title first.
pub fn search<'kb>(kb: &'kb KnowledgeBase, query: &str) -> Vec<&'kb Topic> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return library(kb);
    }
    let mut hits: Vec<(bool, &Topic)> = library(kb)
        .into_iter()
        .filter_map(|t| {
            let head = format!("{} {}", t.id, t.title).to_lowercase();
            let all = format!("{head} {} {} {}", t.summary, t.body, t.example).to_lowercase();
            words
                .iter()
                .all(|w| all.contains(w.as_str()))
                .then(|| (words.iter().all(|w| head.contains(w.as_str())), t))
        })
        .collect();
    // Stable: library order within each group.
    hits.sort_by_key(|(in_title, _)| !in_title);
    hits.into_iter().map(|(_, t)| t).collect()
}

/// A piece of a topic page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// The area and the topic id.
    Meta(String),
    Heading(String),
    /// Prose: wrap it to the width.
    Paragraph(String),
    /// Preformatted (examples with tables, code): never wrapped.
    Pre(Vec<String>),
    /// A link to another topic: (id, title).
    Link(String, String),
    /// A place the topic appears.
    Appears(Appearance),
}

/// A topic as blocks, in reading order.
pub fn page(kb: &KnowledgeBase, topic: &Topic) -> Vec<Block> {
    let mut out = vec![
        Block::Title(topic.title.clone()),
        Block::Meta(format!("{} · {}", topic.area, topic.id)),
        Block::Paragraph(topic.summary.trim().to_string()),
    ];
    out.extend(paragraphs(&topic.body).map(Block::Paragraph));
    if !topic.example.trim().is_empty() {
        out.push(Block::Heading("Example".into()));
        out.extend(example_blocks(&topic.example));
    }
    for path in &topic.snippets {
        if let Some(snippet) = kb.snippets.get(path) {
            // The code's first line is its title already.
            out.push(Block::Heading(format!("Snippet: {path}")));
            out.push(Block::Pre(
                snippet
                    .code
                    .trim_end()
                    .lines()
                    .map(str::to_string)
                    .collect(),
            ));
        }
    }
    let related: Vec<&Topic> = topic.related.iter().filter_map(|r| kb.topic(r)).collect();
    if !related.is_empty() {
        out.push(Block::Heading("Related topics".into()));
        out.extend(
            related
                .iter()
                .map(|t| Block::Link(t.id.clone(), t.title.clone())),
        );
    }
    let appears = appearances(kb, &topic.id);
    if !appears.is_empty() {
        out.push(Block::Heading("Where this appears".into()));
        out.extend(appears.into_iter().map(Block::Appears));
    }
    if let Some(source) = &topic.source {
        out.push(Block::Meta(format!("Source: {source}")));
    }
    out
}

/// Paragraphs separated by blank lines, each joined into one line.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
}

/// An example: prose paragraphs wrap, but a paragraph that looks laid out by hand
/// (a table, code, a list, indented lines) keeps its lines.
fn example_blocks(text: &str) -> Vec<Block> {
    text.trim_end()
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<&str> = p.lines().collect();
            let single_code = |l: &str| l.starts_with(' ') || l.trim_end().ends_with(';');
            let laid_out = (lines.len() == 1 && single_code(lines[0]))
                || lines.len() > 1
                    && lines.iter().any(|l| {
                        l.starts_with(' ')
                            || l.contains('|')
                            || l.contains("  ")
                            || l.trim_start().starts_with(['-', '*'])
                            || l.trim_end().ends_with(';')
                    });
            if laid_out {
                Block::Pre(lines.iter().map(|l| l.trim_end().to_string()).collect())
            } else {
                Block::Paragraph(
                    lines
                        .join(" ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            }
        })
        .collect()
}

/// Wrapping at spaces only: ids such as `pessimistic-locking` stay whole, so the
/// `dbadvise explain …` commands printed can be copied.
fn wrapping(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
}

/// A topic as plain text wrapped to `width` columns: what `dbadvise explain` prints.
pub fn plain_text(kb: &KnowledgeBase, topic: &Topic, width: usize) -> String {
    let width = width.max(20);
    let mut out = String::new();
    for block in page(kb, topic) {
        match block {
            Block::Title(t) => {
                out.push_str(&t);
                out.push('\n');
                out.push_str(&"=".repeat(t.chars().count().min(width)));
                out.push('\n');
            }
            Block::Meta(m) => {
                if !out.ends_with("\n\n") && !out.ends_with("=\n") {
                    out.push('\n');
                }
                out.push_str(&textwrap::fill(&m, wrapping(width)));
                out.push_str("\n\n");
            }
            Block::Heading(h) => {
                // After a list, which ends without its blank line.
                if !out.ends_with("\n\n") {
                    out.push('\n');
                }
                out.push_str(&h);
                out.push('\n');
                out.push_str(&"-".repeat(h.chars().count().min(width)));
                out.push('\n');
            }
            Block::Paragraph(p) => {
                out.push_str(&textwrap::fill(&p, wrapping(width)));
                out.push_str("\n\n");
            }
            Block::Pre(lines) => {
                for line in lines {
                    out.push_str("    ");
                    out.push_str(&line);
                    out.push('\n');
                }
                out.push('\n');
            }
            Block::Link(id, title) => {
                let options = wrapping(width).subsequent_indent("    ");
                out.push_str(&textwrap::fill(
                    &format!("- {title} (dbadvise explain {id})"),
                    options,
                ));
                out.push('\n');
            }
            Block::Appears(a) => {
                let options = wrapping(width).subsequent_indent("    ");
                out.push_str(&textwrap::fill(
                    &format!("- {} `{}`: {}", a.kind, a.id, a.title),
                    options,
                ));
                out.push('\n');
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// "indexes" → "Indexes".
pub fn area_title(area: &str) -> String {
    let mut chars = area.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace('-', " "),
        None => String::new(),
    }
}
