//! Parse the command line, dispatch, print any failure, exit with its code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use dbadvise::cli::{AdrCommand, AnswersCommand, Cli, Command, KbCommand};
use dbadvise::cmd;
use dbadvise::error::{CommandResult, Error};
use dbadvise::exit::Exit;
use dbadvise::kb::KnowledgeBase;
use dbadvise::settings::Settings;

// An advice is a few hundred small strings and lists, built and dropped on every
// answer, and the what-if builds one per alternative answer. mimalloc makes that about
// a fifth cheaper than the system allocator (`cargo bench --bench engine`, which uses
// it too, so that it measures what this binary runs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn run(cli: Cli) -> CommandResult {
    let dirs = &cli.kb.dirs;
    match &cli.command {
        Some(Command::Kb(KbCommand::Check { dir })) => cmd::kb::check(dirs, dir.as_deref()),
        Some(Command::Kb(KbCommand::Export { dir, force })) => cmd::kb::export(dir, *force),
        Some(Command::Questions { format }) => match cmd::questions::prebuilt(dirs, *format) {
            Some(text) => cmd::emit(text, None, false),
            None => cmd::emit(
                &cmd::questions::render(knowledge_base(dirs)?, *format)?,
                None,
                false,
            ),
        },
        Some(Command::Answers(AnswersCommand::Template)) => {
            let kb = knowledge_base(dirs)?;
            cmd::emit(&cmd::answers::template(kb), None, false)
        }
        Some(Command::Answers(AnswersCommand::Upgrade {
            file,
            output,
            force,
        })) => cmd::answers::upgrade(knowledge_base(dirs)?, file, output.as_deref(), *force),
        Some(Command::Recommend(args)) => cmd::recommend::run(knowledge_base(dirs)?, args),
        Some(Command::Diff(args)) => cmd::recommend::diff(knowledge_base(dirs)?, args),
        Some(Command::Adr(AdrCommand::New(args))) => cmd::adr::new(knowledge_base(dirs)?, args),
        Some(Command::Explain { topic, width }) => {
            cmd::learn::explain(knowledge_base(dirs)?, topic, *width)
        }
        Some(Command::Topics { search }) => {
            cmd::learn::topics(knowledge_base(dirs)?, search.as_deref())
        }
        Some(Command::Review(args)) => cmd::review::run(knowledge_base(dirs)?, args),
        Some(Command::Schema(args)) => cmd::schema::run(knowledge_base(dirs)?, args),
        Some(Command::Completions { shell }) => cmd::completions::run(*shell),
        Some(Command::Man) => cmd::man::run(),
        Some(Command::Learn { topic }) => {
            let kb = knowledge_base(dirs)?;
            let start = match topic {
                Some(name) => Some(cmd::learn::topic_or_suggestion(kb, name)?.id.clone()),
                None => None,
            };
            let settings = Settings::from_env();
            if !settings.is_terminal() {
                return Err(Error::new(
                    Exit::NoInput,
                    "dbadvise learn needs a terminal; in a pipe use `dbadvise topics` and `dbadvise explain TOPIC`",
                ));
            }
            dbadvise::tui::learn(kb, &settings, start.as_deref())
        }
        None => {
            let kb = knowledge_base(dirs)?;
            let settings = Settings::from_env();
            if cli.plain || !settings.is_terminal() {
                dbadvise::plain::run_stdio(kb, &settings, cli.resume.as_deref())
            } else {
                dbadvise::tui::run(kb, &settings, cli.resume.as_deref())
            }
        }
    }
}

/// The knowledge base for the command, left for the process's exit to free: dropping its
/// tens of thousands of allocations one by one would cost more than a tenth of a start.
fn knowledge_base(dirs: &[PathBuf]) -> Result<&'static KnowledgeBase, Error> {
    cmd::load_kb(dirs).map(|kb| &*Box::leak(Box::new(kb)))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug: the default hook prints it, and the exit code says "internal".
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => Exit::Ok.into(),
        Ok(Err(error)) => {
            // The one place an error becomes text and an exit code. Messages quote
            // files, ids and names: nothing in them reaches the terminal raw.
            let message = error.to_string();
            dbadvise::say_err!("dbadvise: {}", dbadvise::safe_text::block(&message));
            error.exit.into()
        }
        Err(_) => {
            dbadvise::say_err!(
                "dbadvise: internal error (a bug): please report it with the message above"
            );
            Exit::Internal.into()
        }
    }
}
