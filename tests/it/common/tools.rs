//! The npm tools the record and model tests run (Node.js packages pinned by
//! `tests/tools/package-lock.json`, installed by `npm ci --prefix tests/tools`):
//! markdownlint-cli2 on records, and mermaid's parser on their diagrams.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use super::diagram::Diagram;
use super::engines::{skip_or_fail, Unavailable};

const INSTALL: &str = "npm ci --prefix tests/tools";

pub fn tools_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tools")
}

/// Whether Node.js and the npm tools, at the versions `package.json` pins, are installed.
/// When not, the SKIPPED line is printed, or the test fails where they are required.
pub fn tools_installed() -> bool {
    let mut missing = Vec::new();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node {
        missing.push("node (apt-get install nodejs npm)".to_string());
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tools_dir().join("package.json")).unwrap())
            .expect("tests/tools/package.json is JSON");
    let mut packages = Vec::new();
    for (package, pinned) in manifest["dependencies"].as_object().unwrap() {
        let pinned = pinned.as_str().unwrap_or_default();
        let installed = fs::read_to_string(
            tools_dir()
                .join("node_modules")
                .join(package)
                .join("package.json"),
        )
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string));
        if installed.as_deref() != Some(pinned) {
            let found = installed.map_or(String::new(), |v| format!(" (found {v})"));
            packages.push(format!("{package} {pinned}{found}"));
        }
    }
    if !packages.is_empty() {
        missing.push(format!("{} (run `{INSTALL}`)", packages.join(", ")));
    }
    if missing.is_empty() {
        return true;
    }
    let unavailable = Unavailable::Missing {
        engine: "the npm toolset of the record and model checks (markdownlint-cli2, mermaid, @dbml/core)",
        missing,
    };
    match skip_or_fail(&unavailable) {
        Ok(_) => false,
        Err(message) => panic!("{message}"),
    }
}

/// markdownlint-cli2 on `files` (names inside `dir`) with the records' rules: Ok with its
/// output when they are clean, Err with its output (every finding) when not.
pub fn markdownlint(dir: &Path, files: &[String]) -> Result<String, String> {
    let tools = tools_dir();
    let out = Command::new("node")
        .arg(tools.join("node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs"))
        .arg("--config")
        .arg(tools.join(".markdownlint-cli2.jsonc"))
        // `:` makes each a literal path, not a glob.
        .args(files.iter().map(|f| format!(":{f}")))
        .current_dir(dir)
        .output()
        .expect("node runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // Exit 1 is "findings"; anything else is the linter failing to run.
    match out.status.code() {
        Some(0) => Ok(text),
        Some(1) => Err(text),
        _ => panic!("markdownlint-cli2 did not run ({}):\n{text}", out.status),
    }
}

/// What mermaid's parser read from the ```mermaid blocks of each file.
#[derive(Deserialize)]
pub struct Parsed {
    pub file: String,
    pub diagrams: Vec<Diagram>,
}

pub fn parse_diagrams(files: &[PathBuf]) -> Vec<Parsed> {
    let out = Command::new("node")
        .arg(tools_dir().join("mermaid-er.mjs"))
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "mermaid-er.mjs failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Vec<Parsed> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "mermaid-er.mjs printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert_eq!(parsed.len(), files.len(), "one result per file");
    parsed
}
