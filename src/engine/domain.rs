//! The product's domain: when the answers say what the product does (`product`), its
//! model from `knowledge/archetypes/`, fitted to the answers (one organisation's tables
//! lose the tenant), with the rules it holds and its hot paths, as data for the record;
//! and, where the primary store's dialect writes models, its tables (keys follow how
//! ids are exposed).

use serde::Serialize;

use super::answers::Answers;
use crate::kb::{KnowledgeBase, Schema, Text, NO_ARCHETYPE, PRODUCT_QUESTION};
use crate::model::ddl::{ddl, Ids, Target};
use crate::model::{self, Held, Model, Note};

/// The product's domain: an archetype, or your own model (`--model`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainSchema {
    /// The archetype's id, `invoicing`.
    pub archetype: String,
    /// Its title, `Invoicing and billing`.
    pub title: String,
    /// What its design hinges on.
    pub about: String,
    /// The rules its tables hold.
    pub held: Vec<Held>,
    /// Its hot paths and what stays out of the tables.
    pub notes: Vec<Note>,
    pub topics: Vec<String>,
    /// The tenant entity, when tenants share the tables.
    pub tenant: Option<String>,
    /// The entities with personal columns, in the model's order: what follows for them
    /// (encryption, retention, erasure) is the record's to say.
    pub personal: Vec<String>,
    /// Its hot reads and the index each needs beyond the keys: the index plan's
    /// rows for the domain.
    pub paths: Vec<HotPath>,
    /// How the primary store serves a hot read (the catalog's `keyed_index`); none
    /// where its indexes are B-trees.
    pub index_form: Option<Text>,
    /// How it serves one whose index has a column that changes (`changing_key`), where
    /// it cannot update a key column in place.
    pub changing_form: Option<Text>,
    /// What it adds where the index leads with a column of few values (`few_values_key`),
    /// which would put every row of one value in one partition.
    pub few_values_form: Option<Text>,
    /// The store that serves the hot reads when not the primary (a read model built from
    /// the log), by its name.
    pub read_from: Option<Text>,
    /// The entities of a stream kept in a store beside the primary, not in its tables.
    pub apart: Vec<Apart>,
}

/// An entity whose rows a store beside the primary keeps (the readings in a time-series
/// store): left out of the tables, and named by what refers to it only by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Apart {
    pub entity: String,
    /// The store's name, `ClickHouse`.
    pub store: Text,
    /// The entities its rows name by id, with no foreign key across the two stores.
    pub names: Vec<String>,
}

/// A hot read of the domain and the columns its index leads with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HotPath {
    pub entity: String,
    /// Attributes and references (`rider` for `rider_id`), in index order.
    pub on: Vec<String>,
    /// What it serves: "a rider's trips, newest first".
    pub serves: String,
    /// The columns of `on` that change after the row is written.
    pub changes: Vec<String>,
    /// The column the index leads with, when it has few values (an enum, a flag) and no
    /// tenant leads before it.
    pub few_values: Option<String>,
    /// The rows the index holds alone, by the values of columns left out of `on` (a
    /// partial index); empty where it holds every row, as in an engine without partial
    /// indexes.
    pub only: Vec<(String, Vec<String>)>,
}

/// The archetype the answers pick, if any.
pub fn archetype<'kb>(kb: &'kb KnowledgeBase, answers: &Answers) -> Option<&'kb str> {
    let picked = answers.get(PRODUCT_QUESTION)?.iter().next()?;
    if picked == NO_ARCHETYPE {
        return None;
    }
    kb.archetypes
        .get_key_value(picked)
        .map(|(id, _)| id.as_str())
}

/// The answers that search text, each a question and its option: keyword search, or
/// full-text lookups.
pub const WORD_SEARCH: [(&str, &str); 2] = [
    ("features", "keyword-search"),
    (crate::kb::ACCESS_PATTERNS_QUESTION, "full-text"),
];

/// Whether the answers search text.
pub fn searches(answers: &Answers) -> bool {
    let has = |q: &str, v: &str| answers.get(q).is_some_and(|a| a.iter().any(|x| x == v));
    WORD_SEARCH.iter().any(|(q, v)| has(q, v))
}

