//! The detectors: the small fixed set of things review can find in a schema. A rule of
//! `knowledge/review/` names one with `detects:`; the detector finds, the rule says
//! everything else. Column and table detectors are here, keys and indexes in `keys`.

use super::keys;
use super::names::{fits_any, is_key, sql_ident, words};
use super::parse::Dialect;
use super::schema::{Column, Place, ReviewedSchema, Table};
use crate::kb::ReviewRule;

// Which detectors there are, and what each reads and fills, is what the knowledge base
// may name: `kb::review_terms` holds that table, and the checker with it.
pub use crate::kb::review_terms::{all, detector, Detector, DETECTORS};

/// One thing a detector found: where, on what, and the values of its placeholders.
#[derive(Debug, Clone)]
pub struct Hit {
    pub place: Place,
    /// The table as written in the schema.
    pub table: String,
    pub column: Option<String>,
    pub fills: Vec<(&'static str, String)>,
}

impl Hit {
    pub(super) fn on(table: &Table, place: &Place) -> Hit {
        Hit {
            place: place.clone(),
            table: table.name.clone(),
            column: None,
            fills: vec![("table", table.name.clone())],
        }
    }

    pub(super) fn fill(mut self, name: &'static str, value: impl Into<String>) -> Hit {
        self.fills.push((name, value.into()));
        self
    }

    fn column(self, column: &Column, dialect: Dialect) -> Hit {
        let mut hit = self
            .fill("column", sql_ident(&column.name, dialect))
            .fill("type", column.type_text.clone());
        hit.column = Some(column.name.clone());
        hit
    }
}

/// What the rule's detector finds in the schema (nothing for an unknown detector,
/// which `kb check` reports).
pub fn run(rule: &ReviewRule, schema: &ReviewedSchema, dialect: Dialect) -> Vec<Hit> {
    let tables = schema.tables_in_order();
    let whole = tables.iter().filter(|t| !t.partition).copied();
    let mut hits = Vec::new();
    match rule.detects.as_str() {
        "float-money" => {
            let money = rule.names("money_columns");
            for table in whole {
                for c in &table.columns {
                    if is_float(&c.type_text) && fits_any(money, &c.name) {
                        hits.push(Hit::on(table, &c.place).column(c, dialect));
                    }
                }
            }
        }
        "timestamp-without-time-zone" => {
            // A birth or due date is a day of the calendar, not an instant: timestamptz
            // would move it with the zone (its type should be `date`, another matter).
            let calendar = rule.names("calendar_columns");
            for table in whole {
                for c in table
                    .columns
                    .iter()
                    .filter(|c| is_naive_timestamp(&c.type_text) && !fits_any(calendar, &c.name))
                {
                    hits.push(Hit::on(table, &c.place).column(c, dialect));
                }
            }
        }
        "no-primary-key" => {
            let keyless =
                |t: &&Table| t.primary_key().is_none() && t.unique_not_null_key().is_none();
            for table in whole.filter(keyless) {
                hits.push(Hit::on(table, &table.place));
            }
        }
        "sequence-key" => {
            for table in whole {
                for c in &table.columns {
                    if let Some(base) = sequence_base_type(c) {
                        hits.push(
                            Hit::on(table, &c.place)
                                .column(c, dialect)
                                .fill("base_type", base),
                        );
                    }
                }
            }
        }
        "entity-attribute-value" => {
            let attributes = rule.names("attribute_columns");
            let values = rule.names("value_columns");
            for table in whole {
                let find = |patterns: &[String]| {
                    table.columns.iter().find(|c| fits_any(patterns, &c.name))
                };
                let (Some(attribute), Some(value)) = (find(attributes), find(values)) else {
                    continue;
                };
                let entity = table.columns.iter().find(|c| {
                    words(&c.name).len() > 1 && is_key(&c.name) && c.name != attribute.name
                });
                if let Some(entity) = entity {
                    let hit = Hit::on(table, &table.place)
                        .fill("entity", sql_ident(&entity.name, dialect))
                        .fill("attribute", sql_ident(&attribute.name, dialect))
                        .fill("value", sql_ident(&value.name, dialect));
                    hits.push(hit);
                }
            }
        }
        "unindexed-foreign-key" => keys::unindexed_foreign_keys(&tables, dialect, &mut hits),
        "cascade-into-kept-table" => {
            keys::cascades_into_kept(rule, schema, &tables, dialect, &mut hits)
        }
        "case-sensitive-unique-email" => {
            keys::case_sensitive_emails(rule, &tables, dialect, &mut hits)
        }
        "redundant-index" => keys::redundant_indexes(&tables, dialect, &mut hits),
        "reference-without-tenant" => {
            keys::references_without_tenant(rule, &tables, dialect, &mut hits)
        }
        "tenant-table-without-row-security" => {
            keys::tenant_tables_without_row_security(rule, schema, &tables, dialect, &mut hits)
        }
        "nullable-owned-foreign-key" => keys::nullable_owned_keys(&tables, dialect, &mut hits),
        _ => {}
    }
    hits
}

/// `float`, `double precision`, `real` and their aliases: binary fractions, which
/// cannot hold 0.10 exactly.
pub(super) fn is_float(type_text: &str) -> bool {
    ["float", "double", "real"]
        .iter()
        .any(|t| type_text.starts_with(t))
}

/// Numbers of any kind: what an amount of money may be stored as.
pub(super) fn is_number(type_text: &str) -> bool {
    is_float(type_text)
        || [
            "numeric",
            "decimal",
            "money",
            "int",
            "bigint",
            "smallint",
            "mediumint",
            "tinyint",
            "number",
        ]
        .iter()
        .any(|t| type_text.starts_with(t))
}

fn is_naive_timestamp(type_text: &str) -> bool {
    type_text.starts_with("timestamp")
        && !type_text.starts_with("timestamptz")
        && !type_text.contains("with time zone")
}

/// The integer type behind a sequence-fed column, when the column is one.
fn sequence_base_type(column: &Column) -> Option<String> {
    let base = match column.type_text.as_str() {
        "smallserial" | "serial2" => "smallint",
        "serial" | "serial4" => "integer",
        "bigserial" | "serial8" => "bigint",
        other if column.sequence_default => other,
        _ => return None,
    };
    Some(base.to_string())
}
