//! The record's short list of patterns makes each point once: an anti-pattern whose cure
//! is listed too (`covers` in the knowledge base) is left to the appendix, which keeps
//! every pattern that applies.

use super::*;

use dbadvise::kb::KnowledgeBase;

/// The titles in the record's "Patterns to apply".
fn listed(md: &str) -> Vec<String> {
    let section = md.split("### Patterns to apply").nth(1).unwrap_or_default();
    let section = section.split("\n#").next().unwrap_or_default();
    section
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| {
            let title = l.split_once(". ").map_or(l, |(_, t)| t);
            title.split(": `").next().unwrap_or(title).replace('\\', "")
        })
        .collect()
}

#[test]
fn an_anti_pattern_whose_cure_is_listed_is_left_to_the_appendix() {
    let kb = KnowledgeBase::embedded();
    let title = |id: &str| kb.pattern(id).expect(id).title.to_string();
    let (cure, covered) = ("types-money-numeric", "anti-pattern-float-money");
    assert!(kb
        .pattern(cure)
        .unwrap()
        .covers
        .iter()
        .any(|c| c == covered));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ledger.md");
    dbadvise()
        .args(["recommend", "--appendix", "--answers"])
        .arg(project("payments-ledger"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let record = fs::read_to_string(&out).unwrap();
    let shown = listed(&record);
    assert!(shown.contains(&title(cure)), "{shown:?}");
    assert!(!shown.contains(&title(covered)), "{shown:?}");
    let appendix = fs::read_to_string(dir.path().join("ledger.appendix.md")).unwrap();
    assert!(appendix.contains(&title(covered)), "the appendix keeps it");

    // And no record of the example projects lists a pattern beside one it covers.
    for entry in fs::read_dir("tests/projects").unwrap() {
        let path = entry.unwrap().path();
        let md = stdout_of(dbadvise().args(["recommend", "--answers"]).arg(&path));
        let shown = listed(&md);
        for pattern in kb
            .patterns
            .iter()
            .filter(|p| shown.contains(&p.title.to_string()))
        {
            for c in &pattern.covers {
                assert!(
                    !shown.contains(&title(c)),
                    "{}: {} listed beside {c}",
                    path.display(),
                    pattern.id
                );
            }
        }
    }
}

#[test]
fn a_pattern_that_covers_no_pattern_is_refused_with_the_nearest_ids() {
    let overlay = "patterns:\n  - id: types-money-numeric\n    title: Money\n    category: keys-and-types\n    summary: Exact money.\n    covers: [anti-pattern-float-mony]\n";
    let problems = crate::common::run::load_with(overlay).expect_err("an unknown id");
    let text = format!("{problems:?}");
    assert!(text.contains("anti-pattern-float-mony"), "{text}");
    assert!(
        text.contains("anti-pattern-float-money"),
        "did you mean: {text}"
    );
}

/// Concert seats sold on PostgreSQL with Valkey beside it: hot, stable reads that want
/// read models, sessions and counters in memory, one buyer per seat.
const SEAT_SALES: &str = "project: Seat sales
answers:
  domain: Reserved seats for concerts, with flash on-sales.
  product: bookings
  data-kinds: [records, ephemeral]
  team: small-team
  existing: postgresql
  existing-stays: stays
  deployment: managed
  cloud: aws
  volume: small
  peak-rate: tens-of-thousands
  traffic-shape: spiky
  read-write: read-heavy
  latency: tens-of-ms
  consistency: strict
  lifetime: forever
  partition-behaviour: refuse
  query-complexity: moderate
  multi-region: single-region
  residency: none
  invariants: [money, one-claimant, idempotency]
  features: [jobs, keyword-search]
  stale-reads: seconds
  access-stability: stable
  access-patterns: [equality-high, equality-low, range, multi-column, full-text]
  cache-consistency: ttl-ok
  hot-keys: 'yes'
  missing-lookups: 'yes'
  id-exposure: exposed
  multi-tenant: single
";

/// Support articles searched by meaning in the PostgreSQL the team runs.
const SUPPORT_SEARCH: &str = "project: Support search
answers:
  domain: Answers customer questions from help-centre articles by meaning.
  product: none
  data-kinds: [records, embeddings]
  team: small-team
  existing: postgresql
  existing-stays: stays
  deployment: managed
  cloud: gcp
  volume: medium
  peak-rate: hundreds
  consistency: per-record
  query-complexity: moderate
  vector-count: millions
  multi-region: single-region
  residency: none
  invariants: []
  features: [keyword-search]
  access-patterns: [vector, equality-low, full-text]
  id-exposure: internal
  multi-tenant: shared
";

/// A pattern for a store beside the primary, served by the primary itself (pgvector for
/// the vectors), has the answers that raised that store's need: without them it ranked
/// below every pattern of the relational core and left the short list. A pattern of the
/// primary's own outcome keeps that outcome's answers: the team that runs PostgreSQL is
/// not why transactions matter.
#[test]
fn a_pattern_for_a_role_has_the_answers_that_raised_the_role() {
    let kb = KnowledgeBase::embedded();
    let advice = crate::common::answers::advice(&kb, SUPPORT_SEARCH);
    let because = |id: &str| -> Vec<String> {
        let p = advice.patterns.iter().find(|p| p.id == id).expect(id);
        p.because
            .iter()
            .map(|b| format!("{}={}", b.question, b.answer))
            .collect()
    };
    assert!(
        because("vector-pgvector").contains(&"data-kinds=embeddings".to_string()),
        "{:?}",
        because("vector-pgvector")
    );
    assert!(
        because("fts-postgres-first").contains(&"features=keyword-search".to_string()),
        "{:?}",
        because("fts-postgres-first")
    );
    let transactions = because("transactions");
    assert!(
        transactions.iter().all(|b| !b.starts_with("existing=")),
        "{transactions:?}"
    );

    let md = record_for(SUPPORT_SEARCH);
    let shown = listed(&md);
    let title = |id: &str| kb.pattern(id).expect(id).title.to_string();
    assert!(shown.contains(&title("vector-pgvector")), "{shown:?}");
}

/// The record for an answers file's text.
fn record_for(answers: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    fs::write(&path, answers).unwrap();
    stdout_of(dbadvise().args(["recommend", "--answers"]).arg(&path))
}

/// (title, topic, whether it names drivers) of each line of "Patterns to apply".
fn lines_with_topics(md: &str) -> Vec<(String, String, bool)> {
    let section = md.split("### Patterns to apply").nth(1).unwrap_or_default();
    let section = section.split("\n#").next().unwrap_or_default();
    section
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|l| {
            let topic = l.split("dbadvise explain ").nth(1).unwrap_or_default();
            let topic = topic.split('`').next().unwrap_or_default().to_string();
            (l.to_string(), topic, l.contains("(drivers "))
        })
        .collect()
}

/// The short list covers the decisions before it spells one out: a second line on a
/// topic already listed (two kinds of read model, a cache's Redis habits) comes after
/// every line on another topic that answers brought, and lines no answer brought come
/// last. Checked on every example project and on seat sales, whose read models (summary
/// tables, materialized views) were two of its ten lines.
#[test]
fn a_second_pattern_on_a_listed_topic_waits_behind_other_topics() {
    let mut records: Vec<(String, String)> = fs::read_dir("tests/projects")
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let md = stdout_of(dbadvise().args(["recommend", "--answers"]).arg(&p));
            (p.display().to_string(), md)
        })
        .collect();
    let seats = record_for(SEAT_SALES);
    records.push(("seat sales".to_string(), seats.clone()));
    for (name, md) in &records {
        let mut seen: Vec<&str> = Vec::new();
        let mut last_tier = 0;
        for (line, topic, driven) in lines_with_topics(md)
            .iter()
            .map(|(l, t, d)| (l, t.as_str(), *d))
        {
            let repeated = !topic.is_empty() && seen.contains(&topic);
            seen.push(topic);
            let tier = u8::from(!driven) * 2 + u8::from(repeated);
            assert!(
                tier >= last_tier,
                "{name}: {line} comes too late or too early"
            );
            last_tier = tier;
        }
    }
    let topics: Vec<String> = lines_with_topics(&seats)
        .into_iter()
        .map(|(_, t, _)| t)
        .collect();
    assert_eq!(topics.len(), 10, "{topics:?}");
    let read_models = topics.iter().filter(|t| *t == "denormalisation").count();
    assert_eq!(read_models, 1, "{topics:?}");
}

/// A pattern the product's domain brings (a wallet's double-entry ledger) names the
/// answer it rests on, what the product does, among the drivers, and is listed with the
/// patterns answers brought; the question reads without its "Pick the closest".
#[test]
fn a_pattern_the_domain_brings_names_the_product_as_its_driver() {
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--answers"])
            .arg("tests/projects/payments-ledger.yaml"),
    );
    let driver = md
        .lines()
        .find(|l| l.contains(". What does the product do: Wallet or ledger"))
        .unwrap_or_else(|| panic!("the product is no driver:\n{md}"));
    let number = driver.split('.').next().unwrap();
    let ledger = md
        .lines()
        .find(|l| l.contains("Money movements as an append-only double-entry ledger"))
        .unwrap_or_else(|| panic!("the ledger is not listed:\n{md}"));
    assert!(ledger.ends_with(&format!("(drivers {number})")), "{ledger}");
    assert!(!md.contains("Pick the closest."), "{md}");
}
