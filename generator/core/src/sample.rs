//! Code samples of operations, one set per language, for the API reference (`sdkgen docs`).
//!
//! Each emitter that can show how to call an operation produces a [`LangSamples`] through
//! its own naming layer (so the sample names exactly what its SDK defines); the docs site
//! shows them side by side with curl. [`example_value`] gives the plausible values that
//! required parameters and body fields are filled with: from the spec's defaults, enum
//! values, consts and formats, never random, so samples are deterministic.

use serde_json::{json, Value};

use crate::ir::{
    Api, Bound, Constraints, Field, Literal, ObjectType, Param, Primitive, RequestBody, TypeKind,
    TypeRef, UnionType,
};

/// The sample of one operation in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The operation id as written in the spec (`Operation::id.wire`).
    pub operation: String,
    /// Code calling the operation through a client named `client` (built by
    /// [`LangSamples::setup`]); imports it needs beyond the setup's come first.
    pub code: String,
}

/// Every sample of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangSamples {
    /// A short key (`curl`, `python`, `typescript`, `go`...): also the highlighting hint.
    pub lang: String,
    /// What the tab says (`Python`).
    pub label: String,
    /// Lines that make `client` (imports and construction), shown above each sample.
    pub setup: String,
    pub samples: Vec<Sample>,
}

/// The samples of all languages, in the order the docs show them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Samples {
    pub langs: Vec<LangSamples>,
}

impl Samples {
    pub fn add(&mut self, lang: LangSamples) {
        self.langs.push(lang);
    }

    /// The code of `operation` in `lang`, if any.
    pub fn get(&self, lang: &str, operation: &str) -> Option<&str> {
        self.langs
            .iter()
            .find(|l| l.lang == lang)?
            .samples
            .iter()
            .find(|s| s.operation == operation)
            .map(|s| s.code.as_str())
    }
}

/// A literal as JSON.
pub fn literal_json(l: &Literal) -> Value {
    match l {
        Literal::String(s) => Value::String(s.clone()),
        Literal::Integer(n) | Literal::Number(n) | Literal::Json(n) => {
            serde_json::from_str(n).unwrap_or_else(|_| Value::String(n.clone()))
        }
        Literal::Boolean(b) => Value::Bool(*b),
        Literal::Null => Value::Null,
    }
}

/// A plausible string for a field or parameter called `name` with this `format`.
pub fn example_string(name: &str, format: Option<&str>) -> String {
    let n = name.to_ascii_lowercase();
    match format.unwrap_or("") {
        "date-time" => return "2025-01-01T00:00:00Z".into(),
        "date" => return "2025-01-01".into(),
        "uuid" => return "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b".into(),
        "email" => return "jane@example.com".into(),
        "uri" | "url" | "uri-reference" | "iri" => return "https://example.com".into(),
        "hostname" => return "example.com".into(),
        "ipv4" => return "192.0.2.1".into(),
        "ipv6" => return "2001:db8::1".into(),
        "byte" => return "aGVsbG8=".into(),
        "password" => return "s3cret".into(),
        _ => {}
    }
    if n.ends_with("email") {
        "jane@example.com".into()
    } else if n.ends_with("url") || n.ends_with("uri") {
        "https://example.com".into()
    } else if n == "id" {
        "id_123".into()
    } else if let Some(stem) = n.strip_suffix("_id") {
        format!("{stem}_123")
    } else if n.contains("name") || n == "title" {
        "Example".into()
    } else if n.contains("lang") {
        "en".into()
    } else {
        "string".into()
    }
}

/// A plausible JSON value of type `t` (named `name`, with this `format` and `default`).
/// `full` fills optional fields too (one level deep past the first); otherwise only
/// required fields. Depth-limited, so recursive types end.
pub fn example_value(
    api: &Api,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    default: Option<&Literal>,
    full: bool,
) -> Value {
    if let Some(d) = default {
        if !matches!(d, Literal::Null) {
            return literal_json(d);
        }
    }
    value(api, t, name, format, full, 0)
}

/// The value a sample gives parameter `p`: its example when that is a value of its type,
/// else as [`example_value`] (its default, else a plausible value).
pub fn param_example(api: &Api, p: &Param) -> Value {
    match &p.example {
        Some(v) if fits(api, &p.ty, v) => v.clone(),
        _ if p.default.is_some() => example_value(
            api,
            &p.ty,
            &p.name.wire,
            p.format.as_deref(),
            p.default.as_ref(),
            false,
        ),
        _ => constrain(
            example_value(api, &p.ty, &p.name.wire, p.format.as_deref(), None, false),
            &p.constraints,
        ),
    }
}

