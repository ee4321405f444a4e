//! What the review rules and review answers of `knowledge/review/` may name: the
//! detectors `review` has (those that read a schema, those that read a live database's
//! statistics) and the facts it sees, with the name lists each reads and the placeholders
//! it fills; the engines review reads; and the form of name patterns and placeholders.
//! `kb check` holds the knowledge base to these; `review` implements each by its id.
//!
//! They live with the knowledge base, not in `review`, so that the checker stands alone:
//! build.rs compiles it to check `knowledge/` before the binary exists, without the SQL
//! parser and the rest of `review`.

/// The engines `review` reads schemas of (its `Dialect`s), by catalog id.
pub const REVIEWED: [&str; 2] = ["postgresql", "mysql"];

/// What a detector needs from its rule, and what it tells the rule's sentences.
pub struct Detector {
    pub id: &'static str,
    /// What it finds, for `kb check` messages (knowledge/review/README.md says it too).
    pub finds: &'static str,
    /// The name lists (`names:`) the rule must give it.
    pub lists: &'static [&'static str],
    /// The placeholders its findings fill in `says` and `fix`.
    pub fills: &'static [&'static str],
}

/// The detectors that read a schema (`review::detectors`).
pub const DETECTORS: &[Detector] = &[
    Detector {
        id: "float-money",
        finds: "a column named like money whose type is float, double or real",
        lists: &["money_columns"],
        fills: &["table", "column", "type"],
    },
    Detector {
        id: "timestamp-without-time-zone",
        finds: "a `timestamp` column without time zone, unless it is named like a calendar day",
        lists: &["calendar_columns"],
        fills: &["table", "column", "type"],
    },
    Detector {
        id: "no-primary-key",
        finds: "a table without a primary key, nor a unique key on NOT NULL columns (partitions are their parent's)",
        lists: &[],
        fills: &["table"],
    },
    Detector {
        id: "unindexed-foreign-key",
        finds: "a foreign key no index leads with",
        lists: &[],
        fills: &["table", "columns", "parent", "index"],
    },
    Detector {
        id: "sequence-key",
        finds: "a `serial` column, or one whose default is `nextval(…)`",
        lists: &[],
        fills: &["table", "column", "type", "base_type"],
    },
    Detector {
        id: "cascade-into-kept-table",
        finds: "ON DELETE CASCADE on a table named like a kept record, or holding money",
        lists: &["kept_tables", "money_columns"],
        fills: &["table", "columns", "parent", "parent_columns", "constraint"],
    },
    Detector {
        id: "case-sensitive-unique-email",
        finds: "a unique key on an email column compared with case",
        lists: &["email_columns"],
        fills: &["table", "column", "index", "new_index"],
    },
    Detector {
        id: "redundant-index",
        finds: "an index whose columns lead another index of the same table",
        lists: &[],
        fills: &["table", "index", "columns", "other", "other_columns"],
    },
    Detector {
        id: "entity-attribute-value",
        finds: "a table of entity, attribute name and value columns",
        lists: &["attribute_columns", "value_columns"],
        fills: &["table", "entity", "attribute", "value"],
    },
    Detector {
        id: "reference-without-tenant",
        finds: "a foreign key between two tables of a shared multi-tenant schema that leaves out the tenant column",
        lists: &["tenant_columns"],
        fills: &["table", "column", "columns", "parent", "parent_columns", "constraint", "index"],
    },
    Detector {
        id: "tenant-table-without-row-security",
        finds: "a table of a shared multi-tenant schema without row-level security enabled",
        lists: &["tenant_columns"],
        fills: &["table", "column", "type"],
    },
    Detector {
        id: "nullable-owned-foreign-key",
        finds: "a nullable column of a foreign key that cascades on delete: the parent owns the row, so the row needs one",
        lists: &[],
        fills: &["table", "column", "type", "parent"],
    },
];

/// The detectors only a live database feeds (`review::live::detectors`): they read the
/// statistics the server keeps, which no schema file holds.
pub const LIVE_DETECTORS: &[Detector] = &[
    Detector {
        id: "unused-index",
        finds: "an index never scanned since the statistics began (PostgreSQL's pg_stat_user_indexes.idx_scan = 0) that enforces nothing: not a primary key, unique, exclusion or replica-identity index",
        lists: &[],
        fills: &["table", "index", "size", "since", "definition"],
    },
    Detector {
        id: "integer-key-exhaustion",
        finds: "a column fed by a sequence or AUTO_INCREMENT whose last value is past half of the largest its type (or its sequence) can hold",
        lists: &[],
        fills: &[
            "table",
            "column",
            "type",
            "counter",
            "value",
            "max",
            "percent",
            "referrers",
        ],
    },
    Detector {
        id: "table-never-analyzed",
        finds: "a table holding more rows than autovacuum's analyse threshold whose planner statistics were never gathered (no ANALYZE, by hand or by autovacuum)",
        lists: &[],
        fills: &["table", "rows", "table_autovacuum", "server_autovacuum"],
    },
    Detector {
        id: "pg-stat-statements-missing",
        finds: "a PostgreSQL database without the pg_stat_statements extension",
        lists: &[],
        fills: &["database", "preloaded"],
    },
];

