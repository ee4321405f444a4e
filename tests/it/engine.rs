//! The pure engine as an interview drives it: next question, back, progress, traces.
//! Which stores the answers lead to is in `stores`.

use crate::common;
use crate::common::advice::{advice_after, interview, outcomes};
use crate::common::answers::{lambda_app, many, one};

use dbadvise::engine::advise::advise;
use dbadvise::engine::walk::walk;
use dbadvise::engine::{default_answer, progress, Answers};
use dbadvise::kb::{AnswerValue, KnowledgeBase};

#[test]
fn an_interview_ends_with_complete_advice_and_never_repeats_a_question() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let asked = interview(&kb, &mut answers, &[]);
    assert!(asked.len() >= 5, "{asked:?}");
    let advice = advise(&kb, &answers);
    assert!(advice.complete);
    assert!(advice.primary().is_some());
    // Every question asked is recorded in the advice's answers, in the order asked.
    let recorded: Vec<&str> = advice.answers.iter().map(|b| &*b.question).collect();
    assert_eq!(
        recorded,
        asked.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn progress_counts_up_and_the_estimate_holds_on_the_default_path() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let start = progress(&kb, &answers);
    assert_eq!(start.answered, 0);
    let total = start.remaining;
    let asked = interview(&kb, &mut answers, &[]);
    assert_eq!(
        asked.len(),
        total,
        "answering the defaults takes exactly the estimated steps"
    );
    let end = progress(&kb, &answers);
    assert_eq!((end.answered, end.remaining), (total, 0));
}

#[test]
fn back_removes_the_last_answer_and_asks_it_again() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let first = walk(&kb, &answers).next_question().unwrap().to_string();
    answers.set(&first, default_answer(kb.question(&first).unwrap()));
    let second = walk(&kb, &answers).next_question().unwrap().to_string();
    assert_ne!(first, second);
    let before = progress(&kb, &answers).answered;
    answers.remove(&first);
    assert_eq!(walk(&kb, &answers).next_question(), Some(first.as_str()));
    assert_eq!(progress(&kb, &answers).answered, before - 1);
}

#[test]
fn changing_an_earlier_answer_keeps_the_later_ones_that_still_apply() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[
            ("data-kinds", many(&["records"])),
            ("invariants", many(&["money"])),
        ],
    );
    assert_eq!(
        advise(&kb, &answers).primary().unwrap().engine,
        "postgresql"
    );

    // Documents as well: the rules answer is kept; only questions the new path needs
    // are asked.
    answers.set("data-kinds", many(&["records", "documents"]));
    let newly_asked = interview(&kb, &mut answers, &[]);
    assert!(!newly_asked.contains(&"invariants".to_string()));
    assert_eq!(answers.get("invariants"), Some(&many(&["money"])));
    let advice = advise(&kb, &answers);
    assert!(advice
        .patterns
        .iter()
        .any(|p| p.id == "types-jsonb-sparingly"));
}

#[test]
fn a_several_choice_answer_follows_every_selected_branch() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[(
            "access-patterns",
            many(&["substring", "json-containment", "range"]),
        )],
    );
    let ids: Vec<&str> = advice.indexes.iter().map(|i| i.id.as_str()).collect();
    for want in [
        "index-gin-trgm",
        "index-gin-jsonb",
        "index-btree-range-sort",
    ] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    let trgm = advice
        .indexes
        .iter()
        .find(|i| i.id == "index-gin-trgm")
        .unwrap();
    // Each branch is explained by its own ticked option, not by every ticked one.
    let why: Vec<&str> = trgm
        .because
        .iter()
        .filter(|b| &*b.question == "access-patterns")
        .map(|b| &*b.answer)
        .collect();
    assert_eq!(why, ["substring"]);
}

