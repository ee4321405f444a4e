//! The application's queries (`review --queries FILE`): what they filter on, for the
//! rules that need to know how a column is searched. Each statement is parsed, its
//! tables and aliases gathered, and every `LIKE '%…'` and every filter inside a JSON
//! column resolved to the table and column it reads.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, TableFactor, Value,
    Visit, Visitor,
};

use super::collect::Names;
use super::detectors::Hit;
use super::keys;
use super::names::sql_ident;
use super::parse::{self, Dialect, Skipped};
use super::schema::{Place, ReviewedSchema, Table};
use super::Input;
use crate::kb::ReviewRule;

pub use crate::kb::review_terms::QUERY_DETECTORS as DETECTORS;

/// How a query reads a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Use {
    /// `LIKE` or `ILIKE` with a leading `%`: no B-tree serves it.
    Substring,
    /// A key taken out of a JSON column (`attributes->>'colour'`), with the expression
    /// as written and the JSON path (`colour`, `$.colour`).
    JsonKey { expression: String, path: String },
    /// Containment or key existence (`@>`, `?`): a GIN index on the column serves it.
    JsonContains,
}

/// One use of a column, at the line of its query.
#[derive(Debug, Clone)]
pub struct ColumnUse {
    pub place: Place,
    pub table: String,
    pub column: String,
    pub how: Use,
}

/// Every use the queries make of the schema's columns, and the statements not read.
pub fn read(
    inputs: &[Input],
    schema: &ReviewedSchema,
    dialect: Dialect,
) -> (Vec<ColumnUse>, Vec<Skipped>) {
    let (mut uses, mut skipped) = (Vec::new(), Vec::new());
    for input in inputs {
        let parsed = parse::parse_file(&input.shown, &input.text, dialect);
        skipped.extend(parsed.skipped);
        for (place, statement) in &parsed.statements {
            let mut found = Found::new(dialect);
            let _ = statement.visit(&mut found);
            for (qualifier, column, how) in std::mem::take(&mut found.uses) {
                if let Some(table) = found.resolve(schema, qualifier.as_deref(), &column) {
                    uses.push(ColumnUse {
                        place: place.clone(),
                        table,
                        column,
                        how,
                    });
                }
            }
        }
    }
    (uses, skipped)
}

/// What one statement names: its tables by alias, and the uses of columns, each with
/// the qualifier it was written with (`p` of `p.name`). Names are folded as the schema's
/// are (`collect::Names`), so `"APIToken"` stays itself and `Products` is `products`.
struct Found {
    names: Names,
    /// Alias (or the table's own last name) → the table's key in the schema.
    tables: BTreeMap<String, String>,
    uses: Vec<(Option<String>, String, Use)>,
    /// The inner steps of JSON paths already noted whole.
    inner: Vec<String>,
}

impl Found {
    fn new(dialect: Dialect) -> Found {
        Found {
            names: Names { dialect },
            tables: BTreeMap::new(),
            uses: vec![],
            inner: vec![],
        }
    }

    /// The schema's key of the table a column belongs to: the one its qualifier names,
    /// or the only table of the statement that has a column of that name.
    fn resolve(
        &self,
        schema: &ReviewedSchema,
        qualifier: Option<&str>,
        column: &str,
    ) -> Option<String> {
        let known = |key: &String| schema.tables.contains_key(key);
        match qualifier {
            Some(q) => self.tables.get(q).filter(|k| known(k)).cloned(),
            None => {
                // A table is here under its name and its alias: each counts once.
                let holding: std::collections::BTreeSet<&String> = self
                    .tables
                    .values()
                    .filter(|k| known(k) && schema.tables[*k].column(column).is_some())
                    .collect();
                match holding.len() {
                    1 => holding.into_iter().next().cloned(),
                    _ => None,
                }
            }
        }
    }
}