/// The detectors that read the application's queries given with `--queries`
/// (`review::queries`): how columns are searched, which no schema says.
pub const QUERY_DETECTORS: &[Detector] = &[
    Detector {
        id: "substring-search-without-trigram",
        finds: "a query's `LIKE` or `ILIKE` whose pattern starts with `%`, on a column with no trigram index",
        lists: &[],
        fills: &["table", "column", "index"],
    },
    Detector {
        id: "unindexed-json-key-filter",
        finds: "a query that filters on a key taken out of a JSON column (`->>`, `->`, `#>>`, `JSON_EXTRACT`, `JSON_VALUE`) with no index on that very expression",
        lists: &[],
        fills: &["table", "column", "expression", "path", "index"],
    },
    Detector {
        id: "unindexed-json-containment",
        finds: "a query that tests containment or a key's presence in a JSON column (`@>`, `?`) with no GIN index leading with the column",
        lists: &[],
        fills: &["table", "column", "index"],
    },
];

/// Every detector: those that read a schema, those that read the queries given, then
/// those that read a live database's statistics.
pub fn all() -> impl Iterator<Item = &'static Detector> + Clone {
    DETECTORS
        .iter()
        .chain(QUERY_DETECTORS)
        .chain(LIVE_DETECTORS)
}

pub fn detector(id: &str) -> Option<&'static Detector> {
    all().find(|d| d.id == id)
}

/// A fact a review can see, for `kb check` and the knowledge README.
pub struct Fact {
    pub id: &'static str,
    pub finds: &'static str,
    /// The name lists (`names:`) the answer must give it.
    pub lists: &'static [&'static str],
    /// The placeholders it fills in the answer's `because`.
    pub fills: &'static [&'static str],
}

pub const FACTS: &[Fact] = &[
    Fact {
        id: "engine",
        finds: "always: the engine the schema was read as (the answer's `engines` narrow it)",
        lists: &[],
        fills: &["engine"],
    },
    Fact {
        id: "tenant-column",
        finds:
            "a column named like a tenant key in at least three tables, a quarter of them or more",
        lists: &["tenant_columns"],
        fills: &["column", "tables", "examples"],
    },
    Fact {
        id: "money-columns",
        finds: "number columns named like money",
        lists: &["money_columns"],
        fills: &["columns", "examples"],
    },
    Fact {
        id: "json-columns",
        finds: "`json` or `jsonb` columns",
        lists: &[],
        fills: &["columns", "examples"],
    },
    Fact {
        id: "text-search",
        finds: "`tsvector` columns, full-text indexes, or trigram (`gin_trgm_ops`) indexes",
        lists: &[],
        fills: &["columns", "examples"],
    },
    Fact {
        id: "geo-columns",
        finds: "`geometry`, `geography`, `point` or `polygon` columns",
        lists: &[],
        fills: &["columns", "examples"],
    },
    Fact {
        id: "vector-columns",
        finds: "`vector(n)` columns (pgvector), or MariaDB's `VECTOR(n)`",
        lists: &[],
        fills: &["columns", "examples"],
    },
    Fact {
        id: "foreign-keys",
        finds: "foreign keys: records that refer to each other",
        lists: &[],
        fills: &["tables", "examples"],
    },
    Fact {
        id: "substring-queries",
        finds: "columns the queries given search with `LIKE '%…'`",
        lists: &[],
        fills: &["columns", "examples"],
    },
    Fact {
        id: "json-queries",
        finds: "JSON columns the queries given filter by a key or by containment",
        lists: &[],
        fills: &["columns", "examples"],
    },
];

pub fn fact(id: &str) -> Option<&'static Fact> {
    FACTS.iter().find(|f| f.id == id)
}

/// What is wrong with a pattern, if anything: words of lower-case letters and digits,
/// or `*`.
pub fn pattern_problem(pattern: &str) -> Option<String> {
    let ok = !pattern.is_empty()
        && pattern.split('_').all(|w| {
            w == "*"
                || (!w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        });
    (!ok).then(|| {
        format!(
            "name pattern `{pattern}`: write lower-case words separated by `_`, `*` for any words"
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Dialect;

    #[test]
    fn the_reviewed_engines_are_the_dialects_review_reads() {
        for engine in REVIEWED {
            assert_eq!(
                Dialect::from_engine(engine).map(Dialect::engine),
                Some(engine)
            );
        }
    }

    #[test]
    fn patterns_are_lower_case_words_or_stars() {
        assert!(pattern_problem("*_price_*").is_none());
        assert!(pattern_problem("Price").is_some());
        assert!(pattern_problem("a__b").is_some());
    }

    #[test]
    fn placeholders_are_lower_case_names_in_braces() {
        assert_eq!(
            placeholders("{table}.{column} {x1} {} {"),
            ["table", "column"]
        );
    }
}
