//! Small text helpers shared by emitters (doc comment wrapping).

/// Reflows `text` to `width` columns: the lines of a paragraph are joined and re-wrapped, while
/// blank lines, list items, headings, tables, quotes, indented code and fenced code blocks keep
/// their own lines. Trailing whitespace is removed; no leading, trailing or repeated blank lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut fenced = false;
    let flush = |para: &mut Vec<&str>, out: &mut Vec<String>| {
        if para.is_empty() {
            return;
        }
        let first = para[0];
        let indent_len = first.len() - first.trim_start().len();
        let indent = &first[..indent_len];
        // A list item's continuation lines hang under its text.
        let hang = list_marker_len(first.trim_start()).map(|m| " ".repeat(indent_len + m));
        let mut cur = String::from(indent);
        let mut first_line = true;
        for word in para.iter().flat_map(|l| l.split_whitespace()) {
            let prefix_len = if first_line {
                indent.len()
            } else {
                hang.as_deref().unwrap_or(indent).len()
            };
            if cur.len() > prefix_len && cur.len() + 1 + word.len() > width {
                out.push(std::mem::take(&mut cur));
                first_line = false;
                cur.push_str(hang.as_deref().unwrap_or(indent));
            }
            let prefix_len = if first_line {
                indent.len()
            } else {
                hang.as_deref().unwrap_or(indent).len()
            };
            if cur.len() > prefix_len {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        out.push(cur);
        para.clear();
    };
    for raw in text.lines() {
        let line = raw.trim_end();
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut para, &mut out);
            fenced = !fenced;
            out.push(line.to_string());
            continue;
        }
        if fenced {
            out.push(line.to_string());
            continue;
        }
        if line.is_empty() {
            flush(&mut para, &mut out);
            out.push(String::new());
            continue;
        }
        let indent = line.len() - t.len();
        let verbatim =
            t.starts_with('|') || t.starts_with('#') || t.starts_with('>') || t.starts_with("<");
        if verbatim {
            flush(&mut para, &mut out);
            out.push(line.to_string());
            continue;
        }
        // Unindented prose lines (and a list item's hanging lines) join into one paragraph;
        // indented lines are structure (`Args:` entries, nested text) and stay lines of their own.
        let para_indent = para.first().map(|p| p.len() - p.trim_start().len());
        let hang = para
            .first()
            .and_then(|p| list_marker_len(p.trim_start()))
            .map(|m| m + para_indent.unwrap_or(0));
        let continues = match para_indent {
            Some(0) => indent == 0 || hang == Some(indent),
            Some(_) => hang == Some(indent),
            None => false,
        };
        if list_marker_len(t).is_some() || !continues {
            flush(&mut para, &mut out);
        }
        para.push(line);
    }
    flush(&mut para, &mut out);
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.dedup_by(|a, b| a.is_empty() && b.is_empty());
    out
}

/// Length of a list marker with its space (`- `, `* `, `12. `), if the line starts with one.
fn list_marker_len(t: &str) -> Option<usize> {
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return Some(2);
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
        return Some(digits + 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn reflows_paragraphs() {
        let t =
            "Uploads the video. The session must be in the\n`created` state.\n\nSecond paragraph.";
        assert_eq!(
            wrap(t, 40),
            vec![
                "Uploads the video. The session must be",
                "in the `created` state.",
                "",
                "Second paragraph."
            ]
        );
    }

    #[test]
    fn keeps_lists_code_and_tables() {
        let t = "Items:\n- first item that is long enough to wrap around\n- second\n\n```\ncode   here\n```\n| a | b |\n";
        assert_eq!(
            wrap(t, 30),
            vec![
                "Items:",
                "- first item that is long",
                "  enough to wrap around",
                "- second",
                "",
                "```",
                "code   here",
                "```",
                "| a | b |"
            ]
        );
    }

    #[test]
    fn indentation_changes_start_paragraphs() {
        let t = "Args:\n    limit: the page size.\n    cursor: where to\n    start.";
        assert_eq!(
            wrap(t, 80),
            vec![
                "Args:",
                "    limit: the page size.",
                "    cursor: where to",
                "    start."
            ]
        );
        let t = "- item\n  continued here\nafter";
        assert_eq!(wrap(t, 80), vec!["- item continued here after"]);
    }

    #[test]
    fn no_trailing_blank_or_whitespace() {
        assert_eq!(wrap("\n\n a  \n\n\n b \n\n", 80), vec![" a", "", " b"]);
    }
}