/// Whether the answers make the dialect partition the tables that only grow by time.
pub fn partitions_by_time(dialect: &crate::kb::ModelDialect, answers: &Answers) -> bool {
    dialect.time_partitions.as_ref().is_some_and(|p| {
        super::schema::holds(&p.when, answers)
            && !p
                .unless
                .as_ref()
                .is_some_and(|c| super::schema::holds(c, answers))
    })
}

/// The answer to `multi-tenant`: `shared`, `isolated` or `single`.
fn tenancy(answers: &Answers) -> Option<&str> {
    answers.get("multi-tenant").and_then(|a| a.iter().next())
}

/// Whether the model's tables hold many tenants: they share the tables, or these are the
/// catalog of tenants that every tenant's own database sits beside.
fn shared(model: &Model, answers: &Answers) -> bool {
    match tenancy(answers) {
        Some("shared") => true,
        Some("isolated") => model.catalog,
        _ => false,
    }
}

/// A model fitted to the answers: without its tenant unless tenants share the tables,
/// and with only the notes whose `when` the answers meet.
pub fn fit(model: Model, answers: &Answers) -> Model {
    let mut model = if shared(&model, answers) {
        model
    } else {
        model.without_tenant()
    };
    model.notes.retain(|note| {
        note.when.iter().all(|(question, options)| {
            answers
                .get(question)
                .is_some_and(|given| given.iter().any(|v| options.iter().any(|o| o == v)))
        })
    });
    model
}

/// The stores a note may be said for: the engine of the tables (the primary store), and
/// every engine of the stack; `None` where no stack is known (notes beside it are kept).
pub struct Stores {
    pub tables: String,
    pub stack: Option<Vec<String>>,
    /// Where the application's reads are served, when not from the tables: the view a
    /// consumer builds from an event log that is the record (the `read-model` store).
    pub reads: Option<String>,
    /// The roles a store beside the primary serves, with its engine: an entity of a
    /// stream of such a role (its `stream`) is kept there, not in the tables.
    pub beside: Vec<(String, String)>,
    /// A search engine beside the primary serves word search: the tables keep no
    /// full-text index of their own for it.
    pub searched_beside: bool,
}

/// The role of the store that serves reads built from a log that is the record.
const READ_MODEL: &str = "read-model";
/// The role of the store that serves word search.
const SEARCH: &str = "search";

impl Stores {
    /// The advice's stores: its primary's tables, and its whole stack.
    pub fn of(advice: &super::Advice) -> Stores {
        let primary = advice.primary().map(|p| p.engine.to_string());
        let reads = (advice.stack.iter())
            .find(|c| c.role == READ_MODEL)
            .map(|c| c.engine.to_string());
        Stores {
            tables: primary.unwrap_or_default(),
            stack: Some(advice.engines()),
            reads,
            beside: Self::beside_of(advice),
            searched_beside: Self::searched_beside(advice),
        }
    }

    /// Whether word search goes to a store beside the primary rather than to its tables.
    pub fn searched_beside(advice: &super::Advice) -> bool {
        (advice.stack.iter()).any(|c| c.role == SEARCH && !c.by_primary)
    }

    /// Whether the tables get full-text indexes: the answers search text, and no search
    /// engine beside the tables serves it.
    pub fn searched_in_tables(&self, answers: &Answers) -> bool {
        searches(answers) && !self.searched_beside
    }

    /// The roles of the advice's stores beside the primary that keep a stream's rows,
    /// with their engines.
    pub fn beside_of(advice: &super::Advice) -> Vec<(String, String)> {
        (advice.stack.iter())
            .filter(|c| c.role != "primary" && !c.by_primary && c.holds_stream)
            .map(|c| (c.role.to_string(), c.engine.to_string()))
            .collect()
    }

    /// The store beside the primary that keeps a stream of this role, if one does.
    fn keeping(&self, role: &str) -> Option<&str> {
        (self.beside.iter())
            .find(|(r, _)| r == role)
            .map(|(_, e)| e.as_str())
    }
}

