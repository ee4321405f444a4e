//! A review in words (text) and as JSON: the only place its wording lives, beside the
//! SARIF log (`sarif`).

use serde_json::{json, Value};

use super::{Finding, Review};
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
    format!(
        "{} read, {} skipped, {}; {}, {}, {}",
        plural(review.statements, "statement", "statements"),
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
    let mut out = format!(
        "Review of {} as {}\n",
        review.files.join(", "),
        review.dialect.engine()
    );
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
            out.push_str(&format!(
                "  {}:{}: {target} [{}]\n    {}\n",
                finding.place.file, finding.place.line, finding.rule, finding.message
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
        out.push_str(&format!(
            "\nSkipped ({}): statements the parser could not read\n",
            review.skipped.len()
        ));
        for skipped in &review.skipped {
            out.push_str(&format!(
                "  {}:{}: {}\n",
                skipped.place.file, skipped.place.line, skipped.message
            ));
        }
    }
    out.push_str(&format!("\nSummary: {}\n", summary(review)));
    out
}

/// The review as JSON (its shape is documented in the README).
pub fn json(review: &Review) -> Value {
    let findings: Vec<Value> = review
        .findings
        .iter()
        .map(|f| {
            let rule = rule_of(review, f);
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "file": f.place.file,
                "line": f.place.line,
                "table": f.table,
                "column": f.column,
                "title": rule.map(|r| r.title.as_str()),
                "message": f.message,
                "why": rule.map(|r| r.why.trim()),
                "fix": f.fix.trim(),
                "topic": rule.map(|r| r.topic.as_str()),
            })
        })
        .collect();
    let skipped: Vec<Value> = review
        .skipped
        .iter()
        .map(|s| json!({"file": s.place.file, "line": s.place.line, "message": s.message}))
        .collect();
    json!({
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
    })
}
