//! What the advice adds only as a workload grows: partial indexes for one tenant's own
//! queries once shared tables are large, a cache in front of a graph read far more
//! often than it changes, the shards a team already runs kept as they are, and whether it is
//! the data or the writes that rule out one node, and an engine the organisation chose,
//! once outgrown, giving way to one that speaks its protocol.

use crate::common::advice::{advice_after, interview, outcomes};
use crate::common::answers::{many, one};

use dbadvise::engine::{advise, Advice, Answers};
use dbadvise::kb::KnowledgeBase;

fn index_ids(advice: &Advice) -> Vec<String> {
    advice.indexes.iter().map(|i| i.id.to_string()).collect()
}

/// The Citus multi-tenant guide and Heap's per-customer indexes: in large shared tables
/// on PostgreSQL, what one tenant alone filters on (its own JSON fields, events it
/// defines) is indexed for its rows only. A small table, a single organisation, tenants
/// with no filters of their own and an engine without partial indexes get no such index.
#[test]
fn large_shared_tenant_tables_get_partial_indexes_for_one_tenant_s_queries() {
    let kb = KnowledgeBase::embedded();
    let with = |tenancy: &str, volume: &str, existing: &str, lookups: &[&str]| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("team", one("platform")),
                ("existing", one(existing)),
                ("volume", one(volume)),
                ("peak-rate", one("thousands")),
                ("multi-tenant", one(tenancy)),
                ("access-patterns", many(lookups)),
            ],
        )
    };
    let app = |tenancy: &str, volume: &str, existing: &str| {
        with(
            tenancy,
            volume,
            existing,
            &["equality-high", "json-containment"],
        )
    };
    let large = app("shared", "large", "none");
    let family = large.primary().unwrap().engine.to_string();
    assert!(
        ["postgresql", "citus"].contains(&family.as_str()),
        "{family}"
    );
    assert!(
        index_ids(&large).contains(&"index-partial-tenant".to_string()),
        "{:?}",
        index_ids(&large)
    );
    let plain = with("shared", "large", "none", &["equality-high", "range"]);
    assert!(
        !index_ids(&plain).contains(&"index-partial-tenant".to_string()),
        "{:?}",
        index_ids(&plain)
    );
    for (tenancy, volume, existing) in [
        ("shared", "medium", "none"),
        ("single", "large", "none"),
        ("shared", "large", "mysql"),
    ] {
        let advice = app(tenancy, volume, existing);
        assert!(
            !index_ids(&advice).contains(&"index-partial-tenant".to_string()),
            "{tenancy} {volume} {existing} on {}: {:?}",
            advice.primary().unwrap().engine,
            index_ids(&advice)
        );
    }
}

/// Facebook's TAO: objects and associations read hundreds of times per write, within
/// milliseconds, are served from a cache in front of the store. The same graph read at a
/// relaxed pace has none.
#[test]
fn a_graph_read_far_more_than_written_gets_a_cache() {
    let kb = KnowledgeBase::embedded();
    let graph = |latency: &str, rate: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["graph"])),
                ("graph-depth", one("neighbours")),
                ("volume", one("large")),
                ("peak-rate", one(rate)),
                ("read-write", one("read-heavy")),
                ("latency", one(latency)),
            ],
        )
    };
    let roles = |a: &Advice| {
        a.stack
            .iter()
            .map(|c| c.role.to_string())
            .collect::<Vec<_>>()
    };
    let busy = graph("single-digit-ms", "tens-of-thousands");
    assert!(
        roles(&busy).contains(&"cache".to_string()),
        "{:?}",
        busy.stack
    );
    let quiet = graph("relaxed", "hundreds");
    assert!(
        !roles(&quiet).contains(&"cache".to_string()),
        "{:?}",
        quiet.stack
    );
}

