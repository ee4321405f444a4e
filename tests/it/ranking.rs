//! How the ranking weighs what the answers ask of the primary store: enough is enough,
//! a serverless deployment weighs how well each engine fits functions, the team's own
//! engine outweighs one only marginally better, reports on a copy weigh the copy, and a
//! tie is said to be one.

use crate::common::advice::advice_after;
use crate::common::answers::{lambda_app, many, one};

use dbadvise::engine::rank::Alternative;
use dbadvise::engine::Advice;
use dbadvise::kb::KnowledgeBase;

/// Every reason of the ranking of one role, as the record words it.
fn reasons_for(advice: &Advice, role: &str) -> Vec<String> {
    advice
        .alternatives
        .iter()
        .filter(|x| x.role == role)
        .flat_map(|x| x.reasons.iter().map(ToString::to_string))
        .collect()
}

/// The primary store's ranking entry for `engine`, if it is listed.
fn ranked<'a>(advice: &'a Advice, engine: &str) -> Option<&'a Alternative> {
    let listed = advice.alternatives.iter();
    listed
        .filter(|a| a.role == "primary")
        .find(|a| a.engine == engine)
}

/// A rating better than the answers need counts no more than the need: a few hundred
/// requests a second need no engine that writes faster than PostgreSQL, so MySQL's
/// faster writes are shown as more than needed, not as a point it wins on. At tens of
/// thousands a second the same rating counts in full.
#[test]
fn a_rating_beyond_what_the_answers_need_counts_no_more() {
    let kb = KnowledgeBase::embedded();
    let mysql_at = |rate: &str| {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("volume", one("medium")),
                ("peak-rate", one(rate)),
            ],
        );
        assert_eq!(advice.primary().unwrap().engine, "postgresql");
        ranked(&advice, "mysql")
            .expect("MySQL is ranked next to PostgreSQL")
            .reasons
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<String>>()
    };
    let quiet = mysql_at("hundreds");
    assert!(
        quiet.iter().any(|r| r
            == "more than needed on write performance: excellent vs good for PostgreSQL; \
                good is enough because peak-rate = hundreds"),
        "{quiet:?}"
    );
    assert!(
        !quiet
            .iter()
            .any(|r| r.starts_with("better on write performance:")),
        "{quiet:?}"
    );
    let busy = mysql_at("tens-of-thousands");
    assert!(
        busy.iter()
            .any(|r| r.starts_with("better on write performance: excellent vs good for PostgreSQL")),
        "{busy:?}"
    );
    assert!(!busy.iter().any(|r| r.contains("than needed")), "{busy:?}");
}

/// Serverless is graded, not a yes or no: a server that pauses when idle (Aurora
/// Serverless v2, Neon) is billed by compute time and needs a pooler in front of
/// functions, where DynamoDB bills each request. A one-person app on Lambda with a
/// handful of known queries gets DynamoDB; the same app with joins and reports keeps
/// PostgreSQL.
#[test]
fn a_serverless_app_weighs_how_each_engine_fits_functions() {
    let kb = KnowledgeBase::embedded();
    let lambda_app = |queries: &str| advice_after(&kb, &lambda_app(queries));
    let known = lambda_app("moderate");
    assert_eq!(known.primary().unwrap().engine, "dynamodb");
    let postgresql = ranked(&known, "postgresql").expect("PostgreSQL is ranked next to DynamoDB");
    let reasons: Vec<String> = postgresql.reasons.iter().map(ToString::to_string).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r
                .starts_with("worse on serverless fit: fair vs outstanding for Amazon DynamoDB")),
        "{reasons:?}"
    );
    let reports = lambda_app("complex");
    assert_eq!(reports.primary().unwrap().engine, "postgresql");
}

