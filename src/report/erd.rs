//! The starter schema as a Mermaid `erDiagram`, which GitHub renders in a record: its
//! tables with their key columns, and one relationship per foreign key. Read from the SQL
//! itself with `sqlparser`, so the diagram cannot drift from the schema beside it.

use sqlparser::ast::{
    AlterTableOperation, ColumnOption, CreateTable, ForeignKeyConstraint, Statement,
    TableConstraint,
};

use crate::sql::{dialect_of, idents, last_name, statements};

/// A table of the diagram: its name and the columns that are keys.
#[derive(Debug, Default, PartialEq, Eq)]
struct Entity {
    name: String,
    columns: Vec<KeyColumn>,
}

#[derive(Debug, PartialEq, Eq)]
struct KeyColumn {
    name: String,
    /// The type's name alone (`NUMERIC`, not `NUMERIC(12,2)`): Mermaid reads one word.
    kind: String,
    not_null: bool,
    keys: Vec<&'static str>,
}

/// A foreign key: the child table refers to the parent.
#[derive(Debug, PartialEq, Eq)]
struct Relation {
    parent: String,
    child: String,
    columns: Vec<String>,
}

/// Column names of an index or key, where they are plain columns (not expressions).
fn index_columns(columns: &[sqlparser::ast::IndexColumn]) -> Vec<String> {
    columns
        .iter()
        .filter_map(|c| match &c.column.expr {
            sqlparser::ast::Expr::Identifier(ident) => Some(ident.value.clone()),
            _ => None,
        })
        .collect()
}

#[derive(Default)]
struct Diagram {
    entities: Vec<Entity>,
    relations: Vec<Relation>,
    /// (table, column, key) marks that arrive after the table (indexes, ALTER TABLE).
    marks: Vec<(String, String, &'static str)>,
    /// Every column's type and nullability, to describe key columns marked later.
    all_columns: Vec<(String, String, String, bool)>,
    /// (table, column) that is a key on its own: a reference to it is one-to-one.
    sole_keys: Vec<(String, String)>,
}

impl Diagram {
    fn foreign_key(&mut self, table: &str, fk: &ForeignKeyConstraint) {
        let columns = idents(&fk.columns);
        for c in &columns {
            self.marks.push((table.to_string(), c.clone(), "FK"));
        }
        self.relations.push(Relation {
            parent: last_name(&fk.foreign_table),
            child: table.to_string(),
            columns,
        });
    }

    /// Marks the columns of a key; a key of one column makes references to it unique.
    fn key(&mut self, table: &str, columns: Vec<String>, key: &'static str) {
        if let [only] = columns.as_slice() {
            self.sole_keys.push((table.to_string(), only.clone()));
        }
        for c in columns {
            self.marks.push((table.to_string(), c, key));
        }
    }

    fn constraint(&mut self, table: &str, constraint: &TableConstraint) {
        match constraint {
            TableConstraint::PrimaryKey(pk) => self.key(table, index_columns(&pk.columns), "PK"),
            TableConstraint::Unique(unique) => {
                self.key(table, index_columns(&unique.columns), "UK")
            }
            TableConstraint::ForeignKey(fk) => self.foreign_key(table, fk),
            _ => {}
        }
    }

