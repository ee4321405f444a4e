//! The verdicts of "Considered Options" each say something: a row that would lead with
//! the same point as a row above it (the engine the team runs, which every other engine
//! lacks) also says its next point against it, on another criterion.

use super::*;

/// The verdict cell of each row of "Considered Options" below the chosen one.
fn verdicts(md: &str) -> Vec<String> {
    let section = md.split("## Considered Options").nth(1).unwrap_or_default();
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.contains("| chosen |") && !l.contains("---"))
        .skip(1) // the header
        .filter_map(|l| {
            l.trim_end_matches(" |")
                .rsplit(" | ")
                .next()
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn a_point_said_in_a_row_above_is_followed_by_the_next_one() {
    let team = "lacks what ";
    for name in ["chat-app", "social-feed", "multi-tenant-saas"] {
        let rows = verdicts(&record_of(name));
        let leading: Vec<&String> = rows
            .iter()
            .filter(|v| v.starts_with(team) && v.contains(" has: the team already runs it"))
            .collect();
        assert!(leading.len() >= 2, "{name}: {rows:#?}");
        // The first to lead with it says it alone; each later one adds its next point.
        assert!(!leading[0].contains("; also "), "{name}: {}", leading[0]);
        for later in &leading[1..] {
            let (_, next) = later
                .split_once("; also ")
                .unwrap_or_else(|| panic!("{name}: {later}"));
            assert!(
                !next.contains("the team already runs it"),
                "{name}: {later}"
            );
        }
    }
}
