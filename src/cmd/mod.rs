//! One module per command; each turns its arguments into output or a `crate::error::Error`.

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

use crate::error::Error;
use crate::kb::KnowledgeBase;

/// Loads the knowledge base (embedded plus `--kb` directories) or explains why not.
pub fn load_kb(dirs: &[PathBuf]) -> Result<KnowledgeBase, Error> {
    Ok(crate::kb::load(dirs)?)
}

/// Writes `text` to the file (atomically, never over an existing one unless `force`)
/// or to standard output.
pub fn emit(text: &str, output: Option<&Path>, force: bool) -> Result<(), Error> {
    let text = crate::safe_text::block(text);
    match output {
        Some(path) => crate::fsutil::write_new(path, text.as_bytes(), force)
            .map_err(|e| Error::write(path, e)),
        None => print(text.as_bytes()),
    }
}

/// Writes `bytes` to standard output as they are: for output dbadvise generates itself
/// (a completion script, a man page), which `emit` would escape.
pub fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(crate::error::stdout(e)),
        _ => Ok(()),
    }
}
