//! A domain model (`dbadvise schema --model FILE`): entities, their attributes, who owns
//! whom, what refers to what, and the many-to-many pairs, read from YAML (or DBML,
//! `dbml`) and checked.
//! `ddl` writes it as tables in one engine's dialect, `diagram` as Mermaid and DBML.
//! Pure: text in, a checked `Model` or the problems with their lines out.

mod access;
mod check;
// Not in build.rs, which checks the archetypes (YAML) without dbml-rs.
#[cfg(kb_prebuilt)]
mod dbml;
pub mod ddl;
pub mod diagram;
mod events;
mod file;
mod history;
mod sums;
pub use rules::Balanced;
pub use sums::Summed;
mod rules;

pub use check::check_dialect;
pub use events::event_store;
pub use file::parse;

/// Reads and checks a model file: DBML when its name ends in `.dbml`, else YAML.
#[cfg(kb_prebuilt)]
pub fn read(
    file: &str,
    text: &str,
    types: &std::collections::BTreeSet<&str>,
) -> Result<Model, ModelError> {
    if is_dbml(file) {
        dbml::parse(file, text, types)
    } else {
        parse(file, text, types)
    }
}

/// Whether the model file is DBML (by its name).
pub fn is_dbml(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".dbml")
}

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// A checked model: every name resolves, no entity owns itself through others.
#[derive(Debug, Clone)]
pub struct Model {
    pub title: String,
    /// The entity whose rows are the tenants, when many tenants share the tables.
    pub tenant: Option<String>,
    /// The domain is the catalog of the tenants themselves (organisations, members,
    /// plans): all tenants share its tables, even where each large tenant's own data has
    /// a database of its own.
    pub catalog: bool,
    pub entities: Vec<Entity>,
    /// What the domain's design hinges on, for the reader of the script and the record.
    pub about: String,
    /// The learn topics that explain the model's rules.
    pub topics: Vec<String>,
    /// The knowledge base's patterns that the domain's design applies, whatever else the
    /// answers say (a wallet's double-entry ledger).
    pub patterns: Vec<String>,
    /// The hot paths and what stays out of the tables, each with the topic that explains it.
    pub notes: Vec<Note>,
}

/// A word to the reader beside the tables: a hot path, what to keep elsewhere.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    #[serde(default)]
    pub topic: Option<String>,
    /// Said only where the answers give, for each question named, one of its options
    /// listed (`{residency: [pinned]}`); always, when empty or with no answers.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub when: std::collections::BTreeMap<String, Vec<String>>,
    /// Said only where the tables' engine (the primary store) is one of these, by catalog
    /// id or family (`[relational]`, `[postgresql]`): a note in one engine's idiom.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub engines: Vec<String>,
    /// Said only where a store of the stack is one of these (`[redis, valkey]`): a note
    /// about what lives in that store.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beside: Vec<String>,
    /// Said only where no store of the stack is one of these: what the tables do when
    /// that store is not there to do it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless_beside: Vec<String>,
    /// Said only where this entity's rows are in the tables, not kept in a store beside
    /// them (its `stream`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    /// The entity this one is part of: deleted with it.
    pub owner: Option<String>,
    pub attributes: Vec<Attribute>,
    pub references: Vec<Reference>,
    /// Entities paired with this one many-to-many (a junction table each).
    pub many: Vec<String>,
    /// Sets of attributes unique together.
    pub unique: Vec<Vec<String>>,
    /// Keep a history table of every change.
    pub audit: bool,
    /// Outlives a delete of what it belongs to (a wallet's entries, an audit log): its
    /// keys refuse a cascade, so its rows are erased deliberately.
    pub kept: bool,
    /// Shared by every tenant (a lookup table) rather than owned by one.
    pub global: bool,
    /// No two rows with the same `per` have overlapping periods.
    pub no_overlap: Option<NoOverlap>,
    /// A row whose `column` takes one of `values` no longer changes.
    pub frozen: Option<Frozen>,
    /// Attributes and references set when the row is created and never changed.
    pub fixed: Vec<String>,
    /// An integer attribute numbered 1, 2, 3 … without gaps, per tenant where there is one.
    pub gapless: Option<Gapless>,
    /// The amounts of its lines sum to zero once it reaches a state (a posted ledger
    /// transaction), and its lines then change no more.
    pub balanced: Option<Balanced>,
    /// An attribute the database keeps as the sum of its lines' amounts (a balance).
    pub sums: Option<Summed>,
    /// Indexes for the domain's access patterns, beyond the foreign keys'.
    pub indexes: Vec<AccessIndex>,
    /// Text attributes users search by word, most important first.
    pub search: Vec<String>,
    /// The timestamp attribute of a table that only grows: partitioned by time on it
    /// where the answers make that worth it (on engines whose model can).
    pub grows: Option<String>,
    /// The role of the store that keeps this entity's rows when a store beside the
    /// primary serves it (`time-series`, `analytics`): the readings or facts of a stream,
    /// left out of the primary's tables then.
    pub stream: Option<String>,
}