/// The value a sample gives body property `f` (a form field, or an argument the SDK
/// spreads a body into): its example when that is a value of its type, else as
/// [`example_value`].
pub fn field_example(api: &Api, f: &Field) -> Value {
    match &f.example {
        Some(v) if fits(api, &f.ty, v) => v.clone(),
        _ if f.default.is_some() => example_value(
            api,
            &f.ty,
            &f.name.wire,
            f.format.as_deref(),
            f.default.as_ref(),
            false,
        ),
        _ => constrain(
            example_value(api, &f.ty, &f.name.wire, f.format.as_deref(), None, false),
            &f.constraints,
        ),
    }
}

/// True when `example` can be written as it is, as a literal of a type that is a scalar in
/// every SDK (a string that is not a date, a number, a boolean, an enum value; nullable or
/// through aliases), and is a value of `t`. Emitters that build the other types themselves
/// (dates, models, files) use this for arguments.
pub fn plain_example(api: &Api, t: &TypeRef, example: &Value) -> bool {
    let mut cur = t.non_null();
    for _ in 0..16 {
        match cur {
            TypeRef::Named { id } => match api.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Enum(_)) => break,
                Some(TypeKind::Alias { target }) => cur = target.non_null(),
                _ => return false,
            },
            TypeRef::Primitive { ty } => {
                if !matches!(
                    ty,
                    Primitive::String
                        | Primitive::Uuid
                        | Primitive::Integer
                        | Primitive::Int64
                        | Primitive::Number
                        | Primitive::Boolean
                ) {
                    return false;
                }
                break;
            }
            TypeRef::Literal { .. } => break,
            _ => return false,
        }
    }
    !example.is_null() && fits(api, t, example)
}

/// The value a sample sends as body `b`: the spec's first example of its media type that is
/// a value of its type, else [`example_value`] (required fields only unless `full`).
pub fn body_example(api: &Api, b: &RequestBody, full: bool) -> Value {
    b.examples
        .iter()
        .filter(|e| e.media_type == b.media_type)
        .map(|e| &e.value)
        .find(|v| fits(api, &b.ty, v))
        .cloned()
        .unwrap_or_else(|| example_value(api, &b.ty, "body", None, None, full))
}

/// True when a sample sends body `b`: when the operation requires it, and also when it is
/// optional but is an object with required properties (the server checks them once a body
/// is sent, and a sample shows what a body must hold). [`field_sampled`] says which of its
/// properties a sample fills.
pub fn body_sampled(api: &Api, b: &RequestBody) -> bool {
    b.required || has_required_fields(api, &b.ty)
}

/// True when a sample fills property `f` of body `b`'s object: a required property (not
/// read-only) of a body the sample sends ([`body_sampled`]).
pub fn field_sampled(api: &Api, b: &RequestBody, f: &Field) -> bool {
    f.required && !f.read_only && body_sampled(api, b)
}

/// True when `t` (through aliases, nullability and the first variant of a union, the one
/// samples build) is an object with a required property that is not read-only.
fn has_required_fields(api: &Api, t: &TypeRef) -> bool {
    let mut cur = t.non_null();
    for _ in 0..16 {
        let TypeRef::Named { id } = cur else {
            return false;
        };
        match api.types.get(id.0).map(|d| &d.kind) {
            Some(TypeKind::Alias { target }) => cur = target.non_null(),
            Some(TypeKind::Union(u)) => match u.variants.first() {
                Some(v) => cur = v.ty.non_null(),
                None => return false,
            },
            Some(TypeKind::Object(o)) => {
                return o.fields.iter().any(|f| f.required && !f.read_only)
            }
            _ => return false,
        }
    }
    false
}

/// True when `v` is a value of type `t` that a request can carry, so that an example from a
/// spec (which nothing validates) is only used where the SDKs' types accept it: numbers of
/// the right kind, enum members, the first variant of a union (the one samples build),
/// objects with their required fields, no unknown keys unless the object allows them, and
/// no read-only fields.
pub fn fits(api: &Api, t: &TypeRef, v: &Value) -> bool {
    fits_at(api, t, v, 0)
}