/// Live counters and presence are served from memory beside the primary, so asking for
/// them adds that store and leaves the primary's ranking alone: they weigh the store of
/// their role, not the database of record.
#[test]
fn live_features_weigh_their_own_store_not_the_primary() {
    let kb = KnowledgeBase::embedded();
    let app = |features: &[&str]| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("team", one("small-team")),
                ("volume", one("medium")),
                ("peak-rate", one("tens-of-thousands")),
                ("read-write", one("write-heavy")),
                ("features", many(features)),
            ],
        )
    };
    let plain = app(&["jobs"]);
    let live = app(&["jobs", "live"]);
    let primary = |a: &Advice| a.primary().unwrap().engine.to_string();
    assert_eq!(primary(&live), primary(&plain));
    assert!(
        live.stack.iter().any(|c| c.role == "ephemeral"),
        "{:?}",
        live.stack
    );
    // The primary's ranking counts whether an engine serves them itself (a need), but
    // never weighs its write speed for them.
    let reasons = reasons_for(&live, "primary");
    assert!(
        reasons.iter().any(|r| r.contains("write performance")),
        "{reasons:?}"
    );
    assert!(
        !reasons
            .iter()
            .any(|r| r.contains("write performance") && r.contains("features = live")),
        "{reasons:?}"
    );
}

/// Sessions and counters kept in memory beside the database of record weigh that
/// store's speed, not the primary's: "MySQL writes faster, weighs 5 because data-kinds =
/// ephemeral" would choose the database of record for data it never holds.
#[test]
fn short_lived_keys_in_their_own_store_weigh_that_store_not_the_primary() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "ephemeral"])),
            ("volume", one("medium")),
            ("peak-rate", one("thousands")),
            ("read-write", one("write-heavy")),
        ],
    );
    let store = advice
        .stack
        .iter()
        .find(|c| c.role == "ephemeral")
        .expect("the short-lived keys have a store of their own");
    assert_ne!(store.engine, advice.primary().unwrap().engine);
    let primary_reasons = reasons_for(&advice, "primary");
    // The records' own write-heavy load still weighs the primary's write speed.
    assert!(
        primary_reasons
            .iter()
            .any(|r| r.contains("write performance") && r.contains("read-write = write-heavy")),
        "{primary_reasons:?}"
    );
    assert!(
        !primary_reasons
            .iter()
            .any(|r| r.contains("performance") && r.contains("data-kinds = ephemeral")),
        "{primary_reasons:?}"
    );
}

/// Reports over the data of offline devices run on a copy fed from the store the devices
/// sync with (need `reports-on-a-copy`, which `carries` the query criteria). The copy's
/// engine is ranked on how complex the queries are; the sync store is not, so an engine
/// is never chosen to sync devices for the joins it would not run.
#[test]
fn reports_on_a_copy_weigh_the_copy_and_not_the_store_the_devices_sync_with() {
    let kb = KnowledgeBase::embedded();
    let app = |deployment: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["documents", "analytics"])),
                ("team", one("small-team")),
                ("deployment", one(deployment)),
                ("volume", one("medium")),
                ("query-complexity", one("complex")),
            ],
        )
    };
    let weighed_by_the_query = |advice: &Advice, role: &str| {
        reasons_for(advice, role)
            .iter()
            .any(|r| r.contains("complex queries") && r.contains("query-complexity = complex"))
    };
    // On a server alone, the queries run on the primary and weigh its ranking.
    let server = app("managed");
    assert!(
        weighed_by_the_query(&server, "primary"),
        "{:?}",
        server.alternatives
    );
    // With devices that sync, they weigh the copy's ranking instead.
    let synced = app("devices-sync");
    assert!(
        !weighed_by_the_query(&synced, "primary"),
        "{:?}",
        synced.alternatives
    );
    let copy = synced
        .stack
        .iter()
        .find(|c| c.role == "analytics")
        .expect("the reports have a store");
    assert_ne!(copy.engine, synced.primary().unwrap().engine);
    assert!(
        weighed_by_the_query(&synced, "analytics"),
        "{:?}",
        synced.alternatives
    );
}

