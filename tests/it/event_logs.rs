//! Which log carries the events beside the data: a team with nobody to run databases,
//! on a cloud, gets that cloud's event stream (nothing to run); a team that runs its own
//! servers gets Kafka or Redpanda; and a log that is the record, kept forever, is never
//! a stream whose retention is a window. Kafka went to a four-person game studio on
//! Google Cloud and to a six-engineer wallet on AWS, whatever the team answer said.

use crate::common::advice::advice_after;
use crate::common::answers::{many, one};

use dbadvise::kb::{AnswerValue, KnowledgeBase};

fn events(team: &str, deployment: &str, cloud: &str) -> Vec<(&'static str, AnswerValue)> {
    vec![
        ("data-kinds", many(&["records", "events"])),
        ("team", one(team)),
        ("deployment", one(deployment)),
        ("cloud", one(cloud)),
        ("source-of-truth", one("state")),
    ]
}

/// The event log's engine and the name the record gives it.
fn event_log(script: &[(&str, AnswerValue)]) -> Option<(String, String)> {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(&kb, script);
    let log = advice.stack.iter().find(|c| c.role == "event-log");
    log.map(|c| (c.engine.to_string(), c.name.to_string()))
}

#[test]
fn a_team_with_nobody_to_run_databases_gets_its_cloud_s_event_stream() {
    for (cloud, name) in [
        ("aws", "Amazon Kinesis Data Streams"),
        ("gcp", "Google Cloud Pub/Sub"),
        ("azure", "Azure Event Hubs"),
    ] {
        let log = event_log(&events("no-ops", "managed", cloud));
        assert_eq!(
            log,
            Some(("stream-service".to_string(), name.to_string())),
            "{cloud}"
        );
    }
}

#[test]
fn a_team_on_its_own_servers_runs_kafka_or_redpanda() {
    let log = event_log(&events("platform", "self-hosted", "any"));
    let engine = log.map(|(engine, _)| engine);
    assert!(
        matches!(engine.as_deref(), Some("kafka" | "redpanda")),
        "{engine:?}"
    );
}

/// The log of record must keep every event for as long as the business runs, which a
/// cloud stream's retention window does not: it is never offered as that log.
#[test]
fn a_log_that_is_the_record_is_never_a_stream_kept_for_a_window() {
    let kb = KnowledgeBase::embedded();
    let advice = advice_after(
        &kb,
        &[
            ("data-kinds", many(&["documents", "events"])),
            ("source-of-truth", one("log")),
            ("team", one("no-ops")),
            ("deployment", one("managed")),
            ("cloud", one("gcp")),
        ],
    );
    let stack: Vec<String> = (advice.stack.iter())
        .map(|c| format!("{}={}", c.role, c.engine))
        .collect();
    assert!(
        matches!(stack[0].as_str(), "primary=kafka" | "primary=redpanda"),
        "{stack:?}"
    );
    assert!(
        !stack.iter().any(|s| s.ends_with("=stream-service")),
        "{stack:?}"
    );
}