fn fits_at(api: &Api, t: &TypeRef, v: &Value, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match t {
        TypeRef::Primitive { ty } => match ty {
            Primitive::String
            | Primitive::DateTime
            | Primitive::Date
            | Primitive::Uuid
            | Primitive::Base64 => v.is_string(),
            Primitive::Binary => false,
            Primitive::Integer | Primitive::Int64 => v.is_i64() || v.is_u64(),
            Primitive::Number => v.is_number(),
            Primitive::Boolean => v.is_boolean(),
        },
        TypeRef::Literal { value } => &literal_json(value) == v,
        TypeRef::Nullable { inner } => v.is_null() || fits_at(api, inner, v, depth + 1),
        TypeRef::Array { items } => v
            .as_array()
            .is_some_and(|a| a.iter().all(|x| fits_at(api, items, x, depth + 1))),
        TypeRef::Map { values } => v
            .as_object()
            .is_some_and(|m| m.values().all(|x| fits_at(api, values, x, depth + 1))),
        TypeRef::Any => true,
        TypeRef::Named { id } => {
            let Some(def) = api.types.get(id.0) else {
                return false;
            };
            match &def.kind {
                TypeKind::Alias { target } => fits_at(api, target, v, depth + 1),
                TypeKind::Enum(e) => e.values.iter().any(|x| &literal_json(&x.value) == v),
                TypeKind::Union(u) => {
                    let Some(first) = u.variants.first() else {
                        return false;
                    };
                    if !fits_at(api, &first.ty, v, depth + 1) {
                        return false;
                    }
                    match (&u.discriminator, first.tags.first()) {
                        (Some(d), Some(tag)) => v.get(d).and_then(Value::as_str) == Some(tag),
                        _ => true,
                    }
                }
                TypeKind::Object(o) => {
                    let Some(m) = v.as_object() else {
                        return false;
                    };
                    let required_there = o
                        .fields
                        .iter()
                        .filter(|f| f.required && !f.read_only)
                        .all(|f| m.contains_key(&f.name.wire));
                    required_there
                        && m.iter().all(|(k, x)| {
                            match o.fields.iter().find(|f| &f.name.wire == k) {
                                Some(f) => !f.read_only && fits_at(api, &f.ty, x, depth + 1),
                                None => match &o.additional {
                                    Some(a) => fits_at(api, a, x, depth + 1),
                                    None => false,
                                },
                            }
                        })
                }
            }
        }
    }
}

fn value(
    api: &Api,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    full: bool,
    depth: usize,
) -> Value {
    if depth > 6 {
        return Value::Null;
    }
    match t {
        TypeRef::Primitive { ty } => prim(*ty, name, format),
        TypeRef::Literal { value } => literal_json(value),
        TypeRef::Nullable { inner } => value(api, inner, name, format, full, depth),
        TypeRef::Array { items } => {
            let v = value(api, items, name, None, full, depth + 1);
            Value::Array(vec![v])
        }
        TypeRef::Map { values } => {
            let v = value(api, values, "value", None, full, depth + 1);
            json!({ "key": v })
        }
        TypeRef::Any => json!({}),
        TypeRef::Named { id } => {
            let Some(def) = api.types.get(id.0) else {
                return Value::Null;
            };
            match &def.kind {
                TypeKind::Alias { target } => value(api, target, name, format, full, depth + 1),
                TypeKind::Enum(e) => e
                    .values
                    .iter()
                    .map(|v| literal_json(&v.value))
                    .find(|v| !v.is_null())
                    .unwrap_or(Value::Null),
                TypeKind::Union(u) => {
                    // The first variant that is not null; a discriminated one gets its tag,
                    // an undiscriminated one the optional properties that tell it apart.
                    let Some(v) = u.variants.first() else {
                        return Value::Null;
                    };
                    let fills = union_fills_at(api, u, depth);
                    let mut out = match variant_object(api, &v.ty) {
                        Some(o) if !fills.is_empty() => {
                            object_value(api, o, full, depth + 1, &fills)
                        }
                        _ => value(api, &v.ty, name, format, full, depth + 1),
                    };
                    if let (Some(d), Some(tag), Value::Object(m)) =
                        (&u.discriminator, v.tags.first(), &mut out)
                    {
                        m.insert(d.clone(), Value::String(tag.clone()));
                    }
                    out
                }
                TypeKind::Object(o) => object_value(api, o, full, depth, &[]),
            }
        }
    }
}

