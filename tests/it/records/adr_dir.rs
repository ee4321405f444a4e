//! ADR directories as adr-tools leaves them: numbering, the directories looked in, and
//! superseding a record.

use super::*;

/// A record directory as adr-tools leaves it: `.adr-dir`, numbered Nygard records with
/// gaps, and one record superseded with adr-tools' spelling.
fn adr_tools_fixture(root: &Path) -> PathBuf {
    fs::write(root.join(".adr-dir"), "architecture/decisions\n").unwrap();
    let dir = root.join("architecture/decisions");
    fs::create_dir_all(&dir).unwrap();
    let record = |n: u32, title: &str, status: &str| {
        format!("# {n}. {title}\n\nDate: 2025-03-0{n}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n")
    };
    fs::write(
        dir.join("0001-record-architecture-decisions.md"),
        record(1, "Record architecture decisions", "Accepted"),
    )
    .unwrap();
    fs::write(
        dir.join("0002-use-mysql.md"),
        record(
            2,
            "Use MySQL",
            "Superceded by [3. Use PostgreSQL](0003-use-postgresql.md)",
        ),
    )
    .unwrap();
    fs::write(
        dir.join("0003-use-postgresql.md"),
        record(
            3,
            "Use PostgreSQL",
            "Accepted\n\nSupercedes [2. Use MySQL](0002-use-mysql.md)",
        ),
    )
    .unwrap();
    fs::write(
        dir.join("0007-use-kafka.md"),
        record(7, "Use Kafka", "Accepted"),
    )
    .unwrap();
    fs::write(dir.join("README.md"), "not a record").unwrap();
    dir
}

#[test]
fn adr_new_numbers_after_the_highest_record_and_finds_the_adr_dir() {
    let root = tempfile::tempdir().unwrap();
    let dir = adr_tools_fixture(root.path());
    let sub = root.path().join("src/deep");
    fs::create_dir_all(&sub).unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(&sub)
            .args(["adr", "new", "--date", "2026-01-15", "--answers"])
            .arg(project("internal-tool")),
    );
    let stem = "0008-database-stack-for-equipment-booking-postgresql";
    let written = dir.join(format!("{stem}.md"));
    let beside = |ext: &str| dir.join(format!("{stem}.{ext}")).display().to_string();
    // The record first, then what it links beside it: its answers and its schema.
    assert_eq!(
        printed.lines().collect::<Vec<_>>(),
        [
            written.display().to_string(),
            beside("answers.yaml"),
            beside("schema.sql")
        ]
    );
    let md = fs::read_to_string(&written).unwrap();
    assert!(
        md.contains(&format!("[`{stem}.answers.yaml`]({stem}.answers.yaml)")),
        "{md}"
    );
    assert!(
        md.contains(&format!("[`{stem}.schema.sql`]({stem}.schema.sql)")),
        "{md}"
    );
    let schema = fs::read_to_string(beside("schema.sql")).unwrap();
    // Equipment booking says what the product does: the bookings domain's tables.
    assert!(schema.contains("CREATE TABLE booking ("), "{schema}");
    // The answers kept beside the record reproduce it.
    let answers = dir.join("0008-database-stack-for-equipment-booking-postgresql.answers.yaml");
    let replay = stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--answers"])
            .arg(&answers),
    );
    let original = stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--answers"])
            .arg(project("internal-tool")),
    );
    // The same decision; only the closing line names the answers file each was made from.
    let decision = |md: &str| md[..md.find("### Replaying this decision").unwrap()].to_string();
    assert_eq!(decision(&replay), decision(&original));
    assert!(
        replay.contains(&format!("--answers {}`", answers.display())),
        "{replay}"
    );
}

#[test]
fn adr_new_uses_the_known_directories_in_order() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("docs/adr")).unwrap();
    fs::write(root.path().join("docs/adr/0004-old.md"), "# Old\n").unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    assert!(printed.contains("docs/adr/0005-"), "{printed}");

    let empty = tempfile::tempdir().unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(empty.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    assert!(
        printed.contains("docs/decisions/0001-"),
        "MADR's default directory: {printed}"
    );

    let explicit = empty.path().join("elsewhere");
    let printed = stdout_of(
        dbadvise()
            .current_dir(empty.path())
            .args(["adr", "new", "--dir"])
            .arg(&explicit)
            .arg("--answers")
            .arg(project("social-feed")),
    );
    assert!(printed.contains("elsewhere/0001-"), "--dir wins: {printed}");
}

#[test]
fn superseding_edits_both_records() {
    let root = tempfile::tempdir().unwrap();
    let dir = adr_tools_fixture(root.path());
    stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args([
                "adr",
                "new",
                "--style",
                "nygard",
                "--supersedes",
                "3",
                "--answers",
            ])
            .arg(project("ecommerce-catalogue")),
    );
    let old = fs::read_to_string(dir.join("0003-use-postgresql.md")).unwrap();
    let new_name = "0008-database-stack-for-online-shop-catalogue-postgresql.md";
    assert!(old.contains(&format!("## Status\n\nSuperseded by [8. Database stack for Online shop catalogue: PostgreSQL]({new_name})")), "{old}");
    assert!(
        old.contains("## Context\n\nWhy."),
        "the rest is untouched: {old}"
    );
    let new = fs::read_to_string(dir.join(new_name)).unwrap();
    assert!(
        new.contains("Supersedes [Use PostgreSQL](0003-use-postgresql.md)"),
        "{new}"
    );

    // Record 2 says "Superceded" (adr-tools' spelling): it cannot be superseded again.
    let (code, err) = failure_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--supersedes", "2", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 8);
    assert!(err.contains("already superseded"), "{err}");
    let (code, err) = failure_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--supersedes", "5", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 8);
    assert!(err.contains("no record 0005"), "{err}");
}

#[test]
fn superseding_a_madr_record_rewrites_its_front_matter() {
    let root = tempfile::tempdir().unwrap();
    let docs = root.path().join("docs/decisions");
    stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--supersedes", "1", "--answers"])
            .arg(project("payments-ledger")),
    );
    let first = fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("0001-")
                && p.extension().unwrap() == "md"
        })
        .unwrap();
    let text = fs::read_to_string(first).unwrap();
    assert!(
        text.contains(
            "status: \"superseded by [2. Database stack for Wallet ledger: PostgreSQL](0002-"
        ),
        "{text}"
    );
}
