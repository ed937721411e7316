//! Code samples of every operation for the API reference (`sdkgen docs`) and the method
//! reference, written against the package `model::build` describes: the service field,
//! method, path arguments, params struct, field names, enum constants and union members
//! are the ones the SDK declares. Required parameters and body fields are filled with
//! `sdkgen_core::sample::example_value`; optional ones are left out.
//!
//! A sample is a list of statements that runs after [`setup`] (which declares `ctx` and
//! `client` and imports fmt and log); imports a sample needs beyond those come first.

use std::collections::BTreeSet;

use sdkgen_core::ir::{
    Api, BodyEncoding, Literal, Operation, ParamLocation, Primitive, ResponseKind, TypeKind,
    TypeRef,
};
use sdkgen_core::sample::{
    body_example, example_value, field_example, literal_json, param_example, LangSamples, Sample,
};
use serde_json::Value;

use crate::model::{self, ArgSource, Ctx, Method, ModelKind, Package, Return, Service};
use crate::naming::string_lit;

/// One sample per operation: a call on `client` (see [`setup`]).
pub fn samples(api: &Api, name: Option<&str>) -> Vec<Sample> {
    let (pkg, ctx) = model::build_with_ctx(api, name);
    samples_of(api, &pkg, &ctx)
}

fn samples_of(api: &Api, pkg: &Package, ctx: &Ctx) -> Vec<Sample> {
    let w = Writer { api, ctx, pkg };
    w.calls()
        .into_iter()
        .map(|(op, c)| Sample {
            operation: op.id.wire.clone(),
            code: c.render(None),
        })
        .collect()
}

/// The imports, the context and the client the samples use.
pub fn setup(api: &Api, name: Option<&str>) -> String {
    setup_of(&model::build(api, name))
}

pub(crate) fn setup_of(pkg: &Package) -> String {
    format!(
        "import (\n\t\"context\"\n\t\"fmt\"\n\t\"log\"\n\n\t\"{}\"\n)\n\nctx := context.Background()\nclient := {}.NewClient() // API key from {}",
        pkg.module, pkg.name, pkg.env_api_key
    )
}

pub fn lang_samples(api: &Api, name: Option<&str>) -> LangSamples {
    let (pkg, ctx) = model::build_with_ctx(api, name);
    LangSamples {
        lang: "go".into(),
        label: "Go".into(),
        setup: setup_of(&pkg),
        samples: samples_of(api, &pkg, &ctx),
    }
}

/// What a call gives back, which decides how its sample uses it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// Only an error.
    Empty,
    /// A decoded JSON value of this IR type, bound to `result`.
    Json(TypeRef),
    /// An iterator over every item (`...AutoPaging`), each bound to `item`.
    Items(TypeRef),
    /// A `*Stream[T]`.
    Stream,
    /// A string.
    Text,
    /// Bytes, written to a file with this name.
    Bytes(String),
}

/// The parts of a sample: what precedes the call, the call, and what its result is.
pub(crate) struct Call {
    /// Standard library packages the sample imports beyond the setup's.
    pub imports: BTreeSet<&'static str>,
    /// Statements before the call (opening files to upload).
    pub before: Vec<String>,
    /// The call expression (`client.Sessions.Get(ctx, "session_123")`), maybe multi-line.
    pub expr: String,
    pub shape: Shape,
}

