//! Best-effort mapping from a JSON pointer to a line of the source text, for diagnostics.
//! It scans for each pointer token in turn after the previous match; exact for the usual
//! one-key-per-line layouts of JSON and YAML, and silent (`None`) when it cannot tell.

use crate::diag::unescape_token;
use std::collections::HashMap;

/// What the lookups in one document have already found, so that locating every diagnostic
/// of a large spec costs about the distance from a known parent, not a scan from the top of
/// the file each time (which made a spec with thousands of diagnostics take seconds).
#[derive(Debug, Default)]
pub struct Memo {
    /// The offset reached after each pointer prefix (`None`: not found).
    after: HashMap<String, Option<usize>>,
    /// Offsets of the newlines, built on first use.
    newlines: Option<Vec<usize>>,
}

#[cfg(test)]
fn line_of(text: &str, json: bool, pointer: &str) -> Option<usize> {
    line_of_memo(text, json, pointer, &mut Memo::default())
}

/// [`line_of`], reusing and extending `memo` (one per document).
pub fn line_of_memo(text: &str, json: bool, pointer: &str, memo: &mut Memo) -> Option<usize> {
    let mut offset = 0usize;
    if let Some(rest) = pointer.strip_prefix('/') {
        let mut end = 1;
        for raw in rest.split('/') {
            end += raw.len();
            let prefix = &pointer[..end];
            let next = match memo.after.get(prefix) {
                Some(&known) => known,
                None => {
                    let found = step(text, json, offset, raw);
                    memo.after.insert(prefix.to_string(), found);
                    found
                }
            };
            offset = next?;
            end += 1;
        }
    }
    let newlines = memo
        .newlines
        .get_or_insert_with(|| text.match_indices('\n').map(|(i, _)| i).collect());
    Some(newlines.partition_point(|&p| p < offset) + 1)
}

/// The offset after the pointer token `raw`, searching from `offset`.
fn step(text: &str, json: bool, offset: usize, raw: &str) -> Option<usize> {
    let tok = unescape_token(raw);
    if tok.parse::<usize>().is_ok() {
        // Array index: cannot be matched by text; stay at the parent.
        return Some(offset);
    }
    if json {
        let needle = format!("\"{}\"", tok.replace('\\', "\\\\").replace('"', "\\\""));
        text[offset..]
            .find(&needle)
            .map(|p| offset + p + needle.len())
    } else {
        find_yaml_key(&text[offset..], &tok).map(|p| offset + p)
    }
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

    #[test]
    fn the_memo_changes_no_answer() {
        let y = "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses: {}\n    post:\n      tags: [x]\n  /b:\n    get: {}\n";
        let j = "{\n  \"paths\": {\n    \"/a\": {\n      \"get\": {}\n    },\n    \"/b\": {\"get\": {}}\n  }\n}";
        let pointers = [
            "/paths/~1a/get",
            "/paths/~1a/post/tags/0",
            "/paths/~1b/get",
            "/paths/~1a/get/responses",
            "/nope/x",
            "/nope/y",
            "/paths/~1b",
            "",
            "/paths/~1a/get",
        ];
        for (text, json) in [(y, false), (j, true)] {
            let mut memo = super::Memo::default();
            for p in pointers {
                assert_eq!(
                    super::line_of_memo(text, json, p, &mut memo),
                    line_of(text, json, p),
                    "{p}"
                );
            }
        }
    }
}
