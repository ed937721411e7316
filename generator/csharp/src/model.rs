//! The C# view of an API: every name settled by a `NameAllocator` per scope before anything
//! is rendered. Templates and the renderer only read these structs.

use crate::naming::{self, camel, field_name, literal_type, pascal, prim, prim_kind, string_lit};
use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::auth::{AuthModel, AuthOption, NamedAuth};
use sdkgen_core::ir::{
    Api, BodyEncoding, CursorSource, Docs, EnumType, Literal, ObjectType, Operation, ParamLocation,
    ParamStyle, Primitive, ResponseKind, TypeDef, TypeKind, TypeRef,
};

pub struct Package {
    pub ns: String,
    pub title: String,
    pub version: String,
    pub docs: Docs,
    pub client: String,
    pub env_base_url: String,
    pub environments: Option<EnvClass>,
    pub auth: Auth,
    pub models: Vec<Model>,
    pub resources: Vec<Resource>,
    /// Whether anything is deprecated (files then silence the obsolete-use warnings).
    pub any_deprecated: bool,
    /// The class of each IR type (by index) that has one.
    pub type_names: Vec<Option<String>>,
}

pub struct EnvClass {
    pub name: String,
    /// (member, url, description)
    pub members: Vec<(String, String, Option<String>)>,
}

/// How the client sends credentials (the rule all languages share), with the `ClientOptions`
/// property of each option (`ApiKey`).
pub type Auth = NamedAuth;

/// Members of `ClientOptions` (and of every object) a credential property must not take.
const CLIENT_OPTIONS_MEMBERS: &[&str] = &[
    "ClientOptions",
    "BaseUrl",
    "Timeout",
    "MaxRetries",
    "HttpClient",
    "DefaultHeaders",
];

/// The credentials of `api`, each option named as its `ClientOptions` property.
pub fn auth(api: &Api) -> Auth {
    let mut names = member_scope("ClientOptions", CLIENT_OPTIONS_MEMBERS);
    NamedAuth::new(AuthModel::new(api), |o| names.alloc(&pascal(&o.words)))
}

/// The primary token's option (`api_key`) and its property, when the API has one.
pub fn api_key(auth: &Auth) -> Option<(&AuthOption, &str)> {
    auth.options()
        .find(|(s, o, _)| !s.is_basic() && o.words == ["api", "key"])
        .map(|(_, o, p)| (o, p))
}

/// `new[] { new[] { "a", "b" }, new string[0] }`: requirements as C#.
pub fn security_lit(reqs: &[Vec<String>]) -> String {
    if reqs.is_empty() {
        return "new string[0][]".to_string();
    }
    let alts: Vec<String> = reqs
        .iter()
        .map(|alt| {
            if alt.is_empty() {
                "new string[0]".to_string()
            } else {
                let keys: Vec<String> = alt.iter().map(|k| string_lit(k)).collect();
                format!("new[] {{ {} }}", keys.join(", "))
            }
        })
        .collect();
    format!("new[] {{ {} }}", alts.join(", "))
}

pub struct Model {
    pub name: String,
    pub file: String,
    pub docs: Docs,
    pub kind: ModelKind,
}

pub enum ModelKind {
    Object(Vec<Prop>),
    Enum {
        members: Vec<EnumMember>,
        numeric: bool,
    },
    Union {
        variants: Vec<UnionVariant>,
        discriminator: Option<String>,
        unknown: String,
    },
}

pub struct EnumMember {
    pub name: String,
    pub value: String,
    pub docs: Docs,
}

pub struct UnionVariant {
    /// The index of the variant in the IR union.
    pub index: usize,
    pub class: String,
    /// The value's C# type, namespace-qualified for named types.
    pub ty: String,
    /// The JSON kind: string, integer, number, boolean, array, object or any.
    pub kind: &'static str,
    pub tags: Vec<String>,
    pub required: Vec<String>,
    pub known: Vec<String>,
}

pub struct Prop {
    pub name: String,
    pub wire: String,
    pub ty: String,
    pub docs: Docs,
    /// Optional properties remember whether they were set (absent vs null).
    pub tracked: bool,
    pub field: String,
    /// `ShouldSerialize<Name>` when tracked and the name is free.
    pub should: Option<String>,
    /// Not part of the JSON (query and header parameters, a separate body).
    pub ignore: bool,
    pub required: bool,
    /// The initial value of a required constant (`const`) property, as C#.
    pub init: Option<String>,
    /// JSON null is a valid value.
    pub nullable: bool,
}