/// The entities of the model kept in a store beside the primary, with that store's name.
pub fn kept_apart(kb: &KnowledgeBase, model: &Model, stores: &Stores) -> Vec<Apart> {
    let streams = model.entities.iter().filter_map(|e| {
        let engine = stores.keeping(e.stream.as_deref()?)?;
        Some((
            e,
            kb.engine(engine).map_or(engine.into(), |x| x.name.clone()),
        ))
    });
    streams
        .map(|(e, store)| Apart {
            entity: e.name.clone(),
            store,
            names: (e.owner.iter())
                .chain(e.references.iter().map(|r| &r.name))
                .cloned()
                .collect(),
        })
        .collect()
}

/// A model with only the notes that speak of these stores: a note in one engine's idiom
/// (`engines`) only for tables in that engine, a note about another store (`beside`)
/// only when the stack has it, and one for its absence (`unless_beside`) only when not.
pub fn fit_to_stores(kb: &KnowledgeBase, mut model: Model, stores: &Stores) -> Model {
    let is_one_of = |engine: &str, names: &[String]| {
        let names: Vec<crate::kb::Text> = names.iter().map(|n| n.as_str().into()).collect();
        kb.engine(engine)
            .is_some_and(|e| kb.engine_is_one_of(e, &names))
    };
    model.notes.retain(|note| {
        let tables = note.engines.is_empty() || is_one_of(&stores.tables, &note.engines);
        let in_stack = |names: &[String]| {
            (stores.stack.as_ref()).map(|stack| stack.iter().any(|e| is_one_of(e, names)))
        };
        let beside = note.beside.is_empty() || in_stack(&note.beside) != Some(false);
        // With no stack known (`dbadvise schema`), the note about the other store is
        // said and the one for its absence is not, so that the two never meet.
        let unless_beside =
            note.unless_beside.is_empty() || in_stack(&note.unless_beside) == Some(false);
        tables && beside && unless_beside
    });
    for apart in kept_apart(kb, &model, stores) {
        model = model.without_entity(&apart.entity);
    }
    model
}

/// The domain the answers pick, fitted to them and to the stack: the rules the database
/// must hold and the hot paths are the product's, whatever the primary store; the notes
/// are those that speak of the stack's stores.
pub fn product_domain(
    kb: &KnowledgeBase,
    answers: &Answers,
    stores: &Stores,
) -> Option<DomainSchema> {
    let id = archetype(kb, answers)?;
    let archetype = kb.archetypes.get(id)?;
    let model = fit(archetype.model(&kb.model_types())?.clone(), answers);
    let apart = kept_apart(kb, &model, stores);
    let mut domain = describe(id, &fit_to_stores(kb, model, stores));
    domain.apart = apart;
    set_index_forms(kb, stores, &mut domain);
    domain.read_from = (stores.reads.as_deref())
        .and_then(|e| kb.engine(e))
        .map(|e| e.name.clone());
    Some(domain)
}

/// The domain's tables for `schema`'s dialect, and what the answers changed in them;
/// none when the dialect writes no models or cannot write this one.
pub fn domain_schema(
    kb: &KnowledgeBase,
    answers: &Answers,
    schema: &Schema,
    (stores, engine_name): (&Stores, &str),
) -> Option<(String, Vec<Text>)> {
    let engine = stores.tables.as_str();
    let id = archetype(kb, answers)?;
    let dialect = schema.model.as_ref()?;
    if !dialect.domains_for.is_empty() && !dialect.domains_for.iter().any(|e| *e == engine) {
        return None;
    }
    // Checked when the knowledge base was: a model that no longer reads falls back to
    // the generic schema rather than failing the advice.
    let archetype = kb.archetypes.get(id)?;
    let model = archetype.model(&kb.model_types())?.clone();
    model::check_dialect(
        &model,
        &archetype.shown_as,
        &archetype.text,
        dialect,
        engine_name,
    )
    .ok()?;
    let model = fit_to_stores(kb, model, stores);
    let search = stores.searched_in_tables(answers);
    let (sql, tailored, _) = write(id, model, answers, (dialect, search), engine_name);
    Some((sql, tailored))
}

