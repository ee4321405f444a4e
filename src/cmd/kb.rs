//! `dbadvise kb check [DIR]` and `dbadvise kb export DIR`.

use std::path::{Path, PathBuf};

use crate::error::{CommandResult, Error};
use crate::exit::Exit;

pub fn check(overlays: &[PathBuf], dir: Option<&Path>) -> CommandResult {
    let mut dirs = overlays.to_vec();
    dirs.extend(dir.map(Path::to_path_buf));
    // The files themselves, checked now: the build checked the embedded ones too, but
    // the messages below give each item's file and line, which only the files tell.
    let kb = crate::kb::embedded::load_and_check(&dirs)?;
    // Questions and options whose answer moves nothing: too slow for every start, so
    // only here (and in the tests).
    let inert = crate::engine::effects::inert(&kb);
    if !inert.is_empty() {
        let mut message = format!("{} question(s) or option(s) change nothing:\n", inert.len());
        for (q, option, what) in &inert {
            let at = kb
                .origins
                .questions
                .get(q)
                .map(|o| match o.line {
                    Some(l) => format!("{}:{l}: ", o.file),
                    None => format!("{}: ", o.file),
                })
                .unwrap_or_default();
            match option {
                Some(o) => {
                    message.push_str(&format!("  {at}question `{q}`, option `{o}` {what}\n"))
                }
                None => message.push_str(&format!("  {at}question `{q}` {what}\n")),
            }
        }
        return Err(Error::new(Exit::KnowledgeBase, message.trim_end()));
    }
    // Coherence rules broken on the advice of any option of any question.
    let sweep = crate::engine::coherence::sweep(&kb);
    if !sweep.broken.is_empty() {
        let mut message = format!(
            "{} coherence rule(s) broken by the knowledge base ({} advices swept):\n",
            sweep.broken.len(),
            sweep.advices
        );
        for (broken, answers) in &sweep.broken {
            let at = kb
                .origins
                .rules
                .get(broken.rule.as_str())
                .map(|o| match o.line {
                    Some(l) => format!("{}:{l}: ", o.file),
                    None => format!("{}: ", o.file),
                })
                .unwrap_or_default();
            let given: Vec<String> = answers
                .values
                .iter()
                .map(|(q, v)| format!("{q} = {}", v.values().join(", ")))
                .collect();
            let when = if given.is_empty() {
                "the defaults".to_string()
            } else {
                given.join("; ")
            };
            message.push_str(&format!(
                "  {at}rule `{}`: {} (with {when}): {}\n",
                broken.rule,
                broken.items.join(" and "),
                broken.says
            ));
        }
        return Err(Error::new(Exit::KnowledgeBase, message.trim_end()));
    }
    let trees: usize = kb.trees.iter().map(|t| t.nodes.len()).sum();
    println!(
        "knowledge base OK: {} questions, {} trees ({} nodes), {} engines, {} patterns, {} snippets, {} starter schemas, {} topics, {} review rules; {} coherence rules hold on {} advices",
        kb.questions.len(),
        kb.trees.len(),
        trees,
        kb.engines.len(),
        kb.patterns.len(),
        kb.snippets.len(),
        kb.schemas.len(),
        kb.topics.len(),
        kb.review_rules.len(),
        sweep.rules,
        sweep.advices
    );
    Ok(())
}

pub fn export(dir: &Path, force: bool) -> CommandResult {
    let written = crate::kb::export::export(dir, force)
        .map_err(|e| Error::io(Exit::Output, "cannot export to", dir, e))?;
    println!(
        "wrote {} files to {}",
        written.len(),
        crate::safe_text::path(dir)
    );
    println!(
        "use them with: dbadvise --kb {} …",
        crate::safe_text::path(dir)
    );
    Ok(())
}
