//! `dbadvise recommend --answers FILE`: the decision without the interview.

use crate::cli::{RecommendArgs, ReportFormat};
use crate::engine::{self, Advice, Answers};
use crate::exit::{Exit, Failure, Outcome};
use crate::kb::KnowledgeBase;

use super::record;

/// Reads and validates an answers file.
pub fn read_answers(kb: &KnowledgeBase, path: &std::path::Path) -> Result<Answers, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::new(
            Exit::Answers,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    engine::parse_answers(kb, &path.display().to_string(), &text)
        .map_err(|e| Failure::new(Exit::Answers, e.to_string()))
}

/// The advice for an answers file, or the questions it leaves open.
pub fn advice_for(
    kb: &KnowledgeBase,
    path: &std::path::Path,
    defaults: bool,
) -> Result<(Advice, Answers), Failure> {
    let answers = read_answers(kb, path)?;
    let (answers, defaulted) = if defaults {
        engine::with_defaults(kb, &answers)
    } else {
        (answers, vec![])
    };
    let mut advice = engine::advise(kb, &answers);
    advice.defaulted = defaulted;
    if advice.complete {
        return Ok((advice, answers));
    }
    let mut message = format!(
        "{} leaves questions on the decision path unanswered:\n",
        path.display()
    );
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
    Err(Failure::new(Exit::Incomplete, message))
}

pub fn run(kb: &KnowledgeBase, args: &RecommendArgs) -> Outcome {
    let (advice, answers) = advice_for(kb, &args.answers, args.defaults)?;
    if args.format == ReportFormat::Json {
        return super::emit(
            &crate::report::json(&advice),
            args.output.as_deref(),
            args.force,
        );
    }
    let template = record::template(&args.record, None)?;
    let mut records = record::records(kb, &advice, &answers, &args.record)?;
    if !args.record.split {
        let text = record::render(&template, &records[0])?;
        super::emit(&text, args.output.as_deref(), args.force)?;
        if let Some(path) = &args.output {
            eprintln!("wrote {}", path.display());
        }
        return Ok(());
    }
    let Some(dir) = &args.output else {
        return Err(Failure::new(
            Exit::Usage,
            "--split writes one file per decision: give the directory with -o DIR",
        ));
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::new(
            Exit::Output,
            format!("cannot create {}: {e}", dir.display()),
        )
    })?;
    let names = record::number_and_link(&mut records, 1);
    // Render everything first, so a template error writes nothing.
    let texts = records
        .iter()
        .map(|r| record::render(&template, r))
        .collect::<Result<Vec<_>, _>>()?;
    for (name, text) in names.iter().zip(&texts) {
        let path = dir.join(name);
        record::write(&path, text, args.force)?;
        println!("{}", path.display());
    }
    Ok(())
}
