//! Code samples of every operation for the API reference (`sdkgen docs`), named through
//! the same model as the SDK (`model::build`), so each sample calls exactly the method,
//! path arguments and parameter keys the package defines. Required parameters and body
//! fields are filled with plausible values (`sdkgen_core::sample::example_value`).

use sdkgen_core::ir::{
    Api, BodyEncoding, Literal, ObjectType, ParamLocation, Primitive, TypeKind, TypeRef,
};
use sdkgen_core::sample::{example_value, plain_example, scalar_example, LangSamples, Sample};
use serde_json::Value;

use crate::model::{self, Method};
use crate::naming::{prop_key, string_lit};

/// One sample per operation: a call on `client` (see [`setup`]).
pub fn samples(api: &Api, name: Option<&str>) -> Vec<Sample> {
    samples_of(api, &model::build(api, name))
}

/// The samples of the package `pkg` built from `api`.
pub(crate) fn samples_of(api: &Api, pkg: &model::Package) -> Vec<Sample> {
    let mut out = Vec::new();
    for (g, r) in api.groups.iter().zip(&pkg.resources) {
        let own = r.methods.iter().filter(|m| !m.companion);
        for (op, m) in g.operations.iter().zip(own) {
            out.push(Sample {
                operation: op.id.wire.clone(),
                code: call(api, op, &r.attr, m),
            });
        }
    }
    out
}

/// The import and the client the samples use.
pub fn setup(api: &Api, name: Option<&str>) -> String {
    setup_of(&model::build(api, name))
}

/// The set-up of the package `pkg`.
pub(crate) fn setup_of(pkg: &model::Package) -> String {
    format!(
        "import {{ Client }} from {};\n\nconst client = new Client(); // key from {}",
        string_lit(&pkg.name),
        pkg.auth.setup_env
    )
}

pub fn lang_samples(api: &Api, name: Option<&str>) -> LangSamples {
    LangSamples {
        lang: "typescript".into(),
        label: "TypeScript".into(),
        setup: setup(api, name),
        samples: samples(api, name),
    }
}

