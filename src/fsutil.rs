//! Writing files safely: never half-written, never over an existing file by accident.

use std::io::{self, Write};
use std::path::Path;

fn temp_beside(path: &Path, contents: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dbadvise-");
    if let Some(permissions) = permissions_for(path) {
        builder.permissions(permissions);
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// A replaced file keeps its mode; a new one gets the usual 0666 less the umask, not the
/// 0600 of a temporary file.
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o666))
    }
    #[cfg(not(unix))]
    None
}

/// Whether something is at `path` (not following a symlink), refusing anything but a
/// regular file: renaming over a symlink, a device or a directory would replace it, and
/// `--force` is meant for files written before, not for `/dev/null` or a link.
pub fn regular_file_at(path: &Path) -> io::Result<bool> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(true);
    }
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "a device, socket or pipe"
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file; dbadvise writes only new or regular files"),
    ))
}

/// Writes `contents` to a temporary file beside `path`, then renames it into place, so
/// a failure leaves either the old file or none, never a partial one. Only a regular
/// file is ever replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    regular_file_at(path)?;
    temp_beside(path, contents)?
        .persist(path)
        .map(drop)
        .map_err(|e| e.error)
}

/// Like `write_atomic`, but refuses to replace an existing file unless `force`. The
/// refusal is decided at the rename, so a file created meanwhile is not clobbered.
pub fn write_new(path: &Path, contents: &[u8], force: bool) -> io::Result<()> {
    if force {
        return write_atomic(path, contents);
    }
    let exists = || {
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file exists (use --force to replace it)",
        )
    };
    if regular_file_at(path)? {
        return Err(exists());
    }
    temp_beside(path, contents)?
        .persist_noclobber(path)
        .map(drop)
        .map_err(|e| match e.error.kind() {
            io::ErrorKind::AlreadyExists => exists(),
            _ => e.error,
        })
}
