//! The event table written beside a domain's tables where the event log is the record
//! (`source-of-truth: log`): the dialect's `event_store` template, filled with the type
//! of a reference and, where tenants share the tables, the tenant's column and policy.

use super::ddl::{comment, Ids};
use super::rules::fill;
use crate::kb::ModelDialect;

/// The statements of the event table, after a comment saying what it is; none where the
/// dialect has no template.
pub fn event_store(d: &ModelDialect, tenant: Option<&str>, ids: Ids) -> Option<String> {
    let template = d.event_store.as_ref()?;
    let reference = d.reference.get(ids.key())?;
    let (column, key) = match tenant {
        Some(t) => (
            fill(
                &template.tenant_column,
                &[("tenant", t), ("ref", reference)],
            ),
            format!("{t}_id, "),
        ),
        None => (String::new(), String::new()),
    };
    let mut out = String::from("\n");
    comment(&mut out, &template.why);
    let values = [
        ("ref", reference.as_str()),
        ("tenant_column", column.as_str()),
        ("tenant_key", key.as_str()),
    ];
    out.push_str(&fill(&template.sql, &values));
    if let (Some(t), Some(isolation)) = (tenant, &d.tenant_isolation) {
        let lead = format!("{t}_id");
        let values = [
            ("table", template.table.as_str()),
            ("tenant", &lead),
            ("ref", reference),
        ];
        out.push_str(&fill(isolation, &values));
    }
    Some(out)
}
