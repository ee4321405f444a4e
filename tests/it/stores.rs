//! Which stores and stances the answers lead to: the examples of issue 13 get their
//! stores, an event log is the primary only where it is the record, a graph engine only
//! for traversals of any depth, replicas only where the primary has them; files go to
//! the cloud's object storage, and a system of files alone is still asked for its search
//! and jobs. The CAP stance is cap.rs's.

use crate::common::advice::{advice_after, interview};
use crate::common::answers::{many, one};

use dbadvise::engine::advise::advise;
use dbadvise::engine::schema::name_of;
use dbadvise::engine::Answers;
use dbadvise::kb::{AnswerValue, KnowledgeBase};

#[test]
fn the_examples_of_the_issue_get_their_stores() {
    let kb = KnowledgeBase::embedded();
    let stack = |script: &[(&str, AnswerValue)]| {
        let advice = advice_after(&kb, script);
        advice
            .stack
            .iter()
            .map(|c| format!("{}={}", c.role, c.engine))
            .collect::<Vec<_>>()
    };
    // Files beside their metadata: object storage.
    let files = stack(&[("data-kinds", many(&["records", "files"]))]);
    assert!(files.contains(&"object-store=s3".to_string()), "{files:?}");
    // Vectors for a team on PostgreSQL: pgvector in the primary, no second store.
    let vectors = stack(&[
        ("data-kinds", many(&["records", "embeddings"])),
        ("existing", one("postgresql")),
    ]);
    assert!(
        vectors.contains(&"vector=postgresql".to_string()),
        "{vectors:?}"
    );
    // An event backbone with replay: a log beside the primary.
    let events = stack(&[("data-kinds", many(&["records", "events"]))]);
    assert!(
        events
            .iter()
            .any(|s| s == "event-log=kafka" || s == "event-log=redpanda"),
        "{events:?}"
    );
    // A MySQL shop that must stay MySQL-compatible and outgrows one node.
    let mysql = stack(&[
        ("existing", one("mysql-protocol")),
        ("volume", one("huge")),
        ("peak-rate", one("hundreds-of-thousands")),
        ("read-write", one("write-heavy")),
    ]);
    assert!(
        mysql[0] == "primary=vitess" || mysql[0] == "primary=tidb",
        "{mysql:?}"
    );
}

#[test]
fn the_event_log_is_the_primary_store_only_where_the_answers_make_it_the_record() {
    let kb = KnowledgeBase::embedded();
    let run = |script: &[(&str, AnswerValue)]| {
        let mut answers = Answers::default();
        let asked = interview(&kb, &mut answers, script);
        let advice = advise(&kb, &answers);
        let stack: Vec<String> = advice
            .stack
            .iter()
            .map(|c| format!("{}={}", c.role, c.engine))
            .collect();
        let decisions: Vec<String> = advice
            .decisions
            .iter()
            .map(|d| d.title.to_string())
            .collect();
        (asked, stack, decisions)
    };
    let is_log = |s: &str| s.ends_with("=kafka") || s.ends_with("=redpanda");
    // Asked only where events sit beside the data they describe.
    for kinds in [&["events"][..], &["records"], &["documents", "files"]] {
        let (asked, _, _) = run(&[("data-kinds", many(kinds))]);
        assert!(
            !asked.iter().any(|q| q == "source-of-truth"),
            "{kinds:?}: {asked:?}"
        );
    }
    // The log as the record: it is the primary, the application reads views beside it,
    // and no outbox is advised to publish into the store that is the log.
    let kinds = many(&["documents", "events"]);
    let (asked, stack, decisions) = run(&[
        ("data-kinds", kinds.clone()),
        ("source-of-truth", one("log")),
    ]);
    assert!(asked.iter().any(|q| q == "source-of-truth"), "{asked:?}");
    assert!(is_log(&stack[0]), "{stack:?}");
    let view = stack.iter().find(|s| s.starts_with("read-model="));
    assert!(view.is_some_and(|v| !is_log(v)), "{stack:?}");
    assert!(
        !decisions
            .iter()
            .any(|d| d == "An event log beside the primary"),
        "{decisions:?}"
    );
    // The data as the record: a database is the primary, the log beside it.
    let (_, stack, decisions) = run(&[("data-kinds", kinds), ("source-of-truth", one("state"))]);
    assert!(!is_log(&stack[0]), "{stack:?}");
    assert!(
        stack
            .iter()
            .any(|s| s.starts_with("event-log=") && is_log(s)),
        "{stack:?}"
    );
    assert!(
        !stack.iter().any(|s| s.starts_with("read-model=")),
        "{stack:?}"
    );
    assert!(
        decisions
            .iter()
            .any(|d| d == "An event log beside the primary"),
        "{decisions:?}"
    );
}

