//! Request and response views of schemas with `readOnly` or `writeOnly` properties.
//!
//! A `readOnly` property (an `id`, a `created_at`) is sent by the server only, a `writeOnly`
//! one (a `password`) by the client only. A type whose properties (or those of the types it
//! contains) carry either flag therefore has two shapes: the request view without its
//! read-only properties and the response view without its write-only ones. After lowering,
//! every named type reachable from a request (parameters, bodies) or a response (results,
//! errors, pages, webhooks) is reshaped for the direction it is used in:
//!
//! - a type with no such property anywhere in what it contains is left as it is (no model is
//!   doubled where the flags do not occur);
//! - a type used in one direction only becomes that direction's view in place;
//! - a type used in both keeps its id and name as the response view, and a request view is
//!   added beside it, named `<Name>Input` (a name the spec declares wins; emitters settle
//!   collisions as for any synthesized type).
//!
//! Views refer to the views of the types they contain, so a request body holding a list of
//! `Pet` holds a list of `PetInput`.

use crate::ir::*;

/// Which properties a direction leaves out.
#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Request,
    Response,
}

impl Dir {
    fn drops(self, f: &Field) -> bool {
        match self {
            Dir::Request => f.read_only,
            Dir::Response => f.write_only,
        }
    }
}

/// Reshapes `api` in place (see the module docs).
pub fn split(api: &mut Api) {
    let n = api.types.len();
    let flagged = flagged(api);
    if !flagged.iter().any(|&f| f) {
        return;
    }
    let mut req_roots = Vec::new();
    let mut resp_roots = Vec::new();
    for op in api.operations() {
        for p in &op.params {
            collect(&p.ty, &mut req_roots);
        }
        if let Some(b) = &op.body {
            collect(&b.ty, &mut req_roots);
        }
        match &op.response {
            ResponseKind::Json { ty } | ResponseKind::EventStream { ty } => {
                collect(ty, &mut resp_roots)
            }
            _ => {}
        }
        for e in &op.errors {
            if let Some(t) = &e.ty {
                collect(t, &mut resp_roots);
            }
        }
        if let Some(p) = &op.pagination {
            collect(&p.item, &mut resp_roots);
        }
    }
    for w in &api.webhooks {
        if let Some(t) = &w.ty {
            collect(t, &mut resp_roots);
        }
    }
    let in_req = reach(api, req_roots, Dir::Request);
    let in_resp = reach(api, resp_roots, Dir::Response);

    // The request view of each type: itself, or a new id for types used both ways.
    let mut req_view: Vec<TypeId> = (0..n).map(TypeId).collect();
    for i in 0..n {
        if flagged[i] && in_req[i] && in_resp[i] {
            let t = &api.types[i];
            let mut words = t.name.words.clone();
            words.push("input".into());
            let view = TypeDef {
                name: Name {
                    wire: format!("{}Input", t.name.wire),
                    words,
                },
                docs: Docs {
                    description: Some(match &t.docs.description {
                        Some(d) => format!("{d}\n\n`{}` as sent in requests.", t.name.wire),
                        None => format!("`{}` as sent in requests.", t.name.wire),
                    }),
                    ..t.docs.clone()
                },
                kind: t.kind.clone(),
                origin: t.origin.clone(),
                declared: false,
                constraints: t.constraints.clone(),
            };
            req_view[i] = TypeId(api.types.len());
            api.types.push(view);
        }
    }
    for i in 0..n {
        if !flagged[i] {
            continue;
        }
        if in_req[i] {
            let id = req_view[i];
            reshape(&mut api.types[id.0].kind, Dir::Request, &req_view);
        }
        if in_resp[i] {
            reshape(&mut api.types[i].kind, Dir::Response, &req_view);
        }
    }
    for g in &mut api.groups {
        for op in &mut g.operations {
            for p in &mut op.params {
                remap(&mut p.ty, &req_view);
            }
            if let Some(b) = &mut op.body {
                remap(&mut b.ty, &req_view);
            }
        }
    }
}