pub struct Resource {
    pub class: String,
    pub file: String,
    pub prop: String,
    pub docs: Docs,
    pub methods: Vec<Method>,
    pub params: Vec<Model>,
}

pub struct PathParam {
    pub local: String,
    pub ty: String,
    pub docs: Docs,
    pub nullable: bool,
}

pub enum BodyView {
    None,
    /// The params object itself is the JSON body.
    JsonParams,
    /// `parameters.<prop>` is the JSON body.
    JsonProp {
        prop: String,
        tracked: bool,
    },
    Text {
        prop: String,
        media: String,
    },
    Binary {
        prop: String,
        media: String,
    },
    /// Multipart or URL-encoded: (wire, prop, tracked) fields.
    Form {
        multipart: bool,
        fields: Vec<(String, String, bool)>,
    },
}

pub enum Returns {
    Empty,
    Json(String),
    Text,
    Binary,
    Stream(String),
    Page {
        response: String,
        item: String,
        cursor_param: String,
        items_field: String,
        cursor_field: Option<String>,
        last_item_field: Option<String>,
        has_more_field: Option<String>,
    },
}

pub struct Method {
    pub docs: Docs,
    pub name: String,
    pub raw: Option<String>,
    pub auto: Option<String>,
    pub builder: String,
    pub http: &'static str,
    pub path_expr: String,
    pub path_params: Vec<PathParam>,
    /// (class, required)
    pub params: Option<(String, bool)>,
    /// (prop, wire, style)
    pub query: Vec<(String, String, &'static str)>,
    pub headers: Vec<(String, String)>,
    /// (prop, wire): cookie parameters, sent in the `Cookie` header.
    pub cookies: Vec<(String, String)>,
    pub body: BodyView,
    /// The spec requires a request body: sent (empty) even when no parameters are given.
    pub body_required: bool,
    pub returns: Returns,
    pub accept: Option<String>,
    /// The operation's requirements when they are not the API's default.
    pub security: Option<Vec<Vec<String>>>,
    /// (exception class, when) for the documented error responses.
    pub errors: Vec<(&'static str, String)>,
    /// The method returning the answer in its other media types, when a JSON answer has some.
    pub companion: Option<Companion>,
}

/// `<Name>TextAsync` / `<Name>BytesAsync`: the same request, answered in the text or binary
/// media types a JSON operation also offers.
pub struct Companion {
    pub name: String,
    /// Text (`Task<string>`) or bytes (`Task<byte[]>`).
    pub text: bool,
    /// The `Accept` header: the media types, comma-separated.
    pub accept: String,
}

/// Type names the hand-written runtime declares (they live in `<ns>.Core`).
pub fn runtime_names(sources: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (_, text) in sources {
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("//") {
                continue;
            }
            let words: Vec<&str> = t
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            for pair in words.windows(2) {
                if matches!(pair[0], "class" | "enum" | "struct" | "interface") {
                    out.push(pair[1].to_string());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Maps IR types to C# types.
pub struct Types<'a> {
    pub api: &'a Api,
    pub runtime: &'a [String],
    pub names: &'a [Option<String>],
    pub ns: &'a str,
}

impl Types<'_> {
    /// The C# type and whether it is a value type. `qualify` prefixes named types with
    /// `global::<ns>.` (inside unions, whose nested classes could shadow them).
    pub fn cs(&self, t: &TypeRef, qualify: bool) -> (String, bool) {
        self.cs_at(t, qualify, 0)
    }

    fn cs_at(&self, t: &TypeRef, q: bool, depth: usize) -> (String, bool) {
        if depth > 48 {
            return ("JToken".into(), false);
        }
        match t {
            TypeRef::Primitive { ty } => prim(*ty),
            TypeRef::Named { id } => self.named(id.0, q, depth),
            TypeRef::Array { items } => {
                let (i, v) = self.cs_at(items, q, depth + 1);
                let i = if v && items.is_nullable() {
                    format!("{i}?")
                } else {
                    i
                };
                (format!("List<{i}>"), false)
            }
            TypeRef::Map { values } => {
                let (i, v) = self.cs_at(values, q, depth + 1);
                let i = if v && values.is_nullable() {
                    format!("{i}?")
                } else {
                    i
                };
                (format!("Dictionary<string, {i}>"), false)
            }
            TypeRef::Nullable { inner } => self.cs_at(inner, q, depth + 1),
            TypeRef::Literal { value } => literal_type(value),
            TypeRef::Any => ("JToken".into(), false),
        }
    }

    fn named(&self, idx: usize, q: bool, depth: usize) -> (String, bool) {
        let Some(def) = self.api.types.get(idx) else {
            return ("JToken".into(), false);
        };
        if let Some(Some(n)) = self.names.get(idx) {
            return if q {
                (format!("global::{}.{n}", self.ns), false)
            } else {
                (n.clone(), false)
            };
        }
        match &def.kind {
            TypeKind::Alias { target } => self.cs_at(target, q, depth + 1),
            TypeKind::Object(o) => match &o.additional {
                Some(v) => self.cs_at(&TypeRef::Map { values: v.clone() }, q, depth + 1),
                None => ("JToken".into(), false),
            },
            TypeKind::Enum(e) if e.base == Primitive::Boolean => ("bool".into(), true),
            _ => ("JToken".into(), false),
        }
    }

    /// A property's type: value types get `?` unless required and not nullable.
    pub fn prop_type(&self, t: &TypeRef, required: bool, qualify: bool) -> String {
        let (s, value) = self.cs(t, qualify);
        if value && (!required || t.is_nullable()) {
            format!("{s}?")
        } else {
            s
        }
    }

    /// The JSON kind of a type, for union matching; for objects also (required, known) fields.
    pub fn kind(&self, t: &TypeRef, depth: usize) -> (&'static str, Vec<String>, Vec<String>) {
        if depth > 48 {
            return ("any", vec![], vec![]);
        }
        match t.non_null() {
            TypeRef::Primitive { ty } => (prim_kind(*ty), vec![], vec![]),
            TypeRef::Array { .. } => ("array", vec![], vec![]),
            TypeRef::Map { .. } => ("object", vec![], vec![]),
            TypeRef::Literal { value } => (
                match value {
                    Literal::String(_) => "string",
                    Literal::Integer(_) => "integer",
                    Literal::Number(_) => "number",
                    Literal::Boolean(_) => "boolean",
                    _ => "any",
                },
                vec![],
                vec![],
            ),
            TypeRef::Any | TypeRef::Nullable { .. } => ("any", vec![], vec![]),
            TypeRef::Named { id } => match self.api.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Object(o)) => {
                    if o.fields.is_empty() && o.additional.is_some() {
                        return ("object", vec![], vec![]);
                    }
                    let req = o
                        .fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| f.name.wire.clone())
                        .collect();
                    let known = o.fields.iter().map(|f| f.name.wire.clone()).collect();
                    ("object", req, known)
                }
                Some(TypeKind::Enum(e)) => (prim_kind(e.base), vec![], vec![]),
                Some(TypeKind::Alias { target }) => self.kind(target, depth + 1),
                _ => ("any", vec![], vec![]),
            },
        }
    }
}

/// Whether a type gets a class of its own.
fn emitted(t: &TypeDef) -> bool {
    match &t.kind {
        TypeKind::Object(o) => !(o.fields.is_empty() && o.additional.is_some()),
        TypeKind::Enum(e) => e.base != Primitive::Boolean && enum_values(e).next().is_some(),
        TypeKind::Union(_) => true,
        TypeKind::Alias { .. } => false,
    }
}

fn enum_values(e: &EnumType) -> impl Iterator<Item = (&sdkgen_core::ir::EnumValue, String)> {
    e.values.iter().filter_map(|v| {
        let text = match &v.value {
            Literal::String(s) => s.clone(),
            Literal::Integer(n) | Literal::Number(n) => n.clone(),
            Literal::Boolean(b) => b.to_string(),
            Literal::Null | Literal::Json(_) => return None,
        };
        Some((v, text))
    })
}

fn semver(v: &str) -> String {
    let parts: Vec<&str> = v.trim_start_matches('v').split('.').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        v.trim_start_matches('v').to_string()
    } else {
        "0.1.0".to_string()
    }
}

