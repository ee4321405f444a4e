//! Reading SQL text into statements, each with the line it starts at. What the parser
//! cannot read is reported with its line and the parser's message, and the reading goes
//! on at the next statement.

use sqlparser::ast::{ObjectName, ObjectNamePart, SchemaName, Statement};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

use super::schema::Place;

/// The SQL dialects `review` reads, named as the catalog names their engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    PostgreSql,
    MySql,
}

impl Dialect {
    /// The catalog engine whose rules apply.
    pub fn engine(self) -> &'static str {
        match self {
            Dialect::PostgreSql => "postgresql",
            Dialect::MySql => "mysql",
        }
    }

    pub fn from_engine(name: &str) -> Option<Dialect> {
        match name {
            "postgresql" => Some(Dialect::PostgreSql),
            "mysql" => Some(Dialect::MySql),
            _ => None,
        }
    }

    /// The dialect of a dump or migrations, from the marks only one of them makes:
    /// backticks, `ENGINE=` and `AUTO_INCREMENT` are MySQL's; `::` casts, `$$` bodies,
    /// `nextval(` and `OWNER TO` are PostgreSQL's. PostgreSQL when nothing tells.
    pub fn detect<'a>(texts: impl IntoIterator<Item = &'a str>) -> Dialect {
        let (mut mysql, mut postgresql) = (0usize, 0usize);
        for text in texts {
            let lower = text.to_lowercase();
            let count = |needles: &[&str]| -> usize {
                needles.iter().map(|n| whole_words(&lower, n)).sum()
            };
            mysql += count(&[
                "`",
                "engine=",
                "engine =",
                "auto_increment",
                "/*!",
                "unsigned",
            ]);
            postgresql += count(&[
                "::",
                "$$",
                "nextval(",
                "owner to",
                "timestamptz",
                "jsonb",
                "tsvector",
                "bytea",
                "bigserial",
                "as identity",
                "create extension",
            ]);
        }
        if mysql > postgresql {
            Dialect::MySql
        } else {
            Dialect::PostgreSql
        }
    }
}

/// How often `needle` stands in `text` not as part of a longer name
/// (`chinook_auto_increment` is a database's name, not MySQL's `AUTO_INCREMENT`).
fn whole_words(text: &str, needle: &str) -> usize {
    let is_name = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    // Only an end of the needle that is part of a name needs a boundary there.
    let open_start = !is_name(needle.chars().next());
    let open_end = !is_name(needle.chars().next_back());
    text.match_indices(needle)
        .filter(|(at, _)| {
            (open_start || !is_name(text[..*at].chars().next_back()))
                && (open_end || !is_name(text[at + needle.len()..].chars().next()))
        })
        .count()
}

/// A statement the review could not read.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub place: Place,
    pub message: String,
}

/// One file's statements in order, and what was skipped.
#[derive(Debug, Default)]
pub struct Parsed {
    pub statements: Vec<(Place, Statement)>,
    /// Tables made partitions by `ALTER TABLE … ATTACH PARTITION` (as pg_dump writes
    /// them), which the parser does not read.
    pub partitions: Vec<(Place, ObjectName)>,
    pub skipped: Vec<Skipped>,
}

/// Tokenizer errors tolerated in one file before the rest of it is given up.
const TOKENIZER_RETRIES: usize = 100;

/// The statements of one file. Client commands (psql's `\connect`, mysql's
/// `DELIMITER`) are not SQL: they are reported as skipped and blanked. A line the
/// tokenizer cannot read (an unterminated string) is reported and blanked too, and the
/// file read again.
pub fn parse_file(file: &str, text: &str, dialect: Dialect) -> Parsed {
    parse_file_reporting(file, text, dialect, &mut |_| {})
}

