//! Reading an answers file (`--resume`, `--answers`), for the front ends and the commands.

use std::path::Path;

use crate::engine::{self, Answers};
use crate::exit::{Exit, Failure};
use crate::kb::KnowledgeBase;

/// Reads and validates an answers file.
pub fn read_answers(kb: &KnowledgeBase, path: &Path) -> Result<Answers, Failure> {
    let text = crate::limits::read_text(path, crate::limits::ANSWERS_FILE_BYTES, "an answers file")
        .map_err(|e| {
            Failure::new(
                Exit::Answers,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
    engine::parse_answers(kb, &path.display().to_string(), &text)
        .map_err(|e| Failure::new(Exit::Answers, e.to_string()))
}
