//! Reading an answers file (`--resume`, `--answers`), for the front ends and the commands.

use std::path::Path;

use crate::engine::{self, Answers};
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::KnowledgeBase;

/// Reads and validates an answers file.
pub fn read_answers(kb: &KnowledgeBase, path: &Path) -> Result<Answers, Error> {
    let text = crate::limits::read_text(path, crate::limits::ANSWERS_FILE_BYTES, "an answers file")
        .map_err(|e| Error::read(Exit::Answers, path, e))?;
    Ok(engine::parse_answers(
        kb,
        &path.display().to_string(),
        &text,
    )?)
}