#[test]
fn a_store_beside_the_primary_names_only_the_answers_of_its_need() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    interview(
        &kb,
        &mut answers,
        &[
            ("features", many(&["keyword-search", "jobs", "live"])),
            ("peak-rate", one("thousands")),
        ],
    );
    let advice = advise(&kb, &answers);
    let live = advice.stack.iter().find(|c| c.role == "ephemeral").unwrap();
    assert_eq!(live.engine, "redis");
    let why: Vec<String> = live
        .because
        .iter()
        .map(|b| format!("{}={}", b.question, b.answer))
        .collect();
    assert_eq!(why, ["features=live"], "not the search or jobs answers");
    // Roles the primary serves itself are marked so, with their own reasons.
    let queue = advice.stack.iter().find(|c| c.role == "queue").unwrap();
    assert!(queue.by_primary && queue.engine == "postgresql");
    assert!(queue.because.iter().all(|b| b.answer == "jobs"));
    // The decisions about those stores cite the same answers; an index kind, past the
    // primary's own engine node, does not cite what chose the primary.
    let cited = |tree: &str, title: &str| -> Vec<String> {
        let d = advice
            .decisions
            .iter()
            .find(|d| d.tree == tree && d.title.contains(title));
        let d = d.unwrap_or_else(|| panic!("no {tree} decision {title:?}"));
        d.because
            .iter()
            .map(|b| format!("{}={}", b.question, b.answer))
            .collect()
    };
    assert!(cited("secondary-stores", "queue").contains(&"features=jobs".to_string()));
    assert!(cited("secondary-stores", "leaderboards").contains(&"features=live".to_string()));
    for d in advice.decisions.iter().filter(|d| d.tree == "index-type") {
        assert!(
            d.because.iter().all(|b| b.question == "access-patterns"),
            "{d:?}"
        );
    }
}

#[test]
fn a_question_an_answer_skips_names_that_answer_as_the_reason() {
    // At a few hundred requests a second the read mix is not asked: normalised tables
    // serve every read, and the data model says that the rate decided it.
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &[("peak-rate", one("hundreds"))]);
    let model = advice.decisions.iter().find(|d| d.tree == "normalization");
    let model = model.expect("a data model is decided");
    assert_eq!(model.outcome, "normalize");
    let why: Vec<String> = (model.because.iter())
        .map(|b| format!("{}={}", b.question, b.answer))
        .collect();
    assert!(why.contains(&"peak-rate=hundreds".to_string()), "{why:?}");
}

#[test]
fn an_answer_that_only_goes_on_is_no_reason_for_what_follows() {
    // One organisation, and no hot keys, change nothing that follows them: the
    // operations baseline and the cache's key naming do not name them as their reasons.
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("multi-tenant", one("single")),
            ("hot-keys", one("no")),
            ("read-write", one("read-heavy")),
            ("peak-rate", one("tens-of-thousands")),
        ],
    );
    let because_of = |title: &str| -> Vec<String> {
        let d = advice.decisions.iter().find(|d| d.title == title);
        let d = d.unwrap_or_else(|| panic!("no decision {title}"));
        (d.because.iter())
            .map(|b| format!("{}={}", b.question, b.answer))
            .collect()
    };
    let baseline = because_of("Operations baseline");
    assert!(
        !baseline.iter().any(|b| b.starts_with("multi-tenant=")),
        "{baseline:?}"
    );
    let keys = because_of("Key names and TTLs");
    assert!(!keys.iter().any(|b| b.starts_with("hot-keys=")), "{keys:?}");
    // Time series at volume partition by time where the engine needs it; the baseline
    // every database gets is not put down to them.
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["records", "time-series"])),
            ("volume", one("large")),
        ],
    );
    let baseline = advice
        .decisions
        .iter()
        .find(|d| d.title == "Operations baseline");
    let baseline = baseline.expect("every database gets the baseline");
    assert!(baseline.because.is_empty(), "{:?}", baseline.because);
    // Data that may be lost skips the restore drill, and is no reason for the engine's
    // own operations advice.
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["documents"])),
            ("durability", one("rebuildable")),
        ],
    );
    let ops = advice.decisions.iter().filter(|d| d.tree == "operations");
    let titles: Vec<&str> = ops.clone().map(|d| d.title.as_str()).collect();
    assert!(!titles.contains(&"Restores, rehearsed"), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.starts_with("Running")),
        "{titles:?}"
    );
    for d in ops.filter(|d| d.title.starts_with("Running")) {
        assert!(
            !d.because.iter().any(|b| b.question == "durability"),
            "{}: {:?}",
            d.title,
            d.because
        );
    }
    // An answer that does branch still is the reason for its branch.
    let advice = advice_after(&kb, &[("multi-tenant", one("shared"))]);
    let shared = advice
        .decisions
        .iter()
        .find(|d| d.title.contains("row-level security"));
    let shared = shared.expect("shared tables get row-level security");
    assert!(shared.because.iter().any(|b| b.question == "multi-tenant"));
}

