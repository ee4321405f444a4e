//! A review as a SARIF 2.1.0 log, the format GitHub code scanning and other CI tools
//! read: each rule with its metadata and help, each finding as a result at its file and
//! line, each skipped statement as a notification of the run.

use serde_json::{json, Value};

use super::Review;

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// A path as a URI: a relative reference for a relative path, a `file://` URI for an
/// absolute one (SARIF forbids relative references that start with `/`); `/` between
/// parts, anything but unreserved characters percent-encoded.
pub fn uri_of(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn location(file: &str, line: usize) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_of(file) },
            "region": { "startLine": line.max(1) },
        }
    })
}

/// Where a live finding is: no file, but the database object, as a SARIF logical
/// location (`shop.public.orders.total`, kind `column`).
fn logical_location(database: &str, table: &str, column: Option<&str>) -> Value {
    let (name, kind, full) = match (table, column) {
        ("", _) => (database.to_string(), "database", database.to_string()),
        (table, None) => (table.to_string(), "table", format!("{database}.{table}")),
        (table, Some(column)) => (
            column.to_string(),
            "column",
            format!("{database}.{table}.{column}"),
        ),
    };
    json!({
        "logicalLocations": [{ "name": name, "fullyQualifiedName": full, "kind": kind }]
    })
}

pub fn log(review: &Review) -> Value {
    let rules: Vec<Value> = review
        .rules
        .iter()
        .map(|rule| {
            let fix = rule
                .fix
                .get(review.dialect.engine())
                .map(|f| f.trim())
                .unwrap_or("");
            let help = format!(
                "{}\n\nFix ({}):\n{fix}\n\nLearn: dbadvise explain {}",
                rule.why.trim(),
                review.dialect.engine(),
                rule.topic
            );
            json!({
                "id": rule.id.as_str(),
                "name": rule.title,
                "shortDescription": { "text": rule.title },
                "fullDescription": { "text": rule.why.trim() },
                "help": { "text": help },
                "defaultConfiguration": { "level": rule.severity.as_str() },
                "properties": { "topic": rule.topic, "engines": rule.engines },
            })
        })
        .collect();
    let results: Vec<Value> = review
        .findings
        .iter()
        .map(|f| {
            let index = review.rules.iter().position(|r| r.id.as_str() == f.rule);
            json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": f.severity.as_str(),
                "message": { "text": f.message },
                "locations": [match &review.live {
                    Some(live) => logical_location(&live.database, &f.table, f.column.as_deref()),
                    None => location(&f.place.file, f.place.line),
                }],
                "properties": { "table": f.table, "column": f.column, "fix": f.fix.trim() },
            })
        })
        .collect();
    let skipped = match review.live {
        Some(_) => "catalog query skipped",
        None => "statement skipped",
    };
    let notifications: Vec<Value> = review
        .skipped
        .iter()
        .map(|s| {
            json!({
                "level": "warning",
                "message": { "text": format!("{skipped}: {}", s.message) },
                "locations": [match &review.live {
                    Some(live) => logical_location(&live.database, "", None),
                    None => location(&s.place.file, s.place.line),
                }],
            })
        })
        .collect();
    let mut log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "dbadvise",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    if let Some(database) = live_database(review) {
        log["runs"][0]["properties"] = json!({ "database": database });
    }
    log
}

/// The live database a run read: its name, the URL (password masked), the server, and
/// since when its statistics count.
fn live_database(review: &Review) -> Option<Value> {
    review.live.as_ref().map(|live| {
        json!({
            "name": live.database,
            "url": live.url,
            "server": live.server,
            "statisticsSince": live.statistics_since,
            "standby": live.standby,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::uri_of;

    #[test]
    fn paths_become_relative_references_or_file_uris() {
        assert_eq!(uri_of("db/schema.sql"), "db/schema.sql");
        assert_eq!(
            uri_of("/srv/my db/schema.sql"),
            "file:///srv/my%20db/schema.sql"
        );
        assert_eq!(
            uri_of("migrations\\001 init.sql"),
            "migrations/001%20init.sql"
        );
    }
}
