//! Code samples of every operation for the API reference (`sdkgen docs`): a call on the
//! sync `Client`, with the resource attribute, method and argument names read from the same
//! model the package is rendered from (`model::Gen::plan`), and model types named by
//! `Gen::ty`. Required arguments are filled with plausible values
//! (`sdkgen_core::sample::example_value`); nested models are built with
//! `types.X.model_validate({...})` from their wire JSON.

use sdkgen_core::ir::{Api, Literal, Operation, Primitive, ResponseKind, TypeKind, TypeRef};
use sdkgen_core::sample::{
    example_value, literal_json, plain_example, scalar_example, union_fills, LangSamples, Sample,
};
use serde_json::Value;

use crate::layout::WIDTH;
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
    let words = match name {
        Some(n) => sdkgen_core::words::split_words(n),
        None => title_words(api),
    };
    crate::naming::escape(&snake(&words), &[])
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

pub(crate) fn call(
    api: &Api,
    gen: &Gen,
    op: &Operation,
    attr: &str,
    m: &Method,
    pkg: &str,
) -> String {
    let mut imports = Imports::default();
    // Path parameters are positional; the required keyword arguments follow.
    let mut args: Vec<Expr> = m
        .positional
        .iter()
        .map(|p| fill(api, gen, p, &mut imports))
        .collect();
    args.extend(m.keyword.iter().filter(|p| p.sampled).map(|p| {
        Expr::Pair(
            p.name.clone(),
            "=",
            Box::new(fill(api, gen, p, &mut imports)),
        )
    }));
    let call = Expr::Call(format!("client.{attr}.{}", m.name), args);
    let answer = match (&op.pagination, &op.response) {
        (Some(_), _) => Answer::Items,
        (None, ResponseKind::EventStream { .. }) => Answer::Events,
        (None, ResponseKind::Empty) => Answer::Nothing,
        _ => Answer::Value,
    };
    let lines = statement(&call, answer);
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
    code.push_str(&lines.join("\n"));
    code
}

/// What a call gives back, which decides the statement a sample makes of it.
#[derive(Clone, Copy)]
enum Answer {
    /// Pages of items: a loop printing each.
    Items,
    /// Server-sent events: a loop printing each.
    Events,
    /// Nothing: the call alone.
    Nothing,
    /// A value: assigned to `result`, then printed.
    Value,
}

/// The lines of the statement that makes a call of this kind of answer, laid out as ruff
/// format lays it out.
fn statement(call: &Expr, answer: Answer) -> Vec<String> {
    match answer {
        Answer::Items => for_loop("item", call),
        Answer::Events => for_loop("event", call),
        Answer::Nothing => lay(call, 0, "", ""),
        Answer::Value => {
            let mut l = assign("result", call);
            l.push("print(result)".into());
            l
        }
    }
}

