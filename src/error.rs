//! The one error a command gives `main`.
//!
//! Each `Error` keeps its kind (`exit`, the row of the README's exit-code table), the file
//! and line it concerns where there is one, and its cause (`source()`). It becomes text
//! (`Display`) and an exit code only in `main`. The wording shared by many failures is
//! made here: `Error::read`, `Error::write` and `Error::io` say "cannot read PATH: CAUSE".
//!
//! The errors of the rooms below stay their own data (a list of located problems, a
//! template's line, a write that found a file there) and become an `Error` through the
//! `From` impls at the end, each with its kind: `?` is the one way up.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::engine::AnswersError;
use crate::exit::Exit;
use crate::kb::Problem;
use crate::model::ModelError;
use crate::report::TemplateError;
use crate::review::live::LiveError;
use crate::session::WriteError;

type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// A failure of a command: what kind, what happened, where, and why.
#[derive(Debug)]
pub struct Error {
    /// The kind of failure: the exit code `main` ends with (the README lists them).
    pub exit: Exit,
    /// What happened, in words; `Display` adds the file and the cause kept below. Empty
    /// when the cause says it all (a list of problems, each at its file and line).
    pub message: String,
    path: Option<PathBuf>,
    line: Option<usize>,
    source: Option<Cause>,
    form: Form,
}

/// How the parts of an error read as one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "MESSAGE", or "MESSAGE: CAUSE".
    Words,
    /// Something done to a file failed: "cannot write PATH: CAUSE".
    OnFile,
    /// A problem at a place in a file: "PATH:LINE: MESSAGE".
    At,
    /// Problems that each name their own file and line: the cause alone says them.
    Cause,
}

/// What a command gives `main`: done, or an error to print and exit with.
pub type CommandResult = Result<(), Error>;

impl Error {
    /// A failure told in words alone.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Error {
            exit,
            message: message.into(),
            path: None,
            line: None,
            source: None,
            form: Form::Words,
        }
    }

    /// A file that cannot be read: "cannot read PATH: CAUSE".
    pub fn read(exit: Exit, path: &Path, cause: impl Into<Cause>) -> Self {
        Error::io(exit, "cannot read", path, cause)
    }

    /// Output that cannot be written: "cannot write PATH: CAUSE", exit 6.
    pub fn write(path: &Path, cause: impl Into<Cause>) -> Self {
        Error::io(Exit::Output, "cannot write", path, cause)
    }

    /// Something else done to a file that failed: "DOING PATH: CAUSE", as in "cannot
    /// create DIR: …".
    pub fn io(exit: Exit, doing: &str, path: &Path, cause: impl Into<Cause>) -> Self {
        Error {
            path: Some(path.to_path_buf()),
            source: Some(cause.into()),
            form: Form::OnFile,
            ..Error::new(exit, doing)
        }
    }

    /// A problem in a file, at its line where known: "PATH:LINE: MESSAGE".
    pub fn at(
        exit: Exit,
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            path: Some(path.into()),
            line,
            form: Form::At,
            ..Error::new(exit, message)
        }
    }

    /// The same failure with its cause kept: "MESSAGE: CAUSE".
    pub fn because(mut self, cause: impl Into<Cause>) -> Self {
        self.source = Some(cause.into());
        self
    }

    /// An error whose cause says it all, with the file and line of its first problem.
    fn cause(exit: Exit, path: Option<PathBuf>, line: Option<usize>, cause: Cause) -> Self {
        Error {
            path,
            line,
            source: Some(cause),
            form: Form::Cause,
            ..Error::new(exit, "")
        }
    }

    /// The file the error concerns, where there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The line in that file, where known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A path in a message is one line, whatever bytes its name holds.
        let path = self.path.as_deref().map(crate::safe_text::path);
        match (self.form, path) {
            (Form::OnFile, Some(path)) => write!(f, "{} {path}", self.message)?,
            (Form::At, Some(path)) => {
                write!(f, "{path}")?;
                if let Some(line) = self.line {
                    write!(f, ":{line}")?;
                }
                return write!(f, ": {}", self.message);
            }
            (Form::Cause, _) => {}
            _ => f.write_str(&self.message)?,
        }
        match (&self.source, self.form) {
            (Some(cause), Form::Cause) => write!(f, "{cause}"),
            (Some(cause), _) => write!(f, ": {cause}"),
            (None, _) => Ok(()),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// Every problem the knowledge base (embedded plus `--kb`) has, each at its file, line
/// and column.
#[derive(Debug)]
pub struct KbProblems(pub Vec<Problem>);

impl fmt::Display for KbProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "the knowledge base has {n} problem{}:",
            if n == 1 { "" } else { "s" }
        )?;
        // A file of thousands of broken lines (a paste gone wrong) would bury the first,
        // which is usually the cause: the rest are counted.
        let shown = n.min(crate::limits::PROBLEMS_SHOWN);
        for p in &self.0[..shown] {
            write!(f, "\n  {p}")?;
        }
        if n > shown {
            write!(f, "\n  … and {} more problems", n - shown)?;
        }
        Ok(())
    }
}