    fn table(&mut self, create: &CreateTable) {
        // A partition stores rows of its parent: it is not an entity of its own.
        if create.partition_of.is_some() {
            return;
        }
        let table = last_name(&create.name);
        for column in &create.columns {
            let name = column.name.value.clone();
            let kind = column.data_type.to_string();
            let kind = kind
                .split(|c: char| c == '(' || c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_uppercase();
            let mut not_null = false;
            for option in &column.options {
                match &option.option {
                    ColumnOption::NotNull => not_null = true,
                    ColumnOption::PrimaryKey(_) => {
                        not_null = true;
                        self.key(&table, vec![name.clone()], "PK");
                    }
                    ColumnOption::Unique(_) => self.key(&table, vec![name.clone()], "UK"),
                    ColumnOption::ForeignKey(fk) => {
                        let mut fk = fk.clone();
                        fk.columns = vec![column.name.clone()];
                        self.foreign_key(&table, &fk);
                    }
                    _ => {}
                }
            }
            self.all_columns.push((table.clone(), name, kind, not_null));
        }
        for constraint in &create.constraints {
            self.constraint(&table, constraint);
        }
        self.entities.push(Entity {
            name: table,
            columns: vec![],
        });
    }

    fn statement(&mut self, statement: &Statement) {
        match statement {
            Statement::CreateTable(create) => self.table(create),
            Statement::CreateIndex(index) if index.unique => {
                // An expression in the index (lower(email)) is no column of its own.
                let columns = index_columns(&index.columns);
                if columns.len() == index.columns.len() {
                    self.key(&last_name(&index.table_name), columns, "UK");
                }
            }
            Statement::AlterTable(alter) => {
                let table = last_name(&alter.name);
                for op in &alter.operations {
                    if let AlterTableOperation::AddConstraint { constraint, .. } = op {
                        self.constraint(&table, constraint);
                    }
                }
            }
            _ => {}
        }
    }

    /// Puts every marked key column under its table, in the order the table lists them.
    fn settle(&mut self) {
        for (table, name, kind, not_null) in &self.all_columns {
            let mut keys: Vec<&'static str> = Vec::new();
            for (t, c, key) in &self.marks {
                if t == table && c == name && !keys.contains(key) {
                    keys.push(key);
                }
            }
            if keys.is_empty() {
                continue;
            }
            keys.sort_by_key(|k| ["PK", "FK", "UK"].iter().position(|x| x == k));
            // A primary key that is also unique says nothing more by UK.
            if keys.contains(&"PK") {
                keys.retain(|k| *k != "UK");
            }
            if let Some(entity) = self.entities.iter_mut().find(|e| e.name == *table) {
                entity.columns.push(KeyColumn {
                    name: name.clone(),
                    kind: if kind.is_empty() {
                        "ANY".into()
                    } else {
                        kind.clone()
                    },
                    not_null: *not_null || keys.contains(&"PK"),
                    keys,
                });
            }
        }
    }

    fn cardinality(&self, relation: &Relation) -> &'static str {
        let entity = self.entities.iter().find(|e| e.name == relation.child);
        let column = |name: &str| entity.and_then(|e| e.columns.iter().find(|c| c.name == name));
        let mandatory = relation
            .columns
            .iter()
            .all(|c| column(c).is_some_and(|c| c.not_null));
        // The reference is a key of the child on its own: at most one child per parent.
        let one = matches!(relation.columns.as_slice(), [only]
            if self.sole_keys.contains(&(relation.child.clone(), only.clone())));
        match (mandatory, one) {
            (true, true) => "||--o|",
            (true, false) => "||--o{",
            (false, true) => "|o--o|",
            (false, false) => "|o--o{",
        }
    }

    fn mermaid(&self) -> String {
        let mut out = String::from("erDiagram\n");
        for entity in &self.entities {
            out.push_str(&format!("    {} {{\n", entity.name));
            for c in &entity.columns {
                out.push_str(&format!(
                    "        {} {} {}\n",
                    c.kind,
                    c.name,
                    c.keys.join(", ")
                ));
            }
            out.push_str("    }\n");
        }
        for relation in &self.relations {
            out.push_str(&format!(
                "    {} {} {} : \"{}\"\n",
                relation.parent,
                self.cardinality(relation),
                relation.child,
                relation.columns.join(", ")
            ));
        }
        out
    }
}

/// The diagram of a SQL schema written in `dialect` (`postgresql`, `mysql`, `sqlite`), or
/// none when the dialect has no parser here or the script holds no table.
pub fn mermaid(dialect: &str, sql: &str) -> Option<String> {
    let parser_dialect = dialect_of(dialect)?;
    let mut diagram = Diagram::default();
    for statement in statements(parser_dialect.as_ref(), sql) {
        diagram.statement(&statement);
    }
    if diagram.entities.is_empty() {
        return None;
    }
    diagram.settle();
    Some(diagram.mermaid())
}

#[cfg(test)]
mod tests {
    use super::mermaid;

    #[test]
    fn tables_keys_and_foreign_keys_become_entities_and_relationships() {
        let sql = "CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT);
            DO $$ BEGIN RAISE NOTICE 'skipped; not a table'; END $$;
            CREATE TABLE items (
              id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              owner_id BIGINT NOT NULL REFERENCES users (id),
              reviewer_id BIGINT,
              price NUMERIC(12,2) NOT NULL
            );
            CREATE TABLE items_2026 PARTITION OF items DEFAULT;
            ALTER TABLE items ADD CONSTRAINT items_reviewer_fk FOREIGN KEY (reviewer_id) REFERENCES users (id);";
        let got = mermaid("postgresql", sql).expect("a diagram");
        assert_eq!(
            got,
            "erDiagram
    users {
        BIGINT id PK
        TEXT email UK
    }
    items {
        BIGINT id PK
        BIGINT owner_id FK
        BIGINT reviewer_id FK
    }
    users ||--o{ items : \"owner_id\"
    users |o--o{ items : \"reviewer_id\"
"
        );
    }

    #[test]
    fn no_tables_or_no_parser_means_no_diagram() {
        assert_eq!(mermaid("postgresql", "SELECT 1;"), None);
        assert_eq!(mermaid("cypher", "CREATE (n:User)"), None);
    }
}