#[test]
fn a_graph_walked_a_few_known_hops_stays_in_sql_and_one_of_any_depth_gets_a_graph_engine() {
    let kb = KnowledgeBase::embedded();
    let advice_for = |depth: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["graph"])),
                ("graph-depth", one(depth)),
            ],
        )
    };
    let engines = |a: &dbadvise::engine::Advice| {
        a.stack
            .iter()
            .map(|c| c.engine.to_string())
            .collect::<Vec<_>>()
    };
    let patterns = |a: &dbadvise::engine::Advice| {
        a.patterns
            .iter()
            .map(|p| p.id.to_string())
            .collect::<Vec<_>>()
    };
    for depth in ["neighbours", "known-paths"] {
        let advice = advice_for(depth);
        assert!(
            !engines(&advice).contains(&"neo4j".into()),
            "{depth}: {:?}",
            engines(&advice)
        );
        assert!(
            patterns(&advice).contains(&"graph-edge-table".into()),
            "{depth}: {:?}",
            patterns(&advice)
        );
    }
    let deep = advice_for("any-depth");
    assert!(
        engines(&deep).contains(&"neo4j".into()),
        "{:?}",
        engines(&deep)
    );
    assert!(!patterns(&deep).contains(&"graph-edge-table".into()));
}
#[test]
fn stale_reads_come_from_replicas_only_when_the_primary_engine_has_them() {
    let kb = KnowledgeBase::embedded();
    let cap_outcome = |deployment: &str| {
        let mut answers = Answers::default();
        interview(
            &kb,
            &mut answers,
            &[
                ("deployment", one(deployment)),
                ("multi-region", one("multi-region-reads")),
                ("stale-reads", one("seconds")),
            ],
        );
        let advice = advise(&kb, &answers);
        assert!(advice.complete, "{:?}", advice.pending);
        let primary = advice.primary().unwrap().engine.to_string();
        let cap = advice.decisions.iter().find(|d| d.tree == "cap").unwrap();
        let replicas = advice.patterns.iter().any(|p| p.id == "read-replicas");
        (primary, cap.outcome.to_string(), replicas)
    };
    // A single-node engine: no replicas to read from (inside the application, it is not
    // even asked where its users are).
    assert_eq!(
        cap_outcome("embedded"),
        ("sqlite".into(), "single-node".into(), false)
    );
    // A replicated engine with the same answers reads from its replicas.
    assert_eq!(
        cap_outcome("managed"),
        ("postgresql".into(), "cp-replica-reads".into(), true)
    );
}

/// An application on one machine keeps small blobs in its database and large files in a
/// folder beside it, with a row per file (sqlite.org: small blobs are faster inside the
/// database, as scenario 014 says); a server's files go to object storage.
#[test]
fn an_app_on_one_machine_keeps_its_files_beside_its_database() {
    let kb = KnowledgeBase::embedded();
    let with = |deployment: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "files"])),
                ("deployment", one(deployment)),
                ("volume", one("small")),
            ],
        )
    };
    let desktop = with("embedded");
    assert_eq!(desktop.stack[0].engine.as_str(), "sqlite");
    assert!(!desktop.has_role("object-store"), "{:?}", desktop.stack);
    let beside = desktop
        .decisions
        .iter()
        .find(|d| d.outcome == "files-beside-database");
    assert!(beside.is_some(), "{:?}", desktop.decisions);
    assert!(desktop
        .checklist
        .iter()
        .any(|c| c.contains("written and synced before its row commits")));
    let said = beside
        .map(|d| format!("{} {}", d.title, d.summary))
        .unwrap_or_default();
    assert!(said.contains("Small blobs in the database"), "{said}");

    let server = with("managed");
    assert!(server.has_role("object-store"), "{:?}", server.stack);
    assert!(!server
        .decisions
        .iter()
        .any(|d| d.outcome == "files-beside-database"));
}

