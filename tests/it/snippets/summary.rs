//! The count of snippets per engine, printed and written to `target/snippet-summary.txt`.

use super::*;

/// ` (MongoDB 2, DynamoDB 1)`, or nothing when none passed.
pub(super) fn counts(passed: &BTreeMap<String, usize>, names: &[(&str, &str)]) -> String {
    let parts: Vec<String> = names
        .iter()
        .filter_map(|(dialect, label)| passed.get(*dialect).map(|n| format!("{label} {n}")))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// How an engine group reads in a summary: `12 executed on PostgreSQL 15.18`.
pub(super) fn engine_part(r: &GroupResult, verb: &str) -> String {
    match (&r.skipped, r.ran) {
        (Some(_), _) => format!("{} SKIPPED (not installed)", r.engine),
        (None, false) => format!("{} NOT RUN (see its test)", r.engine),
        (None, true) => format!("{}{verb} {}", r.passed_total(), r.engine),
    }
}

pub(super) const DOCUMENT_LABELS: &[(&str, &str)] = &[
    ("mongodb", "MongoDB"),
    ("dynamodb", "DynamoDB"),
    ("elasticsearch", "Elasticsearch"),
];
pub(super) const FORM_LABELS: &[(&str, &str)] = &[("cassandra", "Cassandra"), ("neo4j", "Neo4j")];

/// Snippets of PostgreSQL only parsed, by the package they need: `pgvector 1`.
pub(super) fn parsed_only_counts(r: &GroupResult) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, why) in &r.parsed_only {
        *counts.entry(why.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(why, n)| format!("PostgreSQL needing {why}, not packaged by Debian: {n}"))
        .collect()
}

pub(super) fn group_summary(group: Group, r: &GroupResult) -> String {
    let n = r.passed_total();
    let mut line = match group {
        Group::Postgresql | Group::Mysql | Group::Sqlite | Group::Redis | Group::Clickhouse => {
            engine_part(r, " executed on")
        }
        Group::Timescaledb if r.skipped.is_some() => format!(
            "{n} parsed, not executed (TimescaleDB; sqlparser only, PostgreSQL not installed)"
        ),
        Group::Timescaledb => format!("{n} parsed, not executed (TimescaleDB)"),
        Group::Documents => format!("{n} shape-checked{}", counts(&r.passed, DOCUMENT_LABELS)),
        Group::Forms => format!(
            "{n} form-checked, not executed{}",
            counts(&r.passed, FORM_LABELS)
        ),
        Group::Unknown => format!("{} in folders with no runner", r.failures.len()),
    };
    let parsed = parsed_only_counts(r);
    if !parsed.is_empty() {
        line.push_str(&format!(
            "; {} parsed, not executed ({})",
            r.parsed_only.len(),
            parsed.join("; ")
        ));
    }
    if !r.failures.is_empty() && group != Group::Unknown {
        line.push_str(&format!("; {} FAILED", r.failures.len()));
    }
    line
}

/// The whole summary, e.g. `snippets: 41 executed on PostgreSQL 15.18, 9 on Redis
/// 7.0.15, …; 4 parsed, not executed (TimescaleDB 4); 6 shape-checked (…); 3
/// form-checked, not executed (…)`.
pub(super) fn summary() -> String {
    let executed = [
        engine_part(result(Group::Postgresql), " executed on"),
        engine_part(result(Group::Redis), " on"),
        engine_part(result(Group::Mysql), " on"),
        engine_part(result(Group::Sqlite), " on"),
        engine_part(result(Group::Clickhouse), " on"),
    ]
    .join(", ");
    let pg = result(Group::Postgresql);
    let ts = result(Group::Timescaledb);
    let mut parsed_why = Vec::new();
    if ts.passed_total() > 0 {
        let gaps = match ts.sqlparser_gaps.len() {
            0 => String::new(),
            n => format!(", {n} of them by PostgreSQL's grammar only, not sqlparser"),
        };
        parsed_why.push(format!("TimescaleDB {}{gaps}", ts.passed_total()));
    }
    parsed_why.extend(parsed_only_counts(pg));
    let parsed_total = ts.passed_total() + pg.parsed_only.len();
    let parsed = if parsed_why.is_empty() {
        format!("{parsed_total} parsed, not executed")
    } else {
        format!(
            "{parsed_total} parsed, not executed ({})",
            parsed_why.join("; ")
        )
    };
    let docs = result(Group::Documents);
    let forms = result(Group::Forms);
    let failed: usize = GROUPS.iter().map(|&g| result(g).failures.len()).sum();
    let mut line = format!(
        "snippets: {executed}; {parsed}; {} shape-checked{}; {} form-checked, not executed{}",
        docs.passed_total(),
        counts(&docs.passed, DOCUMENT_LABELS),
        forms.passed_total(),
        counts(&forms.passed, FORM_LABELS),
    );
    if failed > 0 {
        line.push_str(&format!("; {failed} FAILED"));
    }
    line
}