/// As `parse_file`, telling `at_line` the line of each statement it starts to read.
pub fn parse_file_reporting(
    file: &str,
    text: &str,
    dialect: Dialect,
    at_line: &mut dyn FnMut(usize),
) -> Parsed {
    let mut parsed = Parsed::default();
    let place = |line: usize| Place {
        file: file.to_string(),
        line,
    };
    let mut text = blank_client_commands(text, |line, command| {
        parsed.skipped.push(Skipped {
            place: place(line),
            message: format!("`{command}` is a client command, not SQL"),
        });
    });
    let psql = PostgreSqlDialect {};
    let mysql = MySqlDialect {};
    let sql_dialect: &dyn sqlparser::dialect::Dialect = match dialect {
        Dialect::PostgreSql => &psql,
        Dialect::MySql => &mysql,
    };
    let mut retries = 0;
    let mut parser = loop {
        match Parser::new(sql_dialect).try_with_sql(&text) {
            Ok(parser) => break parser,
            Err(error) => {
                let line = tokenizer_line(&error).unwrap_or(1);
                parsed.skipped.push(Skipped {
                    place: place(line),
                    message: error.to_string(),
                });
                retries += 1;
                if retries > TOKENIZER_RETRIES {
                    return parsed;
                }
                text = blank_line(&text, line);
            }
        }
    };
    // `CREATE SCHEMA s CREATE TABLE t (…) CREATE TABLE u (…);` makes s.t and s.u: the
    // parser reads each element as a statement of its own, so the schema is kept until `;`.
    let mut schema_block: Option<ObjectName> = None;
    // The line of a statement read without its `;`: an error right after it is about the
    // rest of that statement (`CREATE SEQUENCE s START WITH 1 INCREMENT BY 1` read up to
    // `INCREMENT`), so it is reported at the line the statement begins.
    let mut unfinished: Option<usize> = None;
    loop {
        while parser.consume_token(&Token::SemiColon) {
            schema_block = None;
            unfinished = None;
        }
        let next = parser.peek_token();
        if next.token == Token::EOF {
            break;
        }
        let line = (next.span.start.line as usize).max(1);
        at_line(line);
        match parser.parse_statement() {
            Ok(mut statement) => {
                if let Some(schema) = &schema_block {
                    qualify(&mut statement, schema);
                }
                if let Statement::CreateSchema {
                    schema_name: SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _),
                    ..
                } = &statement
                {
                    schema_block = Some(name.clone());
                }
                parsed.statements.push((place(line), statement));
                unfinished = Some(line);
            }
            Err(error) => {
                let start = parser.index();
                skip_to_statement_end(&mut parser);
                let (line, message) = match unfinished.take().filter(|_| schema_block.is_none()) {
                    Some(begun) => (
                        begun,
                        format!("the end of this statement could not be read: {error}"),
                    ),
                    None => (line, error.to_string()),
                };
                schema_block = None;
                match attached_partition(&parser, start) {
                    Some(child) => parsed.partitions.push((place(line), child)),
                    None => parsed.skipped.push(Skipped {
                        place: place(line),
                        message,
                    }),
                }
            }
        }
    }
    parsed.skipped.sort_by(|a, b| a.place.cmp(&b.place));
    parsed
}

/// Puts an element of `CREATE SCHEMA` into its schema, when it names none itself.
fn qualify(statement: &mut Statement, schema: &ObjectName) {
    let name = match statement {
        Statement::CreateTable(create) => &mut create.name,
        Statement::CreateIndex(create) => &mut create.table_name,
        _ => return,
    };
    if name.0.len() == 1 {
        let mut parts = schema.0.clone();
        parts.append(&mut name.0);
        name.0 = parts;
    }
}

/// The partition a statement attaches, read from its tokens, when the statement is
/// `ALTER TABLE [ONLY] parent ATTACH PARTITION child …`.
fn attached_partition(parser: &Parser, failed_at: usize) -> Option<ObjectName> {
    // The statement's tokens: back from where it failed to the previous `;`, then on.
    let mut first = failed_at.min(parser.index());
    while first > 0 && parser.token_at(first - 1).token != Token::SemiColon {
        first -= 1;
    }
    let tokens: Vec<&Token> = (first..parser.index())
        .map(|i| &parser.token_at(i).token)
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect();
    let keyword = |t: &Token, k: &str| matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(k));
    if !(tokens.len() > 4 && keyword(tokens[0], "alter") && keyword(tokens[1], "table")) {
        return None;
    }
    let at = tokens
        .windows(2)
        .position(|w| keyword(w[0], "attach") && keyword(w[1], "partition"))?;
    let mut parts = Vec::new();
    for token in &tokens[at + 2..] {
        match token {
            Token::Word(w)
                if parts.is_empty() || !keyword(token, "for") && !keyword(token, "default") =>
            {
                parts.push(ObjectNamePart::Identifier(
                    w.to_ident(parser.token_at(0).span),
                ));
            }
            Token::Period => {}
            _ => break,
        }
    }
    (!parts.is_empty()).then_some(ObjectName(parts))
}

