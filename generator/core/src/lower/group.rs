//! Grouping operations into resources and naming their methods the way a person would:
//! `x-sdk-group`/`x-sdk-name` when the spec says, else the first tag (or the first
//! meaningful path segment) and the operationId without the group's own words.

use super::ops::RawOp;
use super::Lowerer;
use crate::ir::*;
use indexmap::IndexMap;
use serde_json::Value;

impl Lowerer {
    pub(crate) fn group(&mut self, ops: Vec<RawOp>, doc: &Value) -> Vec<Group> {
        let tag_docs: IndexMap<String, Docs> = doc
            .get("tags")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| {
                Some((
                    t.get("name")?.as_str()?.to_string(),
                    super::schema::docs_of(t),
                ))
            })
            .collect();
        // One tag on everything (Plaid tags every operation `plaid`) groups nothing: use paths.
        let distinct: std::collections::HashSet<&String> =
            ops.iter().filter_map(|o| o.tags.first()).collect();
        let ignore_tags =
            distinct.len() == 1 && ops.len() > 12 && ops.iter().all(|o| o.sdk_group.is_none());
        let mut groups: IndexMap<String, Group> = IndexMap::new();
        for mut raw in ops {
            if ignore_tags {
                raw.tags.clear();
            }
            let (key, name, docs) = match (&raw.sdk_group, raw.tags.first()) {
                (Some(g), _) => (g.clone(), Name::new(g.clone()), Docs::default()),
                (None, Some(tag)) => (
                    tag.clone(),
                    Name::new(tag.clone()),
                    tag_docs.get(tag).cloned().unwrap_or_default(),
                ),
                (None, None) => {
                    let seg = resource_segment(&raw.op.path);
                    (seg.clone(), Name::new(seg), Docs::default())
                }
            };
            let _ = key;
            let name = without_version_words(name);
            let key = name.words.join("_");
            let group = groups.entry(key).or_insert_with(|| Group {
                name,
                docs,
                operations: Vec::new(),
            });
            let mut op = raw.op;
            let listing = op.pagination.is_some() || lists_items(&self.types, &op.response);
            op.method_name = match &raw.sdk_name {
                Some(n) => Name::new(n.clone()),
                None => method_name(&op, &group.name, listing),
            };
            group.operations.push(op);
        }
        // Method names unique within a group: on collision fall back to the full operationId.
        let mut out: Vec<Group> = groups.into_values().collect();
        for g in &mut out {
            let mut counts: IndexMap<Vec<String>, usize> = IndexMap::new();
            for op in &g.operations {
                *counts.entry(op.method_name.words.clone()).or_default() += 1;
            }
            for op in &mut g.operations {
                if counts.get(&op.method_name.words).copied().unwrap_or(0) > 1 {
                    op.method_name = Name::from_words(op.id.words.clone());
                }
            }
        }
        out
    }
}

/// The group of an operation whose path names no resource but whose fragment or query names
/// a target (`/#X-Amz-Target=WorkMailService.GetImpersonationRole`, AWS's JSON protocols):
/// the service part of the target without `Service` and version words (`WorkMail`).
fn target_group(path: &str) -> Option<String> {
    let (_, rest) = path.split_once(['#', '?'])?;
    let value = rest
        .split('&')
        .filter_map(|kv| kv.split_once('=').map(|(_, v)| v))
        .find(|v| v.contains('.'))?;
    let (service, _) = value.rsplit_once('.')?;
    let words: Vec<String> = crate::words::split_words(service)
        .into_iter()
        .filter(|w| {
            !(w == "service"
                || w == "api"
                || (w.len() > 1 && w.chars().all(|c| c.is_ascii_digit())))
        })
        .collect();
    (!words.is_empty()).then(|| words.join("_"))
}

/// The path without its fragment (`#...`) and query (`?...`): some specs put an operation's
/// selector there (`/{Bucket}#cors`, `/#X-Amz-Target=Service.Op`, `/?Action=List`).
pub(crate) fn path_proper(path: &str) -> &str {
    path.split(['#', '?']).next().unwrap_or(path)
}

/// The first path segment that names a resource: not empty, not a parameter, not `api`
/// or a version like `v2`; else the service named by a target in the fragment or query.
fn resource_segment(path: &str) -> String {
    let seg = path_segment(path_proper(path));
    match seg {
        Some(s) => s,
        None => target_group(path).unwrap_or_else(|| "default".to_string()),
    }
}

