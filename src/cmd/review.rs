//! `dbadvise review FILE_OR_DIR`: read the schema, review it, print the findings in the
//! format asked for, and exit with 10 when `--fail-on` says so.

use crate::cli::{ReviewArgs, ReviewDialect, ReviewFormat, ReviewLevel};
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::{KnowledgeBase, Severity};
use crate::review::{self, Dialect, Review};

pub fn run(kb: &KnowledgeBase, args: &ReviewArgs) -> Result<(), Error> {
    let review = reviewed(kb, args)?;
    let output = match args.format {
        ReviewFormat::Text => review::render::text(&review),
        ReviewFormat::Json => pretty(&review::render::json(&review))?,
        ReviewFormat::Sarif => pretty(&review::sarif::log(&review))?,
    };
    super::emit(&output, None, false)?;
    if let Some(path) = &args.answers_out {
        let text = review::seen::answers_file(kb, &review);
        crate::fsutil::write_new(path, text.as_bytes(), args.force)
            .map_err(|e| Error::write(path, e))?;
        crate::say_err!(
            "{} answers from the schema written to {}: `dbadvise --resume {}` goes on with the interview",
            review.answers.len(),
            path.display(),
            path.display()
        );
    }
    let Some(level) = args.fail_on else {
        return Ok(());
    };
    let level = match level {
        ReviewLevel::Error => Severity::Error,
        ReviewLevel::Warning => Severity::Warning,
        ReviewLevel::Note => Severity::Note,
    };
    if review.fails_at(level) {
        let count = review
            .findings
            .iter()
            .filter(|f| f.severity >= level)
            .count();
        return Err(Error::new(
            Exit::Findings,
            format!(
                "{count} finding{} at {} or above (--fail-on {})",
                if count == 1 { "" } else { "s" },
                level.as_str(),
                level.as_str()
            ),
        ));
    }
    Ok(())
}

/// The review of what the arguments name.
fn reviewed(kb: &KnowledgeBase, args: &ReviewArgs) -> Result<Review, Error> {
    let dialect = args.dialect.map(|d| match d {
        ReviewDialect::Postgresql => Dialect::PostgreSql,
        ReviewDialect::Mysql => Dialect::MySql,
    });
    let queries = match &args.queries {
        Some(path) => review::input::read(path)?,
        None => vec![],
    };
    if let Some(url) = &args.url {
        let what = format!(
            "reading the catalogs and statistics of {}",
            review::live::target::mask(url)
        );
        let snapshot = super::progress::ProgressLine::new()
            .while_waiting(&what, || review::live::read(url))?;
        return Ok(review::live::review(kb, &snapshot, &queries));
    }
    // clap requires FILE_OR_DIR when --url is not given.
    let input = args.input.as_deref().unwrap_or(std::path::Path::new(""));
    let inputs = review::input::read(input)?;
    let mut progress = super::progress::ProgressLine::new();
    let review = review::review_with(kb, &inputs, &queries, dialect, &mut |at| {
        progress.update(at)
    });
    progress.clear();
    Ok(review)
}

fn pretty(value: &serde_json::Value) -> Result<String, Error> {
    serde_json::to_string_pretty(value)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| Error::new(Exit::Internal, "cannot write JSON").because(e))
}