impl StdError for KbProblems {}

impl From<Vec<Problem>> for Error {
    fn from(problems: Vec<Problem>) -> Self {
        let first = problems.first();
        let path = first.map(|p| PathBuf::from(&p.file));
        let line = first.and_then(|p| p.line);
        Error::cause(
            Exit::KnowledgeBase,
            path,
            line,
            Box::new(KbProblems(problems)),
        )
    }
}

impl From<AnswersError> for Error {
    fn from(e: AnswersError) -> Self {
        let line = e.problems.first().and_then(|p| p.line);
        Error::cause(
            Exit::Answers,
            Some(PathBuf::from(&e.file)),
            line,
            Box::new(e),
        )
    }
}

impl From<ModelError> for Error {
    fn from(e: ModelError) -> Self {
        let line = e.problems.first().and_then(|(line, _)| *line);
        Error::cause(Exit::Model, Some(PathBuf::from(&e.file)), line, Box::new(e))
    }
}

impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Self {
        let (path, line) = (PathBuf::from(&e.name), e.line);
        Error::cause(Exit::Template, Some(path), line, Box::new(e))
    }
}

impl From<LiveError> for Error {
    fn from(e: LiveError) -> Self {
        Error::cause(Exit::ReviewDatabase, None, None, Box::new(e))
    }
}

impl From<WriteError> for Error {
    fn from(e: WriteError) -> Self {
        // The session's writes say their own words (the front ends show them as they are).
        match e {
            WriteError::Numbering(words) => Error::new(Exit::Records, words),
            WriteError::Failed(words) => Error::new(Exit::Output, words),
            WriteError::Exists(path) => Error::at(
                Exit::Output,
                path,
                None,
                "the file exists (use --force to replace it)",
            ),
        }
    }
}

/// Standard output that cannot be written (not a closed pipe, which is no error).
pub fn stdout(e: io::Error) -> Error {
    Error::new(Exit::Output, "cannot write to standard output").because(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_found() -> io::Error {
        io::Error::new(io::ErrorKind::NotFound, "No such file or directory")
    }

    #[test]
    fn file_errors_are_worded_once_with_their_path_and_cause() {
        let e = Error::write(Path::new("out/a.md"), not_found());
        assert_eq!(e.exit, Exit::Output);
        assert_eq!(
            e.to_string(),
            "cannot write out/a.md: No such file or directory"
        );
        assert_eq!(e.path(), Some(Path::new("out/a.md")));
        assert!(e.source().is_some_and(|c| c.is::<io::Error>()));
        let e = Error::read(Exit::Answers, Path::new("a.yaml"), not_found());
        assert_eq!(
            e.to_string(),
            "cannot read a.yaml: No such file or directory"
        );
        // A path is one line in a message, whatever its name holds.
        let e = Error::write(Path::new("a\nb.md"), not_found());
        assert!(!e.to_string().contains('\n'), "{e}");
    }

    #[test]
    fn words_a_place_and_a_cause_read_as_before() {
        let e = Error::new(Exit::Internal, "terminal error").because(not_found());
        assert_eq!(e.to_string(), "terminal error: No such file or directory");
        let e = Error::at(Exit::Model, "m.yaml", Some(3), "no such entity");
        assert_eq!(e.to_string(), "m.yaml:3: no such entity");
        assert_eq!(e.line(), Some(3));
        let e = Error::at(Exit::Model, "m.yaml", None, "no primary store");
        assert_eq!(e.to_string(), "m.yaml: no primary store");
    }

    #[test]
    fn the_errors_of_the_rooms_keep_their_kind_place_and_words() {
        let answers = AnswersError {
            file: "a.yaml".into(),
            problems: vec![crate::engine::answers::AnswersProblem {
                line: Some(4),
                message: "unknown question `x`".into(),
            }],
        };
        let e = Error::from(answers.clone());
        assert_eq!(e.exit, Exit::Answers);
        assert_eq!((e.path(), e.line()), (Some(Path::new("a.yaml")), Some(4)));
        assert_eq!(e.to_string(), answers.to_string());
        assert!(e.source().is_some_and(|c| c.is::<AnswersError>()));

        let problem = Problem {
            file: "knowledge/q.yaml".into(),
            line: Some(2),
            column: Some(5),
            message: "unknown tree".into(),
        };
        let e = Error::from(vec![problem]);
        assert_eq!(e.exit, Exit::KnowledgeBase);
        assert_eq!(
            e.to_string(),
            "the knowledge base has 1 problem:\n  knowledge/q.yaml:2:5: unknown tree"
        );

        let template = TemplateError {
            name: "t.md".into(),
            line: Some(7),
            message: "syntax error".into(),
        };
        let e = Error::from(template);
        assert_eq!((e.exit, e.line()), (Exit::Template, Some(7)));
        assert_eq!(e.to_string(), "template t.md:7: syntax error");

        let e = Error::from(WriteError::Numbering("no record can be numbered".into()));
        assert_eq!(
            (e.exit, e.message.as_str()),
            (Exit::Records, "no record can be numbered")
        );
    }
}
