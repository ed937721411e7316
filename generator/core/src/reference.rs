//! The method reference of an SDK (`REFERENCE.md`): every method of every resource with its
//! signature, arguments, errors and a sample, in that SDK's own identifiers.
//!
//! The layout is language-free and lives here; each emitter supplies the spelling through
//! its [`Phrasebook`] (the same one its migration guides use), so the reference, the guides
//! and the docs site's samples name exactly what the package defines.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::ir::{Api, Docs, Operation, TypeKind, TypeRef};
use crate::phrase::Phrasebook;

/// `REFERENCE.md` of the SDK `book` spells, for `api`.
pub fn render(api: &Api, book: &dyn Phrasebook) -> String {
    let mut slugs = Slugs::default();
    let mut out = String::new();
    let title = one_line(&api.title);
    let _ = writeln!(out, "# {title}: {} SDK reference\n", book.label());
    let _ = writeln!(
        out,
        "Every method of the SDK, by resource, with its signature, arguments, errors and a \
         sample. Generated from the API's OpenAPI description (version {}); the README is the \
         getting-started guide.\n",
        one_line(&api.version)
    );
    let _ = writeln!(
        out,
        "Each sample assumes this set-up:\n\n```{}\n{}\n```\n",
        book.lang(),
        book.setup().trim_end()
    );

    // Headings are laid out first so the contents can link to them.
    let mut groups = Vec::new();
    for g in &api.groups {
        let methods: Vec<(&Operation, String)> = g
            .operations
            .iter()
            .filter_map(|op| Some((op, book.method(&op.id.wire)?)))
            .collect();
        if methods.is_empty() {
            continue;
        }
        let heading = one_line(&g.name.wire);
        let anchor = slugs.take(&heading);
        let methods: Vec<_> = methods
            .into_iter()
            .map(|(op, m)| {
                let a = slugs.take(&m);
                (op, m, a)
            })
            .collect();
        groups.push((g, heading, anchor, methods));
    }

    out.push_str("## Contents\n\n");
    for (_, heading, anchor, methods) in &groups {
        let links: Vec<String> = methods
            .iter()
            .map(|(_, m, a)| format!("[`{m}`](#{a})"))
            .collect();
        let _ = writeln!(out, "- [{heading}](#{anchor}): {}", links.join(", "));
    }
    out.push('\n');

    for (g, heading, _, methods) in &groups {
        let _ = writeln!(out, "## {heading}\n");
        if let Some(t) = g.docs.text() {
            let _ = writeln!(out, "{}\n", t.trim());
        }
        for (op, m, _) in methods {
            operation(&mut out, api, book, op, m);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn operation(out: &mut String, api: &Api, book: &dyn Phrasebook, op: &Operation, method: &str) {
    let id = &op.id.wire;
    let _ = writeln!(out, "### {method}\n");
    let _ = write!(out, "`{} {}`", op.method.as_str(), op.path);
    if let Some(s) = &op.docs.summary {
        let _ = write!(out, ": {}", one_line(s));
    }
    out.push_str("\n\n");
    if let Some(d) = deprecation(&op.docs) {
        let _ = writeln!(out, "> {d}\n");
    }
    if let Some(d) = &op.docs.description {
        let d = d.trim();
        let dup = op.docs.summary.as_deref().map(str::trim) == Some(d);
        if !d.is_empty() && !dup {
            let _ = writeln!(out, "{d}\n");
        }
    }
    if let Some(sig) = book.signature(id) {
        let _ = writeln!(out, "```{}\n{}\n```\n", book.lang(), sig.trim_end());
    }

    let rows = arguments(api, book, op);
    if !rows.is_empty() {
        out.push_str("| Argument | Required | Description |\n| --- | --- | --- |\n");
        for r in rows {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                r.name,
                if r.required { "yes" } else { "no" },
                r.text
            );
        }
        out.push('\n');
    }

    // One error a line: their descriptions are sentences of their own.
    if !op.errors.is_empty() {
        out.push_str("Errors:\n\n");
        for e in &op.errors {
            match e.docs.text() {
                Some(t) => {
                    let _ = writeln!(out, "- `{}`: {}", e.status, first_sentence(&t));
                }
                None => {
                    let _ = writeln!(out, "- `{}`", e.status);
                }
            }
        }
        out.push('\n');
    }
    if let Some(code) = book.call(id, &[]) {
        let _ = writeln!(out, "```{}\n{}\n```\n", book.lang(), code.trim_end());
    }
}

struct Row {
    name: String,
    required: bool,
    text: String,
}

/// The parameters, then the request body's properties (or the body itself), each under the
/// name the SDK gives it as an argument.
fn arguments(api: &Api, book: &dyn Phrasebook, op: &Operation) -> Vec<Row> {
    let id = &op.id.wire;
    let mut rows = Vec::new();
    for p in &op.params {
        let Some(name) = book.arg(id, &p.name.wire) else {
            continue;
        };
        rows.push(Row {
            name,
            required: p.required,
            text: describe(&p.docs, p.location.as_str()),
        });
    }
    let Some(body) = &op.body else {
        return rows;
    };
    let fields = match &body.ty {
        TypeRef::Named { id: t } => match &api.ty(*t).kind {
            TypeKind::Object(o) => Some(&o.fields),
            _ => None,
        },
        _ => None,
    };
    let mut seen = std::collections::HashSet::new();
    match fields {
        Some(fields) => {
            for f in fields.iter().filter(|f| !f.read_only) {
                if !seen.insert(&f.name.wire) {
                    continue;
                }
                let Some(name) = book.arg(id, &f.name.wire) else {
                    continue;
                };
                rows.push(Row {
                    name,
                    required: f.required && body.required,
                    text: describe(&f.docs, "body"),
                });
            }
        }
        None => {
            if let Some(name) = book.arg(id, "body") {
                rows.push(Row {
                    name,
                    required: body.required,
                    text: describe(&body.docs, &body.media_type),
                });
            }
        }
    }
    rows
}

fn describe(docs: &Docs, place: &str) -> String {
    let mut s = format!("({place})");
    if let Some(t) = docs.text() {
        s.push(' ');
        s.push_str(&cell(&first_sentence(&t)));
    }
    if let Some(d) = deprecation(docs) {
        s.push(' ');
        s.push_str(&d);
    }
    s
}

fn deprecation(docs: &Docs) -> Option<String> {
    if !docs.deprecated {
        return None;
    }
    Some(match &docs.sunset {
        Some(d) => format!("**Deprecated**: to be removed on {}.", one_line(d)),
        None => "**Deprecated**.".to_string(),
    })
}

/// The first paragraph, as one line.
fn first_sentence(text: &str) -> String {
    one_line(text.trim().split("\n\n").next().unwrap_or(""))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text safe inside a table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats
/// numbered.
#[derive(Default)]
struct Slugs {
    seen: HashMap<String, usize>,
}

impl Slugs {
    fn take(&mut self, heading: &str) -> String {
        let base: String = heading
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let n = self.seen.entry(base.clone()).or_insert(0);
        let slug = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::Slugs;

    #[test]
    fn slugs_follow_github() {
        let mut s = Slugs::default();
        assert_eq!(s.take("client.sessions.create"), "clientsessionscreate");
        assert_eq!(s.take("Sessions API"), "sessions-api");
        assert_eq!(s.take("Sessions API"), "sessions-api-1");
        assert_eq!(
            s.take("client.Sessions.Create(ctx)"),
            "clientsessionscreatectx"
        );
    }
}
