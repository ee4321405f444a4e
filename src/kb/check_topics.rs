//! Checks of the topic library: areas, links between topics, aliases, and the topics
//! the rest of the knowledge base names.

use std::collections::BTreeSet;

use super::check::unknown;
use super::model::TOPIC_AREAS;
use super::{KnowledgeBase, Origin, Problem};

/// Topics: a known area, related topics and snippets that exist, and every link to a
/// topic from a question, tree, engine or pattern resolves. A topic nothing links to
/// is one a junior could only find by browsing: it is reported too.
pub(super) fn check_topics(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let topic_ids = || kb.topics.iter().map(|t| t.id.as_str());
    let mut linked: BTreeSet<&str> = BTreeSet::new();
    let links = |what: String, origin: &Origin, ids: &[String], problems: &mut Vec<Problem>| {
        for id in ids {
            if kb.topic(id).is_none() {
                problems
                    .push(origin.problem(format!("{what}: {}", unknown("topic", id, topic_ids()))));
            }
        }
    };
    for q in &kb.questions {
        links(
            format!("question `{}`", q.id),
            &kb.origins.questions[q.id.as_str()],
            &q.topics,
            problems,
        );
    }
    for t in &kb.trees {
        links(
            format!("tree `{}`", t.id),
            &kb.origins.trees[t.id.as_str()],
            &t.topics,
            problems,
        );
    }
    for e in &kb.engines {
        links(
            format!("engine `{}`", e.id),
            &kb.origins.engines[e.id.as_str()],
            &e.topics,
            problems,
        );
    }
    for p in &kb.patterns {
        links(
            format!("pattern `{}`", p.id),
            &kb.origins.patterns[p.id.as_str()],
            &p.topics,
            problems,
        );
    }
    for topic in &kb.topics {
        let origin = &kb.origins.topics[topic.id.as_str()];
        links(
            format!("topic `{}` related", topic.id),
            origin,
            &topic.related,
            problems,
        );
        if !TOPIC_AREAS.contains(&topic.area.as_str()) {
            problems.push(origin.problem(format!(
                "topic `{}`: {} (areas: {})",
                topic.id,
                unknown("area", &topic.area, TOPIC_AREAS.iter().copied()),
                TOPIC_AREAS.join(", ")
            )));
        }
        for snippet in &topic.snippets {
            if !kb.snippets.contains_key(snippet.as_str()) {
                let msg = unknown("snippet", snippet, kb.snippets.keys().map(|s| s.as_str()));
                problems.push(origin.problem(format!("topic `{}`: {msg}", topic.id)));
            }
        }
    }
    let all_links = kb
        .questions
        .iter()
        .flat_map(|q| &q.topics)
        .chain(kb.trees.iter().flat_map(|t| &t.topics))
        .chain(kb.engines.iter().flat_map(|e| &e.topics))
        .chain(kb.patterns.iter().flat_map(|p| &p.topics));
    linked.extend(all_links.map(|s| s.as_str()));
    let from_archetypes = super::check_archetypes::linked_topics(kb);
    linked.extend(from_archetypes.iter().map(String::as_str));
    for topic in &kb.topics {
        linked.extend(
            topic
                .related
                .iter()
                .filter(|r| **r != topic.id)
                .map(|s| s.as_str()),
        );
    }
    for topic in kb.topics.iter().filter(|t| !linked.contains(t.id.as_str())) {
        problems.push(kb.origins.topics[topic.id.as_str()].problem(format!(
            "topic `{}` is not linked from any question, tree, engine, pattern, archetype or other topic",
            topic.id
        )));
    }
    check_topic_aliases(kb, problems);
}

/// A topic's aliases name it alone: none is empty, another topic's id, or another
/// topic's alias (in any case, as `explain` compares them).
fn check_topic_aliases(kb: &KnowledgeBase, problems: &mut Vec<Problem>) {
    let mut seen: std::collections::HashMap<String, &str> = Default::default();
    for topic in &kb.topics {
        let origin = &kb.origins.topics[topic.id.as_str()];
        for alias in &topic.aliases {
            let key = super::model::topic_slug(alias);
            let clash = if key.is_empty() {
                Some("is empty".to_string())
            } else if let Some(other) = kb.topics.iter().find(|t| t.id.to_lowercase() == key) {
                Some(format!("is the id of topic `{}`", other.id))
            } else {
                match seen.insert(key, &topic.id) {
                    Some(other) if other == topic.id => Some("is listed twice".to_string()),
                    Some(other) => Some(format!("is also an alias of topic `{other}`")),
                    None => None,
                }
            };
            if let Some(clash) = clash {
                problems
                    .push(origin.problem(format!("topic `{}`: alias `{alias}` {clash}", topic.id)));
            }
        }
    }
}