/// A Python expression of a sample, kept as a tree so that it is laid out as `ruff format`
/// lays out the same expression written on one line (the samples land in REFERENCE.md,
/// whose code blocks ruff formats too).
enum Expr {
    /// Text that is never split: a name, a literal, a short call like `open(...)`.
    Atom(String),
    /// `callee(args)`.
    Call(String, Vec<Expr>),
    /// A list or a dict: the brackets and the items.
    Seq(&'static str, &'static str, Vec<Expr>),
    /// `name=value` (a keyword argument) or `"key": value` (a dict entry).
    Pair(String, &'static str, Box<Expr>),
}

impl Expr {
    fn flat(&self) -> String {
        match self {
            Expr::Atom(s) => s.clone(),
            Expr::Call(callee, args) => format!("{callee}({})", flat_items(args)),
            Expr::Seq(open, close, items) => format!("{open}{}{close}", flat_items(items)),
            Expr::Pair(key, sep, value) => format!("{key}{sep}{}", value.flat()),
        }
    }
}

fn flat_items(items: &[Expr]) -> String {
    items.iter().map(Expr::flat).collect::<Vec<_>>().join(", ")
}

/// `prefix`, `e` and `suffix` at `indent` spaces, split where ruff splits a line that is
/// too long: at the last bracket, one item a line with a trailing comma (which keeps ruff
/// from joining them again), each item split in turn; one item alone takes no comma and
/// goes on its own line, as ruff puts it.
fn lay(e: &Expr, indent: usize, prefix: &str, suffix: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let flat = format!("{pad}{prefix}{}{suffix}", e.flat());
    let (open, close, items) = match e {
        Expr::Pair(key, sep, value) => {
            return lay(value, indent, &format!("{prefix}{key}{sep}"), suffix)
        }
        _ if flat.len() <= WIDTH => return vec![flat],
        Expr::Call(callee, args) if !args.is_empty() => (format!("{callee}("), ")", args),
        Expr::Seq(open, close, items) if !items.is_empty() => (open.to_string(), *close, items),
        _ => return vec![flat],
    };
    let mut out = vec![format!("{pad}{prefix}{open}")];
    if let [one] = items.as_slice() {
        out.extend(lay(one, indent + 4, "", ""));
    } else {
        for item in items {
            out.extend(lay(item, indent + 4, "", ","));
        }
    }
    out.push(format!("{pad}{close}{suffix}"));
    out
}

/// The length of the first line of `e` after `prefix` (at no indentation) when `e` is split
/// at its own bracket (all of it when it has none to split at).
fn opening(e: &Expr, prefix: &str) -> usize {
    match e {
        Expr::Call(callee, args) if !args.is_empty() => prefix.len() + callee.len() + 1,
        _ => prefix.len() + e.flat().len(),
    }
}

/// `target = e`: split at the call's own parentheses when the line up to them fits, else
/// inside parentheses around the whole value (when that helps), as ruff does.
fn assign(target: &str, e: &Expr) -> Vec<String> {
    let prefix = format!("{target} = ");
    if prefix.len() + e.flat().len() <= WIDTH || opening(e, &prefix) <= WIDTH {
        return lay(e, 0, &prefix, "");
    }
    if opening(e, "    ") > WIDTH {
        return lay(e, 0, &prefix, "");
    }
    let mut out = vec![format!("{prefix}(")];
    out.extend(lay(e, 4, "", ""));
    out.push(")".into());
    out
}

/// `for target in e:` printing each element; when the line up to the call's parenthesis
/// is too long, ruff parenthesizes the target instead (if that helps).
fn for_loop(target: &str, e: &Expr) -> Vec<String> {
    let prefix = format!("for {target} in ");
    let fits = format!("{prefix}{}:", e.flat()).len() <= WIDTH;
    let mut out = if fits || opening(e, &prefix) <= WIDTH || opening(e, ") in ") > WIDTH {
        lay(e, 0, &prefix, ":")
    } else {
        let mut out = vec!["for (".to_string(), format!("    {target}")];
        out.extend(lay(e, 0, ") in ", ":"));
        out
    };
    out.push(format!("    print({target})"));
    out
}

/// The value a sample passes for argument `p`.
fn fill(api: &Api, gen: &Gen, p: &Param, imports: &mut Imports) -> Expr {
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
            constraints,
            ..
        } => match default.as_ref().filter(|d| !matches!(d, Literal::Null)) {
            None => match scalar_example(api, ty, &p.wire, format.as_deref(), constraints) {
                Some(v) => json_py(&v),
                None => value(
                    api,
                    gen,
                    ty,
                    &p.wire,
                    format.as_deref(),
                    None,
                    *upload,
                    imports,
                ),
            },
            Some(d) => value(
                api,
                gen,
                ty,
                &p.wire,
                format.as_deref(),
                Some(d),
                *upload,
                imports,
            ),
        },
        Fill::Text => Expr::Atom(py_str("text")),
        Fill::Bytes => Expr::Atom("b\"file contents\"".into()),
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
) -> Expr {
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
) -> Expr {
    if depth > 6 {
        return Expr::Atom("None".into());
    }
    match t {
        TypeRef::Primitive { ty } => match ty {
            Primitive::DateTime => {
                imports.datetime = true;
                Expr::Atom("datetime.fromisoformat(\"2025-01-01T00:00:00+00:00\")".into())
            }
            Primitive::Date => {
                imports.date = true;
                Expr::Atom("date.fromisoformat(\"2025-01-01\")".into())
            }
            Primitive::Binary if upload => Expr::Atom("open(\"file.bin\", \"rb\")".into()),
            Primitive::Binary => Expr::Atom("b\"file contents\"".into()),
            _ => json_py(&example_value(api, t, name, format, None, false)),
        },
        TypeRef::Nullable { inner } => walk(api, gen, inner, name, format, upload, imports, depth),
        TypeRef::Array { items } => Expr::Seq(
            "[",
            "]",
            vec![walk(
                api,
                gen,
                items,
                name,
                None,
                upload,
                imports,
                depth + 1,
            )],
        ),
        TypeRef::Map { values } => Expr::Seq(
            "{",
            "}",
            vec![Expr::Pair(
                py_str("key"),
                ": ",
                Box::new(walk(
                    api,
                    gen,
                    values,
                    "value",
                    None,
                    upload,
                    imports,
                    depth + 1,
                )),
            )],
        ),
        TypeRef::Named { id } => match &api.ty(*id).kind {
            TypeKind::Alias { target } => {
                walk(api, gen, target, name, format, upload, imports, depth + 1)
            }
            TypeKind::Object(_) => {
                imports.types = true;
                let class = gen.ty(t, Ctx::Model).flat();
                let v = example_value(api, t, name, format, None, false);
                Expr::Call(format!("types.{class}.model_validate"), vec![json_py(&v)])
            }
            TypeKind::Union(u) => match u.variants.first() {
                // An object variant as the union's sample builds it: with its tag, or the
                // optional members that tell it apart from the others.
                Some(v)
                    if matches!(v.ty.non_null(), TypeRef::Named { id } if matches!(api.ty(*id).kind, TypeKind::Object(_)))
                        && (u.discriminator.is_some() && !v.tags.is_empty()
                            || !union_fills(api, u).is_empty()) =>
                {
                    imports.types = true;
                    let class = gen.ty(v.ty.non_null(), Ctx::Model).flat();
                    let v = example_value(api, t, name, format, None, false);
                    Expr::Call(format!("types.{class}.model_validate"), vec![json_py(&v)])
                }
                Some(v) => {
                    let inner = walk(api, gen, &v.ty, name, format, upload, imports, depth + 1);
                    match (inner, &u.discriminator, v.tags.first()) {
                        // An object with nothing required: its tag says which variant.
                        (Expr::Call(callee, args), Some(d), Some(tag)) if matches!(args.as_slice(), [Expr::Seq("{", _, e)] if e.is_empty()) =>
                        {
                            let tag =
                                Expr::Pair(py_str(d), ": ", Box::new(Expr::Atom(py_str(tag))));
                            Expr::Call(callee, vec![Expr::Seq("{", "}", vec![tag])])
                        }
                        (inner, _, _) => inner,
                    }
                }
                None => Expr::Atom("None".into()),
            },
            TypeKind::Enum(_) => json_py(&example_value(api, t, name, format, None, false)),
        },
        _ => json_py(&example_value(api, t, name, format, None, false)),
    }
}

