//! Code samples of every operation for the API reference (`sdkgen docs`) and the method
//! reference, named through the same model as the SDK (`model::build`): each sample calls the
//! method, path parameters, parameters class and properties the package defines, and builds
//! bodies with its model classes, enum members and union variants. Required parameters and
//! body fields are filled with plausible values (`sdkgen_core::sample::example_value`),
//! optional ones left out.

use std::collections::BTreeSet;

use sdkgen_core::ir::{
    Api, BodyEncoding, Field, Literal, Operation, Param, ParamLocation, Primitive, RequestBody,
    TypeKind, TypeRef,
};
use sdkgen_core::sample::{
    body_example, body_sampled, field_example, field_sampled, literal_json, param_example,
    LangSamples, Sample,
};
use serde_json::Value;

use crate::model::{self, Method, Model, ModelKind, Package, Resource, Returns, Types};
use crate::naming::string_lit;

/// Lines wider than this are broken at the last argument's object initializer.
const WIDTH: usize = 100;

/// One sample per operation: a call on `client` (see [`setup`]).
pub fn samples(api: &Api, name: Option<&str>) -> Vec<Sample> {
    calls(api, name)
        .into_iter()
        .map(|c| Sample {
            operation: c.operation.clone(),
            code: c.code(None),
        })
        .collect()
}

/// The `using` directives and the client the samples use.
pub fn setup(api: &Api, name: Option<&str>) -> String {
    let pkg = build(api, name);
    setup_of(&pkg)
}

pub fn lang_samples(api: &Api, name: Option<&str>) -> LangSamples {
    let pkg = build(api, name);
    LangSamples {
        lang: "csharp".into(),
        label: "C#".into(),
        setup: setup_of(&pkg),
        samples: calls_of(api, &pkg)
            .into_iter()
            .map(|c| Sample {
                code: c.code(None),
                operation: c.operation,
            })
            .collect(),
    }
}

/// A `using` directive (not a `using` statement).
fn is_using(line: &str) -> bool {
    line.starts_with("using ") && line.ends_with(';') && !line.contains('(')
}

/// One C# source file that holds `setup` and every block (samples, or migration-guide
/// snippets) so a compiler can check them against the SDK: each block becomes a `static async`
/// method of a class `Samples` in the global namespace, taking the `client` the set-up builds;
/// the blocks' `using` directives go to the top. The wrapper names its own types through
/// `global::`, so an SDK type named `Task` or `GC` cannot make them ambiguous.
pub fn program(api: &Api, name: Option<&str>, setup: &str, blocks: &[&str]) -> String {
    let client = build(api, name).client;
    let mut usings: Vec<String> = Vec::new();
    let mut body = String::new();
    let mut method = |head: &str, code: &str, usings: &mut Vec<String>| {
        body.push_str(&format!("    {head}\n    {{\n"));
        for l in code.lines().filter(|l| is_using(l)) {
            if !usings.iter().any(|u| u == l) {
                usings.push(l.to_string());
            }
        }
        for l in code
            .lines()
            .filter(|l| !is_using(l))
            .skip_while(|l| l.is_empty())
        {
            if l.is_empty() {
                body.push('\n');
            } else {
                body.push_str(&format!("        {l}\n"));
            }
        }
        body.push_str("    }\n\n");
    };
    method(
        "public static void Setup()",
        &format!("{setup}\nglobal::System.GC.KeepAlive(client);"),
        &mut usings,
    );
    for (i, b) in blocks.iter().enumerate() {
        method(
            &format!(
                "public static async global::System.Threading.Tasks.Task Sample{i}({client} client)"
            ),
            &format!("await global::System.Threading.Tasks.Task.Yield();\n{b}"),
            &mut usings,
        );
    }
    format!(
        "// The docs' C# samples, checked against the SDK (sdkgen_csharp::sample::program).\n{}\n\npublic static class Samples\n{{\n{}\n}}\n",
        usings.join("\n"),
        body.trim_end_matches('\n')
    )
}

fn build(api: &Api, name: Option<&str>) -> Package {
    model::build(api, name, &model::runtime_names(crate::RUNTIME))
}

