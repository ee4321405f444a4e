//! Records to Markdown through a template: the MADR 4.0 and Nygard layouts in `assets/`,
//! or a team's own template written for the same fields.

use std::path::Path;

use minijinja::{Environment, Value};

use super::record::Record;
use super::{code_block, escape_inline};

pub const MADR: &str = include_str!("../../assets/templates/madr.md");
pub const NYGARD: &str = include_str!("../../assets/templates/nygard.md");

/// A template that could not be read or rendered, with what to fix.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
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
pub fn read_template(path: &Path) -> Result<String, TemplateError> {
    crate::limits::read_text(path, crate::limits::TEMPLATE_BYTES, "a record template")
        .map_err(|e| TemplateError(format!("cannot read template {}: {e}", path.display())))
}

fn describe(name: &str, err: &minijinja::Error) -> TemplateError {
    let mut message = format!("template {name}");
    if let Some(line) = err.line() {
        message.push_str(&format!(":{line}"));
    }
    message.push_str(&format!(": {}", err.kind()));
    if let Some(detail) = err.detail() {
        message.push_str(&format!(": {detail}"));
    }
    TemplateError(message)
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
