//! Records to Markdown through a template: the MADR 4.0 and Nygard layouts in `assets/`,
//! or a team's own template written for the same fields.

use std::io;
use std::path::Path;

use minijinja::{Environment, Value};

use super::record::Record;
use super::{code_block, escape_inline};

pub const MADR: &str = include_str!("../../assets/templates/madr.md");
pub const NYGARD: &str = include_str!("../../assets/templates/nygard.md");

/// A template that could not be rendered, with what to fix: its file, and its line
/// where minijinja knows it.
#[derive(Debug, thiserror::Error)]
#[error("template {name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct TemplateError {
    /// The template's file, or the built-in layout's name.
    pub name: String,
    pub line: Option<usize>,
    /// The kind of the mistake, and its detail where minijinja gives one.
    pub message: String,
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // The templates place every newline themselves (`{%-` trims where needed).
    env.set_keep_trailing_newline(true);
    env.add_filter("md", |text: String| escape_inline(&text));
    env.add_filter("yaml", |text: String| {
        crate::engine::answers::yaml_scalar(&text)
    });
    env.add_filter("fence", |code: String, language: String| {
        code_block(&language, &code)
    });
    env.add_filter("link", |target: String| link_target(&target));
    env
}

/// A relative link target that Markdown cannot misread: no spaces, parentheses or angle
/// brackets left as they are.
fn link_target(target: &str) -> String {
    target
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Renders a record with the template text `source` (named `name` in errors).
pub fn render(name: &str, source: &str, record: &Record) -> Result<String, TemplateError> {
    render_value(name, source, record)
}

/// Renders any plain data (a record, an appendix) with a template.
pub fn render_value(
    name: &str,
    source: &str,
    value: &impl serde::Serialize,
) -> Result<String, TemplateError> {
    let mut env = environment();
    env.add_template(name, source)
        .map_err(|e| describe(name, &e))?;
    let template = env.get_template(name).map_err(|e| describe(name, &e))?;
    let mut text = template
        .render(Value::from_serialize(value))
        .map_err(|e| describe(name, &e))?;
    // Records end with exactly one newline, however the template ends.
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    text.push('\n');
    // A template or a name in the answers may hold control characters: escaped here, so
    // the record is safe to `cat` wherever it is written.
    Ok(crate::safe_text::block(&collapse_blank_lines(&text)).into_owned())
}

/// At most one blank line in a row outside code blocks, so that optional template sections
/// never leave gaps; code keeps its own spacing.
fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut blank_run = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let blank = line.trim().is_empty();
        blank_run = if blank && !in_fence { blank_run + 1 } else { 0 };
        if blank_run <= 1 {
            out.push_str(line);
        }
    }
    out
}

/// Reads a template file (a team's own), for `render`.
pub fn read_template(path: &Path) -> io::Result<String> {
    crate::limits::read_text(path, crate::limits::TEMPLATE_BYTES, "a record template")
}

fn describe(name: &str, err: &minijinja::Error) -> TemplateError {
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        message.push_str(&format!(": {detail}"));
    }
    TemplateError {
        name: name.to_string(),
        line: err.line(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::collapse_blank_lines;

    #[test]
    fn blank_runs_collapse_outside_code_only() {
        let text = "# A\n\n\n\nText\n\n```sql\nSELECT 1;\n\n\nSELECT 2;\n```\n\n\n## B\n";
        assert_eq!(
            collapse_blank_lines(text),
            "# A\n\nText\n\n```sql\nSELECT 1;\n\n\nSELECT 2;\n```\n\n## B\n"
        );
    }
}
