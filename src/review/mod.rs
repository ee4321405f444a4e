//! `dbadvise review`: an existing schema judged by the knowledge base's review rules
//! (`knowledge/review/`). Pure: the caller reads the files; this parses them, builds the
//! schema, runs each rule's detector and returns the findings as data.

mod collect;
pub mod detectors;
pub mod input;
mod keys;
pub mod live;
pub mod names;
pub mod parse;
pub mod queries;
pub mod render;
pub mod sarif;
pub mod schema;
pub mod seen;

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
    /// The interview's answers the schema gives (`review --answers-out`).
    pub answers: Vec<seen::SeenAnswer>,
    /// The live database read (`review --url`); `None` for files.
    pub live: Option<live::Source>,
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

/// How far a review has got, for a progress line: first the inputs are read statement
/// by statement, then the rules are checked one by one against what was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewProgress<'a> {
    Reading {
        /// The file being read, its place among the inputs (from 0) and their number.
        file: &'a str,
        index: usize,
        files: usize,
        /// The line of the statement being read, and the file's lines.
        line: usize,
        lines: usize,
    },
    Checking {
        /// The rules checked so far, of how many, against a schema of `tables` tables.
        done: usize,
        rules: usize,
        tables: usize,
    },
}

/// Reviews the inputs, in order, as one schema in `dialect` (detected when `None`).
pub fn review(kb: &KnowledgeBase, inputs: &[Input], dialect: Option<Dialect>) -> Review {
    review_with(kb, inputs, &[], dialect, &mut |_| {})
}

/// As `review`, with the application's `queries` (for the rules on how columns are
/// searched), telling `progress` where the reading is at each statement.
pub fn review_with(
    kb: &KnowledgeBase,
    inputs: &[Input],
    queries: &[Input],
    dialect: Option<Dialect>,
    progress: &mut dyn FnMut(ReviewProgress),
) -> Review {
    let dialect =
        dialect.unwrap_or_else(|| Dialect::detect(inputs.iter().map(|i| i.text.as_str())));
    let mut schema = schema::ReviewedSchema::default();
    let (mut statements, mut skipped) = (0, Vec::new());
    for (index, input) in inputs.iter().enumerate() {
        let lines = input.text.lines().count();
        let mut at_line = |line| {
            progress(ReviewProgress::Reading {
                file: &input.shown,
                index,
                files: inputs.len(),
                line,
                lines,
            })
        };
        let parsed = parse::parse_file_reporting(&input.shown, &input.text, dialect, &mut at_line);
        statements += parsed.statements.len() + parsed.partitions.len() + parsed.triggers.len();
        skipped.extend(parsed.skipped);
        for (place, statement) in &parsed.statements {
            collect::apply(&mut schema, dialect, place, statement);
        }
        for (_, child) in &parsed.partitions {
            collect::mark_partition(&mut schema, dialect, child);
        }
        for (_, trigger) in parsed.triggers.iter().filter(|(_, t)| t.before_delete) {
            collect::mark_guarded(&mut schema, dialect, &trigger.table);
        }
    }
    let (uses, unread) = queries::read(queries, &schema, dialect);
    skipped.extend(unread);
    let rules = rules_for(kb, dialect);
    let mut done = 0;
    let findings = judge(&rules, dialect, |rule| {
        progress(ReviewProgress::Checking {
            done,
            rules: rules.len(),
            tables: schema.tables.len(),
        });
        done += 1;
        hits(rule, &schema, &uses, dialect)
    });
    Review {
        dialect,
        files: inputs
            .iter()
            .chain(queries)
            .map(|i| i.shown.clone())
            .collect(),
        statements,
        skipped,
        tables: schema.tables.len(),
        findings,
        rules,
        answers: seen::answers(kb, &schema, &uses, dialect),
        live: None,
    }
}

/// What a rule's detector finds in a schema and the queries' uses of it.
pub(crate) fn hits(
    rule: &ReviewRule,
    schema: &schema::ReviewedSchema,
    uses: &[queries::ColumnUse],
    dialect: Dialect,
) -> Vec<detectors::Hit> {
    if queries::DETECTORS.iter().any(|d| d.id == rule.detects) {
        queries::run(rule, schema, uses, dialect)
    } else {
        detectors::run(rule, schema, dialect)
    }
}

/// The findings of `rules`, each rule's hits found by `find` and worded by the rule (its
/// `says` and its fix for the engine of `dialect`), most severe first, then by place.
pub fn judge(
    rules: &[ReviewRule],
    dialect: Dialect,
    mut find: impl FnMut(&ReviewRule) -> Vec<detectors::Hit>,
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
