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

/// A trigger's header: its table, and whether it fires before a delete there.
#[derive(Debug)]
pub struct Trigger {
    pub table: ObjectName,
    pub before_delete: bool,
}

/// One file's statements in order, and what was skipped.
#[derive(Debug, Default)]
pub struct Parsed {
    pub statements: Vec<(Place, Statement)>,
    /// Tables made partitions by `ALTER TABLE … ATTACH PARTITION` (as pg_dump writes
    /// them), which the parser does not read.
    pub partitions: Vec<(Place, ObjectName)>,
    /// Triggers whose body the parser cannot read (MySQL's `SIGNAL`), read by their
    /// header: all the review takes from a trigger is which table's deletes it decides.
    pub triggers: Vec<(Place, Trigger)>,
    pub skipped: Vec<Skipped>,
}

/// Tokenizer errors tolerated in one file before the rest of it is given up.
const TOKENIZER_RETRIES: usize = 100;

/// The statements of one file. Client commands (psql's `\connect`) are not SQL: they
/// are reported as skipped and blanked. Between `DELIMITER //` and `DELIMITER ;` each
/// statement runs to `//` (a trigger's body holds `;`), and is read on its own. A line
/// the tokenizer cannot read (an unterminated string) is reported and blanked too, and
/// the file read again.
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
    let (text, blocks) = delimited_blocks(text);
    let mut text = blank_client_commands(&text, |line, command| {
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
    for (line, block) in blocks {
        at_line(line);
        read_block(sql_dialect, line, &block, &mut parsed, &place);
    }
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
                if let Some(trigger) = trigger_header(&parser, &failed_tokens(&parser, start)) {
                    parsed.triggers.push((place(line), trigger));
                    continue;
                }
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
    parsed.statements.sort_by(|a, b| a.0.cmp(&b.0));
    parsed
}

/// The text with its `DELIMITER` blocks blanked, and each statement of those blocks
/// with the line it starts at, its delimiter taken off. A block left open runs to the
/// end of the file.
fn delimited_blocks(text: &str) -> (String, Vec<(usize, String)>) {
    let (mut rest, mut blocks) = (String::with_capacity(text.len()), Vec::new());
    let mut delimiter = ";".to_string();
    let mut statement: Option<(usize, String)> = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if let Some(new) = trimmed
            .get(..10)
            .filter(|start| start.eq_ignore_ascii_case("delimiter "))
            .map(|_| trimmed[10..].trim())
        {
            blocks.extend(statement.take());
            delimiter = new.to_string();
            rest.push_str(&blank(line));
            continue;
        }
        if delimiter == ";" || delimiter.is_empty() {
            rest.push_str(line);
            continue;
        }
        rest.push_str(&blank(line));
        let (_, body) = statement.get_or_insert_with(|| (i + 1, String::new()));
        match trimmed.strip_suffix(delimiter.as_str()) {
            Some(before) => {
                body.push_str(before);
                body.push('\n');
                blocks.extend(statement.take());
            }
            None => body.push_str(line),
        }
    }
    blocks.extend(statement.take());
    blocks.retain(|(_, body)| !body.trim().is_empty());
    (rest, blocks)
}

/// Reads one statement of a `DELIMITER` block, at its own lines. A trigger whose body
/// the parser cannot read (MySQL's `SIGNAL`) is read by its header.
fn read_block(
    dialect: &dyn sqlparser::dialect::Dialect,
    line: usize,
    block: &str,
    parsed: &mut Parsed,
    place: &dyn Fn(usize) -> Place,
) {
    let text = "\n".repeat(line - 1) + block;
    let mut parser = match Parser::new(dialect).try_with_sql(&text) {
        Ok(parser) => parser,
        Err(error) => {
            let line = tokenizer_line(&error).unwrap_or(line);
            let message = error.to_string();
            return parsed.skipped.push(Skipped {
                place: place(line),
                message,
            });
        }
    };
    match parser.parse_statement() {
        Ok(statement) => parsed.statements.push((place(line), statement)),
        // The block is one statement: its header is at its first token, before any `;`
        // of the body.
        Err(error) => match trigger_header(&parser, &tokens_from(&parser, 0)) {
            Some(trigger) => parsed.triggers.push((place(line), trigger)),
            None => parsed.skipped.push(Skipped {
                place: place(line),
                message: error.to_string(),
            }),
        },
    }
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
    let tokens = failed_tokens(parser, failed_at);
    if !(tokens.len() > 4 && keyword(tokens[0], "alter") && keyword(tokens[1], "table")) {
        return None;
    }
    let at = tokens
        .windows(2)
        .position(|w| keyword(w[0], "attach") && keyword(w[1], "partition"))?;
    name_at(parser, &tokens[at + 2..], &["for", "default"])
}

/// `CREATE … TRIGGER name BEFORE|AFTER events ON table`, from the tokens of a statement
/// that failed: MySQL's trigger bodies (`SIGNAL`) are beyond the parser.
fn trigger_header(parser: &Parser, tokens: &[&Token]) -> Option<Trigger> {
    // A `DEFINER = user` may stand between CREATE and TRIGGER.
    let create = tokens.iter().position(|t| keyword(t, "create"))?;
    let trigger = create
        + tokens[create..]
            .iter()
            .take(12)
            .position(|t| keyword(t, "trigger"))?;
    let on = trigger + tokens[trigger..].iter().position(|t| keyword(t, "on"))?;
    let timing = &tokens[trigger + 1..on];
    let before = timing.iter().any(|t| keyword(t, "before"));
    let on_delete = timing.iter().any(|t| keyword(t, "delete"));
    let table = name_at(
        parser,
        &tokens[on + 1..],
        &["for", "referencing", "execute"],
    )?;
    Some(Trigger {
        table,
        before_delete: before && on_delete,
    })
}

/// The tokens of the statement that failed at `failed_at`, without whitespace: back
/// from there to the previous `;`, then on to where the parser stopped.
fn failed_tokens<'a>(parser: &'a Parser, failed_at: usize) -> Vec<&'a Token> {
    let mut first = failed_at.min(parser.index());
    while first > 0 && parser.token_at(first - 1).token != Token::SemiColon {
        first -= 1;
    }
    tokens_from(parser, first)
}

/// The tokens from `first` to where the parser stopped, without whitespace.
fn tokens_from<'a>(parser: &'a Parser, first: usize) -> Vec<&'a Token> {
    (first..parser.index())
        .map(|i| &parser.token_at(i).token)
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect()
}

fn keyword(token: &Token, k: &str) -> bool {
    matches!(token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(k))
}

/// A possibly qualified name at the start of `tokens`, up to a word in `stop` or
/// anything that is not a word or a period.
fn name_at(parser: &Parser, tokens: &[&Token], stop: &[&str]) -> Option<ObjectName> {
    let mut parts = Vec::new();
    for token in tokens {
        match token {
            Token::Word(w) if parts.is_empty() || !stop.iter().any(|k| keyword(token, k)) => {
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
            if trimmed.starts_with('\\') {
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
