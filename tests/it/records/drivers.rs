//! Every row of a record's other decisions says what drove it: the numbers of the
//! answers behind it, even past the twelve drivers the ranking's answers fill, or, when
//! no answer moved it directly, the stores it follows.

use super::*;

/// The numbered drivers, and the rows of the other decisions' table: (decision, drivers).
fn drivers_and_rows(answers: &str) -> (usize, Vec<(String, String)>) {
    let md = stdout_of(dbadvise().args(["recommend", "--answers", answers]));
    let section = |heading: &str| {
        let after = md.split(heading).nth(1);
        let after = after.unwrap_or_else(|| panic!("no {heading} for {answers}:\n{md}"));
        after.split("\n#").next().unwrap().to_string()
    };
    let drivers = section("## Decision Drivers");
    let numbered = drivers
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()));
    let rows = section("### Other decisions");
    let rows = rows
        .lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| Decision |") && !l.starts_with("| ---")
        })
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").collect();
            (cells[0].trim().to_string(), cells[2].trim().to_string())
        })
        .collect();
    (numbered.count(), rows)
}

#[test]
fn every_other_decision_names_its_drivers_or_the_stores_it_follows() {
    // A shop whose ranking answers fill the twelve drivers, a DynamoDB store whose data
    // model and key types follow the engine, and a fraud graph in Neo4j.
    for answers in [
        "tests/projects/ecommerce-catalogue.yaml",
        "tests/scenarios/answers/061-serverless-llm-chat-history.yaml",
        "tests/scenarios/answers/049-fraud-ring-investigation.yaml",
    ] {
        let (count, rows) = drivers_and_rows(answers);
        assert!(rows.len() >= 4, "{answers}: {rows:?}");
        for (decision, drivers) in &rows {
            let numbers: Vec<&str> = drivers.split(", ").collect();
            let numbered = numbers
                .iter()
                .all(|n| n.parse::<usize>().is_ok_and(|n| n <= count));
            let follows = ["the primary store", "the stores chosen"].contains(&drivers.as_str());
            assert!(
                numbered || follows,
                "{answers}: `{decision}` names no driver of the {count}: {drivers:?}"
            );
        }
    }
    // The shop's CAP stance rests on an answer past the ranking's twelve.
    let (count, rows) = drivers_and_rows("tests/projects/ecommerce-catalogue.yaml");
    assert!(count > 12, "{count} drivers");
    // DynamoDB's single-table design is the engine's, not an answer's.
    let (_, rows_061) =
        drivers_and_rows("tests/scenarios/answers/061-serverless-llm-chat-history.yaml");
    let model = rows_061
        .iter()
        .find(|(d, _)| d.starts_with("Normalisation"));
    assert_eq!(model.map(|(_, d)| d.as_str()), Some("the primary store"));
    assert!(rows.iter().all(|(_, d)| !d.is_empty()));
}

#[test]
fn a_decision_of_the_table_names_every_answer_that_moved_it() {
    // A clinic-booking SaaS its developers run on Azure's MySQL, with its data kept in
    // its country: the ranking's answers fill the twelve drivers, and "One region inside
    // the jurisdiction" rests on the residency answer as much as on "One region".
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("clinic.yaml");
    std::fs::write(
        &answers,
        "answers:\n  domain: Appointments of clinics and their patients.\n  product: bookings\n  data-kinds: [records, files]\n  team: no-ops\n  \
         existing: mysql\n  existing-stays: stays\n  deployment: managed\n  volume: medium\n  \
         peak-rate: hundreds\n  cloud: azure\n  lifetime: forever\n  \
         multi-region: single-region\n  residency: pinned\n  \
         invariants: [no-overlap, idempotency]\n  features: [keyword-search, jobs]\n  \
         access-patterns: [equality-high, range, sort, multi-column]\n  \
         id-exposure: exposed\n  multi-tenant: shared\n",
    )
    .unwrap();
    let md = stdout_of(dbadvise().args(["recommend", "--answers"]).arg(&answers));
    let residency = md
        .lines()
        .find(|l| l.contains("Must some data stay in the country"))
        .and_then(|l| l.split('.').next())
        .unwrap_or_else(|| panic!("the residency answer is no driver:\n{md}"));
    let row = md
        .lines()
        .find(|l| l.contains("One region inside the jurisdiction"))
        .unwrap_or_else(|| panic!("no jurisdiction decision:\n{md}"));
    let drivers = row.trim_end_matches(" |").rsplit(" | ").next().unwrap();
    assert!(
        drivers.split(", ").any(|n| n == residency),
        "the row does not name driver {residency}: {row}"
    );
}