#[test]
fn every_item_of_advice_carries_its_reasons() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &[("features", many(&["jobs", "live"]))]);
    for c in &advice.stack {
        assert!(!c.because.is_empty(), "{} has no because", c.engine);
    }
    for p in advice.patterns.iter().chain(&advice.indexes) {
        assert!(!p.trace.is_empty(), "pattern {} has no trace", p.id);
    }
    let roles: Vec<&str> = advice.stack.iter().map(|c| c.role.as_str()).collect();
    assert!(
        roles.contains(&"ephemeral") && roles.contains(&"queue"),
        "{roles:?}"
    );
}

#[test]
fn the_ranking_shown_is_the_one_that_decided() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["documents"])),
            ("consistency", one("strict")),
            ("query-complexity", one("complex")),
        ],
    );
    let primary = advice.primary().unwrap().engine.clone();
    let ranked: Vec<_> = advice
        .alternatives
        .iter()
        .filter(|a| a.role == "primary")
        .collect();
    let chosen = ranked.iter().find(|a| a.chosen).unwrap();
    assert_eq!(chosen.engine, primary);
    // The chosen engine is the top score: no engine left in the ranking scores higher.
    for alt in ranked.iter().filter(|a| !a.chosen) {
        assert_ne!(alt.engine, primary);
        match &alt.eliminated {
            Some(why) => assert!(why.to_string().starts_with("needs "), "{why}"),
            None => {
                assert!(
                    alt.score <= chosen.score,
                    "{} outscores the choice",
                    alt.engine
                );
                assert!(
                    !alt.reasons.is_empty(),
                    "{} lost without a reason",
                    alt.engine
                );
            }
        }
    }
}

#[test]
fn an_engine_that_fails_a_requirement_is_eliminated_with_the_answer() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["documents"])),
            ("consistency", one("strict")),
            ("existing", one("proposal")),
            ("proposed-engine", one("cassandra")),
        ],
    );
    let cassandra = advice
        .alternatives
        .iter()
        .find(|a| a.role == "primary" && a.engine == "cassandra")
        .expect("the proposal is always shown");
    let why = cassandra
        .eliminated
        .as_ref()
        .expect("eliminated")
        .to_string();
    assert!(
        why.contains("multi-row transactions") && why.contains("consistency = strict"),
        "{why}"
    );
    assert_ne!(advice.primary().unwrap().engine, "cassandra");
}

#[test]
fn the_team_s_engine_is_a_named_criterion_of_the_ranking() {
    let kb = KnowledgeBase::embedded();
    let primary = |existing: &str| {
        let advice = advice_after(&kb, &[("existing", one(existing))]);
        let reasons: Vec<String> = advice
            .alternatives
            .iter()
            .filter(|a| a.role == "primary" && !a.chosen)
            .flat_map(|a| a.reasons.iter().map(ToString::to_string))
            .collect();
        (advice.primary().unwrap().engine.to_string(), reasons)
    };
    let (engine, reasons) = primary("mysql");
    assert_eq!(engine, "mysql");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("the team already runs it")),
        "{reasons:?}"
    );
    assert_eq!(primary("none").0, "postgresql");
}

