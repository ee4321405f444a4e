//! Checks the embedded knowledge base, and writes what the binary loads of it.
//!
//! The loader and the checker are the crate's own (`src/kb`, compiled here as modules;
//! they need nothing else of the crate but three small leaf modules). A problem in
//! knowledge/ fails the build with its file and line, as `dbadvise kb check` says it.
//!
//! Written to OUT_DIR for `kb::embedded`:
//! - `checked.json`: the merged, checked base (`kb::load::Checked`), which every start
//!   parses without checking it again; less its snippets and archetypes, which the binary
//!   takes from the embedded files;
//! - `questions.txt`: what `dbadvise questions` prints for it (`cmd::questions::prebuilt`);
//! - `prebuilt.rs`: each YAML file as JSON, for what loads the files themselves (`--kb`
//!   overlays on top of them, `kb check`): several times faster to parse than the YAML. A
//!   file that is not valid YAML is left out, so that its problem is told with its line.
//!
//! The knowledge base is embedded with include_dir!, which cargo cannot see into: rebuild
//! whenever anything under knowledge/ changes.

use std::path::Path;
use std::{env, fs};

// Only the loading and the checks are used here: the rest is the binary's, and so is
// `kb_prebuilt`, which this script sets for the crate (see `kb::embedded`).
#[allow(dead_code, unused_imports, unexpected_cfgs)]
#[path = "src/kb/mod.rs"]
mod kb;
// The archetypes' domain models are checked with the model's own parser.
#[allow(dead_code)]
#[path = "src/limits.rs"]
mod limits;
// Without `kb_prebuilt`, which is the crate's: no DBML reading (dbml-rs) here.
#[allow(dead_code, unexpected_cfgs)]
#[path = "src/model/mod.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/safe_text.rs"]
mod safe_text;
#[path = "src/suggest.rs"]
mod suggest;
// `dbadvise questions` as text, rendered here for the embedded base.
#[path = "src/cmd/questions/text.rs"]
mod questions_text;

use kb::load::{load_sources, Checked, SourceFile};

fn main() {
    println!("cargo::rerun-if-changed=knowledge");
    // Set for the crate once this script has written what `kb::embedded` includes.
    println!("cargo::rustc-check-cfg=cfg(kb_prebuilt)");
    let mut files = Vec::new();
    collect(Path::new("knowledge"), Path::new("knowledge"), &mut files);
    files.sort_by(|a, b| a.relative.cmp(&b.relative));

    let mut table = String::from(
        "/// Each YAML file of knowledge/ (by its path inside it) as JSON, sorted by path.\n\
         pub static PREBUILT_JSON: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        if let Some(json) = &file.json {
            table.push_str(&format!("    ({:?}, {json:?}),\n", file.relative));
        }
    }
    table.push_str("];\n");

    let kb = match load_sources(vec![files]) {
        Ok(kb) => kb,
        Err(problems) => {
            for problem in problems {
                // One line each: cargo shows every `cargo::error` as an error of the build.
                println!("cargo::error={}", problem.to_string().replace('\n', " "));
            }
            return;
        }
    };
    let questions = questions_text::text(&kb.questions);
    // The snippets' and archetypes' files are embedded as they are: `kb::embedded` takes
    // them from there.
    let mut checked = Checked::new(kb);
    checked.snippets.clear();
    checked.archetypes.clear();
    let checked = serde_json::to_string(&checked).expect("the model serialises");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    fs::write(out.join("questions.txt"), questions).expect("OUT_DIR is writable");
    fs::write(out.join("prebuilt.rs"), table).expect("OUT_DIR is writable");
    fs::write(out.join("checked.json"), checked).expect("OUT_DIR is writable");
    println!("cargo::rustc-cfg=kb_prebuilt");
}

/// The files below `dir`, as `kb::embedded` lists them: by their path inside `root`,
/// shown as `knowledge/…`, each YAML file with its JSON.
fn collect(root: &Path, dir: &Path, files: &mut Vec<SourceFile>) {
    let listing = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {dir:?}: {e}"));
    for entry in listing.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
            continue;
        }
        // include_dir! embeds what is not UTF-8 as bytes, which the loader skips.
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let relative = path
            .strip_prefix(root)
            .expect("below the root")
            .to_string_lossy()
            .replace('\\', "/");
        let is_yaml = relative.ends_with(".yaml") || relative.ends_with(".yml");
        // An archetype is a domain model, read as text by the model's own parser.
        let json = (is_yaml && !relative.starts_with("archetypes/") && !text.trim().is_empty())
            .then(|| serde_yaml::from_str::<serde_json::Value>(&text).ok())
            .flatten()
            .map(|value| value.to_string());
        files.push(SourceFile {
            shown_as: format!("knowledge/{relative}"),
            relative,
            text,
            json,
        });
    }
}
