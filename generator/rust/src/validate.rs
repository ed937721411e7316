//! The bodies of generated `validate` methods: one check per constraint of the IR, nested
//! through options, arrays, maps, aliases and named types. Error paths are dot-separated
//! (`metadata.team`, `vocabulary.3`).

use crate::render::Render;
use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;
use sdkgen_core::ir::*;

/// A value to check: a place (`self.name`) or a reference binding (`v`).
#[derive(Clone)]
pub enum Val {
    Place(TokenStream),
    Ref(TokenStream),
}

impl Val {
    /// An expression of reference type.
    fn r(&self) -> TokenStream {
        match self {
            Val::Place(p) => quote!(&#p),
            Val::Ref(r) => r.clone(),
        }
    }
    /// An expression usable as a method receiver.
    fn recv(&self) -> TokenStream {
        match self {
            Val::Place(p) | Val::Ref(p) => p.clone(),
        }
    }
    /// The value itself (for `Copy` numbers).
    fn deref(&self) -> TokenStream {
        match self {
            Val::Place(p) => p.clone(),
            Val::Ref(r) => quote!(*#r),
        }
    }
}

/// Checks of `v` (of IR type `t`) against `c`; empty when nothing is to be checked.
/// `path` is an expression of type `&str` (or `&String`).
pub fn value(
    r: &mut Render,
    v: Val,
    t: &TypeRef,
    c: &Constraints,
    path: TokenStream,
) -> TokenStream {
    match t {
        TypeRef::Nullable { inner } => {
            r.guard += 1;
            let out = nullable(r, v, inner, c, path);
            r.guard -= 1;
            out
        }
        TypeRef::Named { id } => match &r.m.api.ty(*id).kind {
            TypeKind::Enum(_) => TokenStream::new(),
            TypeKind::Alias { target } if !r.m.newtype[id.0] => {
                let target = target.clone();
                value(r, v, &target, c, path)
            }
            // An unconditional call of the type's own `validate` (a required by-value
            // self-reference: no finite value has one) would never return.
            _ if r.current == Some(*id) && r.guard == 0 => TokenStream::new(),
            _ => {
                let recv = v.recv();
                quote!(#recv.validate(#path, errors);)
            }
        },
        other => {
            r.guard += 1;
            let out = plain(r, v, other, c, path);
            r.guard -= 1;
            out
        }
    }
}

fn nullable(
    r: &mut Render,
    v: Val,
    inner: &TypeRef,
    c: &Constraints,
    path: TokenStream,
) -> TokenStream {
    // `Option<Option<T>>` (optional and nullable) is matched in one pattern.
    let (pattern, inner) = match inner {
        TypeRef::Nullable { inner: inner2 } => (quote!(Some(Some(v))), &**inner2),
        other => (quote!(Some(v)), other),
    };
    let body = value(r, Val::Ref(quote!(v)), inner, c, path);
    if body.is_empty() {
        return body;
    }
    let s = v.r();
    quote!(if let #pattern = #s { #body })
}

/// Primitives, arrays and maps (their item checks run in loops: guarded).
fn plain(r: &mut Render, v: Val, t: &TypeRef, c: &Constraints, path: TokenStream) -> TokenStream {
    match t {
        TypeRef::Primitive { ty } => match ty {
            Primitive::String
            | Primitive::DateTime
            | Primitive::Date
            | Primitive::Uuid
            | Primitive::Base64
            | Primitive::Binary => string_checks(r, &v, c, &path),
            Primitive::Integer | Primitive::Int64 => number_checks(r, &v, c, &path, true),
            Primitive::Number => number_checks(r, &v, c, &path, false),
            Primitive::Boolean => TokenStream::new(),
        },
        TypeRef::Array { items } => {
            let recv = v.recv();
            let mut out = TokenStream::new();
            if let Some(n) = c.min_items.filter(|n| *n > 0) {
                let msg = format!("must have at least {n} item{}", plural(n));
                let cond = at_least(quote!(#recv.len()), &recv, n);
                out.extend(check(r, cond, &path, &msg));
            }
            if let Some(n) = c.max_items {
                let lit = Lit::u64_unsuffixed(n);
                let msg = format!("must have at most {n} item{}", plural(n));
                out.extend(check(r, quote!(#recv.len() > #lit), &path, &msg));
            }
            if c.unique_items {
                out.extend(check(
                    r,
                    quote!(#recv.iter().enumerate().any(|(i, a)| #recv[..i].contains(a))),
                    &path,
                    "must not contain duplicate items",
                ));
            }
            let ic = c.items.as_deref().cloned().unwrap_or_default();
            let body = value(r, Val::Ref(quote!(v)), items, &ic, quote!(&p));
            if !body.is_empty() {
                r.uses_join = true;
                out.extend(quote! {
                    for (i, v) in #recv.iter().enumerate() {
                        let p = join_path(#path, &i.to_string());
                        #body
                    }
                });
            }
            out
        }
        TypeRef::Map { values } => {
            let recv = v.recv();
            let mut out = count_checks(r, quote!(#recv.len()), Some(&recv), c, &path);
            let vc = c.values.as_deref().cloned().unwrap_or_default();
            let body = value(r, Val::Ref(quote!(v)), values, &vc, quote!(&p));
            let kc = c.property_names.as_deref().cloned().unwrap_or_default();
            let kbody = string_checks(r, &Val::Ref(quote!(k)), &kc, &quote!(&p));
            if !body.is_empty() || !kbody.is_empty() {
                r.uses_join = true;
                let rr = v.r();
                let vpat = if body.is_empty() {
                    quote!(_)
                } else {
                    quote!(v)
                };
                out.extend(quote! {
                    for (k, #vpat) in #rr {
                        let p = join_path(#path, k);
                        #kbody
                        #body
                    }
                });
            }
            out
        }
        _ => TokenStream::new(),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `if cond { invalid(errors, path, "msg") }`.
fn check(r: &mut Render, cond: TokenStream, path: &TokenStream, msg: &str) -> TokenStream {
    r.uses_invalid = true;
    quote! {
        if #cond {
            invalid(errors, #path, #msg);
        }
    }
}

/// `minProperties` / `maxProperties` of a count expression (`usize`).
/// `count < n`, as `recv.is_empty()` for 1 (clippy's `len_zero`).
fn at_least(count: TokenStream, recv: &TokenStream, n: u64) -> TokenStream {
    if n == 1 {
        quote!(#recv.is_empty())
    } else {
        let lit = Lit::u64_unsuffixed(n);
        quote!(#count < #lit)
    }
}

/// `minProperties` / `maxProperties` of a count expression (`usize`); `recv` is the map
/// when the count is its `len()`.
pub fn count_checks(
    r: &mut Render,
    count: TokenStream,
    recv: Option<&TokenStream>,
    c: &Constraints,
    path: &TokenStream,
) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(n) = c.min_properties.filter(|n| *n > 0) {
        let msg = format!(
            "must have at least {n} propert{}",
            if n == 1 { "y" } else { "ies" }
        );
        let cond = match recv {
            Some(m) => at_least(count.clone(), m, n),
            None => {
                let lit = Lit::u64_unsuffixed(n);
                quote!(#count < #lit)
            }
        };
        out.extend(check(r, cond, path, &msg));
    }
    if let Some(n) = c.max_properties {
        let lit = Lit::u64_unsuffixed(n);
        let msg = format!(
            "must have at most {n} propert{}",
            if n == 1 { "y" } else { "ies" }
        );
        out.extend(check(r, quote!(#count > #lit), path, &msg));
    }
    out
}

fn string_checks(r: &mut Render, v: &Val, c: &Constraints, path: &TokenStream) -> TokenStream {
    let recv = v.recv();
    let mut out = TokenStream::new();
    if let Some(n) = c.min_length.filter(|n| *n > 0) {
        let msg = format!("must be at least {n} character{} long", plural(n));
        out.extend(check(
            r,
            at_least(quote!(#recv.chars().count()), &recv, n),
            path,
            &msg,
        ));
    }
    if let Some(n) = c.max_length {
        let lit = Lit::u64_unsuffixed(n);
        let msg = format!("must be at most {n} character{} long", plural(n));
        out.extend(check(r, quote!(#recv.chars().count() > #lit), path, &msg));
    }
    if let Some(pat) = &c.pattern {
        if let Some(name) = r.pattern(pat) {
            let rf = v.r();
            let id = proc_macro2::Ident::new(&name, proc_macro2::Span::call_site());
            let msg = format!("must match the pattern `{pat}`");
            out.extend(check(
                r,
                quote!(#id.as_ref().is_some_and(|re| !re.is_match(#rf))),
                path,
                &msg,
            ));
        }
    }
    out
}

fn number_checks(
    r: &mut Render,
    v: &Val,
    c: &Constraints,
    path: &TokenStream,
    int: bool,
) -> TokenStream {
    let d = v.deref();
    let mut out = TokenStream::new();
    for (bound, is_min) in [(&c.minimum, true), (&c.maximum, false)] {
        let Some(b) = bound else { continue };
        let text = b.value.trim();
        let op_word = match (is_min, b.exclusive) {
            (true, false) => "greater than or equal to",
            (true, true) => "greater than",
            (false, false) => "less than or equal to",
            (false, true) => "less than",
        };
        // The violation: the negation of the bound.
        let cmp = match (is_min, b.exclusive) {
            (true, false) => quote!(<),
            (true, true) => quote!(<=),
            (false, false) => quote!(>),
            (false, true) => quote!(>=),
        };
        let cond = if int {
            match text.parse::<i64>() {
                // `x < i64::MIN` and `x > i64::MAX` are never true (and denied by clippy).
                Ok(n)
                    if !b.exclusive
                        && ((is_min && n == i64::MIN) || (!is_min && n == i64::MAX)) =>
                {
                    continue
                }
                Ok(n) => {
                    let lit = Lit::i64_unsuffixed(n);
                    quote!(#d #cmp #lit)
                }
                Err(_) => match text.parse::<f64>() {
                    Ok(x) if x.is_finite() => {
                        let lit = Lit::f64_unsuffixed(x);
                        quote!((#d as f64) #cmp #lit)
                    }
                    _ => continue,
                },
            }
        } else {
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => {
                    let lit = Lit::f64_unsuffixed(x);
                    quote!(#d #cmp #lit)
                }
                _ => continue,
            }
        };
        let msg = format!("must be {op_word} {text}");
        out.extend(check(r, cond, path, &msg));
    }
    if let Some(m) = &c.multiple_of {
        let text = m.trim();
        let msg = format!("must be a multiple of {text}");
        match (int, text.parse::<i64>(), text.parse::<f64>()) {
            (true, Ok(n), _) if n != 0 => {
                let lit = Lit::i64_unsuffixed(n);
                out.extend(check(r, quote!(#d % #lit != 0), path, &msg));
            }
            (_, _, Ok(x)) if x.is_finite() && x > 0.0 => {
                let lit = Lit::f64_unsuffixed(x);
                let val = if int { quote!((#d as f64)) } else { quote!(#d) };
                let c = check(r, quote!((q - q.round()).abs() > 1e-9), path, &msg);
                out.extend(quote!({
                    let q = #val / #lit;
                    #c
                }));
            }
            _ => {}
        }
    }
    out
}