#[test]
// Twelve questions and, since the domains came, what the product does: the one answer
// that gives a small project its own tables and rules instead of a generic schema.
fn a_small_simple_project_takes_at_most_thirteen_questions() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let asked = interview(
        &kb,
        &mut answers,
        &[
            ("team", one("no-ops")),
            ("volume", one("small")),
            ("peak-rate", one("hundreds")),
        ],
    );
    assert!(asked.len() <= 13, "{} questions: {asked:?}", asked.len());
    assert!(asked.contains(&"product".to_string()), "{asked:?}");
    for never in [
        "partition-behaviour",
        "multi-region",
        "stale-reads",
        "latency",
        "cloud",
    ] {
        assert!(
            !asked.iter().any(|q| q == never),
            "{never} asked of a small project"
        );
    }
}

/// A database inside the application runs where the application does: however much data
/// it holds, nobody is asked where its users are or where its data must stay.
#[test]
fn a_database_inside_the_application_is_not_asked_about_regions() {
    let kb = KnowledgeBase::embedded();
    let mut answers = Answers::default();
    let asked = interview(
        &kb,
        &mut answers,
        &[
            ("data-kinds", common::answers::many(&["analytics"])),
            ("deployment", one("embedded")),
            ("volume", one("medium")),
            ("peak-rate", one("thousands")),
        ],
    );
    assert!(asked.contains(&"deployment".to_string()), "{asked:?}");
    for never in ["multi-region", "residency", "partition-behaviour"] {
        assert!(
            !asked.iter().any(|q| q == never),
            "{never} asked: {asked:?}"
        );
    }
}

/// The advice of the e-commerce example (PostgreSQL, with a Redis cache) on the embedded
/// knowledge base with `overlay` on top.
fn shop_advice_with(overlay: &str) -> dbadvise::engine::Advice {
    let kb = common::run::kb_with(overlay);
    let text = include_str!("../projects/ecommerce-catalogue.yaml");
    let answers = dbadvise::engine::parse_answers(&kb, "ecommerce-catalogue.yaml", text).unwrap();
    dbadvise::engine::advise_with_defaults(&kb, &answers)
}

#[test]
fn an_item_is_judged_by_the_store_its_outcome_is_about() {
    // Declared for the cache's engine: the caching advice (about the cache) keeps
    // cache-aside, the primary store's advice (about PostgreSQL) drops the relational core,
    // though the cache's engine is in the stack.
    let plain = shop_advice_with("");
    let cache = plain.stack.iter().find(|c| c.role == "cache");
    let cache = cache.expect("the shop has a cache").engine.to_string();
    assert_ne!(cache, "postgresql", "the cache is a store of its own");
    let advice = shop_advice_with(&format!(
        "patterns:\n  - id: cache-aside\n    engines: [{cache}]\n  - id: schema-relational-core\n    engines: [{cache}]\n",
    ));
    let ids: Vec<&str> = advice.patterns.iter().map(|p| p.id.as_str()).collect();
    assert!(ids.contains(&"cache-aside"), "{ids:?}");
    assert!(!ids.contains(&"schema-relational-core"), "{ids:?}");
    // Declared for the engine family or a capability the primary has, it stays.
    let advice = shop_advice_with(
        "patterns:\n  - id: schema-relational-core\n    engines: [relational]\n    needs: [exclusion-constraints]\n",
    );
    assert!(advice
        .patterns
        .iter()
        .any(|p| p.id == "schema-relational-core"));
    // And a need the primary lacks drops it.
    let advice = shop_advice_with(
        "patterns:\n  - id: schema-relational-core\n    needs: [graph-traversal]\n",
    );
    assert!(!advice
        .patterns
        .iter()
        .any(|p| p.id == "schema-relational-core"));
}