/// Where devices sync, the reports run on a copy whatever the sync store could run
/// itself: a sync store that runs them (Couchbase's analytics) wins nothing by it, and the
/// copy is a server that everyone's dashboards share, never a library inside one process.
#[test]
fn a_sync_store_wins_nothing_by_reports_that_run_on_a_copy() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["documents", "analytics"])),
            ("team", one("small-team")),
            ("deployment", one("devices-sync")),
            ("volume", one("medium")),
            ("query-complexity", one("complex")),
        ],
    );
    let primary = reasons_for(&advice, "primary");
    assert!(
        !primary.iter().any(|r| r.contains("reports")),
        "{primary:#?}"
    );
    let copy = advice
        .stack
        .iter()
        .find(|c| c.role == "analytics")
        .expect("the reports have a store");
    assert!(!copy.by_primary, "{:?}", advice.stack);
    let engine = kb.engine(&copy.engine).unwrap();
    assert!(
        engine.capabilities.iter().any(|c| c == "client-server"),
        "{}",
        copy.engine
    );
    // What the copy costs is a feed to run, not reports competing with the application.
    assert!(copy.cost.contains("feed"), "{}", copy.cost);
    let relational = engine.family == "relational";
    let pattern = advice.patterns.iter().any(|p| p.id == "reporting-copy");
    assert_eq!(
        relational, pattern,
        "{}: {:?}",
        copy.engine, advice.patterns
    );
}

/// An engine that scores the same as the chosen one is said to tie with it, with what
/// put the chosen one first, in the ranking and beside the choice; never "scores lower"
/// or a point against it beside the same score. A lower score is never called a tie.
#[test]
fn an_engine_that_scores_the_same_is_said_to_tie_with_the_chosen_one() {
    use crate::common::run::{dbadvise, project, stdout_of};
    let mut ties = 0;
    for name in ["global-banking", "log-search", "mysql-shop"] {
        let record = stdout_of(
            dbadvise()
                .arg("recommend")
                .arg("--answers")
                .arg(project(name)),
        );
        let options = record
            .split("## Considered Options")
            .nth(1)
            .and_then(|s| s.split("## Decision Outcome").next())
            .expect("the record has its options");
        let rows: Vec<Vec<&str>> = options
            .lines()
            .map(|l| {
                l.trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect::<Vec<_>>()
            })
            .filter(|cells| cells[0].parse::<usize>().is_ok())
            .collect();
        let (chosen, chosen_score) = (rows[0][1], rows[0][2]);
        assert_eq!(rows[0][3], "chosen", "{name}: {options}");
        for row in &rows[1..] {
            let says_tie = row[3].starts_with(&format!("ties with {chosen} at {chosen_score}"));
            assert_eq!(row[2] == chosen_score, says_tie, "{name}: {row:?}");
            ties += usize::from(says_tie);
            if says_tie {
                let sentence = format!("{} scores the same, {chosen_score}", row[1]);
                let outcome = record
                    .lines()
                    .find(|l| l.starts_with("Chosen option"))
                    .unwrap();
                assert!(outcome.contains(&sentence), "{name}: {outcome}");
            }
        }
    }
    assert!(ties >= 2, "the example projects with ties have none");
}

/// Two engines that score the same because what each is better on weighs the same are
/// not said to be separated by nothing: a ride-hailing app's PostgreSQL and MySQL tie,
/// PostgreSQL better on complex queries and MySQL on running costs.
#[test]
fn a_tie_of_offsetting_points_is_not_called_a_tie_of_nothing() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "ephemeral"])),
            ("team", one("small-team")),
            ("deployment", one("managed")),
            ("volume", one("medium")),
            ("peak-rate", one("thousands")),
            ("read-write", one("write-heavy")),
            ("traffic-shape", one("spiky")),
            ("cloud", one("aws")),
            ("consistency", one("strict")),
            ("query-complexity", one("moderate")),
            (
                "invariants",
                many(&["money", "one-claimant", "idempotency"]),
            ),
        ],
    );
    let mysql = ranked(&advice, "mysql").expect("MySQL is ranked");
    let tie = mysql
        .tie
        .as_ref()
        .expect("MySQL ties with the chosen engine");
    let said = tie.to_string();
    let reasons: Vec<String> = mysql.reasons.iter().map(ToString::to_string).collect();
    assert!(
        reasons.iter().any(|r| r.starts_with("better on")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.starts_with("worse on")),
        "{reasons:?}"
    );
    assert!(
        said.contains("what each is better on weighs the same"),
        "{said}"
    );
    assert!(
        !said.contains("nothing in the answers separates them"),
        "{said}"
    );
}

