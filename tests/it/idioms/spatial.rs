//! MySQL's spatial advice gives MariaDB its own column syntax: MariaDB refuses MySQL 8's
//! `POINT NOT NULL SRID 4326` (a syntax error), so the outcome names the form it takes,
//! and that form runs on a real MariaDB with a SPATIAL index.

use crate::common::engines::MariaDb;

/// The column type the `mysql-spatial` outcome gives MariaDB: what follows "MariaDB "
/// in its summary, up to the closing parenthesis.
fn mariadb_column() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/knowledge/trees/50-index-type.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let tree: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let nodes = tree["trees"][0]["nodes"]
        .as_sequence()
        .expect("the tree's nodes");
    let spatial = nodes
        .iter()
        .find(|n| n["id"] == "mysql-spatial")
        .expect("the mysql-spatial outcome");
    let summary = spatial["outcome"]["summary"].as_str().unwrap();
    let after = summary
        .split("MariaDB ")
        .nth(1)
        .unwrap_or_else(|| panic!("no MariaDB form in: {summary}"));
    after.split(')').next().unwrap().to_string()
}

#[test]
fn the_spatial_column_the_advice_gives_mariadb_runs_there() {
    let column = mariadb_column();
    let maria = MariaDb::start().unwrap_or_else(|e| panic!("needs {}: {e}", MariaDb::ENGINE));
    let db = maria.fresh_database("idiom_spatial").unwrap();
    let made = maria.run_mysql(
        &db,
        format!("CREATE TABLE place (location {column}, SPATIAL INDEX (location)) ENGINE=InnoDB;")
            .as_str(),
    );
    assert!(made.is_ok(), "{column}: {made:?}");
    maria.drop_database(&db).unwrap();
}
