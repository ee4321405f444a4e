//! The starter schema of a domain archetype: when the answers say what the product does
//! (`product`), its model from `knowledge/archetypes/` as tables in the primary store's
//! dialect, fitted to the answers: one organisation's tables lose the tenant, keys follow
//! how ids are exposed. The rules the model holds come back as data for the record.

use serde::Serialize;

use super::answers::Answers;
use crate::kb::{KnowledgeBase, Schema, Text, NO_ARCHETYPE, PRODUCT_QUESTION};
use crate::model::ddl::{ddl, Ids, Target};
use crate::model::{self, Held, Model, Note};

/// The domain a starter schema was written from.
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

/// Whether the answers say many tenants share the tables.
fn shared(answers: &Answers) -> bool {
    answers
        .get("multi-tenant")
        .is_some_and(|a| a.iter().any(|v| v == "shared"))
}

/// The archetype's model fitted to the answers (without its tenant unless tenants share
/// the tables), and the tenant entity it was written with.
pub fn fitted_model(
    kb: &KnowledgeBase,
    id: &str,
    answers: &Answers,
) -> Option<(Model, Option<String>)> {
    // Checked when the knowledge base was: a model that no longer reads falls back to
    // the generic schema rather than failing the advice.
    let model = kb.archetypes.get(id)?.model(&kb.model_types())?.clone();
    let tenant = model.tenant.clone();
    let fitted = if shared(answers) {
        model
    } else {
        model.without_tenant()
    };
    Some((fitted, tenant))
}

/// The domain's tables for `schema`'s dialect, and what they hold; none when the
/// dialect writes no models or cannot write this one.
pub fn domain_schema(
    kb: &KnowledgeBase,
    answers: &Answers,
    schema: &Schema,
    (engine, engine_name): (&str, &str),
) -> Option<(String, Vec<Text>, DomainSchema)> {
    let id = archetype(kb, answers)?;
    let dialect = schema.model.as_ref()?;
    if !dialect.domains_for.is_empty() && !dialect.domains_for.iter().any(|e| *e == engine) {
        return None;
    }
    let (model, tenant) = fitted_model(kb, id, answers)?;
    let archetype = &kb.archetypes[id];
    model::check_dialect(
        &model,
        &archetype.shown_as,
        &archetype.text,
        dialect,
        engine_name,
    )
    .ok()?;
    let exposed = answers
        .get("id-exposure")
        .is_some_and(|a| a.iter().any(|v| v == "exposed" || v == "distributed"));
    let target = Target {
        dialect,
        engine: engine_name,
        ids: if exposed { Ids::Exposed } else { Ids::Internal },
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
    let sql = ddl(&named, &target);
    // What the answers changed, in the dialect's words.
    let mut tailored = vec![if exposed {
        "ids-exposed"
    } else {
        "ids-internal"
    }];
    if tenant.is_some() {
        tailored.push(if shared(answers) {
            "tenants-shared"
        } else {
            "tenants-one"
        });
    }
    let tailored = tailored
        .into_iter()
        .filter_map(|key| dialect.tailored.get(key))
        .map(|text| Text::from(text.replace("{tenant}", tenant.as_deref().unwrap_or_default())))
        .collect();
    let domain = DomainSchema {
        archetype: id.to_string(),
        held: model.rules_held(),
        tenant: model.tenant.clone(),
        title: model.title,
        about: model.about,
        notes: model.notes,
        topics: model.topics,
    };
    Some((sql, tailored, domain))
}
