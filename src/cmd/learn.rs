//! `dbadvise explain TOPIC`, `dbadvise topics [--search WORD]` and `dbadvise learn`.

use std::io::IsTerminal;

use crate::error::{CommandResult, Error};
use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::topics;

/// The width to wrap to: the terminal's, or 80 columns in a pipe.
fn output_width() -> usize {
    if std::io::stdout().is_terminal() {
        if let Ok((columns, _)) = ratatui::crossterm::terminal::size() {
            return usize::from(columns).max(20);
        }
    }
    80
}

/// Candidates an ambiguous name lists, at most.
const CANDIDATES: usize = 12;

/// The topic `name` names (see `topics::lookup`), or a usage error: for an ambiguous
/// start, the topics it could mean; for an unknown name, the nearest id or the topics
/// that mention it.
pub fn topic_or_suggestion<'kb>(
    kb: &'kb KnowledgeBase,
    name: &str,
) -> Result<&'kb crate::kb::Topic, Error> {
    let found = match topics::lookup(kb, name) {
        topics::Lookup::Found(topic) => return Ok(topic),
        topics::Lookup::Ambiguous(topics) => topics,
        topics::Lookup::Unknown => return Err(unknown(kb, name)),
    };
    let mut list = found
        .iter()
        .take(CANDIDATES)
        .map(|t| t.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    if found.len() > CANDIDATES {
        list.push_str(&format!(" and {} more", found.len() - CANDIDATES));
    }
    Err(Error::new(
        Exit::Usage,
        format!(
            "`{name}` could be any of {} topics: {list}; name one (`dbadvise topics` lists them all)",
            found.len()
        ),
    ))
}

fn unknown(kb: &KnowledgeBase, name: &str) -> Error {
    let hint = match topics::nearest(kb, name) {
        Some(near) => format!(" (did you mean `{near}`?)"),
        None => {
            let found = topics::search(kb, name);
            match found.as_slice() {
                [] => String::new(),
                some => format!(
                    " (topics that mention it: {})",
                    some.iter()
                        .take(5)
                        .map(|t| t.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    };
    Error::new(
        Exit::Usage,
        format!("unknown topic `{name}`{hint}; `dbadvise topics` lists them all"),
    )
}

pub fn explain(kb: &KnowledgeBase, name: &str, width: Option<usize>) -> CommandResult {
    let topic = topic_or_suggestion(kb, name)?;
    let text = topics::plain_text(kb, topic, width.unwrap_or_else(output_width));
    super::emit(&(text + "\n"), None, false)
}

/// The topic list, by area: `id  title`, or the matches of a search.
pub fn topics(kb: &KnowledgeBase, search: Option<&str>) -> CommandResult {
    let list = match search {
        Some(words) => topics::search(kb, words),
        None => topics::library(kb),
    };
    if list.is_empty() {
        let message = match search {
            Some(words) => format!("no topic mentions `{words}`; `dbadvise topics` lists them all"),
            None => "the knowledge base has no topics (see `## Topics` in knowledge/README.md)"
                .to_string(),
        };
        return Err(Error::new(Exit::Usage, message));
    }
    let id_width = list.iter().map(|t| t.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut area = "";
    for topic in &list {
        // A search lists the best matches first, so areas would repeat.
        if search.is_none() && topic.area != area {
            if !area.is_empty() {
                out.push('\n');
            }
            area = &topic.area;
            out.push_str(&format!("{}\n", topics::area_title(area)));
        }
        out.push_str(&format!("  {:id_width$}  {}\n", topic.id, topic.title));
    }
    out.push_str(
        "\nRead one with `dbadvise explain TOPIC`, or browse them with `dbadvise learn`.\n",
    );
    super::emit(&out, None, false)
}
