//! `dbadvise recommend --answers FILE`: the decision without the interview.

use std::path::Path;

use crate::cli::{DiffArgs, RecommendArgs, ReportFormat};
use crate::engine::{self, Advice, Answers};
use crate::error::{CommandResult, Error};
use crate::exit::Exit;
use crate::kb::KnowledgeBase;

use super::record_options;

// Reading an answers file is shared with the interview's `--resume`.
use crate::session::read_answers;

/// The advice for an answers file, or the questions it leaves open.
pub fn advice_for(
    kb: &KnowledgeBase,
    path: &std::path::Path,
    defaults: bool,
) -> Result<(Advice, Answers), Error> {
    let answers = read_answers(kb, path)?;
    let (advice, answers) = complete_advice(kb, answers, &path.display().to_string(), defaults)?;
    note_answers_off_the_path(&answers, &[&advice], path);
    Ok((advice, answers))
}

/// Says which answers of the file the interview never reaches on its path: they change
/// nothing, and an architect who wrote them would otherwise read a record that ignores
/// them without a word (residency pinned, say, for a system in one small region).
/// With `--what-if`, an answer on the path of the changed answers is not noted.
fn note_answers_off_the_path(answers: &Answers, paths: &[&Advice], file: &Path) {
    let asked = |q: &str| {
        paths
            .iter()
            .any(|p| p.answers.iter().any(|a| a.question == q))
    };
    let off: Vec<String> = answers
        .values
        .iter()
        .filter(|(q, _)| !asked(q))
        .map(|(q, v)| format!("{q} = {}", v.values().join(", ")))
        .collect();
    if !off.is_empty() {
        crate::say_err!(
            "note: {}: the interview does not ask these on the path of its other answers, \
             so they change nothing: {}",
            crate::safe_text::path(file),
            crate::safe_text::line(&off.join("; "))
        );
    }
}

/// The advice for answers (from `source`), or the questions they leave open (exit 5).
pub fn complete_advice(
    kb: &KnowledgeBase,
    answers: Answers,
    source: &str,
    defaults: bool,
) -> Result<(Advice, Answers), Error> {
    let (answers, defaulted) = if defaults {
        engine::with_defaults(kb, &answers)
    } else {
        (answers, vec![])
    };
    let mut advice = engine::advise_with_sensitivity(kb, &answers);
    advice.defaulted = defaulted;
    // A fault of the knowledge base (an overlay, usually), not of the answers: the
    // advice is still given, with the rule it breaks named.
    for broken in &advice.incoherent {
        crate::say_err!(
            "warning: the advice breaks coherence rule `{}`: {} ({}); run `dbadvise kb check`",
            broken.rule,
            crate::safe_text::block(&broken.says),
            crate::safe_text::block(&broken.items.join(" and "))
        );
    }
    if advice.complete {
        return Ok((advice, answers));
    }
    let mut message = format!("{source} leaves questions on the decision path unanswered:\n");
    for qid in &advice.pending {
        let q = kb.question(qid).expect("pending questions exist");
        let options: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        message.push_str(&format!("  {qid}: {}", q.prompt.trim()));
        if !options.is_empty() {
            message.push_str(&format!(" [{}]", options.join(", ")));
        }
        message.push('\n');
    }
    message.push_str(
        "(answering these may open further questions; add them to the file, or pass --defaults)",
    );
    Err(Error::new(Exit::Incomplete, message))
}

/// `dbadvise diff --answers A --answers B`.
pub fn diff(kb: &KnowledgeBase, args: &DiffArgs) -> CommandResult {
    let [before, after] = args.answers.as_slice() else {
        return Err(Error::new(
            Exit::Usage,
            "diff compares two answers files: --answers BEFORE.yaml --answers AFTER.yaml",
        ));
    };
    let (a, _) = advice_for(kb, before, args.defaults)?;
    let (b, _) = advice_for(kb, after, args.defaults)?;
    let d = engine::diff(kb, &a, &b);
    let text = match args.format {
        ReportFormat::Json => serde_json::to_string_pretty(&d).expect("plain data") + "\n",
        ReportFormat::Markdown => format!(
            "# What changes from {} to {}\n\n{}",
            before.display(),
            after.display(),
            crate::report::diff::markdown(&d, 2)
        ),
    };
    super::emit(&text, None, false)
}

/// A `--what-if` run: both pieces of advice, the changed answers, and what changed.
struct WhatIf {
    after: Advice,
    answers: Answers,
    changes: Vec<crate::report::diff::Change>,
    /// Questions the change put on the path that `--defaults` answered.
    assumed: Vec<engine::Because>,
    diff: engine::AdviceDiff,
}

/// The JSON of a `--what-if` run; `advice` only with `--full`.
#[derive(serde::Serialize)]
struct WhatIfJson<'a> {
    what_if: &'a [crate::report::diff::Change],
    assumed: &'a [engine::Because],
    diff: &'a engine::AdviceDiff,
    #[serde(skip_serializing_if = "Option::is_none")]
    advice: Option<&'a Advice>,
}