/// A small project that keeps files is asked its cloud: the files go to that cloud's
/// object storage, named as the team will meet it (an HR tool on Azure was told "S3, GCS
/// or Azure Blob object storage", its answer "Azure" ignored). The primary stays the
/// portable PostgreSQL.
#[test]
fn a_small_project_with_files_is_asked_its_cloud() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let asked = interview(
        &kb,
        &mut answers,
        &[
            ("data-kinds", many(&["records", "files"])),
            ("team", one("no-ops")),
            ("deployment", one("managed")),
            ("volume", one("small")),
            ("peak-rate", one("hundreds")),
            ("cloud", one("azure")),
        ],
    );
    assert!(asked.iter().any(|q| q == "cloud"), "{asked:?}");
    let advice = advise(&kb, &answers);
    assert!(advice.complete, "{:?}", advice.pending);
    assert_eq!(advice.stack[0].engine, "postgresql", "{:?}", advice.stack);
    let files = advice.stack.iter().find(|c| c.role == "object-store");
    assert_eq!(
        files.map(|c| c.name.as_str()),
        Some("Azure Blob Storage"),
        "{:?}",
        advice.stack
    );
}

/// A media library that keeps files alone is asked what else it must do (search by file
/// name, thumbnails made by jobs): a record said unticking records would drop the search
/// and the queue, as the features were then no longer asked.
#[test]
fn a_system_of_files_alone_is_asked_what_else_it_must_do() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let asked = interview(
        &kb,
        &mut answers,
        &[
            ("data-kinds", many(&["files"])),
            ("deployment", one("managed")),
            ("features", many(&["keyword-search", "jobs"])),
        ],
    );
    assert!(asked.iter().any(|q| q == "features"), "{asked:?}");
    let advice = advise(&kb, &answers);
    let roles: Vec<&str> = advice.stack.iter().map(|c| c.role.as_str()).collect();
    assert!(
        roles.contains(&"queue") && roles.contains(&"search"),
        "{roles:?}"
    );
}

/// A store beside the primary that serves two needs says why for both, and advises on
/// both: a game's Valkey for its sessions and its leaderboards was explained by the
/// sessions alone, and advised on for the leaderboards alone.
#[test]
fn a_store_for_two_needs_gives_the_reason_of_each() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "ephemeral"])),
            ("peak-rate", one("tens-of-thousands")),
            ("features", many(&["live"])),
        ],
    );
    let store = advice.stack.iter().find(|c| c.role == "ephemeral");
    let reason = store.map(|c| c.reason.to_string()).unwrap_or_default();
    assert!(
        reason.contains("Sessions") && reason.contains("leaderboards"),
        "{:?}",
        advice.stack
    );
    // And the advice on each: the leaderboards rebuilt from the primary, the sessions'
    // keys with a TTL under a memory limit (the live structures had left them out).
    let titles: Vec<&str> = advice.decisions.iter().map(|d| d.title.as_str()).collect();
    for title in [
        "Live counters, leaderboards, presence and pub/sub in memory",
        "Short-lived data in memory",
    ] {
        assert!(titles.contains(&title), "no `{title}` in {titles:?}");
    }
    assert!(
        advice.checklist.iter().any(|c| c.contains("TTL")),
        "{:?}",
        advice.checklist
    );
}

/// A warehouse beside the primary costs a feed to run: it was said to cost "heavy
/// reports compete with the application unless they run on a replica", which is what
/// reports cost on the application's own database, the very thing the warehouse avoids.
#[test]
fn a_warehouse_beside_the_primary_costs_its_feed_not_the_primary_s_load() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "analytics"])),
            ("existing", one("postgresql")),
            ("deployment", one("managed")),
            ("volume", one("large")),
            ("cloud", one("gcp")),
        ],
    );
    let warehouse = advice.stack.iter().find(|c| c.role == "analytics");
    let warehouse = warehouse.unwrap_or_else(|| panic!("{:?}", advice.stack));
    assert!(!warehouse.by_primary, "{warehouse:?}");
    let cost = warehouse.cost.to_lowercase();
    assert!(
        !cost.contains("compete with the application") && cost.contains("feed"),
        "{cost}"
    );
    // Nor is PostgreSQL's good that one engine serves the reports it sends there.
    let goods: Vec<&str> = advice
        .decisions
        .iter()
        .flat_map(|d| d.good.iter().map(|g| g.as_str()))
        .collect();
    assert!(!goods.iter().any(|g| g.contains("report")), "{goods:?}");
    // And the feed is proven, as a reporting copy's is.
    let proven = advice.checklist.iter();
    assert!(
        proven
            .map(|c| c.as_str())
            .any(|c| c.contains("load into the column store") && c.contains("lags")),
        "{:?}",
        advice.checklist
    );
}

