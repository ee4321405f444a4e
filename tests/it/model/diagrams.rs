//! The model as diagrams, read by the tools that render them: mermaid's own parser reads
//! the erDiagram and @dbml/core (dbdiagram.io's parser) reads the DBML, and both show
//! every table and every foreign key the DDL has, with the same ON DELETE.

use super::*;

use serde::Deserialize;

use crate::common::tools::{parse_diagrams, tools_dir, tools_installed};

#[derive(Deserialize)]
struct DbmlFile {
    error: Option<String>,
    #[serde(default)]
    tables: Vec<DbmlTable>,
    #[serde(default)]
    refs: Vec<DbmlRef>,
}

#[derive(Deserialize)]
struct DbmlTable {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DbmlRef {
    from: String,
    to: String,
    on_delete: Option<String>,
}

/// `FOREIGN KEY (a, b) REFERENCES t (c, d) ON DELETE X` lines of the DDL, as DBML's
/// parser reports a ref: `table.a,b`, `t.c,d`, `x`.
fn ddl_keys(sql: &str) -> Vec<(String, String, String)> {
    let mut keys = Vec::new();
    let mut table = "";
    for line in sql.lines() {
        if let Some(rest) = line.strip_prefix("CREATE TABLE ") {
            table = rest.trim_end_matches(" (");
        }
        // A key to a table created later is added at the end: ALTER TABLE t ADD FOREIGN KEY.
        let line = match line.strip_prefix("ALTER TABLE ") {
            Some(rest) => match rest.split_once(" ADD ") {
                Some((altered, key)) => {
                    table = altered;
                    key
                }
                None => line,
            },
            None => line,
        };
        let Some(rest) = line.trim().strip_prefix("FOREIGN KEY (") else {
            continue;
        };
        let (columns, rest) = rest.split_once(") REFERENCES ").unwrap();
        let (target, rest) = rest.split_once(" (").unwrap();
        let (target_columns, action) = rest.split_once(") ON DELETE ").unwrap();
        keys.push((
            format!("{table}.{}", columns.replace(", ", ",")),
            format!("{target}.{}", target_columns.replace(", ", ",")),
            action.trim_end_matches([',', ';']).to_lowercase(),
        ));
    }
    keys.sort();
    keys
}

/// A table that holds a rule rather than the domain: an entity's history, or the counter
/// its gapless numbers come from.
fn machinery(table: &str) -> bool {
    table.ends_with("_history") || table.ends_with("_counter")
}

#[test]
fn mermaid_and_dbml_read_every_table_and_key_the_ddl_has() {
    if !tools_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    // Every model's diagrams are written first, then each parser reads them all in one
    // run of node: its start-up (mermaid's is seconds) is paid once, not per model.
    struct Drawn {
        name: String,
        created: Vec<String>,
        keys: Vec<(String, String, String)>,
        dbml: String,
    }
    let (mut drawn, mut markdown, mut dbml_files) = (Vec::new(), Vec::new(), Vec::new());
    // Two models may share a name (a domain and a test model): each file is numbered.
    for (n, model) in models().into_iter().enumerate() {
        let name = model.file_stem().unwrap().to_string_lossy().into_owned();
        let sql = tables(&model, "postgresql", "internal");
        let created: Vec<String> = sql
            .lines()
            .filter_map(|l| l.strip_prefix("CREATE TABLE "))
            .map(|l| l.trim_end_matches(" (").to_string())
            .collect();
        let keys: Vec<_> = ddl_keys(&sql)
            .into_iter()
            .filter(|(from, _, _)| !machinery(from.split('.').next().unwrap()))
            .collect();
        let mermaid = stdout_of(
            dbadvise()
                .args(["schema", "--format", "mermaid", "--model"])
                .arg(&model),
        );
        let md = dir.path().join(format!("{n}-{name}.md"));
        std::fs::write(&md, format!("# {name}\n\n```mermaid\n{mermaid}```\n")).unwrap();
        markdown.push(md);
        let dbml = stdout_of(
            dbadvise()
                .args(["schema", "--format", "dbml", "--model"])
                .arg(&model),
        );
        let file = dir.path().join(format!("{n}-{name}.dbml"));
        std::fs::write(&file, &dbml).unwrap();
        dbml_files.push(file);
        drawn.push(Drawn {
            name,
            created,
            keys,
            dbml,
        });
    }
    let parsed = parse_diagrams(&markdown);
    let out = std::process::Command::new("node")
        .arg(tools_dir().join("dbml-check.mjs"))
        .args(&dbml_files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read_all: Vec<DbmlFile> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(read_all.len(), drawn.len(), "one result per DBML file");
    for ((model, parsed), read) in drawn.iter().zip(&parsed).zip(&read_all) {
        let Drawn {
            name,
            created,
            keys,
            dbml,
        } = model;
        // Mermaid: an entity per table of the model, a relationship per foreign key
        // between two entities (the history and junction tables are not entities).
        let diagram = &parsed.diagrams[0];
        if let Some(e) = &diagram.error {
            failures.push(format!("{name}: mermaid: {e}"));
            continue;
        }
        for entity in &diagram.entities {
            if !created.contains(&entity.name) {
                failures.push(format!(
                    "{name}: mermaid draws {} that the DDL lacks",
                    entity.name
                ));
            }
        }
        // DBML: every table the DDL creates but the history and counter tables (how the
        // rules are held, not the domain), every foreign key
        // with its columns, target and ON DELETE.
        if let Some(e) = &read.error {
            failures.push(format!("{name}: DBML: {e}\n{dbml}"));
            continue;
        }
        let mut tables: Vec<&str> = read.tables.iter().map(|t| t.name.as_str()).collect();
        tables.sort();
        let mut expected: Vec<&str> = created
            .iter()
            .map(String::as_str)
            .filter(|t| !machinery(t))
            .collect();
        expected.sort();
        if tables != expected {
            failures.push(format!("{name}: DBML tables {tables:?}, DDL {expected:?}"));
        }
        let mut refs: Vec<(String, String, String)> = read
            .refs
            .iter()
            .map(|r| {
                (
                    r.from.clone(),
                    r.to.clone(),
                    r.on_delete.clone().unwrap_or_default(),
                )
            })
            .collect();
        refs.sort();
        if refs != *keys {
            failures.push(format!("{name}: DBML refs {refs:?}\nDDL keys {keys:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
