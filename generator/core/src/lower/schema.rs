//! JSON Schema (OpenAPI 3.0 and 3.1 dialects) -> IR types.

use super::ops::schema_example;
use super::{node, Lowerer};
use crate::ir::*;
use crate::load::Loc;
use indexmap::IndexMap;
use serde_json::Value;

/// Inline schemas deeper than this degrade to `Any` with a warning (guards the stack).
const MAX_DEPTH: usize = 48;

/// What an inline schema would be called if it needs a name.
#[derive(Debug, Clone)]
pub struct Hint(pub Vec<String>);

impl Hint {
    pub fn new(words: &[String]) -> Self {
        Hint(words.to_vec())
    }
    pub fn child(&self, name: &str) -> Hint {
        let mut w = self.0.clone();
        w.extend(crate::words::split_words(name));
        Hint(w)
    }
}

/// Properties merged from an object schema and its `allOf` parts.
#[derive(Default)]
struct Merged {
    props: IndexMap<String, Loc>,
    required: Vec<String>,
    additional: Option<Loc>,
    additional_any: bool,
}

pub(crate) fn docs_of(v: &Value) -> Docs {
    Docs {
        summary: None,
        description: v
            .get("description")
            .and_then(Value::as_str)
            .map(str::trim_end)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        deprecated: v
            .get("deprecated")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        sunset: v
            .get("x-sunset")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

pub(crate) fn literal_of(v: &Value) -> Literal {
    match v {
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Boolean(*b),
        Value::Number(n) if n.is_i64() || n.is_u64() => Literal::Integer(n.to_string()),
        Value::Number(n) => {
            // Integral floats (e.g. 9223372036854776000 read as f64) keep an integer form.
            let f = n.as_f64().unwrap_or(0.0);
            if f.fract() == 0.0 && f.abs() < 1e300 {
                Literal::Integer(format!("{f:.0}"))
            } else {
                Literal::Number(n.to_string())
            }
        }
        Value::String(s) => Literal::String(s.clone()),
        other => Literal::Json(other.to_string()),
    }
}

/// The `type` keyword as a list (3.1 allows an array), with `null` split off.
fn types_of(v: &Value) -> (Vec<String>, bool) {
    let mut nullable = v.get("nullable").and_then(Value::as_bool).unwrap_or(false)
        || v.get("x-nullable")
            .and_then(Value::as_bool)
            .unwrap_or(false);
    let mut out = Vec::new();
    match v.get("type") {
        Some(Value::String(s)) => out.push(s.clone()),
        Some(Value::Array(a)) => {
            for t in a.iter().filter_map(Value::as_str) {
                if t == "null" {
                    nullable = true;
                } else {
                    out.push(t.to_string());
                }
            }
        }
        _ => {}
    }
    if out.iter().any(|t| t == "null") {
        out.retain(|t| t != "null");
        nullable = true;
    }
    (out, nullable)
}

/// Whether a schema admits `null` at its top level, read without lowering it.
fn raw_nullable(v: &Value) -> bool {
    types_of(v).1
        || v.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e.iter().any(Value::is_null))
        || ["oneOf", "anyOf"].iter().any(|k| {
            v.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(is_null_schema))
        })
}

fn is_null_schema(v: &Value) -> bool {
    match v.get("type") {
        Some(Value::String(s)) => s == "null",
        Some(Value::Array(a)) => a.len() == 1 && a[0] == "null",
        _ => v
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e.len() == 1 && e[0].is_null()),
    }
}

fn primitive(ty: &str, format: Option<&str>) -> Option<Primitive> {
    Some(match (ty, format) {
        ("string", Some("date-time")) => Primitive::DateTime,
        ("string", Some("date")) => Primitive::Date,
        ("string", Some("uuid")) => Primitive::Uuid,
        ("string", Some("byte")) => Primitive::Base64,
        ("string", Some("binary")) => Primitive::Binary,
        ("string", _) => Primitive::String,
        ("integer", Some("int64")) | ("integer", Some("uint64")) => Primitive::Int64,
        ("integer", _) => Primitive::Integer,
        ("number", _) => Primitive::Number,
        ("boolean", _) => Primitive::Boolean,
        _ => return None,
    })
}

/// A non-negative integer keyword (`maxLength: 10`, also `10.0`); anything else is ignored.
fn count_kw(v: &Value, key: &str) -> Option<u64> {
    match v.get(key)? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1.8e19)
                .map(|f| f as u64)
        }),
        _ => None,
    }
}

