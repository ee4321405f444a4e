//! The embedded knowledge base: `knowledge/` compiled into the binary, and the same base
//! as build.rs merged and checked it, which every start loads without checking it again
//! (a problem in it fails the build instead). `--kb` overlays, and `kb check`, load the
//! files themselves and check the whole base.

use std::path::PathBuf;

use include_dir::{include_dir, Dir};

use super::load::{archetype_id, directory_files, is_yaml, load_sources, Checked, SourceFile};
use super::{KnowledgeBase, Problem, Text};

/// The knowledge base compiled into the binary.
pub static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/knowledge");

/// The embedded base merged and checked by build.rs: a `load::Checked` as MessagePack.
static CHECKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/checked.msgpack"));

/// `dbadvise questions` on the embedded base, as build.rs rendered it.
pub static QUESTIONS_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/questions.txt"));

mod prebuilt {
    include!(concat!(env!("OUT_DIR"), "/prebuilt.rs"));
}

/// The knowledge base to run on: the embedded one as the build checked it, or with
/// overlay directories, the embedded files and theirs merged and checked whole.
pub fn load(overlays: &[PathBuf]) -> Result<KnowledgeBase, Vec<Problem>> {
    if overlays.is_empty() {
        return Ok(KnowledgeBase::embedded());
    }
    load_and_check(overlays)
}

/// The embedded files, then each overlay directory on top of them, merged and checked
/// now, whatever the build proved: what `kb check` reports, with where every item is.
pub fn load_and_check(overlays: &[PathBuf]) -> Result<KnowledgeBase, Vec<Problem>> {
    let mut sources = vec![embedded_files()];
    for dir in overlays {
        sources.push(directory_files(dir).map_err(|p| vec![p])?);
    }
    load_sources(sources)
}

impl KnowledgeBase {
    /// The embedded knowledge base as build.rs merged and checked it: parsed and
    /// indexed, not checked again.
    pub fn embedded() -> KnowledgeBase {
        // Its strings are borrowed from the MessagePack rather than copied.
        let mut checked: Checked = super::text::parse_static_msgpack(CHECKED).unwrap_or_else(|e| {
            panic!("the knowledge base build.rs wrote does not parse (a bug in the build): {e}")
        });
        // build.rs leaves the snippets and archetypes out of the MessagePack: they are files the
        // binary holds as they are, borrowed as they are. Taken as `load_sources` takes
        // them.
        let mut files = Vec::new();
        for dir in ["snippets", "archetypes"] {
            texts(EMBEDDED.get_dir(dir).into_iter(), &mut files);
        }
        for (relative, text) in files {
            let text = Text::from_static(text);
            if let Some(id) = archetype_id(relative) {
                checked.archetypes.insert(id.to_string(), text);
            } else if let Some(path) = relative.strip_prefix("snippets/") {
                if !is_yaml(relative) {
                    checked.snippets.insert(path.to_string(), text);
                }
            }
        }
        checked.into_base()
    }
}

/// The text files in these embedded directories and below, by their path in knowledge/.
fn texts(
    dirs: impl Iterator<Item = &'static Dir<'static>>,
    out: &mut Vec<(&'static str, &'static str)>,
) {
    for dir in dirs {
        for file in dir.files() {
            if let (Some(path), Some(text)) = (file.path().to_str(), file.contents_utf8()) {
                out.push((path, text));
            }
        }
        texts(dir.dirs(), out);
    }
}

/// The files of the embedded knowledge base, shown as `knowledge/…`, sorted by path.
pub fn embedded_files() -> Vec<SourceFile> {
    let mut files = Vec::new();
    collect(&EMBEDDED, &mut files);
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    files
}

fn collect(dir: &Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        let relative = file.path().to_string_lossy().replace('\\', "/");
        if let Some(text) = file.contents_utf8() {
            out.push(SourceFile {
                shown_as: format!("knowledge/{relative}"),
                json: prebuilt_json(&relative),
                relative,
                text: text.to_string(),
            });
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}

/// The YAML file at this path as build.rs converted it to JSON, if it could.
fn prebuilt_json(relative: &str) -> Option<String> {
    let table = prebuilt::PREBUILT_JSON;
    let at = table
        .binary_search_by(|(path, _)| (*path).cmp(relative))
        .ok()?;
    Some(table[at].1.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::KbFile;

    /// The JSON the build made must say exactly what the YAML says, for every file,
    /// or the binary would run on a different knowledge base than the one in knowledge/.
    #[test]
    fn the_prebuilt_json_is_the_yaml() {
        let files: Vec<SourceFile> = embedded_files()
            .into_iter()
            .filter(|f| is_yaml(&f.relative) && !f.text.trim().is_empty())
            // An archetype is a domain model, read as text by its own parser.
            .filter(|f| super::super::load::archetype_id(&f.relative).is_none())
            .collect();
        assert!(files.len() > 10);
        for file in files {
            let json = file
                .json
                .as_deref()
                .unwrap_or_else(|| panic!("{} has no prebuilt JSON", file.relative));
            let from_json: KbFile = serde_json::from_str(json).unwrap();
            let from_yaml: KbFile = serde_yaml::from_str(&file.text).unwrap();
            assert_eq!(
                serde_json::to_value(&from_json).unwrap(),
                serde_json::to_value(&from_yaml).unwrap(),
                "{}",
                file.relative
            );
        }
    }

    /// What every start loads is what `kb check` loads and checks from knowledge/: the
    /// same items in the same order, indexed alike (Debug shows the index's fields too),
    /// and the same snippets with the same titles.
    #[test]
    fn the_base_the_build_checked_is_the_base_in_knowledge() {
        let checked = load_and_check(&[]).unwrap_or_else(|p| panic!("{p:?}"));
        let prebuilt = KnowledgeBase::embedded();
        let titles = |kb: &KnowledgeBase| {
            let titles = kb
                .snippets
                .iter()
                .map(|(p, s)| (p.clone(), s.title.clone()));
            titles.collect::<Vec<_>>()
        };
        assert_eq!(titles(&prebuilt), titles(&checked));
        let both = |kb: KnowledgeBase| {
            let checked = Checked::new(kb);
            let debug = format!(
                "{:?} {:?} {:?}",
                checked.lists, checked.snippets, checked.archetypes
            );
            (debug, serde_json::to_string(&checked).unwrap())
        };
        let (prebuilt, checked) = (both(prebuilt), both(checked));
        assert!(prebuilt == checked, "the prebuilt base is not knowledge/'s");
    }

    /// A base from build.rs is trusted: what the build checked is not checked again at
    /// start. The same item from an overlay directory is checked and refused.
    #[test]
    fn only_what_the_build_did_not_check_is_checked_at_load() {
        let yaml = "questions: [{id: q, section: s, prompt: p, help: h, kind: one, \
                    options: [{id: a, label: A}], topics: [no-such-topic]}]\n";
        let checked = Checked {
            lists: serde_yaml::from_str(yaml).unwrap(),
            snippets: Default::default(),
            archetypes: Default::default(),
        };
        assert!(checked.into_base().question("q").is_some());

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("q.yaml"), yaml).unwrap();
        let problems = load(&[dir.path().to_path_buf()]).unwrap_err();
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text.iter().any(|t| t.contains("no-such-topic")), "{text:?}");
    }
}