fn member_scope(class: &str, extra: &[&str]) -> NameAllocator {
    let mut a = NameAllocator::new(false);
    a.reserve([class]);
    a.reserve(naming::OBJECT_MEMBERS);
    a.reserve(extra);
    a
}

/// Members of `ApiObject` a property must not take.
const API_OBJECT_MEMBERS: &[&str] = &["AdditionalProperties", "IsSet", "Unset", "MarkSet"];

pub fn build(api: &Api, name: Option<&str>, runtime: &[String]) -> Package {
    let ns = naming::namespace(&api.title, name);
    let title_words = naming::title_words(&api.title);

    let mut globals = NameAllocator::new(false);
    globals.reserve(naming::RESERVED_TYPES);
    globals.reserve(runtime);
    globals.reserve([ns.as_str()]);
    let client = globals.alloc(&format!(
        "{}Client",
        if title_words.is_empty() {
            "Api".to_string()
        } else {
            pascal(&title_words)
        }
    ));
    let environments_name = if api.servers.is_empty() {
        None
    } else {
        Some(globals.alloc("Environments"))
    };
    let mut names: Vec<Option<String>> = vec![None; api.types.len()];
    for pass in [true, false] {
        for (i, t) in api.types.iter().enumerate() {
            if t.declared == pass && emitted(t) {
                names[i] = Some(globals.alloc(&pascal(&t.name.words)));
            }
        }
    }
    let types = Types {
        api,
        runtime,
        names: &names,
        ns: &ns,
    };
    let mut files = NameAllocator::new(true);
    let mut models = Vec::new();
    for (i, t) in api.types.iter().enumerate() {
        if let Some(n) = &names[i] {
            let kind = build_kind(&types, i, t, n);
            models.push(Model {
                name: n.clone(),
                file: files.alloc(n),
                docs: t.docs.clone(),
                kind,
            });
        }
    }
    finish_model_props(&mut models);

    let mut client_members = member_scope(
        &client,
        &[
            "BaseUrl",
            "Dispose",
            "ApiKeyEnvironmentVariable",
            "BaseUrlEnvironmentVariable",
        ],
    );
    client_members.reserve(naming::RESERVED_TYPES);
    client_members.reserve(runtime);
    if let Some(e) = &environments_name {
        client_members.reserve([e.as_str()]);
    }
    let auth = auth(api);
    let mut res_files = NameAllocator::new(true);
    let mut resources = Vec::new();
    for g in &api.groups {
        let base = pascal(&g.name.words);
        let class = globals.alloc(&format!("{base}Resource"));
        let prop = client_members.alloc(&base);
        let mut members = member_scope(&class, &[]);
        let mut params_models = Vec::new();
        let mut methods: Vec<Method> = g
            .operations
            .iter()
            .map(|op| {
                build_method(
                    &types,
                    &mut globals,
                    &mut members,
                    &base,
                    op,
                    &mut params_models,
                )
            })
            .collect();
        // Companions are named after every operation's own methods, so they never take one.
        for (op, m) in g.operations.iter().zip(&mut methods) {
            m.security = auth.model.operation_security(op);
            let (text, bytes) = op.alternative_media_types();
            let (suffix, media) = if !text.is_empty() {
                ("Text", text)
            } else if !bytes.is_empty() {
                ("Bytes", bytes)
            } else {
                continue;
            };
            m.companion = Some(Companion {
                name: members.alloc(&format!("{}{suffix}Async", pascal(&op.method_name.words))),
                text: suffix == "Text",
                accept: media.join(", "),
            });
        }
        resources.push(Resource {
            file: res_files.alloc(&class),
            class,
            prop,
            docs: g.docs.clone(),
            methods,
            params: params_models,
        });
    }

    let environments = environments_name.map(|name| {
        let mut alloc = member_scope(&name, &[]);
        EnvClass {
            members: api
                .servers
                .iter()
                .map(|s| {
                    (
                        alloc.alloc(&pascal(&s.name.words)),
                        s.url.clone(),
                        s.description.clone(),
                    )
                })
                .collect(),
            name,
        }
    });

    let any_deprecated = api.types.iter().any(|t| {
        t.docs.deprecated
            || match &t.kind {
                TypeKind::Object(o) => o.fields.iter().any(|f| f.docs.deprecated),
                TypeKind::Enum(e) => e.values.iter().any(|v| v.docs.deprecated),
                _ => false,
            }
    }) || api
        .operations()
        .any(|o| o.docs.deprecated || o.params.iter().any(|p| p.docs.deprecated));

    Package {
        ns,
        title: api.title.clone(),
        version: semver(&api.version),
        docs: api.docs.clone(),
        client,
        env_base_url: sdkgen_core::naming::env_var(api, "BASE_URL"),
        environments,
        auth,
        models,
        resources,
        any_deprecated,
        type_names: names,
    }
}