/// Your own model (`--model FILE`) as the starter schema of the primary store `engine`,
/// fitted to the answers: what is wrong with it, at its lines, else the schema.
pub fn own_schema(
    kb: &KnowledgeBase,
    answers: &Answers,
    stores: &Stores,
    (file, text): (&str, &str),
) -> Result<(super::StarterSchema, DomainSchema), model::ModelError> {
    let engine = stores.tables.as_str();
    let refuse = |line: Option<usize>, message: String| model::ModelError {
        file: file.to_string(),
        problems: vec![(line, message)],
    };
    let schema = kb
        .schemas
        .iter()
        .find(|s| s.model.is_some() && s.engines.iter().any(|e| e == engine))
        .ok_or_else(|| {
            refuse(
                None,
                format!(
                    "the advised primary store ({engine}) takes no tables of a relational model"
                ),
            )
        })?;
    let dialect = schema.model.as_ref().expect("found by its model");
    let name = kb.engine(engine).map_or(engine, |e| e.name.as_str());
    let model = model::read(file, text, &kb.model_types())?;
    model::check_dialect(&model, file, text, dialect, name)?;
    // The record's patterns are those its answers reach, and a domain's of the knowledge
    // base; a model of your own would have its list ignored, so it is refused.
    if !model.patterns.is_empty() {
        let line = text.lines().position(|l| l.starts_with("patterns:"));
        return Err(refuse(
            line.map(|i| i + 1),
            "`patterns:` is read only in the knowledge base's domains \
             (knowledge/archetypes/); remove it: the record lists the patterns your answers \
             reach"
                .into(),
        ));
    }
    if tenancy(answers) == Some("shared") && model.tenant.is_none() {
        return Err(refuse(
            None,
            "the answers say tenants share the tables (multi-tenant = shared): name the \
             entity whose rows are the tenants with `tenant: …`, so that its key leads \
             every table's keys"
                .into(),
        ));
    }
    let apart = kept_apart(kb, &model, stores);
    let model = fit_to_stores(kb, model, stores);
    let search = stores.searched_in_tables(answers);
    let (sql, tailored, mut domain) = write(file, model, answers, (dialect, search), name);
    domain.apart = apart;
    set_index_forms(kb, stores, &mut domain);
    let schema = super::StarterSchema {
        engine: engine.to_string(),
        name: name.to_string(),
        dialect: schema.dialect.clone(),
        schema: schema.id.clone(),
        sql,
        tailored,
        holds_domain: true,
    };
    Ok((schema, domain))
}

/// A checked model as tables of one dialect, fitted to the answers: the script, what the
/// answers changed in it, and what it holds. `search`: the tables get the full-text
/// indexes of their searched columns.
fn write(
    id: &str,
    model: Model,
    answers: &Answers,
    (dialect, search): (&crate::kb::ModelDialect, bool),
    engine_name: &str,
) -> (String, Vec<Text>, DomainSchema) {
    let tenant = model.tenant.clone();
    let model = fit(model, answers);
    let exposed = answers
        .get("id-exposure")
        .is_some_and(|a| a.iter().any(|v| v == "exposed" || v == "distributed"));
    let target = Target {
        dialect,
        engine: engine_name,
        ids: if exposed { Ids::Exposed } else { Ids::Internal },
        search,
        partition_by_time: partitions_by_time(dialect, answers),
    };
    // The script names the project, as the generic one does; its name escaped, so that
    // nothing in it leaves the comment.
    let mut named = model.clone();
    if let Some(project) = answers.project.as_deref().filter(|p| !p.trim().is_empty()) {
        named.title = format!(
            "Starter schema for {}: the {} domain",
            crate::safe_text::line(project.trim()),
            model.title
        );
    }
    let mut sql = ddl(&named, &target);
    // The event log is the record: its table beside the domain's, which are its
    // projections.
    let event_sourced =
        (dialect.event_store.as_ref()).is_some_and(|e| super::schema::holds(&e.when, answers));
    let events = event_sourced
        .then(|| crate::model::event_store(dialect, model.tenant.as_deref(), target.ids))
        .flatten();
    if let Some(events) = &events {
        sql.push_str(events);
    }
    // What the answers changed, in the dialect's words.
    let mut tailored = vec![if exposed {
        "ids-exposed"
    } else {
        "ids-internal"
    }];
    let partitioned = model.growing_tables().join(", ");
    if target.partition_by_time && !partitioned.is_empty() {
        let whole = dialect
            .time_partitions
            .as_ref()
            .is_some_and(|p| p.sql.is_none());
        tailored.push(if whole {
            "time-whole"
        } else {
            "time-partitioned"
        });
    }
    if events.is_some() {
        tailored.push("event-sourced");
    }
    if tenant.is_some() {
        tailored.push(match (tenancy(answers), model.catalog) {
            (Some("shared"), _) => "tenants-shared",
            (Some("isolated"), true) => "tenants-catalog",
            (Some("isolated"), false) => "tenants-isolated",
            _ => "tenants-one",
        });
    }
    let tailored = tailored
        .into_iter()
        .filter_map(|key| dialect.tailored.get(key))
        .map(|text| {
            let text = text.replace("{tenant}", tenant.as_deref().unwrap_or_default());
            Text::from(text.replace("{tables}", &partitioned))
        })
        .collect();
    (sql, tailored, describe(id, &model))
}

