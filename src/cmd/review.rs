//! `dbadvise review FILE_OR_DIR`: read the schema, review it, print the findings in the
//! format asked for, and exit with 10 when `--fail-on` says so.

use crate::cli::{ReviewArgs, ReviewDialect, ReviewFormat, ReviewLevel};
use crate::exit::{Exit, Failure};
use crate::kb::{KnowledgeBase, Severity};
use crate::review::{self, Dialect, Review};

pub fn run(kb: &KnowledgeBase, args: &ReviewArgs) -> Result<(), Failure> {
    let review = reviewed(kb, args)?;
    let output = match args.format {
        ReviewFormat::Text => review::render::text(&review),
        ReviewFormat::Json => pretty(&review::render::json(&review))?,
        ReviewFormat::Sarif => pretty(&review::sarif::log(&review))?,
    };
    super::emit(&output, None, false)?;
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
        return Err(Failure::new(
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
fn reviewed(kb: &KnowledgeBase, args: &ReviewArgs) -> Result<Review, Failure> {
    let dialect = args.dialect.map(|d| match d {
        ReviewDialect::Postgresql => Dialect::PostgreSql,
        ReviewDialect::Mysql => Dialect::MySql,
    });
    let inputs =
        review::input::read(&args.input).map_err(|m| Failure::new(Exit::ReviewInput, m))?;
    Ok(review::review(kb, &inputs, dialect))
}

fn pretty(value: &serde_json::Value) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| Failure::new(Exit::Internal, format!("cannot write JSON: {e}")))
}