/// Tenants in shared tables stay apart in the copy a warehouse keeps of them (BigQuery
/// beside a team's PostgreSQL), where the primary's row-level security does not reach;
/// reports the primary runs itself need nothing more.
#[test]
fn shared_tenants_are_kept_apart_in_the_reporting_copy_too() {
    let kb = KnowledgeBase::embedded();
    let titles = |volume: &str| {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "analytics"])),
                ("existing", one("postgresql")),
                ("deployment", one("managed")),
                ("volume", one(volume)),
                ("cloud", one("gcp")),
                ("multi-tenant", one("shared")),
            ],
        );
        let decisions = advice.decisions.iter();
        decisions.map(|d| d.title.to_string()).collect::<Vec<_>>()
    };
    let copied = "Tenants kept apart in the reporting copy too".to_string();
    assert!(titles("large").contains(&copied), "{:?}", titles("large"));
    assert!(!titles("small").contains(&copied), "{:?}", titles("small"));
}

/// Firestore and Couchbase are chosen for work with no device in sight (a serverless web
/// app, documents read at memory speed): there they get their own reasons and names, and
/// the offline-sync reasons only where devices sync.
#[test]
fn a_store_that_can_sync_gets_the_sync_reasons_only_where_devices_sync() {
    let kb = KnowledgeBase::embedded();
    let primary = |deployment: &str| {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["documents"])),
                ("team", one("no-ops")),
                ("deployment", one(deployment)),
                ("cloud", one("gcp")),
                ("volume", one("small")),
            ],
        );
        let decision = advice.decisions.iter().find(|d| d.tree == "sql-vs-nosql");
        let decision = decision.expect("the primary store is a decision").clone();
        (advice.primary().unwrap().clone(), decision)
    };
    let (store, decision) = primary("serverless");
    assert_eq!(store.engine, "firestore");
    assert_eq!(decision.title, "Cloud Firestore");
    assert!(!decision.reason.contains("offline"), "{}", decision.reason);
    let (store, decision) = primary("devices-sync");
    assert_eq!(
        decision.title, "A document store that syncs with devices",
        "{store:?}"
    );

    let couchbase = kb.engine("couchbase").unwrap();
    let mut answers = Answers::default();
    answers.set("deployment", one("managed"));
    assert_eq!(name_of(couchbase, &answers), "Couchbase");
    answers.set("deployment", one("devices-sync"));
    assert_eq!(
        name_of(couchbase, &answers),
        "Couchbase with Couchbase Lite"
    );
}

/// Files kept under residency rules are not said to be served through a CDN, whose edge
/// caches are copies outside the region; the residency check names caches and CDN edges
/// among the copies that must stay inside the jurisdiction.
#[test]
fn files_under_residency_rules_are_not_promised_to_a_cdn() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "files"])),
            ("multi-region", one("single-region")),
            ("residency", one("pinned")),
        ],
    );
    let files = advice.stack.iter().find(|c| c.role == "object-store");
    let files = files.expect("object storage for the files");
    let reason: Vec<&str> = files.reason.kb_texts().iter().map(|t| t.as_str()).collect();
    assert!(
        reason.iter().any(|t| t.contains("signed URLs")),
        "{reason:?}"
    );
    assert!(!reason.iter().any(|t| t.contains("CDN")), "{reason:?}");
    assert!(
        advice
            .checklist
            .iter()
            .any(|c| c.starts_with("Every copy of the data") && c.contains("CDN edges")),
        "{:?}",
        advice.checklist
    );
}

/// A primary that keeps readings itself (TiDB's partitions, TTL and TiFlash columns;
/// Citus' time partitions and columnar storage) needs no time-series store beside it:
/// 58.com kept its monitoring data in TiDB, beside the records.
#[test]
fn a_scale_out_sql_primary_keeps_the_readings_itself() {
    let kb = KnowledgeBase::embedded();
    let path = "tests/scenarios/answers/028-classifieds-no-sharding-no-etl.yaml";
    let advice = crate::common::answers::advice_of(&kb, path);
    assert_eq!(advice.primary().map(|c| c.engine.as_str()), Some("tidb"));
    let readings = advice.stack.iter().find(|c| c.role == "time-series");
    assert_eq!(
        readings.map(|c| c.engine.as_str()),
        Some("tidb"),
        "{:?}",
        advice.stack
    );
    assert!(advice.stack.iter().all(|c| c.engine != "timescaledb"));
}

