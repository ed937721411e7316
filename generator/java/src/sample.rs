//! Code samples of every operation for the API reference (`sdkgen docs`), the method
//! reference and the migration guides, named through the same model as the SDK
//! (`model::build`): each sample calls exactly the accessor, method, builder setters, enum
//! constants and union factories the package defines. Required parameters and body fields
//! are filled with the spec's examples or plausible values (`sdkgen_core::sample`); optional
//! ones are left out (the overload without a parameters object is used when it exists).

use std::collections::{BTreeSet, HashMap};

use sdkgen_core::emit::File;
use sdkgen_core::ir::{Api, BodyEncoding, Literal, ParamLocation, Primitive, TypeKind, TypeRef};
use sdkgen_core::sample::{
    body_example, body_sampled, literal_json, param_example, LangSamples, Sample,
};
use serde_json::Value;

use crate::model::{self, MethodDef, ModelBody, ModelDef, Package, Types};
use crate::naming::{string_lit, width};
use crate::render;

/// Deeper values than this are written as `null` (recursive types end).
const MAX_DEPTH: usize = 12;

/// One operation's sample, kept in parts so the phrasebook can rewrite its use of the result.
#[derive(Clone)]
pub(crate) struct Built {
    pub operation: String,
    /// Fully qualified classes the statements name.
    pub imports: BTreeSet<String>,
    /// The statements that call the operation (and print what it returns).
    pub body: String,
    /// As `render::Shape::kind`.
    pub kind: &'static str,
}

impl Built {
    /// The imports, a blank line, then the statements.
    pub fn code(&self) -> String {
        join(&self.imports, &self.body)
    }
}

/// `import` lines, a blank line, then `body`.
pub(crate) fn join(imports: &BTreeSet<String>, body: &str) -> String {
    let mut out = String::new();
    for i in imports {
        out.push_str(&format!("import {i};\n"));
    }
    if !imports.is_empty() {
        out.push('\n');
    }
    out.push_str(body);
    out
}

/// One sample per operation: a call on `client` (see [`setup`]).
pub fn samples(api: &Api, name: Option<&str>) -> Vec<Sample> {
    let pkg = model::build(api, name);
    build(&pkg)
        .into_iter()
        .map(|b| Sample {
            code: b.code(),
            operation: b.operation,
        })
        .collect()
}

/// The import and the client the samples use.
pub fn setup(api: &Api, name: Option<&str>) -> String {
    setup_of(&model::build(api, name))
}

pub(crate) fn setup_of(pkg: &Package) -> String {
    let c = &pkg.client;
    format!(
        "import {}.{c};\n\n{c} client = {c}.fromEnv(); // key from {}",
        pkg.package, pkg.env_api_key
    )
}

pub fn lang_samples(api: &Api, name: Option<&str>) -> LangSamples {
    let pkg = model::build(api, name);
    LangSamples {
        lang: "java".into(),
        label: "Java".into(),
        setup: setup_of(&pkg),
        samples: build(&pkg)
            .into_iter()
            .map(|b| Sample {
                code: b.code(),
                operation: b.operation,
            })
            .collect(),
    }
}

/// A piece of docs code for [`program`]: statements on `client`, their imports first (as a
/// [`Sample`] is written).
pub struct Snippet<'a> {
    /// What the code shows (the operation id): a comment above the class.
    pub label: &'a str,
    pub code: &'a str,
    /// The code calls deprecated API on purpose: its method suppresses that warning.
    pub deprecated: bool,
}