/// An object's value: its required properties (all of them when `full`, one level deep
/// past the first), and those named in `fills`; read-only ones never.
fn object_value(api: &Api, o: &ObjectType, full: bool, depth: usize, fills: &[String]) -> Value {
    let mut m = serde_json::Map::new();
    for f in &o.fields {
        let wanted = f.required || full && depth < 2 || fills.contains(&f.name.wire);
        if f.read_only || !wanted {
            continue;
        }
        let v = match (&f.example, &f.default) {
            (Some(x), _) if fits(api, &f.ty, x) => x.clone(),
            (_, Some(d)) if !matches!(d, Literal::Null) => literal_json(d),
            _ => constrain(
                value(
                    api,
                    &f.ty,
                    &f.name.wire,
                    f.format.as_deref(),
                    full,
                    depth + 1,
                ),
                &f.constraints,
            ),
        };
        m.insert(f.name.wire.clone(), v);
    }
    Value::Object(m)
}

/// The object type `t` names, through nullability and aliases.
pub fn variant_object<'a>(api: &'a Api, t: &'a TypeRef) -> Option<&'a ObjectType> {
    match unaliased(api, t) {
        TypeRef::Named { id } => match api.types.get(id.0).map(|d| &d.kind) {
            Some(TypeKind::Object(o)) => Some(o),
            _ => None,
        },
        _ => None,
    }
}

/// The optional properties of union `u`'s first variant (the one samples build) that a
/// sample fills besides its required ones, so that the value matches that variant alone: a
/// server checking `oneOf` rejects a value that several variants accept (`{}` fits every
/// object without required properties). None when a discriminator tells the variants
/// apart or the required properties already do; else the first single optional property
/// that does (an enum or constant with a default first, `type: ach`, then other enums and
/// constants, then other scalars), else all enums and constants together, else every
/// optional property, else none.
/// Emitters that lay out objects themselves fill the same properties.
pub fn union_fills(api: &Api, u: &UnionType) -> Vec<String> {
    union_fills_at(api, u, 0)
}

fn union_fills_at(api: &Api, u: &UnionType, depth: usize) -> Vec<String> {
    let (Some(first), None) = (u.variants.first(), &u.discriminator) else {
        return Vec::new();
    };
    let Some(o) = variant_object(api, &first.ty) else {
        return Vec::new();
    };
    let ambiguous = |fills: &[String]| {
        let v = object_value(api, o, false, depth + 1, fills);
        u.variants[1..].iter().any(|w| fits(api, &w.ty, &v))
    };
    if !ambiguous(&[]) {
        return Vec::new();
    }
    let optional: Vec<&Field> = o
        .fields
        .iter()
        .filter(|f| !f.required && !f.read_only && !f.docs.deprecated)
        .collect();
    let tag_like = |f: &Field| match unaliased(api, &f.ty) {
        TypeRef::Literal { .. } => true,
        TypeRef::Named { id } => {
            matches!(
                api.types.get(id.0).map(|d| &d.kind),
                Some(TypeKind::Enum(_))
            )
        }
        _ => false,
    };
    let scalar =
        |f: &Field| tag_like(f) || matches!(unaliased(api, &f.ty), TypeRef::Primitive { .. });
    // One member, the fewest the better: a tag with a default first (`type: ach`), then any
    // other enum or constant, then any scalar; else all tags, else everything optional.
    let mut singles: Vec<&Field> = optional.iter().copied().filter(|f| tag_like(f)).collect();
    singles.sort_by_key(|f| f.default.is_none());
    singles.extend(
        optional
            .iter()
            .copied()
            .filter(|f| scalar(f) && !tag_like(f)),
    );
    for f in singles {
        let one = [f.name.wire.clone()];
        if !ambiguous(&one) {
            return one.to_vec();
        }
    }
    let tags: Vec<String> = optional
        .iter()
        .filter(|f| tag_like(f))
        .map(|f| f.name.wire.clone())
        .collect();
    if !tags.is_empty() && !ambiguous(&tags) {
        return tags;
    }
    let all: Vec<String> = optional.iter().map(|f| f.name.wire.clone()).collect();
    if !all.is_empty() && !ambiguous(&all) {
        return all;
    }
    Vec::new()
}