/// Facebook's TAO and Pinterest's MySQL fleet: a team that already shards the engine it
/// runs, by its own routing, keeps it (each shard a primary with replicas, the routing
/// the application's), where one that runs it on one server at that size is offered a
/// sharding layer. The question is asked only of a team keeping its engine at that size.
#[test]
fn a_team_that_shards_its_own_engine_keeps_it_and_one_on_one_server_gets_a_sharding_layer() {
    let kb = KnowledgeBase::embedded();
    let with = |existing: &str, stays: &str, sharding: &str| {
        let mut answers = Answers::default();
        let asked = interview(
            &kb,
            &mut answers,
            &[
                ("data-kinds", many(&["records"])),
                ("team", one("platform")),
                ("existing", one(existing)),
                ("existing-stays", one(stays)),
                ("deployment", one("self-hosted")),
                ("volume", one("huge")),
                ("existing-sharding", one(sharding)),
                ("peak-rate", one("hundreds-of-thousands")),
                ("read-write", one("read-heavy")),
            ],
        );
        let advice = advise(&kb, &answers);
        let patterns: Vec<String> = advice.patterns.iter().map(|p| p.id.to_string()).collect();
        let primary = advice.primary().unwrap().engine.to_string();
        (
            asked.contains(&"existing-sharding".to_string()),
            primary,
            patterns,
        )
    };
    let (asked, primary, patterns) = with("mysql", "stays", "sharded-by-us");
    assert!(asked);
    assert_eq!(primary, "mysql");
    assert!(
        patterns.contains(&"sharding-by-application".to_string()),
        "{patterns:?}"
    );
    assert!(
        !patterns.contains(&"sharding-mysql-vitess".to_string()),
        "{patterns:?}"
    );

    let (_, primary, patterns) = with("postgresql", "stays", "sharded-by-us");
    assert_eq!(primary, "postgresql");
    assert!(
        patterns.contains(&"sharding-by-application".to_string()),
        "{patterns:?}"
    );

    let (_, primary, patterns) = with("mysql", "stays", "one-server");
    assert_eq!(primary, "vitess");
    assert!(
        !patterns.contains(&"sharding-by-application".to_string()),
        "{patterns:?}"
    );

    // A team moving its data off its engine is not asked how that engine holds it.
    let (asked, primary, _) = with("mysql", "leaving", "sharded-by-us");
    assert!(!asked);
    assert_ne!(primary, "mysql");
}

/// PostgreSQL's manual on partitioning: its benefits are "normally worthwhile only when a
/// table would otherwise be very large". Rows that only go cold are partitioned by time
/// once the data reaches terabytes, not at 10 GB; rows kept for a window are, since
/// dropping a month replaces deleting it row by row; and the starter schema agrees with
/// the operations decision either way, a domain's by partitioning its histories.
#[test]
fn cold_rows_are_partitioned_once_large_and_a_retention_window_already_at_medium() {
    let kb = KnowledgeBase::embedded();
    let with_product = |product: &str, lifetime: &str, volume: &str| {
        let advice = advice_after(
            &kb,
            &[
                ("product", one(product)),
                // Files make the lifetime asked at any volume, as records alone are
                // asked it from 1 TB.
                ("data-kinds", many(&["records", "files"])),
                ("existing", one("postgresql")),
                ("volume", one(volume)),
                ("lifetime", one(lifetime)),
            ],
        );
        assert_eq!(advice.primary().unwrap().engine.as_str(), "postgresql");
        let decided = outcomes(&advice, "operations");
        let partitioned =
            decided.contains(&"partitioning") || decided.contains(&"partitioning-kept");
        let schema = advice.starter_schema.as_ref().unwrap().sql.clone();
        assert_eq!(
            partitioned,
            schema.contains("PARTITION BY RANGE"),
            "{lifetime} at {volume}: the operations decision and the schema disagree"
        );
        partitioned
    };
    let with = |lifetime: &str, volume: &str| with_product("none", lifetime, volume);
    assert!(!with("cold-after", "medium"));
    assert!(with("cold-after", "large"));
    assert!(with("retention", "medium"));
    assert!(!with("forever", "large"));
    // A domain's tables: its audit histories are what is partitioned.
    assert!(!with_product("marketplace", "cold-after", "medium"));
    assert!(with_product("marketplace", "cold-after", "large"));
}

