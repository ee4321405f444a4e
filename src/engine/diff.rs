//! What changes between two sets of advice: the what-if view and `dbadvise diff`.
//! Pure: compares two `Advice` values, nothing else.

use serde::Serialize;

use super::advise::{Advice, PatternAdvice};
use crate::kb::{KnowledgeBase, Text};

/// A stack role whose engine changed (or that appeared or went away).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentChange {
    pub role: Text,
    /// Engine names, `None` when the role is absent on that side.
    pub before: Option<Text>,
    pub after: Option<Text>,
}

/// A tree whose outcomes changed: the outcomes reached on one side only. A tree may
/// reach several outcomes (one per index kind, say), so this is a set difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionChange {
    pub tree: Text,
    pub tree_title: Text,
    pub before: Vec<Text>,
    pub after: Vec<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Added {
    pub added: Vec<Text>,
    pub removed: Vec<Text>,
}

impl Added {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AdviceDiff {
    pub stack: Vec<ComponentChange>,
    pub decisions: Vec<DecisionChange>,
    /// Pattern titles.
    pub indexes: Added,
    pub patterns: Added,
    pub checklist: Added,
    /// The CAP stance of the primary store, before and after, when it changed.
    pub cap: Option<(Text, Text)>,
}

impl AdviceDiff {
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
            && self.decisions.is_empty()
            && self.indexes.is_empty()
            && self.patterns.is_empty()
            && self.checklist.is_empty()
            && self.cap.is_none()
    }
}

fn titles(list: &[PatternAdvice]) -> Vec<Text> {
    list.iter().map(|p| p.title.clone()).collect()
}

fn added_removed(before: &[Text], after: &[Text]) -> Added {
    Added {
        added: after
            .iter()
            .filter(|a| !before.contains(a))
            .cloned()
            .collect(),
        removed: before
            .iter()
            .filter(|b| !after.contains(b))
            .cloned()
            .collect(),
    }
}

fn primary_cap(kb: &KnowledgeBase, advice: &Advice) -> Option<Text> {
    let engine = kb.engine(&advice.primary()?.engine)?;
    Some(engine.cap.clone())
}

/// Engine names per role, in stack order; a role may hold several engines.
fn roles(advice: &Advice) -> Vec<(Text, Vec<Text>)> {
    let mut out: Vec<(Text, Vec<Text>)> = Vec::new();
    for c in &advice.stack {
        match out.iter_mut().find(|(role, _)| *role == c.role) {
            Some((_, names)) => names.push(c.name.clone()),
            None => out.push((c.role.clone(), vec![c.name.clone()])),
        }
    }
    out
}

pub fn diff(kb: &KnowledgeBase, before: &Advice, after: &Advice) -> AdviceDiff {
    let mut result = AdviceDiff::default();
    let (roles_before, roles_after) = (roles(before), roles(after));
    let joined = |names: Option<&Vec<Text>>| names.map(|n| Text::from(n.join(" + ")));
    let mut role_ids: Vec<&Text> = roles_before.iter().map(|(r, _)| r).collect();
    role_ids.extend(
        roles_after
            .iter()
            .map(|(r, _)| r)
            .filter(|r| !roles_before.iter().any(|(b, _)| b == *r)),
    );
    for role in role_ids {
        let find = |list: &[(Text, Vec<Text>)]| {
            joined(list.iter().find(|(r, _)| r == role).map(|(_, n)| n))
        };
        let (b, a) = (find(&roles_before), find(&roles_after));
        if b != a {
            result.stack.push(ComponentChange {
                role: role.clone(),
                before: b,
                after: a,
            });
        }
    }
    let mut trees: Vec<(&Text, &Text)> = Vec::new();
    for d in before.decisions.iter().chain(&after.decisions) {
        if !trees.iter().any(|(t, _)| **t == d.tree) {
            trees.push((&d.tree, &d.tree_title));
        }
    }
    for (tree, title) in trees {
        let outcomes = |a: &Advice| -> Vec<Text> {
            a.decisions
                .iter()
                .filter(|d| d.tree == *tree)
                .map(|d| d.title.clone())
                .collect()
        };
        let changed = added_removed(&outcomes(before), &outcomes(after));
        if !changed.is_empty() {
            result.decisions.push(DecisionChange {
                tree: tree.clone(),
                tree_title: title.clone(),
                before: changed.removed,
                after: changed.added,
            });
        }
    }
    result.indexes = added_removed(&titles(&before.indexes), &titles(&after.indexes));
    result.patterns = added_removed(&titles(&before.patterns), &titles(&after.patterns));
    result.checklist = added_removed(&before.checklist, &after.checklist);
    let (cap_before, cap_after) = (primary_cap(kb, before), primary_cap(kb, after));
    if cap_before != cap_after {
        result.cap = Some((
            cap_before.unwrap_or_else(|| "(none)".into()),
            cap_after.unwrap_or_else(|| "(none)".into()),
        ));
    }
    result
}
