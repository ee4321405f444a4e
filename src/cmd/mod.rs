//! One module per command; each turns its arguments into output or a `Failure`.

pub mod adr;
pub mod answers;
pub mod completions;
pub mod kb;
pub mod learn;
pub mod man;
pub mod progress;
pub mod questions;
pub mod recommend;
pub mod record_options;
pub mod review;
pub mod schema;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::exit::{Exit, Failure};
use crate::kb::{KnowledgeBase, Problem};

/// Loads the knowledge base (embedded plus `--kb` directories) or explains why not.
pub fn load_kb(dirs: &[PathBuf]) -> Result<KnowledgeBase, Failure> {
    crate::kb::load(dirs).map_err(|problems| kb_failure(&problems))
}

pub fn kb_failure(problems: &[Problem]) -> Failure {
    let mut message = format!(
        "the knowledge base has {} problem{}:\n",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        message.push_str(&format!("  {p}\n"));
    }
    Failure::new(Exit::KnowledgeBase, message.trim_end())
}

/// Writes `text` to the file (atomically, never over an existing one unless `force`)
/// or to standard output.
pub fn emit(text: &str, output: Option<&Path>, force: bool) -> Result<(), Failure> {
    let text = crate::safe_text::block(text);
    match output {
        Some(path) => crate::fsutil::write_new(path, text.as_bytes(), force).map_err(|e| {
            Failure::new(
                Exit::Output,
                format!("cannot write {}: {e}", path.display()),
            )
        }),
        None => print(text.as_bytes()),
    }
}

/// Writes `bytes` to standard output as they are: for output dbadvise generates itself
/// (a completion script, a man page), which `emit` would escape.
pub fn print(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::new(
            Exit::Output,
            format!("cannot write to standard output: {e}"),
        )),
        _ => Ok(()),
    }
}