/// Docs code as a Java program in package `package`, one compilation unit a piece (each keeps
/// its own imports, as a reader copies it): first the class `Setup`, whose `client()` runs
/// `setup` and returns the client, then a class `Sample<i>` per snippet whose `run` takes that
/// client. Paths are relative to a source root. `None` when `setup` declares no client.
pub fn program(package: &str, setup: &str, snippets: &[Snippet]) -> Option<Vec<File>> {
    let (imports, body) = split(setup);
    let client = body.split_whitespace().next()?.to_string();
    let dir: std::path::PathBuf = package.split('.').collect();
    let unit = |base: &str, imports: &BTreeSet<String>, comment: &str, methods: String| {
        let class = free_name(base, imports);
        let mut out = format!("package {package};\n\n");
        for i in imports {
            out.push_str(&format!("import {i};\n"));
        }
        if !imports.is_empty() {
            out.push('\n');
        }
        out.push_str(&comment_line(comment));
        out.push_str(&format!("final class {class} {{\n{methods}}}\n"));
        File::new(dir.join(format!("{class}.java")), out)
    };
    let mut files = vec![unit(
        "Setup",
        &imports,
        "The set-up every sample starts from.",
        format!(
            "  static {client} client() {{\n{}\n    return client;\n  }}\n",
            indent(&body)
        ),
    )];
    for (i, s) in snippets.iter().enumerate() {
        let (mut own, body) = split(s.code);
        own.extend(imports.iter().cloned());
        let suppress = if s.deprecated {
            "  @SuppressWarnings(\"deprecation\")\n"
        } else {
            ""
        };
        files.push(unit(
            &format!("Sample{i}"),
            &own,
            s.label,
            format!(
                "{suppress}  static void run({client} client) {{\n{}\n  }}\n",
                indent(&body)
            ),
        ));
    }
    Some(files)
}

/// The samples of `api` as a [`program`]: one snippet per operation, labelled with its id; a
/// deprecated operation's sample may use it without a warning.
pub fn samples_program(api: &Api, samples: &LangSamples, package: &str) -> Option<Vec<File>> {
    let deprecated: BTreeSet<&str> = api
        .operations()
        .filter(|o| o.docs.deprecated)
        .map(|o| o.id.wire.as_str())
        .collect();
    let snippets: Vec<Snippet> = samples
        .samples
        .iter()
        .map(|s| Snippet {
            label: &s.operation,
            code: &s.code,
            deprecated: deprecated.contains(s.operation.as_str()),
        })
        .collect();
    program(package, &samples.setup, &snippets)
}

/// The imports (without `import` and `;`) and the statements of a piece of docs code.
fn split(code: &str) -> (BTreeSet<String>, String) {
    let mut imports = BTreeSet::new();
    let mut body: Vec<&str> = Vec::new();
    for l in code.lines() {
        match l.strip_prefix("import ").and_then(|i| i.strip_suffix(';')) {
            Some(i) if body.is_empty() => {
                imports.insert(i.to_string());
            }
            _ if body.is_empty() && l.trim().is_empty() => {}
            _ => body.push(l),
        }
    }
    (imports, body.join("\n"))
}

/// Statements indented as a method body.
fn indent(body: &str) -> String {
    body.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `base`, or `base` with underscores, so no imported class has the name.
fn free_name(base: &str, imports: &BTreeSet<String>) -> String {
    let taken: BTreeSet<&str> = imports
        .iter()
        .map(|i| i.rsplit('.').next().unwrap_or(i))
        .collect();
    let mut name = base.to_string();
    while taken.contains(name.as_str()) {
        name.push('_');
    }
    name
}

/// `text` as a `//` comment line: printable characters only, and no backslash (javac reads
/// `\u` escapes even in comments).
fn comment_line(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() || c == '\\' { ' ' } else { c })
        .collect();
    format!("// {}\n", clean.trim())
}

/// The samples of every operation of `pkg` (companion methods have none of their own).
pub(crate) fn build(pkg: &Package) -> Vec<Built> {
    let w = Writer::new(pkg);
    let mut out = Vec::new();
    for r in &pkg.resources {
        for m in r.methods.iter().filter(|m| m.companion_of.is_none()) {
            out.push(w.sample(&r.accessor, m));
        }
    }
    out
}

/// A Java expression: a plain one, or a method chain (`X.builder().a(1L).build()`) that can
/// break one call a line.
#[derive(Clone)]
enum J {
    Atom(String),
    /// `head(args)`: a static factory or the SDK call itself.
    Call(String, Vec<J>),
    Chain {
        head: String,
        calls: Vec<(String, Vec<J>)>,
    },
}

