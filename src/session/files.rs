//! Carrying out what a session asks: the autosave, and what a save or an export writes:
//! every file of the set, or none of them. A file that exists is refused before anything
//! is written (unless the user said to replace it); should a write fail halfway, the
//! files this write created are removed and the files it replaced are put back.

use std::io;
use std::path::{Path, PathBuf};

use super::effect::{Done, Effect, Write, WriteError};
use super::Session;
use crate::error::Error;
use crate::exit::Exit;
use crate::report::adr_dir;

/// A write that failed, in the words every error of the crate uses.
fn failed(error: Error) -> WriteError {
    WriteError::Failed(error.to_string())
}

/// Carries out one effect on disk and says what came of it.
pub fn carry_out(session: &Session, effect: &Effect) -> Done {
    match effect {
        Effect::Quit => Done::Quit,
        Effect::Autosave {
            path,
            contents,
            fresh,
        } => match write_autosave(path, contents, *fresh) {
            Ok(()) => Done::Nothing,
            Err(e) => Done::AutosaveFailed {
                path: path.clone(),
                error: e.to_string(),
            },
        },
        Effect::Write(write) => {
            let (path, result) = match perform(session, write) {
                Ok(written) => (written[0].clone(), Ok(())),
                Err(e) => (write.files[0].0.clone(), Err(e)),
            };
            Done::Wrote {
                kind: write.kind,
                path,
                result,
            }
        }
    }
}

/// Writes the autosave; the first of a new interview keeps an older one aside.
pub fn write_autosave(path: &Path, contents: &str, fresh: bool) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if fresh && path.exists() {
        std::fs::rename(path, path.with_file_name("autosave.previous.yaml"))?;
    }
    crate::fsutil::write_atomic(path, contents.as_bytes())
}

/// Writes the files of a save or export: none if one exists (unless forced), none if
/// one cannot be written. Returns the files written, the main one first: a numbered
/// record may land at another number than the one asked for.
pub fn perform(session: &Session, write: &Write) -> Result<Vec<PathBuf>, WriteError> {
    if write.numbered {
        return perform_numbered(session, write);
    }
    refuse_existing(&write.files, write.force)?;
    // The files beside the record first, the record last: a record on disk never
    // links to a file not there yet.
    let (main, beside) = write.files.split_first().expect("a file to write");
    let mut set = Set::default();
    for (path, contents) in beside.iter().chain([main]) {
        set.write(path, contents, write.force, write_file)?;
    }
    set.keep();
    Ok(write.files.iter().map(|(path, _)| path.clone()).collect())
}

/// A new record in the record directory: its number claimed first, as `adr new` claims
/// its own, so that two interviews exporting at once get two numbers. Should the number
/// asked for be taken meanwhile, the record and the files beside it (named after it,
/// and linked from it) are made again for the number claimed.
fn perform_numbered(session: &Session, write: &Write) -> Result<Vec<PathBuf>, WriteError> {
    let asked = &write.files[0].0;
    let dir = asked.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| failed(Error::io(Exit::Output, "cannot create", dir, e)))?;
    let name = asked.file_name().unwrap_or_default().to_string_lossy();
    let from = adr_dir::number_of(&name).unwrap_or(1);
    let claim =
        adr_dir::claim(dir, from, 1, |n, _| adr_dir::renumbered(&name, n)).map_err(|e| {
            let error = Error::io(Exit::Records, "cannot number a record in", dir, e);
            WriteError::Numbering(error.to_string())
        })?;
    let path = claim.paths[0].clone();
    let remade;
    let write = if &path == asked {
        write
    } else {
        remade = Write {
            force: write.force,
            ..session.write_for(write.kind, &path, write.options)
        };
        &remade
    };
    let (record, beside) = write.files.split_first().expect("a record");
    refuse_existing(beside, write.force)?;
    let mut set = Set::default();
    for (file, contents) in beside {
        set.write(file, contents, write.force, write_file)?;
    }
    // Over the empty file claimed: atomically, as every write. Should it fail, the
    // claim and the set are dropped unkept, which removes the files beside it too.
    let contents = crate::safe_text::block(&record.1);
    crate::fsutil::write_atomic(&path, contents.as_bytes())
        .map_err(|e| failed(Error::write(&path, e)))?;
    claim.keep();
    set.keep();
    Ok(write.files.iter().map(|(path, _)| path.clone()).collect())
}

