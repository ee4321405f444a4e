//! A domain model (`dbadvise schema --model FILE`): entities, their attributes, who owns
//! whom, what refers to what, and the many-to-many pairs, read from YAML and checked.
//! `ddl` writes it as tables in one engine's dialect, `diagram` as Mermaid and DBML.
//! Pure: text in, a checked `Model` or the problems with their lines out.

mod check;
pub mod ddl;
pub mod diagram;
mod rules;

pub use check::check_dialect;
use check::{check, Lines};

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

/// A checked model: every name resolves, no entity owns itself through others.
#[derive(Debug, Clone)]
pub struct Model {
    pub title: String,
    /// The entity whose rows are the tenants, when many tenants share the tables.
    pub tenant: Option<String>,
    pub entities: Vec<Entity>,
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
    /// Shared by every tenant (a lookup table) rather than owned by one.
    pub global: bool,
    /// No two rows with the same `per` have overlapping periods.
    pub no_overlap: Option<NoOverlap>,
    /// A row whose `column` takes one of `values` no longer changes.
    pub frozen: Option<Frozen>,
    /// An integer attribute numbered 1, 2, 3 … without gaps, per tenant where there is one.
    pub gapless: Option<String>,
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrozenFile {
    /// `{status: [issued, paid]}`: one attribute and the values that freeze the row.
    when: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    except: Vec<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
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
    /// The smallest value a number may take (stock never negative: `min: 0`).
    pub min: Option<f64>,
    /// Data about a person: marked in the database, kept out of history tables.
    pub personal: bool,
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
        // Records kept for audit or frozen in a final state (issued invoices) outlive a
        // delete of what they belong to: they are erased deliberately, not by a cascade.
        let part = if e.audit || e.frozen.is_some() {
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
            let on_delete = if r.optional {
                OnDelete::SetNull
            } else {
                OnDelete::Restrict
            };
            link(format!("{}_id", r.name), &r.entity, on_delete, r.optional);
        }
        keys
    }
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

// ── the file as written ──

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    #[serde(default)]
    model: String,
    #[serde(default)]
    tenant: Option<String>,
    entities: Vec<EntityFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFile {
    name: String,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    attributes: serde_yaml::Mapping,
    #[serde(default)]
    references: Vec<ReferenceFile>,
    #[serde(default)]
    many: Vec<String>,
    #[serde(default)]
    unique: Vec<Vec<String>>,
    #[serde(default)]
    audit: bool,
    #[serde(default)]
    global: bool,
    #[serde(default)]
    no_overlap: Option<NoOverlap>,
    #[serde(default)]
    frozen: Option<FrozenFile>,
    #[serde(default)]
    gapless: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceFile {
    entity: String,
    #[serde(default, rename = "as")]
    name: Option<String>,
    #[serde(default)]
    optional: bool,
}

/// An attribute: a type alone (`name: text`), or its fields.
#[derive(Deserialize)]
#[serde(untagged)]
enum AttributeFile {
    Kind(String),
    Full(AttributeFields),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributeFields {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    unique: bool,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    personal: bool,
}

/// Reads and checks a model; `types` are the attribute types the dialects know.
pub fn parse(file: &str, text: &str, types: &BTreeSet<&str>) -> Result<Model, ModelError> {
    let fail = |problems| ModelError {
        file: file.to_string(),
        problems,
    };
    let raw: ModelFile = serde_yaml::from_str(text).map_err(|e| {
        let at = crate::kb::locate::yaml_error(&e, text);
        fail(vec![(at.line, at.message)])
    })?;
    let lines = Lines(text);
    let mut problems = Vec::new();
    let mut entities = Vec::new();
    for e in raw.entities {
        let at = lines.entity(&e.name);
        let mut attributes = Vec::new();
        for (key, value) in e.attributes {
            let name = key.as_str().unwrap_or_default().to_string();
            let fields = match serde_yaml::from_value::<AttributeFile>(value) {
                Ok(AttributeFile::Kind(kind)) => AttributeFields {
                    kind,
                    optional: false,
                    unique: false,
                    values: vec![],
                    min: None,
                    personal: false,
                },
                Ok(AttributeFile::Full(fields)) => fields,
                Err(_) => {
                    problems.push((
                        lines.within(at, &format!("{name}:")),
                        format!(
                            "attribute `{}.{name}`: expected a type (`{name}: text`) or \
                             {{type, optional, unique, values, min, personal}}",
                            e.name
                        ),
                    ));
                    continue;
                }
            };
            attributes.push(Attribute {
                name,
                kind: fields.kind,
                optional: fields.optional,
                unique: fields.unique,
                values: fields.values,
                min: fields.min,
                personal: fields.personal,
            });
        }
        let frozen = e.frozen.and_then(|f| {
            if f.when.len() != 1 {
                problems.push((
                    lines.within(at, "frozen:"),
                    format!(
                        "`{}`'s frozen: `when` names one attribute and the values that \
                         freeze a row, e.g. {{status: [issued, paid]}}",
                        e.name
                    ),
                ));
            }
            let (column, values) = f.when.into_iter().next()?;
            Some(Frozen {
                column,
                values,
                except: f.except,
            })
        });
        entities.push(Entity {
            frozen,
            gapless: e.gapless,
            references: e
                .references
                .into_iter()
                .map(|r| Reference {
                    name: r.name.unwrap_or_else(|| r.entity.clone()),
                    entity: r.entity,
                    optional: r.optional,
                })
                .collect(),
            name: e.name,
            owner: e.owner,
            attributes,
            many: e.many,
            unique: e.unique,
            audit: e.audit,
            global: e.global,
            no_overlap: e.no_overlap,
        });
    }
    let model = Model {
        title: raw.model,
        tenant: raw.tenant,
        entities,
    };
    problems.extend(check(&model, types, &lines));
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(fail(problems))
    }
}