/// An index an access pattern needs: its columns (attributes or references, the tenant's
/// key put first) and the query it serves.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessIndex {
    #[serde(deserialize_with = "one_or_many")]
    pub on: Vec<String>,
    #[serde(rename = "for")]
    pub serves: String,
    /// The columns of `on` that a row's later writes change (an alert's state): an
    /// engine that cannot update a key column in place serves the read otherwise.
    #[serde(default, deserialize_with = "one_or_many")]
    pub changes: Vec<String>,
    /// The rows the read wants, by the values of columns of `on` (`where: {status:
    /// [issued]}`): an engine with partial indexes indexes only those rows, on the other
    /// columns; one without keeps the whole index.
    #[serde(default, rename = "where")]
    pub only: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Gapless {
    pub column: String,
    /// The state in which a row takes its number (`{status: [issued]}`: a draft has none
    /// and takes the next when it is issued); none: every row at its INSERT.
    pub when: Option<(String, Vec<String>)>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOverlap {
    /// The references (or the owner) whose rows must not overlap: a room's bookings.
    #[serde(deserialize_with = "one_or_many")]
    pub per: Vec<String>,
    pub from: String,
    pub to: String,
    /// Rows that do not count: `{state: [cancelled]}` (one attribute and its values).
    #[serde(default)]
    pub unless: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Frozen {
    pub column: String,
    pub values: Vec<String>,
    /// Attributes that may still change (a status moving on from issued to paid).
    pub except: Vec<String>,
    /// Frozen states the status, though excepted, cannot move on from (a cancelled
    /// order is never delivered, a void invoice never paid).
    pub final_states: Vec<String>,
}

pub(super) fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

#[derive(Debug, Clone)]
pub struct Attribute {
    pub name: String,
    /// An id of the dialects' `types` (`text`, `money`, `enum`, …).
    pub kind: String,
    pub optional: bool,
    pub unique: bool,
    /// The values of an `enum`.
    pub values: Vec<String>,
    /// The smallest value a number may take (a price never negative: `min: 0`).
    pub min: Option<f64>,
    /// A count that writes add to and take from (stock, seats, a balance): it never
    /// goes below zero, a rule of the domain, where a `min` alone checks a value.
    pub counter: bool,
    /// Data about a person: marked in the database, kept out of history tables.
    pub personal: bool,
    /// An enum attribute of the same entity and the values in which this optional
    /// attribute must be set (a held booking's expiry): a CHECK of the table.
    pub required_when: Option<(String, Vec<String>)>,
    /// `set_when`: set in those values and in no other (a trip's `active` mark, which a
    /// unique key then holds to one running trip per driver).
    pub only_then: bool,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub entity: String,
    /// The column is `{name}_id`: the entity's name unless `as` gives another.
    pub name: String,
    pub optional: bool,
}

/// What happens to a row when the row it points at is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// A part goes with its owner.
    Cascade,
    /// A row others refer to stays while they do: NO ACTION, which PostgreSQL and
    /// SQLite check at the end of the statement, so that deleting a tenant, which
    /// cascades to the referring rows too, succeeds.
    Restrict,
    /// An optional reference is cleared.
    SetNull,
}

impl OnDelete {
    pub fn sql(self) -> &'static str {
        match self {
            OnDelete::Cascade => "CASCADE",
            OnDelete::Restrict => "NO ACTION",
            OnDelete::SetNull => "SET NULL",
        }
    }
}

/// A foreign key of an entity's table: its columns, the table and columns it points at,
/// and what a delete there does here.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub target: String,
    pub target_columns: Vec<String>,
    pub on_delete: OnDelete,
    /// The column this key adds to the table (its last), and whether it may be NULL.
    pub column: String,
    pub optional: bool,
}

impl Model {
    /// The tables that only grow, which `ddl` partitions by time where the answers make
    /// it worth it: the entities that `grows`, then the audit histories.
    pub fn growing_tables(&self) -> Vec<String> {
        let entities = self.entities.iter();
        let growing = entities.clone().filter(|e| e.grows.is_some());
        let histories = entities.filter(|e| e.audit);
        let histories = histories.map(|e| format!("{}_history", e.name));
        growing.map(|e| e.name.clone()).chain(histories).collect()
    }

    /// The tenant entity, when `e` holds a tenant's rows.
    pub fn tenant_of(&self, e: &Entity) -> Option<&str> {
        self.tenant.as_deref().filter(|t| *t != e.name && !e.global)
    }

