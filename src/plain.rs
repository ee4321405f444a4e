//! The interview as plain lines: for pipes, CI, screen readers and `--plain`. The same
//! interview session as the terminal's, asked one line at a time, with no escape codes.
//! With no input it says how to decide without the interview.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use crate::engine::Answers;
use crate::error::{CommandResult, Error};
use crate::exit::Exit;
use crate::kb::{AnswerValue, KnowledgeBase, Question, QuestionKind};
use crate::report::words::because_lines;
use crate::session::{
    self, export, Autosaved, Back, Config, Done, Effect, Session, WriteError, WriteKind,
};
use crate::settings::Settings;

/// Runs the plain interview on standard input and output.
pub fn run_stdio(kb: &KnowledgeBase, settings: &Settings, resume: Option<&Path>) -> CommandResult {
    let config = Config::new(kb, settings);
    let answers = resume
        .map(|path| session::read_answers(kb, path).map(|a| (a, path)))
        .transpose()?;
    let echo = !settings.stdin_terminal;
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    let mut session = Plain {
        input: stdin.lock(),
        out: &mut out,
        echo,
    };
    session.run(kb, config, answers)
}

/// One plain session over any input and output (tests use buffers).
pub struct Plain<'o, R: BufRead, W: io::Write> {
    pub input: R,
    pub out: &'o mut W,
    /// Repeat each answer read, so a transcript of piped input reads as a dialogue.
    pub echo: bool,
}

fn no_input() -> Error {
    Error::new(
        Exit::NoInput,
        "no input to read: the interview needs a terminal, or answers typed on standard input. \
         To decide without the interview, write the answers to a file (`dbadvise answers template > answers.yaml`) \
         and run `dbadvise recommend --answers answers.yaml`",
    )
}

const CLOSED: &str = "standard output was closed, so the interview stopped";

/// Says where the answers are when the output closed, only if there are any.
fn closed_output(failure: Error, session: &Session) -> Error {
    if failure.exit != Exit::Output || failure.message != CLOSED {
        return failure;
    }
    match &session.config.autosave {
        Some(path) if !session.answers().values.is_empty() && path.exists() => Error::new(
            Exit::Output,
            format!(
                "{CLOSED}; the answers so far are in the autosave, {}",
                path.display()
            ),
        ),
        _ => Error::new(Exit::Output, format!("{CLOSED} before any answer")),
    }
}

fn output_failure(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        // `| head` closed the pipe: the interview cannot go on, but nothing went wrong.
        return Error::new(Exit::Output, CLOSED);
    }
    crate::error::stdout(e)
}