#[test]
fn a_check_naming_the_plan_tool_speaks_the_primary_engine_s_terms() {
    let advice = shop_advice_with("");
    let plans: Vec<&str> = advice
        .checklist
        .iter()
        .map(|c| c.as_str())
        .filter(|c| c.contains("checked with"))
        .collect();
    assert_eq!(
        plans,
        ["Every hot query has been checked with EXPLAIN (ANALYZE, BUFFERS) on production-sized data."],
        "said once, in PostgreSQL's terms"
    );
}

/// The primary store's decision says why the store was chosen: the answers that moved
/// the ranking come first, as in the stack, and not only the tree's own route (a Lambda
/// app on DynamoDB is not there "because it keeps business records").
#[test]
fn the_primary_store_decision_cites_what_chose_the_store_first() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, &lambda_app("moderate"));
    let pick = advice.primary().unwrap();
    assert_eq!(pick.engine, "dynamodb");
    let decision = advice
        .decisions
        .iter()
        .find(|d| d.tree == "sql-vs-nosql")
        .expect("a primary store decision");
    let cited: Vec<&str> = decision
        .because
        .iter()
        .map(|b| b.question.as_str())
        .collect();
    let chose: Vec<&str> = pick.because.iter().map(|b| b.question.as_str()).collect();
    assert!(!chose.is_empty());
    assert_eq!(&cited[..chose.len()], &chose[..], "{cited:?}");
}

/// Residency in one region is the choice of that region, whatever the engine; across
/// regions it is rows pinned by the engine, or a deployment per jurisdiction.
#[test]
fn residency_in_one_region_keeps_the_copies_there_and_across_regions_pins_the_rows() {
    let kb = KnowledgeBase::embedded();
    // The primary store, and whether the operations tree reaches each of the outcomes.
    let reached = |script: &[(&str, AnswerValue)], ids: [&str; 2]| {
        let advice = advice_after(&kb, script);
        assert!(advice.complete, "{:?}", advice.pending);
        let operations = outcomes(&advice, "operations");
        let primary = advice.primary().unwrap().engine.to_string();
        (primary, ids.map(|id| operations.contains(&id)))
    };
    let ids = ["region-in-jurisdiction", "cell-per-region"];
    // A German scheduling SaaS (scenario 056's facts): residency is now asked of it.
    let base = [
        ("data-kinds", many(&["records"])),
        ("team", one("small-team")),
        ("deployment", one("managed")),
        ("volume", one("medium")),
        ("peak-rate", one("hundreds")),
    ];
    let mut answers = Answers::default();
    let asked = interview(&kb, &mut answers, &base);
    assert!(asked.iter().any(|q| q == "residency"), "{asked:?}");

    let pinned = ("residency", one("pinned"));
    let one_region = [&base[..], std::slice::from_ref(&pinned)].concat();
    assert_eq!(
        reached(&one_region, ids),
        ("postgresql".into(), [true, false])
    );
    assert_eq!(reached(&base, ids), ("postgresql".into(), [false, false]));
    let reads = ("multi-region", one("multi-region-reads"));
    let reads_abroad = [&base[..], &[reads, pinned]].concat();
    assert_eq!(
        reached(&reads_abroad, ids),
        ("postgresql".into(), [false, true])
    );
}

/// TimescaleDB as a managed service is run where the service ships the extension; one
/// the team hosts itself needs no such advice.
#[test]
fn managed_timescaledb_is_told_the_service_must_ship_the_extension() {
    let kb = KnowledgeBase::embedded();
    let reached = |file: &str| {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let answers = common::answers::read_answers(&kb, &path);
        let advice = dbadvise::engine::advise_with_defaults(&kb, &answers);
        assert_eq!(advice.primary().unwrap().engine, "timescaledb", "{file}");
        let operations = outcomes(&advice, "operations");
        ["ops-timescale-managed", "ops-postgres"].map(|id| operations.contains(&id))
    };
    let managed = reached("tests/scenarios/answers/038-industrial-iot-fleet.yaml");
    assert_eq!(managed, [true, true]);
    let hosted = reached("tests/projects/timeseries-metrics.yaml");
    assert_eq!(hosted, [false, true]);
}
