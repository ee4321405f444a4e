//! A store named as the answers make it: object storage on AWS is Amazon S3 in every
//! part of the record (stack, costs, CAP, options), Google Cloud Storage on Google Cloud,
//! S3-compatible storage (MinIO or Ceph) on your own servers, and with no cloud chosen
//! the names of all three; `kb check` checks the conditions
//! that name it, as it checks any other.

use crate::common;

const ON_AWS: &str = "tests/scenarios/answers/013-catalogue-records-dynamodb-s3.yaml";

fn record(what_if: Option<&str>) -> String {
    let mut cmd = common::run::dbadvise();
    cmd.args(["recommend", "--answers", ON_AWS, "--defaults"]);
    if let Some(change) = what_if {
        cmd.args(["--what-if", change, "--full"]);
    }
    common::run::stdout_of(&mut cmd)
}

#[test]
fn object_storage_is_named_for_the_cloud_it_runs_on() {
    let generic = "S3, GCS or Azure Blob object storage";
    for (what_if, name, others) in [
        (
            None,
            "Amazon S3",
            &["Google Cloud Storage", "Azure Blob Storage"][..],
        ),
        (
            Some("cloud=gcp"),
            "Google Cloud Storage",
            &["Amazon S3"][..],
        ),
        (
            Some("cloud=any"),
            generic,
            &["Amazon S3", "Google Cloud Storage"][..],
        ),
        (
            Some("deployment=self-hosted"),
            "S3-compatible object storage (MinIO or Ceph)",
            &["Amazon S3", "Google Cloud Storage"][..],
        ),
    ] {
        // What the record decides, not what another answer would make it.
        let full = record(what_if);
        let text = full.split("### When to revisit").next().unwrap();
        let stack_row = format!("| object-store | {name} |");
        assert!(
            text.contains(&stack_row),
            "{what_if:?}: no `{stack_row}`:\n{text}"
        );
        assert!(
            text.contains(&format!("{name} is CP")),
            "{what_if:?}: CAP line"
        );
        for other in others {
            assert!(!text.contains(other), "{what_if:?} names {other}");
        }
        if name != generic {
            assert!(!text.contains(generic), "{what_if:?} still says {generic}");
        }
    }
}

/// Object storage is spoken of in words every cloud's has: on Azure there is no bucket
/// and no pre-signed URL (its containers are reached by a SAS, a signed URL too), and
/// the one cost of keeping rows and objects in step is said once, where the store is
/// added, not again as a consequence of the files decision.
#[test]
fn object_storage_on_azure_is_not_spoken_of_in_s3_s_words() {
    let full = record(Some("cloud=azure"));
    let text = full.split("### When to revisit").next().unwrap();
    assert!(
        text.contains("| object-store | Azure Blob Storage |"),
        "{text}"
    );
    for s3_word in ["bucket", "pre-signed"] {
        assert!(!text.contains(s3_word), "says {s3_word} on Azure:\n{text}");
    }
    assert!(text.contains("signed upload URL"), "{text}");
    assert_eq!(text.matches("two operations").count(), 1, "{text}");
}

#[test]
fn a_name_under_a_condition_that_cannot_hold_is_refused_with_did_you_mean() {
    let overlay =
        "engines:\n  - id: s3\n    named:\n      - {when: {clod: [aws]}, name: Amazon S3}\n";
    let problems = common::run::load_with(overlay).expect_err("an unknown question");
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("engine `s3`: named.when") && t.contains("did you mean `cloud`")),
        "{text:?}"
    );
}

/// Another answer that only renames a store (self-hosted object storage becomes a
/// cloud's) is no change of stack for the decision's sensitivity, so "When to revisit"
/// does not list it; a what-if on that answer still shows the new name.
#[test]
fn a_store_renamed_by_an_answer_is_no_change_of_stack() {
    let answers = "tests/projects/timeseries-metrics.yaml";
    let run = |extra: &[&str]| {
        let mut cmd = common::run::dbadvise();
        cmd.args(["recommend", "--answers", answers]).args(extra);
        cmd
    };
    let advice = common::run::json_of(&mut run(&["--format", "json"]));
    let managed = advice["sensitivity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["question"] == "deployment" && s["answer"] == "managed")
        .expect("a managed service changes other decisions");
    assert_eq!(managed["diff"]["stack"], serde_json::json!([]), "{managed}");
    let what_if =
        common::run::stdout_of(&mut run(&["--what-if", "deployment=managed", "--defaults"]));
    assert!(
        what_if.contains(
            "- object-store: S3-compatible object storage (MinIO or Ceph) → S3, GCS or Azure Blob object storage"
        ),
        "{what_if}"
    );
}

/// Review M and N: a record on Google Cloud was tagged `s3`. Its front matter tags each
/// store by the name the stack gives it on that cloud.
#[test]
fn a_record_s_tags_name_object_storage_for_its_cloud() {
    let text = std::fs::read_to_string(ON_AWS).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (cloud, tag) in [("aws", "amazon-s3"), ("gcp", "google-cloud-storage")] {
        let answers = dir.path().join(format!("{cloud}.yaml"));
        std::fs::write(
            &answers,
            text.replace("cloud: aws", &format!("cloud: {cloud}")),
        )
        .unwrap();
        let record = common::run::stdout_of(
            common::run::dbadvise()
                .args(["recommend", "--defaults", "--answers"])
                .arg(&answers),
        );
        let tags = record.lines().find(|l| l.starts_with("tags: ")).unwrap();
        let tags: Vec<&str> = tags["tags: [".len()..tags.len() - 1].split(", ").collect();
        assert!(tags.contains(&tag), "{cloud}: {tags:?}");
        assert!(!tags.contains(&"s3"), "{cloud}: {tags:?}");
    }
}