fn path_segment(path: &str) -> Option<String> {
    path.split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .find(|s| {
            let l = s.to_ascii_lowercase();
            !(l == "api"
                || l == "rest"
                || (l.starts_with('v')
                    && l[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
                    && l.len() > 1)
                || l.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-'))
        })
        .map(str::to_string)
}

/// Drops version words like `api20100401` (Twilio tags) from a group name when other words remain.
fn without_version_words(name: Name) -> Name {
    let is_version = |w: &String| {
        w.len() > 3 && w.starts_with("api") && w[3..].chars().all(|c| c.is_ascii_digit())
    };
    if name.words.iter().any(is_version) && name.words.iter().any(|w| !is_version(w)) {
        Name {
            wire: name.wire,
            words: name.words.into_iter().filter(|w| !is_version(w)).collect(),
        }
    } else {
        name
    }
}

fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if let Some(s) = w.strip_suffix("ses") {
        format!("{s}s")
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_string()
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}

/// Whether a response is a list of items: an array, or an object (through aliases) with an
/// array field beside at most a few others (`{data: [...], meta: {...}}`, a page).
fn lists_items(types: &[TypeDef], response: &ResponseKind) -> bool {
    let ResponseKind::Json { ty } = response else {
        return false;
    };
    let mut t = ty.non_null();
    for _ in 0..16 {
        match t {
            TypeRef::Array { .. } => return true,
            TypeRef::Named { id } => match types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Alias { target }) => t = target.non_null(),
                Some(TypeKind::Object(o)) => {
                    let arrays = o
                        .fields
                        .iter()
                        .filter(|f| matches!(f.ty.non_null(), TypeRef::Array { .. }))
                        .count();
                    return arrays == 1 && o.fields.len() <= 4;
                }
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

/// The operationId's words without the group's words (singular or plural), e.g.
/// `listSessions` in `sessions` -> `list`. Falls back to the whole id when nothing is left.
/// `listing`: the response is a list (an array or a page of items), so a bare GET on a
/// collection is `list`, not `retrieve`.
fn method_name(op: &Operation, group: &Name, listing: bool) -> Name {
    let gw: Vec<String> = group.words.clone();
    let gs: Vec<String> = gw.iter().map(|w| singular(w)).collect();
    let words = &op.id.words;
    // Remove the first contiguous occurrence of the group's words (plural or singular).
    let mut result: Vec<String> = words.clone();
    for pat in [&gw, &gs] {
        if pat.is_empty() || pat.len() > words.len() {
            continue;
        }
        if let Some(pos) =
            (0..=words.len() - pat.len()).find(|&i| words[i..i + pat.len()] == pat[..])
        {
            let mut w = words[..pos].to_vec();
            w.extend_from_slice(&words[pos + pat.len()..]);
            if !w.is_empty() {
                result = w;
            }
            break;
        }
    }
    if result.is_empty() {
        result = words.clone();
    }
    // Articles carry nothing in a method name (`get-an-album`).
    if result.len() > 1 {
        let kept: Vec<String> = result
            .iter()
            .filter(|w| !matches!(w.as_str(), "a" | "an" | "the"))
            .cloned()
            .collect();
        if !kept.is_empty() {
            result = kept;
        }
    }
    // Words naming the last path parameter (`GetAccountsAccount` for `/accounts/{account}`).
    let segments: Vec<&str> = path_proper(&op.path)
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let ends_with_param = segments.last().is_some_and(|s| s.starts_with('{'));
    if let Some(last) = segments.iter().rev().find(|s| s.starts_with('{')) {
        let pw = crate::words::split_words(last);
        if result.len() > pw.len() && result.ends_with(&pw) {
            result.truncate(result.len() - pw.len());
        }
    }
    // A bare HTTP verb left over means the id was only method + path: name it by REST role.
    if result.len() == 1 {
        let role = match (result[0].as_str(), ends_with_param) {
            ("get", true) => Some("retrieve"),
            ("get", false) if listing => Some("list"),
            ("get", false) => Some("retrieve"),
            ("post", false) => Some("create"),
            ("post" | "put" | "patch", true) => Some("update"),
            ("delete", _) => Some("delete"),
            _ => None,
        };
        if let Some(r) = role {
            result = vec![r.to_string()];
        }
    }
    Name::from_words(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_segments() {
        assert_eq!(resource_segment("/api/v2/sessions/{id}"), "sessions");
        assert_eq!(
            resource_segment("/2010-04-01/Accounts.json"),
            "Accounts.json"
        );
        assert_eq!(resource_segment("/"), "default");
        assert_eq!(
            resource_segment("/#X-Amz-Target=WorkMailService.GetImpersonationRole"),
            "work_mail"
        );
        assert_eq!(
            resource_segment("/#X-Amz-Target=DynamoDB_20120810.GetItem"),
            "dynamo_db"
        );
        assert_eq!(resource_segment("/{Bucket}#cors"), "default");
        assert_eq!(resource_segment("/buckets#cors"), "buckets");
        assert_eq!(
            resource_segment("/?Action=ListUsers&Version=2010-05-08"),
            "default"
        );
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("sessions"), "session");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("address"), "address");
    }
}