/// A numeric keyword as text; a string (ill-typed spec) is carried as it is.
fn number_kw(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// One bound from `minimum` + `exclusiveMinimum` (3.0: a boolean flag; 3.1: a number).
fn bound_kw(v: &Value, inclusive: &str, exclusive: &str, lower: bool) -> Option<Bound> {
    let plain = number_kw(v, inclusive);
    let flag = v.get(exclusive).and_then(Value::as_bool).unwrap_or(false);
    let excl = match v.get(exclusive) {
        Some(Value::Bool(_)) | None => None,
        Some(_) => number_kw(v, exclusive),
    };
    match (plain, excl) {
        (Some(p), None) => Some(Bound {
            value: p,
            exclusive: flag,
        }),
        (None, Some(e)) => Some(Bound {
            value: e,
            exclusive: true,
        }),
        (Some(p), Some(e)) => {
            // Both given (3.1): the stricter one applies.
            let (pf, ef) = (p.parse::<f64>().ok(), e.parse::<f64>().ok());
            let exclusive_wins = match (pf, ef) {
                (Some(pf), Some(ef)) => {
                    if lower {
                        ef >= pf
                    } else {
                        ef <= pf
                    }
                }
                _ => true,
            };
            Some(if exclusive_wins {
                Bound {
                    value: e,
                    exclusive: true,
                }
            } else {
                Bound {
                    value: p,
                    exclusive: false,
                }
            })
        }
        (None, None) => None,
    }
}

/// The validation keywords written on one schema object (not following references).
fn own_constraints(v: &Value) -> Constraints {
    Constraints {
        min_length: count_kw(v, "minLength"),
        max_length: count_kw(v, "maxLength"),
        pattern: v.get("pattern").and_then(Value::as_str).map(str::to_string),
        minimum: bound_kw(v, "minimum", "exclusiveMinimum", true),
        maximum: bound_kw(v, "maximum", "exclusiveMaximum", false),
        multiple_of: number_kw(v, "multipleOf"),
        min_items: count_kw(v, "minItems"),
        max_items: count_kw(v, "maxItems"),
        unique_items: v
            .get("uniqueItems")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        min_properties: count_kw(v, "minProperties"),
        max_properties: count_kw(v, "maxProperties"),
        items: None,
        values: None,
        property_names: None,
    }
}

/// Fills what `c` does not say from `more` (a referenced schema's keywords).
fn fill(c: &mut Constraints, more: Constraints) {
    fn opt<T>(a: &mut Option<T>, b: Option<T>) {
        if a.is_none() {
            *a = b;
        }
    }
    opt(&mut c.min_length, more.min_length);
    opt(&mut c.max_length, more.max_length);
    opt(&mut c.pattern, more.pattern);
    opt(&mut c.minimum, more.minimum);
    opt(&mut c.maximum, more.maximum);
    opt(&mut c.multiple_of, more.multiple_of);
    opt(&mut c.min_items, more.min_items);
    opt(&mut c.max_items, more.max_items);
    c.unique_items |= more.unique_items;
    opt(&mut c.min_properties, more.min_properties);
    opt(&mut c.max_properties, more.max_properties);
    opt(&mut c.items, more.items);
    opt(&mut c.values, more.values);
    opt(&mut c.property_names, more.property_names);
}

/// Whether a schema lowers to a type of its own (object, union, enum) that validates
/// itself, so a reference to it does not take its keywords.
fn has_own_type(v: &Value) -> bool {
    v.get("properties").is_some()
        || v.get("enum").is_some()
        || ["oneOf", "anyOf"].iter().any(|k| {
            v.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty())
        })
        || (v.get("allOf").is_some() && single_all_of(v).is_none())
}

/// Keywords that describe a value without constraining it (and extensions).
fn is_annotation_key(k: &str) -> bool {
    k.starts_with("x-")
        || matches!(
            k,
            "description"
                | "title"
                | "default"
                | "example"
                | "examples"
                | "readOnly"
                | "writeOnly"
                | "deprecated"
                | "nullable"
                | "externalDocs"
                | "xml"
                | "$comment"
        )
}