fn skip_to_statement_end(parser: &mut Parser) {
    loop {
        let token = parser.next_token().token;
        if token == Token::SemiColon || token == Token::EOF {
            return;
        }
    }
}

/// The line a tokenizer error names.
fn tokenizer_line(error: &sqlparser::parser::ParserError) -> Option<usize> {
    // The parser wraps the tokenizer's error as text: "… at Line: 3, Column: 5".
    let text = error.to_string();
    let after = text.rsplit("Line: ").next()?;
    after.split(',').next()?.trim().parse().ok()
}

/// The text with `line` (1-based) replaced by spaces, so every other line keeps its number.
fn blank_line(text: &str, line: usize) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                blank(l)
            } else {
                l.to_string()
            }
        })
        .collect()
}

fn blank(line: &str) -> String {
    line.chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
        .collect()
}

/// Blanks the lines that are commands of the client rather than SQL, reporting each.
fn blank_client_commands(text: &str, mut report: impl FnMut(usize, &str)) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            let trimmed = line.trim();
            let is_command = trimmed.starts_with('\\')
                || trimmed
                    .get(..10)
                    .is_some_and(|start| start.eq_ignore_ascii_case("delimiter "));
            if is_command {
                report(i + 1, trimmed);
                blank(line)
            } else {
                line.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_statement_has_its_line_and_a_bad_one_is_skipped_with_its_line() {
        let sql = "CREATE TABLE a (id int);\n\nCREATE TABLE b (\n id int\n);\nCREATE TABLE (oops;\nCREATE TABLE c (id int);\n";
        let parsed = parse_file("f.sql", sql, Dialect::PostgreSql);
        let lines: Vec<usize> = parsed.statements.iter().map(|(p, _)| p.line).collect();
        assert_eq!(lines, [1, 3, 7]);
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].place.line, 6);
    }

    #[test]
    fn a_statement_read_only_in_part_is_reported_where_it_begins() {
        // pg_dump's order of sequence options, which the parser reads only up to INCREMENT.
        let sql = "CREATE SEQUENCE s\n    START WITH 1\n    INCREMENT BY 1\n    CACHE 1;\nCREATE TABLE b (id int);\n";
        let parsed = parse_file("f.sql", sql, Dialect::PostgreSql);
        assert_eq!(parsed.statements.len(), 2);
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].place.line, 1);
        assert!(parsed.skipped[0]
            .message
            .starts_with("the end of this statement"));
    }

    #[test]
    fn client_commands_are_skipped_and_lines_kept() {
        let sql = "\\connect shop\nCREATE TABLE a (id int);\n";
        let parsed = parse_file("f.sql", sql, Dialect::PostgreSql);
        assert_eq!(parsed.statements[0].0.line, 2);
        assert!(parsed.skipped[0].message.contains("client command"));
    }

    #[test]
    fn the_dialect_is_told_by_the_marks_of_each_engine() {
        let mysql = "CREATE TABLE `a` (id int AUTO_INCREMENT) ENGINE=InnoDB;";
        assert_eq!(Dialect::detect([mysql]), Dialect::MySql);
        let pg = "CREATE TABLE a (id int DEFAULT nextval('a_seq'::regclass));";
        assert_eq!(Dialect::detect([pg]), Dialect::PostgreSql);
        assert_eq!(
            Dialect::detect(["CREATE TABLE a (id int);"]),
            Dialect::PostgreSql
        );
    }
}