fn setup_of(pkg: &Package) -> String {
    let key = match pkg.auth.model.schemes.first() {
        Some(s) if !s.is_basic() && s.options[0].words == ["api", "key"] => {
            format!(" // API key from {}", s.options[0].env)
        }
        Some(s) => format!(
            " // credentials from {}",
            s.options
                .iter()
                .map(|o| o.env.as_str())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        None => String::new(),
    };
    format!(
        "using System;\nusing {ns};\nusing {ns}.Core;\n\nvar client = new {}();{key}",
        pkg.client,
        ns = pkg.ns
    )
}

/// What a call hands back, which decides how its result is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A parsed model or value, printed.
    Value,
    /// Text, printed.
    Text,
    /// Bytes, written to a file.
    Bytes,
    /// Every item of every page, through the auto-pager.
    Pages,
    /// Server-sent events.
    Stream,
    /// Nothing.
    Empty,
}

/// The call of one operation, in pieces the phrasebook can reuse.
pub(crate) struct Call {
    pub operation: String,
    /// `client.Sessions.CreateAsync`: the typed method.
    pub method: String,
    /// The arguments, each as a node that can be laid out on one line or broken.
    args: Vec<Node>,
    /// The method the sample calls (`ListAutoPaging` for paginated operations).
    callee: String,
    pub shape: Shape,
    /// `using` directives the arguments need beyond the set-up's.
    imports: BTreeSet<String>,
    /// The declarations of the methods (from the renderer), for the method reference.
    pub declarations: Vec<String>,
    /// `Console`, or `System.Console` when the SDK's namespace has a type of that name.
    pub console: String,
    /// `File`, or `System.IO.File` likewise.
    file: String,
    /// (wire name, C# name) of every argument: path parameters as the method's parameters,
    /// the rest as properties of its parameters class.
    pub arg_names: Vec<(String, String)>,
}

impl Call {
    /// The sample; `uses` replaces the default use of the result (lines at the indentation
    /// of the statement that uses it, without the indentation).
    pub fn code(&self, uses: Option<&str>) -> String {
        let mut out = String::new();
        // `System` namespaces first, as .NET's conventions order them.
        let (system, other): (Vec<&String>, Vec<&String>) = self
            .imports
            .iter()
            .partition(|i| *i == "System" || i.starts_with("System."));
        for i in system.into_iter().chain(other) {
            out.push_str(&format!("using {i};\n"));
        }
        if !self.imports.is_empty() {
            out.push('\n');
        }
        let indent = |text: &str, pad: &str| -> String {
            text.lines()
                .map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("{pad}{l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self.shape {
            Shape::Value | Shape::Text => {
                out.push_str(&self.statement("var result = await ", ";"));
                out.push('\n');
                out.push_str(uses.unwrap_or(&format!("{}.WriteLine(result);", self.console)));
            }
            Shape::Bytes => {
                out.push_str(&self.statement("var result = await ", ";"));
                out.push('\n');
                out.push_str(uses.unwrap_or(&format!(
                    "{}.WriteAllBytes(\"download.bin\", result);",
                    self.file
                )));
            }
            Shape::Pages => {
                out.push_str(&self.statement("var pager = ", ";"));
                out.push_str("\nwhile (await pager.MoveNextAsync())\n{\n");
                out.push_str(&indent(
                    uses.unwrap_or(&format!("{}.WriteLine(pager.Current);", self.console)),
                    "    ",
                ));
                out.push_str("\n}");
            }
            Shape::Stream => {
                out.push_str(&self.statement("using (var stream = await ", ")"));
                out.push_str("\n{\n    while (await stream.MoveNextAsync())\n    {\n");
                out.push_str(&indent(
                    uses.unwrap_or(&format!("{}.WriteLine(stream.Current);", self.console)),
                    "        ",
                ));
                out.push_str("\n    }\n}");
            }
            Shape::Empty => out.push_str(&self.statement("await ", ";")),
        }
        out
    }

    /// `<before>callee(args)<after>`, on one line when it fits, else with the last argument
    /// broken over lines.
    fn statement(&self, before: &str, after: &str) -> String {
        let flat: Vec<String> = self.args.iter().map(Node::flat).collect();
        let one = format!("{before}{}({}){after}", self.callee, flat.join(", "));
        if one.len() <= WIDTH || self.args.is_empty() {
            return one;
        }
        let mut head: Vec<String> = flat[..flat.len() - 1].to_vec();
        let last = self.args.last().map(|n| n.broken(0)).unwrap_or_default();
        head.push(last);
        format!("{before}{}({}){after}", self.callee, head.join(", "))
    }
}

/// A C# expression that can be laid out on one line or over several (object and collection
/// initializers in Allman style).
#[derive(Debug, Clone)]
enum Node {
    Atom(String),
    /// `head { a, b }`: members are (prefix, value), e.g. (`Name = `, `"x"`).
    Init {
        head: String,
        members: Vec<(String, Node)>,
    },
    /// `open` inner `close`, e.g. `new Pet.Cat(` ... `)`.
    Wrap {
        open: String,
        inner: Box<Node>,
        close: String,
    },
}

impl Node {
    fn flat(&self) -> String {
        match self {
            Node::Atom(s) => s.clone(),
            Node::Init { head, members } if members.is_empty() => format!("{head}()"),
            Node::Init { head, members } => {
                let m: Vec<String> = members
                    .iter()
                    .map(|(p, v)| format!("{p}{}", v.flat()))
                    .collect();
                format!("{head} {{ {} }}", m.join(", "))
            }
            Node::Wrap { open, inner, close } => format!("{open}{}{close}", inner.flat()),
        }
    }

