//! Rendering a list of changes: text for people, JSON for machines, markdown for reviews.

use crate::{Change, Level};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub fn render(changes: &[Change], format: Format) -> String {
    match format {
        Format::Json => {
            let doc = serde_json::json!({ "changes": changes });
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
            s.push('\n');
            s
        }
        Format::Text => {
            let mut s = String::new();
            for c in changes {
                let op = if c.operation.is_empty() {
                    "(api)"
                } else {
                    &c.operation
                };
                s.push_str(&format!(
                    "{:<8} {}  [{}]\n         {}\n",
                    c.level.as_str(),
                    op,
                    c.id,
                    c.message
                ));
            }
            s.push_str(&summary(changes));
            s.push('\n');
            s
        }
        Format::Markdown => {
            let mut s = String::from("| level | operation | rule | change |\n|---|---|---|---|\n");
            for c in changes {
                s.push_str(&format!(
                    "| {} | `{}` | `{}` | {} |\n",
                    c.level.as_str(),
                    c.operation,
                    c.id,
                    c.message.replace('|', "\\|")
                ));
            }
            s.push('\n');
            s.push_str(&summary(changes));
            s.push('\n');
            s
        }
    }
}

/// `3 breaking, 1 warning, 12 info`.
pub fn summary(changes: &[Change]) -> String {
    let n = |l: Level| changes.iter().filter(|c| c.level == l).count();
    format!(
        "{} breaking, {} warning, {} info",
        n(Level::Breaking),
        n(Level::Warning),
        n(Level::Info)
    )
}