impl<R: BufRead, W: io::Write> Plain<'_, R, W> {
    /// Everything plain mode prints goes through here or `ask`: knowledge-base text and
    /// typed answers are shown with their control characters escaped.
    fn say(&mut self, text: &str) -> Result<(), Error> {
        writeln!(self.out, "{}", crate::safe_text::block(text)).map_err(output_failure)
    }

    /// Asks and reads one line; `None` at the end of the input.
    fn ask(&mut self, prompt: &str) -> Result<Option<String>, Error> {
        write!(self.out, "{}", crate::safe_text::block(prompt)).map_err(output_failure)?;
        self.out.flush().map_err(output_failure)?;
        let mut line = String::new();
        let read = self
            .input
            .read_line(&mut line)
            .map_err(|e| Error::new(Exit::NoInput, "cannot read standard input").because(e))?;
        if read == 0 {
            self.say("")?;
            return Ok(None);
        }
        let line = line.trim_end_matches(['\n', '\r']).to_string();
        if self.echo {
            self.say(&line)?;
        }
        Ok(Some(line))
    }

    pub fn run(
        &mut self,
        kb: &KnowledgeBase,
        config: Config,
        resume: Option<(Answers, &Path)>,
    ) -> CommandResult {
        let (mut session, at_start) = match resume {
            Some((answers, path)) => (Session::resumed(kb, config, answers, path), false),
            None => (Session::new(kb, config), true),
        };
        self.drive(&mut session, at_start)
            .map_err(|failure| closed_output(failure, &session))
    }

    /// Asks for the project's name (`at_start`), then question after question, then
    /// offers the export.
    fn drive(&mut self, session: &mut Session, mut at_start: bool) -> CommandResult {
        self.say("dbadvise: database design advisor (plain mode)")?;
        self.say(
            "Answer with an option's number; several choices as numbers separated by commas (1,3). \
             ? shows the help, b goes back, Enter takes the default.",
        )?;
        if let Autosaved::Found { path, .. } = &session.config.autosaved {
            if at_start {
                self.say(&format!(
                    "(An autosaved interview is at {0}: `dbadvise --plain --resume {0}` goes on with it.)",
                    path.display()
                ))?;
            }
        }
        let mut started = false;
        loop {
            if at_start {
                let Some(name) = self.ask("\nProject name: ")? else {
                    return Err(if started {
                        self.ended(session)
                    } else {
                        no_input()
                    });
                };
                started = true;
                let effects = session.begin(&name);
                self.effects(session, effects)?;
                at_start = false;
            } else if session.is_finished() {
                return self.results(session);
            } else {
                started = true;
                match self.question(session)? {
                    Asked::Answered => {}
                    Asked::Back => at_start = session.back() == Back::Start,
                    Asked::Ended => return Err(self.ended(session)),
                }
            }
        }
    }

    /// The input ended in the middle: where the answers are, and how to go on.
    fn ended(&self, session: &Session) -> Error {
        let mut message = String::from("the input ended before the interview did");
        match &session.config.autosave {
            Some(path) if !session.answers().values.is_empty() => message.push_str(&format!(
                "; the answers so far ({n}) are in {p}: go on with `dbadvise --resume {p}`",
                n = session.answers().values.len(),
                p = path.display()
            )),
            _ => {}
        }
        message.push_str(
            ". To decide without the interview, run `dbadvise recommend --answers FILE` \
             (start from `dbadvise answers template > answers.yaml`)",
        );
        Error::new(Exit::NoInput, message)
    }

    /// Asks the question of the session once, and answers it from the line read.
    fn question(&mut self, session: &mut Session) -> Result<Asked, Error> {
        let Some(q) = session.question() else {
            return Ok(Asked::Answered);
        };
        let (n, m) = session.step();
        self.say(&format!("\n[{}] step {n} of about {m}", q.section))?;
        self.say(&q.prompt)?;
        let answer = session.answers().get(&q.id);
        for (i, o) in q.options.iter().enumerate() {
            let mut notes = Vec::new();
            if answer.is_some_and(|v| v.has(&o.id)) {
                notes.push("your answer");
            }
            if q.default.as_ref().is_some_and(|d| d.has(&o.id)) {
                notes.push("default");
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join(", "))
            };
            self.say(&format!("  {}) {}{notes}", i + 1, o.label))?;
        }
        let count = q.options.len();
        // What Enter takes: the answer given, else the default.
        let takes = answer
            .filter(|v| v.iter().next().is_some())
            .or(q.default.as_ref());
        let keep: Vec<String> = takes
            .into_iter()
            .flat_map(|v| v.iter())
            .filter_map(|id| q.options.iter().position(|o| o.id == id))
            .map(|i| (i + 1).to_string())
            .collect();
        let prompt = match q.kind {
            QuestionKind::One => match keep.first() {
                Some(n) => format!("Choose 1-{count} (Enter: {n}): "),
                None => format!("Choose 1-{count}: "),
            },
            QuestionKind::Many if q.at_least_one => format!(
                "Choose one or more of 1-{count}, separated by commas (Enter: {}): ",
                keep.join(",")
            ),
            QuestionKind::Many => format!(
                "Choose any of 1-{count}, separated by commas; - for none (Enter: {}): ",
                if keep.is_empty() {
                    "none".to_string()
                } else {
                    keep.join(",")
                }
            ),
            QuestionKind::Text => "Answer (one line; Enter leaves it empty): ".to_string(),
        };
        let answer = answer.cloned();
        loop {
            let Some(line) = self.ask(&prompt)? else {
                return Ok(Asked::Ended);
            };
            let line = line.trim();
            if line == "?" {
                self.help(q)?;
                continue;
            }
            if line.eq_ignore_ascii_case("b") {
                return Ok(Asked::Back);
            }
            let value = match parse_choice(q, line) {
                Ok(Choice::Default) if q.kind == QuestionKind::One && keep.is_empty() => {
                    self.say(&format!("Answer with a number from 1 to {count}"))?;
                    continue;
                }
                Ok(Choice::Default) => match taken(q, answer.as_ref()) {
                    Some(value) => value,
                    None => return Ok(Asked::Answered),
                },
                Ok(Choice::One(i)) => AnswerValue::One(q.options[i].id.to_string()),
                Ok(Choice::Many(ids)) if ids.is_empty() && q.at_least_one => {
                    self.say(&format!("Choose at least one, from 1 to {count}"))?;
                    continue;
                }
                Ok(Choice::Many(ids)) => q.ticked(&ids),
                Ok(Choice::Text(text)) => AnswerValue::One(text.trim().to_string()),
                Err(message) => {
                    self.say(&message)?;
                    continue;
                }
            };
            // Nothing ticked where one is needed (no default to take): ask again.
            if q.at_least_one && value.values().is_empty() {
                return Ok(Asked::Answered);
            }
            let effects = session.answer(&q.id, value);
            self.effects(session, effects)?;
            return Ok(Asked::Answered);
        }
    }

    fn help(&mut self, q: &Question) -> Result<(), Error> {
        self.say(&format!("Why this matters: {}", q.help.trim()))?;
        for (i, o) in q.options.iter().enumerate() {
            if !o.help.is_empty() {
                self.say(&format!("  {}) {}: {}", i + 1, o.label, o.help.trim()))?;
            }
        }
        Ok(())
    }

    /// Carries out the autosaves the session asks for; a failed one is said, not fatal.
    fn effects(&mut self, session: &Session, effects: Vec<Effect>) -> Result<(), Error> {
        for effect in effects {
            if let Done::AutosaveFailed { path, error } = session::carry_out(session, &effect) {
                self.say(&format!("(autosave to {} failed: {error})", path.display()))?;
            }
        }
        Ok(())
    }

    /// The recommendation, then the offer to export it.
    fn results(&mut self, session: &Session) -> CommandResult {
        let advice = session.advice();
        let kb = session.kb;
        self.say("\nRecommendation")?;
        let stack = crate::report::words::stack_phrase(&advice.stack);
        self.say(&format!("Stack: {stack}"))?;
        for c in &advice.stack {
            self.say(&format!(
                "- {} as {}: {}",
                c.name,
                c.role,
                c.reason.to_string().trim()
            ))?;
            for because in because_lines(kb, &c.because) {
                self.say(&format!("  because: {because}"))?;
            }
        }
        for d in &advice.decisions {
            self.say(&format!("- {}: {}", d.tree_title, d.title))?;
        }
        if let Some(domain) = &advice.domain {
            let rules = domain.held.len();
            self.say(&format!(
                "- The product's domain: {} ({rules} rules for the database to hold, in the record's Context)",
                domain.title
            ))?;
        }
        let default = session.default_export_path();
        let Some(line) = self.ask(&format!(
            "\nExport the decision record (MADR, and beside it the files `adr new` writes: its answers, its starter schema) to {}? Enter: yes, n: no, or another file name: ",
            default.display()
        ))?
        else {
            return self.not_exported(session);
        };
        let line = line.trim();
        if line.eq_ignore_ascii_case("n") || line.eq_ignore_ascii_case("no") {
            return self.not_exported(session);
        }
        let path = if line.is_empty() {
            default
        } else {
            PathBuf::from(line)
        };
        let mut write = session.write_for(WriteKind::Export, &path, export::Options::default());
        loop {
            match session::perform(session, &write) {
                Ok(written) => {
                    for file in &written {
                        self.say(&format!("wrote {}", file.display()))?;
                    }
                    return Ok(());
                }
                Err(WriteError::Exists(existing)) => {
                    let answer =
                        self.ask(&format!("{} exists. Replace it? y/N: ", existing.display()))?;
                    if answer.is_some_and(|a| a.trim().eq_ignore_ascii_case("y")) {
                        write.force = true;
                    } else {
                        return self.not_exported(session);
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn not_exported(&mut self, session: &Session) -> CommandResult {
        match &session.config.autosave {
            Some(path) => self.say(&format!(
                "Nothing exported. The answers are in {0}: `dbadvise recommend --answers {0}` prints the record.",
                path.display()
            )),
            None => self.say("Nothing exported."),
        }
    }
}

/// What came of asking a question.
enum Asked {
    /// Answered, or to be asked again.
    Answered,
    /// `b`: back to the question before.
    Back,
    /// The input ended.
    Ended,
}

/// What Enter takes: the answer given, else the default (the first option if neither).
fn taken(q: &Question, answer: Option<&AnswerValue>) -> Option<AnswerValue> {
    let chosen: Vec<String> = answer
        .or(q.default.as_ref())
        .map(|v| v.values().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    match q.kind {
        QuestionKind::Many => Some(q.ticked(&chosen)),
        _ => {
            let at = chosen
                .first()
                .and_then(|c| q.options.iter().position(|o| &o.id == c))
                .unwrap_or(0);
            let option = q.options.get(at)?;
            Some(AnswerValue::One(option.id.to_string()))
        }
    }
}

enum Choice {
    Default,
    One(usize),
    Many(Vec<String>),
    Text(String),
}

/// An answer line as a choice, or what is wrong with it.
fn parse_choice(q: &Question, line: &str) -> Result<Choice, String> {
    let count = q.options.len();
    let number = |text: &str| -> Result<usize, String> {
        match text.trim().parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
            _ => Err(format!(
                "`{}` is not an option: answer with a number from 1 to {count}",
                text.trim()
            )),
        }
    };
    match q.kind {
        QuestionKind::Text => Ok(Choice::Text(line.to_string())),
        _ if line.is_empty() => Ok(Choice::Default),
        QuestionKind::One => number(line).map(Choice::One),
        QuestionKind::Many if line == "-" => Ok(Choice::Many(vec![])),
        QuestionKind::Many => {
            let mut ids = Vec::new();
            for part in line.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
                let id = q.options[number(part)?].id.to_string();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Ok(Choice::Many(ids))
        }
    }
}
