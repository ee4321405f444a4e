//! What the interview's export writes: the decision record and the files beside it,
//! the same set `dbadvise adr new` writes (the answers that replay it, the starter
//! schema, and on request the appendix), in the layout the user picked. Pure: the
//! session asks for these files as an `Effect::Write`, and `perform` writes them all or
//! none.

use std::path::{Path, PathBuf};

use crate::engine::{Advice, Answers};
use crate::kb::KnowledgeBase;
use crate::report::{self, adr_dir, RecordMeta};

/// Files to write, (path, contents), the record first.
pub type Files = Vec<(PathBuf, String)>;

/// The record's layout, as `--style` picks it for `adr new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Madr,
    Nygard,
}

impl Style {
    /// As the export prompt and the preview name it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Madr => "MADR 4.0",
            Style::Nygard => "Nygard",
        }
    }

    pub fn other(self) -> Style {
        match self {
            Style::Madr => Style::Nygard,
            Style::Nygard => Style::Madr,
        }
    }

    /// The built-in template: (name in errors, source).
    fn template(self) -> (&'static str, &'static str) {
        match self {
            Style::Madr => ("madr.md", report::render::MADR),
            Style::Nygard => ("nygard.md", report::render::NYGARD),
        }
    }
}

/// What the user chose in the export prompt; kept for the next export and the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub style: Style,
    /// Also write the appendix (every pattern that applies, with worked snippets).
    pub appendix: bool,
}

/// What the files of an export depend on besides the knowledge base and the config:
/// the TUI keeps its preview (and the Record tab's lines) until this changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportKey {
    pub answers: Answers,
    pub options: Options,
    /// The default path is the record exported before, if any.
    pub exported: Option<PathBuf>,
}

/// The decision as the export sees it: the knowledge base, the advice, the answers and
/// the record's date.
pub struct ExportSource<'a> {
    pub kb: &'a KnowledgeBase,
    pub advice: &'a Advice,
    pub answers: &'a Answers,
    pub date: &'a str,
}

/// The files an export to `path` writes: the record first, then the files beside it,
/// named after it as `adr new` names them (`foo.md` → `foo.answers.yaml`,
/// `foo.schema.sql`, `foo.appendix.md`), the record linking each.
pub fn files(source: &ExportSource, path: &Path, options: Options) -> Files {
    let meta = RecordMeta {
        status: "proposed".into(),
        date: source.date.to_string(),
        deciders: vec![],
    };
    let mut record = report::record::kickoff(source.kb, source.advice, source.answers, &meta);
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    // Named `NNNN-…` (a record directory's way), the record states its number.
    record.number = adr_dir::number_of(&name);
    let mut records = [record];
    let companions = report::companions::companions(
        source.kb,
        source.advice,
        &mut records,
        std::slice::from_ref(&name),
        options.appendix,
    );
    let (template_name, source) = options.style.template();
    let text = report::render::render(template_name, source, &records[0])
        .expect("the built-in templates render every record");
    let mut out = vec![(path.to_path_buf(), text)];
    out.extend(
        companions
            .into_iter()
            .map(|c| (path.with_file_name(c.name), c.text)),
    );
    out
}

/// The title the record gets, for its file name in a record directory.
pub fn title(source: &ExportSource) -> String {
    let meta = RecordMeta {
        status: "proposed".into(),
        date: source.date.to_string(),
        deciders: vec![],
    };
    report::record::kickoff(source.kb, source.advice, source.answers, &meta).title
}

/// The ends of the names beside a record (`.answers.yaml`, `.schema.sql`), from the
/// files of an export: what the prompt says will be written with the record.
pub fn beside_suffixes(files: &[(PathBuf, String)]) -> Vec<String> {
    let Some(((record, _), beside)) = files.split_first() else {
        return vec![];
    };
    let name = |p: &Path| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let record = name(record);
    let stem = record.strip_suffix(".md").unwrap_or(&record);
    beside
        .iter()
        .map(|(p, _)| {
            let n = name(p);
            n.strip_prefix(stem).map(str::to_string).unwrap_or(n)
        })
        .collect()
}

/// Whether an export to `path` is a new record of the record directory (`record_dir`,
/// with its next number): named `NNNN-…` in it, so numbered as `adr new` numbers.
pub fn numbered(record_dir: Option<&(PathBuf, u32)>, path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    record_dir.is_some_and(|(dir, _)| {
        path.parent() == Some(dir.as_path()) && adr_dir::number_of(&name).is_some()
    })
}

/// What the status line says once `files` are written, and the answers file among them.
pub fn written(files: &[(PathBuf, String)]) -> (String, Option<PathBuf>) {
    let status = format!(
        "Exported the decision record to {}, and beside it {}",
        files[0].0.display(),
        beside_suffixes(files).join(", ")
    );
    let answers = files[1..]
        .iter()
        .map(|(p, _)| p)
        .find(|p| p.to_string_lossy().ends_with(".answers.yaml"));
    (status, answers.cloned())
}
