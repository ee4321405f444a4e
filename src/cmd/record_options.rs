//! What `recommend` and `adr new` share: turning the record options of the command line
//! into rendered decision records.

use std::path::Path;

use crate::cli::{RecordArgs, RecordStyle};
use crate::engine::{Advice, Answers};
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::report::adr_dir;
use crate::report::record::{self, Link, Record, RecordMeta};
use crate::report::render;

/// The name a record directory's own template goes by.
pub const DIR_TEMPLATE: &str = "dbadvise-template.md";

pub fn meta(args: &RecordArgs) -> Result<RecordMeta, Error> {
    let date = match &args.date {
        Some(text) => text.parse::<jiff::civil::Date>().map_err(|e| {
            Error::new(
                Exit::Usage,
                format!("--date {text}: not a YYYY-MM-DD date ({e})"),
            )
        })?,
        None => jiff::Zoned::now().date(),
    };
    Ok(RecordMeta {
        status: args.status.clone(),
        date: date.to_string(),
        deciders: args.deciders.clone(),
    })
}

/// The template to render with: `--template`, else one kept in the record directory,
/// else the built-in layout of `--style`. Returns (name for messages, source).
pub fn template(args: &RecordArgs, record_dir: Option<&Path>) -> Result<(String, String), Error> {
    let own = args.template.clone().or_else(|| {
        record_dir
            .map(|d| d.join(DIR_TEMPLATE))
            .filter(|p| p.is_file())
    });
    match own {
        Some(path) => match render::read_template(&path) {
            Ok(source) => Ok((path.display().to_string(), source)),
            Err(e) => Err(Error::io(Exit::Template, "cannot read template", &path, e)),
        },
        None => Ok(match args.style {
            RecordStyle::Madr => ("madr.md (built in)".into(), render::MADR.into()),
            RecordStyle::Nygard => ("nygard.md (built in)".into(), render::NYGARD.into()),
        }),
    }
}

/// The records of a decision: one kickoff record, or one per decision with `--split`.
pub fn records(
    kb: &KnowledgeBase,
    advice: &Advice,
    answers: &Answers,
    args: &RecordArgs,
) -> Result<Vec<Record>, Error> {
    let meta = meta(args)?;
    let own;
    let advice = match &args.model {
        Some(path) => {
            own = with_own_model(kb, advice, answers, path)?;
            &own
        }
        None => advice,
    };
    let mut records = if args.split {
        record::split(kb, advice, answers, &meta)
    } else {
        vec![record::kickoff(kb, advice, answers, &meta)]
    };
    if let Some(path) = &args.model {
        // The answers alone would give the domain's schema: replaying needs the model.
        for r in &mut records {
            r.replay_flags
                .push_str(&format!(" --model {}", path.display()));
        }
    }
    Ok(records)
}

/// The advice with its starter schema written from your own model (`--model FILE`).
fn with_own_model(
    kb: &KnowledgeBase,
    advice: &Advice,
    answers: &Answers,
    path: &Path,
) -> Result<Advice, Error> {
    let file = crate::safe_text::path(path);
    let text = crate::limits::read_text(path, crate::limits::MODEL_FILE_BYTES, "a model")
        .map_err(|e| Error::read(Exit::Model, path, e))?;
    if advice.primary().is_none() {
        let message = "the advice has no primary store to write the model for";
        return Err(Error::at(Exit::Model, path, None, message));
    }
    let stores = crate::engine::domain::Stores::of(advice);
    let (schema, domain) = crate::engine::domain::own_schema(kb, answers, &stores, (&file, &text))?;
    let mut advice = advice.clone();
    advice.starter_schema = Some(schema);
    advice.domain = Some(domain);
    Ok(advice)
}

/// Numbers records from `first` and names their files; each split record links to the
/// others. Returns the file names.
pub fn number_and_link(records: &mut [Record], first: u32) -> Vec<String> {
    let names: Vec<String> = records
        .iter()
        .enumerate()
        .map(|(i, r)| adr_dir::file_name(first + i as u32, &r.title))
        .collect();
    let all: Vec<(String, String)> = records
        .iter()
        .map(|r| r.title.clone())
        .zip(names.clone())
        .collect();
    for (i, r) in records.iter_mut().enumerate() {
        r.number = Some(first + i as u32);
        if all.len() > 1 {
            for (j, (title, name)) in all.iter().enumerate() {
                if i != j {
                    r.links.push(Link {
                        relation: "See also".into(),
                        title: title.clone(),
                        target: name.clone(),
                    });
                }
            }
        }
    }
    names
}

pub fn render(template: &(String, String), record: &Record) -> Result<String, Error> {
    Ok(render::render(&template.0, &template.1, record)?)
}

/// Writes a file that must not exist yet (unless `force`), atomically.
pub fn write(path: &Path, text: &str, force: bool) -> Result<(), Error> {
    let text = crate::safe_text::block(text);
    crate::fsutil::write_new(path, text.as_bytes(), force).map_err(|e| Error::write(path, e))
}

/// Writes a record and the files beside it into `dir`: none that exists is replaced
/// unless `force`, and should one write fail, those this call wrote are removed, so the
/// set is whole or absent. Returns the paths written, in order.
pub fn write_set(
    dir: &Path,
    files: &[(String, String)],
    force: bool,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let paths: Vec<_> = files.iter().map(|(name, _)| dir.join(name)).collect();
    // Every file is checked before any is written: only new or regular files, and
    // regular ones only with `force`.
    for path in &paths {
        let cannot = |why: String| Error::write(path, format!("{why} (nothing was written)"));
        match crate::fsutil::regular_file_at(path) {
            Err(e) => return Err(cannot(e.to_string())),
            Ok(true) if !force => {
                return Err(cannot("the file exists (use --force to replace it)".into()))
            }
            Ok(_) => {}
        }
    }
    for (i, (path, (_, text))) in paths.iter().zip(files).enumerate() {
        if let Err(failure) = write(path, text, force) {
            for written in &paths[..i] {
                let _ = std::fs::remove_file(written);
            }
            return Err(failure);
        }
    }
    Ok(paths)
}