/// Readings that are the record and that every region writes stay in a store that takes
/// writes in every region: a time-series engine beside it would take them in one region
/// only. Netflix kept its viewing history in Cassandra, by member and time.
#[test]
fn readings_written_in_every_region_stay_where_every_region_writes() {
    let kb = KnowledgeBase::embedded();
    let mut everywhere = 0;
    for (path, text) in crate::common::answers::every_answers_text() {
        let advice = crate::common::answers::advice(&kb, &text);
        // Read from the answers on the path, not from the file's lines.
        let answered = |q: &str, a: &str| {
            let mut path = advice.answers.iter();
            path.any(|b| b.question == q && b.answer == a)
        };
        if !(answered("multi-region", "multi-region-writes")
            && answered("durability", "system-of-record"))
        {
            continue;
        }
        let Some(readings) = advice.stack.iter().find(|c| c.role == "time-series") else {
            continue;
        };
        everywhere += 1;
        let engine = kb.engine(&readings.engine).expect("a catalog engine");
        assert!(
            engine.has("multi-region-writes"),
            "{}: the readings go to {}, which takes writes in one region",
            path.display(),
            engine.id
        );
        // Nor is a loader said to batch them into it, as a column store wants.
        let log = advice.stack.iter().find(|c| c.role == "event-log");
        let words = log.map(|c| format!("{:?}", c.reason)).unwrap_or_default();
        assert!(!words.contains("batch"), "{}: {words}", path.display());
    }
    assert!(
        everywhere >= 1,
        "no answers file keeps readings written in every region"
    );
    let path = "tests/scenarios/answers/040-streaming-viewing-history.yaml";
    let advice = crate::common::answers::advice_of(&kb, path);
    let modelled = advice
        .decisions
        .iter()
        .filter(|d| d.tree == "normalization");
    let windows = modelled.clone().find(|d| d.outcome == "time-window-tables");
    let windows = windows.unwrap_or_else(|| panic!("{:?}", modelled.collect::<Vec<_>>()));
    assert!(
        windows.reason.contains("TimeWindowCompactionStrategy"),
        "{}",
        windows.reason
    );
}

/// Devices that sync with a store beside the team's database put their data in two
/// stores: the advice says which gets it first and that each kind of record needs one
/// owner, and never calls the sync store the system of record beside another primary.
#[test]
fn a_sync_store_beside_the_primary_feeds_it() {
    let kb = KnowledgeBase::embedded();
    let field_app = |existing: &[(&'static str, AnswerValue)]| {
        let mut script = vec![
            ("data-kinds", many(&["records"])),
            ("team", one("small-team")),
            ("deployment", one("devices-sync")),
            ("volume", one("medium")),
        ];
        script.extend(existing.iter().cloned());
        advice_after(&kb, &script)
    };
    // The sync store, and the outcomes of the decision on the stores beside the primary.
    let sync_of = |advice: &dbadvise::engine::Advice| {
        let sync = advice.stack.iter().find(|c| c.role == "sync").cloned();
        let decided = advice.decisions.iter();
        let stores = decided.filter(|d| d.tree == "secondary-stores");
        let outcomes: Vec<String> = stores.map(|d| d.outcome.to_string()).collect();
        (sync.expect("a sync store"), outcomes)
    };
    let kept = field_app(&[
        ("existing", one("postgresql")),
        ("existing-stays", one("stays")),
    ]);
    let primary = kept.primary().map(|c| c.engine.as_str());
    assert_eq!(primary, Some("postgresql"));
    let (sync, decided) = sync_of(&kept);
    assert!(!sync.by_primary, "{:?}", kept.stack);
    let said = sync.reason.kb_texts().join(" ");
    assert!(!said.contains("system of record"), "{said}");
    assert!(decided.iter().any(|o| o == "sync-beside"), "{decided:?}");
    let fresh = field_app(&[("existing", one("none"))]);
    let (sync, decided) = sync_of(&fresh);
    assert!(sync.by_primary, "{:?}", fresh.stack);
    assert!(decided.iter().any(|o| o == "offline-sync"), "{decided:?}");
}
