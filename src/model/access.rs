//! The indexes of a model's hot reads (`indexes:`), as one dialect writes them: the
//! tenant's key first, and only the rows a read wants (`where:`) where the engine has
//! partial indexes.

use super::ddl::{column_of, index_name};
use super::rules::quoted;
use super::Entity;
use crate::kb::ModelDialect;

/// The columns of each whole index the hot reads need (unless a unique key starts with
/// them), and the statements of the partial ones; each read's comment goes to `comment`.
pub(super) fn indexes(
    d: &ModelDialect,
    e: &Entity,
    lead: &[String],
    unique_keys: &[Vec<String>],
    comment: &mut Vec<String>,
) -> (Vec<Vec<String>>, Vec<String>) {
    let mut access: Vec<Vec<String>> = Vec::new();
    // Partial indexes serve only their rows, so they cover no foreign key's lookups.
    let mut partial: Vec<String> = Vec::new();
    let column_of = |name: &String| column_of(d, e, name);
    for pattern in &e.indexes {
        let mut columns = lead.to_vec();
        // An engine with partial indexes keeps only the rows the read wants, on the
        // other columns.
        let template = d
            .partial_index
            .as_ref()
            .filter(|_| !pattern.only.is_empty());
        let kept = |name: &&String| template.is_none() || !pattern.only.contains_key(*name);
        columns.extend(pattern.on.iter().filter(kept).map(column_of));
        let Some(template) = template else {
            comment.push(format!(
                "Indexed for {}: ({}).",
                pattern.serves.trim_end_matches('.'),
                columns.join(", ")
            ));
            if !unique_keys.iter().any(|u| u.starts_with(&columns)) && !access.contains(&columns) {
                access.push(columns);
            }
            continue;
        };
        let condition = (pattern.only.iter())
            .map(|(column, values)| match values.as_slice() {
                [_] => format!("{} = {}", column_of(column), quoted(values)),
                _ => format!("{} IN ({})", column_of(column), quoted(values)),
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        comment.push(format!(
            "Indexed for {}: ({}) WHERE {condition}.",
            pattern.serves.trim_end_matches('.'),
            columns.join(", ")
        ));
        let values = pattern.only.values().flatten().cloned();
        let named: Vec<String> = columns.iter().cloned().chain(values).collect();
        partial.push(
            template
                .replace("{name}", &index_name(&e.name, &named))
                .replace("{table}", &e.name)
                .replace("{columns}", &columns.join(", "))
                .replace("{condition}", &condition),
        );
    }
    (access, partial)
}
