//! The knowledge base is embedded with include_dir!, which cargo cannot see into: rebuild
//! whenever anything under knowledge/ changes.
//!
//! Its YAML files are also converted to JSON here, so that the binary loads its embedded
//! knowledge base with serde_json, several times faster than parsing the YAML at start-up
//! (see benches/engine.rs). A file that is not valid YAML is left out, so that the loader
//! parses it as YAML and reports the problem with its file and line like any other.
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=knowledge");
    let mut entries = Vec::new();
    collect(Path::new("knowledge"), Path::new("knowledge"), &mut entries);
    entries.sort();
    let mut code = String::from(
        "/// Each YAML file of knowledge/ (by its path inside it) as JSON, sorted by path.\n\
         pub static PREBUILT_JSON: &[(&str, &str)] = &[\n",
    );
    for (relative, json) in entries {
        code.push_str(&format!("    ({relative:?}, {json:?}),\n"));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("prebuilt.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, entries: &mut Vec<(String, String)>) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
    };
    for entry in listing.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, entries);
            continue;
        }
        let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        if !is_yaml || text.trim().is_empty() {
            continue;
        }
        if let Ok(value) = serde_yaml::from_str::<serde_json::Value>(&text) {
            let relative = path
                .strip_prefix(root)
                .expect("below the root")
                .to_string_lossy()
                .replace('\\', "/");
            entries.push((relative, value.to_string()));
        }
    }
}