impl Visitor for Found {
    type Break = ();

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table { name, alias, .. } = factor {
            let key = self.names.table_key(name);
            if let Some(last) = name.0.last().and_then(|p| p.as_ident()) {
                self.tables.insert(self.names.ident(last), key.clone());
            }
            if let Some(alias) = alias {
                self.tables.insert(self.names.ident(&alias.name), key);
            }
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
        match expr {
            Expr::Like {
                negated: false,
                expr,
                pattern,
                ..
            }
            | Expr::ILike {
                negated: false,
                expr,
                pattern,
                ..
            } if leading_wildcard(pattern) => self.note(expr, Use::Substring),
            Expr::BinaryOp { left, op, .. } => match op {
                op if is_arrow(op) => {
                    let whole = expr.to_string();
                    // `a -> 'b' ->> 'c'` is one use, of its whole path: its inner
                    // `a -> 'b'` (visited next) is not another.
                    if self.inner.contains(&whole) {
                        return ControlFlow::Continue(());
                    }
                    let mut base = left.as_ref();
                    while let Expr::BinaryOp { left, op, .. } = base {
                        if !is_arrow(op) {
                            break;
                        }
                        self.inner.push(base.to_string());
                        base = left;
                    }
                    let path = whole
                        .strip_prefix(&base.to_string())
                        .map(|rest| {
                            let rest = rest.trim_start();
                            let rest = rest.trim_start_matches(['-', '#', '>']);
                            rest.trim().trim_matches('\'').to_string()
                        })
                        .unwrap_or_default();
                    let how = Use::JsonKey {
                        expression: whole,
                        path,
                    };
                    self.note(base, how);
                }
                BinaryOperator::AtArrow | BinaryOperator::Question => {
                    self.note(left, Use::JsonContains)
                }
                _ => {}
            },
            Expr::Function(function) => {
                let name = function.name.to_string().to_lowercase();
                if name == "json_extract" || name == "json_value" {
                    if let Some((column, path)) = json_function_args(&function.args) {
                        let how = Use::JsonKey {
                            expression: expr.to_string(),
                            path,
                        };
                        self.note(&column, how);
                    }
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

impl Found {
    /// Notes a use of `expr` when it is a column (`name`, `p.name`).
    fn note(&mut self, expr: &Expr, how: Use) {
        let (qualifier, column) = match expr {
            Expr::Identifier(ident) => (None, self.names.ident(ident)),
            Expr::CompoundIdentifier(parts) if parts.len() >= 2 => (
                Some(self.names.ident(&parts[parts.len() - 2])),
                self.names.ident(&parts[parts.len() - 1]),
            ),
            Expr::Nested(inner) => return self.note(inner, how),
            _ => return,
        };
        self.uses.push((qualifier, column, how));
    }
}

/// `->`, `->>`, `#>`, `#>>`: a step into a JSON value.
fn is_arrow(op: &BinaryOperator) -> bool {
    matches!(
        op,
        BinaryOperator::LongArrow
            | BinaryOperator::Arrow
            | BinaryOperator::HashArrow
            | BinaryOperator::HashLongArrow
    )
}

/// Whether a pattern starts with `%`: `'%bolt%'`, or `'%' || $1 || '%'`.
fn leading_wildcard(pattern: &Expr) -> bool {
    match pattern {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => s.starts_with('%'),
            _ => false,
        },
        Expr::BinaryOp {
            left,
            op: BinaryOperator::StringConcat,
            ..
        } => leading_wildcard(left),
        Expr::Function(f) if f.name.to_string().eq_ignore_ascii_case("concat") => match &f.args {
            FunctionArguments::List(list) => list.args.first().is_some_and(|a| match a {
                FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => leading_wildcard(e),
                _ => false,
            }),
            _ => false,
        },
        Expr::Nested(inner) => leading_wildcard(inner),
        _ => false,
    }
}

/// The column and the path of `JSON_EXTRACT(column, '$.path')`.
fn json_function_args(args: &FunctionArguments) -> Option<(Expr, String)> {
    let FunctionArguments::List(list) = args else {
        return None;
    };
    let expr = |i: usize| match list.args.get(i)? {
        FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => Some(e.clone()),
        _ => None,
    };
    let path = match expr(1)? {
        Expr::Value(v) => match v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => s,
            _ => return None,
        },
        _ => return None,
    };
    Some((expr(0)?, path))
}

/// What the rule's detector finds in the queries' uses of the schema.
pub fn run(
    rule: &ReviewRule,
    schema: &ReviewedSchema,
    uses: &[ColumnUse],
    dialect: Dialect,
) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut said: Vec<(String, String, String)> = Vec::new();
    for u in uses {
        let Some(table) = schema.tables.get(&u.table) else {
            continue;
        };
        let hit = match (rule.detects.as_str(), &u.how) {
            ("substring-search-without-trigram", Use::Substring)
                if !has_trigram(table, &u.column) =>
            {
                Some(
                    column_hit(table, u, dialect)
                        .fill("index", index_name(table, &u.column, "trgm_idx")),
                )
            }
            ("unindexed-json-containment", Use::JsonContains) if !has_gin(table, &u.column) => {
                Some(
                    column_hit(table, u, dialect)
                        .fill("index", index_name(table, &u.column, "gin_idx")),
                )
            }
            ("unindexed-json-key-filter", Use::JsonKey { expression, path })
                if !has_expression(table, expression) =>
            {
                let key: String = path.chars().filter(|c| c.is_alphanumeric()).collect();
                Some(
                    column_hit(table, u, dialect)
                        .fill("expression", expression.clone())
                        .fill("path", path.clone())
                        .fill(
                            "index",
                            index_name(table, &format!("{}_{key}", u.column), "idx"),
                        ),
                )
            }
            _ => None,
        };
        // One finding per column and expression, at its first query.
        if let Some(hit) = hit {
            let expression = hit
                .fills
                .iter()
                .find(|(n, _)| *n == "expression")
                .map(|(_, v)| normalised(v))
                .unwrap_or_default();
            let key = (u.table.clone(), u.column.clone(), expression);
            if !said.contains(&key) {
                said.push(key);
                hits.push(hit);
            }
        }
    }
    hits
}

fn column_hit(table: &Table, u: &ColumnUse, dialect: Dialect) -> Hit {
    let mut hit = Hit::on(table, &u.place).fill("column", sql_ident(&u.column, dialect));
    hit.column = Some(u.column.clone());
    hit
}

fn index_name(table: &Table, column: &str, suffix: &str) -> String {
    keys::index_name(&[&keys::bare_name(table), column], suffix)
}

/// A GIN or GiST index with a trigram operator class on the column.
fn has_trigram(table: &Table, column: &str) -> bool {
    table.indexes.iter().any(|i| {
        (i.method == "gin" || i.method == "gist")
            && i.shown.iter().any(|s| {
                let s = s.to_lowercase();
                s.contains("trgm_ops")
                    && s.split_whitespace()
                        .next()
                        .is_some_and(|c| c.trim_matches('"') == column)
            })
    })
}

fn has_gin(table: &Table, column: &str) -> bool {
    table
        .indexes
        .iter()
        .any(|i| i.method == "gin" && i.leading_columns().first() == Some(&column))
}

/// An index on the very expression, or on a generated column that holds it. Compared as
/// written apart from spaces, quotes and brackets, with MySQL's `a->>'$.k'` read as the
/// `JSON_UNQUOTE(JSON_EXTRACT(a, '$.k'))` it stands for.
fn has_expression(table: &Table, expression: &str) -> bool {
    let wanted = canonical(expression);
    let unquoted = format!("json_unquote{wanted}");
    let holds = |text: &str| {
        let text = canonical(text);
        text == wanted || text == unquoted
    };
    table.indexes.iter().any(|i| {
        i.shown.iter().any(|s| holds(s))
            || i.leading_columns().first().is_some_and(|c| {
                table
                    .column(c)
                    .and_then(|c| c.generated.as_deref())
                    .is_some_and(holds)
            })
    })
}

fn canonical(text: &str) -> String {
    let mut text = normalised(text);
    // Brackets are gone by now, so the function names stand bare before their arguments.
    for (arrow, function) in [("->>", "json_unquotejson_extract"), ("->", "json_extract")] {
        while let Some(at) = text.find(arrow) {
            let left_start = text[..at]
                .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .map_or(0, |i| i + 1);
            let rest = &text[at + arrow.len()..];
            let Some(end) = rest.strip_prefix('\'').and_then(|r| r.find('\'')) else {
                break;
            };
            let path = &rest[..end + 2];
            let rewritten = format!("{function}{},{path}", &text[left_start..at]);
            text = format!("{}{rewritten}{}", &text[..left_start], &rest[end + 2..]);
        }
    }
    text
}

fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '"' | '`'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::collect;

    fn schema(sql: &str, dialect: Dialect) -> ReviewedSchema {
        let mut schema = ReviewedSchema::default();
        for (place, statement) in &parse::parse_file("s.sql", sql, dialect).statements {
            collect::apply(&mut schema, dialect, place, statement);
        }
        schema
    }

    fn uses(schema_sql: &str, queries: &str, dialect: Dialect) -> Vec<(String, String, Use)> {
        let schema = schema(schema_sql, dialect);
        let input = Input {
            shown: "q.sql".into(),
            text: queries.into(),
        };
        let (uses, skipped) = read(&[input], &schema, dialect);
        assert!(skipped.is_empty(), "{skipped:?}");
        uses.into_iter()
            .map(|u| (u.table, u.column, u.how))
            .collect()
    }

    #[test]
    fn mysql_arrows_are_the_functions_they_stand_for() {
        assert_eq!(
            canonical("attrs->>'$.colour'"),
            canonical("JSON_UNQUOTE(JSON_EXTRACT(attrs, '$.colour'))")
        );
        assert_eq!(
            canonical("t.attrs -> '$.a'"),
            canonical("json_extract(t.attrs,'$.a')")
        );
        assert_ne!(
            canonical("attrs->>'$.colour'"),
            canonical("attrs->>'$.size'")
        );
    }

    #[test]
    fn a_column_is_found_by_alias_or_as_the_only_one_of_its_name() {
        let tables = "CREATE TABLE a (id int PRIMARY KEY, name text);\
                      CREATE TABLE b (id int PRIMARY KEY, name text, note text);";
        let found = uses(
            tables,
            "SELECT 1 FROM a x JOIN b ON b.id = x.id WHERE x.name LIKE '%k%';\
             SELECT 1 FROM a JOIN b ON b.id = a.id WHERE note LIKE '%' || 'k';\
             SELECT 1 FROM a JOIN b ON b.id = a.id WHERE name LIKE '%k%';\
             SELECT 1 FROM a WHERE name LIKE 'k%';",
            Dialect::PostgreSql,
        );
        // `name` alone is a's or b's: not guessed. A prefix is no substring search.
        assert_eq!(
            found,
            [
                ("a".to_string(), "name".to_string(), Use::Substring),
                ("b".to_string(), "note".to_string(), Use::Substring),
            ]
        );
    }

    #[test]
    fn quoted_names_are_found_as_the_schema_folds_them() {
        let found = uses(
            "CREATE TABLE \"APIToken\" (id int PRIMARY KEY, \"tokenName\" text);",
            "SELECT 1 FROM \"APIToken\" t WHERE t.\"tokenName\" LIKE '%k%';",
            Dialect::PostgreSql,
        );
        let want = (
            "APIToken".to_string(),
            "tokenName".to_string(),
            Use::Substring,
        );
        assert_eq!(found, [want]);
    }

    #[test]
    fn a_json_path_is_noted_once_for_its_whole_expression() {
        let found = uses(
            "CREATE TABLE p (id int PRIMARY KEY, attrs jsonb);",
            "SELECT id FROM p WHERE attrs -> 'size' ->> 'eu' = '42' AND attrs @> '{}';",
            Dialect::PostgreSql,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            matches!(&found[0].2, Use::JsonKey { expression, .. } if expression == "attrs -> 'size' ->> 'eu'"),
            "{found:?}"
        );
        assert_eq!(found[1].2, Use::JsonContains);
        // Two keys of one column are two uses.
        let found = uses(
            "CREATE TABLE p (id int PRIMARY KEY, attrs jsonb);",
            "SELECT id FROM p WHERE attrs ->> 'a' = '1' AND attrs ->> 'b' = '2';",
            Dialect::PostgreSql,
        );
        let paths: Vec<&str> = found
            .iter()
            .filter_map(|(_, _, h)| match h {
                Use::JsonKey { path, .. } => Some(path.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(paths, ["a", "b"]);
    }
}