/// Every domain on PostgreSQL and MySQL, where the operations advice partitions tables
/// that only grow: its tables partition the ones that grow, or the record says which
/// stay whole and what to do instead (a note of the domain, or the dialect's words), so
/// it never advises partitions that its starter schema silently lacks.
#[test]
fn every_domain_partitions_what_grows_or_says_why_not_where_partitions_are_advised() {
    let kb = KnowledgeBase::embedded();
    let mut silent = Vec::new();
    let mut checked = 0;
    let runs = ["postgresql", "mysql"];
    for (product, engine) in kb.archetypes.keys().flat_map(|p| runs.map(|e| (p, e))) {
        let advice = advice_after(
            &kb,
            &[
                ("product", one(product)),
                ("data-kinds", many(&["records", "events"])),
                ("existing", one(engine)),
                ("volume", one("medium")),
            ],
        );
        let Some(domain) = advice.domain.as_ref() else {
            continue;
        };
        let schema = advice.starter_schema.as_ref().unwrap();
        if schema.engine != engine {
            continue;
        }
        // Archived where the data goes cold, kept where it does not: partitioned either way.
        let decided = outcomes(&advice, "operations");
        assert!(
            decided.contains(&"partitioning") || decided.contains(&"partitioning-kept"),
            "{product}: events at 10 GB are partitioned by time"
        );
        checked += 1;
        let partitions = schema.sql.contains("PARTITION BY RANGE");
        let says = domain
            .notes
            .iter()
            .any(|n| n.topic.as_deref() == Some("partitioning"))
            || schema.tailored.iter().any(|t| t.contains("stay whole"));
        if !partitions && !says {
            silent.push(format!("{product} on {engine}"));
        }
    }
    assert!(
        checked >= 24,
        "only {checked} domains on PostgreSQL and MySQL"
    );
    assert!(silent.is_empty(), "no partition and no word: {silent:?}");
}

/// An online feature store: terabytes of precomputed values, rebuilt hourly, read by key
/// tens of thousands of times a second beside the facts they come from. At that size
/// short-lived data is cheaper on disk, so no memory store was added, and nothing served
/// the reads that must answer in under a millisecond: PostgreSQL, with no cache. Memory
/// serves them now; with tens of milliseconds allowed, disk still does.
#[test]
fn terabytes_of_short_lived_values_read_in_under_a_millisecond_live_in_memory() {
    let kb = KnowledgeBase::embedded();
    let features = |latency: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["ephemeral", "analytics"])),
                ("existing", one("postgresql")),
                ("volume", one("large")),
                ("peak-rate", one("tens-of-thousands")),
                ("latency", one(latency)),
                ("durability", one("rebuildable")),
                ("lifetime", one("expires")),
            ],
        )
    };
    let advice = features("sub-ms");
    assert!(advice.complete, "{:?}", advice.pending);
    let short_lived = advice.stack.iter().find(|c| c.role == "ephemeral");
    let engine = short_lived.and_then(|c| kb.engine(&c.engine));
    assert!(
        engine.is_some_and(|e| e.capabilities.iter().any(|c| c == "in-memory")),
        "{:?}",
        advice.stack
    );
    let advice = features("tens-of-ms");
    assert!(advice.complete, "{:?}", advice.pending);
    assert!(!advice.has_role("ephemeral"), "{:?}", advice.stack);
}

/// DoorDash's online feature store: terabytes of values, rebuilt daily, that are all the
/// system keeps, read by key hundreds of thousands of times a second. Their benchmark
/// of five key-value stores found memory cheaper for those reads than disk, which needed
/// several times the nodes; the advice chose ScyllaDB, then a Redis beside a ScyllaDB
/// that held nothing. Memory is the primary now, and one store serves it all. Past
/// 20 TB, disk is cheaper again.
#[test]
fn short_lived_values_that_are_all_the_system_keeps_live_in_one_store() {
    let kb = KnowledgeBase::embedded();
    let features = |volume: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["ephemeral"])),
                ("team", one("platform")),
                ("deployment", one("self-hosted")),
                ("volume", one(volume)),
                ("peak-rate", one("hundreds-of-thousands")),
                ("latency", one("single-digit-ms")),
                ("durability", one("rebuildable")),
            ],
        )
    };
    let advice = features("large");
    assert!(advice.complete, "{:?}", advice.pending);
    let engines: Vec<&str> = advice.stack.iter().map(|c| c.engine.as_str()).collect();
    let primary = kb.engine(engines[0]).unwrap();
    assert!(
        primary.capabilities.iter().any(|c| c == "in-memory"),
        "{engines:?}"
    );
    assert!(engines.iter().all(|e| *e == engines[0]), "{engines:?}");

    let advice = features("huge");
    assert!(advice.complete, "{:?}", advice.pending);
    let primary = kb.engine(&advice.primary().unwrap().engine).unwrap();
    assert!(
        !primary.capabilities.iter().any(|c| c == "in-memory"),
        "{}",
        primary.id
    );
}