fn build_kind(types: &Types, idx: usize, t: &TypeDef, name: &str) -> ModelKind {
    match &t.kind {
        TypeKind::Object(o) => {
            let mut members = member_scope(name, API_OBJECT_MEMBERS);
            ModelKind::Object(object_props(types, o, &mut members, false, &mut Vec::new()))
        }
        TypeKind::Enum(e) => {
            let mut members = member_scope(name, &["Value", "Converter"]);
            let mut seen = std::collections::HashSet::new();
            let members = enum_values(e)
                .filter(|(_, text)| seen.insert(text.clone()))
                .map(|(v, text)| EnumMember {
                    name: members.alloc(&pascal(&v.name.words)),
                    value: text,
                    docs: v.docs.clone(),
                })
                .collect();
            ModelKind::Enum {
                members,
                numeric: matches!(
                    e.base,
                    Primitive::Integer | Primitive::Int64 | Primitive::Number
                ),
            }
        }
        TypeKind::Union(u) => {
            let mut scope = member_scope(name, &["Value", "RawValue", "Converter", "Unknown"]);
            scope.reserve(naming::RESERVED_TYPES);
            scope.reserve(types.runtime);
            scope.reserve([
                "Json",
                "JsonException",
                "FormatException",
                "InvalidCastException",
            ]);
            let unknown = "Unknown".to_string();
            let mut tags_seen = std::collections::HashSet::new();
            let mut variants = Vec::new();
            for (index, v) in u.variants.iter().enumerate() {
                if refers_to(types.api, &v.ty, idx, 0) {
                    continue;
                }
                let (ty, _) = types.cs(v.ty.non_null(), true);
                let (kind, required, known) = types.kind(&v.ty, 0);
                let tags = v
                    .tags
                    .iter()
                    .filter(|t| tags_seen.insert((*t).clone()))
                    .cloned()
                    .collect();
                variants.push(UnionVariant {
                    index,
                    class: scope.alloc(&variant_name(types, v.ty.non_null(), 0)),
                    ty,
                    kind,
                    tags,
                    required,
                    known,
                });
            }
            ModelKind::Union {
                variants,
                discriminator: u.discriminator.clone(),
                unknown,
            }
        }
        TypeKind::Alias { .. } => ModelKind::Object(Vec::new()),
    }
}

