//! The record's Confirmation: the checks that prove the decision once there is data.

use super::RecordMeta;
use crate::engine::Advice;
use crate::kb::KnowledgeBase;
use crate::report::words::clause;

/// The checks that prove the decision, and for a proposed record the review.
pub(super) fn confirmation(kb: &KnowledgeBase, advice: &Advice, meta: &RecordMeta) -> Vec<String> {
    let mut out = checks(kb, advice);
    if meta.status == "proposed" {
        out.push("Review this record with the deciders, then set its status to accepted".into());
    }
    out
}

/// The checks that prove the decision: the checklist, the plans to read in the primary
/// engine's own terms, and the load the stack must hold. The record's Confirmation and
/// the interview's Checklist tab say the same.
pub fn checks(kb: &KnowledgeBase, advice: &Advice) -> Vec<String> {
    let mut out: Vec<String> = advice.checklist.iter().map(|c| c.to_string()).collect();
    // Every index of the plan, those of no pattern too (MySQL's SPATIAL index).
    let patterns: Vec<_> = advice.indexes.iter().collect();
    let mut planned: Vec<&str> = patterns.iter().map(|i| i.title.as_str()).collect();
    planned.extend(
        super::parts::unpatterned_indexes(&patterns, &advice.decisions).map(|d| d.title.as_str()),
    );
    if !planned.is_empty() {
        // In the primary engine's own terms: EXPLAIN (ANALYZE, BUFFERS) is PostgreSQL's.
        let explain = advice
            .primary()
            .and_then(|p| kb.engine(&p.engine))
            .and_then(|e| e.explain.as_ref())
            .map_or_else(
                || "Look at the plan, with real timings, of".to_string(),
                |how| format!("Run {how} on"),
            );
        let concrete = format!(
            "{explain} the queries behind each planned index ({}) with production-like data, and check the plan uses the index",
            planned.join("; ")
        );
        // It says what a checklist item on reading plans says, more precisely: in its place.
        let tool = explain.trim_start_matches("Run ").trim_end_matches(" on");
        match out.iter().position(|c| c.contains(tool)) {
            Some(i) => out[i] = concrete,
            None => out.push(concrete),
        }
    }
    // The load the stack must hold, in the terms the answers gave, where the answer
    // makes it worth proving.
    for b in &advice.answers {
        let question = kb.question(&b.question);
        let worth_it = question
            .and_then(|q| q.choice(&b.answer))
            .is_none_or(|c| c.confirm);
        if let Some(check) = question
            .and_then(|q| q.confirm.as_ref())
            .filter(|_| worth_it)
        {
            let answer = clause(kb, &b.label);
            out.push(check.trim().replace("{answer}", &answer));
        }
    }
    out
}
