//! The checks of a model: names that resolve, owners that do not go round in a circle,
//! plain names and known types; and, for one dialect, its reserved words and the types
//! it lacks. Each problem at the line of the model's text where it is.

use std::collections::{BTreeMap, BTreeSet};

use super::{Model, ModelError};

/// The roles of the stores that keep a stream's rows beside the primary (`stream:`).
const STREAM_ROLES: [&str; 2] = ["time-series", "analytics"];

/// What one dialect cannot write of a checked model: a name it reserves, a type it
/// lacks. `engine` names it in the messages (`SQLite`).
pub fn check_dialect(
    model: &Model,
    file: &str,
    text: &str,
    dialect: &crate::kb::ModelDialect,
    engine: &str,
) -> Result<(), ModelError> {
    let lines = Lines(text);
    let mut problems = Vec::new();
    let reserved = |name: &str| dialect.reserved.iter().any(|r| r == name);
    for e in &model.entities {
        let at = lines.entity(&e.name);
        let mut say = |needle: &str, message: String| {
            problems.push((lines.within(at, needle).or(at), message));
        };
        if reserved(&e.name) {
            say(
                "name:",
                format!(
                    "`{}` is a reserved word in {engine}: name the entity otherwise                      (`{}s`, or a word of the domain)",
                    e.name, e.name
                ),
            );
        }
        for a in &e.attributes {
            if reserved(&a.name) {
                say(
                    &format!("{}:", a.name),
                    format!(
                        "attribute `{}.{}`: `{}` is a reserved word in {engine}; name it otherwise",
                        e.name, a.name, a.name
                    ),
                );
            }
            if let Some(instead) = dialect.lacks.get(&a.kind) {
                say(
                    &format!("{}:", a.name),
                    format!(
                        "attribute `{}.{}`: {engine} has no `{}` type: {instead}",
                        e.name, a.name, a.kind
                    ),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ModelError {
            file: file.to_string(),
            problems,
        })
    }
}

/// The names and links of a model that do not hold, each at its line.
pub(super) fn check(
    model: &Model,
    types: &BTreeSet<&str>,
    lines: &Lines,
) -> Vec<(Option<usize>, String)> {
    let mut problems = Vec::new();
    let names: Vec<&str> = model.entities.iter().map(|e| e.name.as_str()).collect();
    let unknown = |what: &str, name: &str| {
        format!(
            "{what} names the unknown entity `{name}`{}; the entities are {}",
            did_you_mean(name, names.iter().copied()),
            names.join(", ")
        )
    };
    let mut seen = BTreeSet::new();
    for e in &model.entities {
        let at = lines.entity(&e.name);
        let mut say = |needle: &str, message: String| {
            problems.push((lines.within(at, needle).or(at), message));
        };
        if !seen.insert(e.name.as_str()) {
            say("name:", format!("the entity `{}` is defined twice", e.name));
        }
        if !is_name(&e.name) {
            say("name:", bad_name("entity", &e.name));
        }
        if let Some(owner) = e.owner.as_deref().filter(|o| !names.contains(o)) {
            say("owner:", unknown(&format!("`{}`'s owner", e.name), owner));
        }
        for r in &e.references {
            if !names.contains(&r.entity.as_str()) {
                say(
                    &r.entity,
                    unknown(&format!("a reference of `{}`", e.name), &r.entity),
                );
            }
            if !is_name(&r.name) {
                say(&r.name, bad_name("reference", &r.name));
            }
        }
        for other in e.many.iter().filter(|m| !names.contains(&m.as_str())) {
            say(other, unknown(&format!("`{}`'s many", e.name), other));
        }
        for a in &e.attributes {
            if !is_name(&a.name) {
                say(&format!("{}:", a.name), bad_name("attribute", &a.name));
            }
            if !types.contains(a.kind.as_str()) {
                say(
                    &format!("{}:", a.name),
                    format!(
                        "attribute `{}.{}`: unknown type `{}`{}; the types are {}",
                        e.name,
                        a.name,
                        a.kind,
                        did_you_mean(&a.kind, types.iter().copied()),
                        types.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            if a.kind == "enum" && a.values.is_empty() {
                say(
                    &format!("{}:", a.name),
                    format!(
                        "attribute `{}.{}`: an enum needs its `values`",
                        e.name, a.name
                    ),
                );
            }
        }
        let attribute = |name: &str| e.attributes.iter().find(|a| a.name == name);
        for a in &e.attributes {
            let Some((state, values)) = &a.required_when else {
                continue;
            };
            let fits = attribute(state).is_some_and(|s| {
                s.kind == "enum"
                    && !values.is_empty()
                    && values.iter().all(|v| s.values.contains(v))
            });
            if !fits || !a.optional {
                say(
                    &format!("{}:", a.name),
                    format!(
                        "attribute `{}.{}`: `required_when` names one enum attribute of `{}` \
                         and some of its values, and the attribute is `optional: true`",
                        e.name, a.name, e.name
                    ),
                );
            }
        }
        if let Some(rule) = &e.no_overlap {
            for per in &rule.per {
                let known = e.references.iter().any(|r| r.name == *per)
                    || e.owner.as_deref() == Some(per.as_str());
                if !known {
                    say(
                        "no_overlap:",
                        format!(
                            "`{}`'s no_overlap is per `{per}`, which is neither a reference nor the owner of it",
                            e.name
                        ),
                    );
                }
            }
            for (name, values) in &rule.unless {
                let fits =
                    attribute(name).is_some_and(|a| values.iter().all(|v| a.values.contains(v)));
                if !fits || rule.unless.len() > 1 {
                    say(
                        "unless:",
                        format!(
                            "`{}`'s no_overlap: `unless` names one enum attribute of it and some of its values",
                            e.name
                        ),
                    );
                }
            }
            let kinds: Vec<Option<&str>> = [&rule.from, &rule.to]
                .iter()
                .map(|c| attribute(c).map(|a| a.kind.as_str()))
                .collect();
            let period = matches!(kinds[..], [Some(a), Some(b)] if a == b && (a == "timestamp" || a == "date"));
            if !period {
                say(
                    "no_overlap:",
                    format!(
                        "`{}`'s no_overlap runs from `{}` to `{}`, which must be two attributes \
                         of the same type, timestamp or date",
                        e.name, rule.from, rule.to
                    ),
                );
            }
        }
        if let Some(rule) = &e.gapless {
            let column = &rule.column;
            if attribute(column).is_none_or(|a| a.kind != "integer") {
                say(
                    "gapless:",
                    format!(
                        "`{}`'s gapless names `{column}`, which must be an integer attribute of it",
                        e.name
                    ),
                );
            }
            if let Some((state, values)) = &rule.when {
                let fits = attribute(state).is_some_and(|a| {
                    !values.is_empty() && values.iter().all(|v| a.values.contains(v))
                });
                if !fits {
                    say(
                        "gapless:",
                        format!(
                            "`{}`'s gapless numbers rows when `{state}` is one of {values:?}: it \
                             must be an enum attribute of it and the values some of its own",
                            e.name
                        ),
                    );
                }
                if attribute(column).is_some_and(|a| !a.optional) {
                    say(
                        "gapless:",
                        format!(
                            "`{}.{column}` is numbered only when the row reaches {values:?}: \
                             make it `optional: true`, empty until then",
                            e.name
                        ),
                    );
                }
            }
        }
        if let Some(rule) = &e.frozen {
            match attribute(&rule.column) {
                Some(a) if rule.values.iter().all(|v| a.values.contains(v)) && !rule.values.is_empty() => {}
                _ => say(
                    "frozen:",
                    format!(
                        "`{}`'s frozen names `{}` with {:?}: it must be an enum attribute of it and \
                         the values some of its own",
                        e.name, rule.column, rule.values
                    ),
                ),
            }
            let finals_fit = rule.final_states.iter().all(|s| rule.values.contains(s));
            if !finals_fit || (!rule.final_states.is_empty() && !rule.except.contains(&rule.column))
            {
                say(
                    "final:",
                    format!(
                        "`{}`'s frozen: `final` names some of the frozen states {:?}, and `{}` \
                         is in `except` (otherwise it cannot change in any of them)",
                        e.name, rule.values, rule.column
                    ),
                );
            }
            for name in rule.except.iter().filter(|n| attribute(n).is_none()) {
                say(
                    "except:",
                    format!(
                        "`{}`'s frozen excepts `{name}`, which is not an attribute of it",
                        e.name
                    ),
                );
            }
        }
        let own = |n: &String| attribute(n).is_some() || e.references.iter().any(|r| &r.name == n);
        for name in e.fixed.iter().filter(|n| !own(n)) {
            say(
                "fixed:",
                format!(
                    "`{}`'s fixed names `{name}`, which is not an attribute or reference of it",
                    e.name
                ),
            );
        }
        if let Some(problem) = super::sums::problem(model, e) {
            say("sums:", problem);
        }
        if let Some(rule) = &e.balanced {
            let lines_entity = model.entities.iter().find(|l| l.name == rule.lines);
            let owned = lines_entity.is_some_and(|l| l.owner.as_deref() == Some(e.name.as_str()));
            let amount = lines_entity
                .and_then(|l| l.attributes.iter().find(|a| a.name == rule.amount))
                .is_some_and(|a| matches!(a.kind.as_str(), "money" | "integer" | "decimal"));
            let state = attribute(&rule.column).is_some_and(|a| {
                !rule.values.is_empty() && rule.values.iter().all(|v| a.values.contains(v))
            });
            // Its lines change no more once it is posted: the frozen rule's parts.
            let frozen = e.frozen.as_ref().is_some_and(|f| {
                f.column == rule.column && rule.values.iter().all(|v| f.values.contains(v))
            });
            // `per` reaches, through one of the lines' references, a column of the
            // entity it points at.
            let per = rule.per.as_ref().is_none_or(|(reference, column)| {
                lines_entity
                    .and_then(|l| l.references.iter().find(|r| &r.name == reference))
                    .and_then(|r| model.entities.iter().find(|t| t.name == r.entity))
                    .is_some_and(|t| {
                        t.attributes.iter().any(|a| &a.name == column)
                            || t.references.iter().any(|r| &r.name == column)
                    })
            });
            if !per {
                say(
                    "per:",
                    format!(
                        "`{}`'s balanced: `per` must name a reference of `{}` and an attribute \
                         or reference of the entity it points at, e.g. `ledger_account.currency`",
                        e.name, rule.lines
                    ),
                );
            }
            if !owned || !amount || !state || !frozen {
                say(
                    "balanced:",
                    format!(
                        "`{}`'s balanced needs `lines`, an entity owned by it (`owner: {}`), \
                         `amount`, a money, integer or decimal attribute of those lines, and \
                         `when`, an enum attribute of `{}` with some of its values; and `{}` \
                         frozen in those states (`frozen: {{when: …}}`), so that its lines \
                         change no more",
                        e.name, e.name, e.name, e.name
                    ),
                );
            }
        }
        if let Some(role) = e.stream.as_deref().filter(|r| !STREAM_ROLES.contains(r)) {
            say(
                "stream:",
                format!(
                    "`{}`'s stream is `{role}`: the role of the store that keeps its rows, one of {}",
                    e.name,
                    STREAM_ROLES.join(", ")
                ),
            );
        }
        if let Some(column) = &e.grows {
            if let Some(why) = cannot_grow(model, e, column) {
                say(
                    "grows:",
                    format!(
                        "`{}` cannot be partitioned by time on `{column}`: {why}",
                        e.name
                    ),
                );
            }
        }
        for name in &e.search {
            if attribute(name).is_none_or(|a| a.kind != "text" && a.kind != "long-text") {
                say(
                    "search:",
                    format!(
                        "`{}` is searched by `{name}`, which must be a text or long-text attribute of it",
                        e.name
                    ),
                );
            }
        }
        for index in &e.indexes {
            for column in &index.on {
                if !names_column(e, column) {
                    say(
                        "indexes:",
                        format!(
                            "an index of `{}` names `{column}`, which is neither an attribute, a reference nor the owner of it",
                            e.name
                        ),
                    );
                }
            }
            for (column, values) in &index.only {
                let enumerated = (e.attributes.iter())
                    .find(|a| a.name == *column && a.kind == "enum" && index.on.contains(column));
                let Some(attribute) = enumerated else {
                    say(
                        "indexes:",
                        format!(
                            "an index of `{}` keeps the rows by `{column}`, which must be an enum attribute it is on ({})",
                            e.name,
                            index.on.join(", ")
                        ),
                    );
                    continue;
                };
                for value in values.iter().filter(|v| !attribute.values.contains(v)) {
                    say(
                        "indexes:",
                        format!(
                            "an index of `{}` keeps the rows whose `{column}` is `{value}`, which is not one of its values ({})",
                            e.name,
                            attribute.values.join(", ")
                        ),
                    );
                }
            }
            for column in index.changes.iter().filter(|c| !index.on.contains(c)) {
                say(
                    "indexes:",
                    format!(
                        "an index of `{}` says `{column}` changes, but is not on it (`changes` lists columns of `on`: {})",
                        e.name,
                        index.on.join(", ")
                    ),
                );
            }
        }
        for set in &e.unique {
            for column in set {
                if !names_column(e, column) {
                    say(
                        "unique:",
                        format!(
                            "`{}`'s unique names `{column}`, which is neither an attribute, a reference nor the owner of it",
                            e.name
                        ),
                    );
                }
            }
        }
    }
    if let Some(tenant) = model.tenant.as_deref().filter(|t| !names.contains(t)) {
        problems.push((lines.key("tenant"), unknown("`tenant`", tenant)));
    }
    for about in model.notes.iter().filter_map(|n| n.about.as_deref()) {
        if !names.contains(&about) {
            let line = lines.within(lines.key("notes"), &format!("about: {about}"));
            problems.push((line, unknown("a note's `about`", about)));
        }
    }
    if let Some(cycle) = ownership_cycle(model) {
        let first = &cycle[0];
        problems.push((
            lines.within(lines.entity(first), "owner:"),
            format!(
                "ownership goes round in a circle: {}; an entity cannot be part of itself \
                 (make one of the links a reference)",
                cycle.join(" is owned by ")
            ),
        ));
    }
    problems.sort_by_key(|(line, _)| line.unwrap_or(0));
    problems
}

/// Whether `column` is an attribute, a reference or the owner of `e`, or a timestamp
/// every table has.
fn names_column(e: &super::Entity, column: &str) -> bool {
    matches!(column, "created_at" | "updated_at")
        || e.attributes.iter().any(|a| a.name == column)
        || e.references.iter().any(|r| r.name == column)
        || e.owner.as_deref() == Some(column)
}

/// A chain of owners that comes back to where it started, if any.
fn ownership_cycle(model: &Model) -> Option<Vec<String>> {
    let owner: BTreeMap<&str, &str> = model
        .entities
        .iter()
        .filter_map(|e| e.owner.as_deref().map(|o| (e.name.as_str(), o)))
        .collect();
    for start in owner.keys() {
        let mut chain = vec![*start];
        let mut at = *start;
        while let Some(next) = owner.get(at) {
            if *next == *start {
                chain.push(next);
                return Some(chain.into_iter().map(str::to_string).collect());
            }
            if chain.contains(next) || chain.len() > owner.len() {
                break;
            }
            chain.push(next);
            at = next;
        }
    }
    None
}

fn did_you_mean<'a>(wrong: &str, ids: impl Iterator<Item = &'a str>) -> String {
    crate::suggest::nearest(wrong, ids)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

/// Lower-case letters, digits and underscores, starting with a letter: a name every
/// engine takes unquoted (reserved words are the dialect's to refuse).
fn is_name(name: &str) -> bool {
    name.len() <= 48
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn bad_name(what: &str, name: &str) -> String {
    format!(
        "the {what} name `{}` is not a plain name: use lower-case letters, digits and \
         underscores, starting with a letter, at most 48",
        crate::safe_text::line(name)
    )
}

/// Finds lines in the model's text: one pass per lookup, only when a problem is found.
pub(super) struct Lines<'a>(pub(super) &'a str);

impl Lines<'_> {
    /// The line of `name: {entity}`.
    pub(super) fn entity(&self, entity: &str) -> Option<usize> {
        self.0
            .lines()
            .position(|l| {
                let l = l.trim_start().trim_start_matches("- ").trim_start();
                l.strip_prefix("name:")
                    .is_some_and(|rest| rest.trim().trim_matches(['"', '\'']) == entity)
            })
            .map(|i| i + 1)
    }

    /// The first line from `from` (an entity's line) on that contains `needle`.
    pub(super) fn within(&self, from: Option<usize>, needle: &str) -> Option<usize> {
        let from = from?;
        crate::kb::locate::line_within_item(self.0, from, needle)
    }

    /// The line of a top-level key.
    fn key(&self, key: &str) -> Option<usize> {
        self.0
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map(|i| i + 1)
    }
}

/// Why `e` cannot be partitioned by time on `column`, if it cannot: a partitioned
/// table's keys must hold the partition column, so nothing may refer to its rows and
/// each of its unique sets must include the column.
fn cannot_grow(model: &Model, e: &super::Entity, column: &str) -> Option<String> {
    let timestamps: Vec<&str> = e
        .attributes
        .iter()
        .filter(|a| a.kind == "timestamp")
        .map(|a| a.name.as_str())
        .chain(["created_at"])
        .collect();
    if !timestamps.contains(&column) {
        return Some(format!(
            "`grows` names a timestamp attribute of it, or created_at{}; its timestamps are {}",
            did_you_mean(column, timestamps.iter().copied()),
            timestamps.join(", ")
        ));
    }
    let referring: Vec<&str> = model
        .entities
        .iter()
        .filter(|o| {
            o.owner.as_deref() == Some(e.name.as_str())
                || o.references.iter().any(|r| r.entity == e.name)
                || o.many.contains(&e.name)
        })
        .map(|o| o.name.as_str())
        .chain(e.many.iter().map(String::as_str))
        .collect();
    if !referring.is_empty() {
        return Some(format!(
            "{} refer to its rows, and a key to a partitioned table must hold its partition \
             column",
            referring.join(", ")
        ));
    }
    if let Some(a) = e.attributes.iter().find(|a| a.unique) {
        return Some(format!(
            "`{}` is unique on its own; make it unique together with `{column}` instead",
            a.name
        ));
    }
    e.unique
        .iter()
        .find(|set| !set.iter().any(|c| c == column))
        .map(|set| {
            format!(
                "its unique set [{}] lacks `{column}`, and a partitioned table's unique keys \
                 must hold the partition column",
                set.join(", ")
            )
        })
}