/// The one part that carries a type in an `allOf` whose other parts only annotate it
/// (`allOf: [{$ref: Id}, {description: ..}]`, a common way to describe a reference in 3.0),
/// when the schema itself adds no properties: such a schema is that part's type.
pub(crate) fn single_all_of(v: &Value) -> Option<usize> {
    let parts = v.get("allOf")?.as_array()?;
    // Own properties, or `required` names (which make properties of the part required),
    // make a new object.
    let names_required = v
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty());
    if v.get("properties").is_some() || v.get("additionalProperties").is_some() || names_required {
        return None;
    }
    let annotation_only = |p: &Value| {
        p.as_object()
            .is_some_and(|o| o.keys().all(|k| is_annotation_key(k)))
    };
    let mut typed = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| !annotation_only(p));
    let (i, _) = typed.next()?;
    typed.next().is_none().then_some(i)
}

/// A schema with the annotations of its annotation-only `allOf` parts (see
/// [`single_all_of`]) folded in; its own keywords win. Other schemas as they are.
pub(crate) fn with_all_of_annotations(v: &Value) -> std::borrow::Cow<'_, Value> {
    let (Some(i), Some(parts), Some(own)) = (
        single_all_of(v),
        v.get("allOf").and_then(Value::as_array),
        v.as_object(),
    ) else {
        return std::borrow::Cow::Borrowed(v);
    };
    let mut out = own.clone();
    for (j, p) in parts.iter().enumerate() {
        if j == i {
            continue;
        }
        for (k, x) in p.as_object().into_iter().flatten() {
            out.entry(k.clone()).or_insert_with(|| x.clone());
        }
    }
    std::borrow::Cow::Owned(Value::Object(out))
}

impl Lowerer {
    /// The validation keywords of the schema at `loc`, with those of referenced
    /// primitive, array and map schemas (aliases such as a `LanguageCode` with a
    /// `pattern`) filled in, and nested ones for items, map values and property names.
    /// Ill-typed keywords are ignored or carried as text; never an error.
    pub(crate) fn constraints_at(&mut self, loc: &Loc, depth: usize) -> Constraints {
        let mut c = Constraints::default();
        if depth > MAX_DEPTH {
            return c;
        }
        let mut cur = loc.clone();
        for hop in 0..32 {
            if !self.spend(&cur) {
                break;
            }
            let doc;
            let Some(v) = node!(self, doc, cur) else {
                break;
            };
            if !v.is_object() || (hop > 0 && has_own_type(v)) {
                break;
            }
            let mut own = own_constraints(v);
            let nested = [
                ("items", 0usize),
                ("additionalProperties", 1),
                ("propertyNames", 2),
            ];
            for (key, slot) in nested {
                if v.get(key).is_some_and(Value::is_object) {
                    let n = self.constraints_at(&cur.child(key), depth + 1);
                    if !n.is_empty() {
                        let b = Some(Box::new(n));
                        match slot {
                            0 => own.items = b,
                            1 => own.values = b,
                            _ => own.property_names = b,
                        }
                    }
                }
            }
            fill(&mut c, own);
            let next = if let Some(r) = v.get("$ref").and_then(Value::as_str) {
                let r = r.to_string();
                self.store.resolve_ref(cur.doc, &r).ok()
            } else {
                single_all_of(v).map(|i| cur.child("allOf").index(i))
            };
            match next {
                Some(n) if n != cur => cur = n,
                _ => break,
            }
        }
        c
    }