/// Refuses (before anything is written) a file that exists, unless `force`, and anything
/// but a regular file, whatever `force` says.
fn refuse_existing(files: &[(PathBuf, String)], force: bool) -> Result<(), WriteError> {
    for (path, _) in files {
        match crate::fsutil::regular_file_at(path) {
            Err(e) => return Err(failed(Error::write(path, e))),
            Ok(true) if !force => return Err(WriteError::Exists(path.clone())),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// One file of a write, its directory created, its text made safe.
fn write_file(path: &Path, contents: &str, force: bool) -> Result<(), WriteError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| failed(Error::io(Exit::Output, "cannot create", dir, e)))?;
    }
    let contents = crate::safe_text::block(contents);
    crate::fsutil::write_new(path, contents.as_bytes(), force).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => WriteError::Exists(path.to_path_buf()),
        _ => failed(Error::write(path, e)),
    })
}

/// The files one write has put down so far. Dropped unkept (a later file failed), it
/// removes those it created and puts back those it replaced.
#[derive(Default)]
struct Set {
    created: Vec<PathBuf>,
    /// Each replaced file's former contents, kept under a temporary name beside it.
    replaced: Vec<(PathBuf, tempfile::TempPath)>,
    kept: bool,
}

impl Set {
    /// Writes one file of the set with `put` (`write_file`, or a failing one in tests).
    fn write(
        &mut self,
        path: &Path,
        contents: &str,
        force: bool,
        put: impl FnOnce(&Path, &str, bool) -> Result<(), WriteError>,
    ) -> Result<(), WriteError> {
        let existing = force && crate::fsutil::regular_file_at(path).unwrap_or(false);
        let backup = match existing {
            true => Some(backup_of(path).map_err(|e| {
                let shown = crate::safe_text::path(path);
                let words = format!("cannot keep {shown} aside while replacing it");
                failed(Error::new(Exit::Output, words).because(e))
            })?),
            false => None,
        };
        put(path, contents, force)?;
        match backup {
            Some(backup) => self.replaced.push((path.to_path_buf(), backup)),
            None => self.created.push(path.to_path_buf()),
        }
        Ok(())
    }

    fn keep(mut self) {
        self.kept = true;
        // Dropping the backups removes them.
    }
}

impl Drop for Set {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        for path in &self.created {
            let _ = std::fs::remove_file(path);
        }
        for (path, backup) in self.replaced.drain(..) {
            let _ = backup.persist(path);
        }
    }
}

/// A second name for the file at `path` (a hard link, else a copy), beside it, under a
/// fresh temporary name: removed when dropped, renamed back to put the file back.
fn backup_of(path: &Path) -> io::Result<tempfile::TempPath> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file = tempfile::Builder::new()
        .prefix(".dbadvise-backup-")
        .make_in(dir, |backup| {
            std::fs::hard_link(path, backup).or_else(|_| {
                let mut to = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(backup)?;
                io::copy(&mut std::fs::File::open(path)?, &mut to).map(drop)
            })
        })?;
    Ok(file.into_temp_path())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write that fails at its third file removes the one it created and puts back
    /// the one it replaced: the set is all there or as it was.
    #[test]
    fn a_write_failing_halfway_leaves_the_files_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("a.answers.yaml");
        let new = dir.path().join("a.schema.sql");
        let last = dir.path().join("a.md");
        std::fs::write(&old, "mine\n").unwrap();
        let mut set = Set::default();
        set.write(&old, "new answers\n", true, write_file).unwrap();
        set.write(&new, "CREATE TABLE t ();\n", true, write_file)
            .unwrap();
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "new answers\n");
        let failed = set.write(&last, "# A\n", true, |_, _, _| {
            Err(WriteError::Failed("disk full".into()))
        });
        assert_eq!(failed, Err(WriteError::Failed("disk full".into())));
        drop(set);
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "mine\n");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, ["a.answers.yaml"], "no backup or new file is left");
    }

    #[test]
    fn a_write_kept_drops_its_backups() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("a.md");
        std::fs::write(&old, "mine\n").unwrap();
        let mut set = Set::default();
        set.write(&old, "# A\n", true, write_file).unwrap();
        set.keep();
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "# A\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
