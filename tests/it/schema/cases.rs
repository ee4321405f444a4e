//! The cases: every example project, and variants of them that change one answer, with
//! the engine that runs each one's starter schema.

use super::*;

// --- the cases ---------------------------------------------------------------------

pub(super) fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(KnowledgeBase::embedded)
}

pub(super) fn projects_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/projects")
}

/// Every example project's answers, by file name, in name order, with no domain picked:
/// these tests prove the generic starter schema that every answer tailors; a domain's
/// tables (`product`) are proven by `model::`.
pub(super) fn projects() -> &'static [(String, Answers)] {
    static PROJECTS: OnceLock<Vec<(String, Answers)>> = OnceLock::new();
    PROJECTS.get_or_init(|| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(projects_dir())
            .expect("tests/projects exists")
            .map(|e| e.expect("readable").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let mut answers = read_answers(kb(), path);
                answers.set("product", AnswerValue::One("none".into()));
                let name = path.file_stem().unwrap().to_string_lossy().to_string();
                (name, answers)
            })
            .collect()
    })
}

pub(super) fn project(name: &str) -> &'static Answers {
    &projects()
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no tests/projects/{name}.yaml"))
        .1
}

/// `answers` with some answers replaced (a several-choice question takes the whole list).
pub(super) fn with(answers: &Answers, changes: &[(&str, &[&str])]) -> Answers {
    let mut changed = answers.clone();
    for (question, values) in changes {
        let q = kb()
            .question(question)
            .unwrap_or_else(|| panic!("no question {question}"));
        for v in *values {
            assert!(q.choice(v).is_some(), "{question} has no option {v}");
        }
        let value = match q.kind {
            QuestionKind::Many => AnswerValue::Many(values.iter().map(|v| v.to_string()).collect()),
            _ => AnswerValue::One(values[0].to_string()),
        };
        changed.set(question, value);
    }
    changed
}

/// Whether `question` is answered with `option` (among others, for a several-choice one).
pub(super) fn answered(answers: &Answers, question: &str, option: &str) -> bool {
    answers.get(question).is_some_and(|v| v.has(option))
}

/// History that grows fast: kept for a window, or a stream of events or measurements, at
/// 10 GB and more; or going cold at 1 TB and more.
pub(super) fn history_grows_fast(all: &Answers) -> bool {
    // Only the answers the interview asks count: the schema reads no others.
    let mut answers = Answers::default();
    for q in dbadvise::engine::walk(kb(), all).asked {
        if let Some(v) = all.get(q) {
            answers.set(q, v.clone());
        }
    }
    let answers = &answers;
    let volume = ["medium", "large", "huge"]
        .iter()
        .any(|v| answered(answers, "volume", v));
    let large = ["large", "huge"]
        .iter()
        .any(|v| answered(answers, "volume", v));
    let window = answered(answers, "lifetime", "retention");
    let cold = answered(answers, "lifetime", "cold-after");
    let streams =
        answered(answers, "data-kinds", "events") || answered(answers, "data-kinds", "time-series");
    // An event store stays whole: its key (stream, version) would not stay unique.
    let event_store = answered(answers, "source-of-truth", "log");
    !event_store && ((volume && (window || streams)) || (large && cold))
}

/// Complete advice for answers, or a panic naming what is open.
pub(super) fn advice_of(name: &str, answers: &Answers) -> Advice {
    let advice = advise(kb(), answers);
    assert!(
        advice.complete,
        "{name}: the answers leave {:?} open",
        advice.pending
    );
    advice
}

pub(super) fn schema_of(name: &str, answers: &Answers) -> StarterSchema {
    advice_of(name, answers)
        .starter_schema
        .unwrap_or_else(|| panic!("{name}: no starter schema"))
}

/// Every access pattern but similarity search (pgvector is not packaged everywhere; the
/// store-locator project asks for it).
pub(super) const ALL_PATTERNS_BUT_VECTOR: &[&str] = &[
    "equality-high",
    "equality-low",
    "range",
    "sort",
    "multi-column",
    "case-insensitive",
    "hot-narrow",
    "substring",
    "json-containment",
    "full-text",
    "time-append",
    "geo",
];

/// Variants of the projects' answers that keep the parts no project keeps, so that every
/// part of every schema runs somewhere: (name, project, changed answers).
/// Answers to change: (question, the new answer's options).
type Changes = &'static [(&'static str, &'static [&'static str])];