/// Applies the `--what-if` changes to the answers file.
fn what_if(kb: &KnowledgeBase, args: &RecommendArgs) -> Result<WhatIf, Error> {
    let original = read_answers(kb, &args.answers)?;
    let mut changed = original.clone();
    let mut questions = Vec::new();
    // Every change that cannot be made is told, not just the first.
    let mut refused: Option<engine::AnswersError> = None;
    for spec in &args.what_if {
        match engine::parse_what_if(kb, spec) {
            Ok((qid, value)) => {
                changed.set(&qid, value);
                questions.push(qid);
            }
            Err(e) => match &mut refused {
                Some(all) => all.problems.extend(e.problems),
                None => refused = Some(e),
            },
        }
    }
    if let Some(refused) = refused {
        return Err(refused.into());
    }
    let source = args.answers.display().to_string();
    let (before, original) = complete_advice(kb, original, &source, args.defaults)?;
    let (after, changed) = complete_advice(
        kb,
        changed,
        &format!("{source} with --what-if {}", args.what_if.join(" ")),
        args.defaults,
    )?;
    // The changed answers themselves are told with the changes (`report::diff::changes`).
    note_answers_off_the_path(&original, &[&before, &after], &args.answers);
    let assumed = after
        .defaulted
        .iter()
        .filter(|q| !before.defaulted.contains(q) && !questions.contains(q))
        .filter_map(|q| Some(engine::walk::because(kb, q, changed.get(q)?)))
        .collect();
    Ok(WhatIf {
        changes: crate::report::diff::changes(kb, &original, &changed, &after.answers, &questions),
        diff: engine::diff(kb, &before, &after),
        after,
        answers: changed,
        assumed,
    })
}

/// `recommend --what-if`: the changes and the difference, and with `--full` the whole
/// advice for the changed answers.
fn run_what_if(kb: &KnowledgeBase, args: &RecommendArgs) -> CommandResult {
    let w = what_if(kb, args)?;
    let text = match args.format {
        ReportFormat::Json => {
            let json = WhatIfJson {
                what_if: &w.changes,
                assumed: &w.assumed,
                diff: &w.diff,
                advice: args.full.then_some(&w.after),
            };
            serde_json::to_string_pretty(&json).expect("plain data") + "\n"
        }
        ReportFormat::Markdown if args.full => {
            let template = record_options::template(&args.record, None)?;
            let records = record_options::records(kb, &w.after, &w.answers, &args.record)?;
            format!(
                "{}\n## What changes with --what-if {}\n\n{}",
                record_options::render(&template, &records[0])?,
                args.what_if.join(" "),
                crate::report::diff::what_if_body(kb, &w.changes, &w.assumed, &w.diff, 3)
            )
        }
        ReportFormat::Markdown => crate::report::diff::what_if_markdown(
            kb,
            &crate::safe_text::path(&args.answers),
            &w.changes,
            &w.assumed,
            &w.diff,
        ),
    };
    super::emit(&text, args.output.as_deref(), args.force)?;
    if let Some(path) = &args.output {
        crate::say_err!("wrote {}", crate::safe_text::path(path));
    }
    Ok(())
}

pub fn run(kb: &KnowledgeBase, args: &RecommendArgs) -> CommandResult {
    if args.full && args.what_if.is_empty() {
        return Err(Error::new(
            Exit::Usage,
            "--full goes with --what-if, to print the whole advice beside the difference; \
             without --what-if, recommend prints the whole advice already: drop --full",
        ));
    }
    if !args.what_if.is_empty() && args.record.split {
        return Err(Error::new(
            Exit::Usage,
            "--what-if shows one recommendation with its difference: drop --split",
        ));
    }
    if !args.what_if.is_empty() {
        return run_what_if(kb, args);
    }
    let (advice, answers) = advice_for(kb, &args.answers, args.defaults)?;
    if args.format == ReportFormat::Json {
        let text = crate::report::json(&advice);
        return super::emit(&text, args.output.as_deref(), args.force);
    }
    let template = record_options::template(&args.record, None)?;
    let mut records = record_options::records(kb, &advice, &answers, &args.record)?;
    let Some(output) = &args.output else {
        if args.record.split {
            return Err(Error::new(
                Exit::Usage,
                "--split writes one file per decision: give the directory with -o DIR",
            ));
        }
        if args.record.appendix {
            return Err(Error::new(
                Exit::Usage,
                "--appendix writes a file beside the record: give the record's with -o FILE",
            ));
        }
        // Printed, the record has no files beside it: the answers file it was made from
        // is the one that replays it.
        records[0].answers_file = Some(args.answers.display().to_string());
        if !advice.defaulted.is_empty() {
            records[0].replay_flags.insert_str(0, " --defaults");
        }
        let text = record_options::render(&template, &records[0])?;
        return super::emit(&text, None, false);
    };
    let (dir, names) = if args.record.split {
        std::fs::create_dir_all(output)
            .map_err(|e| Error::io(Exit::Output, "cannot create", output, e))?;
        (
            output.clone(),
            record_options::number_and_link(&mut records, 1),
        )
    } else {
        let dir = output.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else {
            return Err(Error::new(
                Exit::Usage,
                format!("-o {}: name the record's file", output.display()),
            ));
        };
        (dir, vec![name])
    };
    let companions = crate::report::companions::companions(
        kb,
        &advice,
        &mut records,
        &names,
        args.record.appendix,
    );
    // Render everything first, so a template error writes nothing.
    let mut files = names
        .iter()
        .zip(&records)
        .map(|(name, r)| Ok((name.clone(), record_options::render(&template, r)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    files.extend(companions.into_iter().map(|c| (c.name, c.text)));
    for path in record_options::write_set(&dir, &files, args.force)? {
        println!("{}", crate::safe_text::path(&path));
    }
    Ok(())
}
