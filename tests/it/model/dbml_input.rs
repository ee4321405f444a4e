//! `schema --model FILE.dbml`: a DBML model makes the tables its YAML form makes, our
//! own `--format dbml` reads back, and what the model cannot say is refused at its line
//! with exit 13.

use super::*;

/// The DDL's tables and foreign keys (with their ON DELETE), history tables aside: what
/// a DBML model and its YAML form must agree on.
fn tables_and_keys(sql: &str) -> Vec<String> {
    let mut history = false;
    let mut found = Vec::new();
    for line in sql.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("CREATE TABLE ") {
            history = name.contains("_history");
            if !history {
                found.push(line.to_string());
            }
        } else if line.starts_with("FOREIGN KEY") && !history {
            found.push(line.trim_end_matches(',').to_string());
        }
    }
    found
}

#[test]
fn bookings_in_dbml_makes_the_tables_and_keys_of_bookings_in_yaml() {
    // The yaml's audit and no_overlap rules have no DBML form: the yaml without them.
    let yaml: String = std::fs::read_to_string(model_file("bookings"))
        .unwrap()
        .lines()
        .filter(|l| !l.contains("audit:") && !l.contains("no_overlap:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("bookings.yaml");
    std::fs::write(&plain, yaml).unwrap();
    let dbml = model_file("bookings").with_extension("dbml");
    for ids in ["internal", "exposed"] {
        let from_yaml = tables_and_keys(&tables(&plain, "postgresql", ids));
        let from_dbml = tables_and_keys(&tables(&dbml, "postgresql", ids));
        assert!(
            from_yaml.iter().any(|l| l.contains("ON DELETE CASCADE"))
                && from_yaml.iter().any(|l| l.contains("ON DELETE SET NULL")),
            "{from_yaml:#?}"
        );
        assert_eq!(from_dbml, from_yaml, "{ids}");
    }
    // And the rules the yaml keeps beyond DBML stay the yaml's: a room's seats are a
    // plain integer here, the period unchecked.
    let sql = tables(&dbml, "postgresql", "internal");
    assert!(!sql.contains("EXCLUDE"), "{sql}");
}

#[test]
fn our_own_dbml_reads_back_as_the_same_tables() {
    let chat = model_file("chat");
    let dbml = stdout_of(
        dbadvise()
            .args(["schema", "--format", "dbml", "--model"])
            .arg(&chat),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chat.dbml");
    std::fs::write(&file, &dbml).unwrap();
    for engine in ["postgresql", "mysql", "sqlite"] {
        let from_yaml = tables(&chat, engine, "internal");
        let from_dbml = tables(&file, engine, "internal");
        assert_eq!(
            tables_and_keys(&from_dbml),
            tables_and_keys(&from_yaml),
            "{engine}:\n{dbml}"
        );
        // The tenant, the owners, the pairs, the types and what may be NULL all come
        // back: the same script.
        assert_eq!(from_dbml, from_yaml, "{engine}:\n{dbml}");
    }
}

/// Refused with exit 13, naming the file and the line; nothing written.
fn refused(text: &str) -> String {
    super::refused_model("shop.dbml", text, &[])
}

#[test]
fn an_unknown_type_is_named_at_its_line_with_the_types_known() {
    let err = refused("Table product {\n  id bigint [pk]\n  outline polygon\n}\n");
    assert!(
        err.contains(
            "shop.dbml:3: `product.outline`: unknown type `polygon`; the types are varchar"
        ),
        "{err}"
    );
    assert!(err.contains("\"long-text\""), "{err}");
}

#[test]
fn a_second_cascade_is_a_second_owner_and_refused_at_its_line() {
    let err = refused(
        "Table shop {\n  id bigint [pk]\n}\n\nTable supplier {\n  id bigint [pk]\n}\n\n\
         Table product {\n  id bigint [pk]\n  shop_id bigint [not null]\n  \
         supplier_id bigint [not null]\n}\n\n\
         Ref: product.shop_id > shop.id [delete: cascade]\n\
         Ref: product.supplier_id > supplier.id [delete: cascade]\n",
    );
    assert!(
        err.contains(
            "shop.dbml:16: a second `delete: cascade` from `product`: it is already part of `shop`"
        ),
        "{err}"
    );
}

#[test]
fn a_composite_primary_key_is_refused_at_its_line() {
    let err = refused(
        "Table price {\n  sku varchar [not null]\n  region varchar [not null]\n  \
         amount decimal(12,2)\n  indexes {\n    (sku, region) [pk]\n  }\n}\n",
    );
    assert!(
        err.contains("shop.dbml:6: `price` has the composite primary key (sku, region): the model's key is `id`"),
        "{err}"
    );
}

#[test]
fn a_dbml_syntax_error_is_refused_at_its_line() {
    let err = refused("Table product {\n  id bigint [pk]\n  name varchar [not null\n}\n");
    assert!(err.contains("shop.dbml:3: not DBML: expected"), "{err}");
}