/// A generated value `v` brought within the length, bound and item-count keywords `c` of
/// its place (a plausible `"string"` is too long for a three-letter currency code): strings
/// cut or padded, numbers moved to the nearest allowed value (a multiple of `multipleOf`
/// when there is one), arrays cut, or grown by repeating their item when items need not be
/// unique. Values are otherwise left as they are; patterns are not followed.
pub fn constrain(v: Value, c: &Constraints) -> Value {
    match v {
        Value::String(s) => {
            let mut chars: Vec<char> = s.chars().collect();
            if let Some(max) = c.max_length {
                chars.truncate(usize::try_from(max).unwrap_or(usize::MAX));
            }
            if let Some(min) = c.min_length {
                let min = usize::try_from(min).unwrap_or(0).min(4096);
                let fill = if chars.is_empty() {
                    vec!['x']
                } else {
                    chars.clone()
                };
                let mut i = 0;
                while chars.len() < min {
                    chars.push(fill[i % fill.len()]);
                    i += 1;
                }
            }
            let s: String = chars.into_iter().collect();
            match &c.pattern {
                Some(p) if matches(p, &s) == Some(false) => Value::String(
                    pattern_sample(p)
                        .filter(|g| matches(p, g) == Some(true))
                        .unwrap_or(s),
                ),
                _ => Value::String(s),
            }
        }
        Value::Number(n) => constrain_number(n, c),
        Value::Array(items) => {
            let mut items: Vec<Value> = match &c.items {
                Some(each) => items.into_iter().map(|x| constrain(x, each)).collect(),
                None => items,
            };
            if let Some(max) = c.max_items {
                items.truncate(usize::try_from(max).unwrap_or(usize::MAX));
            }
            if let (Some(min), Some(first)) = (c.min_items, items.first()) {
                let min = usize::try_from(min).unwrap_or(0).min(64);
                let first = first.clone();
                if c.unique_items {
                    // Distinct variants of the first item, as long as they keep its constraints.
                    let mut k = 1;
                    while items.len() < min && k <= 4 * min {
                        let next = varied(&first, k);
                        let next = match &c.items {
                            Some(each) => constrain(next, each),
                            None => next,
                        };
                        if !items.contains(&next) {
                            items.push(next);
                        }
                        k += 1;
                    }
                } else {
                    items.resize(min.max(items.len()), first);
                }
            }
            Value::Array(items)
        }
        other => other,
    }
}

/// The `k`-th variant of `v`, for arrays whose items must be unique: a number plus `k`, a
/// string of digits counted up, another string with `k` in its last place, `false` for
/// `true`, an object or array with its first such member varied.
fn varied(v: &Value, k: usize) -> Value {
    match v {
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => json!(i.saturating_add(k as i64)),
            (None, Some(f)) => json!(f + k as f64),
            _ => v.clone(),
        },
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            match s.parse::<u128>() {
                Ok(n) => Value::String((n + k as u128).to_string()),
                Err(_) => v.clone(),
            }
        }
        Value::String(s) => {
            let mut chars: Vec<char> = s.chars().collect();
            let tail = std::char::from_digit((k % 10) as u32, 10).unwrap_or('1');
            match chars.last_mut() {
                Some(last) if k < 10 => *last = tail,
                _ => chars.push(tail),
            }
            Value::String(chars.into_iter().collect())
        }
        Value::Bool(b) => Value::Bool(!b),
        Value::Object(m) => {
            let mut m = m.clone();
            if let Some((_, x)) = m.iter_mut().find(|(_, x)| !x.is_null()) {
                *x = varied(x, k);
            }
            Value::Object(m)
        }
        Value::Array(a) => {
            let mut a = a.clone();
            if let Some(x) = a.first_mut() {
                *x = varied(x, k);
            }
            Value::Array(a)
        }
        Value::Null => Value::Null,
    }
}

/// Whether `s` matches `pattern` (unanchored, as JSON Schema means it); `None` when the
/// pattern is not one the regex crate reads (ECMA-262 has a few forms it lacks).
fn matches(pattern: &str, s: &str) -> Option<bool> {
    let re = regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .ok()?;
    Some(re.is_match(s))
}

/// A short string matching `pattern`: literals as written, the first alternative, the
/// first letter or digit a class allows, a repetition its least count (once when that is
/// zero and once is allowed).
pub fn pattern_sample(pattern: &str) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(64)
        .build()
        .parse(pattern)
        .ok()?;
    let mut out = String::new();
    sample_hir(&hir, &mut out).then_some(out)
}

