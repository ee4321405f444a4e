//! Cassandra's CQL and Neo4j's Cypher, split into statements and checked for form.

use super::*;

pub(super) const CQL_STARTS: &[&str] = &[
    "CREATE KEYSPACE",
    "CREATE TABLE",
    "CREATE INDEX",
    "CREATE CUSTOM INDEX",
    "CREATE MATERIALIZED VIEW",
    "CREATE TYPE",
    "INSERT",
    "SELECT",
    "UPDATE",
    "DELETE",
    "ALTER",
    "DROP",
    "USE",
    "BEGIN BATCH",
    "BEGIN UNLOGGED BATCH",
    "BEGIN COUNTER BATCH",
    "APPLY BATCH",
];
pub(super) const CYPHER_STARTS: &[&str] = &[
    "CREATE",
    "MATCH",
    "OPTIONAL MATCH",
    "MERGE",
    "RETURN",
    "WITH",
    "UNWIND",
    "CALL",
];

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Lang {
    Cql,
    Cypher,
}

pub(super) fn check_forms(members: &[&Snippet], result: &mut GroupResult) {
    result.engine = "statement form checks".into();
    for snippet in members {
        let lang = if snippet.dialect == "cassandra" {
            Lang::Cql
        } else {
            Lang::Cypher
        };
        let problems = check_statements(&snippet.code, lang);
        if problems.is_empty() {
            result.pass(snippet);
        } else {
            result.fail(&snippet.path, problems.join("\n"));
        }
    }
}

/// Splits a CQL or Cypher script into statements (comments removed), checking that
/// quotes and brackets balance and that every statement ends with `;`.
pub(super) fn split_statements(
    code: &str,
    lang: Lang,
) -> Result<Vec<(usize, String)>, Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut problems = Vec::new();
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut start_line = 1;
    let mut line = 1;
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    let next_is = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if current.trim().is_empty() {
            start_line = line;
        }
        if c == '\n' {
            line += 1;
        }
        // Comments: `--` (CQL), `//`, `/* */`.
        if (lang == Lang::Cql && next_is(i, "--")) || next_is(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            current.push(' ');
            continue;
        }
        if next_is(i, "/*") {
            let opened = line;
            i += 2;
            while i < chars.len() && !next_is(i, "*/") {
                if chars[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            if i >= chars.len() {
                problems.push(format!("line {opened}: unterminated /* comment"));
            }
            i += 2;
            current.push(' ');
            continue;
        }
        // Quoted text: '…', "…", `…` (Cypher), $$…$$ (CQL).
        let quote = if lang == Lang::Cql && next_is(i, "$$") {
            Some("$$")
        } else {
            match c {
                '\'' => Some("'"),
                '"' => Some("\""),
                '`' if lang == Lang::Cypher => Some("`"),
                _ => None,
            }
        };
        if let Some(quote) = quote {
            let opened = line;
            current.push_str(quote);
            i += quote.len();
            let mut closed = false;
            while i < chars.len() {
                let q = chars[i];
                if q == '\n' {
                    line += 1;
                }
                // Cypher strings escape with a backslash.
                if lang == Lang::Cypher && q == '\\' && quote != "`" {
                    current.push(q);
                    if let Some(&n) = chars.get(i + 1) {
                        current.push(n);
                    }
                    i += 2;
                    continue;
                }
                if next_is(i, quote) {
                    // A doubled quote is an escaped one (CQL '', "", Cypher ``).
                    let doubled = quote.len() == 1 && chars.get(i + 1) == Some(&q);
                    if doubled && !(lang == Lang::Cypher && quote != "`") {
                        current.push(q);
                        current.push(q);
                        i += 2;
                        continue;
                    }
                    current.push_str(quote);
                    i += quote.len();
                    closed = true;
                    break;
                }
                current.push(q);
                i += 1;
            }
            if !closed {
                problems.push(format!("line {opened}: unterminated {quote} quote"));
            }
            continue;
        }
        match c {
            '(' | '[' | '{' => stack.push((c, line)),
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match stack.pop() {
                    Some((o, _)) if o == open => {}
                    Some((o, at)) => problems.push(format!(
                        "line {line}: `{c}` closes the `{o}` opened at line {at}"
                    )),
                    None => problems.push(format!("line {line}: `{c}` closes nothing")),
                }
            }
            ';' => {
                for (o, at) in stack.drain(..) {
                    problems.push(format!(
                        "line {at}: `{o}` not closed before `;` at line {line}"
                    ));
                }
                let statement = current.trim().to_string();
                if statement.is_empty() {
                    problems.push(format!("line {line}: empty statement"));
                } else {
                    statements.push((start_line, statement));
                }
                current.clear();
                i += 1;
                continue;
            }
            _ => {}
        }
        current.push(c);
        i += 1;
    }
    for (o, at) in stack {
        problems.push(format!("line {at}: `{o}` never closed"));
    }
    if !current.trim().is_empty() {
        problems.push(format!(
            "line {start_line}: the last statement is not terminated by `;`"
        ));
    }
    if statements.is_empty() && problems.is_empty() {
        problems.push("no statement".into());
    }
    if problems.is_empty() {
        Ok(statements)
    } else {
        Err(problems)
    }
}

pub(super) fn check_statements(code: &str, lang: Lang) -> Vec<String> {
    let statements = match split_statements(code, lang) {
        Ok(s) => s,
        Err(problems) => return problems,
    };
    let starts = if lang == Lang::Cql {
        CQL_STARTS
    } else {
        CYPHER_STARTS
    };
    let mut problems = Vec::new();
    let mut in_batch: Option<usize> = None;
    for (line, statement) in statements {
        let words = statement
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase();
        let start = starts
            .iter()
            .filter(|s| words == **s || words.starts_with(&format!("{s} ")))
            .max_by_key(|s| s.len());
        match start {
            None => problems.push(format!(
                "line {line}: `{}` does not start with a known keyword ({})",
                statement
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
                starts.join(", ")
            )),
            Some(s) if s.starts_with("BEGIN") => {
                if let Some(at) = in_batch {
                    problems.push(format!(
                        "line {line}: a batch inside the batch begun at line {at}"
                    ));
                }
                in_batch = Some(line);
            }
            Some(&"APPLY BATCH") => {
                if in_batch.take().is_none() {
                    problems.push(format!("line {line}: APPLY BATCH without BEGIN BATCH"));
                }
            }
            Some(_) => {}
        }
    }
    if let Some(at) = in_batch {
        problems.push(format!("line {at}: BEGIN BATCH without APPLY BATCH"));
    }
    problems
}

// --- summary -------------------------------------------------------------------------
