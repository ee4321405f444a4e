//! `dbadvise kb export DIR`: the embedded knowledge base written out as files, as a
//! starting point for a company's own `--kb` directory.

use std::io;
use std::path::{Path, PathBuf};

use super::load::EMBEDDED;

/// Writes every embedded file under `dir`. Refuses to overwrite an existing file
/// unless `force`; returns the paths written.
pub fn export(dir: &Path, force: bool) -> io::Result<Vec<PathBuf>> {
    let files = super::load::embedded_files();
    if !force {
        if let Some(existing) = files
            .iter()
            .map(|f| dir.join(&f.relative))
            .find(|p| p.exists())
        {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} already exists (use --force to overwrite)",
                    existing.display()
                ),
            ));
        }
    }
    let mut written = Vec::new();
    for file in &files {
        let path = dir.join(&file.relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let contents = EMBEDDED
            .get_file(&file.relative)
            .map(|f| f.contents())
            .unwrap_or(file.text.as_bytes());
        crate::fsutil::write_atomic(&path, contents)?;
        written.push(path);
    }
    Ok(written)
}
