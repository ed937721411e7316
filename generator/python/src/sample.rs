//! Code samples of every operation for the API reference (`sdkgen docs`): a call on the
//! sync `Client`, with the resource attribute, method and argument names settled exactly as
//! `model::Gen::resources` and `Gen::method` settle them (same allocators, same reserved
//! names, same order), and model types named by `Gen::ty`. Required arguments are filled
//! with plausible values (`sdkgen_core::sample::example_value`); nested models are built
//! with `types.X.model_validate({...})` from their wire JSON.

use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::ir::{
    Api, BodyEncoding, Literal, Operation, ParamLocation, Primitive, ResponseKind, TypeKind,
    TypeRef,
};
use sdkgen_core::sample::{example_value, literal_json, LangSamples, Sample};
use serde_json::Value;

use crate::model::{title_words, Ctx, Gen};
use crate::naming::{escape, py_str, snake, ANNOTATION_NAMES, KEYWORDS, TYPE_NAMES};

/// One sample per operation: a call on `client` (see [`setup`]).
pub fn samples(api: &Api, name: Option<&str>) -> Vec<Sample> {
    let gen = Gen::new(api);
    let pkg = package_name(name, api);
    let mut attrs = NameAllocator::new(false);
    attrs.reserve(KEYWORDS);
    attrs.reserve(TYPE_NAMES);
    attrs.reserve([
        "api_key",
        "username",
        "password",
        "base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "close",
        "send",
        "request",
        "environment",
    ]);
    let mut out = Vec::new();
    for g in &api.groups {
        let attr = attrs.alloc(&escape(&snake(&g.name.words), &[]));
        let mut methods = NameAllocator::new(false);
        methods.reserve(KEYWORDS);
        methods.reserve(ANNOTATION_NAMES);
        methods.reserve(["with_raw_response", "types", "deprecated"]);
        for op in &g.operations {
            let mname = methods.alloc(&escape(&snake(&op.method_name.words), &[]));
            out.push(Sample {
                operation: op.id.wire.clone(),
                code: call(api, &gen, op, &attr, &mname, &pkg),
            });
        }
    }
    out
}

/// The import name of the package (as `render::package` derives it).
pub fn package_name(name: Option<&str>, api: &Api) -> String {
    match name {
        Some(n) => snake(&sdkgen_core::words::split_words(n)),
        None => snake(&title_words(api)),
    }
}

/// The import and the client the samples use.
pub fn setup(api: &Api, name: Option<&str>) -> String {
    format!(
        "from {} import Client\n\nclient = Client()  # key from {}",
        package_name(name, api),
        sdkgen_core::naming::api_key_env_var(api)
    )
}

pub fn lang_samples(api: &Api, name: Option<&str>) -> LangSamples {
    LangSamples {
        lang: "python".into(),
        label: "Python".into(),
        setup: setup(api, name),
        samples: samples(api, name),
    }
}

#[derive(Default)]
struct Imports {
    datetime: bool,
    date: bool,
    types: bool,
}

fn call(api: &Api, gen: &Gen, op: &Operation, attr: &str, mname: &str, pkg: &str) -> String {
    let mut alloc = NameAllocator::new(false);
    alloc.reserve(KEYWORDS);
    alloc.reserve(TYPE_NAMES);
    alloc.reserve([
        "self",
        "extra_headers",
        "extra_query",
        "extra_body",
        "timeout",
        "max_retries",
        "idempotency_key",
        "cast",
        "path_param",
        "request_options",
        "types",
        "warnings",
        "deprecated",
    ]);
    let mut imports = Imports::default();
    let mut args: Vec<String> = Vec::new();
    let mut keyword: Vec<String> = Vec::new();
    for p in &op.params {
        if p.location == ParamLocation::Cookie
            || p.location == ParamLocation::Header
                && p.name.wire.eq_ignore_ascii_case("idempotency-key")
        {
            continue;
        }
        let pname = alloc.alloc(&escape(&snake(&p.name.words), &[]));
        if p.location == ParamLocation::Path {
            args.push(value(
                api,
                gen,
                &p.ty,
                &p.name.wire,
                p.format.as_deref(),
                p.default.as_ref(),
                false,
                &mut imports,
            ));
        } else if p.required {
            let v = value(
                api,
                gen,
                &p.ty,
                &p.name.wire,
                p.format.as_deref(),
                p.default.as_ref(),
                false,
                &mut imports,
            );
            keyword.push(format!("{pname}={v}"));
        }
    }
    if let Some(b) = &op.body {
        let upload = b.encoding == BodyEncoding::Multipart;
        let obj = object_of(api, &b.ty).and_then(|o| {
            if o.fields.is_empty() && o.additional.is_some() {
                None
            } else {
                Some(o)
            }
        });
        match (b.encoding, obj) {
            (BodyEncoding::Binary, _) | (BodyEncoding::Text, _) => {
                let pname = alloc.alloc("body");
                if b.required {
                    let v = if b.encoding == BodyEncoding::Text {
                        py_str("text")
                    } else {
                        "b\"file contents\"".to_string()
                    };
                    keyword.push(format!("{pname}={v}"));
                }
            }
            (_, Some(o)) => {
                for f in &o.fields {
                    if f.read_only {
                        continue;
                    }
                    let pname = alloc.alloc(&escape(&snake(&f.name.words), &[]));
                    if f.required && b.required {
                        let v = value(
                            api,
                            gen,
                            &f.ty,
                            &f.name.wire,
                            f.format.as_deref(),
                            f.default.as_ref(),
                            upload,
                            &mut imports,
                        );
                        keyword.push(format!("{pname}={v}"));
                    }
                }
            }
            (_, None) => {
                let pname = alloc.alloc("body");
                if b.required {
                    let v = value(api, gen, &b.ty, "body", None, None, upload, &mut imports);
                    keyword.push(format!("{pname}={v}"));
                }
            }
        }
    }
    args.extend(keyword);
    let callee = format!("client.{attr}.{mname}");
    let (pre, post) = match (&op.pagination, &op.response) {
        (Some(_), _) => ("for item in ", ":\n    print(item)"),
        (None, ResponseKind::EventStream { .. }) => ("for event in ", ":\n    print(event)"),
        (None, ResponseKind::Empty) => ("", ""),
        _ => ("result = ", "\nprint(result)"),
    };
    let one = format!(
        "{pre}{callee}({}){}",
        args.join(", "),
        post.lines().next().unwrap_or("")
    );
    let call = if one.len() <= 88 && !args.iter().any(|a| a.contains('\n')) {
        format!("{pre}{callee}({})", args.join(", "))
    } else {
        let mut s = format!("{pre}{callee}(\n");
        for a in &args {
            s.push_str(&format!("    {},\n", a.replace('\n', "\n    ")));
        }
        s.push(')');
        s
    };
    let mut head = Vec::new();
    let dt: Vec<&str> = [("date", imports.date), ("datetime", imports.datetime)]
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(n, _)| n)
        .collect();
    if !dt.is_empty() {
        head.push(format!("from datetime import {}", dt.join(", ")));
    }
    if imports.types {
        head.push(format!("from {pkg} import types"));
    }
    let mut code = String::new();
    if !head.is_empty() {
        code.push_str(&head.join("\n"));
        code.push_str("\n\n");
    }
    code.push_str(&call);
    code.push_str(post);
    code
}

