//! Checks the embedded knowledge base, and writes what the binary loads of it.
//!
//! The loader and the checker are the crate's own (`src/kb`, compiled here as modules;
//! they need nothing else of the crate but three small leaf modules). A problem in
//! knowledge/ fails the build with its file and line, as `dbadvise kb check` says it.
//!
//! Written to OUT_DIR for `kb::embedded`:
//! - `checked.msgpack`: the merged, checked base (`kb::load::Checked`) as MessagePack,
//!   which every start parses without checking it again; less its snippets and
//!   archetypes, which the binary takes from the embedded files;
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
#[allow(dead_code, unused_imports, unexpected_cfgs)]
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
    let checked = lean_msgpack(&checked);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    fs::write(out.join("questions.txt"), questions).expect("OUT_DIR is writable");
    fs::write(out.join("prebuilt.rs"), table).expect("OUT_DIR is writable");
    fs::write(out.join("checked.msgpack"), checked).expect("OUT_DIR is writable");
    println!("cargo::rustc-cfg=kb_prebuilt");
}

/// The checked base as MessagePack, less the fields left empty, with its maps' keys
/// (the fields' names) kept: the lean JSON below, proven to read back as the same base.
fn lean_msgpack(checked: &Checked) -> Vec<u8> {
    let bytes = rmp_serde::to_vec_named(&lean_json(checked)).expect("the base serialises");
    let back: Checked = rmp_serde::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("the base as MessagePack does not read: {e}"));
    assert!(
        serde_json::to_value(&back).ok() == serde_json::to_value(checked).ok(),
        "the base as MessagePack reads back as another base"
    );
    bytes
}

/// The checked base as a JSON value, less the fields left empty (an empty list or map,
/// `false`, `null`): most are the default their field takes when it is missing, so
/// every start parses fewer fields (a ninth less time loading the base). The rest, an
/// entry of a map that is data or an option that holds an empty list, are put back
/// until the JSON reads back as the very same base; the build stops if it cannot.
fn lean_json(checked: &Checked) -> serde_json::Value {
    let full = serde_json::to_value(checked).expect("the model serialises");
    let mut lean = full.clone();
    // Within the lists: `Checked`'s own fields are required.
    drop_empty_fields(&mut lean["lists"]);
    loop {
        let back: Checked = serde_json::from_str(&lean.to_string())
            .unwrap_or_else(|e| panic!("the base without its empty fields does not read: {e}"));
        let again = serde_json::to_value(&back).expect("the model serialises");
        if again == full {
            return lean;
        }
        assert!(
            put_back_misread(&mut lean, &full, &again),
            "the base without its empty fields reads back as another base"
        );
    }
}

fn drop_empty_fields(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            fields.retain(|_, v| match v {
                Value::Null | Value::Bool(false) => false,
                Value::Array(items) => !items.is_empty(),
                Value::Object(map) => !map.is_empty(),
                _ => true,
            });
            fields.values_mut().for_each(drop_empty_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty_fields),
        _ => {}
    }
}

/// Puts back into `lean`, from `full`, each dropped field that was read back (`back`)
/// as something else. Whether it put any back.
fn put_back_misread(
    lean: &mut serde_json::Value,
    full: &serde_json::Value,
    back: &serde_json::Value,
) -> bool {
    use serde_json::Value;
    match (lean, full) {
        (Value::Object(lean), Value::Object(full)) => {
            let mut any = false;
            for (key, was) in full {
                let read = back.get(key);
                if read == Some(was) {
                    continue;
                }
                match (lean.get_mut(key), read) {
                    (Some(kept), Some(read)) => any |= put_back_misread(kept, was, read),
                    // Dropped, or not read back at all: put it back whole.
                    _ => {
                        lean.insert(key.clone(), was.clone());
                        any = true;
                    }
                }
            }
            any
        }
        (Value::Array(lean), Value::Array(full)) => {
            let mut any = false;
            for (i, (kept, was)) in lean.iter_mut().zip(full).enumerate() {
                any |= put_back_misread(kept, was, back.get(i).unwrap_or(&Value::Null));
            }
            any
        }
        _ => false,
    }
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
