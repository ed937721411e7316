//! Small text helpers shared by emitters (doc comment wrapping, line layout).

/// Word-wraps `text` to `width` columns, keeping blank lines and lines that look like
/// code or lists as they are. Trailing whitespace is removed.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push(String::new());
            continue;
        }
        let indent_len = line.len() - line.trim_start().len();
        if indent_len >= 2
            || line.trim_start().starts_with("```")
            || line.trim_start().starts_with('|')
        {
            out.push(line.to_string());
            continue;
        }
        let indent = &line[..indent_len];
        let mut cur = String::from(indent);
        for word in line.split_whitespace() {
            if cur.len() > indent.len() && cur.len() + 1 + word.len() > width {
                out.push(std::mem::take(&mut cur));
                cur.push_str(indent);
            }
            if cur.len() > indent.len() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        out.push(cur);
    }
    // No leading or trailing blank lines, and no runs of blank lines.
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.dedup_by(|a, b| a.is_empty() && b.is_empty());
    out
}