/// A team that runs MySQL well keeps MySQL for an ordinary booking system as its data
/// grows from gigabytes to a terabyte: PostgreSQL's exclusion constraints and richer
/// queries make it marginally better on paper, which is what the team's experience
/// outweighs (the question's own help says so). At small volumes the cost and ease of
/// learning weighed in MySQL's favour; without them the ranking turned to PostgreSQL at
/// 100 GB by two points.
#[test]
fn a_mysql_team_keeps_mysql_as_an_ordinary_workload_grows() {
    let kb = KnowledgeBase::embedded();
    for volume in ["small", "medium", "large"] {
        let advice = advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records"])),
                ("team", one("small-team")),
                ("existing", one("mysql")),
                ("deployment", one("managed")),
                ("volume", one(volume)),
                ("peak-rate", one("hundreds")),
                ("consistency", one("strict")),
                ("query-complexity", one("complex")),
                ("invariants", many(&["no-overlap", "money", "idempotency"])),
                ("features", many(&["jobs"])),
                ("multi-tenant", one("shared")),
            ],
        );
        assert_eq!(
            advice.primary().unwrap().engine,
            "mysql",
            "at volume {volume}"
        );
    }
}

/// A database the organisation has already chosen is the primary store wherever no
/// requirement rules it out, though the same engine only proposed loses to a better one;
/// only that engine counts, not one that speaks its protocol; and where a requirement
/// rules it out, the ranking still lists it, eliminated, with the requirement.
#[test]
fn a_database_the_organisation_chose_is_built_on_unless_a_requirement_rules_it_out() {
    let kb = KnowledgeBase::embedded();
    let store = |existing: &str, engine: &str, durability: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(&["records", "documents"])),
                ("existing", one(existing)),
                ("proposed-engine", one(engine)),
                ("deployment", one("managed")),
                ("volume", one("medium")),
                ("peak-rate", one("thousands")),
                ("cloud", one("azure")),
                ("durability", one(durability)),
            ],
        )
    };
    let primary = |advice: &Advice| advice.primary().unwrap().engine.to_string();

    let proposed = store("proposal", "cosmosdb", "system-of-record");
    assert_ne!(
        primary(&proposed),
        "cosmosdb",
        "a proposal only counts a little"
    );
    let decided = store("decided", "cosmosdb", "system-of-record");
    assert_eq!(primary(&decided), "cosmosdb");
    let runner_up = decided
        .alternatives
        .iter()
        .find(|a| a.role == "primary" && !a.chosen && a.eliminated.is_none())
        .expect("a runner-up is ranked");
    assert!(
        runner_up.reasons[0].to_string().starts_with("lacks what ")
            && runner_up.reasons[0]
                .to_string()
                .contains(" has: already chosen by the organisation"),
        "{:?}",
        runner_up.reasons
    );

    // Cassandra chosen is Cassandra: ScyllaDB speaks its protocol but was not chosen.
    let cassandra = store("decided", "cassandra", "system-of-record");
    let scylla = ranked(&cassandra, "scylladb");
    assert_eq!(primary(&cassandra), "cassandra");
    assert!(scylla.is_none_or(|s| !s.chosen));

    // Redis as the only store of records that must not be lost is ruled out, and shown.
    let redis = store("decided", "redis", "system-of-record");
    assert_ne!(primary(&redis), "redis");
    let shown = ranked(&redis, "redis").expect("the chosen engine is listed even when eliminated");
    assert!(shown.eliminated.is_some(), "{shown:?}");
}