impl J {
    fn inline(&self) -> String {
        match self {
            J::Atom(s) => s.clone(),
            J::Call(head, args) => {
                let a: Vec<String> = args.iter().map(J::inline).collect();
                format!("{head}({})", a.join(", "))
            }
            J::Chain { head, calls } => {
                let mut out = head.clone();
                for (name, args) in calls {
                    let a: Vec<String> = args.iter().map(J::inline).collect();
                    out.push_str(&format!(".{name}({})", a.join(", ")));
                }
                out
            }
        }
    }

    /// The expression starting at column `col` of a line indented by `ind`, followed by
    /// `tail`: on one line when it fits in 100 columns, else a chain breaks before each call
    /// (indented four more) and its arguments break the same way.
    fn layout(&self, ind: usize, col: usize, tail: &str) -> String {
        let one = self.inline();
        if col + width(&one) + width(tail) <= 100 {
            return format!("{one}{tail}");
        }
        let (head, calls) = match self {
            J::Atom(_) => return format!("{one}{tail}"),
            J::Call(head, args) => return format!("{head}({}", args_layout(args, ind, tail)),
            J::Chain { head, calls } => (head, calls),
        };
        let pad = " ".repeat(ind + 4);
        let mut out = head.clone();
        for (i, (name, args)) in calls.iter().enumerate() {
            let end = if i + 1 == calls.len() { tail } else { "" };
            out.push_str(&format!("\n{pad}.{name}("));
            let start = ind + 4 + 2 + width(name);
            match args.as_slice() {
                [a] => out.push_str(&a.layout(ind + 4, start, &format!("){end}"))),
                many => out.push_str(&args_layout(many, ind + 4, end)),
            }
        }
        out
    }
}

/// The arguments after an opening parenthesis that did not fit on its line: all on the next
/// line (indented four more) when they fit, else one a line; then `)` and `tail`.
fn args_layout(args: &[J], ind: usize, tail: &str) -> String {
    if args.is_empty() {
        return format!("){tail}");
    }
    let inner = " ".repeat(ind + 4);
    let one: Vec<String> = args.iter().map(J::inline).collect();
    let one = one.join(", ");
    if ind + 4 + width(&one) + 1 + width(tail) <= 100 {
        return format!("\n{inner}{one}){tail}");
    }
    let mut out = String::new();
    for (k, a) in args.iter().enumerate() {
        let sep = if k + 1 == args.len() {
            format!("){tail}")
        } else {
            ",".into()
        };
        out.push_str(&format!("\n{inner}"));
        out.push_str(&a.layout(ind + 4, ind + 4, &sep));
    }
    out
}

/// `lhs = rhs;` as google-java-format would break it: on one line, else after `=` with the
/// value indented four more, else the value's chain broken.
fn assignment(lhs: &str, rhs: &J) -> String {
    let one = format!("{lhs} = {};", rhs.inline());
    if width(&one) <= 100 {
        return one;
    }
    let value = rhs.inline();
    if 4 + width(&value) < 100 || matches!(rhs, J::Atom(_)) {
        return format!("{lhs} =\n    {value};");
    }
    format!("{lhs} =\n    {}", rhs.layout(4, 4, ";"))
}

struct Writer<'a> {
    pkg: &'a Package,
    types: Types<'a>,
    models: HashMap<&'a str, &'a ModelDef>,
    /// The operation being sampled (`uploadSessionVideo`): names the file it uploads.
    operation: std::cell::RefCell<String>,
}

impl<'a> Writer<'a> {
    fn new(pkg: &'a Package) -> Self {
        Writer {
            pkg,
            types: render::types_for_samples(pkg),
            models: pkg.models.iter().map(|m| (m.name.as_str(), m)).collect(),
            operation: Default::default(),
        }
    }

