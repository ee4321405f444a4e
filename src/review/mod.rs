//! `dbadvise review`: an existing schema judged by the knowledge base's review rules
//! (`knowledge/review/`). Pure: the caller reads the files; this parses them, builds the
//! schema, runs each rule's detector and returns the findings as data.

mod collect;
pub mod detectors;
pub mod input;
mod keys;
pub mod names;
pub mod parse;
pub mod render;
pub mod sarif;
pub mod schema;

use crate::kb::{KnowledgeBase, ReviewRule, Severity};

pub use parse::{Dialect, Skipped};
pub use schema::Place;

/// One file to review: how it is shown (its path) and its text.
#[derive(Debug, Clone)]
pub struct Input {
    pub shown: String,
    pub text: String,
}

/// What one rule found at one place.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub place: Place,
    pub table: String,
    pub column: Option<String>,
    /// The rule's `says`, its placeholders filled.
    pub message: String,
    /// The rule's fix for the reviewed engine, its placeholders filled.
    pub fix: String,
}

/// The whole review: what was read, skipped and found.
#[derive(Debug)]
pub struct Review {
    pub dialect: Dialect,
    pub files: Vec<String>,
    pub statements: usize,
    pub skipped: Vec<Skipped>,
    pub tables: usize,
    /// Most severe first, then by file and line.
    pub findings: Vec<Finding>,
    /// The rules that apply to the reviewed engine, whether they found anything or not.
    pub rules: Vec<ReviewRule>,
}

impl Review {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether a finding is at `level` or above.
    pub fn fails_at(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

/// Reviews the inputs, in order, as one schema in `dialect` (detected when `None`).
pub fn review(kb: &KnowledgeBase, inputs: &[Input], dialect: Option<Dialect>) -> Review {
    let dialect =
        dialect.unwrap_or_else(|| Dialect::detect(inputs.iter().map(|i| i.text.as_str())));
    let mut schema = schema::Schema::default();
    let (mut statements, mut skipped) = (0, Vec::new());
    for input in inputs {
        let parsed = parse::parse_file(&input.shown, &input.text, dialect);
        statements += parsed.statements.len() + parsed.partitions.len();
        skipped.extend(parsed.skipped);
        for (place, statement) in &parsed.statements {
            collect::apply(&mut schema, dialect, place, statement);
        }
        for (_, child) in &parsed.partitions {
            collect::mark_partition(&mut schema, dialect, child);
        }
    }
    let rules = rules_for(kb, dialect);
    let findings = judge(&rules, dialect, |rule| {
        detectors::run(rule, &schema, dialect)
    });
    Review {
        dialect,
        files: inputs.iter().map(|i| i.shown.clone()).collect(),
        statements,
        skipped,
        tables: schema.tables.len(),
        findings,
        rules,
    }
}

/// The findings of `rules`, each rule's hits found by `find` and worded by the rule (its
/// `says` and its fix for the engine of `dialect`), most severe first, then by place.
pub fn judge(
    rules: &[ReviewRule],
    dialect: Dialect,
    find: impl Fn(&ReviewRule) -> Vec<detectors::Hit>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in rules {
        for hit in find(rule) {
            let fix = rule
                .fix
                .get(dialect.engine())
                .map(String::as_str)
                .unwrap_or("");
            findings.push(Finding {
                rule: rule.id.to_string(),
                severity: rule.severity,
                message: fill(&rule.says, &hit.fills),
                fix: fill(fix, &hit.fills),
                place: hit.place,
                table: hit.table,
                column: hit.column,
            });
        }
    }
    findings.sort_by(|a, b| (b.severity, &a.place, &a.rule).cmp(&(a.severity, &b.place, &b.rule)));
    findings
}

/// The review rules written for the engine of `dialect` (its id, its family, or an
/// engine it extends).
pub fn rules_for(kb: &KnowledgeBase, dialect: Dialect) -> Vec<ReviewRule> {
    let Some(engine) = kb.engine(dialect.engine()) else {
        return vec![];
    };
    kb.review_rules
        .iter()
        .filter(|r| kb.engine_is_one_of(engine, &r.engines))
        .cloned()
        .collect()
}

/// `text` with each `{name}` replaced by its value.
fn fill(text: &str, fills: &[(&'static str, String)]) -> String {
    let mut out = text.to_string();
    for (name, value) in fills {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{placeholders}` a text names.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            found.push(name);
        }
        rest = &after[close + 1..];
    }
    found
}
