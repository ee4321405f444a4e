//! The interview as plain lines: for pipes, CI, screen readers and `--plain`. The same
//! app state and engine as the terminal interview, asked one line at a time, with no
//! escape codes. With no input it says how to decide without the interview.

use std::io::{self, BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use crate::exit::{CommandResult, Exit, Failure};
use crate::kb::{KnowledgeBase, QuestionKind};
use crate::tui::app::{Action, App, Autosaved, Config, Effect, Screen, WriteError, WriteKind};
use crate::tui::keymap::KeyCommand;
use crate::tui::view::because_lines;

/// Runs the plain interview on standard input and output.
pub fn run_stdio(kb: &KnowledgeBase, resume: Option<&Path>) -> CommandResult {
    let config = crate::tui::config(kb);
    let answers = resume
        .map(|path| crate::cmd::recommend::read_answers(kb, path).map(|a| (a, path)))
        .transpose()?;
    let echo = !io::stdin().is_terminal();
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

fn no_input() -> Failure {
    Failure::new(
        Exit::NoInput,
        "no input to read: the interview needs a terminal, or answers typed on standard input. \
         To decide without the interview, write the answers to a file (`dbadvise answers template > answers.yaml`) \
         and run `dbadvise recommend --answers answers.yaml`",
    )
}

const CLOSED: &str = "standard output was closed, so the interview stopped";

/// Says where the answers are when the output closed, only if there are any.
fn closed_output(failure: Failure, app: &App) -> Failure {
    if failure.exit != Exit::Output || failure.message != CLOSED {
        return failure;
    }
    match &app.config.autosave {
        Some(path) if !app.answers.values.is_empty() && path.exists() => Failure::new(
            Exit::Output,
            format!(
                "{CLOSED}; the answers so far are in the autosave, {}",
                path.display()
            ),
        ),
        _ => Failure::new(Exit::Output, format!("{CLOSED} before any answer")),
    }
}

fn output_failure(e: io::Error) -> Failure {
    let message = if e.kind() == io::ErrorKind::BrokenPipe {
        // `| head` closed the pipe: the interview cannot go on, but nothing went wrong.
        CLOSED.to_string()
    } else {
        format!("cannot write to standard output: {e}")
    };
    Failure::new(Exit::Output, message)
}

impl<R: BufRead, W: io::Write> Plain<'_, R, W> {
    /// Everything plain mode prints goes through here or `ask`: knowledge-base text and
    /// typed answers are shown with their control characters escaped.
    fn say(&mut self, text: &str) -> Result<(), Failure> {
        writeln!(self.out, "{}", crate::safe_text::block(text)).map_err(output_failure)
    }

    /// Asks and reads one line; `None` at the end of the input.
    fn ask(&mut self, prompt: &str) -> Result<Option<String>, Failure> {
        write!(self.out, "{}", crate::safe_text::block(prompt)).map_err(output_failure)?;
        self.out.flush().map_err(output_failure)?;
        let mut line = String::new();
        let read = self
            .input
            .read_line(&mut line)
            .map_err(|e| Failure::new(Exit::NoInput, format!("cannot read standard input: {e}")))?;
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
        resume: Option<(crate::engine::Answers, &Path)>,
    ) -> CommandResult {
        let autosaved = config.autosaved.clone();
        let mut app = match resume {
            Some((answers, path)) => App::resumed(kb, config, answers, path),
            None => App::new(kb, config),
        };
        self.drive(&mut app, &autosaved)
            .map_err(|failure| closed_output(failure, &app))
    }

    fn drive(&mut self, app: &mut App, autosaved: &Autosaved) -> CommandResult {
        self.say("dbadvise: database design advisor (plain mode)")?;
        self.say(
            "Answer with an option's number; several choices as numbers separated by commas (1,3). \
             ? shows the help, b goes back, Enter takes the default.",
        )?;
        if let Autosaved::Found { path, .. } = autosaved {
            if app.screen == Screen::Start {
                self.say(&format!(
                    "(An autosaved interview is at {0}: `dbadvise --plain --resume {0}` goes on with it.)",
                    path.display()
                ))?;
            }
        }
        let mut started = false;
        loop {
            match app.screen {
                Screen::Start => {
                    let Some(name) = self.ask("\nProject name: ")? else {
                        return Err(if started { self.ended(app) } else { no_input() });
                    };
                    started = true;
                    app.text = name.trim().to_string();
                    let effects = app.update(Action::Key(KeyCommand::Choose));
                    self.effects(effects)?;
                }
                Screen::Interview => {
                    started = true;
                    if !self.question(app)? {
                        return Err(self.ended(app));
                    }
                }
                Screen::Results => return self.results(app),
            }
        }
    }

    /// The input ended in the middle: where the answers are, and how to go on.
    fn ended(&self, app: &App) -> Failure {
        let mut message = String::from("the input ended before the interview did");
        match &app.config.autosave {
            Some(path) if !app.answers.values.is_empty() => message.push_str(&format!(
                "; the answers so far ({n}) are in {p}: go on with `dbadvise --resume {p}`",
                n = app.answers.values.len(),
                p = path.display()
            )),
            _ => {}
        }
        message.push_str(
            ". To decide without the interview, run `dbadvise recommend --answers FILE` \
             (start from `dbadvise answers template > answers.yaml`)",
        );
        Failure::new(Exit::NoInput, message)
    }

    /// Asks the question on screen once; false at the end of the input.
    fn question(&mut self, app: &mut App) -> Result<bool, Failure> {
        let Some(q) = app.question() else {
            return Ok(true);
        };
        let (n, m) = app.step();
        self.say(&format!("\n[{}] step {n} of about {m}", q.section))?;
        self.say(&q.prompt)?;
        let answer = app.answers.get(&q.id);
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
        loop {
            let Some(line) = self.ask(&prompt)? else {
                return Ok(false);
            };
            let line = line.trim();
            if line == "?" {
                self.help(q)?;
                continue;
            }
            if line.eq_ignore_ascii_case("b") {
                let effects = app.update(Action::Key(KeyCommand::Back));
                self.effects(effects)?;
                return Ok(true);
            }
            match parse_choice(q, line) {
                Ok(Choice::Default) if q.kind == QuestionKind::One && keep.is_empty() => {
                    self.say(&format!("Answer with a number from 1 to {count}"))?;
                    continue;
                }
                Ok(Choice::Default) => {
                    // The app starts each question on its answer, else its default.
                }
                Ok(Choice::One(i)) => app.cursor = i,
                Ok(Choice::Many(ids)) if ids.is_empty() && q.at_least_one => {
                    self.say(&format!("Choose at least one, from 1 to {count}"))?;
                    continue;
                }
                Ok(Choice::Many(ids)) => app.toggled = ids,
                Ok(Choice::Text(text)) => app.text = text,
                Err(message) => {
                    self.say(&message)?;
                    continue;
                }
            }
            let effects = app.update(Action::Key(KeyCommand::Choose));
            self.effects(effects)?;
            return Ok(true);
        }
    }

    fn help(&mut self, q: &crate::kb::Question) -> Result<(), Failure> {
        self.say(&format!("Why this matters: {}", q.help.trim()))?;
        for (i, o) in q.options.iter().enumerate() {
            if !o.help.is_empty() {
                self.say(&format!("  {}) {}: {}", i + 1, o.label, o.help.trim()))?;
            }
        }
        Ok(())
    }

    fn effects(&mut self, effects: Vec<Effect>) -> Result<(), Failure> {
        for effect in effects {
            if let Effect::Autosave {
                path,
                contents,
                fresh,
            } = effect
            {
                if let Err(e) = crate::tui::autosave(&path, &contents, fresh) {
                    self.say(&format!("(autosave to {} failed: {e})", path.display()))?;
                }
            }
        }
        Ok(())
    }

    /// The recommendation, then the offer to export it.
    fn results(&mut self, app: &mut App) -> CommandResult {
        let advice = app.advice();
        let kb = app.kb;
        self.say("\nRecommendation")?;
        let stack: Vec<String> = advice
            .stack
            .iter()
            .map(|c| format!("{} ({})", c.name, c.role))
            .collect();
        self.say(&format!("Stack: {}", stack.join(" + ")))?;
        for c in &advice.stack {
            self.say(&format!("- {} as {}: {}", c.name, c.role, c.reason.trim()))?;
            for because in because_lines(kb, &c.because) {
                self.say(&format!("  because: {because}"))?;
            }
        }
        for d in &advice.decisions {
            self.say(&format!("- {}: {}", d.tree_title, d.title))?;
        }
        let default = app.default_export_path();
        let Some(line) = self.ask(&format!(
            "\nExport the decision record (MADR, and beside it the files `adr new` writes: its answers, its starter schema) to {}? Enter: yes, n: no, or another file name: ",
            default.display()
        ))?
        else {
            return self.not_exported(app);
        };
        let line = line.trim();
        if line.eq_ignore_ascii_case("n") || line.eq_ignore_ascii_case("no") {
            return self.not_exported(app);
        }
        let path = if line.is_empty() {
            default
        } else {
            PathBuf::from(line)
        };
        let mut write = app.write_for(WriteKind::Export, &path);
        loop {
            match crate::tui::perform(app, &write) {
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
                        return self.not_exported(app);
                    }
                }
                Err(WriteError::Failed(message)) => {
                    return Err(Failure::new(Exit::Output, message))
                }
                Err(WriteError::Numbering(message)) => {
                    return Err(Failure::new(Exit::Records, message))
                }
            }
        }
    }

    fn not_exported(&mut self, app: &App) -> CommandResult {
        match &app.config.autosave {
            Some(path) => self.say(&format!(
                "Nothing exported. The answers are in {0}: `dbadvise recommend --answers {0}` prints the record.",
                path.display()
            )),
            None => self.say("Nothing exported."),
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
fn parse_choice(q: &crate::kb::Question, line: &str) -> Result<Choice, String> {
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