fn sample_hir(h: &regex_syntax::hir::Hir, out: &mut String) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    if out.len() > 512 {
        return false;
    }
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
            Ok(s) => {
                out.push_str(s);
                true
            }
            Err(_) => false,
        },
        HirKind::Class(Class::Unicode(c)) => {
            let pick = c.ranges().iter().find_map(|r| {
                ['a', '0', 'A']
                    .into_iter()
                    .find(|x| (r.start()..=r.end()).contains(x))
            });
            match pick.or_else(|| c.ranges().first().map(|r| r.start())) {
                Some(ch) => {
                    out.push(ch);
                    true
                }
                None => false,
            }
        }
        HirKind::Class(Class::Bytes(c)) => match c.ranges().first() {
            Some(r) if r.start().is_ascii() => {
                out.push(char::from(r.start()));
                true
            }
            _ => false,
        },
        HirKind::Repetition(r) => {
            let n = if r.min == 0 && r.max != Some(0) {
                1
            } else {
                r.min
            };
            (0..n.min(64)).all(|_| sample_hir(&r.sub, out))
        }
        HirKind::Capture(c) => sample_hir(&c.sub, out),
        HirKind::Concat(parts) => parts.iter().all(|p| sample_hir(p, out)),
        HirKind::Alternation(alts) => alts.first().is_some_and(|a| sample_hir(a, out)),
    }
}

/// The plausible value of a scalar place (a string that is not a date, a number, or an
/// array of them; through nullability and aliases) kept within the place's constraints
/// ([`constrain`]); `None` for other types, which emitters build themselves.
pub fn scalar_example(
    api: &Api,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    c: &Constraints,
) -> Option<Value> {
    let plain = |t: &TypeRef| {
        matches!(
            t,
            TypeRef::Primitive {
                ty: Primitive::String
                    | Primitive::Uuid
                    | Primitive::Integer
                    | Primitive::Int64
                    | Primitive::Number,
            }
        )
    };
    let scalar = |t: &TypeRef| plain(unaliased(api, t));
    let cur = unaliased(api, t);
    let fits = scalar(cur) || matches!(cur, TypeRef::Array { items } if scalar(items));
    fits.then(|| constrain(example_value(api, t, name, format, None, false), c))
}

/// `t` through nullability and aliases.
fn unaliased<'a>(api: &'a Api, t: &'a TypeRef) -> &'a TypeRef {
    let mut cur = t.non_null();
    for _ in 0..16 {
        match cur {
            TypeRef::Named { id } => match api.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Alias { target }) => cur = target.non_null(),
                _ => break,
            },
            _ => break,
        }
    }
    cur
}

fn constrain_number(n: serde_json::Number, c: &Constraints) -> Value {
    let integer = n.is_i64() || n.is_u64();
    let Some(mut x) = n.as_f64() else {
        return Value::Number(n);
    };
    let bound = |b: &Option<Bound>| {
        b.as_ref()
            .and_then(|b| Some((b.value.parse::<f64>().ok()?, b.exclusive)))
    };
    let step = c
        .multiple_of
        .as_deref()
        .and_then(|m| m.parse::<f64>().ok())
        .filter(|m| m.is_finite() && *m > 0.0);
    let nudge = step.unwrap_or(if integer { 1.0 } else { 0.5 });
    if let Some((min, exclusive)) = bound(&c.minimum) {
        if x < min || (exclusive && x <= min) {
            x = if exclusive { min + nudge } else { min };
        }
    }
    if let Some((max, exclusive)) = bound(&c.maximum) {
        if x > max || (exclusive && x >= max) {
            x = if exclusive { max - nudge } else { max };
        }
    }
    if let Some(m) = step {
        let k = (x / m).ceil();
        let up = k * m;
        let within = bound(&c.maximum).is_none_or(|(max, ex)| up < max || (!ex && up <= max));
        x = if within { up } else { (x / m).floor() * m };
    }
    if integer {
        x = x.ceil();
        if x.abs() < 9.0e15 {
            return json!(x as i64);
        }
    }
    serde_json::Number::from_f64(x).map_or(Value::Number(n), Value::Number)
}