    /// Lowers the schema at `loc`. `hint` names it if it is inline and needs a name.
    pub(crate) fn schema(&mut self, loc: &Loc, hint: &Hint, depth: usize) -> TypeRef {
        if depth > MAX_DEPTH {
            self.warn(loc, "schema nested too deeply; degraded to any value");
            return TypeRef::Any;
        }
        if !self.spend(loc) {
            return TypeRef::Any;
        }
        if let Some(t) = self.inline.get(loc) {
            return t.clone();
        }
        let doc;
        let Some(v) = node!(self, doc, loc) else {
            self.warn(loc, "missing schema; degraded to any value");
            return TypeRef::Any;
        };
        let obj = match v {
            Value::Object(o) => o,
            Value::Bool(_) => return TypeRef::Any,
            _ => {
                self.warn(loc, "schema is not an object; degraded to any value");
                return TypeRef::Any;
            }
        };
        if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
            let r = r.to_string();
            let mut t = match self.follow_ref(loc, &r) {
                Some(target) => self.named_at(&target, depth),
                None => TypeRef::Any,
            };
            // 3.0 ignores siblings of $ref; 3.1 allows them. Nullability is the one that changes types.
            if types_of(v).1 {
                t = t.nullable();
            }
            return t;
        }
        let t = self.schema_body(loc, v, hint, depth, None);
        self.inline.insert(loc.clone(), t.clone());
        t
    }

    /// Lowers the body of a schema. With `named`, the schema is the definition of that
    /// type id and any object/enum/union it describes fills that slot.
    fn schema_body(
        &mut self,
        loc: &Loc,
        v: &Value,
        hint: &Hint,
        depth: usize,
        named: Option<TypeId>,
    ) -> TypeRef {
        let (types, mut nullable) = types_of(v);

        if let Some(c) = v.get("const") {
            let t = TypeRef::Literal {
                value: literal_of(c),
            };
            return self.finish(named, t, nullable, loc);
        }

        if let Some(values) = v.get("enum").and_then(Value::as_array) {
            let mut values: Vec<Value> = values.clone();
            if values.iter().any(Value::is_null) {
                nullable = true;
                values.retain(|x| !x.is_null());
            }
            if !values.is_empty() {
                let t = self.enum_type(loc, v, &types, &values, hint, named);
                return self.finish(named, t, nullable, loc);
            }
        }

        for key in ["oneOf", "anyOf"] {
            if let Some(variants) = v.get(key).and_then(Value::as_array) {
                if !variants.is_empty() {
                    let has_props = v.get("properties").is_some();
                    if has_props {
                        self.warn(loc, format!("`{key}` beside `properties`: the properties were kept, the union degraded to them"));
                        break;
                    }
                    let t = self.union(loc, key, variants.len(), v, hint, depth, named);
                    let nullable = nullable || variants.iter().any(is_null_schema);
                    return self.finish(named, t, nullable, loc);
                }
            }
        }

        if let Some(parts) = v.get("allOf").and_then(Value::as_array) {
            if let Some(i) = single_all_of(v) {
                // The annotations (docs, default, example, flags) are read by whoever holds
                // the schema (a field, a parameter); `nullable` changes the type here.
                let nullable = nullable || types_of(&with_all_of_annotations(v)).1;
                let t = self.schema(&loc.child("allOf").index(i), hint, depth + 1);
                return self.finish(named, t, nullable, loc);
            }
            let _ = parts;
            let t = self.object(loc, hint, depth, named);
            return self.finish(named, t, nullable, loc);
        }

        if types.len() > 1 {
            // 3.1 `type: [string, integer]`: a union of primitives.
            let variants: Vec<Variant> = types
                .iter()
                .map(|t| {
                    let items = || self.store.get(&loc.child("items")).is_some();
                    let ty = match t.as_str() {
                        "array" if items() => TypeRef::array(TypeRef::Any),
                        "array" => TypeRef::array(TypeRef::Any),
                        "object" => TypeRef::map(TypeRef::Any),
                        other => primitive(other, v.get("format").and_then(Value::as_str))
                            .map(TypeRef::prim)
                            .unwrap_or(TypeRef::Any),
                    };
                    Variant { ty, tags: vec![] }
                })
                .collect();
            let t = self.define(
                named,
                hint,
                loc,
                v,
                TypeKind::Union(UnionType {
                    variants,
                    discriminator: None,
                }),
            );
            return self.finish(named, t, nullable, loc);
        }

        let ty = types.first().map(String::as_str);
        let t = match ty {
            Some("array") => {
                let items = if v.get("items").is_some_and(Value::is_object) {
                    self.schema(&loc.child("items"), &hint.child("item"), depth + 1)
                } else {
                    TypeRef::Any
                };
                TypeRef::array(items)
            }
            Some("object") | None if v.get("properties").is_some() => {
                self.object(loc, hint, depth, named)
            }
            Some("object") => self.map_of(loc, v, hint, depth),
            Some(t) => match primitive(t, v.get("format").and_then(Value::as_str)) {
                Some(p) => TypeRef::prim(p),
                None => {
                    self.warn(loc, format!("unknown type `{t}`; degraded to any value"));
                    TypeRef::Any
                }
            },
            None if v.get("items").is_some() => {
                let items = self.schema(&loc.child("items"), &hint.child("item"), depth + 1);
                TypeRef::array(items)
            }
            None if v.get("additionalProperties").is_some() => self.map_of(loc, v, hint, depth),
            None => TypeRef::Any,
        };
        self.finish(named, t, nullable, loc)
    }

    /// For named definitions, stores the result (as an alias when it is not itself a
    /// fresh definition); returns the reference callers use.
    fn finish(&mut self, named: Option<TypeId>, t: TypeRef, nullable: bool, _loc: &Loc) -> TypeRef {
        let t = if nullable { t.nullable() } else { t };
        match named {
            None => t,
            Some(id) => {
                let is_self = matches!(t.non_null(), TypeRef::Named { id: x } if *x == id);
                let t = if is_self { TypeRef::named(id) } else { t };
                if !is_self {
                    self.types[id.0].kind = TypeKind::Alias { target: t.clone() };
                }
                if is_self {
                    t
                } else {
                    TypeRef::named(id)
                }
            }
        }
    }

    fn map_of(&mut self, loc: &Loc, v: &Value, hint: &Hint, depth: usize) -> TypeRef {
        match v.get("additionalProperties") {
            Some(Value::Object(_)) => {
                let inner = self.schema(
                    &loc.child("additionalProperties"),
                    &hint.child("value"),
                    depth + 1,
                );
                TypeRef::map(inner)
            }
            _ => TypeRef::map(TypeRef::Any),
        }
    }

    /// A `$ref` target becomes a named type (once; later references reuse the id). Its
    /// body is lowered later by [`Lowerer::drain`], so long chains of references never
    /// deepen the stack.
    pub(crate) fn named_at(&mut self, target: &Loc, _depth: usize) -> TypeRef {
        if let Some(&id) = self.by_loc.get(target) {
            let t = TypeRef::named(id);
            return if self.nullable_ids.contains(&id) {
                t.nullable()
            } else {
                t
            };
        }
        let doc;
        let Some(v) = node!(self, doc, target) else {
            return TypeRef::Any;
        };
        let name = self.name_for_loc(target, v);
        let id = self.reserve(name, target, true, docs_of(v));
        self.pending.push_back((target.clone(), id));
        let t = TypeRef::named(id);
        if raw_nullable(v) {
            self.nullable_ids.insert(id);
            return t.nullable();
        }
        t
    }

    /// Lowers the bodies of named types reserved so far (and those they reserve).
    pub(crate) fn drain(&mut self) {
        while let Some((target, id)) = self.pending.pop_front() {
            let doc;
            let Some(v) = node!(self, doc, target) else {
                continue;
            };
            let hint = Hint::new(&self.types[id.0].name.words.clone());
            if let Some(r) = v.get("$ref").and_then(Value::as_str) {
                // A component that is itself only a reference: an alias.
                let r = r.to_string();
                let t = match self.follow_ref(&target, &r) {
                    Some(t2) => self.named_at(&t2, 0),
                    None => TypeRef::Any,
                };
                self.types[id.0].kind = TypeKind::Alias {
                    target: t.non_null().clone(),
                };
            } else if v.is_object() {
                self.schema_body(&target, v, &hint, 0, Some(id));
                // Nullability is carried by references (see `raw_nullable`), not the definition.
                if let TypeKind::Alias {
                    target: TypeRef::Nullable { inner },
                } = &self.types[id.0].kind
                {
                    let inner = (**inner).clone();
                    self.types[id.0].kind = TypeKind::Alias { target: inner };
                }
                if matches!(self.types[id.0].kind, TypeKind::Alias { .. }) {
                    self.types[id.0].constraints = self.constraints_at(&target, 0);
                }
            }
        }
    }

    /// The name of a referenced schema: its key under `components/schemas` (or the last
    /// pointer token), or its `title` when the key is only a number.
    fn name_for_loc(&self, loc: &Loc, v: &Value) -> Name {
        let last = loc
            .pointer
            .rsplit('/')
            .next()
            .map(crate::diag::unescape_token)
            .unwrap_or_default();
        if last.is_empty() || last.chars().all(|c| c.is_ascii_digit()) || last == "schema" {
            if let Some(t) = v.get("title").and_then(Value::as_str) {
                return Name::new(t);
            }
            let parts: Vec<String> = loc
                .pointer
                .split('/')
                .map(crate::diag::unescape_token)
                .filter(|t| {
                    !t.is_empty()
                        && !matches!(
                            t.as_str(),
                            "paths"
                                | "content"
                                | "schema"
                                | "components"
                                | "schemas"
                                | "properties"
                                | "items"
                        )
                })
                .collect();
            return Name::new(parts.join("_"));
        }
        Name::new(last)
    }

    fn reserve(&mut self, name: Name, origin: &Loc, declared: bool, docs: Docs) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(TypeDef {
            name,
            docs,
            kind: TypeKind::Alias {
                target: TypeRef::Any,
            },
            origin: self.store.describe(origin),
            declared,
            constraints: Constraints::default(),
        });
        self.by_loc.insert(origin.clone(), id);
        id
    }

    /// Puts `kind` into the named slot, or creates a synthesized named type from `hint`.
    fn define(
        &mut self,
        named: Option<TypeId>,
        hint: &Hint,
        loc: &Loc,
        v: &Value,
        kind: TypeKind,
    ) -> TypeRef {
        let id = match named {
            Some(id) => id,
            None => {
                let name = match v.get("title").and_then(Value::as_str) {
                    Some(t) if self.use_titles && !t.trim().is_empty() => Name::new(t),
                    _ => Name::from_words(hint.0.clone()),
                };
                let id = TypeId(self.types.len());
                self.types.push(TypeDef {
                    name,
                    docs: docs_of(v),
                    kind: TypeKind::Alias {
                        target: TypeRef::Any,
                    },
                    origin: self.store.describe(loc),
                    declared: false,
                    constraints: Constraints::default(),
                });
                id
            }
        };
        self.types[id.0].kind = kind;
        TypeRef::named(id)
    }

    fn define_any(&mut self, named: Option<TypeId>) -> TypeRef {
        match named {
            Some(id) => {
                self.types[id.0].kind = TypeKind::Alias {
                    target: TypeRef::Any,
                };
                TypeRef::named(id)
            }
            None => TypeRef::Any,
        }
    }

    fn enum_type(
        &mut self,
        loc: &Loc,
        v: &Value,
        types: &[String],
        values: &[Value],
        hint: &Hint,
        named: Option<TypeId>,
    ) -> TypeRef {
        if values.len() == 1 && named.is_none() {
            return TypeRef::Literal {
                value: literal_of(&values[0]),
            };
        }
        let base = match types.first().map(String::as_str) {
            Some("integer") => Primitive::Integer,
            Some("number") => Primitive::Number,
            Some("boolean") => Primitive::Boolean,
            Some("string") => Primitive::String,
            _ => {
                if values.iter().all(Value::is_string) {
                    Primitive::String
                } else if values.iter().all(|x| x.is_i64() || x.is_u64()) {
                    Primitive::Integer
                } else if values.iter().all(Value::is_number) {
                    Primitive::Number
                } else if values.iter().all(Value::is_boolean) {
                    Primitive::Boolean
                } else {
                    self.warn(loc, "enum mixes value types; degraded to any value");
                    return TypeRef::Any;
                }
            }
        };
        if base == Primitive::Boolean {
            return TypeRef::prim(Primitive::Boolean);
        }
        let descriptions = v.get("x-enum-descriptions").and_then(Value::as_array);
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (i, val) in values.iter().enumerate() {
            let mut lit = literal_of(val);
            if base == Primitive::String {
                // `type: string` with unquoted YAML numbers (`- 3`): the wire value is the text.
                if let Literal::Integer(n) | Literal::Number(n) = &lit {
                    lit = Literal::String(
                        val.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| n.clone()),
                    );
                }
            }
            let text = match &lit {
                Literal::String(s) => s.clone(),
                Literal::Integer(s) | Literal::Number(s) => s.clone(),
                other => format!("{other:?}"),
            };
            if !seen.insert(text.clone()) {
                continue;
            }
            let lit_ok = matches!(
                (&lit, base),
                (Literal::String(_), Primitive::String)
                    | (Literal::Integer(_), Primitive::Integer | Primitive::Number)
                    | (Literal::Number(_), Primitive::Number)
            );
            if !lit_ok {
                self.warn(
                    &loc.child("enum").index(i),
                    format!("enum value `{text}` does not match the enum's type; dropped"),
                );
                continue;
            }
            let name = match base {
                Primitive::String => Name::new(text.clone()),
                _ => {
                    let mut words = vec![if text.starts_with('-') {
                        "minus".to_string()
                    } else {
                        "value".to_string()
                    }];
                    words.extend(crate::words::split_words(text.trim_start_matches('-')));
                    Name {
                        wire: text.clone(),
                        words,
                    }
                }
            };
            let docs = Docs {
                description: descriptions
                    .and_then(|d| d.get(i))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                ..Docs::default()
            };
            out.push(EnumValue {
                name,
                value: lit,
                docs,
            });
        }
        if out.is_empty() {
            return TypeRef::prim(base);
        }
        self.define(
            named,
            hint,
            loc,
            v,
            TypeKind::Enum(EnumType { base, values: out }),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn union(
        &mut self,
        loc: &Loc,
        key: &str,
        n: usize,
        v: &Value,
        hint: &Hint,
        depth: usize,
        named: Option<TypeId>,
    ) -> TypeRef {
        let mut variants: Vec<Variant> = Vec::new();
        let disc = v
            .get("discriminator")
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let mapping: Vec<(String, String)> = v
            .get("discriminator")
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, x)| x.as_str().map(|s| (k.clone(), s.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        for i in 0..n {
            let vloc = loc.child(key).index(i);
            let doc;
            let Some(vv) = node!(self, doc, vloc) else {
                continue;
            };
            if is_null_schema(vv) {
                continue;
            }
            let vhint = match vv.get("title").and_then(Value::as_str) {
                Some(t) => hint.child(t),
                None => hint.child(&format!("variant{}", i + 1)),
            };
            let ty = self.schema(&vloc, &vhint, depth + 1);
            let mut tags = Vec::new();
            if let Some(d) = &disc {
                let r = vv.get("$ref").and_then(Value::as_str).unwrap_or("");
                for (k, target) in &mapping {
                    if !r.is_empty() && (target == r || r.ends_with(&format!("/{target}"))) {
                        tags.push(k.clone());
                    }
                }
                if tags.is_empty() {
                    tags.extend(self.discriminator_values(&vloc, d));
                }
                if tags.is_empty() && !r.is_empty() && mapping.is_empty() {
                    if let Some(last) = r.rsplit('/').next() {
                        tags.push(crate::diag::unescape_token(last));
                    }
                }
            }
            if variants.iter().any(|x| x.ty == ty) {
                continue;
            }
            variants.push(Variant { ty, tags });
        }
        if variants.iter().any(|v| v.ty == TypeRef::Any) {
            // A union with an unconstrained member accepts anything.
            return self.define_any(named);
        }
        match variants.len() {
            0 => TypeRef::Any,
            1 if named.is_none() => variants.pop().map(|x| x.ty).unwrap_or(TypeRef::Any),
            _ => self.define(
                named,
                hint,
                loc,
                v,
                TypeKind::Union(UnionType {
                    variants,
                    discriminator: disc,
                }),
            ),
        }
    }

    /// The values a variant's discriminator property can take (`const` or `enum`).
    fn discriminator_values(&mut self, vloc: &Loc, prop: &str) -> Vec<String> {
        let mut merged = Merged::default();
        let mut seen = Vec::new();
        self.collect(vloc, &mut merged, &mut seen, 0);
        let Some(ploc) = merged.props.get(prop).cloned() else {
            return vec![];
        };
        let ploc = self.deref_chain(&ploc);
        let Some(p) = self.store.get(&ploc) else {
            return vec![];
        };
        if let Some(c) = p.get("const").and_then(Value::as_str) {
            return vec![c.to_string()];
        }
        p.get("enum")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Follows `$ref`s until a schema that is not a reference.
    pub(crate) fn deref_chain(&mut self, loc: &Loc) -> Loc {
        let mut cur = loc.clone();
        for _ in 0..32 {
            let Some(r) = self
                .store
                .get(&cur)
                .and_then(|v| v.get("$ref"))
                .and_then(Value::as_str)
                .map(str::to_string)
            else {
                return cur;
            };
            match self.follow_ref(&cur, &r) {
                Some(next) => cur = next,
                None => return cur,
            }
        }
        cur
    }

    /// Gathers properties from a schema, its `$ref` and its `allOf` parts.
    fn collect(&mut self, loc: &Loc, out: &mut Merged, seen: &mut Vec<Loc>, depth: usize) {
        if depth > MAX_DEPTH || seen.contains(loc) || !self.spend(loc) {
            return;
        }
        seen.push(loc.clone());
        let doc;
        let Some(v) = node!(self, doc, loc) else {
            return;
        };
        if let Some(r) = v.get("$ref").and_then(Value::as_str) {
            if let Some(t) = self.follow_ref(loc, r) {
                self.collect(&t, out, seen, depth + 1);
            }
            return;
        }
        if let Some(parts) = v.get("allOf").and_then(Value::as_array) {
            for i in 0..parts.len() {
                self.collect(&loc.child("allOf").index(i), out, seen, depth + 1);
            }
        }
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for k in props.keys() {
                // Later parts refine earlier ones (allOf overrides): keep the position, take the new schema.
                out.props
                    .insert(k.clone(), loc.child("properties").child(k));
            }
        }
        if let Some(req) = v.get("required").and_then(Value::as_array) {
            for r in req.iter().filter_map(Value::as_str) {
                if !out.required.iter().any(|x| x == r) {
                    out.required.push(r.to_string());
                }
            }
        }
        match v.get("additionalProperties") {
            Some(Value::Object(o)) if !o.is_empty() => {
                out.additional = Some(loc.child("additionalProperties"))
            }
            Some(Value::Object(_)) | Some(Value::Bool(true)) => out.additional_any = true,
            _ => {}
        }
        for key in ["oneOf", "anyOf"] {
            if depth > 0 && v.get(key).is_some() && v.get("properties").is_none() {
                self.warn(loc, format!("`{key}` inside `allOf` cannot be merged into one object; its variants' properties were left out"));
            }
        }
    }

    fn object(&mut self, loc: &Loc, hint: &Hint, depth: usize, named: Option<TypeId>) -> TypeRef {
        let doc;
        let v = node!(self, doc, loc).unwrap_or(&Value::Null);
        // Reserve the slot first so self-references through inline parts resolve.
        let id = match named {
            Some(id) => id,
            None => match self.define(
                None,
                hint,
                loc,
                v,
                TypeKind::Object(ObjectType {
                    fields: vec![],
                    additional: None,
                }),
            ) {
                TypeRef::Named { id } => {
                    // Known before its fields are lowered, so a cycle through `allOf` merging
                    // that comes back here refers to this type instead of expanding it again.
                    let t = TypeRef::named(id);
                    let t = if types_of(v).1 { t.nullable() } else { t };
                    self.inline.insert(loc.clone(), t);
                    id
                }
                other => return other,
            },
        };
        let type_words = self.types[id.0].name.words.clone();
        let mut merged = Merged::default();
        let mut seen = Vec::new();
        self.collect(loc, &mut merged, &mut seen, 0);
        let mut fields = Vec::new();
        for (prop, ploc) in merged.props.clone() {
            let (pdoc, tdoc);
            let raw = node!(self, pdoc, ploc).unwrap_or(&Value::Null);
            let single = single_all_of(raw);
            let raw = &*with_all_of_annotations(raw);
            let target = match single {
                Some(i) => self.deref_chain(&ploc.child("allOf").index(i)),
                None => self.deref_chain(&ploc),
            };
            let resolved = node!(self, tdoc, target).unwrap_or(&Value::Null);
            let fhint = Hint::new(&type_words).child(&prop);
            let ty = self.schema(&ploc, &fhint, depth + 1);
            let flag = |k: &str| {
                raw.get(k)
                    .or_else(|| resolved.get(k))
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            };
            let mut docs = docs_of(raw);
            if docs.description.is_none() && (raw.get("$ref").is_some() || single.is_some()) {
                docs.description = docs_of(resolved).description;
            }
            fields.push(Field {
                name: Name::new(prop.clone()),
                ty,
                required: merged.required.contains(&prop),
                read_only: flag("readOnly"),
                write_only: flag("writeOnly"),
                docs,
                default: raw
                    .get("default")
                    .or_else(|| resolved.get("default"))
                    .map(literal_of),
                constraints: self.constraints_at(&ploc, depth + 1),
                format: raw
                    .get("format")
                    .or_else(|| resolved.get("format"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                example: schema_example(raw).or_else(|| schema_example(resolved)),
                pointer: self.store.describe(&ploc),
            });
        }
        let additional = match merged.additional.clone() {
            Some(aloc) => Some(Box::new(self.schema(
                &aloc,
                &Hint::new(&type_words).child("value"),
                depth + 1,
            ))),
            None if merged.additional_any => Some(Box::new(TypeRef::Any)),
            None => None,
        };
        self.types[id.0].kind = TypeKind::Object(ObjectType { fields, additional });
        self.types[id.0].constraints = self.constraints_at(loc, depth);
        TypeRef::named(id)
    }
}
