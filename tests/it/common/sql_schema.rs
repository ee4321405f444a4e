//! The tables and foreign keys of a SQL script, as sqlparser reads it: `CREATE TABLE`
//! with inline `REFERENCES` and table-level `FOREIGN KEY`, and `ALTER TABLE … ADD
//! CONSTRAINT … FOREIGN KEY`. Written apart from the record's own diagram code, so the
//! test does not take the code under test's word for what the schema holds.

use std::fmt;

use sqlparser::ast::{
    AlterTableOperation, ColumnDef, ColumnOption, Expr, ForeignKeyConstraint, ObjectName,
    Statement, TableConstraint,
};
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::keywords::Keyword;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

#[derive(Debug, Default)]
pub struct Schema {
    /// The tables, in the order the script creates them (partitions not among them).
    pub tables: Vec<Table>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Partitions (`PARTITION OF`): rows of their parent table, not tables of their own.
    pub partitions: Vec<String>,
    /// Statements sqlparser could not read, each `line N: text (error)`. None of them
    /// creates a table or a key: `read_schema` refuses the script if one would.
    pub skipped: Vec<String>,
}

#[derive(Debug)]
pub struct Table {
    /// As written in the SQL, unquoted, without a schema prefix.
    pub name: String,
    pub primary_key: Vec<String>,
}

/// `child (columns) → parent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub child: String,
    pub parent: String,
    pub columns: Vec<String>,
}

impl fmt::Display for ForeignKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}) → {}",
            self.child,
            self.columns.join(", "),
            self.parent
        )
    }
}

impl Schema {
    /// For a failure message: the statements skipped, if any.
    pub fn skipped_note(&self) -> String {
        if self.skipped.is_empty() {
            return String::new();
        }
        format!(
            "\n  (schema statements sqlparser could not read, skipped: none creates a table \
             or key)\n    {}",
            self.skipped.join("\n    ")
        )
    }

