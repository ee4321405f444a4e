//! Overlays change items in place: an item of a `--kb` directory whose id the knowledge
//! base already has needs only the fields it changes. Its fields replace the item's,
//! maps merged key by key (`ratings: {acid: good}` changes one rating), lists whole.

use serde::Serialize;
use serde_yaml::{Mapping, Value};

use super::KnowledgeBase;

/// Fills each item of `file` whose id `kb` already has with the fields it leaves out.
pub fn complete_partial_items(kb: &KnowledgeBase, file: &mut Value) {
    let Value::Mapping(lists) = file else { return };
    for (name, list) in lists.iter_mut() {
        let (Some(name), Value::Sequence(items)) = (name.as_str(), list) else {
            continue;
        };
        for item in items.iter_mut() {
            let Some(id) = item.get("id").and_then(Value::as_str).map(str::to_string) else {
                continue;
            };
            if let Some(mut base) = base_item(kb, name, &id) {
                merge(&mut base, std::mem::take(item));
                *item = base;
            }
        }
    }
}

/// The knowledge base's item of list `name` with this id, as YAML.
fn base_item(kb: &KnowledgeBase, name: &str, id: &str) -> Option<Value> {
    fn as_value<T: Serialize>(item: Option<&T>) -> Option<Value> {
        item.and_then(|i| serde_yaml::to_value(i).ok())
    }
    match name {
        "questions" => as_value(kb.questions.iter().find(|x| x.id == id)),
        "trees" => as_value(kb.trees.iter().find(|x| x.id == id)),
        "criteria" => as_value(kb.criteria.iter().find(|x| x.id == id)),
        "engines" => as_value(kb.engines.iter().find(|x| x.id == id)),
        "patterns" => as_value(kb.patterns.iter().find(|x| x.id == id)),
        "topics" => as_value(kb.topics.iter().find(|x| x.id == id)),
        "schemas" => as_value(kb.schemas.iter().find(|x| x.id == id)),
        "capabilities" => as_value(kb.capabilities.iter().find(|x| x.id == id)),
        "needs" => as_value(kb.needs.iter().find(|x| x.id == id)),
        "rules" => as_value(kb.rules.iter().find(|x| x.id == id)),
        "review_rules" => as_value(kb.review_rules.iter().find(|x| x.id == id)),
        "review_answers" => as_value(kb.review_answers.iter().find(|x| x.id == id)),
        _ => None,
    }
}

fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Mapping(base), Value::Mapping(over)) => merge_maps(base, over),
        (base, over) => *base = over,
    }
}

fn merge_maps(base: &mut Mapping, over: Mapping) {
    for (key, value) in over {
        match base.get_mut(&key) {
            Some(existing) if existing.is_mapping() && value.is_mapping() => merge(existing, value),
            _ => {
                base.insert(key, value);
            }
        }
    }
}