/// Whether a variant is (an alias of) the union itself.
fn refers_to(api: &Api, t: &TypeRef, idx: usize, depth: usize) -> bool {
    if depth > 48 {
        return true;
    }
    match t.non_null() {
        TypeRef::Named { id } if id.0 == idx => true,
        TypeRef::Named { id } => match api.types.get(id.0).map(|d| &d.kind) {
            Some(TypeKind::Alias { target }) => refers_to(api, target, idx, depth + 1),
            _ => false,
        },
        _ => false,
    }
}

fn variant_name(types: &Types, t: &TypeRef, depth: usize) -> String {
    if depth > 8 {
        return "Value".into();
    }
    match t {
        TypeRef::Primitive { ty } => naming::variant_name(*ty).into(),
        TypeRef::Named { id } => match types.api.types.get(id.0) {
            Some(d) => pascal(&d.name.words),
            None => "Value".into(),
        },
        TypeRef::Array { items } => {
            format!("{}List", variant_name(types, items.non_null(), depth + 1))
        }
        TypeRef::Map { values } => {
            format!("{}Map", variant_name(types, values.non_null(), depth + 1))
        }
        TypeRef::Nullable { inner } => variant_name(types, inner, depth + 1),
        TypeRef::Literal { value } => match value {
            Literal::String(s) => {
                let p = pascal(&sdkgen_core::words::split_words(s));
                if p.starts_with('_') {
                    format!("Literal{p}")
                } else {
                    p
                }
            }
            _ => "Literal".into(),
        },
        TypeRef::Any => "Any".into(),
    }
}