    fn api(&self) -> &'a Api {
        &self.pkg.api
    }

    fn model_class(&self, class: &str, imports: &mut BTreeSet<String>) {
        imports.insert(format!("{}.models.{class}", self.pkg.package));
    }

    fn core_class(&self, class: &str, imports: &mut BTreeSet<String>) {
        imports.insert(format!("{}.core.{class}", self.pkg.package));
    }

    fn sample(&self, accessor: &str, m: &MethodDef) -> Built {
        let api = self.api();
        let op = &m.op;
        self.operation.replace(op.id.wire.clone());
        let mut imports = BTreeSet::new();
        let shape = render::shape(&self.types, m, &mut BTreeSet::new());
        let mut lines: Vec<String> = Vec::new();
        let mut args: Vec<J> = Vec::new();
        for p in op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
        {
            let v = param_example(api, p);
            args.push(self.expr(&p.ty, &v, &p.name.wire, &mut imports, 0));
        }
        if let Some((class, required)) = &m.params_class {
            if *required {
                let chain = self.params(class, op, &mut imports);
                lines.push(assignment(&format!("{class} params"), &chain));
                args.push(J::Atom("params".into()));
            }
        }
        if let Some(b) = &op.body {
            let value = match b.encoding {
                // An optional file or text the sample leaves out, as the other languages do
                // (`sample::body_sampled`).
                BodyEncoding::Binary | BodyEncoding::Text if !body_sampled(api, b) => {
                    J::Atom("null".into())
                }
                BodyEncoding::Binary
                    if matches!(self.types.resolve(&b.ty), TypeRef::Primitive { .. }) =>
                {
                    self.file(&b.media_type, &mut imports)
                }
                _ => {
                    let v = body_example(api, b, false);
                    self.expr(&b.ty, &v, "body", &mut imports, 0)
                }
            };
            match value {
                J::Atom(s) => args.push(J::Atom(s)),
                chain => {
                    let ty = shape
                        .args
                        .iter()
                        .find(|(_, n)| n == "body")
                        .map(|(t, _)| t.clone())
                        .unwrap_or_default();
                    self.types.jtype(&b.ty, &mut imports);
                    lines.push(assignment(&format!("{ty} body"), &chain));
                    args.push(J::Atom("body".into()));
                }
            }
        }
        let call = J::Call(format!("client.{accessor}().{}", m.name), args);
        let print = "System.out.println";
        // `open` then the call then `close`, broken after `open` when too long.
        let header = |open: &str, close: &str| {
            let one = format!("{open} {}{close}", call.inline());
            if width(&one) <= 100 {
                one
            } else {
                format!("{open}\n    {}", call.layout(4, 4, close))
            }
        };
        match shape.kind {
            "page" => {
                let item = op
                    .pagination
                    .as_ref()
                    .map(|p| self.types.jtype(&p.item, &mut imports))
                    .unwrap_or_default();
                let open = header(&format!("for ({item} item :"), ") {");
                lines.push(format!("{open}\n  {print}(item);\n}}"));
            }
            "sse" => {
                let ty = match &op.response {
                    sdkgen_core::ir::ResponseKind::EventStream { ty } => {
                        self.types.jtype(ty, &mut imports)
                    }
                    _ => String::new(),
                };
                self.core_class("EventStream", &mut imports);
                let open = header(&format!("try (EventStream<{ty}> events ="), ") {");
                lines.push(format!(
                    "{open}\n  for ({ty} event : events) {{\n    {print}(event);\n  }}\n}}"
                ));
            }
            "empty" => lines.push(call.layout(0, 0, ";")),
            "binary" => {
                lines.push(assignment("byte[] result", &call));
                lines.push(format!("{print}(result.length + \" bytes\");"));
            }
            _ => {
                if let sdkgen_core::ir::ResponseKind::Json { ty } = &op.response {
                    self.types.jtype(ty, &mut imports);
                }
                lines.push(assignment(&format!("{} result", shape.ret), &call));
                lines.push(format!("{print}(result);"));
            }
        }
        Built {
            operation: op.id.wire.clone(),
            imports,
            body: lines.join("\n"),
            kind: shape.kind,
        }
    }

    /// The parameters object with its required parameters set.
    fn params(
        &self,
        class: &str,
        op: &sdkgen_core::ir::Operation,
        imports: &mut BTreeSet<String>,
    ) -> J {
        self.model_class(class, imports);
        let mut calls = Vec::new();
        if let Some(ModelDef {
            body: ModelBody::Object { names, .. },
            ..
        }) = self.models.get(class)
        {
            let others = op
                .params
                .iter()
                .filter(|p| p.location != ParamLocation::Path);
            for (p, n) in others.zip(names) {
                if p.required {
                    let v = param_example(self.api(), p);
                    calls.push((
                        n.ident.clone(),
                        vec![self.expr(&p.ty, &v, &p.name.wire, imports, 0)],
                    ));
                }
            }
        }
        calls.push(("build".into(), Vec::new()));
        J::Chain {
            head: format!("{class}.builder()"),
            calls,
        }
    }

    /// A file read from disk, named after what it holds (by the field's or media type's
    /// name, else the operation's).
    fn file(&self, hint: &str, imports: &mut BTreeSet<String>) -> J {
        self.core_class("FileUpload", imports);
        imports.insert("java.nio.file.Path".into());
        let h = format!("{hint} {}", self.operation.borrow()).to_ascii_lowercase();
        let name = if ["video", "media", "clip", "movie"]
            .iter()
            .any(|k| h.contains(k))
        {
            "clip.mp4"
        } else if h.contains("audio") {
            "clip.mp3"
        } else if ["image", "photo", "avatar", "logo", "picture"]
            .iter()
            .any(|k| h.contains(k))
        {
            "image.png"
        } else {
            "file.bin"
        };
        J::Atom(format!("FileUpload.of(Path.of({}))", string_lit(name)))
    }

    /// A Java expression of type `t` holding the JSON value `v` (a field or parameter
    /// called `name`).
    fn expr(
        &self,
        t: &TypeRef,
        v: &Value,
        name: &str,
        imports: &mut BTreeSet<String>,
        depth: usize,
    ) -> J {
        if depth > MAX_DEPTH {
            return J::Atom("null".into());
        }
        let atom = |s: String| J::Atom(s);
        match t {
            TypeRef::Primitive { ty } => atom(match ty {
                Primitive::Binary => return self.file(name, imports),
                Primitive::Integer | Primitive::Int64 => long(v),
                Primitive::Number => double(v),
                Primitive::Boolean => v.as_bool().unwrap_or(true).to_string(),
                _ => match v {
                    Value::String(s) => string_lit(s),
                    other => string_lit(&other.to_string()),
                },
            }),
            TypeRef::Literal { value } => atom(match value {
                Literal::String(s) => string_lit(s),
                Literal::Integer(_) => long(&literal_json(value)),
                Literal::Number(_) => double(&literal_json(value)),
                Literal::Boolean(b) => b.to_string(),
                _ => self.json_node(&literal_json(value), imports),
            }),
            TypeRef::Nullable { inner } => {
                if v.is_null() {
                    atom("null".into())
                } else {
                    self.expr(inner, v, name, imports, depth + 1)
                }
            }
            TypeRef::Array { items } => {
                imports.insert("java.util.List".into());
                let items: Vec<J> = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| self.expr(items, x, name, imports, depth + 1))
                            .collect()
                    })
                    .unwrap_or_default();
                J::Call("List.of".into(), items)
            }
            TypeRef::Map { values } => {
                imports.insert("java.util.Map".into());
                let mut args = Vec::new();
                if let Some(m) = v.as_object() {
                    for (k, x) in m.iter().take(10) {
                        args.push(J::Atom(string_lit(k)));
                        args.push(self.expr(values, x, k, imports, depth + 1));
                    }
                }
                J::Call("Map.of".into(), args)
            }
            TypeRef::Any => atom(self.json_node(v, imports)),
            TypeRef::Named { id } => {
                let Some(def) = self.api().types.get(id.0) else {
                    return atom("null".into());
                };
                if let TypeKind::Alias { target } = &def.kind {
                    return self.expr(target, v, name, imports, depth + 1);
                }
                let class = self.pkg.type_names[id.0].as_str();
                let Some(model) = self.models.get(class) else {
                    return atom("null".into());
                };
                self.model_class(class, imports);
                match &model.body {
                    ModelBody::Enum { string, constants } => {
                        atom(enum_value(class, *string, constants, v))
                    }
                    ModelBody::Union { variants, .. } => {
                        let Some((_, factory, ty, _)) = variants.first() else {
                            return atom("null".into());
                        };
                        J::Chain {
                            head: class.to_string(),
                            calls: vec![(
                                factory.clone(),
                                vec![self.expr(ty, v, name, imports, depth + 1)],
                            )],
                        }
                    }
                    ModelBody::Object { fields, names } => {
                        let empty = serde_json::Map::new();
                        let obj = v.as_object().unwrap_or(&empty);
                        let mut calls = Vec::new();
                        let mut seen = BTreeSet::new();
                        for (f, n) in fields.iter().zip(names) {
                            if !seen.insert(f.name.wire.as_str()) {
                                continue;
                            }
                            // An optional deprecated property is left out (its setter warns).
                            let wanted = f.required || !f.docs.deprecated;
                            if let Some(x) = obj.get(&f.name.wire).filter(|_| wanted) {
                                calls.push((
                                    n.ident.clone(),
                                    vec![self.expr(&f.ty, x, &f.name.wire, imports, depth + 1)],
                                ));
                            }
                        }
                        let extra = match &def.kind {
                            TypeKind::Object(o) => o.additional.as_ref(),
                            _ => None,
                        };
                        if let Some(extra) = extra {
                            for (k, x) in obj.iter().filter(|(k, _)| !seen.contains(k.as_str())) {
                                calls.push((
                                    "additionalProperty".into(),
                                    vec![
                                        J::Atom(string_lit(k)),
                                        self.expr(extra, x, k, imports, depth + 1),
                                    ],
                                ));
                            }
                        }
                        calls.push(("build".into(), Vec::new()));
                        J::Chain {
                            head: format!("{class}.builder()"),
                            calls,
                        }
                    }
                }
            }
        }
    }

    /// A `JsonNode` holding `v`.
    fn json_node(&self, v: &Value, imports: &mut BTreeSet<String>) -> String {
        self.core_class("Json", imports);
        match v {
            Value::Object(m) if m.is_empty() => "Json.object()".into(),
            other => format!("Json.raw({})", string_lit(&other.to_string())),
        }
    }
}

