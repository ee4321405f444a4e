//! TimescaleDB is PostgreSQL with an extension: a primary chosen for it keeps the
//! domain's own tables, as PostgreSQL writes them, not the three generic starter tables.

use super::archetypes::record;
use std::fs;

/// Review N: a ride-hailing app that keeps positions over time got TimescaleDB, and with
/// it `users`, `items` and `events` instead of its riders, drivers, trips and payments,
/// though the domain's PostgreSQL tables run on it unchanged. They are the schema, they
/// run on PostgreSQL, and the record says where the kept positions go.
#[test]
fn a_timescaledb_primary_keeps_the_domain_s_tables() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("answers.yaml"),
        "project: Rides\nanswers:\n  domain: Ride-hailing in three cities\n  product: live-locations\n  \
         data-kinds: [records, ephemeral, time-series]\n  team: small-team\n  existing: none\n  \
         deployment: managed\n  volume: medium\n  peak-rate: thousands\n  read-write: write-heavy\n  \
         cloud: aws\n  consistency: strict\n  lifetime: retention\n  query-complexity: moderate\n  \
         multi-tenant: single\n  id-exposure: exposed\n  features: [jobs, live]\n  \
         traffic-shape: steady\n  latency: tens-of-ms\n  multi-region: single-region\n  \
         residency: none\n  invariants: [money, one-claimant, idempotency]\n  \
         access-patterns: [equality-high, sort, multi-column, time-append, geo]\n",
    )
    .unwrap();
    let (record, schema) = record(dir.path());
    assert!(
        schema.starts_with("-- The starter schema of adr.md (TimescaleDB)"),
        "the primary moved; pick answers that choose TimescaleDB:\n{}",
        &schema[..200.min(schema.len())]
    );
    for table in ["trip", "driver", "payment"] {
        assert!(
            schema.contains(&format!("CREATE TABLE {table} (")),
            "{table}: {schema}"
        );
    }
    assert!(!record.contains("does not write this domain's tables"));
    let flat = record.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("trip\\_position (trip\\_id, recorded\\_at, position)"),
        "{flat}"
    );
    let Some(pg) = super::overlaps::started_postgres() else {
        return;
    };
    let db = pg.fresh_database("timescale_domain").unwrap();
    pg.run_psql_file(&db, &schema).unwrap();
}