/// Properties of an object's fields, skipping repeated wire names.
fn object_props(
    types: &Types,
    o: &ObjectType,
    members: &mut NameAllocator,
    all_optional: bool,
    wires: &mut Vec<String>,
) -> Vec<Prop> {
    let mut out = Vec::new();
    for f in &o.fields {
        if wires.contains(&f.name.wire) {
            continue;
        }
        wires.push(f.name.wire.clone());
        let required = f.required && !all_optional;
        let init = match &f.ty {
            TypeRef::Literal { value } if required => match value {
                Literal::String(v) => Some(string_lit(v)),
                Literal::Boolean(b) => Some(b.to_string()),
                Literal::Integer(n) if n.parse::<i64>().is_ok() => Some(n.clone()),
                _ => None,
            },
            _ => None,
        };
        out.push(Prop {
            nullable: f.ty.is_nullable(),
            init,
            name: members.alloc(&pascal(&f.name.words)),
            wire: f.name.wire.clone(),
            ty: types.prop_type(&f.ty, required, false),
            docs: f.docs.clone(),
            tracked: !required,
            field: String::new(),
            should: None,
            ignore: false,
            required,
        });
    }
    out
}

/// Backing fields and `ShouldSerialize` names, once every property name is settled.
fn finish_props(props: &mut [Prop], members: &mut NameAllocator) {
    for p in props.iter_mut() {
        p.field = field_name(&p.name);
        if p.tracked && !p.ignore {
            let s = format!("ShouldSerialize{}", p.name.trim_start_matches('@'));
            if !members.is_taken(&s) {
                members.alloc(&s);
                p.should = Some(s);
            }
        }
    }
}

pub fn finish_model_props(models: &mut [Model]) {
    for m in models {
        if let ModelKind::Object(props) = &mut m.kind {
            let mut members = member_scope(&m.name, API_OBJECT_MEMBERS);
            for p in props.iter() {
                members.alloc(&p.name);
            }
            finish_props(props, &mut members);
        }
    }
}

