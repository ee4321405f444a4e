//! The schema as `review` sees it: tables with their columns, keys, indexes and foreign
//! keys, each with the file and line it was declared at. Built statement by statement
//! (`build`), so a migration folder's later files change what earlier ones made.

use std::collections::{BTreeMap, BTreeSet};

/// Where something was declared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Column {
    /// Folded as the engine folds it (unquoted names to lower case).
    pub name: String,
    /// The type as written, in lower case (`double precision`, `timestamp(3)`).
    pub type_text: String,
    /// `DEFAULT nextval(…)`: a sequence feeds it, as `serial` does.
    pub sequence_default: bool,
    /// `NOT NULL` (or part of the primary key): a unique key on it names every row.
    pub not_null: bool,
    /// The expression of a generated column (`AS (json_unquote(…))`), as written.
    pub generated: Option<String>,
    pub place: Place,
}

/// An index, or a constraint that is one (primary key, unique).
#[derive(Debug, Clone)]
pub struct Index {
    pub name: Option<String>,
    /// Each key part: the column's name, or `None` for an expression (`lower(email)`).
    pub columns: Vec<Option<String>>,
    /// The key parts as written, for messages.
    pub shown: Vec<String>,
    pub primary: bool,
    pub unique: bool,
    /// A partial index (`WHERE …`): its rows are not the table's.
    pub predicate: Option<String>,
    /// `btree` unless declared otherwise (`gin`, `gist`, `fulltext`, …).
    pub method: String,
    pub place: Place,
}

impl Index {
    /// The plain columns the index leads with, up to the first expression.
    pub fn leading_columns(&self) -> Vec<&str> {
        self.columns.iter().map_while(|c| c.as_deref()).collect()
    }

    /// Whether it enforces something (a primary key, a unique rule).
    pub fn enforces(&self) -> bool {
        self.primary || self.unique
    }
}

#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub name: Option<String>,
    pub columns: Vec<String>,
    /// The referenced table's key in `ReviewedSchema::tables`.
    pub parent: String,
    /// The referenced columns as written (empty: the parent's primary key).
    pub parent_columns: Vec<String>,
    pub cascades_on_delete: bool,
    pub place: Place,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Its key in `ReviewedSchema::tables`, as foreign keys name their parent.
    pub key: String,
    /// The table's name as written (qualified when it was), for messages and fixes.
    pub name: String,
    pub columns: Vec<Column>,
    pub indexes: Vec<Index>,
    pub foreign_keys: Vec<ForeignKey>,
    /// A partition of another table (`PARTITION OF`): its keys are its parent's.
    pub partition: bool,
    pub place: Place,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn primary_key(&self) -> Option<&Index> {
        self.indexes.iter().find(|i| i.primary)
    }

    /// A unique key over plain `NOT NULL` columns, on every row (no `WHERE`): a key in
    /// all but name, which names each row and can serve as the replica identity.
    pub fn unique_not_null_key(&self) -> Option<&Index> {
        self.indexes.iter().find(|i| {
            i.unique
                && i.predicate.is_none()
                && !i.columns.is_empty()
                && i.columns.iter().all(|c| {
                    c.as_deref()
                        .and_then(|name| self.column(name))
                        .is_some_and(|c| c.not_null)
                })
        })
    }
}

/// Every table, by its key: the name folded, without the default schema (`public.`).
#[derive(Debug, Default)]
pub struct ReviewedSchema {
    pub tables: BTreeMap<String, Table>,
    /// The keys of the tables with row-level security enabled (PostgreSQL).
    pub row_security: BTreeSet<String>,
    /// The keys of the tables whose deletes a `BEFORE DELETE` row trigger decides (a
    /// frozen record refusing to go): a cascade into them is theirs to refuse.
    pub guarded_deletes: BTreeSet<String>,
}

impl ReviewedSchema {
    /// The tables in the order they were declared (file, then line).
    pub fn tables_in_order(&self) -> Vec<&Table> {
        let mut tables: Vec<&Table> = self.tables.values().collect();
        tables.sort_by(|a, b| a.place.cmp(&b.place));
        tables
    }
}
