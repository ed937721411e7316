//! Code samples of every operation for the API reference (`sdkgen docs`): a call on the
//! sync `Client`, with the resource attribute, method and argument names read from the same
//! model the package is rendered from (`model::Gen::plan`), and model types named by
//! `Gen::ty`. Required arguments are filled with plausible values
//! (`sdkgen_core::sample::example_value`); nested models are built with
//! `types.X.model_validate({...})` from their wire JSON.

use sdkgen_core::ir::{Api, Literal, Operation, Primitive, ResponseKind, TypeKind, TypeRef};
use sdkgen_core::sample::{example_value, literal_json, plain_example, LangSamples, Sample};
use serde_json::Value;

use crate::model::{title_words, Ctx, Fill, Gen, Method, Param, ResourcePlan};
use crate::naming::{py_str, snake};

/// One sample per operation: a call on `client` (see [`setup`]).
pub fn samples(api: &Api, name: Option<&str>) -> Vec<Sample> {
    let gen = Gen::new(api);
    samples_of(api, &gen, &gen.plan(), name)
}

/// The samples of the resources `plan` of `gen` lays out.
pub(crate) fn samples_of(
    api: &Api,
    gen: &Gen,
    plan: &[ResourcePlan],
    name: Option<&str>,
) -> Vec<Sample> {
    let pkg = package_name(name, api);
    let mut out = Vec::new();
    for r in plan {
        for m in &r.methods {
            out.push(Sample {
                operation: m.op.id.wire.clone(),
                code: call(api, gen, m.op, &r.attr, &m.method, &pkg),
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

fn call(api: &Api, gen: &Gen, op: &Operation, attr: &str, m: &Method, pkg: &str) -> String {
    let mut imports = Imports::default();
    // Path parameters are positional; the required keyword arguments follow.
    let mut args: Vec<String> = m
        .positional
        .iter()
        .map(|p| fill(api, gen, p, &mut imports))
        .collect();
    let keyword: Vec<String> = m
        .keyword
        .iter()
        .filter(|p| p.required)
        .map(|p| format!("{}={}", p.name, fill(api, gen, p, &mut imports)))
        .collect();
    args.extend(keyword);
    let callee = format!("client.{attr}.{}", m.name);
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

/// The value a sample passes for argument `p`.
fn fill(api: &Api, gen: &Gen, p: &Param, imports: &mut Imports) -> String {
    match &p.fill {
        Fill::Value {
            ty,
            example: Some(x),
            upload: false,
            ..
        } if plain_example(api, ty, x) => json_py(x),
        Fill::Value {
            ty,
            format,
            default,
            upload,
            ..
        } => value(
            api,
            gen,
            ty,
            &p.wire,
            format.as_deref(),
            default.as_ref(),
            *upload,
            imports,
        ),
        Fill::Text => py_str("text"),
        Fill::Bytes => "b\"file contents\"".to_string(),
    }
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
