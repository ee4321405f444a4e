//! The model file as written, and reading it into a checked `Model`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::check::{check, Lines};
use super::{
    AccessIndex, Attribute, Balanced, Entity, Frozen, Gapless, Model, ModelError, NoOverlap, Note,
    Reference,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrozenFile {
    /// `{status: [issued, paid]}`: one attribute and the values that freeze the row.
    when: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    except: Vec<String>,
    /// `[cancelled, refunded]`: frozen states the excepted status cannot move on from.
    #[serde(default, rename = "final")]
    final_states: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BalancedFile {
    lines: String,
    amount: String,
    /// `{status: [posted]}`: one attribute and the values from which the sum must be zero.
    when: BTreeMap<String, Vec<String>>,
    /// `ledger_account.currency`: the lines sum to zero in each group of this value,
    /// reached through one of the lines' references.
    #[serde(default)]
    per: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    #[serde(default)]
    model: String,
    #[serde(default)]
    tenant: Option<String>,
    #[serde(default)]
    catalog: bool,
    #[serde(default)]
    about: String,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    notes: Vec<Note>,
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
    kept: bool,
    #[serde(default)]
    global: bool,
    #[serde(default)]
    no_overlap: Option<NoOverlap>,
    #[serde(default)]
    frozen: Option<FrozenFile>,
    #[serde(default)]
    fixed: Vec<String>,
    #[serde(default)]
    gapless: Option<GaplessFile>,
    #[serde(default)]
    balanced: Option<BalancedFile>,
    #[serde(default)]
    sums: Option<super::Summed>,
    #[serde(default)]
    indexes: Vec<AccessIndex>,
    #[serde(default)]
    search: Vec<String>,
    #[serde(default)]
    grows: Option<String>,
    #[serde(default)]
    stream: Option<String>,
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

/// `gapless: number`, or `gapless: {column: number, when: {status: [issued]}}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum GaplessFile {
    Column(String),
    When {
        column: String,
        when: BTreeMap<String, Vec<String>>,
    },
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
    counter: bool,
    #[serde(default)]
    personal: bool,
    /// `{state: [held]}`: an optional attribute that a row in those states must have.
    #[serde(default)]
    required_when: BTreeMap<String, Vec<String>>,
    /// As `required_when`, and empty in every other state.
    #[serde(default)]
    set_when: BTreeMap<String, Vec<String>>,
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
                    counter: false,
                    personal: false,
                    required_when: BTreeMap::new(),
                    set_when: BTreeMap::new(),
                },
                Ok(AttributeFile::Full(fields)) => {
                    if fields.required_when.len() + fields.set_when.len() > 1 {
                        problems.push((
                            lines.within(at, "required_when:"),
                            format!(
                                "attribute `{}.{name}`: `required_when` (or `set_when`) names one \
                                 enum attribute and the values in which the attribute must be set",
                                e.name
                            ),
                        ));
                    }
                    fields
                }
                Err(_) => {
                    problems.push((
                        lines.within(at, &format!("{name}:")),
                        format!(
                            "attribute `{}.{name}`: expected a type (`{name}: text`) or \
                             {{type, optional, unique, values, min, counter, personal}}",
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
                // A count never goes below zero: its CHECK is the floor.
                min: fields.min.or(fields.counter.then_some(0.0)),
                counter: fields.counter,
                personal: fields.personal,
                only_then: !fields.set_when.is_empty(),
                required_when: fields
                    .required_when
                    .into_iter()
                    .chain(fields.set_when)
                    .next(),
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
                final_states: f.final_states,
            })
        });
        let balanced = e.balanced.and_then(|b| {
            if b.when.len() != 1 {
                problems.push((
                    lines.within(at, "balanced:"),
                    format!(
                        "`{}`'s balanced: `when` names one attribute and the values from \
                         which the lines must sum to zero, e.g. {{status: [posted]}}",
                        e.name
                    ),
                ));
            }
            let per = b.per.and_then(|per| match per.split_once('.') {
                Some((reference, column)) => Some((reference.to_string(), column.to_string())),
                None => {
                    problems.push((
                        lines.within(at, "per:"),
                        format!(
                            "`{}`'s balanced: `per` names a reference of the lines and a \
                             column of what it points at, e.g. `ledger_account.currency`",
                            e.name
                        ),
                    ));
                    None
                }
            });
            let (column, values) = b.when.into_iter().next()?;
            Some(Balanced {
                lines: b.lines,
                amount: b.amount,
                column,
                values,
                per,
            })
        });
        let gapless = e.gapless.map(|g| match g {
            GaplessFile::Column(column) => Gapless { column, when: None },
            GaplessFile::When { column, when } => {
                if when.len() != 1 {
                    problems.push((
                        lines.within(at, "gapless:"),
                        format!(
                            "`{}`'s gapless: `when` names one attribute and the states in \
                             which a row takes its number, e.g. {{status: [issued]}}",
                            e.name
                        ),
                    ));
                }
                Gapless {
                    column,
                    when: when.into_iter().next(),
                }
            }
        });
        entities.push(Entity {
            frozen,
            fixed: e.fixed,
            balanced,
            sums: e.sums,
            indexes: e.indexes,
            search: e.search,
            grows: e.grows,
            stream: e.stream,
            gapless,
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
            kept: e.kept,
            global: e.global,
            no_overlap: e.no_overlap,
        });
    }
    let model = Model {
        title: raw.model,
        tenant: raw.tenant,
        catalog: raw.catalog,
        entities,
        about: raw.about,
        topics: raw.topics,
        patterns: raw.patterns,
        notes: raw.notes,
    };
    problems.extend(check(&model, types, &lines));
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(fail(problems))
    }
}