    /// The tenant's key column that leads `e`'s keys (`account_id`), as a list of at most
    /// one, ready to be put in front of other columns.
    pub fn tenant_lead(&self, e: &Entity) -> Vec<String> {
        self.tenant_of(e)
            .iter()
            .map(|t| format!("{t}_id"))
            .collect()
    }

    /// The model for one organisation: the tenant entity gone, and what it owned
    /// standing alone (an invoicing tool for one firm has no `account` table).
    pub fn without_tenant(mut self) -> Model {
        let Some(tenant) = self.tenant.take() else {
            return self;
        };
        self.without_entity(&tenant)
    }

    /// The model without one entity: the references to it, and the keys and indexes
    /// that name them, go with it.
    pub fn without_entity(mut self, gone: &str) -> Model {
        self.entities.retain(|e| e.name != gone);
        for e in &mut self.entities {
            let mut names = vec![gone.to_string()];
            let refs = e.references.iter().filter(|r| r.entity == gone);
            names.extend(refs.map(|r| r.name.clone()));
            if e.owner.as_deref() == Some(gone) {
                e.owner = None;
            }
            e.references.retain(|r| r.entity != gone);
            e.many.retain(|m| m != gone);
            for set in &mut e.unique {
                set.retain(|c| !names.contains(c));
            }
            e.unique.retain(|set| !set.is_empty());
            for index in &mut e.indexes {
                index.on.retain(|c| !names.contains(c));
            }
            e.indexes.retain(|i| !i.on.is_empty());
        }
        self.notes.retain(|n| n.about.as_deref() != Some(gone));
        self
    }

    /// The rules the model asks the database to hold, entity by entity, as data for
    /// the record's wording.
    pub fn rules_held(&self) -> Vec<Held> {
        let mut held = Vec::new();
        for e in &self.entities {
            let entity = e.name.clone();
            if let Some(rule) = &e.no_overlap {
                held.push(Held::NoOverlap {
                    entity: entity.clone(),
                    per: rule.per.clone(),
                });
            }
            if let Some(rule) = &e.gapless {
                held.push(Held::Gapless {
                    entity: entity.clone(),
                    column: rule.column.clone(),
                    per: self.tenant_of(e).map(str::to_string),
                });
            }
            if let Some(rule) = &e.frozen {
                held.push(Held::Frozen {
                    entity: entity.clone(),
                    values: rule.values.clone(),
                    parts: self
                        .entities
                        .iter()
                        .any(|p| p.owner.as_deref() == Some(e.name.as_str())),
                });
            }
            if let Some(rule) = &e.balanced {
                held.push(Held::Balanced {
                    entity: entity.clone(),
                    lines: rule.lines.clone(),
                    values: rule.values.clone(),
                    per: rule.per.as_ref().map(|(_, column)| column.clone()),
                });
            }
            // Counts that never go below zero (stock, seats); a minimum alone (a size,
            // a number of decimals, a price's sign) checks a value, not a rule of the
            // domain.
            let never_negative: Vec<String> = e
                .attributes
                .iter()
                .filter(|a| a.counter && a.min == Some(0.0))
                .map(|a| a.name.clone())
                .collect();
            if !never_negative.is_empty() {
                held.push(Held::NeverNegative {
                    entity: entity.clone(),
                    columns: never_negative,
                });
            }
            // A unique key is a rule of the domain when it claims something a row
            // refers to (one like per profile and post, one membership per user, one
            // reading per sensor and instant) or is a key a request carries (an
            // idempotency key); a name unique within its owner (a city per region) is
            // an identity, not a rule.
            for set in &e.unique {
                let refers = |c: &String| e.references.iter().any(|r| r.name == *c);
                if set.iter().any(refers) || set.iter().any(|c| c.contains("key")) {
                    // An optional enum of one value in the key marks the rows it binds.
                    let marker = e
                        .attributes
                        .iter()
                        .find(|a| set.contains(&a.name) && a.optional && a.values.len() == 1);
                    held.push(Held::Unique {
                        entity: entity.clone(),
                        columns: set
                            .iter()
                            .filter(|c| marker.is_none_or(|m| m.name != **c))
                            .cloned()
                            .collect(),
                        only: marker.map(|m| m.values[0].clone()),
                    });
                }
            }
        }
        held
    }

    /// Whether the entity named `name` holds a tenant's rows.
    pub fn scoped(&self, name: &str) -> bool {
        self.entities
            .iter()
            .find(|e| e.name == name)
            .is_some_and(|e| self.tenant_of(e).is_some())
    }

