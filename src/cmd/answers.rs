//! `dbadvise answers template`: an answers file with every question, for editors;
//! `dbadvise answers upgrade`: an old answers file rewritten onto today's questions.

use std::path::{Path, PathBuf};

use crate::engine::answers::{to_yaml, yaml_scalar};
use crate::engine::{upgrade::upgrade as upgrade_answers, walk};
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::{KnowledgeBase, QuestionKind};

pub fn template(kb: &KnowledgeBase) -> String {
    let mut out = String::from(
        "# dbadvise answers file. Fill in the answers, then run:\n\
         #   dbadvise recommend --answers <this file>\n\
         # A question the decision path does not need may stay commented out; one it\n\
         # needs and you leave open is named by `recommend` (or defaulted with --defaults).\n\
         project: My project\n\
         # deciders: [Ada Lovelace, Grace Hopper]\n\
         answers:\n",
    );
    let mut section = "";
    for q in &kb.questions {
        if q.section != section {
            section = &q.section;
            out.push_str(&format!("\n  # ── {section} ──\n"));
        }
        out.push_str(&format!("\n  # {}\n", q.prompt.trim()));
        for line in textwrap::wrap(q.help.trim(), 84) {
            out.push_str(&format!("  #   {line}\n"));
        }
        let kind = match q.kind {
            QuestionKind::One => "one of",
            QuestionKind::Many => "a list of any of",
            QuestionKind::Text => "free text",
        };
        out.push_str(&format!("  # Answer with {kind}:\n"));
        for o in &q.options {
            out.push_str(&format!("  #   {:<22} {}\n", o.id, o.label));
        }
        let value = match (&q.default, q.kind) {
            (Some(d), QuestionKind::Many) => {
                let items: Vec<String> = d.values().iter().map(|v| yaml_scalar(v)).collect();
                format!("[{}]", items.join(", "))
            }
            (Some(d), _) => yaml_scalar(&d.values().join(" ")),
            (None, QuestionKind::Many) => "[]".into(),
            (None, QuestionKind::Text) => "\"\"".into(),
            (None, QuestionKind::One) => q
                .options
                .first()
                .map(|o| o.id.to_string())
                .unwrap_or_default(),
        };
        out.push_str(&format!("  {}: {value}\n", q.id));
    }
    out
}

/// Rewrites FILE onto today's questions: into `output`, or in place with the original
/// kept beside it as FILE.orig. Says what changed on standard error; answers with no
/// clear equivalent are named, and the exit code says the file still needs them.
pub fn upgrade(
    kb: &KnowledgeBase,
    file: &Path,
    output: Option<&Path>,
    force: bool,
) -> Result<(), Error> {
    let text = crate::limits::read_text(file, crate::limits::ANSWERS_FILE_BYTES, "an answers file")
        .map_err(|e| Error::read(Exit::Answers, file, e))?;
    let upgraded = upgrade_answers(kb, &file.display().to_string(), &text)?;
    let order = walk(kb, &upgraded.answers).asked;
    let yaml = to_yaml(kb, &upgraded.answers, &order);
    let target: PathBuf = match output {
        Some(path) => path.to_path_buf(),
        None => {
            if upgraded.changes.is_empty() && upgraded.unresolved.is_empty() {
                crate::say_err!("{}: nothing to upgrade", crate::safe_text::path(file));
                return Ok(());
            }
            let mut backup = file.as_os_str().to_owned();
            backup.push(".orig");
            let backup = Path::new(&backup);
            crate::fsutil::write_new(backup, text.as_bytes(), force)
                .map_err(|e| Error::io(Exit::Output, "cannot keep the original as", backup, e))?;
            file.to_path_buf()
        }
    };
    let replace = output.is_none() || force;
    crate::fsutil::write_new(&target, yaml.as_bytes(), replace)
        .map_err(|e| Error::write(&target, e))?;
    for change in &upgraded.changes {
        crate::say_err!("upgraded  {}", crate::safe_text::block(change));
    }
    for open in &upgraded.unresolved {
        crate::say_err!("to answer {}", crate::safe_text::block(open));
    }
    // Questions new since the file was written: the interview (or --defaults) asks them.
    let new_questions = walk(kb, &upgraded.answers).pending;
    if !new_questions.is_empty() {
        crate::say_err!(
            "new questions this file does not answer yet (answer them, or use --defaults): {}",
            new_questions.join(", ")
        );
    }
    crate::say_err!("wrote {}", crate::safe_text::path(&target));
    if upgraded.unresolved.is_empty() {
        Ok(())
    } else {
        Err(Error::new(
            Exit::Incomplete,
            format!(
                "{} answer(s) had no clear equivalent; answer the questions named above in {}",
                upgraded.unresolved.len(),
                target.display()
            ),
        ))
    }
}