fn build_method(
    types: &Types,
    globals: &mut NameAllocator,
    members: &mut NameAllocator,
    res_base: &str,
    op: &Operation,
    params_models: &mut Vec<Model>,
) -> Method {
    let base = pascal(&op.method_name.words);
    let name = members.alloc(&format!("{base}Async"));
    let is_stream = matches!(op.response, ResponseKind::EventStream { .. });
    let raw = (!is_stream).then(|| members.alloc(&format!("{base}RawAsync")));
    let paged = op.pagination.is_some() && matches!(op.response, ResponseKind::Json { .. });
    let auto = paged.then(|| members.alloc(&format!("{base}AutoPaging")));
    let builder = members.alloc(&format!("Build{base}Request"));

    let mut locals = NameAllocator::new(false);
    locals.reserve([
        "parameters",
        "options",
        "cancellationToken",
        "request",
        "form",
        "ct",
    ]);
    let mut path_params = Vec::new();
    let mut path_names: Vec<(String, String)> = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        if path_names.iter().any(|(w, _)| *w == p.name.wire) {
            continue;
        }
        let local = locals.alloc(&camel(&p.name.words));
        let (ty, value) = types.cs(&p.ty, false);
        path_names.push((p.name.wire.clone(), local.clone()));
        path_params.push(PathParam {
            local,
            ty: if value && p.ty.is_nullable() {
                format!("{ty}?")
            } else {
                ty
            },
            docs: p.docs.clone(),
            nullable: !value,
        });
    }

    let has_params =
        op.body.is_some() || op.params.iter().any(|p| p.location != ParamLocation::Path);
    let class = has_params.then(|| globals.alloc(&format!("{res_base}{base}Params")));
    let mut pmembers = NameAllocator::new(false);
    pmembers.reserve(naming::OBJECT_MEMBERS);
    pmembers.reserve(API_OBJECT_MEMBERS);
    pmembers.reserve(class.iter());
    let mut props: Vec<Prop> = Vec::new();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    let mut wires_seen: Vec<(ParamLocation, String)> = Vec::new();
    for p in &op.params {
        if p.location == ParamLocation::Path {
            continue;
        }
        if wires_seen.contains(&(p.location, p.name.wire.clone())) {
            continue;
        }
        wires_seen.push((p.location, p.name.wire.clone()));
        let prop = pmembers.alloc(&pascal(&p.name.words));
        if p.location == ParamLocation::Query {
            let style = if p.style == ParamStyle::DeepObject {
                "Deep"
            } else if !p.explode {
                "Csv"
            } else {
                "Form"
            };
            query.push((prop.clone(), p.name.wire.clone(), style));
        } else if p.location == ParamLocation::Cookie {
            cookies.push((prop.clone(), p.name.wire.clone()));
        } else {
            headers.push((prop.clone(), p.name.wire.clone()));
        }
        props.push(Prop {
            name: prop,
            wire: p.name.wire.clone(),
            ty: types.prop_type(&p.ty, p.required, false),
            docs: p.docs.clone(),
            tracked: !p.required,
            field: String::new(),
            should: None,
            ignore: true,
            required: p.required,
            init: None,
            nullable: p.ty.is_nullable(),
        });
    }

    let mut body = BodyView::None;
    if let Some(b) = &op.body {
        let object = match (&b.ty, b.encoding) {
            (
                TypeRef::Named { id },
                BodyEncoding::Json | BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded,
            ) => match types.api.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Object(o)) if !o.fields.is_empty() && o.additional.is_none() => {
                    Some(o)
                }
                _ => None,
            },
            _ => None,
        };
        match object {
            Some(o) => {
                let mut wires = Vec::new();
                let flat = object_props(types, o, &mut pmembers, !b.required, &mut wires);
                body = match b.encoding {
                    BodyEncoding::Json => BodyView::JsonParams,
                    enc => BodyView::Form {
                        multipart: enc == BodyEncoding::Multipart,
                        fields: flat
                            .iter()
                            .map(|p| (p.wire.clone(), p.name.clone(), p.tracked))
                            .collect(),
                    },
                };
                props.extend(flat);
            }
            None => {
                let prop = pmembers.alloc("Body");
                let ty = match b.encoding {
                    BodyEncoding::Binary => "UploadFile".to_string(),
                    BodyEncoding::Text => "string".to_string(),
                    _ => types.prop_type(&b.ty, b.required, false),
                };
                body = match b.encoding {
                    BodyEncoding::Binary => BodyView::Binary {
                        prop: prop.clone(),
                        media: b.media_type.clone(),
                    },
                    BodyEncoding::Text => BodyView::Text {
                        prop: prop.clone(),
                        media: b.media_type.clone(),
                    },
                    _ => BodyView::JsonProp {
                        prop: prop.clone(),
                        tracked: !b.required,
                    },
                };
                props.push(Prop {
                    name: prop,
                    wire: "body".into(),
                    ty,
                    docs: b.docs.clone(),
                    tracked: !b.required,
                    field: String::new(),
                    should: None,
                    ignore: true,
                    required: b.required,
                    init: None,
                    nullable: false,
                });
            }
        }
    }

    let params = class.map(|class| {
        finish_props(&mut props, &mut pmembers);
        let required = props.iter().any(|p| p.required);
        params_models.push(Model {
            name: class.clone(),
            file: String::new(),
            docs: Docs {
                summary: Some(format!("Parameters of {}.", name.trim_start_matches('@'))),
                ..Docs::default()
            },
            kind: ModelKind::Object(props),
        });
        (class, required)
    });

    let returns = match (&op.response, &op.pagination) {
        (ResponseKind::Json { ty }, Some(p)) => Returns::Page {
            response: types.cs(ty, false).0,
            item: types.prop_type(&p.item, true, false),
            cursor_param: p.cursor_param.clone(),
            items_field: p.items_field.clone(),
            cursor_field: match &p.next_cursor {
                CursorSource::ResponseField(f) => Some(f.clone()),
                CursorSource::LastItemField(_) => None,
            },
            last_item_field: match &p.next_cursor {
                CursorSource::LastItemField(f) => Some(f.clone()),
                CursorSource::ResponseField(_) => None,
            },
            has_more_field: p.has_more_field.clone(),
        },
        (ResponseKind::Empty, _) => Returns::Empty,
        (ResponseKind::Json { ty }, None) => Returns::Json(types.prop_type(ty, true, false)),
        (ResponseKind::EventStream { ty }, _) => Returns::Stream(types.prop_type(ty, true, false)),
        (ResponseKind::Text { .. }, _) => Returns::Text,
        (ResponseKind::Binary { .. }, _) => Returns::Binary,
    };

    Method {
        docs: op.docs.clone(),
        name,
        raw,
        auto,
        builder,
        http: op.method.as_str(),
        path_expr: path_expr(&op.path, &path_names),
        path_params,
        params,
        query,
        headers,
        cookies,
        body,
        body_required: op.body.as_ref().is_some_and(|b| b.required),
        returns,
        accept: match &op.response {
            ResponseKind::Text { media_type } | ResponseKind::Binary { media_type } => {
                Some(media_type.clone())
            }
            _ => None,
        },
        security: None,
        errors: error_docs(op),
        companion: None,
    }
}

