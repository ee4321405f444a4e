//! Writing a record: templates of one's own, never overwriting or half-writing a file,
//! and a directory that cannot be written.

use super::*;

#[test]
fn templates_can_be_replaced_and_broken_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("mine.md");
    fs::write(
        &own,
        "# {{ title | md }}\nDecided on {{ date }}: {{ chosen }}.\n",
    )
    .unwrap();
    let md = stdout_of(
        dbadvise()
            .args(["recommend", "--date", "2026-01-15", "--template"])
            .arg(&own)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(
        md,
        "# Database stack for Equipment booking: PostgreSQL\nDecided on 2026-01-15: PostgreSQL.\n"
    );

    fs::write(&own, "# {{ title }}\n{% for x in %}\n").unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .args(["recommend", "--template"])
            .arg(&own)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 7);
    assert!(err.contains("mine.md:2"), "{err}");
    let (code, err) = failure_of(
        dbadvise()
            .args([
                "recommend",
                "--template",
                "/no/such/template.md",
                "--answers",
            ])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 7);
    assert!(err.contains("/no/such/template.md"), "{err}");

    // A template kept in the record directory is used by `adr new`.
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("docs/decisions")).unwrap();
    fs::write(
        root.path().join("docs/decisions/dbadvise-template.md"),
        "# {{ number }} {{ title }}\n",
    )
    .unwrap();
    let printed = stdout_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    let text = fs::read_to_string(printed.lines().next().unwrap()).unwrap();
    assert_eq!(
        text,
        "# 1 Database stack for Equipment booking: PostgreSQL\n"
    );
}

#[test]
fn records_are_never_overwritten_and_never_half_written() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("decision.md");
    fs::write(&out, "keep me").unwrap();
    let (code, _) = failure_of(
        dbadvise()
            .arg("recommend")
            .arg("-o")
            .arg(&out)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 6);
    assert_eq!(fs::read_to_string(&out).unwrap(), "keep me");

    // A file that would go beside the record is kept too, and then nothing is written:
    // the record and its companions are a set, whole or absent.
    let other = root.path().join("other.md");
    let schema = root.path().join("other.schema.sql");
    fs::write(&schema, "-- my own schema").unwrap();
    let (code, err) = failure_of(
        dbadvise()
            .arg("recommend")
            .arg("-o")
            .arg(&other)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 6);
    assert!(err.contains("other.schema.sql"), "{err}");
    assert!(!other.exists(), "no record without its companions");
    assert!(!root.path().join("other.answers.yaml").exists());
    assert_eq!(fs::read_to_string(&schema).unwrap(), "-- my own schema");

    // A broken template writes nothing at all, not even the answers file.
    let records = root.path().join("docs/decisions");
    fs::create_dir_all(&records).unwrap();
    fs::write(records.join("dbadvise-template.md"), "{% if %}").unwrap();
    let (code, _) = failure_of(
        dbadvise()
            .current_dir(root.path())
            .args(["adr", "new", "--answers"])
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 7);
    assert_eq!(
        fs::read_dir(&records).unwrap().count(),
        1,
        "only the template is there"
    );
}

#[cfg(unix)]
#[test]
fn an_unwritable_directory_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let locked = root.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores permissions; then a path through a file is the unwritable directory.
    let target = if fs::write(locked.join("probe"), "x").is_ok() {
        fs::write(root.path().join("a-file"), "x").unwrap();
        root.path().join("a-file/records")
    } else {
        locked.clone()
    };
    let (code, err) = failure_of(
        dbadvise()
            .args(["adr", "new", "--dir"])
            .arg(&target)
            .arg("--answers")
            .arg(project("internal-tool")),
    );
    assert_eq!(code, 6);
    assert!(err.contains(&target.display().to_string()), "{err}");
}