impl Call {
    /// The sample; `uses` replaces the default use of the result (or of each item) when
    /// given: lines indented as at the top level.
    pub fn render(&self, uses: Option<&[String]>) -> String {
        let mut out = String::new();
        match self.imports.len() {
            0 => {}
            1 => {
                let one = self.imports.iter().next().copied().unwrap_or_default();
                out.push_str(&format!("import \"{one}\"\n\n"));
            }
            _ => {
                out.push_str("import (\n");
                for i in &self.imports {
                    out.push_str(&format!("\t\"{i}\"\n"));
                }
                out.push_str(")\n\n");
            }
        }
        for l in &self.before {
            out.push_str(l);
            out.push('\n');
        }
        let fatal = "if err != nil {\n\tlog.Fatal(err)\n}\n";
        let body = |default: &str| -> Vec<String> {
            match uses {
                Some(u) => u.to_vec(),
                None => vec![default.to_string()],
            }
        };
        match &self.shape {
            Shape::Empty => {
                out.push_str(&format!(
                    "if err := {}; err != nil {{\n\tlog.Fatal(err)\n}}\n",
                    self.expr
                ));
            }
            Shape::Json(_) => {
                out.push_str(&format!("result, err := {}\n{fatal}", self.expr));
                for l in body("fmt.Printf(\"%+v\\n\", result)") {
                    out.push_str(&l);
                    out.push('\n');
                }
            }
            Shape::Items(_) => {
                out.push_str(&format!(
                    "for item, err := range {} {{\n\tif err != nil {{\n\t\tlog.Fatal(err)\n\t}}\n",
                    self.expr
                ));
                for l in body("fmt.Printf(\"%+v\\n\", item)") {
                    for line in l.lines() {
                        out.push('\t');
                        out.push_str(line);
                        out.push('\n');
                    }
                }
                out.push_str("}\n");
            }
            Shape::Stream => {
                out.push_str(&format!(
                    "stream, err := {}\n{fatal}defer stream.Close()\nfor stream.Next() {{\n\tfmt.Printf(\"%+v\\n\", stream.Current())\n}}\nif err := stream.Err(); err != nil {{\n\tlog.Fatal(err)\n}}\n",
                    self.expr
                ));
            }
            Shape::Text => {
                out.push_str(&format!(
                    "result, err := {}\n{fatal}fmt.Println(result)\n",
                    self.expr
                ));
            }
            Shape::Bytes(file) => {
                out.push_str(&format!(
                    "result, err := {}\n{fatal}if err := os.WriteFile({}, result, 0o644); err != nil {{\n\tlog.Fatal(err)\n}}\n",
                    self.expr,
                    string_lit(file)
                ));
            }
        }
        out.truncate(out.trim_end().len());
        out
    }
}

/// How an expression may be wrapped to fit a field's type.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A composite literal of this (qualified) type: `&` makes a pointer, and inside a
    /// slice or map literal of that type the type may be left out.
    Composite(String),
    /// An expression with a type of its own (a constant, a call, a conversion).
    Typed,
    /// An untyped constant whose default type would be wrong for this Go basic type.
    Untyped(&'static str),
    /// `nil`.
    Nil,
}

pub(crate) struct Writer<'a> {
    pub api: &'a Api,
    pub ctx: &'a Ctx<'a>,
    pub pkg: &'a Package,
}

/// Literals wider than this go one member a line.
const WIDTH: usize = 60;

impl<'a> Writer<'a> {
    /// Every operation with its service and method, in the order of the groups.
    pub fn methods(&self) -> Vec<(&'a Operation, &'a Service, &'a Method)> {
        let mut out = Vec::new();
        for (g, s) in self.api.groups.iter().zip(&self.pkg.services) {
            for (op, m) in g.operations.iter().zip(&s.methods) {
                out.push((op, s, m));
            }
        }
        out
    }

    pub fn calls(&self) -> Vec<(&'a Operation, Call)> {
        self.methods()
            .into_iter()
            .map(|(op, s, m)| (op, self.call(op, s, m)))
            .collect()
    }