/// The exception each documented error status raises, once per class, in spec order.
fn error_docs(op: &Operation) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for e in &op.errors {
        let class = match e.status.as_str() {
            "400" => "BadRequestException",
            "401" => "AuthenticationException",
            "403" => "PermissionDeniedException",
            "404" => "NotFoundException",
            "409" => "ConflictException",
            "415" => "UnsupportedMediaTypeException",
            "422" => "UnprocessableEntityException",
            "429" => "RateLimitException",
            s if s.starts_with('5')
                && s.len() == 3
                && s[1..].chars().all(|c| c.is_ascii_digit()) =>
            {
                "InternalServerException"
            }
            "5XX" | "5xx" => "ServerErrorException",
            s if s.starts_with('4') => "ClientErrorException",
            _ => "ApiException",
        };
        let text = e
            .docs
            .text()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| format!("HTTP {}.", e.status));
        match out.iter_mut().find(|(c, _)| *c == class) {
            Some((_, t)) => {
                if !t.contains(&text) {
                    t.push_str(&format!(" {text}"));
                }
            }
            None => out.push((class, text)),
        }
    }
    out
}

/// The path as a C# expression: literals joined with encoded parameters.
fn path_expr(template: &str, names: &[(String, String)]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut lit = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let wire = &rest[start + 1..start + len];
        lit.push_str(&rest[..start]);
        match names.iter().find(|(w, _)| w == wire) {
            Some((_, local)) => {
                if !lit.is_empty() {
                    parts.push(string_lit(&lit));
                    lit.clear();
                }
                parts.push(format!("ApiRequest.Segment({local})"));
            }
            None => lit.push_str(&rest[start..start + len + 1]),
        }
        rest = &rest[start + len + 1..];
    }
    lit.push_str(rest);
    if !lit.is_empty() || parts.is_empty() {
        parts.push(string_lit(&lit));
    }
    parts.join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg() -> Package {
        let api = sdkgen_core::load_str(
            "torture.yaml",
            include_str!("../tests/fixtures/torture.yaml"),
        )
        .expect("loads")
        .api;
        build(&api, None, &runtime_names(crate::RUNTIME))
    }

    #[test]
    fn runtime_and_system_names_are_never_taken() {
        let p = pkg();
        assert_eq!(p.ns, "SystemApi");
        let names: Vec<&str> = p.models.iter().map(|m| m.name.as_str()).collect();
        for n in ["Task2", "Core2", "Json2", "String2", "ApiObject2", "_123"] {
            assert!(names.contains(&n), "{n} missing from {names:?}");
        }
        assert_eq!(p.client, "SystemClient");
        assert!(names.contains(&"SystemClient2"));
    }

    #[test]
    fn locals_and_members_do_not_collide() {
        let p = pkg();
        let env = p
            .resources
            .iter()
            .find(|r| r.class == "EnvironmentsResource")
            .expect("resource");
        let m = &env.methods[0];
        assert_eq!(m.name, "ClassAsync");
        let locals: Vec<&str> = m.path_params.iter().map(|p| p.local.as_str()).collect();
        assert_eq!(locals, ["@class", "options2", "ct2", "request2"]);
        let ModelKind::Object(props) = &p
            .models
            .iter()
            .find(|m| m.name == "ApiObject2")
            .unwrap()
            .kind
        else {
            panic!("object")
        };
        let names: Vec<&str> = props.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"AdditionalProperties2"));
        assert!(names.contains(&"Equals2"));
    }
}