/// The constant of an enum class holding `v`, or the instance `of` makes for a value the
/// SDK does not know.
pub(crate) fn enum_value(
    class: &str,
    string: bool,
    constants: &[(String, Literal, sdkgen_core::ir::Docs)],
    v: &Value,
) -> String {
    if let Some((c, _, _)) = constants.iter().find(|(_, l, _)| &literal_json(l) == v) {
        return format!("{class}.{c}");
    }
    match (string, v) {
        (true, Value::String(s)) => format!("{class}.of({})", string_lit(s)),
        _ => match constants.first() {
            Some((c, _, _)) => format!("{class}.{c}"),
            None => "null".into(),
        },
    }
}

/// A `long` literal (boxed to `Long` where needed).
fn long(v: &Value) -> String {
    match v.as_i64() {
        Some(n) => format!("{n}L"),
        None => match v.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}L", f as i64),
            _ => "1L".into(),
        },
    }
}

/// A `double` literal.
fn double(v: &Value) -> String {
    match v.as_f64() {
        Some(f) if f.is_finite() => {
            let s = format!("{f:?}");
            if s.contains(['.', 'e', 'E']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        _ => "1.5".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_java_literals() {
        assert_eq!(long(&serde_json::json!(10)), "10L");
        assert_eq!(long(&serde_json::json!(2.0)), "2L");
        assert_eq!(double(&serde_json::json!(1)), "1.0");
        assert_eq!(double(&serde_json::json!(0.25)), "0.25");
    }

    #[test]
    fn long_chains_break_one_call_a_line() {
        let chain = J::Chain {
            head: "SessionCreate.builder()".into(),
            calls: vec![
                ("name".into(), vec![J::Atom(string_lit(&"x".repeat(60)))]),
                ("language".into(), vec![J::Atom(string_lit("en"))]),
                ("build".into(), vec![]),
            ],
        };
        let text = assignment("SessionCreate body", &chain);
        assert!(
            text.starts_with("SessionCreate body =\n    SessionCreate.builder()\n        .name(")
        );
        assert!(text.ends_with("\n        .build();"), "{text}");
        let short = J::Chain {
            head: "A.builder()".into(),
            calls: vec![("build".into(), vec![])],
        };
        assert_eq!(assignment("A a", &short), "A a = A.builder().build();");
    }
}