    /// A type of the model as code outside the package spells it.
    fn qualify(&self, ty: &str) -> String {
        let mut out = String::new();
        let mut prev: Option<char> = None;
        let mut chars = ty.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphabetic() || c == '_' {
                let mut ident = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        ident.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if c.is_uppercase() && prev != Some('.') {
                    out.push_str(&self.pkg.name);
                    out.push('.');
                }
                out.push_str(&ident);
                prev = ident.chars().last();
            } else {
                out.push(c);
                prev = Some(c);
            }
        }
        out
    }

    fn call(&self, op: &Operation, s: &Service, m: &Method) -> Call {
        let mut imports = BTreeSet::new();
        let mut before = Vec::new();
        let mut args = vec!["ctx".to_string()];
        let mut path = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path);
        for (_, ty) in &m.path_args {
            let Some(p) = path.next() else { break };
            let v = param_example(self.api, p);
            let (e, k) = self.value(&p.ty, &v, 0);
            args.push(self.fit(e, k, &self.qualify(ty)));
        }
        if let Some((_, ty)) = &m.arg {
            let qty = self.qualify(ty);
            let e = match s.params.iter().find(|p| &p.name == ty) {
                Some(ps) => {
                    let mut entries = Vec::new();
                    for (f, src) in ps.fields.iter().zip(&ps.sources) {
                        let fty = self.qualify(&f.ty);
                        let value = match *src {
                            ArgSource::Param(i) => {
                                let Some(p) = op.params.get(i).filter(|p| p.required) else {
                                    continue;
                                };
                                let v = param_example(self.api, p);
                                let (e, k) = self.value(&p.ty, &v, 0);
                                self.fit(e, k, &fty)
                            }
                            ArgSource::Field(i) => {
                                let Some(b) = op.body.as_ref().filter(|b| b.required) else {
                                    continue;
                                };
                                let Some(x) = self.object(&b.ty).and_then(|o| o.fields.get(i))
                                else {
                                    continue;
                                };
                                if !x.required {
                                    continue;
                                }
                                if f.ty == "io.Reader" || f.ty == "[]io.Reader" {
                                    let file = self.open(&x.name.wire, &mut before, &mut imports);
                                    if f.ty == "io.Reader" {
                                        file
                                    } else {
                                        imports.insert("io");
                                        format!("[]io.Reader{{{file}}}")
                                    }
                                } else {
                                    let v = field_example(self.api, x);
                                    let (e, k) = self.value(&x.ty, &v, 0);
                                    self.fit(e, k, &fty)
                                }
                            }
                            ArgSource::Body => {
                                let Some(b) = op.body.as_ref().filter(|b| b.required) else {
                                    continue;
                                };
                                match b.encoding {
                                    BodyEncoding::Binary => {
                                        self.open("body", &mut before, &mut imports)
                                    }
                                    BodyEncoding::Text => string_lit("text"),
                                    _ => {
                                        let v = body_example(self.api, b, false);
                                        let (e, k) = self.value(&b.ty, &v, 0);
                                        self.fit(e, k, &fty)
                                    }
                                }
                            }
                        };
                        entries.push((f.name.clone(), value));
                    }
                    composite(&qty, entries)
                }
                None => match &op.body {
                    Some(b) => {
                        let v = body_example(self.api, b, false);
                        let (e, k) = self.value(&b.ty, &v, 0);
                        self.fit(e, k, &qty)
                    }
                    None => format!("{qty}{{}}"),
                },
            };
            args.push(e);
        }
        let callee = match &m.pager {
            Some(p) => &p.all_name,
            None => &m.name,
        };
        let expr = format!("client.{}.{callee}({})", s.field, args.join(", "));
        let shape = if let (Some(_), Some(p)) = (&m.pager, &op.pagination) {
            Shape::Items(p.item.clone())
        } else {
            match (&m.ret, &op.response) {
                (Return::Empty, _) => Shape::Empty,
                (Return::Stream(_), _) => Shape::Stream,
                (Return::Text, _) => Shape::Text,
                (Return::Bytes, r) => {
                    imports.insert("os");
                    let media = match r {
                        ResponseKind::Binary { media_type } => media_type.as_str(),
                        _ => "",
                    };
                    Shape::Bytes(download_name(media))
                }
                (_, ResponseKind::Json { ty }) => Shape::Json(ty.clone()),
                _ => Shape::Text,
            }
        };
        Call {
            imports,
            before,
            expr,
            shape,
        }
    }

    /// Opens a file to upload in `before`; the name of the variable holding it.
    fn open(&self, wire: &str, before: &mut Vec<String>, imports: &mut BTreeSet<&str>) -> String {
        imports.insert("os");
        let n = before.iter().filter(|l| l.contains("os.Open(")).count();
        let var = if n == 0 {
            "f".to_string()
        } else {
            format!("f{}", n + 1)
        };
        let w = wire.to_ascii_lowercase();
        let file = if w.contains("video") || w.contains("media") {
            "clip.mp4"
        } else if w.contains("audio") {
            "audio.mp3"
        } else if w.contains("image") || w.contains("avatar") || w.contains("photo") {
            "image.png"
        } else {
            "file.bin"
        };
        before.push(format!("{var}, err := os.Open({})", string_lit(file)));
        before.push("if err != nil {\n\tlog.Fatal(err)\n}".into());
        before.push(format!("defer {var}.Close()"));
        var
    }

    /// The object type `t` names (through aliases).
    fn object(&self, t: &TypeRef) -> Option<&'a sdkgen_core::ir::ObjectType> {
        let mut t = t;
        for _ in 0..64 {
            match t {
                TypeRef::Named { id } => match &self.api.types.get(id.0)?.kind {
                    TypeKind::Object(o) => return Some(o),
                    TypeKind::Alias { target } => t = target,
                    _ => return None,
                },
                TypeRef::Nullable { inner } => t = inner,
                _ => return None,
            }
        }
        None
    }

    /// `e` (of kind `k`) as a value of the qualified Go type `ty`.
    fn fit(&self, e: String, k: Kind, ty: &str) -> String {
        let pkg = &self.pkg.name;
        if ty.starts_with('*') {
            return match k {
                Kind::Composite(_) => format!("&{e}"),
                Kind::Untyped(b) => {
                    let helper = match b {
                        "int64" => "Int",
                        "float64" => "Float",
                        "bool" => "Bool",
                        _ => "String",
                    };
                    format!("{pkg}.{helper}({e})")
                }
                Kind::Typed => format!("{pkg}.Ptr({e})"),
                Kind::Nil => "nil".into(),
            };
        }
        if let Some(inner) = ty
            .strip_prefix(&format!("{pkg}.Nullable["))
            .and_then(|t| t.strip_suffix(']'))
        {
            return match k {
                Kind::Nil => format!("{pkg}.Null[{inner}]()"),
                Kind::Untyped("int64") => format!("{pkg}.NewNullable(int64({e}))"),
                Kind::Untyped("float64") if !e.contains(['.', 'e', 'E']) => {
                    format!("{pkg}.NewNullable(float64({e}))")
                }
                _ => format!("{pkg}.NewNullable({e})"),
            };
        }
        e
    }

    /// The Go expression of JSON value `v` as a value of type `t` (the model's element type
    /// of `t`), with its kind.
    fn value(&self, t: &TypeRef, v: &Value, depth: usize) -> (String, Kind) {
        if depth > 8 {
            return ("nil".into(), Kind::Nil);
        }
        match t {
            TypeRef::Nullable { inner } => {
                if v.is_null() {
                    ("nil".into(), Kind::Nil)
                } else {
                    self.value(inner, v, depth)
                }
            }
            TypeRef::Primitive { ty } => primitive(*ty, v),
            TypeRef::Literal { value } => literal(value),
            TypeRef::Any => (any_value(v), Kind::Typed),
            TypeRef::Array { items } => {
                let ety = self.qualify(&self.ctx.elem(items));
                let elems: Vec<String> = match v {
                    Value::Array(a) => a
                        .iter()
                        .map(|x| {
                            let (e, k) = self.value(items, x, depth + 1);
                            elide(self.fit(e, k, &ety), &ety)
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let ty = format!("[]{ety}");
                (list(&ty, elems), Kind::Composite(ty))
            }
            TypeRef::Map { values } => {
                let vty = self.qualify(&self.ctx.elem(values));
                let ty = format!("map[string]{vty}");
                (
                    self.map_literal(&ty, values, &vty, v, depth),
                    Kind::Composite(ty),
                )
            }
            TypeRef::Named { id } => {
                let Some(def) = self.api.types.get(id.0) else {
                    return ("nil".into(), Kind::Nil);
                };
                let qname = self.qualify(&self.ctx.names[id.0]);
                if self.ctx.void_alias.contains(&id.0) {
                    return (any_value(v), Kind::Typed);
                }
                match &def.kind {
                    TypeKind::Alias { target } => self.value(target, v, depth + 1),
                    TypeKind::Object(o) if o.fields.is_empty() => {
                        let (values, vty) = match o.additional.as_deref() {
                            Some(a) => (a.clone(), self.qualify(&self.ctx.elem(a))),
                            None => (TypeRef::Any, "any".to_string()),
                        };
                        (
                            self.map_literal(&qname, &values, &vty, v, depth),
                            Kind::Composite(qname),
                        )
                    }
                    TypeKind::Object(o) => {
                        let empty = serde_json::Map::new();
                        let members = v.as_object().unwrap_or(&empty);
                        let (names, _) = model::object_field_names(o);
                        let ModelKind::Struct { fields, .. } = &self.pkg.models[id.0].kind else {
                            return (format!("{qname}{{}}"), Kind::Composite(qname));
                        };
                        let mut entries = Vec::new();
                        for (fi, (f, n)) in o.fields.iter().zip(names).enumerate() {
                            let (Some(n), Some(x)) = (n, members.get(&f.name.wire)) else {
                                continue;
                            };
                            // A field held by pointer to end a cycle of required fields
                            // stays nil, or the literal would never end.
                            if self.ctx.pointer_fields.contains(&(id.0, fi)) {
                                continue;
                            }
                            let Some(sf) = fields.iter().find(|sf| sf.name == n) else {
                                continue;
                            };
                            let (e, k) = self.value(&f.ty, x, depth + 1);
                            entries.push((n, self.fit(e, k, &self.qualify(&sf.ty))));
                        }
                        (composite(&qname, entries), Kind::Composite(qname))
                    }
                    TypeKind::Enum(_) => {
                        let ModelKind::Enum { consts, .. } = &self.pkg.models[id.0].kind else {
                            return ("nil".into(), Kind::Nil);
                        };
                        let lit = match v {
                            Value::String(s) => string_lit(s),
                            other => other.to_string(),
                        };
                        match consts.iter().find(|c| c.value == lit).or(consts.first()) {
                            Some(c) => (format!("{}.{}", self.pkg.name, c.name), Kind::Typed),
                            None => (format!("{qname}({lit})"), Kind::Typed),
                        }
                    }
                    TypeKind::Union(u) => {
                        let ModelKind::Union { variants, .. } = &self.pkg.models[id.0].kind else {
                            return ("nil".into(), Kind::Nil);
                        };
                        let Some(var) = variants.first() else {
                            return (format!("{qname}{{}}"), Kind::Composite(qname));
                        };
                        let Some(member) = u.variants.get(var.member) else {
                            return (format!("{qname}{{}}"), Kind::Composite(qname));
                        };
                        // The JSON was made from the first member; another one needs its own.
                        let own;
                        let v = if var.member == 0 {
                            v
                        } else {
                            own = example_value(self.api, &member.ty, "value", None, None, false);
                            &own
                        };
                        let (e, k) = self.value(member.ty.non_null(), v, depth + 1);
                        let e = self.fit(e, k, &self.qualify(&var.ty));
                        (
                            composite(&qname, vec![(var.field.clone(), e)]),
                            Kind::Composite(qname),
                        )
                    }
                }
            }
        }
    }

    fn map_literal(
        &self,
        ty: &str,
        values: &TypeRef,
        vty: &str,
        v: &Value,
        depth: usize,
    ) -> String {
        let entries: Vec<(String, String)> = match v {
            Value::Object(m) => m
                .iter()
                .map(|(k, x)| {
                    let (e, kind) = self.value(values, x, depth + 1);
                    (string_lit(k), elide(self.fit(e, kind, vty), vty))
                })
                .collect(),
            _ => Vec::new(),
        };
        composite(ty, entries)
    }
}

/// The value of a primitive type from JSON.
fn primitive(p: Primitive, v: &Value) -> (String, Kind) {
    match p {
        Primitive::Binary | Primitive::Base64 => {
            let text = match v {
                Value::String(s) if p == Primitive::Base64 => s.clone(),
                _ => "file contents".to_string(),
            };
            (format!("[]byte({})", string_lit(&text)), Kind::Typed)
        }
        Primitive::Integer | Primitive::Int64 => {
            let n = v
                .as_i64()
                .map(|n| n.to_string())
                .or_else(|| v.as_u64().map(|n| n.to_string()))
                .unwrap_or_else(|| "1".into());
            (n, Kind::Untyped("int64"))
        }
        Primitive::Number => {
            let n = if v.is_number() {
                v.to_string()
            } else {
                "1.5".into()
            };
            (n, Kind::Untyped("float64"))
        }
        Primitive::Boolean => (
            v.as_bool().unwrap_or(true).to_string(),
            Kind::Untyped("bool"),
        ),
        _ => {
            let s = match v {
                Value::String(s) => s.clone(),
                Value::Null => "string".to_string(),
                other => other.to_string(),
            };
            (string_lit(&s), Kind::Untyped("string"))
        }
    }
}

fn literal(l: &Literal) -> (String, Kind) {
    match l {
        Literal::String(s) => (string_lit(s), Kind::Untyped("string")),
        Literal::Integer(n) => (n.clone(), Kind::Untyped("int64")),
        Literal::Number(n) => (
            crate::naming::float_lit(n).unwrap_or_else(|| "0".into()),
            Kind::Untyped("float64"),
        ),
        Literal::Boolean(b) => (b.to_string(), Kind::Untyped("bool")),
        Literal::Null => ("nil".into(), Kind::Nil),
        Literal::Json(_) => (any_value(&literal_json(l)), Kind::Typed),
    }
}

/// JSON as a Go value of type `any`.
fn any_value(v: &Value) -> String {
    match v {
        Value::Null => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_lit(s),
        Value::Array(a) => list("[]any", a.iter().map(any_value).collect()),
        Value::Object(m) => composite(
            "map[string]any",
            m.iter()
                .map(|(k, x)| (string_lit(k), any_value(x)))
                .collect(),
        ),
    }
}

/// A slice or map element without its type, as gofmt -s writes it (`{Name: "x"}` in a
/// `[]T` literal).
fn elide(e: String, ty: &str) -> String {
    let bare = ty.strip_prefix('*').unwrap_or(ty);
    let rest = if ty.starts_with('*') {
        e.strip_prefix('&')
            .and_then(|r| r.strip_prefix(bare))
            .map(str::to_string)
    } else {
        e.strip_prefix(bare).map(str::to_string)
    };
    match rest {
        Some(r) if r.starts_with('{') => r,
        _ => e,
    }
}

/// `ty{a, b}`, one element a line when long.
fn list(ty: &str, elems: Vec<String>) -> String {
    let one = format!("{ty}{{{}}}", elems.join(", "));
    if one.len() <= WIDTH && !one.contains('\n') {
        return one;
    }
    let mut out = format!("{ty}{{\n");
    for e in elems {
        out.push_str(&indent(&format!("{e},")));
    }
    out.push('}');
    out
}

/// `ty{Key: value, ...}`, one member a line when long, values aligned as gofmt aligns
/// them (runs of one-line members; a multi-line member stands alone).
fn composite(ty: &str, entries: Vec<(String, String)>) -> String {
    let one = format!(
        "{ty}{{{}}}",
        entries
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if one.len() <= WIDTH && !one.contains('\n') {
        return one;
    }
    let mut out = format!("{ty}{{\n");
    let mut i = 0;
    while i < entries.len() {
        if entries[i].1.contains('\n') {
            let (k, v) = &entries[i];
            out.push_str(&indent(&format!("{k}: {v},")));
            i += 1;
            continue;
        }
        let mut j = i;
        while j < entries.len() && !entries[j].1.contains('\n') {
            j += 1;
        }
        let w = entries[i..j]
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in &entries[i..j] {
            let pad = " ".repeat(w - k.chars().count());
            out.push_str(&format!("\t{k}: {pad}{v},\n"));
        }
        i = j;
    }
    out.push('}');
    out
}

/// Every line one tab deeper, ending in a newline.
fn indent(text: &str) -> String {
    text.lines().map(|l| format!("\t{l}\n")).collect()
}

/// A file name for a download of this media type.
fn download_name(media: &str) -> String {
    let sub = media
        .split(';')
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ext = match sub.as_str() {
        "mpeg" => "mp3",
        "jpeg" => "jpg",
        "x-subrip" => "srt",
        s if !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_alphanumeric()) => s,
        _ => "bin",
    };
    format!("download.{ext}")
}