/// Drops the properties `dir` leaves out and, for requests, points at request views.
fn reshape(kind: &mut TypeKind, dir: Dir, req_view: &[TypeId]) {
    let remap_dir = |t: &mut TypeRef| {
        if dir == Dir::Request {
            remap(t, req_view);
        }
    };
    match kind {
        TypeKind::Object(o) => {
            o.fields.retain(|f| !dir.drops(f));
            for f in &mut o.fields {
                remap_dir(&mut f.ty);
            }
            if let Some(a) = &mut o.additional {
                remap_dir(a);
            }
        }
        TypeKind::Union(u) => {
            for v in &mut u.variants {
                remap_dir(&mut v.ty);
            }
        }
        TypeKind::Alias { target } => remap_dir(target),
        TypeKind::Enum(_) => {}
    }
}

fn remap(t: &mut TypeRef, view: &[TypeId]) {
    match t {
        TypeRef::Named { id } => {
            if let Some(v) = view.get(id.0) {
                *id = *v;
            }
        }
        TypeRef::Array { items } => remap(items, view),
        TypeRef::Map { values } => remap(values, view),
        TypeRef::Nullable { inner } => remap(inner, view),
        TypeRef::Primitive { .. } | TypeRef::Literal { .. } | TypeRef::Any => {}
    }
}

/// The named types a reference mentions directly.
fn collect(t: &TypeRef, out: &mut Vec<TypeId>) {
    match t {
        TypeRef::Named { id } => out.push(*id),
        TypeRef::Array { items } => collect(items, out),
        TypeRef::Map { values } => collect(values, out),
        TypeRef::Nullable { inner } => collect(inner, out),
        TypeRef::Primitive { .. } | TypeRef::Literal { .. } | TypeRef::Any => {}
    }
}

/// The types a named type mentions, leaving out the properties `dir` drops (`None`: all).
fn children(kind: &TypeKind, dir: Option<Dir>, out: &mut Vec<TypeId>) {
    match kind {
        TypeKind::Object(o) => {
            for f in &o.fields {
                if dir.is_some_and(|d| d.drops(f)) {
                    continue;
                }
                collect(&f.ty, out);
            }
            if let Some(a) = &o.additional {
                collect(a, out);
            }
        }
        TypeKind::Union(u) => {
            for v in &u.variants {
                collect(&v.ty, out);
            }
        }
        TypeKind::Alias { target } => collect(target, out),
        TypeKind::Enum(_) => {}
    }
}

/// Every type reachable from `roots` in direction `dir`.
fn reach(api: &Api, roots: Vec<TypeId>, dir: Dir) -> Vec<bool> {
    let mut seen = vec![false; api.types.len()];
    let mut stack = roots;
    let mut kids = Vec::new();
    while let Some(id) = stack.pop() {
        match seen.get_mut(id.0) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        kids.clear();
        children(&api.types[id.0].kind, Some(dir), &mut kids);
        stack.extend(kids.iter().copied());
    }
    seen
}

/// For each type: whether a `readOnly` or `writeOnly` property occurs in it or in any type it
/// contains. Where one does, the two views differ (at the shallowest such property one view
/// keeps it and the other drops it). Computed backwards from the flagged objects, so cycles
/// cost one visit per edge.
fn flagged(api: &Api) -> Vec<bool> {
    let n = api.types.len();
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut out = vec![false; n];
    let mut stack = Vec::new();
    let mut kids = Vec::new();
    for (i, t) in api.types.iter().enumerate() {
        kids.clear();
        children(&t.kind, None, &mut kids);
        for k in &kids {
            if let Some(p) = parents.get_mut(k.0) {
                p.push(i);
            }
        }
        if let TypeKind::Object(o) = &t.kind {
            if o.fields.iter().any(|f| f.read_only || f.write_only) {
                out[i] = true;
                stack.push(i);
            }
        }
    }
    while let Some(i) = stack.pop() {
        for &p in &parents[i] {
            if !out[p] {
                out[p] = true;
                stack.push(p);
            }
        }
    }
    out
}
