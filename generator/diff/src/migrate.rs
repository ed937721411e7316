//! `sdkgen migration-guide`: for each breaking change, what a user of one SDK language must
//! change, with code before (the old SDK) and after (the new SDK) in that language's own
//! identifiers, written by each emitter's [`Phrasebook`]; then the changes that need nothing.
//!
//! A property removed where another of the same type appears in the same place is reported
//! as a rename, so the guide says `session_name` -> `name` instead of "removed" and "added".

use crate::{rule, Change, Level, Part};
use sdkgen_core::ir::{Api, Field, TypeKind, TypeRef};
use sdkgen_core::phrase::{Phrasebook, Use};
use std::collections::BTreeMap;

/// One breaking change and every operation it reaches.
struct Group<'a> {
    changes: Vec<&'a Change>,
}

impl<'a> Group<'a> {
    fn first(&self) -> &'a Change {
        self.changes[0]
    }

    /// Operations first whose path does not go through an array (simplest to show).
    fn by_simplicity(&self) -> Vec<&'a Change> {
        let mut v = self.changes.clone();
        v.sort_by_key(|c| c.site.path.iter().filter(|s| s.contains("[]")).count());
        v
    }

    fn operations(&self) -> Vec<&'a str> {
        let mut v: Vec<&str> = self.changes.iter().map(|c| c.operation.as_str()).collect();
        v.dedup();
        v
    }
}

fn field_at<'a>(api: &'a Api, pointer: &str) -> Option<&'a Field> {
    api.types.iter().find_map(|t| match &t.kind {
        TypeKind::Object(o) => o.fields.iter().find(|f| f.pointer == pointer),
        _ => None,
    })
}

/// The shape of a type for rename matching (names of named types, kinds of the rest).
fn shape(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::Named { id } => match &api.ty(*id).kind {
            TypeKind::Alias { target } => shape(api, target),
            _ => format!("named:{}", api.ty(*id).name.wire),
        },
        TypeRef::Nullable { inner } => shape(api, inner),
        TypeRef::Array { items } => format!("[{}]", shape(api, items)),
        TypeRef::Map { values } => format!("{{{}}}", shape(api, values)),
        TypeRef::Primitive { ty } => format!("{ty:?}"),
        TypeRef::Literal { value } => format!("{value:?}"),
        TypeRef::Any => "any".into(),
    }
}

fn parent(path: &[String]) -> &[String] {
    &path[..path.len().saturating_sub(1)]
}

fn fence(lang: &str, code: &str) -> String {
    format!("```{lang}\n{}\n```\n", code.trim_end())
}

