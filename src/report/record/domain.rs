//! The product's domain as the record words it: the rules its tables hold (named in the
//! Context) and what stays beside the tables, or, where the starter schema cannot hold
//! its tables, the rules the design must hold in the primary store's own terms.

use serde::Serialize;

use crate::engine::Advice;
use crate::model::Held;
use crate::report::words::domain as words;

#[derive(Debug, Clone, Serialize)]
pub struct RecordDomain {
    /// `Invoicing and billing`.
    pub title: String,
    /// The archetype's id (`invoicing`), or the model file it was read from.
    pub archetype: String,
    /// Whether the starter schema holds its tables; when not, the primary store (named
    /// in `engine`) is not one whose tables dbadvise writes from a model.
    pub tables: bool,
    /// The primary store's name.
    pub engine: String,
    /// Each rule the tables hold, as a phrase.
    pub held: Vec<String>,
    /// The hot paths and what stays out of the tables, each with its lesson.
    pub notes: Vec<RecordNote>,
    /// The entities that keep personal data, as words (`bank account`).
    pub personal: Vec<String>,
    /// The index plan's rows for the domain's hot reads.
    pub paths: Vec<RecordPath>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordPath {
    /// "a rider's trips, newest first".
    pub access: String,
    /// How the primary store serves it: "B-tree on trip (rider, created at), in that
    /// order".
    pub index: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordNote {
    pub text: String,
    /// The topic that explains it (`dbadvise explain …`).
    pub topic: Option<String>,
}

pub fn domain(advice: &Advice) -> Option<RecordDomain> {
    let d = advice.domain.as_ref()?;
    let mut rules: Vec<&Held> = d
        .held
        .iter()
        .filter(|r| !matches!(r, Held::NeverNegative { .. }))
        .collect();
    rules.sort_by_key(|r| order(r));
    let mut phrases: Vec<String> = rules.into_iter().map(held).collect();
    // The counts kept from going negative, in one phrase rather than one each.
    let counts: Vec<String> = d
        .held
        .iter()
        .filter_map(|r| match r {
            Held::NeverNegative { entity, columns } => Some(
                columns
                    .iter()
                    .map(|c| format!("{} {}", entity.replace('_', " "), c.replace('_', " ")))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    if !counts.is_empty() {
        phrases.push(format!("never below zero: {}", counts.join(", ")));
    }
    Some(RecordDomain {
        paths: d
            .paths
            .iter()
            .map(|p| {
                let mut index = words::index(
                    (d.index_form.as_deref(), d.changing_form.as_deref()),
                    &p.entity.replace('_', " "),
                    &words_of(&p.on),
                    &words_of(&p.changes),
                );
                if !p.only.is_empty() {
                    index = words::partial(&index, &p.only);
                }
                if let (Some(form), Some(column)) = (&d.few_values_form, &p.few_values) {
                    index = words::few_values(&index, form, &column.replace('_', " "));
                }
                RecordPath {
                    access: sentence_case(&p.serves),
                    index: match &d.read_from {
                        Some(store) => words::in_read_model(&index, store),
                        None => index,
                    },
                }
            })
            .collect(),
        personal: d.personal.iter().map(|e| e.replace('_', " ")).collect(),
        title: d.title.clone(),
        archetype: d.archetype.clone(),
        tables: advice
            .starter_schema
            .as_ref()
            .is_some_and(|s| s.holds_domain),
        engine: advice
            .primary()
            .map(|p| p.name.to_string())
            .unwrap_or_default(),
        held: phrases,
        notes: (d.apart.iter())
            .map(|a| RecordNote {
                text: words::kept_apart(&a.entity, &a.store, &a.names),
                topic: None,
            })
            .chain(d.notes.iter().map(|n| RecordNote {
                text: n.text.trim().to_string(),
                topic: n.topic.clone(),
            }))
            .collect(),
    })
}

/// Column names as words, in a list: "state, opened at".
fn words_of(columns: &[String]) -> String {
    let words: Vec<String> = columns.iter().map(|c| c.replace('_', " ")).collect();
    words.join(", ")
}

/// The kinds in the order a reader weighs them: what breaks a business first.
fn order(rule: &Held) -> u8 {
    match rule {
        Held::NoOverlap { .. } => 0,
        Held::Balanced { .. } => 1,
        Held::Gapless { .. } => 2,
        Held::Frozen { .. } => 3,
        Held::Unique { .. } => 4,
        Held::NeverNegative { .. } => 5,
    }
}

/// One rule as a phrase: "the invoice number runs 1, 2, 3… without gaps per account".
pub fn held(rule: &Held) -> String {
    let name = |n: &str| n.replace('_', " ");
    let words = |names: &[String]| -> String {
        let names: Vec<String> = names.iter().map(|n| name(n)).collect();
        match names.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        }
    };
    let states = |values: &[String]| match values {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        [] => String::new(),
    };
    match rule {
        Held::NoOverlap { entity, per } => format!(
            "no two {} rows of one {} overlap in time",
            name(entity),
            words(per)
        ),
        Held::Gapless {
            entity,
            column,
            per,
        } => {
            let per = per
                .as_ref()
                .map(|t| format!(" per {}", name(t)))
                .unwrap_or_default();
            format!(
                "the {} {} runs 1, 2, 3… without gaps{per}",
                name(entity),
                name(column)
            )
        }
        Held::Frozen {
            entity,
            values,
            parts,
        } => format!(
            "{} rows that are {} never change{}",
            name(entity),
            states(values),
            if *parts { ", nor do their parts" } else { "" }
        ),
        Held::Balanced {
            entity,
            lines,
            values,
            per,
        } => format!(
            "a {} becomes {} only when its {} rows sum to zero{}",
            name(entity),
            states(values),
            name(lines),
            per.as_ref()
                .map(|column| format!(" in each {}", name(column)))
                .unwrap_or_default()
        ),
        Held::NeverNegative { entity, columns } => {
            let verb = if columns.len() > 1 { "go" } else { "goes" };
            format!(
                "{} {} never {verb} below zero",
                name(entity),
                words(columns)
            )
        }
        // A table of keys unique by its own key (idempotency_key by idem_key): the key
        // is stored once, rather than "one idempotency key per idem key".
        Held::Unique {
            entity,
            columns,
            only: None,
        } if columns.len() == 1
            && columns[0]
                .rsplit('_')
                .next()
                .is_some_and(|last| entity.ends_with(last)) =>
        {
            format!("each {} is stored once", name(&columns[0]))
        }
        Held::Unique {
            entity,
            columns,
            only: None,
        } => format!("one {} per {}", name(entity), words(columns)),
        Held::Unique {
            entity,
            columns,
            only: Some(value),
        } => format!(
            "at most one {} {} per {}",
            name(value),
            name(entity),
            words(columns)
        ),
    }
}

/// "a rider's trips" as a table cell beside the others: "A rider's trips".
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unique(entity: &str, columns: &[&str], only: Option<&str>) -> String {
        held(&Held::Unique {
            entity: entity.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            only: only.map(str::to_string),
        })
    }

    #[test]
    fn a_unique_key_is_said_as_the_rule_it_holds() {
        assert_eq!(
            unique("payment", &["idem_key"], None),
            "one payment per idem key"
        );
        // The table of keys itself: its key is stored once.
        assert_eq!(
            unique("idempotency_key", &["idem_key"], None),
            "each idem key is stored once"
        );
        // A one-value optional column in the key binds only the rows that hold it.
        assert_eq!(
            unique("trip", &["driver"], Some("active")),
            "at most one active trip per driver"
        );
        assert_eq!(
            unique("post_like", &["post", "profile"], None),
            "one post like per post and profile"
        );
    }
}