pub(super) const VARIANTS: &[(&str, &str, Changes)] = &[
    (
        // History kept for a window at 10 GB and more is partitioned. The interview asks
        // how long data lives of a system that keeps files (or events, measurements …),
        // or at a terabyte and more: files it is, beside the records.
        "postgresql-everything",
        "multi-tenant-saas",
        &[
            ("access-patterns", ALL_PATTERNS_BUT_VECTOR),
            ("invariants", &["money"]),
            ("data-kinds", &["records", "files"]),
            ("lifetime", &["retention"]),
            ("id-exposure", &["internal"]),
        ],
    ),
    (
        // The SaaS's history kept for a window: events partitioned by month.
        "postgresql-history",
        "multi-tenant-saas",
        &[
            ("data-kinds", &["records", "files"]),
            ("lifetime", &["retention"]),
        ],
    ),
    (
        // Documents beside the records: a JSONB column for what varies.
        "postgresql-documents",
        "multi-tenant-saas",
        &[("data-kinds", &["records", "documents"])],
    ),
    (
        // A shared-tenant shop whose events move money: deleting a tenant is refused.
        "mysql-tenant-money",
        "mysql-shop",
        &[("multi-tenant", &["shared"]), ("invariants", &["money"])],
    ),
    (
        "mysql-everything",
        "mysql-shop",
        &[
            ("access-patterns", ALL_PATTERNS_BUT_VECTOR),
            ("multi-tenant", &["shared"]),
            ("data-kinds", &["records", "files"]),
            ("lifetime", &["retention"]),
            ("id-exposure", &["internal"]),
        ],
    ),
    (
        "mysql-tenants-internal-ids-no-money",
        "mysql-shop",
        &[
            ("invariants", &[]),
            ("id-exposure", &["internal"]),
            ("multi-tenant", &["shared"]),
            ("access-patterns", &["equality-high"]),
        ],
    ),
    (
        // The SaaS keeps an event log as its record: events keyed by (item, version),
        // append-only, whole (at 10 GB and more), with no foreign key to the projections.
        "postgresql-event-store",
        "multi-tenant-saas",
        &[
            ("data-kinds", &["records", "events"]),
            ("source-of-truth", &["log"]),
            ("invariants", &["money"]),
        ],
    ),
    (
        "mysql-event-store",
        "mysql-shop",
        &[
            ("data-kinds", &["records", "events"]),
            ("source-of-truth", &["log"]),
        ],
    ),
    (
        // The inspections app inside the application instead of syncing devices: SQLite,
        // with ids made on the device and keyword search.
        "sqlite-app",
        "mobile-offline",
        &[("deployment", &["embedded"])],
    ),
    (
        "sqlite-event-store",
        "mobile-offline",
        &[
            ("deployment", &["embedded"]),
            ("data-kinds", &["records", "events"]),
            ("source-of-truth", &["log"]),
        ],
    ),
    (
        "sqlite-everything",
        "mobile-offline",
        &[
            ("deployment", &["embedded"]),
            ("access-patterns", ALL_PATTERNS_BUT_VECTOR),
            ("invariants", &["money"]),
            ("id-exposure", &["internal"]),
        ],
    ),
];

/// The access patterns whose index statements `access_patterns_change_the_index_statements`
/// checks on the real server, one variant each.
pub(super) const PATTERN_VARIANTS: &[&str] = &[
    "equality-low",
    "range",
    "sort",
    "multi-column",
    "case-insensitive",
    "hot-narrow",
    "substring",
    "json-containment",
    "full-text",
    "time-append",
    "geo",
];

pub(super) struct Case {
    pub(super) name: String,
    /// An example project (not a variant).
    pub(super) project: bool,
    pub(super) answers: Answers,
    pub(super) advice: Advice,
    pub(super) schema: StarterSchema,
}

/// The projects with a starter schema, the variants, and one variant of the
/// multi-tenant SaaS per access pattern (without its keyword search, so that the
/// full-text pattern alone adds the search index).
pub(super) fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut cases = Vec::new();
        let mut push = |name: String, project: bool, answers: Answers| {
            let advice = advice_of(&name, &answers);
            if let Some(schema) = advice.starter_schema.clone() {
                cases.push(Case {
                    name,
                    project,
                    answers,
                    advice,
                    schema,
                });
            }
        };
        for (name, answers) in projects() {
            push(name.clone(), true, answers.clone());
        }
        for (name, base, changes) in VARIANTS {
            push(name.to_string(), false, with(project(base), changes));
        }
        for pattern in PATTERN_VARIANTS {
            let answers = with(
                project("multi-tenant-saas"),
                &[
                    ("access-patterns", &["equality-high", pattern]),
                    ("features", &[]),
                ],
            );
            push(format!("multi-tenant-saas-{pattern}"), false, answers);
        }
        cases
    })
}

pub(super) fn case(name: &str) -> &'static Case {
    cases()
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name} with a starter schema"))
}

/// How a schema for an engine is proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Runner {
    Postgres,
    /// TimescaleDB is not packaged by Debian: parsed.
    Timescale,
    Mariadb,
    Sqlite,
}

pub(super) fn runner(engine: &str) -> Option<Runner> {
    match engine {
        // Citus is PostgreSQL with an extension: its schema is plain PostgreSQL.
        "postgresql" | "citus" => Some(Runner::Postgres),
        "timescaledb" => Some(Runner::Timescale),
        "mysql" => Some(Runner::Mariadb),
        "sqlite" => Some(Runner::Sqlite),
        _ => None,
    }
}

pub(super) fn db_name(prefix: &str, case: &str) -> String {
    format!("{prefix}_{}", case.replace('-', "_"))
        .chars()
        .take(60)
        .collect()
}