/// How the store of the hot reads (the primary, or the read model beside a log) serves
/// one, when not by a B-tree; one whose key would have a column that changes, when not
/// the same way; and what it adds for a key that leads with few values.
fn set_index_forms(kb: &KnowledgeBase, stores: &Stores, domain: &mut DomainSchema) {
    let reads = stores.reads.as_deref().unwrap_or(&stores.tables);
    if let Some(e) = kb.engine(reads) {
        domain.index_form = e.keyed_index.clone();
        domain.changing_form = e.changing_key.clone();
        domain.few_values_form = e.few_values_key.clone();
    }
    // Where the tables take partial indexes, a read of some rows indexes only those, on
    // its other columns, as the starter schema writes it; elsewhere it indexes them all.
    let dialect = kb.schema_for(reads).and_then(|s| s.model.as_ref());
    let partial = dialect.is_some_and(|d| d.partial_index.is_some());
    for path in &mut domain.paths {
        if !partial {
            path.only.clear();
        } else if !path.only.is_empty() {
            let only = &path.only;
            path.on.retain(|c| !only.iter().any(|(o, _)| o == c));
            path.few_values = None;
        }
    }
}

/// Whether `column` of `entity` takes few values (an enum or a flag).
fn has_few_values(entity: &model::Entity, column: &str) -> bool {
    (entity.attributes.iter())
        .any(|a| a.name == column && matches!(a.kind.as_str(), "enum" | "boolean"))
}

/// What a fitted model holds and keeps beside its tables.
fn describe(id: &str, model: &Model) -> DomainSchema {
    DomainSchema {
        archetype: id.to_string(),
        held: model.rules_held(),
        tenant: model.tenant.clone(),
        title: model.title.clone(),
        about: model.about.clone(),
        notes: model.notes.clone(),
        topics: model.topics.clone(),
        paths: model
            .entities
            .iter()
            .flat_map(|e| {
                // A tenant's rows are read within the tenant: its key leads, as in
                // the tables.
                let lead = model.tenant.clone().filter(|_| model.scoped(&e.name));
                e.indexes.iter().map(move |i| HotPath {
                    entity: e.name.clone(),
                    on: lead.iter().chain(&i.on).cloned().collect(),
                    serves: i.serves.clone(),
                    changes: i.changes.clone(),
                    few_values: (i.on.first())
                        .filter(|c| lead.is_none() && has_few_values(e, c))
                        .cloned(),
                    only: i.only.clone().into_iter().collect(),
                })
            })
            .collect(),
        personal: model
            .entities
            .iter()
            .filter(|e| e.attributes.iter().any(|a| a.personal))
            .map(|e| e.name.clone())
            .collect(),
        index_form: None,
        changing_form: None,
        few_values_form: None,
        read_from: None,
        apart: Vec::new(),
    }
}
