//! The history table of an audited entity: a copy of each version of its rows, with the
//! operation and who made it, written by the dialect's trigger where it has one.

use super::ddl::{column_name, index, partition, time_partitions, Table, Target};
use super::{Entity, Model};

/// Every change to an audited entity, kept after the row is gone: no foreign keys, no
/// constraints but the operation's, written by the application or a trigger in the
/// transaction that changes the row.
pub(super) fn history_table(model: &Model, e: &Entity, to: &Target) -> Table {
    let d = to.dialect;
    let reference = &d.reference[to.ids.key()];
    let name = format!("{}_history", e.name);
    let written = match &d.history_trigger {
        Some(trigger) => super::rules::fill(&trigger.why, &[("table", &e.name)]),
        None => format!(
            "Every insert, update and delete of {}, kept for audit: write a row, with who \
             made the change, in the same transaction as the change. No foreign keys: the \
             history outlives the rows; no personal columns, so that it survives an \
             erasure.",
            e.name
        ),
    };
    let mut t = Table {
        name,
        comment: vec![written],
        ..Table::default()
    };
    let partitions = time_partitions(to);
    let key = partitions.map_or(&d.key["internal"], |p| &p.key["internal"]);
    t.lines.push(format!("history_id {key}"));
    // The row's copy: its id, its keys and its attributes but the personal ones.
    t.lines.push(format!("id {reference} NOT NULL"));
    let mut copied = vec!["id".to_string()];
    for k in model.foreign_keys(e) {
        t.lines.push(format!("{} {reference}", k.column));
        copied.push(k.column);
    }
    for a in e.attributes.iter().filter(|a| !a.personal) {
        let name = column_name(d, a);
        t.lines
            .push(format!("{name} {}", d.types[a.kind.as_str()].sql));
        copied.push(name);
    }
    if let Some(trigger) = &d.history_trigger {
        let of = |row: &str| {
            let columns: Vec<String> = copied.iter().map(|c| format!("{row}.{c}")).collect();
            columns.join(", ")
        };
        let (new, old) = (of("NEW"), of("OLD"));
        let filled = super::rules::fill(
            &trigger.sql,
            &[
                ("table", &e.name),
                ("history", &t.name),
                ("columns", &copied.join(", ")),
                ("new", &new),
                ("old", &old),
            ],
        );
        t.trailing.push(filled);
    }
    let operation = &d.types["enum"].sql;
    t.lines.push(format!(
        "operation {operation} NOT NULL CHECK (operation IN ('insert', 'update', 'delete'))"
    ));
    // Who made the change: the user or service, as the application knows it.
    t.lines.push(format!("changed_by {}", d.types["text"].sql));
    t.lines.push(format!("changed_at {}", d.created_at));
    if let Some(p) = partitions {
        partition(p, ("history_id", "changed_at"), &mut t);
    }
    t.after.push(index(
        d,
        &t.name,
        &["id".to_string(), "changed_at".to_string()],
    ));
    let lead = model.tenant_lead(e);
    super::rules::isolate(d, &lead, reference, &mut t);
    t
}
