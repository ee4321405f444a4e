//! A review in words (text) and as JSON: the only place its wording lives, beside the
//! SARIF log (`sarif`).

use serde_json::{json, Value};

use super::live::Source;
use super::{Finding, Place, Review};
use crate::kb::{ReviewRule, Severity};

fn rule_of<'r>(review: &'r Review, finding: &Finding) -> Option<&'r ReviewRule> {
    review.rules.iter().find(|r| r.id.as_str() == finding.rule)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Note => "Notes",
    }
}

/// The one line that sums a review up.
pub fn summary(review: &Review) -> String {
    let (one, many) = match review.live {
        Some(_) => ("catalog query", "catalog queries"),
        None => ("statement", "statements"),
    };
    format!(
        "{} read, {} skipped, {}; {}, {}, {}",
        plural(review.statements, one, many),
        review.skipped.len(),
        plural(review.tables, "table", "tables"),
        plural(review.count(Severity::Error), "error", "errors"),
        plural(review.count(Severity::Warning), "warning", "warnings"),
        plural(review.count(Severity::Note), "note", "notes"),
    )
}

/// The review as text: findings grouped by severity, each with its place, the why in
/// one line, the fix and the lesson; then what was skipped; then the summary.
pub fn text(review: &Review) -> String {
    let mut out = match &review.live {
        Some(live) => live_heading(live, review.dialect.engine()),
        None => format!(
            "Review of {} as {}\n",
            review.files.join(", "),
            review.dialect.engine()
        ),
    };
    if review.findings.is_empty() {
        out.push_str("\nNo findings.\n");
    }
    for severity in Severity::ALL {
        let findings: Vec<&Finding> = review
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} ({})\n", heading(severity), findings.len()));
        for finding in findings {
            let target = match &finding.column {
                Some(column) => format!("{}.{column}", finding.table),
                None => finding.table.clone(),
            };
            // A finding about a whole live database names no table: the place says it.
            let at = at(review, &finding.place);
            let head = if target.is_empty() {
                at
            } else {
                format!("{at}: {target}")
            };
            out.push_str(&format!(
                "  {head} [{}]\n    {}\n",
                finding.rule, finding.message
            ));
            if let Some(rule) = rule_of(review, finding) {
                out.push_str(&format!("    why: {}\n", rule.why.trim()));
            }
            if !finding.fix.trim().is_empty() {
                let mut lines = finding.fix.trim().lines();
                out.push_str(&format!("    fix: {}\n", lines.next().unwrap_or("")));
                for line in lines {
                    out.push_str(&format!("         {line}\n"));
                }
            }
            if let Some(rule) = rule_of(review, finding) {
                out.push_str(&format!("    learn: dbadvise explain {}\n", rule.topic));
            }
        }
    }
    if !review.skipped.is_empty() {
        let what = match review.live {
            Some(_) => "what the catalogs could not tell",
            None => "statements the parser could not read",
        };
        out.push_str(&format!("\nSkipped ({}): {what}\n", review.skipped.len()));
        for skipped in &review.skipped {
            out.push_str(&format!(
                "  {}: {}\n",
                at(review, &skipped.place),
                skipped.message
            ));
        }
    }
    out.push_str(&format!("\nSummary: {}\n", summary(review)));
    out
}

/// Where a finding is, as its line starts: `FILE:LINE`, or the database for a live
/// object (which has no line).
fn at(review: &Review, place: &Place) -> String {
    match review.live {
        Some(_) => place.file.clone(),
        None => format!("{}:{}", place.file, place.line),
    }
}

/// The first lines of a live review: the database, where it is, the server, and since
/// when its statistics count.
fn live_heading(live: &Source, engine: &str) -> String {
    let mut out = format!(
        "Review of database {} at {} ({}) as {engine}\n",
        live.database, live.url, live.server
    );
    if let Some(since) = &live.statistics_since {
        out.push_str(&format!("Statistics counted since {since}"));
        if live.standby {
            out.push_str(" on this standby only: the primary's reads are not in them");
        }
        out.push('\n');
    }
    out
}

/// The live database of a review as JSON (files have none).
fn live_json(review: &Review) -> Value {
    match &review.live {
        Some(live) => json!({
            "name": live.database,
            "url": live.url,
            "server": live.server,
            "statistics_since": live.statistics_since,
            "standby": live.standby,
        }),
        None => Value::Null,
    }
}

/// The `file` and `line` of a place in JSON: `null` both for a live object, which is
/// in the database (`database`) and has no line.
fn place_json(review: &Review, place: &Place) -> (Value, Value) {
    match review.live {
        Some(_) => (Value::Null, Value::Null),
        None => (json!(place.file), json!(place.line)),
    }
}

/// The review as JSON (its shape is documented in the README).
pub fn json(review: &Review) -> Value {
    let findings: Vec<Value> = review
        .findings
        .iter()
        .map(|f| {
            let rule = rule_of(review, f);
            let (file, line) = place_json(review, &f.place);
            let mut finding = json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "file": file,
                "line": line,
                "table": (!f.table.is_empty()).then_some(&f.table),
                "column": f.column,
                "title": rule.map(|r| r.title.as_str()),
                "message": f.message,
                "why": rule.map(|r| r.why.trim()),
                "fix": f.fix.trim(),
                "topic": rule.map(|r| r.topic.as_str()),
            });
            if let Some(live) = &review.live {
                finding["database"] = json!(live.database);
            }
            finding
        })
        .collect();
    let skipped: Vec<Value> = review
        .skipped
        .iter()
        .map(|s| {
            let (file, line) = place_json(review, &s.place);
            json!({"file": file, "line": line, "message": s.message})
        })
        .collect();
    let mut out = json!({
        "dialect": review.dialect.engine(),
        "files": review.files,
        "summary": {
            "statements": review.statements,
            "skipped": review.skipped.len(),
            "tables": review.tables,
            "findings": {
                "error": review.count(Severity::Error),
                "warning": review.count(Severity::Warning),
                "note": review.count(Severity::Note),
            },
        },
        "findings": findings,
        "skipped": skipped,
    });
    if review.live.is_some() {
        out["database"] = live_json(review);
    }
    out
}
