//! The files a review reads: one SQL file, or every `.sql` file below a directory of
//! migrations, in name order (the order migration tools apply them).

use std::path::Path;

use super::Input;
use crate::error::Error;
use crate::exit::Exit;
use crate::limits;

/// The inputs at `path`, or why they cannot be read (exit 11).
pub fn read(path: &Path) -> Result<Vec<Input>, Error> {
    let shown = crate::safe_text::path(path);
    let cannot_read = |e| Error::read(Exit::ReviewInput, path, e);
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_dir() {
        let text = limits::read_text(path, limits::REVIEW_FILE_BYTES, "a schema file")
            .map_err(cannot_read)?;
        return Ok(vec![Input { shown, text }]);
    }
    let walk = walkdir::WalkDir::new(path)
        .follow_links(false)
        .sort_by_file_name()
        .max_depth(limits::KB_DIR_DEPTH);
    let (mut inputs, mut bytes) = (Vec::new(), 0u64);
    for entry in walk {
        let entry = entry.map_err(|e| Error::read(Exit::ReviewInput, path, e))?;
        let file = entry.path();
        let is_sql = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("sql"));
        if !entry.file_type().is_file() || !is_sql {
            continue;
        }
        let file_shown = crate::safe_text::path(file);
        let text = limits::read_text(file, limits::REVIEW_FILE_BYTES, "a schema file")
            .map_err(|e| Error::read(Exit::ReviewInput, file, e))?;
        bytes += text.len() as u64;
        if inputs.len() >= limits::REVIEW_DIR_FILES || bytes > limits::REVIEW_DIR_BYTES {
            return Err(Error::new(Exit::ReviewInput, format!(
                "{shown} holds more than {} .sql files or {} of them (the limits for a migrations directory)",
                limits::REVIEW_DIR_FILES,
                limits::size(limits::REVIEW_DIR_BYTES)
            )));
        }
        inputs.push(Input {
            shown: file_shown,
            text,
        });
    }
    if inputs.is_empty() {
        let message = format!("{shown} holds no .sql file to review");
        return Err(Error::new(Exit::ReviewInput, message));
    }
    Ok(inputs)
}