/// JSON as a Python literal.
fn json_py(v: &Value) -> Expr {
    match v {
        Value::Null => Expr::Atom("None".into()),
        Value::Bool(true) => Expr::Atom("True".into()),
        Value::Bool(false) => Expr::Atom("False".into()),
        Value::Number(n) => Expr::Atom(n.to_string()),
        Value::String(s) => Expr::Atom(py_str(s)),
        Value::Array(items) => Expr::Seq("[", "]", items.iter().map(json_py).collect()),
        Value::Object(m) => Expr::Seq(
            "{",
            "}",
            m.iter()
                .map(|(k, v)| Expr::Pair(py_str(k), ": ", Box::new(json_py(v))))
                .collect(),
        ),
    }
}

/// The samples as one program the type checkers read (the docs samples test and `cargo
/// xtask corpus` both check it): `samples.py` holds the set-up's imports and every
/// sample's, then the set-up (so `client` is the one the docs show), then one function per
/// sample; `pyrightconfig.json` and `mypy.ini` ask for strict checking (Python 3.9 for
/// pyright, as the package's `pyproject.toml` does) with `sdk_src`, the folder holding the
/// package, on the import path. Deprecated operations are sampled on purpose, so pyright's
/// `reportDeprecated` is off in this module, as in the package's own resource modules.
pub fn program(samples: &LangSamples, sdk_src: &str) -> Vec<sdkgen_core::emit::File> {
    let (mut imports, setup) = split_imports(&samples.setup);
    let mut bodies = String::new();
    for (i, s) in samples.samples.iter().enumerate() {
        let (imp, body) = split_imports(&s.code);
        for l in imp {
            if !imports.contains(&l) {
                imports.push(l);
            }
        }
        bodies.push_str(&format!(
            "\n\ndef sample_{i}_{}() -> None:\n",
            s.operation
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        ));
        for l in body.lines() {
            if l.is_empty() {
                bodies.push('\n');
            } else {
                bodies.push_str(&format!("    {l}\n"));
            }
        }
    }
    imports.sort();
    let module = format!(
        "# The docs samples of every operation, for the type checkers.\n\
         # pyright: reportDeprecated=false\n{}\n\n{setup}\n{bodies}",
        imports.join("\n")
    );
    let path = serde_json::to_string(sdk_src).unwrap_or_default();
    vec![
        sdkgen_core::emit::File::new("samples.py", module),
        sdkgen_core::emit::File::new(
            "pyrightconfig.json",
            format!(
                "{{\"typeCheckingMode\": \"strict\", \"pythonVersion\": \"3.9\", \
                 \"extraPaths\": [{path}], \"include\": [\"samples.py\"]}}\n"
            ),
        ),
        sdkgen_core::emit::File::new(
            "mypy.ini",
            format!("[mypy]\nstrict = True\nmypy_path = {sdk_src}\nfiles = samples.py\n"),
        ),
    ]
}

