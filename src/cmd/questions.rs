//! `dbadvise questions`: every question with its id, section, options and help.

mod text;

use std::path::PathBuf;

use crate::cli::ListFormat;
use crate::error::Error;
use crate::exit::Exit;
use crate::kb::KnowledgeBase;

pub fn render(kb: &KnowledgeBase, format: ListFormat) -> Result<String, Error> {
    let internal = |e: String| Error::new(Exit::Internal, e);
    match format {
        ListFormat::Json => serde_json::to_string_pretty(&kb.questions)
            .map(|s| s + "\n")
            .map_err(|e| internal(e.to_string())),
        ListFormat::Yaml => {
            serde_yaml::to_string(&kb.questions).map_err(|e| internal(e.to_string()))
        }
        ListFormat::Text => Ok(text::text(&kb.questions)),
    }
}

/// The text of the embedded base's questions as build.rs rendered it with `text` (on the
/// base it checked), when that is what is asked: no `--kb` and the text format. The
/// command's default then costs no loading at all.
pub fn prebuilt(dirs: &[PathBuf], format: ListFormat) -> Option<&'static str> {
    (dirs.is_empty() && format == ListFormat::Text).then_some(crate::kb::embedded::QUESTIONS_TEXT)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the build rendered is what the binary would render from knowledge/.
    #[test]
    fn the_prebuilt_text_is_the_rendered_text() {
        let kb = crate::kb::embedded::load_and_check(&[]).unwrap_or_else(|p| panic!("{p:?}"));
        let rendered = render(&kb, ListFormat::Text).unwrap();
        assert!(prebuilt(&[], ListFormat::Text) == Some(rendered.as_str()));
        assert!(prebuilt(&[], ListFormat::Json).is_none());
        assert!(prebuilt(&["dir".into()], ListFormat::Text).is_none());
    }
}