/// Where a field of the params object comes from.
enum Src<'a> {
    Param(&'a sdkgen_core::ir::Param),
    Field(&'a sdkgen_core::ir::Field),
    Body(&'a sdkgen_core::ir::RequestBody),
}

fn call(api: &Api, op: &sdkgen_core::ir::Operation, attr: &str, m: &Method) -> String {
    let mut args = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        args.push(value(
            api,
            &p.ty,
            &p.name.wire,
            p.format.as_deref(),
            p.default.as_ref(),
            p.example.as_ref(),
            &p.constraints,
            1,
        ));
    }
    if let Some(params) = &m.params {
        // The same order model::build_method lays the fields out in.
        let mut src: Vec<Src> = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .map(Src::Param)
            .collect();
        if let Some(b) = &op.body {
            if m.body_key.is_some() {
                src.push(Src::Body(b));
            } else if let Some(TypeRef::Named { id }) = Some(&b.ty) {
                if let TypeKind::Object(o) = &api.ty(*id).kind {
                    let mut seen = std::collections::HashSet::new();
                    for f in &o.fields {
                        if seen.insert(f.name.wire.clone()) {
                            src.push(Src::Field(f));
                        }
                    }
                }
            }
        }
        let mut props = Vec::new();
        if src.len() == params.fields.len() {
            for (f, s) in params.fields.iter().zip(&src) {
                // Required members (the type asks for them), and the required properties of
                // an optional body that a sample sends.
                let sampled = !f.optional
                    || match s {
                        Src::Param(_) => false,
                        Src::Field(x) => op
                            .body
                            .as_ref()
                            .is_some_and(|b| sdkgen_core::sample::field_sampled(api, b, x)),
                        Src::Body(b) => sdkgen_core::sample::body_sampled(api, b),
                    };
                if !sampled {
                    continue;
                }
                let v = match s {
                    Src::Param(p) => value(
                        api,
                        &p.ty,
                        &p.name.wire,
                        p.format.as_deref(),
                        p.default.as_ref(),
                        p.example.as_ref(),
                        &p.constraints,
                        1,
                    ),
                    Src::Field(x) => value(
                        api,
                        &x.ty,
                        &x.name.wire,
                        x.format.as_deref(),
                        x.default.as_ref(),
                        x.example.as_ref(),
                        &x.constraints,
                        1,
                    ),
                    Src::Body(b) => match b.encoding {
                        BodyEncoding::Binary => "new Blob([\"file contents\"])".to_string(),
                        BodyEncoding::Text => string_lit("text"),
                        _ => value(api, &b.ty, "body", None, None, None, &Default::default(), 1),
                    },
                };
                props.push(format!("{}: {v}", f.key));
            }
        }
        if props.is_empty() {
            if params.required {
                args.push("{}".into());
            }
        } else {
            // On one line when the whole call fits in 80 columns, else one member a line.
            let one = format!("{{ {} }}", props.join(", "));
            let callee = format!("const result = await client.{attr}.{}(", m.name);
            let width =
                callee.len() + args.iter().map(|a| a.len() + 2).sum::<usize>() + one.len() + 2;
            if width <= 80 && !one.contains('\n') {
                args.push(one);
            } else {
                args.push(format!("{{\n  {},\n}}", props.join(",\n  ")));
            }
        }
    }
    let callee = format!("client.{attr}.{}", m.name);
    let call = format!("{callee}({})", args.join(", "));
    if m.page.is_some() {
        format!("for await (const item of {call}) {{\n  console.log(item);\n}}")
    } else if m.response == "sse" {
        format!("const stream = await {call};\nfor await (const event of stream) {{\n  console.log(event);\n}}")
    } else if m.response == "empty" {
        format!("await {call};")
    } else {
        format!("const result = await {call};\nconsole.log(result);")
    }
}

/// A TypeScript expression of type `t`, required members filled. `ind` is the indentation
/// level (two spaces each) of the lines of a multi-line object.
#[allow(clippy::too_many_arguments)]
fn value(
    api: &Api,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    default: Option<&Literal>,
    example: Option<&Value>,
    constraints: &sdkgen_core::ir::Constraints,
    ind: usize,
) -> String {
    if let Some(x) = example.filter(|x| plain_example(api, t, x)) {
        return json_ts(x);
    }
    if let Some(d) = default {
        if !matches!(d, Literal::Null) {
            return json_ts(&sdkgen_core::sample::literal_json(d));
        }
    }
    match scalar_example(api, t, name, format, constraints) {
        Some(v) => json_ts(&v),
        None => walk(api, t, name, format, ind, 0),
    }
}

fn walk(
    api: &Api,
    t: &TypeRef,
    name: &str,
    format: Option<&str>,
    ind: usize,
    depth: usize,
) -> String {
    if depth > 6 {
        return "null".into();
    }
    match t {
        TypeRef::Primitive {
            ty: Primitive::Binary,
        } => "new Blob([\"file contents\"])".into(),
        TypeRef::Nullable { inner } => walk(api, inner, name, format, ind, depth),
        TypeRef::Array { items } => {
            let item = walk(api, items, name, None, ind + 1, depth + 1);
            if item.contains('\n') {
                let pad = "  ".repeat(ind);
                format!("[\n{pad}  {item},\n{pad}]")
            } else {
                format!("[{item}]")
            }
        }
        TypeRef::Map { values } => {
            let value = walk(api, values, "value", None, ind + 1, depth + 1);
            if value.contains('\n') {
                let pad = "  ".repeat(ind);
                format!("{{\n{pad}  key: {value},\n{pad}}}")
            } else {
                format!("{{ key: {value} }}")
            }
        }
        TypeRef::Named { id } => match &api.ty(*id).kind {
            TypeKind::Alias { target } => walk(api, target, name, format, ind, depth + 1),
            TypeKind::Object(o) => object_literal(api, o, &[], None, ind, depth),
            TypeKind::Union(u) => match u.variants.first() {
                Some(v) => {
                    let fills = sdkgen_core::sample::union_fills(api, u);
                    let tag = u
                        .discriminator
                        .as_deref()
                        .zip(v.tags.first().map(String::as_str));
                    match sdkgen_core::sample::variant_object(api, &v.ty) {
                        Some(o) if !fills.is_empty() || tag.is_some() => {
                            object_literal(api, o, &fills, tag, ind, depth + 1)
                        }
                        _ => walk(api, &v.ty, name, format, ind, depth + 1),
                    }
                }
                None => "null".into(),
            },
            TypeKind::Enum(_) => json_ts(&example_value(api, t, name, format, None, false)),
        },
        _ => json_ts(&example_value(api, t, name, format, None, false)),
    }
}

/// An object literal of `o`: its required members, the optional ones in `fills` (those that
/// tell a union's first variant apart, `sdkgen_core::sample::union_fills`), and the `tag`
/// (discriminator, value) of a discriminated variant.
fn object_literal(
    api: &Api,
    o: &ObjectType,
    fills: &[String],
    tag: Option<(&str, &str)>,
    ind: usize,
    depth: usize,
) -> String {
    let mut props = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // A discriminated variant carries its tag, as its own property or first.
    if let Some((d, tag)) = tag {
        if !o.fields.iter().any(|f| f.name.wire == d) {
            props.push(format!("{}: {}", prop_key(d), string_lit(tag)));
        }
    }
    for f in &o.fields {
        // Read-only members the interface requires are filled too: it is the
        // type the argument must have.
        if !(f.required || fills.contains(&f.name.wire)) || !seen.insert(f.name.wire.clone()) {
            continue;
        }
        let v = match (&f.example, &f.default) {
            _ if tag.is_some_and(|(d, _)| d == f.name.wire) => {
                string_lit(tag.map_or("", |(_, t)| t))
            }
            (Some(x), _) if plain_example(api, &f.ty, x) => json_ts(x),
            (_, Some(d)) if !matches!(d, Literal::Null) => {
                json_ts(&sdkgen_core::sample::literal_json(d))
            }
            _ => match scalar_example(
                api,
                &f.ty,
                &f.name.wire,
                f.format.as_deref(),
                &f.constraints,
            ) {
                Some(v) => json_ts(&v),
                None => walk(
                    api,
                    &f.ty,
                    &f.name.wire,
                    f.format.as_deref(),
                    ind + 1,
                    depth + 1,
                ),
            },
        };
        props.push(format!("{}: {v}", prop_key(&f.name.wire)));
    }
    if props.is_empty() {
        "{}".into()
    } else {
        let pad = "  ".repeat(ind);
        format!(
            "{{\n{pad}  {},\n{pad}}}",
            props.join(&format!(",\n{pad}  "))
        )
    }
}

fn json_ts(v: &Value) -> String {
    match v {
        Value::String(s) => string_lit(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(json_ts).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(m) => {
            if m.is_empty() {
                return "{}".into();
            }
            let props: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", prop_key(k), json_ts(v)))
                .collect();
            format!("{{ {} }}", props.join(", "))
        }
        other => other.to_string(),
    }
}

/// The samples as one program tsc checks (the docs samples test and `cargo xtask corpus`
/// both do): `samples.ts` holds the set-up, with the package imported from `index` (a
/// module specifier of the SDK's `src/index.js`) instead of its npm name, then one async
/// function per sample; `tsconfig.json` has the package's own compiler options (strict and
/// the rest), without emitting, with no ambient `@types`.
pub fn program(samples: &LangSamples, index: &str) -> Vec<sdkgen_core::emit::File> {
    let package = samples
        .setup
        .lines()
        .find_map(|l| l.strip_prefix("import ")?.split(" from ").nth(1))
        .map(|s| s.trim_end_matches(';').to_string());
    let local = |line: &str| -> String {
        let head = package.as_ref().and_then(|p| {
            line.strip_suffix(&format!(" from {p};"))
                .filter(|h| h.starts_with("import "))
        });
        match head {
            Some(h) => format!("{h} from {};", string_lit(index)),
            None => line.to_string(),
        }
    };
    let mut module = String::from("// The docs samples of every operation, for tsc.\n");
    for l in samples.setup.lines() {
        module.push_str(&local(l));
        module.push('\n');
    }
    for (i, s) in samples.samples.iter().enumerate() {
        module.push_str(&format!(
            "\nexport async function sample{i}_{}(): Promise<void> {{\n",
            s.operation
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        ));
        for l in s.code.lines() {
            if l.is_empty() {
                module.push('\n');
            } else {
                module.push_str(&format!("  {}\n", local(l)));
            }
        }
        module.push_str("}\n");
    }
    let mut options = serde_json::from_str::<Value>(&crate::render::tsconfig_json())
        .ok()
        .and_then(|mut v| v.get_mut("compilerOptions")?.as_object_mut().cloned())
        .unwrap_or_default();
    for emit_only in ["declaration", "sourceMap", "rootDir", "outDir"] {
        options.remove(emit_only);
    }
    options.insert("types".into(), Value::Array(Vec::new()));
    options.insert("noEmit".into(), Value::Bool(true));
    let tsconfig = serde_json::json!({
        "compilerOptions": options,
        "files": ["samples.ts"],
    });
    vec![
        sdkgen_core::emit::File::new("samples.ts", module),
        sdkgen_core::emit::File::new("package.json", "{\"type\": \"module\"}\n"),
        sdkgen_core::emit::File::new(
            "tsconfig.json",
            format!(
                "{}\n",
                serde_json::to_string_pretty(&tsconfig).unwrap_or_default()
            ),
        ),
    ]
}
