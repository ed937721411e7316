//! The Rust view of the IR: every type name settled (one allocator for the module), the
//! aliases that must become newtypes (cycles of aliases), and where a reference must be
//! boxed (recursion by value).

use crate::naming;
use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::ir::*;
use std::collections::BTreeMap;

pub struct Model<'a> {
    pub api: &'a Api,
    /// Rust name of each IR type (`TypeId` index).
    pub type_names: Vec<String>,
    /// Aliases emitted as `#[serde(transparent)]` newtype structs (they take part in a
    /// cycle of aliases, which `type` items cannot express).
    pub newtype: Vec<bool>,
    /// Strongly connected component of each type in the by-value reference graph: a
    /// by-value reference to a type of the same component is boxed.
    pub scc: Vec<usize>,
    /// `<OperationId>Query` struct name per operation index (operations with query params).
    pub query_names: BTreeMap<usize, String>,
    /// The name validation errors are reported with.
    pub validation_error: String,
    /// True when the spec defines no compatible `ValidationError` and the module has its own.
    pub own_validation_error: bool,
    pub alloc: NameAllocator,
}

impl<'a> Model<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut alloc = NameAllocator::new(false);
        alloc.reserve(naming::RESERVED_TYPES);
        // A spec `ValidationError { field: string, message: string }` is used as it is;
        // otherwise the module defines its own and no spec type may take the name.
        let compatible = api.types.iter().position(|t| {
            naming::upper_camel(&t.name.words) == "ValidationError"
                && validation_error_compatible(t)
        });
        let own_validation_error = compatible.is_none();
        let mut type_names = vec![String::new(); api.types.len()];
        match compatible {
            Some(i) => type_names[i] = alloc.alloc("ValidationError"),
            None => alloc.reserve(["ValidationError"]),
        }
        // Declared names first, then synthesized ones, each in IR order.
        for pass in [true, false] {
            for (i, t) in api.types.iter().enumerate() {
                if t.declared == pass && Some(i) != compatible {
                    type_names[i] = alloc.alloc(&naming::upper_camel(&t.name.words));
                }
            }
        }
        let mut query_names = BTreeMap::new();
        for (i, op) in api.operations().enumerate() {
            if op.params.iter().any(|p| p.location == ParamLocation::Query) {
                let mut words = op.id.words.clone();
                words.push("query".into());
                query_names.insert(i, alloc.alloc(&naming::upper_camel(&words)));
            }
        }
        let newtype = alias_cycles(api);
        let scc = by_value_sccs(api);
        Model {
            api,
            type_names,
            newtype,
            scc,
            query_names,
            validation_error: "ValidationError".into(),
            own_validation_error,
            alloc,
        }
    }

    /// True when a by-value reference from `owner` to `target` must be boxed.
    pub fn needs_box(&self, owner: Option<TypeId>, target: TypeId) -> bool {
        match owner {
            Some(o) => self.scc[o.0] == self.scc[target.0],
            None => false,
        }
    }

    /// Whether a named type is emitted as a `type` alias (not a newtype).
    pub fn is_alias(&self, id: TypeId) -> bool {
        matches!(self.api.ty(id).kind, TypeKind::Alias { .. }) && !self.newtype[id.0]
    }
}

fn validation_error_compatible(t: &TypeDef) -> bool {
    let TypeKind::Object(o) = &t.kind else {
        return false;
    };
    let is_req_string = |name: &str| {
        o.fields.iter().any(|f| {
            f.name.wire == name
                && f.required
                && matches!(
                    f.ty,
                    TypeRef::Primitive {
                        ty: Primitive::String
                    }
                )
        })
    };
    o.fields.len() == 2
        && o.additional.is_none()
        && is_req_string("field")
        && is_req_string("message")
}

/// Named types referenced anywhere inside `t` (through containers too).
fn named_in(t: &TypeRef, out: &mut Vec<TypeId>) {
    match t {
        TypeRef::Named { id } => out.push(*id),
        TypeRef::Array { items } => named_in(items, out),
        TypeRef::Map { values } => named_in(values, out),
        TypeRef::Nullable { inner } => named_in(inner, out),
        TypeRef::Primitive { .. } | TypeRef::Literal { .. } | TypeRef::Any => {}
    }
}

/// Named types referenced by value (not behind `Vec` or a map).
fn named_by_value(t: &TypeRef, out: &mut Vec<TypeId>) {
    match t {
        TypeRef::Named { id } => out.push(*id),
        TypeRef::Nullable { inner } => named_by_value(inner, out),
        _ => {}
    }
}

/// Aliases that take part in a cycle made only of aliases.
fn alias_cycles(api: &Api) -> Vec<bool> {
    let n = api.types.len();
    let is_alias = |i: usize| matches!(api.types[i].kind, TypeKind::Alias { .. });
    let edges: Vec<Vec<usize>> = (0..n)
        .map(|i| match &api.types[i].kind {
            TypeKind::Alias { target } => {
                let mut v = Vec::new();
                named_in(target, &mut v);
                v.into_iter()
                    .map(|x| x.0)
                    .filter(|&x| is_alias(x))
                    .collect()
            }
            _ => vec![],
        })
        .collect();
    let comp = sccs(&edges);
    let mut size = vec![0usize; n];
    for &c in &comp {
        size[c] += 1;
    }
    (0..n)
        .map(|i| is_alias(i) && (size[comp[i]] > 1 || edges[i].contains(&i)))
        .collect()
}

/// Aliases (newtype or not) are nodes too: a by-value path through an alias is a path.
fn by_value_sccs(api: &Api) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = api
        .types
        .iter()
        .map(|t| {
            let mut v = Vec::new();
            match &t.kind {
                TypeKind::Object(o) => {
                    for f in &o.fields {
                        named_by_value(&f.ty, &mut v);
                    }
                }
                TypeKind::Union(u) => {
                    for x in &u.variants {
                        named_by_value(&x.ty, &mut v);
                    }
                }
                TypeKind::Alias { target } => named_by_value(target, &mut v),
                TypeKind::Enum(_) => {}
            }
            v.into_iter().map(|x| x.0).collect()
        })
        .collect();
    sccs(&edges)
}

/// Strongly connected components (Kosaraju, iterative): component index per node.
fn sccs(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for s in 0..n {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let mut stack = vec![(s, 0usize)];
        while let Some((v, i)) = stack.pop() {
            if i < edges[v].len() {
                stack.push((v, i + 1));
                let w = edges[v][i];
                if w < n && !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                order.push(v);
            }
        }
    }
    let mut rev = vec![Vec::new(); n];
    for (v, es) in edges.iter().enumerate() {
        for &w in es {
            if w < n {
                rev[w].push(v);
            }
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut c = 0;
    for &s in order.iter().rev() {
        if comp[s] != usize::MAX {
            continue;
        }
        comp[s] = c;
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            for &w in &rev[v] {
                if comp[w] == usize::MAX {
                    comp[w] = c;
                    stack.push(w);
                }
            }
        }
        c += 1;
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::sccs;

    #[test]
    fn components() {
        let c = sccs(&[vec![1], vec![0], vec![2], vec![]]);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_ne!(c[2], c[3]);
    }
}
