//! Best-effort mapping from a JSON pointer to a line of the source text, for diagnostics.
//! It scans for each pointer token in turn after the previous match; exact for the usual
//! one-key-per-line layouts of JSON and YAML, and silent (`None`) when it cannot tell.

use crate::diag::unescape_token;

pub fn line_of(text: &str, json: bool, pointer: &str) -> Option<usize> {
    let mut offset = 0usize;
    if let Some(rest) = pointer.strip_prefix('/') {
        for raw in rest.split('/') {
            let tok = unescape_token(raw);
            if tok.parse::<usize>().is_ok() {
                // Array index: cannot be matched by text; stay at the parent.
                continue;
            }
            let found = if json {
                let needle = format!("\"{}\"", tok.replace('\\', "\\\\").replace('"', "\\\""));
                text[offset..]
                    .find(&needle)
                    .map(|p| offset + p + needle.len())
            } else {
                find_yaml_key(&text[offset..], &tok).map(|p| offset + p)
            };
            offset = found?;
        }
    }
    Some(text[..offset].matches('\n').count() + 1)
}

fn find_yaml_key(text: &str, key: &str) -> Option<usize> {
    let candidates = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start().trim_start_matches("- ");
        if candidates.iter().any(|c| body.starts_with(c.as_str())) {
            return Some(pos + line.len() - line.trim_start().len() + key.len());
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn finds_yaml_and_json_lines() {
        let y = "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses: {}\n";
        assert_eq!(line_of(y, false, "/paths/~1a/get"), Some(4));
        let j = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {}\n    }\n  }\n}";
        assert_eq!(line_of(j, true, "/paths/~1a/get"), Some(4));
        assert_eq!(line_of(j, true, "/nope"), None);
    }
}