/// The migration guide from `old` to `new` for the SDK language of the two phrasebooks
/// (`before` speaks the old SDK, `after` the new one).
pub fn migration_guide(
    old: &Api,
    new: &Api,
    changes: &[Change],
    before: &dyn Phrasebook,
    after: &dyn Phrasebook,
) -> String {
    let label = after.label();
    let mut s = format!(
        "# Migrating the {label} SDK from {} to {}\n\n",
        old.version, new.version
    );
    // Group breaking changes by what changed (a shared schema reached by many operations).
    let mut groups: BTreeMap<(&str, &str, &str, String), Group> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.level == Level::Breaking) {
        groups
            .entry((
                c.id,
                &c.old_pointer,
                &c.new_pointer,
                format!("{:?}", c.site.value),
            ))
            .or_insert(Group {
                changes: Vec::new(),
            })
            .changes
            .push(c);
    }
    // Renames: a removed property whose place gained exactly one property of its type.
    let added: Vec<&Change> = changes
        .iter()
        .filter(|c| {
            matches!(
                c.id,
                "response-property-added"
                    | "request-property-added"
                    | "request-property-added-required"
            )
        })
        .collect();
    let removed: Vec<&Change> = changes
        .iter()
        .filter(|c| c.id == "request-property-removed")
        .collect();
    let renamed = |c: &Change| -> Option<(String, String)> {
        if c.id == "request-property-added-required" {
            // The new required property took the place of a removed one of its type.
            let new_field = field_at(new, &c.new_pointer)?;
            let candidates: Vec<&Field> = removed
                .iter()
                .filter(|r| r.operation == c.operation)
                .filter(|r| parent(&r.site.path) == parent(&c.site.path))
                .filter_map(|r| field_at(old, &r.old_pointer))
                .filter(|f| shape(old, &f.ty) == shape(new, &new_field.ty))
                .collect();
            return match candidates.as_slice() {
                [one] => Some((one.name.wire.clone(), new_field.name.wire.clone())),
                _ => None,
            };
        }
        let want = match c.id {
            "response-property-removed" => ["response-property-added"].as_slice(),
            "request-property-removed" => {
                &["request-property-added", "request-property-added-required"]
            }
            _ => return None,
        };
        let gone = field_at(old, &c.old_pointer)?;
        let candidates: Vec<&Field> = added
            .iter()
            .filter(|a| want.contains(&a.id) && a.operation == c.operation)
            .filter(|a| parent(&a.site.path) == parent(&c.site.path))
            .filter_map(|a| field_at(new, &a.new_pointer))
            .filter(|f| shape(new, &f.ty) == shape(old, &gone.ty))
            .collect();
        match candidates.as_slice() {
            [one] => Some((gone.name.wire.clone(), one.name.wire.clone())),
            _ => None,
        }
    };
    s.push_str(&format!(
        "{} breaking change(s) need attention; the rest need nothing (see the end). Every \
         snippet assumes this set-up:\n\n",
        groups.len()
    ));
    s.push_str(&fence(after.lang(), &after.setup()));
    s.push_str("\n## Breaking changes\n");
    // Request-side removals that are the other half of a rename are shown with it.
    let mut n = 0;
    for g in groups.values() {
        n += 1;
        let c = g.first();
        let ops = g.operations();
        let ops_text = if ops.len() > 4 {
            format!(
                "{} and {} more",
                ops[..4]
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                ops.len() - 4
            )
        } else {
            ops.iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let rename = renamed(c);
        let title = match (&rename, c.id) {
            (Some((a, b)), _) => format!("`{a}` is now `{b}`"),
            _ => rule(c.id)
                .map(|r| capitalize(r.description))
                .unwrap_or_else(|| c.id.to_string()),
        };
        s.push_str(&format!("\n### {n}. {title}\n\n"));
        s.push_str(&format!("{} (in {ops_text}; `{}`).\n\n", c.message, c.id));
        let (b, a, what) = snippets(old, g, c.id, rename.as_ref(), before, after);
        if !what.is_empty() {
            s.push_str(&what);
            s.push_str("\n\n");
        }
        if let Some(b) = b {
            s.push_str(&format!("Before ({}):\n\n", old.version));
            s.push_str(&fence(before.lang(), &b));
            if a.is_some() {
                s.push('\n');
            }
        }
        if let Some(a) = a {
            s.push_str(&format!("After ({}):\n\n", new.version));
            s.push_str(&fence(after.lang(), &a));
        }
    }
    if groups.is_empty() {
        s.push_str("\nNone.\n");
    }
    // What needs nothing.
    s.push_str("\n## Changes that need nothing\n\n");
    let mut counts: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.level != Level::Breaking) {
        counts.entry(c.id).or_default().push(c);
    }
    for (id, cs) in counts {
        let desc = rule(id).map(|r| r.description).unwrap_or(id);
        let mut line = format!("- {} ({}", capitalize(desc), cs.len());
        if id == "operation-added" {
            let methods: Vec<String> = cs
                .iter()
                .filter_map(|c| after.method(&c.site.new_operation))
                .map(|m| format!("`{m}`"))
                .collect();
            if !methods.is_empty() {
                line.push_str(&format!(": {}", methods.join(", ")));
            }
        } else if let Some(c) = cs.first() {
            line.push_str(&format!(", e.g. {}", c.message));
        }
        line.push_str(")\n");
        s.push_str(&line);
    }
    s
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// (before, after, explanation) for one group.
fn snippets(
    old_api: &Api,
    g: &Group,
    id: &str,
    rename: Option<&(String, String)>,
    before: &dyn Phrasebook,
    after: &dyn Phrasebook,
) -> (Option<String>, Option<String>, String) {
    for c in g.by_simplicity() {
        let site = &c.site;
        let (o, n) = (site.old_operation.as_str(), site.new_operation.as_str());
        let path = site.path.clone();
        let response = matches!(site.part, Part::Response);
        let result = match id {
            "response-property-removed" if response => {
                let b = before.call(o, &[Use::Print(path.clone())]);
                let a = match rename {
                    Some((_, to)) => {
                        let mut p = path.clone();
                        if let Some(last) = p.last_mut() {
                            *last = to.clone();
                        }
                        after.call(n, &[Use::Print(p)])
                    }
                    None => None,
                };
                let what = match (rename, after.method(n)) {
                    (Some((from, to)), _) => format!(
                        "Read `{}` where you read `{}`.",
                        after
                            .read(n, &renamed_path(&path, to))
                            .unwrap_or_else(|| to.clone()),
                        before.read(o, &path).unwrap_or_else(|| from.clone())
                    ),
                    (None, _) => "The property is gone; code reading it must stop.".to_string(),
                };
                (b, a, what)
            }
            "response-property-became-optional" | "response-became-nullable" if response => (
                before.call(o, &[Use::Print(path.clone())]),
                after.call(n, &[Use::IfPresent(path.clone())]),
                "Check for a missing value before using it.".to_string(),
            ),
            "response-enum-value-added" if response => {
                let Some(v) = &site.value else { continue };
                (
                    None,
                    after.call(n, &[Use::IfEquals(path.clone(), v.clone())]),
                    "Code that handles every value (a `match`/`switch`, a lookup table) must \
                     handle the new one."
                        .to_string(),
                )
            }
            "response-type-widened" | "response-type-changed" | "response-format-changed"
                if response =>
            {
                (
                    before.call(o, &[Use::Print(path.clone())]),
                    after.call(n, &[Use::Print(path.clone())]),
                    "The property has a new type in the SDK: check code that stores or computes \
                     with it."
                        .to_string(),
                )
            }
            "request-property-added-required"
            | "request-property-became-required"
            | "parameter-added-required"
            | "parameter-became-required"
            | "request-body-added-required"
            | "request-body-became-required" => {
                if let (Some((from, to)), Some(m)) = (rename, after.method(n)) {
                    let what = format!(
                        "Pass `{}` to `{m}` where you passed `{}`.",
                        after.arg(n, to).unwrap_or_else(|| to.clone()),
                        before.arg(o, from).unwrap_or_else(|| from.clone())
                    );
                    return (before.call(o, &[]), after.call(n, &[]), what);
                }
                let arg = site.path.last().cloned().or_else(|| match &site.part {
                    Part::Param(p) => Some(p.clone()),
                    _ => None,
                });
                let what = match arg.and_then(|a| after.arg(n, &a)) {
                    Some(a) => format!("Pass `{a}` to `{}`.", after.method(n).unwrap_or_default()),
                    None => "Pass the new required value.".to_string(),
                };
                (before.call(o, &[]), after.call(n, &[]), what)
            }
            "operation-removed" | "operation-removed-before-sunset" => {
                let mut what = format!(
                    "`{}` no longer exists in the SDK: calls to it must go.",
                    before.method(o).unwrap_or_else(|| o.to_string())
                );
                // What the old spec said about it (a deprecation names the replacement).
                if let Some(text) = old_api
                    .operations()
                    .find(|x| x.id.wire == o)
                    .and_then(|x| x.docs.text())
                {
                    what.push_str("\n\nThe old description said:\n\n");
                    for l in text.trim().lines() {
                        what.push_str(&format!("> {l}\n"));
                    }
                }
                (before.call(o, &[]), None, what.trim_end().to_string())
            }
            _ => (None, None, String::new()),
        };
        if result.0.is_some() || result.1.is_some() || !result.2.is_empty() {
            return result;
        }
    }
    (None, None, String::new())
}

fn renamed_path(path: &[String], to: &str) -> Vec<String> {
    let mut p = path.to_vec();
    if let Some(last) = p.last_mut() {
        *last = to.to_string();
    }
    p
}

/// The code of every "After (...)" block of a guide [`migration_guide`] wrote, in order: what
/// a pipeline compiles against the new SDK to prove the guide right.
pub fn after_snippets(guide: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = guide.lines();
    while let Some(l) = lines.next() {
        if !l.starts_with("After (") {
            continue;
        }
        let mut code = Vec::new();
        let mut inside = false;
        for l in lines.by_ref() {
            if l.starts_with("```") {
                if inside {
                    break;
                }
                inside = true;
                continue;
            }
            if inside {
                code.push(l);
            }
        }
        out.push(code.join("\n"));
    }
    out
}

#[cfg(test)]
mod after_tests {
    #[test]
    fn after_snippets_are_the_code_after_each_after_line() {
        let guide = "Before (1.0):\n\n```py\nold()\n```\n\nAfter (2.0):\n\n```py\nnew()\nmore()\n```\n\nAfter (2.0):\n\n```py\nx()\n```\n";
        assert_eq!(super::after_snippets(guide), ["new()\nmore()", "x()"]);
    }
}
