//! `dbadvise schema --model FILE` (or `--archetype ID`): a domain model as tables for one
//! engine, or as a Mermaid or DBML diagram. The engine, how ids are exposed and whether
//! tenants share the tables come from the flags, else from the advice of `--answers`;
//! whether histories are partitioned by time, from `--answers` only.

use crate::cli::{ModelEngine, ModelFormat, ModelIds, SchemaArgs};
use crate::engine::advise_with_defaults;
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::{KnowledgeBase, Schema};
use crate::model::ddl::{ddl, Ids, Target};
use crate::model::{self, diagram};

pub fn run(kb: &KnowledgeBase, args: &SchemaArgs) -> Result<(), Error> {
    let (file, text) = source(kb, args)?;
    if args.format == ModelFormat::Yaml {
        if model::is_dbml(&file) {
            let message = "--format yaml prints a YAML model as it is written; this one \
                 is DBML (take --format sql, mermaid or dbml)";
            return Err(Error::at(Exit::Model, &file, None, message));
        }
        return super::emit(&text, args.output.as_deref(), args.force);
    }
    let types = kb.model_types();
    let model = model::read(&file, &text, &types)?;
    let given = match &args.answers {
        Some(path) => Some(crate::session::read_answers(kb, path)?),
        None => None,
    };
    let advice = given.as_ref().map(|a| advise_with_defaults(kb, a));
    let answer = |question: &str| {
        advice.as_ref().and_then(|a| {
            a.answers
                .iter()
                .find(|b| b.question == question)
                .map(|b| b.answer.to_string())
        })
    };
    let shared = answer("multi-tenant").as_deref() == Some("shared");
    // One organisation's tables need no tenant, and notes may not apply: the answers
    // decide, as in the advice.
    let model = match &given {
        Some(answers) => crate::engine::domain::fit(model, answers),
        None => model,
    };
    if shared && model.tenant.is_none() {
        let message = "the answers say tenants share the tables (multi-tenant = shared): \
             name the entity whose rows are the tenants with `tenant: …`, so that its \
             key leads every table's keys";
        return Err(Error::at(Exit::Model, &file, None, message));
    }
    let text = match args.format {
        ModelFormat::Yaml => unreachable!("written before the model is read"),
        ModelFormat::Mermaid => diagram::mermaid(&model),
        ModelFormat::Dbml => diagram::dbml(&model),
        ModelFormat::Sql => {
            let schema = chosen_schema(kb, args.engine, advice.as_ref())?;
            let dialect = schema.model.as_ref().expect("chosen for its model");
            // Only the notes in this engine's idiom, and about the stack's other stores
            // when the answers give a stack.
            use crate::engine::domain::Stores;
            let stores = Stores {
                tables: schema.engines[0].to_string(),
                stack: advice.as_ref().map(|a| a.engines()),
                reads: None,
                beside: (advice.as_ref()).map_or_else(Vec::new, Stores::beside_of),
                searched_beside: advice.as_ref().is_some_and(Stores::searched_beside),
            };
            let model = crate::engine::domain::fit_to_stores(kb, model.clone(), &stores);
            let engine = kb
                .engine(&schema.engines[0])
                .map_or(schema.id.as_str(), |e| e.name.as_str());
            model::check_dialect(&model, &file, &text, dialect, engine)?;
            let ids = match (args.ids, answer("id-exposure").as_deref()) {
                (Some(ModelIds::Exposed), _) | (None, Some("exposed" | "distributed")) => {
                    Ids::Exposed
                }
                _ => Ids::Internal,
            };
            ddl(
                &model,
                &Target {
                    dialect,
                    engine,
                    ids,
                    // The model's searched attributes get word search unless the
                    // answers given say nobody searches text, or send it to a search
                    // engine beside the tables.
                    search: given.as_ref().is_none_or(crate::engine::domain::searches)
                        && !stores.searched_beside,
                    partition_by_time: given.as_ref().is_some_and(|answers| {
                        crate::engine::domain::partitions_by_time(dialect, answers)
                    }),
                },
            )
        }
    };
    super::emit(&text, args.output.as_deref(), args.force)
}

/// The starter schema whose dialect writes the model: the engine named, else the
/// advised primary store's, else PostgreSQL's.
fn chosen_schema<'kb>(
    kb: &'kb KnowledgeBase,
    engine: Option<ModelEngine>,
    advice: Option<&crate::engine::Advice>,
) -> Result<&'kb Schema, Error> {
    let with_model = || kb.schemas.iter().filter(|s| s.model.is_some());
    let id = match (engine, advice.and_then(|a| a.primary())) {
        (Some(ModelEngine::Postgresql), _) => "postgresql".to_string(),
        (Some(ModelEngine::Mysql), _) => "mysql".to_string(),
        (Some(ModelEngine::Sqlite), _) => "sqlite".to_string(),
        (None, Some(primary)) => {
            return with_model()
                .find(|s| s.engines.iter().any(|e| *e == primary.engine))
                .ok_or_else(|| {
                    Error::new(
                        Exit::Model,
                        format!(
                            "the advised primary store, {}, takes no tables of a relational \
                             model: name one with --engine (postgresql, mysql, sqlite)",
                            primary.name
                        ),
                    )
                });
        }
        (None, None) => "postgresql".to_string(),
    };
    with_model()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::new(Exit::KnowledgeBase, format!("no model dialect `{id}`")))
}

/// The one archetype whose `product` option's label has words starting with those
/// given: `ride-hailing` finds `live-locations`, `cms` finds `content`.
fn by_label<'kb>(kb: &'kb KnowledgeBase, given: &str) -> Option<&'kb str> {
    // Words apart, lower case, so that the given words are looked for at a word's start:
    // `art` finds "articles", not "carts".
    let words = |text: &str| -> String {
        let text = text.to_lowercase();
        let parts: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        format!(" {}", parts.join(" "))
    };
    let given = words(given);
    if given.trim().is_empty() {
        return None;
    }
    let question = kb.question(crate::kb::PRODUCT_QUESTION)?;
    let mut found = question
        .options
        .iter()
        .filter(|o| kb.archetypes.contains_key(o.id.as_str()) && words(&o.label).contains(&given));
    let first = found.next()?;
    // Only a single match is a suggestion.
    found.next().is_none().then_some(first.id.as_str())
}

/// The model's name for messages and its text: the file, or the archetype of the
/// knowledge base.
fn source(kb: &KnowledgeBase, args: &SchemaArgs) -> Result<(String, String), Error> {
    if let Some(id) = &args.archetype {
        let Some(archetype) = kb.archetypes.get(id) else {
            let ids: Vec<&str> = kb.archetypes.keys().map(String::as_str).collect();
            // The domain whose words start with those given, else the nearest spelling.
            let near = by_label(kb, id)
                .or_else(|| crate::suggest::nearest(id, ids.iter().copied()))
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err(Error::new(
                Exit::Model,
                format!(
                    "unknown archetype `{}`{near}; the archetypes are {}",
                    crate::safe_text::line(id),
                    ids.join(", ")
                ),
            ));
        };
        return Ok((archetype.shown_as.clone(), archetype.text.to_string()));
    }
    let path = args
        .model
        .as_deref()
        .expect("clap requires --model or --archetype");
    let file = path.display().to_string();
    let text = crate::limits::read_text(path, crate::limits::MODEL_FILE_BYTES, "a model")
        .map_err(|e| Error::read(Exit::Model, path, e))?;
    Ok((file, text))
}