/// A small managed system is not asked its cloud, and then running anywhere still
/// counts: a one-cloud service (Spanner) scores below the engines that keep the choice
/// of cloud open, where it outscored two of them when nothing weighed it.
#[test]
fn a_one_cloud_service_pays_for_it_where_the_cloud_was_not_asked() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records"])),
            ("team", one("no-ops")),
            ("deployment", one("managed")),
            ("volume", one("small")),
            ("peak-rate", one("hundreds")),
        ],
    );
    assert!(
        !advice.answers.iter().any(|b| b.question == "cloud"),
        "the cloud is not asked here"
    );
    let score = |engine: &str| ranked(&advice, engine).map(|a| a.score);
    let cockroach = score("cockroachdb").expect("CockroachDB is ranked");
    assert!(
        score("spanner").is_none_or(|s| s < cockroach),
        "{:?} vs {cockroach}",
        score("spanner")
    );
}

/// A cloud's managed PostgreSQL (Cloud SQL) is as much its own service as Spanner is:
/// the same identity, billing, monitoring and support. A small invoicing system on Google
/// Cloud is not handed Spanner for being native when Cloud SQL is native too; the
/// cloud's own designs keep their edge only where functions are the deployment.
#[test]
fn a_cloud_s_managed_postgresql_is_as_native_as_its_own_designs() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records"])),
            ("team", one("no-ops")),
            ("deployment", one("managed")),
            ("cloud", one("gcp")),
            ("volume", one("medium")),
            ("peak-rate", one("hundreds")),
            ("invariants", many(&["gapless-numbers"])),
        ],
    );
    assert!(
        advice.answers.iter().any(|b| b.question == "cloud"),
        "the cloud is asked here"
    );
    assert_eq!(advice.primary().unwrap().engine, "postgresql");
    let reasons_of = |advice: &Advice, engine: &str| -> Vec<String> {
        let reasons = ranked(advice, engine).map(|a| a.reasons.iter());
        reasons
            .into_iter()
            .flatten()
            .map(ToString::to_string)
            .collect()
    };
    let spanner = reasons_of(&advice, "spanner");
    assert!(
        !spanner.iter().any(|r| r.contains("native to the cloud")),
        "{spanner:?}"
    );
    let on_functions = advice_after(&kb, &lambda_app("moderate"));
    let postgresql = reasons_of(&on_functions, "postgresql");
    assert!(
        postgresql
            .iter()
            .any(|r| r
                .starts_with("lacks what Amazon DynamoDB has: built in to the cloud's functions")),
        "{postgresql:?}"
    );
}

/// The volume is the whole system's: terabytes of business records keep their sessions in
/// memory beside them, while terabytes of data that may all be rebuilt (the short-lived
/// data itself) are not put in memory.
#[test]
fn short_lived_keys_beside_terabytes_of_records_stay_in_memory() {
    let kb = KnowledgeBase::embedded();
    let at = |kinds: &[&str], durability: &str| {
        advice_after(
            &kb,
            &[
                ("data-kinds", many(kinds)),
                ("deployment", one("managed")),
                ("volume", one("large")),
                ("peak-rate", one("tens-of-thousands")),
                ("durability", one(durability)),
            ],
        )
    };
    let in_memory = |advice: &Advice| {
        advice
            .stack
            .iter()
            .any(|c| c.role == "ephemeral" && !c.by_primary)
    };
    let records = at(&["records", "ephemeral"], "system-of-record");
    assert!(in_memory(&records), "{:?}", records.stack);
    let cache_grade = at(&["ephemeral"], "rebuildable");
    assert!(!in_memory(&cache_grade), "{:?}", cache_grade.stack);
}

/// `beside` keeps a role's work off the primary; on a requirement, which has no store of
/// its own, it would mean nothing, and `kb check` says so.
#[test]
fn beside_on_a_need_without_a_role_is_refused() {
    let problems = crate::common::run::load_with(
        "needs:\n  - id: apart\n    label: a requirement kept apart\n    \
         when: {deployment: [managed]}\n    served_by: [client-server]\n    beside: true\n",
    )
    .expect_err("a requirement kept beside is refused");
    let said = format!("{problems:?}");
    assert!(said.contains("beside is for a need with a role"), "{said}");
}