/// The import lines heading `code`, and the rest.
fn split_imports(code: &str) -> (Vec<String>, String) {
    let mut imports = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    for line in code.lines() {
        if rest.is_empty() && (line.starts_with("from ") || line.starts_with("import ")) {
            imports.push(line.to_string());
        } else if !(rest.is_empty() && line.is_empty()) {
            rest.push(line);
        }
    }
    (imports, rest.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(callee: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(callee.into(), args)
    }

    fn atom(s: &str) -> Expr {
        Expr::Atom(s.into())
    }

    // The expected layouts are what ruff format 0.17 makes of the one-line statements.
    #[test]
    fn a_long_head_is_parenthesized_when_that_helps() {
        let long =
            "client.balances.post_platforms_balance_platform_id_webhooks_webhook_id_settings";
        let e = call(long, vec![atom("a"), atom("b")]);
        assert_eq!(
            assign("result", &e),
            vec![
                "result = (".to_string(),
                format!("    {long}("),
                "        a,".into(),
                "        b,".into(),
                "    )".into(),
                ")".into(),
            ]
        );
        let longer = format!("{long}_and_more_and_more");
        let e = call(&longer, vec![atom("a")]);
        assert_eq!(
            assign("result", &e),
            vec![format!("result = {longer}("), "    a".into(), ")".into()]
        );
        // Nothing to split: parentheses only when the call then fits.
        let e = call(
            "client.admissionregistration_v1.watch_validating_admission_policy_binding_list",
            vec![],
        );
        assert_eq!(assign("result", &e).len(), 3);
        let e = call(
            "client.admissionregistration_v1.delete_collection_mutating_admission_policy_binding",
            vec![],
        );
        assert_eq!(assign("result", &e).len(), 1);
    }

    #[test]
    fn items_split_in_turn() {
        let dict = Expr::Seq(
            "{",
            "}",
            vec![
                Expr::Pair("\"id\"".into(), ": ", Box::new(atom("\"id_123\""))),
                Expr::Pair(
                    "\"type\"".into(),
                    ": ",
                    Box::new(atom("\"balanceAccount\"")),
                ),
                Expr::Pair("\"xxxxxxxxxxxxxx\"".into(), ": ", Box::new(atom("1"))),
            ],
        );
        let target = Expr::Pair(
            "target".into(),
            "=",
            Box::new(call("types.Target.model_validate", vec![dict])),
        );
        let e = call("client.balances.post", vec![atom("\"string\""), target]);
        assert_eq!(
            assign("result", &e).join("\n"),
            "result = client.balances.post(\n    \"string\",\n    target=types.Target.model_validate(\n        {\"id\": \"id_123\", \"type\": \"balanceAccount\", \"xxxxxxxxxxxxxx\": 1}\n    ),\n)"
        );
    }

    #[test]
    fn a_long_loop_head_parenthesizes_the_target() {
        let long =
            "client.balances.post_platforms_balance_platform_id_webhooks_webhook_id_settings";
        let e = call(long, vec![atom("a")]);
        assert_eq!(
            for_loop("item", &e),
            vec![
                "for (".to_string(),
                "    item".into(),
                format!(") in {long}(a):"),
                "    print(item)".into(),
            ]
        );
    }

    #[test]
    fn strings_take_the_quotes_ruff_prefers() {
        assert_eq!(
            py_str("status is \"cancelled\""),
            "'status is \"cancelled\"'"
        );
        assert_eq!(py_str("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(py_str("it's \"x"), "\"it's \\\"x\"");
    }
}