/// Figma's PostgreSQL on RDS, outgrowing the largest instance: the advice eliminated
/// PostgreSQL and chose CockroachDB, the migration Figma weighed and refused. Where the
/// cloud runs no sharding layer for PostgreSQL, the team that runs it shards it in
/// place; on Azure, whose managed elastic clusters run Citus, Citus; and a team with no
/// engine of its own is not sent to build the routing.
#[test]
fn a_postgresql_team_outgrowing_one_server_shards_in_place_where_no_layer_is_managed() {
    let kb = KnowledgeBase::embedded();
    let outgrowing = |existing: &str, cloud: &str| {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("team", one("platform")),
                ("existing", one(existing)),
                ("deployment", one("managed")),
                ("volume", one("huge")),
                ("peak-rate", one("tens-of-thousands")),
                ("cloud", one(cloud)),
                ("consistency", one("strict")),
                ("query-complexity", one("complex")),
            ],
        );
        assert!(advice.complete, "{:?}", advice.pending);
        advice.primary().unwrap().engine.to_string()
    };
    assert_eq!(outgrowing("postgresql", "aws"), "postgresql-sharded");
    assert_eq!(outgrowing("postgresql", "gcp"), "postgresql-sharded");
    assert_eq!(outgrowing("postgresql", "azure"), "citus");
    assert_ne!(outgrowing("none", "aws"), "postgresql-sharded");

    // Where one server holds the data, sharding by hand is not an option to rank at all.
    let fits = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records"])),
            ("existing", one("postgresql")),
            ("volume", one("medium")),
        ],
    );
    assert!(
        !fits
            .alternatives
            .iter()
            .any(|a| a.engine == "postgresql-sharded"),
        "{:?}",
        fits.alternatives
    );
}

/// More data than one server should hold rules out a single-primary engine at any rate
/// of requests, and the elimination says it is the data, not the writes, that must be
/// spread; a write-heavy peak of hundreds of thousands a second says the writes.
#[test]
fn an_elimination_names_the_data_or_the_writes_that_outgrow_one_node() {
    let kb = KnowledgeBase::embedded();
    let with = |volume: &str, peak: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("team", one("platform")),
                ("existing", one("mysql")),
                ("volume", one(volume)),
                ("existing-sharding", one("one-server")),
                ("peak-rate", one(peak)),
                ("read-write", one("write-heavy")),
            ],
        )
    };
    // The team's engine is always ranked, eliminated or not.
    let why_not_mysql = |advice: &Advice| {
        let listed = advice.alternatives.iter();
        let mysql = listed
            .filter(|a| a.role == "primary")
            .find(|a| a.engine == "mysql");
        let mysql = mysql.expect("MySQL is ranked");
        mysql.eliminated.as_ref().map(ToString::to_string)
    };
    let big_and_quiet = why_not_mysql(&with("huge", "hundreds")).expect("MySQL is ruled out");
    assert!(
        big_and_quiet.starts_with("needs data spread over many nodes (volume = huge)"),
        "{big_and_quiet}"
    );
    let small_and_busy =
        why_not_mysql(&with("medium", "hundreds-of-thousands")).expect("MySQL is ruled out");
    assert!(
        small_and_busy.starts_with("needs writes spread over many nodes (peak-rate"),
        "{small_and_busy}"
    );
    assert_eq!(why_not_mysql(&with("medium", "hundreds")), None);
}

/// An engine the organisation chose, outgrown: at more than 20 TB, or with writes in
/// several regions, the chosen MySQL gives way to an engine that speaks its protocol
/// (Vitess, TiDB), and a chosen PostgreSQL to one that speaks PostgreSQL's, not to the
/// best-rated stranger. At a size one node holds, the chosen engine stays.
#[test]
fn a_chosen_engine_outgrown_gives_way_to_one_that_speaks_its_protocol() {
    let kb = KnowledgeBase::embedded();
    let primary = |chosen: &str, volume: &str, regions: &str| {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("existing", one("decided")),
                ("existing-stays", one("stays")),
                ("proposed-engine", one(chosen)),
                ("volume", one(volume)),
                ("multi-region", one(regions)),
                ("consistency", one("strict")),
                ("durability", one("system-of-record")),
            ],
        );
        advice.primary().unwrap().engine.to_string()
    };
    assert_eq!(primary("mysql", "medium", "single-region"), "mysql");
    for (volume, regions) in [("huge", "single-region"), ("medium", "multi-region-writes")] {
        let mysql = primary("mysql", volume, regions);
        assert!(
            ["vitess", "tidb"].contains(&mysql.as_str()),
            "MySQL chosen, {volume}, {regions}: {mysql}"
        );
    }
    let postgresql = primary("postgresql", "medium", "multi-region-writes");
    assert!(
        ["citus", "postgresql-sharded", "yugabytedb"].contains(&postgresql.as_str()),
        "PostgreSQL chosen, writes in several regions: {postgresql}"
    );
}
