//! `sdkgen changelog`: the changes between two versions as a Keep a Changelog section, breaking
//! changes first in each part and marked, with the semantic-version bump they call for.
//! A change to a shared schema is one entry listing every operation it reaches.

use crate::rules::{rule, Section};
use crate::{semver_bump, Change, Level};
use sdkgen_core::ir::Api;
use std::collections::BTreeMap;

/// How many operations an entry names before "and N more".
const MAX_OPS: usize = 6;

struct Entry<'a> {
    first: &'a Change,
    ops: Vec<&'a str>,
}

/// The markdown changelog from `old` to `new`.
pub fn changelog(old: &Api, new: &Api, changes: &[Change]) -> String {
    let bump = semver_bump(changes);
    let mut s = String::from("# Changelog\n\n");
    s.push_str(&format!(
        "## {} {} (from {})\n\n",
        new.title, new.version, old.version
    ));
    let count = |l: Level| changes.iter().filter(|c| c.level == l).count();
    s.push_str(&format!(
        "{} breaking, {} warning and {} other changes: they call for a **{bump}** version.\n",
        count(Level::Breaking),
        count(Level::Warning),
        count(Level::Info)
    ));
    // One entry per underlying change: same rule and pointers, wherever it is reached.
    type Key<'k> = (Section, Level, &'k str, &'k str, &'k str, String);
    let mut entries: BTreeMap<Key, Entry> = BTreeMap::new();
    for c in changes {
        let section = rule(c.id).map(|r| r.section).unwrap_or(Section::Changed);
        let e = entries
            .entry((
                section,
                c.level,
                c.id,
                &c.old_pointer,
                &c.new_pointer,
                format!("{:?}", c.site.value),
            ))
            .or_insert(Entry {
                first: c,
                ops: Vec::new(),
            });
        if !c.operation.is_empty() && !e.ops.contains(&c.operation.as_str()) {
            e.ops.push(&c.operation);
        }
    }
    for section in [
        Section::Added,
        Section::Changed,
        Section::Deprecated,
        Section::Removed,
    ] {
        let mut lines: Vec<(Level, String)> = entries
            .iter()
            .filter(|(k, _)| k.0 == section)
            .map(|(k, e)| (k.1, line(e)))
            .collect();
        if lines.is_empty() {
            continue;
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        lines.dedup();
        s.push_str(&format!("\n### {}\n\n", section.title()));
        for (_, l) in lines {
            s.push_str(&l);
            s.push('\n');
        }
    }
    s
}

fn line(e: &Entry) -> String {
    let c = e.first;
    let mark = match c.level {
        Level::Breaking => "**Breaking:** ",
        Level::Warning => "**Warning:** ",
        Level::Info => "",
    };
    let mut ops: Vec<String> = e
        .ops
        .iter()
        .take(MAX_OPS)
        .map(|o| format!("`{o}`"))
        .collect();
    if e.ops.len() > MAX_OPS {
        ops.push(format!("and {} more", e.ops.len() - MAX_OPS));
    }
    let message = escape(&c.message);
    if ops.is_empty() {
        format!("- {mark}{message} (`{}`)", c.id)
    } else if e.ops.len() == 1 {
        format!("- {mark}{}: {message} (`{}`)", ops[0], c.id)
    } else {
        format!("- {mark}{message}; in {} (`{}`)", ops.join(", "), c.id)
    }
}

/// Markdown that could be read as HTML or emphasis is escaped; code spans stay as they are.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for ch in text.chars() {
        if ch == '`' {
            in_code = !in_code;
        }
        match ch {
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '*' | '_' if !in_code => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}
