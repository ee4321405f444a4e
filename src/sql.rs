//! SQL read with `sqlparser`, for the parts of dbadvise that look inside a schema: the
//! record's diagram (`report::erd`) and the coherence rules (`engine::coherence`).

use sqlparser::ast::{
    AlterTableOperation, ColumnOption, CreateTable, ForeignKeyConstraint, Ident, ObjectName,
    ReferentialAction, Statement, TableConstraint,
};
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

/// The parser's dialect for a snippet dialect (`postgresql`, `mysql`, `sqlite`).
pub fn dialect_of(dialect: &str) -> Option<Box<dyn Dialect>> {
    match dialect {
        "postgresql" => Some(Box::new(PostgreSqlDialect {})),
        "mysql" => Some(Box::new(MySqlDialect {})),
        "sqlite" => Some(Box::new(SQLiteDialect {})),
        _ => None,
    }
}

/// The statements of a script that the parser reads; the others (procedural blocks,
/// engine calls it does not know) are skipped one by one, as they hold no tables.
pub fn statements(dialect: &dyn Dialect, sql: &str) -> Vec<Statement> {
    let Ok(mut parser) = Parser::new(dialect).try_with_sql(sql) else {
        return vec![];
    };
    let mut out = Vec::new();
    loop {
        while parser.consume_token(&Token::SemiColon) {}
        if parser.peek_token().token == Token::EOF {
            return out;
        }
        match parser.parse_statement() {
            Ok(statement) => out.push(statement),
            Err(_) => loop {
                let token = parser.next_token().token;
                if token == Token::SemiColon || token == Token::EOF {
                    break;
                }
            },
        }
    }
}

/// The table's own name, without its schema.
pub fn last_name(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|part| part.as_ident())
        .map_or_else(|| name.to_string(), |ident| ident.value.clone())
}

pub fn idents(columns: &[Ident]) -> Vec<String> {
    columns.iter().map(|c| c.value.clone()).collect()
}

/// The tables a script creates (partitions are their parent's).
pub fn tables(dialect: &str, sql: &str) -> Vec<String> {
    let Some(dialect) = dialect_of(dialect) else {
        return vec![];
    };
    statements(dialect.as_ref(), sql)
        .iter()
        .filter_map(|s| match s {
            Statement::CreateTable(create) if create.partition_of.is_none() => {
                Some(last_name(&create.name))
            }
            _ => None,
        })
        .collect()
}

/// A foreign key: rows of `child` refer to rows of `parent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub child: String,
    pub parent: String,
    pub columns: Vec<String>,
    /// Deleting the parent row deletes the child rows (`ON DELETE CASCADE`).
    pub cascades: bool,
}

impl ForeignKey {
    fn of(child: &str, fk: &ForeignKeyConstraint, columns: Vec<String>) -> ForeignKey {
        ForeignKey {
            child: child.to_string(),
            parent: last_name(&fk.foreign_table),
            columns,
            cascades: fk.on_delete == Some(ReferentialAction::Cascade),
        }
    }
}

/// Every foreign key of a script: on columns, as table constraints, and added by
/// `ALTER TABLE`. Partitions carry their parent's keys and are left out.
pub fn foreign_keys(dialect: &str, sql: &str) -> Vec<ForeignKey> {
    let Some(dialect) = dialect_of(dialect) else {
        return vec![];
    };
    let mut keys = Vec::new();
    for statement in statements(dialect.as_ref(), sql) {
        match &statement {
            Statement::CreateTable(create) => table_keys(create, &mut keys),
            Statement::AlterTable(alter) => {
                let table = last_name(&alter.name);
                for op in &alter.operations {
                    if let AlterTableOperation::AddConstraint {
                        constraint: TableConstraint::ForeignKey(fk),
                        ..
                    } = op
                    {
                        keys.push(ForeignKey::of(&table, fk, idents(&fk.columns)));
                    }
                }
            }
            _ => {}
        }
    }
    keys
}

fn table_keys(create: &CreateTable, keys: &mut Vec<ForeignKey>) {
    if create.partition_of.is_some() {
        return;
    }
    let table = last_name(&create.name);
    for column in &create.columns {
        for option in &column.options {
            if let ColumnOption::ForeignKey(fk) = &option.option {
                keys.push(ForeignKey::of(&table, fk, vec![column.name.value.clone()]));
            }
        }
    }
    for constraint in &create.constraints {
        if let TableConstraint::ForeignKey(fk) = constraint {
            keys.push(ForeignKey::of(&table, fk, idents(&fk.columns)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_keys_are_found_wherever_they_are_declared_with_their_delete_rule() {
        let sql = "CREATE TABLE tenants (id BIGINT PRIMARY KEY);
            CREATE TABLE items (id BIGINT PRIMARY KEY,
              tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE);
            CREATE TABLE events (id BIGINT PRIMARY KEY, item_id BIGINT NOT NULL,
              FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE RESTRICT);
            ALTER TABLE events ADD COLUMN tenant_id BIGINT;
            ALTER TABLE events ADD CONSTRAINT events_tenant FOREIGN KEY (tenant_id)
              REFERENCES tenants (id) ON DELETE CASCADE;";
        let keys = foreign_keys("postgresql", sql);
        let shown: Vec<(&str, &str, bool)> = keys
            .iter()
            .map(|k| (k.child.as_str(), k.parent.as_str(), k.cascades))
            .collect();
        assert_eq!(
            shown,
            [
                ("items", "tenants", true),
                ("events", "items", false),
                ("events", "tenants", true)
            ]
        );
        assert!(foreign_keys("cql", sql).is_empty());
    }
}