    fn table(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| t.name == name)
    }

    fn foreign_key(&mut self, child: &str, fk: &ForeignKeyConstraint, columns: Vec<String>) {
        self.foreign_keys.push(ForeignKey {
            child: child.to_string(),
            parent: unqualified(&fk.foreign_table),
            columns,
        });
    }

    fn column(&mut self, table: &str, column: &ColumnDef) {
        for option in &column.options {
            match &option.option {
                ColumnOption::PrimaryKey(_) => {
                    if let Some(t) = self.table(table) {
                        t.primary_key.push(column.name.value.clone());
                    }
                }
                ColumnOption::ForeignKey(fk) => {
                    self.foreign_key(table, fk, vec![column.name.value.clone()])
                }
                _ => {}
            }
        }
    }

    fn constraint(&mut self, table: &str, constraint: &TableConstraint) {
        match constraint {
            TableConstraint::PrimaryKey(pk) => {
                let columns: Vec<String> = pk
                    .columns
                    .iter()
                    .map(|c| match &c.column.expr {
                        Expr::Identifier(ident) => ident.value.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                if let Some(t) = self.table(table) {
                    t.primary_key.extend(columns);
                }
            }
            TableConstraint::ForeignKey(fk) => {
                let columns = fk.columns.iter().map(|c| c.value.clone()).collect();
                self.foreign_key(table, fk, columns)
            }
            _ => {}
        }
    }

    fn statement(&mut self, statement: &Statement) {
        match statement {
            Statement::CreateTable(create) => {
                let name = unqualified(&create.name);
                if create.partition_of.is_some() {
                    self.partitions.push(name);
                    return;
                }
                self.tables.push(Table {
                    name: name.clone(),
                    primary_key: vec![],
                });
                for column in &create.columns {
                    self.column(&name, column);
                }
                for constraint in &create.constraints {
                    self.constraint(&name, constraint);
                }
            }
            Statement::AlterTable(alter) => {
                let name = unqualified(&alter.name);
                for operation in &alter.operations {
                    match operation {
                        AlterTableOperation::AddConstraint { constraint, .. } => {
                            self.constraint(&name, constraint)
                        }
                        AlterTableOperation::AddColumn { column_def, .. } => {
                            self.column(&name, column_def)
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

/// A table's own name: the last part of `schema.table`, unquoted.
fn unqualified(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|part| part.as_ident())
        .map_or_else(|| name.to_string(), |ident| ident.value.clone())
}

fn dialect(name: &str) -> Result<Box<dyn Dialect>, String> {
    match name {
        "postgresql" => Ok(Box::new(PostgreSqlDialect {})),
        "mysql" => Ok(Box::new(MySqlDialect {})),
        "sqlite" => Ok(Box::new(SQLiteDialect {})),
        _ => Err(format!("no SQL parser for the dialect `{name}`")),
    }
}

/// Whether a statement's own words (not the text of its strings or `$$` bodies) could
/// create a table or a foreign key.
fn could_hold_a_table_or_key(tokens: &[TokenWithSpan]) -> bool {
    let words: Vec<Keyword> = tokens
        .iter()
        .filter_map(|t| match &t.token {
            Token::Word(w) => Some(w.keyword),
            _ => None,
        })
        .collect();
    let creates_table = words.first() == Some(&Keyword::CREATE) && words.contains(&Keyword::TABLE);
    creates_table
        || words
            .iter()
            .any(|k| matches!(k, Keyword::REFERENCES | Keyword::FOREIGN))
}

fn text_of(tokens: &[TokenWithSpan]) -> String {
    let text: String = tokens.iter().map(|t| t.token.to_string()).collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(70) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Reads a script statement by statement. A statement sqlparser cannot read is skipped up
/// to the next `;` outside strings and `$$` bodies (the tokenizer keeps those whole), and
/// noted; if its own words could create a table or a key, the script is refused instead,
/// naming the statement, so no table is ever lost unseen.
pub fn read_schema(dialect_name: &str, sql: &str) -> Result<Schema, String> {
    let dialect = dialect(dialect_name)?;
    let tokens = Tokenizer::new(dialect.as_ref(), sql)
        .tokenize_with_location()
        .map_err(|e| format!("the {dialect_name} tokenizer fails: {e}"))?;
    let mut schema = Schema::default();
    let blank = |t: &TokenWithSpan| matches!(t.token, Token::Whitespace(_) | Token::SemiColon);
    let mut start = 0;
    while let Some(at) = tokens[start..].iter().position(|t| !blank(t)) {
        start += at;
        if tokens[start].token == Token::EOF {
            break;
        }
        let mut parser =
            Parser::new(dialect.as_ref()).with_tokens_with_locations(tokens[start..].to_vec());
        let parsed = parser.parse_statement().and_then(|statement| {
            // The whole statement, up to its `;`: not a prefix of something longer.
            match parser.peek_token().token {
                Token::SemiColon | Token::EOF => Ok(statement),
                other => Err(sqlparser::parser::ParserError::ParserError(format!(
                    "expected the end of the statement, found {other}"
                ))),
            }
        });
        match parsed {
            Ok(statement) => {
                schema.statement(&statement);
                start += parser.index();
            }
            Err(e) => {
                let end = tokens[start..]
                    .iter()
                    .position(|t| matches!(t.token, Token::SemiColon | Token::EOF))
                    .map_or(tokens.len(), |n| start + n);
                let statement = &tokens[start..end];
                let line = tokens[start].span.start.line;
                let note = format!("line {line}: {} ({e})", text_of(statement));
                if could_hold_a_table_or_key(statement) {
                    return Err(format!(
                        "sqlparser ({dialect_name}) cannot read a statement that may create a \
                         table or key, {note}"
                    ));
                }
                schema.skipped.push(note);
                start = end;
            }
        }
    }
    Ok(schema)
}
