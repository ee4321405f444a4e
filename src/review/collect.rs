//! The schema from its statements: `CREATE TABLE`, `ALTER TABLE`, `CREATE INDEX` and
//! `DROP`, applied in order. Other statements (views, functions, grants) hold nothing
//! the rules read, and are passed over.

use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnDef, ColumnOption, CreateIndex, CreateTable,
    Expr, ForeignKeyConstraint, Ident, IndexColumn, ObjectName, ObjectType, ReferentialAction,
    Statement, TableConstraint, TriggerEvent, TriggerPeriod,
};

use super::parse::Dialect;
use super::schema::{Column, ForeignKey, Index, Place, ReviewedSchema, Table};

/// Applies one statement, read at `place`, to the schema.
pub fn apply(schema: &mut ReviewedSchema, dialect: Dialect, place: &Place, statement: &Statement) {
    let names = Names { dialect };
    match statement {
        Statement::CreateTable(create) => create_table(schema, &names, place, create),
        Statement::AlterTable(alter) => {
            let key = names.table_key(&alter.name);
            let Some(table) = schema.tables.get_mut(&key) else {
                return; // made by a statement that was skipped, or never made here
            };
            for operation in &alter.operations {
                alter_table(table, &names, place, operation);
            }
            for operation in &alter.operations {
                match operation {
                    AlterTableOperation::EnableRowLevelSecurity => {
                        schema.row_security.insert(key.clone());
                    }
                    AlterTableOperation::DisableRowLevelSecurity => {
                        schema.row_security.remove(&key);
                    }
                    _ => {}
                }
            }
        }
        Statement::CreateIndex(create) => create_index(schema, &names, place, create),
        Statement::CreateTrigger(trigger)
            if trigger.period == Some(TriggerPeriod::Before)
                && trigger.events.contains(&TriggerEvent::Delete) =>
        {
            mark_guarded(schema, dialect, &trigger.table_name);
        }
        Statement::Drop {
            object_type,
            names: dropped,
            ..
        } => match object_type {
            ObjectType::Table => {
                for name in dropped {
                    schema.tables.remove(&names.table_key(name));
                }
            }
            ObjectType::Index => {
                for name in dropped {
                    let index = names.last(name);
                    for table in schema.tables.values_mut() {
                        table.indexes.retain(|i| i.name.as_deref() != Some(&index));
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Marks a table a partition of another (`ATTACH PARTITION`): its keys are its parent's.
pub fn mark_partition(schema: &mut ReviewedSchema, dialect: Dialect, child: &ObjectName) {
    let key = Names { dialect }.table_key(child);
    if let Some(table) = schema.tables.get_mut(&key) {
        table.partition = true;
    }
}

/// Marks a table's deletes decided by a `BEFORE DELETE` trigger on it.
pub fn mark_guarded(schema: &mut ReviewedSchema, dialect: Dialect, table: &ObjectName) {
    let key = Names { dialect }.table_key(table);
    if schema.tables.contains_key(&key) {
        schema.guarded_deletes.insert(key);
    }
}

/// How the engine folds names: PostgreSQL folds unquoted names to lower case and keeps
/// quoted ones; MySQL compares table and column names without case (on the usual setups).
pub(super) struct Names {
    pub(super) dialect: Dialect,
}

impl Names {
    /// A name folded as the engine folds it: PostgreSQL keeps a quoted name's case.
    pub(super) fn ident(&self, ident: &Ident) -> String {
        match (self.dialect, ident.quote_style) {
            (Dialect::PostgreSql, Some(_)) => ident.value.clone(),
            _ => ident.value.to_lowercase(),
        }
    }

    fn last(&self, name: &ObjectName) -> String {
        name.0
            .last()
            .and_then(|part| part.as_ident())
            .map_or_else(|| name.to_string().to_lowercase(), |i| self.ident(i))
    }

    /// A table's key: its folded name, without PostgreSQL's default schema `public`, and
    /// without a MySQL database name.
    pub(super) fn table_key(&self, name: &ObjectName) -> String {
        let parts: Vec<String> = name
            .0
            .iter()
            .map(|part| {
                part.as_ident()
                    .map_or_else(|| part.to_string(), |i| self.ident(i))
            })
            .collect();
        match (self.dialect, parts.as_slice()) {
            (Dialect::PostgreSql, [schema, table]) if schema == "public" => table.clone(),
            (Dialect::MySql, [.., table]) => table.clone(),
            _ => parts.join("."),
        }
    }

    fn columns(&self, idents: &[Ident]) -> Vec<String> {
        idents.iter().map(|i| self.ident(i)).collect()
    }

    /// A key part's column, or `None` when it is an expression.
    fn index_column(&self, part: &IndexColumn) -> Option<String> {
        match &part.column.expr {
            Expr::Identifier(ident) => Some(self.ident(ident)),
            _ => None,
        }
    }
}

/// The line of an identifier, when the parser knows it.
fn line_of(ident: &Ident, fallback: &Place) -> Place {
    let line = ident.span.start.line as usize;
    Place {
        file: fallback.file.clone(),
        line: if line == 0 { fallback.line } else { line },
    }
}

fn create_table(schema: &mut ReviewedSchema, names: &Names, place: &Place, create: &CreateTable) {
    let mut table = Table {
        key: names.table_key(&create.name),
        name: create.name.to_string(),
        columns: Vec::new(),
        indexes: Vec::new(),
        foreign_keys: Vec::new(),
        partition: create.partition_of.is_some(),
        place: place.clone(),
    };
    for column in &create.columns {
        add_column(&mut table, names, place, column);
    }
    for constraint in &create.constraints {
        add_constraint(&mut table, names, place, constraint);
    }
    schema.tables.insert(table.key.clone(), table);
}

fn add_column(table: &mut Table, names: &Names, place: &Place, column: &ColumnDef) {
    let name = names.ident(&column.name);
    let at = line_of(&column.name, place);
    let single = |primary: bool, unique: bool, constraint: Option<&Ident>| Index {
        name: constraint.map(|n| names.ident(n)),
        columns: vec![Some(name.clone())],
        shown: vec![column.name.to_string()],
        primary,
        unique,
        predicate: None,
        method: "btree".into(),
        place: at.clone(),
    };
    let (mut sequence_default, mut not_null, mut generated) = (false, false, None);
    for option in &column.options {
        match &option.option {
            ColumnOption::NotNull => not_null = true,
            ColumnOption::PrimaryKey(_) => {
                not_null = true;
                table.indexes.push(single(true, true, option.name.as_ref()))
            }
            ColumnOption::Unique(_) => {
                table
                    .indexes
                    .push(single(false, true, option.name.as_ref()))
            }
            ColumnOption::ForeignKey(fk) => {
                let columns = vec![name.clone()];
                table
                    .foreign_keys
                    .push(foreign_key(names, &at, fk, columns));
            }
            ColumnOption::Default(expr) => {
                sequence_default |= expr.to_string().to_lowercase().starts_with("nextval(");
            }
            ColumnOption::Generated {
                generation_expr: Some(expr),
                ..
            } => generated = Some(expr.to_string()),
            _ => {}
        }
    }
    table.columns.push(Column {
        name,
        type_text: column.data_type.to_string().to_lowercase(),
        sequence_default,
        not_null,
        generated,
        place: at,
    });
}

fn foreign_key(
    names: &Names,
    place: &Place,
    fk: &ForeignKeyConstraint,
    columns: Vec<String>,
) -> ForeignKey {
    ForeignKey {
        name: fk.name.as_ref().map(|n| names.ident(n)),
        columns,
        parent: names.table_key(&fk.foreign_table),
        parent_columns: fk.referred_columns.iter().map(|c| c.to_string()).collect(),
        cascades_on_delete: fk.on_delete == Some(ReferentialAction::Cascade),
        place: place.clone(),
    }
}

fn key_index(
    names: &Names,
    place: &Place,
    name: Option<&Ident>,
    parts: &[IndexColumn],
    method: Option<String>,
) -> Index {
    let at = parts
        .iter()
        .find_map(|p| match &p.column.expr {
            Expr::Identifier(ident) => Some(line_of(ident, place)),
            _ => None,
        })
        .unwrap_or_else(|| place.clone());
    Index {
        name: name.map(|n| names.ident(n)),
        columns: parts.iter().map(|p| names.index_column(p)).collect(),
        shown: parts.iter().map(|p| p.column.expr.to_string()).collect(),
        primary: false,
        unique: false,
        predicate: None,
        method: method.unwrap_or_else(|| "btree".into()),
        place: at,
    }
}

fn add_constraint(table: &mut Table, names: &Names, place: &Place, constraint: &TableConstraint) {
    let method =
        |t: &Option<sqlparser::ast::IndexType>| t.as_ref().map(|t| t.to_string().to_lowercase());
    match constraint {
        TableConstraint::PrimaryKey(pk) => {
            let mut index = key_index(
                names,
                place,
                pk.name.as_ref(),
                &pk.columns,
                method(&pk.index_type),
            );
            index.primary = true;
            index.unique = true;
            table.indexes.push(index);
        }
        TableConstraint::Unique(unique) => {
            let mut index = key_index(
                names,
                place,
                unique.name.as_ref(),
                &unique.columns,
                method(&unique.index_type),
            );
            index.unique = true;
            table.indexes.push(index);
        }
        TableConstraint::Index(plain) => {
            let index = key_index(
                names,
                place,
                plain.name.as_ref(),
                &plain.columns,
                method(&plain.index_type),
            );
            table.indexes.push(index);
        }
        TableConstraint::FulltextOrSpatial(text) => {
            let mut index = key_index(
                names,
                place,
                text.opt_index_name.as_ref(),
                &text.columns,
                None,
            );
            index.method = "fulltext".into();
            table.indexes.push(index);
        }
        TableConstraint::ForeignKey(fk) => {
            let at = fk
                .columns
                .first()
                .map_or_else(|| place.clone(), |c| line_of(c, place));
            let columns = names.columns(&fk.columns);
            table
                .foreign_keys
                .push(foreign_key(names, &at, fk, columns));
        }
        _ => {}
    }
}

fn alter_table(table: &mut Table, names: &Names, place: &Place, operation: &AlterTableOperation) {
    match operation {
        AlterTableOperation::AddConstraint { constraint, .. } => {
            add_constraint(table, names, place, constraint)
        }
        AlterTableOperation::AddColumn { column_def, .. } => {
            add_column(table, names, place, column_def)
        }
        AlterTableOperation::DropColumn { column_names, .. } => {
            let dropped = names.columns(column_names);
            table.columns.retain(|c| !dropped.contains(&c.name));
        }
        AlterTableOperation::DropConstraint { name, .. } => {
            let name = Some(names.ident(name));
            table.indexes.retain(|i| i.name != name);
            table.foreign_keys.retain(|f| f.name != name);
        }
        AlterTableOperation::DropPrimaryKey { .. } => table.indexes.retain(|i| !i.primary),
        AlterTableOperation::AlterColumn { column_name, op } => {
            let name = names.ident(column_name);
            if let Some(column) = table.columns.iter_mut().find(|c| c.name == name) {
                match op {
                    AlterColumnOperation::SetNotNull => column.not_null = true,
                    AlterColumnOperation::DropNotNull => column.not_null = false,
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn create_index(schema: &mut ReviewedSchema, names: &Names, place: &Place, create: &CreateIndex) {
    let Some(table) = schema.tables.get_mut(&names.table_key(&create.table_name)) else {
        return;
    };
    let name = create.name.as_ref().map(|n| names.last(n));
    table.indexes.push(Index {
        name,
        columns: create
            .columns
            .iter()
            .map(|p| names.index_column(p))
            .collect(),
        // With its operator class, as written: `name gin_trgm_ops` serves LIKE '%…%'.
        shown: create
            .columns
            .iter()
            .map(|p| match &p.operator_class {
                Some(class) => format!("{} {class}", p.column.expr),
                None => p.column.expr.to_string(),
            })
            .collect(),
        primary: false,
        unique: create.unique,
        predicate: create.predicate.as_ref().map(|p| p.to_string()),
        method: create
            .using
            .as_ref()
            .map_or_else(|| "btree".into(), |u| u.to_string().to_lowercase()),
        place: place.clone(),
    });
}