    /// The foreign keys of `e`'s table, the tenant's first, then its owner's, then its
    /// references. Between two tables of a tenant's rows the key includes the tenant, so
    /// a reference cannot cross tenants; an optional one is then kept (NO ACTION), since
    /// SET NULL would clear the tenant too.
    pub fn foreign_keys(&self, e: &Entity) -> Vec<ForeignKey> {
        let tenant = self.tenant_of(e);
        let lead = self.tenant_lead(e);
        let part = if e.outlives_owner() {
            OnDelete::Restrict
        } else {
            OnDelete::Cascade
        };
        let mut keys = Vec::new();
        if let Some(t) = tenant {
            keys.push(ForeignKey {
                columns: lead.clone(),
                target: t.to_string(),
                target_columns: vec!["id".into()],
                on_delete: part,
                column: lead[0].clone(),
                optional: false,
            });
        }
        let mut link = |column: String, target: &str, on_delete: OnDelete, optional: bool| {
            let within = !lead.is_empty() && self.scoped(target);
            let (columns, target_columns) = if within {
                let mut columns = lead.clone();
                columns.push(column.clone());
                (columns, vec![lead[0].clone(), "id".into()])
            } else {
                (vec![column.clone()], vec!["id".into()])
            };
            let on_delete = match on_delete {
                OnDelete::SetNull if within => OnDelete::Restrict,
                other => other,
            };
            keys.push(ForeignKey {
                columns,
                target: target.to_string(),
                target_columns,
                on_delete,
                column,
                optional,
            });
        };
        if let Some(owner) = e.owner.as_deref().filter(|o| Some(*o) != tenant) {
            link(format!("{owner}_id"), owner, part, false);
        }
        for r in &e.references {
            // A frozen row cannot be changed, by SET NULL either: the row it points at
            // stays while it does (an access log keeps what was viewed).
            let on_delete = if r.optional && e.frozen.is_none() {
                OnDelete::SetNull
            } else {
                OnDelete::Restrict
            };
            link(format!("{}_id", r.name), &r.entity, on_delete, r.optional);
        }
        keys
    }
}

/// One rule a model's tables hold.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Held {
    NoOverlap {
        entity: String,
        per: Vec<String>,
    },
    /// Numbered without gaps, per tenant (`per`) where there is one.
    Gapless {
        entity: String,
        column: String,
        per: Option<String>,
    },
    Frozen {
        entity: String,
        values: Vec<String>,
        /// It owns parts (an invoice's lines), which freeze with it.
        parts: bool,
    },
    Balanced {
        entity: String,
        lines: String,
        values: Vec<String>,
        /// The column the lines balance by, each group on its own (the currency).
        per: Option<String>,
    },
    NeverNegative {
        entity: String,
        columns: Vec<String>,
    },
    /// One row per value of `columns`; with `only`, among the rows whose optional
    /// one-value column holds it (one `active` trip per driver: NULLs never collide).
    Unique {
        entity: String,
        columns: Vec<String>,
        only: Option<String>,
    },
}

/// The table that pairs two entities many to many: its name, its key (the tenant's
/// column first where there is one), and its two foreign keys, each deleting the pair
/// with either side.
#[derive(Debug, Clone)]
pub struct Junction {
    pub name: String,
    pub primary_key: Vec<String>,
    pub keys: Vec<ForeignKey>,
}

impl Model {
    pub fn junction(&self, e: &Entity, other: &str) -> Junction {
        let lead = self.tenant_lead(e);
        let theirs = if other == e.name {
            format!("related_{other}_id")
        } else {
            format!("{other}_id")
        };
        let mut primary_key = lead.clone();
        primary_key.extend([format!("{}_id", e.name), theirs.clone()]);
        let keys = [(format!("{}_id", e.name), e.name.as_str()), (theirs, other)]
            .into_iter()
            .map(|(column, target)| {
                let within = !lead.is_empty() && self.scoped(target);
                let mut columns = if within { lead.clone() } else { vec![] };
                columns.push(column.clone());
                let target_columns = if within {
                    vec![lead[0].clone(), "id".into()]
                } else {
                    vec!["id".into()]
                };
                ForeignKey {
                    columns,
                    target: target.to_string(),
                    target_columns,
                    on_delete: OnDelete::Cascade,
                    column,
                    optional: false,
                }
            })
            .collect();
        Junction {
            name: format!("{}_{other}", e.name),
            primary_key,
            keys,
        }
    }
}

/// What is wrong with a model file: each problem with its line where one is known.
#[derive(Debug, Clone)]
pub struct ModelError {
    pub file: String,
    pub problems: Vec<(Option<usize>, String)>,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, (line, message)) in self.problems.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            match line {
                Some(line) => write!(f, "{}:{line}: {message}", self.file)?,
                None => write!(f, "{}: {message}", self.file)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for ModelError {}