fn prim(p: Primitive, name: &str, format: Option<&str>) -> Value {
    match p {
        Primitive::String => Value::String(example_string(name, format)),
        Primitive::DateTime => Value::String(example_string(name, Some("date-time"))),
        Primitive::Date => Value::String(example_string(name, Some("date"))),
        Primitive::Uuid => Value::String(example_string(name, Some("uuid"))),
        Primitive::Base64 => Value::String(example_string(name, Some("byte"))),
        Primitive::Binary => Value::String("@file".into()),
        Primitive::Integer | Primitive::Int64 => json!(1),
        Primitive::Number => json!(1.5),
        Primitive::Boolean => json!(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_follow_formats_and_names() {
        assert_eq!(
            example_string("created", Some("date-time")),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(example_string("session_id", None), "session_123");
        assert_eq!(example_string("name", None), "Example");
        assert_eq!(example_string("contact_email", None), "jane@example.com");
    }

    #[test]
    fn generated_values_keep_within_their_constraints() {
        let c = |f: fn(&mut Constraints)| {
            let mut c = Constraints::default();
            f(&mut c);
            c
        };
        let code = c(|c| {
            c.min_length = Some(3);
            c.max_length = Some(3);
        });
        assert_eq!(constrain(json!("string"), &code), json!("str"));
        assert_eq!(constrain(json!("en"), &code), json!("ene"));
        let min = |v: &str, exclusive: bool| {
            Some(Bound {
                value: v.into(),
                exclusive,
            })
        };
        let mut range = Constraints {
            minimum: min("10", false),
            ..Constraints::default()
        };
        assert_eq!(constrain(json!(1), &range), json!(10));
        range.minimum = min("10", true);
        assert_eq!(constrain(json!(1), &range), json!(11));
        range.minimum = min("0", false);
        range.maximum = min("0.5", false);
        assert_eq!(constrain(json!(1.5), &range), json!(0.5));
        let steps = c(|c| {
            c.multiple_of = Some("5".into());
            c.maximum = Some(Bound {
                value: "100".into(),
                exclusive: false,
            });
        });
        assert_eq!(constrain(json!(1), &steps), json!(5));
        let ids = c(|c| {
            c.items = Some(Box::new(Constraints {
                min_length: Some(4),
                ..Constraints::default()
            }))
        });
        assert_eq!(constrain(json!(["ab"]), &ids), json!(["abab"]));
        let items = c(|c| c.min_items = Some(2));
        assert_eq!(constrain(json!(["a"]), &items), json!(["a", "a"]));
        assert_eq!(constrain(json!(true), &items), json!(true));
        let snowflake = c(|c| c.pattern = Some("^(0|[1-9][0-9]*)$".into()));
        assert_eq!(constrain(json!("application_123"), &snowflake), json!("0"));
        assert_eq!(constrain(json!("42"), &snowflake), json!("42"));
        let kinds = c(|c| c.pattern = Some("payTo|upi_collect".into()));
        assert_eq!(constrain(json!("string"), &kinds), json!("payTo"));
        let code = c(|c| c.pattern = Some("^[A-Z]{2}-\\d{3,}$".into()));
        assert_eq!(constrain(json!("string"), &code), json!("AA-000"));
        // Items that must be unique grow by distinct variants that keep the items' rules.
        let unique = |min: u64, each: Constraints| Constraints {
            min_items: Some(min),
            unique_items: true,
            items: Some(Box::new(each)),
            ..Constraints::default()
        };
        assert_eq!(
            constrain(json!(["0"]), &unique(3, snowflake.clone())),
            json!(["0", "1", "2"])
        );
        assert_eq!(
            constrain(json!(["AA-000"]), &unique(2, code.clone())),
            json!(["AA-000", "AA-001"])
        );
        assert_eq!(
            constrain(json!([5]), &unique(2, steps.clone())),
            json!([5, 10])
        );
        assert_eq!(
            constrain(
                json!([{"id": "a", "n": 1}]),
                &unique(2, Constraints::default())
            ),
            json!([{"id": "a", "n": 1}, {"id": "1", "n": 1}])
        );
        // No variant fits a one-value pattern: the array stays as short as it must.
        let one = c(|c| c.pattern = Some("^x$".into()));
        assert_eq!(constrain(json!(["x"]), &unique(2, one)), json!(["x"]));
        // A pattern the regex crate does not read leaves the value as it is.
        let ecma = c(|c| c.pattern = Some("(?<=a)b[".into()));
        assert_eq!(constrain(json!("string"), &ecma), json!("string"));
    }
}
