//! The files a record has beside it: the answers that replay it, the starter schema,
//! and the appendix. Named after the record; pure, the front ends write them.

use super::record::Record;

/// How an appendix's name ends; it is no record of its own, though it ends in `.md`.
pub const APPENDIX: &str = ".appendix.md";
use crate::engine::Advice;
use crate::kb::KnowledgeBase;

/// A file written beside a record: its answers, its starter schema, its appendix.
pub struct Companion {
    pub name: String,
    pub text: String,
}

/// `0003-stack.md` → `0003-stack`: what the companions' names start with.
fn stem(record_file: &str) -> &str {
    record_file.strip_suffix(".md").unwrap_or(record_file)
}

/// The files that go beside the records named `names` (all named after the first):
/// the answers that replay them, the starter schema, and with `appendix` the appendix.
/// The records are given the links to them.
pub fn companions(
    kb: &KnowledgeBase,
    advice: &Advice,
    records: &mut [Record],
    names: &[String],
    appendix: bool,
) -> Vec<Companion> {
    let Some(first) = names.first() else {
        return vec![];
    };
    let stem = stem(first);
    let mut out = vec![Companion {
        name: format!("{stem}.answers.yaml"),
        text: records[0].answers_yaml.clone(),
    }];
    for r in records.iter_mut() {
        r.answers_file = Some(out[0].name.clone());
    }
    if let Some(schema) = records.iter_mut().find_map(|r| r.schema.as_mut()) {
        let name = format!("{stem}.schema.{}", schema.language);
        out.push(Companion {
            text: format!(
                "-- The starter schema of {first} ({}), written by dbadvise.\n{}\n",
                schema.engine, schema.code
            ),
            name: name.clone(),
        });
        schema.file = Some(name);
    }
    if appendix {
        let name = format!("{stem}{APPENDIX}");
        let text = crate::report::appendix::markdown(&crate::report::appendix::appendix(
            kb,
            advice,
            &records[0].title,
            first,
        ));
        out.push(Companion {
            name: name.clone(),
            text,
        });
        records[0].appendix_file = Some(name);
    }
    out
}
