//! `dbadvise adr new`: the next numbered record in the project's record directory, its
//! answers file beside it, and the superseded record marked.

use std::path::{Path, PathBuf};

use crate::cli::AdrNewArgs;
use crate::error::{CommandResult, Error};
use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::report::adr_dir;
use crate::report::record::Link;

use super::record_options;

fn records_failure(message: String) -> Error {
    Error::new(Exit::Records, message)
}

/// The record numbered `n` in `dir`, with its text.
fn superseded_record(dir: &Path, n: u32) -> Result<(PathBuf, String), Error> {
    let all = adr_dir::records(dir).map_err(|e| Error::read(Exit::Records, dir, e))?;
    let Some((_, path)) = all.into_iter().find(|(m, _)| *m == n) else {
        return Err(records_failure(format!(
            "there is no record {n:04} in {} to supersede",
            dir.display()
        )));
    };
    let limit = crate::limits::RECORD_FILE_BYTES;
    let text = crate::limits::read_text(&path, limit, "a record to supersede")
        .map_err(|e| Error::read(Exit::Records, &path, e))?;
    if let Some(status) = adr_dir::status_of(&text).filter(|s| adr_dir::is_superseded(s)) {
        return Err(records_failure(format!(
            "{} is already superseded ({status})",
            path.display()
        )));
    }
    Ok((path, text))
}

pub fn new(kb: &KnowledgeBase, args: &AdrNewArgs) -> CommandResult {
    let cwd = std::env::current_dir()
        .map_err(|e| Error::new(Exit::Output, "no current directory").because(e))?;
    let dir = adr_dir::find_dir(&cwd, args.dir.as_deref())?;
    let (advice, answers) = super::recommend::advice_for(kb, &args.answers, args.defaults)?;
    let template = record_options::template(&args.record, Some(&dir))?;
    let old = args
        .supersedes
        .map(|n| superseded_record(&dir, n))
        .transpose()?;

    std::fs::create_dir_all(&dir).map_err(|e| Error::io(Exit::Output, "cannot create", &dir, e))?;
    let mut records = record_options::records(kb, &advice, &answers, &args.record)?;
    // The files are claimed (created empty) before anything is rendered, so that another
    // `adr new` running at the same time takes the next numbers; dropped unkept, the
    // claim removes them again.
    let mut claim = adr_dir::claim(&dir, 1, records.len(), |n, i| {
        adr_dir::file_name(n, &records[i].title)
    })
    .map_err(|e| Error::io(Exit::Records, "cannot number a record in", &dir, e))?;
    let first = claim.first;
    let names = record_options::number_and_link(&mut records, first);
    let companions = crate::report::companions::companions(
        kb,
        &advice,
        &mut records,
        &names,
        args.record.appendix,
    );
    if let Some((path, text)) = &old {
        let title = adr_dir::title_of(text).unwrap_or_default();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        records[0].links.insert(
            0,
            Link {
                relation: "Supersedes".into(),
                title,
                target: name,
            },
        );
    }
    // Render everything before writing anything, so a broken template writes nothing.
    let texts = records
        .iter()
        .map(|r| record_options::render(&template, r))
        .collect::<Result<Vec<_>, _>>()?;
    let marked = match &old {
        Some((path, text)) => {
            let label = format!("{}. {}", first, records[0].title);
            let marked = adr_dir::mark_superseded(text, &label, &names[0]).ok_or_else(|| {
                records_failure(format!(
                    "{} states no status to mark superseded (no `status:` front matter, no `## Status` section)",
                    path.display()
                ))
            })?;
            Some((path, marked))
        }
        None => None,
    };

    for companion in &companions {
        let path = dir.join(&companion.name);
        record_options::write(&path, &companion.text, args.force)?;
        // Should a record fail to be written, the files beside it go with the claim.
        claim.paths.push(path);
    }
    for (name, text) in names.iter().zip(&texts) {
        let path = dir.join(name);
        // Over the empty file this run claimed: atomically, as every write.
        crate::fsutil::write_atomic(&path, crate::safe_text::block(text).as_bytes())
            .map_err(|e| Error::write(&path, e))?;
        println!("{}", crate::safe_text::path(&path));
    }
    claim.keep();
    for companion in &companions {
        println!("{}", crate::safe_text::path(&dir.join(&companion.name)));
    }
    if let Some((path, text)) = marked {
        crate::fsutil::write_atomic(path, text.as_bytes())
            .map_err(|e| Error::io(Exit::Output, "cannot update", path, e))?;
        println!("{} (marked superseded)", crate::safe_text::path(path));
    }
    Ok(())
}
