//! `dbadvise recommend --answers FILE`: the decision without the interview.

use crate::cli::{RecommendArgs, ReportFormat};
use crate::engine::{self, Answers};
use crate::exit::{Exit, Failure, Outcome};
use crate::kb::KnowledgeBase;

/// Reads and validates an answers file.
pub fn read_answers(kb: &KnowledgeBase, path: &std::path::Path) -> Result<Answers, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::new(Exit::Answers, format!("cannot read {}: {e}", path.display())))?;
    engine::parse_answers(kb, &path.display().to_string(), &text)
        .map_err(|e| Failure::new(Exit::Answers, e.to_string()))
}

pub fn run(kb: &KnowledgeBase, args: &RecommendArgs) -> Outcome {
    let answers = read_answers(kb, &args.answers)?;
    let (answers, defaulted) = if args.defaults {
        engine::with_defaults(kb, &answers)
    } else {
        (answers, vec![])
    };
    let mut advice = engine::advise(kb, &answers);
    advice.defaulted = defaulted;
    if !advice.complete {
        let mut message = format!(
            "{} leaves questions on the decision path unanswered:\n",
            args.answers.display()
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
        return Err(Failure::new(Exit::Incomplete, message));
    }
    let text = match args.format {
        ReportFormat::Json => crate::report::json(&advice),
        ReportFormat::Markdown => crate::report::markdown(kb, &advice),
    };
    super::emit(&text, args.output.as_deref(), args.force)?;
    if let Some(path) = &args.output {
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