fn object_of<'a>(api: &'a Api, t: &TypeRef) -> Option<&'a sdkgen_core::ir::ObjectType> {
    let mut cur = t.clone();
    for _ in 0..16 {
        match cur {
            TypeRef::Named { id } => match &api.ty(id).kind {
                TypeKind::Object(o) => return Some(o),
                TypeKind::Alias { target } => cur = target.clone(),
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}

/// A Python expression of the SDK's argument type for `t`.
#[allow(clippy::too_many_arguments)]
fn value(
    api: &Api,
    gen: &Gen,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    default: Option<&Literal>,
    upload: bool,
    imports: &mut Imports,
) -> String {
    if let Some(d) = default {
        let plain = matches!(
            t.non_null(),
            TypeRef::Primitive {
                ty: Primitive::String
                    | Primitive::Uuid
                    | Primitive::Integer
                    | Primitive::Int64
                    | Primitive::Number
                    | Primitive::Boolean
            }
        );
        if plain && !matches!(d, Literal::Null) {
            return json_py(&literal_json(d));
        }
    }
    walk(api, gen, t, name, format, upload, imports, 0)
}

#[allow(clippy::too_many_arguments)]
fn walk(
    api: &Api,
    gen: &Gen,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    upload: bool,
    imports: &mut Imports,
    depth: usize,
) -> String {
    if depth > 6 {
        return "None".into();
    }
    match t {
        TypeRef::Primitive { ty } => match ty {
            Primitive::DateTime => {
                imports.datetime = true;
                "datetime.fromisoformat(\"2025-01-01T00:00:00+00:00\")".into()
            }
            Primitive::Date => {
                imports.date = true;
                "date.fromisoformat(\"2025-01-01\")".into()
            }
            Primitive::Binary if upload => "open(\"file.bin\", \"rb\")".into(),
            Primitive::Binary => "b\"file contents\"".into(),
            _ => json_py(&example_value(api, t, name, format, None, false)),
        },
        TypeRef::Nullable { inner } => walk(api, gen, inner, name, format, upload, imports, depth),
        TypeRef::Array { items } => format!(
            "[{}]",
            walk(api, gen, items, name, None, upload, imports, depth + 1)
        ),
        TypeRef::Map { values } => format!(
            "{{\"key\": {}}}",
            walk(api, gen, values, "value", None, upload, imports, depth + 1)
        ),
        TypeRef::Named { id } => match &api.ty(*id).kind {
            TypeKind::Alias { target } => {
                walk(api, gen, target, name, format, upload, imports, depth + 1)
            }
            TypeKind::Object(_) => {
                imports.types = true;
                let class = gen.ty(t, Ctx::Model).flat();
                let v = example_value(api, t, name, format, None, false);
                format!("types.{class}.model_validate({})", json_py(&v))
            }
            TypeKind::Union(u) => match u.variants.first() {
                Some(v) => {
                    let inner = walk(api, gen, &v.ty, name, format, upload, imports, depth + 1);
                    match (&u.discriminator, v.tags.first()) {
                        (Some(d), Some(tag)) if inner.ends_with("({})") => format!(
                            "{}({{{}: {}}})",
                            &inner[..inner.len() - 4],
                            py_str(d),
                            py_str(tag)
                        ),
                        _ => inner,
                    }
                }
                None => "None".into(),
            },
            TypeKind::Enum(_) => json_py(&example_value(api, t, name, format, None, false)),
        },
        _ => json_py(&example_value(api, t, name, format, None, false)),
    }
}

/// JSON as a Python literal.
fn json_py(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(json_py).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), json_py(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
