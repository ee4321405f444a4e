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