    /// Laid out over lines, the first at the current position and the rest at `ind`.
    fn broken(&self, ind: usize) -> String {
        match self {
            Node::Atom(_) => self.flat(),
            Node::Init { members, .. } if members.is_empty() => self.flat(),
            Node::Init { head, members } => {
                let pad = " ".repeat(ind);
                let inner = " ".repeat(ind + 4);
                let lines: Vec<String> = members
                    .iter()
                    .map(|(p, v)| {
                        let flat = v.flat();
                        if ind + 4 + p.len() + flat.len() < WIDTH {
                            format!("{inner}{p}{flat}")
                        } else {
                            format!("{inner}{p}{}", v.broken(ind + 4))
                        }
                    })
                    .collect();
                format!("{head}\n{pad}{{\n{}\n{pad}}}", lines.join(",\n"))
            }
            Node::Wrap { open, inner, close } => format!("{open}{}{close}", inner.broken(ind)),
        }
    }
}

/// Every operation's call, in the order of the API's groups.
pub(crate) fn calls(api: &Api, name: Option<&str>) -> Vec<Call> {
    calls_of(api, &build(api, name))
}

fn calls_of(api: &Api, pkg: &Package) -> Vec<Call> {
    let runtime = model::runtime_names(crate::RUNTIME);
    let types = Types {
        api,
        runtime: &runtime,
        names: &pkg.type_names,
        ns: &pkg.ns,
    };
    let cx = Cx { pkg, types };
    let mut out = Vec::new();
    for (g, r) in api.groups.iter().zip(&pkg.resources) {
        for (op, m) in g.operations.iter().zip(&r.methods) {
            out.push(cx.call(op, r, m));
        }
    }
    out
}

/// The model, the set-up and every call, for the phrasebook (one build of the model).
pub(crate) fn book_parts(api: &Api, name: Option<&str>) -> (Package, String, Vec<Call>) {
    let pkg = build(api, name);
    let setup = setup_of(&pkg);
    let calls = calls_of(api, &pkg);
    (pkg, setup, calls)
}

/// Where a property of a parameters class comes from.
enum Src<'a> {
    Param(&'a Param),
    Field(&'a Field),
    Body(&'a RequestBody),
}

struct Cx<'a> {
    pkg: &'a Package,
    types: Types<'a>,
}

impl<'a> Cx<'a> {
    fn call(&self, op: &Operation, r: &Resource, m: &Method) -> Call {
        let mut imports = BTreeSet::new();
        let mut args = Vec::new();
        let mut arg_names = Vec::new();
        let mut seen = Vec::new();
        for p in op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
        {
            if seen.contains(&&p.name.wire) {
                continue;
            }
            seen.push(&p.name.wire);
            if let Some(pp) = m.path_params.get(seen.len() - 1) {
                arg_names.push((
                    p.name.wire.clone(),
                    pp.local.trim_start_matches('@').to_string(),
                ));
            }
            let v = param_example(self.types.api, p);
            args.push(self.value(&p.ty, &v, &mut imports, 0));
        }
        if let Some((class, required)) = &m.params {
            let members = self.params_members(op, r, class, &mut imports, &mut arg_names);
            if !members.is_empty() || *required {
                args.push(Node::Init {
                    head: format!("new {class}"),
                    members,
                });
            }
        }
        let (callee, shape) = match &m.returns {
            Returns::Page { .. } => (
                m.auto.clone().unwrap_or_else(|| m.name.clone()),
                Shape::Pages,
            ),
            Returns::Stream(_) => (m.name.clone(), Shape::Stream),
            Returns::Empty => (m.name.clone(), Shape::Empty),
            Returns::Text => (m.name.clone(), Shape::Text),
            Returns::Binary => (m.name.clone(), Shape::Bytes),
            Returns::Json(_) => (m.name.clone(), Shape::Value),
        };
        let file = if self.taken("File") {
            "System.IO.File"
        } else {
            if shape == Shape::Bytes {
                imports.insert("System.IO".into());
            }
            "File"
        };
        Call {
            operation: op.id.wire.clone(),
            method: format!("client.{}.{}", r.prop, m.name),
            args,
            callee: format!("client.{}.{callee}", r.prop),
            shape,
            imports,
            declarations: crate::render::declarations(m),
            console: if self.taken("Console") {
                "System.Console".into()
            } else {
                "Console".into()
            },
            file: file.into(),
            arg_names,
        }
    }

    /// The required properties of the parameters class, filled.
    fn params_members(
        &self,
        op: &Operation,
        r: &Resource,
        class: &str,
        imports: &mut BTreeSet<String>,
        names: &mut Vec<(String, String)>,
    ) -> Vec<(String, Node)> {
        let Some(ModelKind::Object(props)) =
            r.params.iter().find(|p| p.name == class).map(|p| &p.kind)
        else {
            return Vec::new();
        };
        // The same order model::build_method lays the properties out in.
        let mut src: Vec<Src> = Vec::new();
        let mut seen: Vec<(ParamLocation, &str)> = Vec::new();
        for p in op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
        {
            if !seen.contains(&(p.location, p.name.wire.as_str())) {
                seen.push((p.location, p.name.wire.as_str()));
                src.push(Src::Param(p));
            }
        }
        if let Some(b) = &op.body {
            match self.flat_body(b) {
                Some(fields) => {
                    let mut wires: Vec<&str> = Vec::new();
                    for f in fields {
                        if !wires.contains(&f.name.wire.as_str()) {
                            wires.push(&f.name.wire);
                            src.push(Src::Field(f));
                        }
                    }
                }
                None => src.push(Src::Body(b)),
            }
        }
        if src.len() != props.len() {
            names.extend(props.iter().map(|p| (p.wire.clone(), p.name.clone())));
            return Vec::new();
        }
        let mut out = Vec::new();
        for (prop, s) in props.iter().zip(&src) {
            let wire = match s {
                Src::Param(p) => &p.name.wire,
                Src::Field(f) => &f.name.wire,
                Src::Body(_) => "body",
            };
            names.push((wire.to_string(), prop.name.clone()));
            // Required properties, and the required properties of an optional body that a
            // sample sends; a constant one is set by its initializer.
            let sampled = prop.required
                || match s {
                    Src::Param(_) => false,
                    Src::Field(f) => op
                        .body
                        .as_ref()
                        .is_some_and(|b| field_sampled(self.types.api, b, f)),
                    Src::Body(b) => body_sampled(self.types.api, b),
                };
            if !sampled || prop.init.is_some() {
                continue;
            }
            let node = match s {
                Src::Param(p) => {
                    let v = param_example(self.types.api, p);
                    self.value(&p.ty, &v, imports, 0)
                }
                Src::Field(f) => {
                    let v = field_example(self.types.api, f);
                    self.value(&f.ty, &v, imports, 0)
                }
                Src::Body(b) => match b.encoding {
                    BodyEncoding::Binary => upload(),
                    BodyEncoding::Text => Node::Atom(string_lit("text")),
                    _ => {
                        let v = body_example(self.types.api, b, false);
                        self.value(&b.ty, &v, imports, 0)
                    }
                },
            };
            out.push((format!("{} = ", prop.name), node));
        }
        out
    }

    /// Whether the SDK's namespace declares a type `name` (which would hide `System`'s).
    fn taken(&self, name: &str) -> bool {
        let p = self.pkg;
        p.client == name
            || p.environments.as_ref().is_some_and(|e| e.name == name)
            || p.models.iter().any(|m| m.name == name)
            || p.resources
                .iter()
                .any(|r| r.class == name || r.params.iter().any(|m| m.name == name))
    }

    /// The fields a body spreads into the parameters class (as model::build_method decides).
    fn flat_body(&self, b: &RequestBody) -> Option<&'a [Field]> {
        match (&b.ty, b.encoding) {
            (
                TypeRef::Named { id },
                BodyEncoding::Json | BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded,
            ) => match self.types.api.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Object(o)) if !o.fields.is_empty() && o.additional.is_none() => {
                    Some(&o.fields)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The model class of an IR type, if it has one.
    fn model(&self, idx: usize) -> Option<&'a Model> {
        let name = self.pkg.type_names.get(idx)?.as_ref()?;
        self.pkg.models.iter().find(|m| &m.name == name)
    }

    /// `v` (a JSON example of type `t`) as a C# expression of the type the SDK declares.
    fn value(&self, t: &TypeRef, v: &Value, imports: &mut BTreeSet<String>, depth: usize) -> Node {
        if depth > 12 {
            return Node::Atom("null".into());
        }
        match t {
            TypeRef::Nullable { inner } => {
                if v.is_null() {
                    Node::Atom("null".into())
                } else {
                    self.value(inner, v, imports, depth + 1)
                }
            }
            TypeRef::Primitive { ty } => Node::Atom(primitive(*ty, v)),
            TypeRef::Literal { value } => Node::Atom(literal(value)),
            TypeRef::Array { items } => {
                imports.insert("System.Collections.Generic".into());
                let list = v.as_array().cloned().unwrap_or_default();
                Node::Init {
                    head: format!("new {}", self.types.cs(t, false).0),
                    members: list
                        .iter()
                        .map(|x| (String::new(), self.value(items, x, imports, depth + 1)))
                        .collect(),
                }
            }
            TypeRef::Map { values } => self.map(t, values, v, imports, depth),
            TypeRef::Any => json_token(v, imports),
            TypeRef::Named { id } => {
                let Some(def) = self.types.api.types.get(id.0) else {
                    return Node::Atom("null".into());
                };
                let model = self.model(id.0);
                match (&def.kind, model.map(|m| &m.kind)) {
                    (TypeKind::Alias { target }, _) => self.value(target, v, imports, depth + 1),
                    (TypeKind::Object(o), Some(ModelKind::Object(props))) => {
                        let name = model.map(|m| m.name.as_str()).unwrap_or_default();
                        let Some(map) = v.as_object() else {
                            return Node::Atom(format!("new {name}()"));
                        };
                        let mut members = Vec::new();
                        let mut wires: Vec<&str> = Vec::new();
                        for f in &o.fields {
                            if wires.contains(&f.name.wire.as_str()) {
                                continue;
                            }
                            wires.push(&f.name.wire);
                            let Some(x) = map.get(&f.name.wire) else {
                                continue;
                            };
                            let Some(p) = props.iter().find(|p| p.wire == f.name.wire) else {
                                continue;
                            };
                            if p.init.is_some() {
                                continue;
                            }
                            members.push((
                                format!("{} = ", p.name),
                                self.value(&f.ty, x, imports, depth + 1),
                            ));
                        }
                        Node::Init {
                            head: format!("new {name}"),
                            members,
                        }
                    }
                    (TypeKind::Object(o), _) => match &o.additional {
                        Some(values) => self.map(t, values, v, imports, depth),
                        None => json_token(v, imports),
                    },
                    (TypeKind::Enum(_), Some(ModelKind::Enum { members, .. })) => {
                        let name = model.map(|m| m.name.as_str()).unwrap_or_default();
                        let text = match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        match members.iter().find(|m| m.value == text) {
                            Some(m) => Node::Atom(format!("{name}.{}", m.name)),
                            None => Node::Atom(format!("new {name}({})", string_lit(&text))),
                        }
                    }
                    (TypeKind::Enum(_), _) => Node::Atom(match v {
                        Value::Bool(b) => b.to_string(),
                        other => json_text(other),
                    }),
                    (
                        TypeKind::Union(u),
                        Some(ModelKind::Union {
                            variants,
                            discriminator,
                            ..
                        }),
                    ) => {
                        let name = model.map(|m| m.name.as_str()).unwrap_or_default();
                        // The variant example_value chose: the tagged one, else the first.
                        let tag = discriminator
                            .as_deref()
                            .and_then(|d| v.get(d))
                            .and_then(Value::as_str);
                        let index = tag
                            .and_then(|tag| {
                                u.variants
                                    .iter()
                                    .position(|x| x.tags.iter().any(|t| t == tag))
                            })
                            .unwrap_or(0);
                        let chosen = variants
                            .iter()
                            .find(|x| x.index == index)
                            .or_else(|| variants.first());
                        match (chosen, u.variants.get(chosen.map_or(0, |c| c.index))) {
                            (Some(c), Some(ir)) => Node::Wrap {
                                open: format!("new {name}.{}(", c.class),
                                inner: Box::new(self.value(&ir.ty, v, imports, depth + 1)),
                                close: ")".into(),
                            },
                            _ => Node::Atom("null".into()),
                        }
                    }
                    _ => json_token(v, imports),
                }
            }
        }
    }

    fn map(
        &self,
        t: &TypeRef,
        values: &TypeRef,
        v: &Value,
        imports: &mut BTreeSet<String>,
        depth: usize,
    ) -> Node {
        imports.insert("System.Collections.Generic".into());
        let entries = v.as_object().cloned().unwrap_or_default();
        let (ty, _) = self.types.cs(t, false);
        Node::Init {
            head: format!("new {ty}"),
            members: entries
                .iter()
                .map(|(k, x)| {
                    (
                        format!("[{}] = ", string_lit(k)),
                        self.value(values, x, imports, depth + 1),
                    )
                })
                .collect(),
        }
    }
}

/// A primitive as C#, from its JSON example.
fn primitive(p: Primitive, v: &Value) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match p {
        Primitive::String | Primitive::Date | Primitive::Uuid => string_lit(&text),
        Primitive::DateTime => date_time(&text),
        Primitive::Base64 => format!("Convert.FromBase64String({})", string_lit(&text)),
        Primitive::Binary => upload().flat(),
        Primitive::Integer | Primitive::Int64 => match v.as_i64() {
            Some(n) => n.to_string(),
            None => v
                .as_f64()
                .map_or("0".into(), |f| (f.trunc() as i64).to_string()),
        },
        Primitive::Number => match v {
            Value::Number(n) => n.to_string(),
            _ => "0.0".into(),
        },
        Primitive::Boolean => v.as_bool().unwrap_or(false).to_string(),
    }
}

/// `new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)` for a UTC timestamp, else a parse.
fn date_time(text: &str) -> String {
    let digits = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let parts = (|| {
        let (date, time) = text.strip_suffix('Z')?.split_once('T')?;
        let mut d = date.split('-').map(digits);
        let mut t = time.split(':').map(digits);
        let out = [
            d.next()??,
            d.next()??,
            d.next()??,
            t.next()??,
            t.next()??,
            t.next()??,
        ];
        (d.next().is_none() && t.next().is_none()).then_some(out)
    })();
    match parts {
        Some([y, mo, d, h, mi, s]) => {
            format!("new DateTimeOffset({y}, {mo}, {d}, {h}, {mi}, {s}, TimeSpan.Zero)")
        }
        None => format!(
            "DateTimeOffset.Parse({}, System.Globalization.CultureInfo.InvariantCulture)",
            string_lit(text)
        ),
    }
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => string_lit(s),
        Literal::Integer(n) | Literal::Number(n) => n.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Null => "null".into(),
        Literal::Json(_) => json_text(&literal_json(l)),
    }
}

/// A JSON value as a `JToken`.
fn json_token(v: &Value, imports: &mut BTreeSet<String>) -> Node {
    match v {
        Value::Null => Node::Atom("JValue.CreateNull()".into()).with(imports),
        Value::String(s) => Node::Atom(format!("new JValue({})", string_lit(s))).with(imports),
        Value::Bool(_) | Value::Number(_) => Node::Atom(format!("new JValue({v})")).with(imports),
        Value::Object(m) if m.is_empty() => Node::Atom("new JObject()".into()).with(imports),
        Value::Array(a) if a.is_empty() => Node::Atom("new JArray()".into()).with(imports),
        other => {
            Node::Atom(format!("JToken.Parse({})", string_lit(&other.to_string()))).with(imports)
        }
    }
}

fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => string_lit(s),
        other => other.to_string(),
    }
}

impl Node {
    /// This node, noting that it needs `Newtonsoft.Json.Linq`.
    fn with(self, imports: &mut BTreeSet<String>) -> Node {
        imports.insert("Newtonsoft.Json.Linq".into());
        self
    }
}

fn upload() -> Node {
    Node::Atom("UploadFile.FromPath(\"path/to/file\")".into())
}
