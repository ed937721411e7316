//! The Go view of an API: every name settled by a `NameAllocator` per scope (package,
//! struct, service, method) and every Go type spelled out before anything is rendered.

use crate::naming::{self, exported, local, valid_json_key};
use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::auth::{AuthModel, AuthOption, NamedAuth};
use sdkgen_core::ir::{
    Api, BodyEncoding, CursorSource, Docs, EnumType, Literal, ObjectType, Operation, ParamLocation,
    ParamStyle, Primitive, ResponseKind, TypeDef, TypeKind, TypeRef, UnionType,
};
use std::collections::HashSet;

pub struct Package {
    pub name: String,
    pub module: String,
    pub title: String,
    pub version: String,
    pub docs: Docs,
    pub env_base_url: String,
    pub default_base_url: String,
    pub environments: Vec<Environment>,
    pub auth: Auth,
    pub models: Vec<Model>,
    pub services: Vec<Service>,
}

pub struct Environment {
    pub name: String,
    pub url: String,
    pub description: Option<String>,
}

/// How the client sends credentials (the rule all languages share), with the option function
/// of each option (`WithAPIKey`).
pub type Auth = NamedAuth;

/// Option functions of the hand-written option package, which credentials must not take.
const OPTION_FUNCS: &[&str] = &[
    "WithBaseURL",
    "WithMaxRetries",
    "WithTimeout",
    "WithHTTPClient",
    "WithHeader",
    "WithHeaderAdd",
    "WithQuery",
    "WithIdempotencyKey",
    "WithResponseInto",
    "RequestOption",
    "RequestConfig",
    "NewRequestConfig",
];

/// The credentials of `api`, each option named as its option function.
pub fn auth(api: &Api) -> Auth {
    let mut names = NameAllocator::new(false);
    names.reserve(OPTION_FUNCS.iter().copied());
    NamedAuth::new(AuthModel::new(api), |o| {
        names.alloc(&format!("With{}", exported(&o.words)))
    })
}

/// Where a client made without options takes its credentials, for a comment:
/// "API key from VT_API_KEY".
pub fn env_comment(auth: &Auth) -> String {
    match auth.model.schemes.first() {
        None => "no credentials".to_string(),
        Some(s) => {
            let envs: Vec<&str> = s.options.iter().map(|o| o.env.as_str()).collect();
            let what = if s.options.first().is_some_and(|o| o.words == ["api", "key"]) {
                "API key"
            } else {
                "credentials"
            };
            format!("{what} from {}", envs.join(" and "))
        }
    }
}

/// The key of option `o` in `RequestConfig.Credentials`: its snake-case name.
pub fn credential_key(o: &AuthOption) -> String {
    o.words.join("_")
}

/// `[][]string{{"a", "b"}, {}}`: requirements as Go.
pub fn security_lit(reqs: &[Vec<String>]) -> String {
    let alts: Vec<String> = reqs
        .iter()
        .map(|alt| {
            let keys: Vec<String> = alt.iter().map(|k| naming::string_lit(k)).collect();
            format!("{{{}}}", keys.join(", "))
        })
        .collect();
    format!("[][]string{{{}}}", alts.join(", "))
}

pub struct Model {
    pub name: String,
    pub docs: Docs,
    pub kind: ModelKind,
}

pub enum ModelKind {
    Struct {
        fields: Vec<StructField>,
        /// `additionalProperties` beside declared fields: the field holding the other
        /// members, its value type, and the wire names of the declared fields.
        extra: Option<(String, String, Vec<String>)>,
    },
    /// `type X = T` (alias) or `type X T` (defined, when `defined`).
    Alias { target: String, defined: bool },
    Enum {
        base: &'static str,
        consts: Vec<EnumConst>,
    },
    Union {
        variants: Vec<UnionVariant>,
        discriminator: Option<String>,
    },
}

pub struct StructField {
    pub name: String,
    pub ty: String,
    /// The whole tag including backquotes, or empty.
    pub tag: String,
    pub docs: Docs,
}

pub struct EnumConst {
    pub name: String,
    pub value: String,
    pub docs: Docs,
}

pub struct UnionVariant {
    pub field: String,
    pub ty: String,
    pub tags: Vec<String>,
    /// The index of the member in `UnionType::variants`.
    pub member: usize,
    /// The discriminator value to add when encoding: the member's type has no field of
    /// the discriminator's name, so its own JSON would not say which member it is.
    pub inject_tag: Option<String>,
}

pub struct Service {
    pub type_name: String,
    pub field: String,
    pub file: String,
    pub docs: Docs,
    pub params: Vec<ParamsStruct>,
    pub methods: Vec<Method>,
}

pub struct ParamsStruct {
    pub name: String,
    pub docs: String,
    pub fields: Vec<StructField>,
    /// Where each field comes from, in the order of `fields`.
    pub sources: Vec<ArgSource>,
}

/// What the field of a params struct carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgSource {
    /// The operation's parameter at this index of `Operation::params`.
    Param(usize),
    /// The field at this index of the request body's object (multipart and form bodies).
    Field(usize),
    /// The whole request body.
    Body,
}

pub struct Method {
    pub name: String,
    pub docs: Docs,
    pub http: &'static str,
    /// The path template as in the spec (for docs).
    pub path: String,
    /// Path parameters: (local name, Go type, docs).
    pub path_args: Vec<(String, String)>,
    /// `params XParams` or `body T` argument: (local, type).
    pub arg: Option<(String, String)>,
    /// Statements that build `rs` (after `rs := newRequest(...)`), one per line.
    pub setup: Vec<String>,
    pub path_expr: String,
    pub ret: Return,
    pub pager: Option<Pager>,
    /// A companion returning the body as text or bytes, for the non-JSON media types the
    /// success response also declares (`text/vtt` beside `application/json`).
    pub alt: Option<AltMethod>,
    pub uses_io: bool,
}

pub struct AltMethod {
    pub name: String,
    /// `Text` (string) or `Bytes` ([]byte).
    pub text: bool,
    pub accept: String,
    pub media_types: Vec<String>,
}

/// Docs with the spec's default value appended ("Defaults to `10`.").
fn with_default(d: &Docs, default: Option<&Literal>) -> Docs {
    let Some(l) = default else {
        return d.clone();
    };
    let text = match l {
        Literal::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Literal::Integer(n) | Literal::Number(n) | Literal::Json(n) => n.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Null => "null".to_string(),
    };
    if text.contains('\n') || text.len() > 200 {
        return d.clone();
    }
    let mut out = d.clone();
    let line = format!("Defaults to `{text}` on the server.");
    out.description = Some(match (&d.summary, &d.description) {
        (_, Some(desc)) => format!("{desc}\n\n{line}"),
        (Some(sum), None) => {
            out.summary = None;
            format!("{sum}\n\n{line}")
        }
        (None, None) => line,
    });
    out
}

fn is_json_media(m: &str) -> bool {
    let m = m
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    m == "application/json" || m.ends_with("+json") || m == "*/*" || m.contains("/json")
}

fn is_text_media(m: &str) -> bool {
    let m = m
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    m.starts_with("text/")
        || m.ends_with("+xml")
        || m.ends_with("/xml")
        || m == "application/x-subrip"
        || m == "application/x-ndjson"
        || m == "application/yaml"
        || m == "application/javascript"
}

pub enum Return {
    Empty,
    Pointer(String),
    Value(String),
    Text,
    Bytes,
    Stream(String),
}

pub struct Pager {
    pub pages_name: String,
    pub all_name: String,
    pub page_type: String,
    pub item_type: String,
    pub items_expr: String,
    pub cursor_param: String,
    /// Body lines of the `next` closure (indented by the renderer).
    pub next_body: Vec<String>,
}

pub struct Ctx<'a> {
    pub api: &'a Api,
    pub names: Vec<String>,
    /// Required struct fields (type id, field index) held by pointer to break cycles.
    pub pointer_fields: HashSet<(usize, usize)>,
    /// Aliases rendered as defined types (they recur through containers).
    pub defined_alias: HashSet<usize>,
    /// Aliases whose target is themselves without a container in between: `any`.
    pub void_alias: HashSet<usize>,
    pub auth: Auth,
}

impl Ctx<'_> {
    /// The Go type of a value in a container, an alias or a union.
    pub fn elem(&self, t: &TypeRef) -> String {
        match t {
            TypeRef::Primitive { ty } => naming::primitive(*ty).to_string(),
            TypeRef::Named { id } => self.names[id.0].clone(),
            TypeRef::Array { items } => format!("[]{}", self.elem(items)),
            TypeRef::Map { values } => format!("map[string]{}", self.elem(values)),
            TypeRef::Nullable { inner } => {
                if self.is_container(inner) {
                    self.elem(inner)
                } else {
                    format!("*{}", self.elem(inner))
                }
            }
            TypeRef::Literal { value } => naming::literal_type(value).to_string(),
            TypeRef::Any => "any".to_string(),
        }
    }

    /// Whether the Go type has a nil of its own (slices, maps, interfaces).
    pub fn is_container(&self, t: &TypeRef) -> bool {
        let mut t = t;
        let mut guard = 0;
        loop {
            guard += 1;
            if guard > 64 {
                return true;
            }
            match t {
                TypeRef::Array { .. } | TypeRef::Map { .. } | TypeRef::Any => return true,
                TypeRef::Primitive { ty } => {
                    return matches!(ty, Primitive::Binary | Primitive::Base64)
                }
                TypeRef::Literal { value } => {
                    return matches!(value, Literal::Null | Literal::Json(_))
                }
                TypeRef::Nullable { inner } => t = inner,
                TypeRef::Named { id } => {
                    if self.void_alias.contains(&id.0) {
                        return true;
                    }
                    match &self.api.ty(*id).kind {
                        TypeKind::Alias { target } => t = target,
                        TypeKind::Object(o) => return o.fields.is_empty(),
                        _ => return false,
                    }
                }
            }
        }
    }

    /// (Go type, json tag options) of a struct field or request parameter.
    pub fn field_type(&self, t: &TypeRef, required: bool, pointer: bool) -> (String, &'static str) {
        let inner = t.non_null();
        if matches!(t, TypeRef::Any) {
            return ("any".to_string(), ",omitempty");
        }
        if matches!(t, TypeRef::Nullable { .. }) {
            if pointer {
                return (format!("*{}", self.elem(inner)), ",omitempty");
            }
            return (format!("Nullable[{}]", self.elem(inner)), ",omitzero");
        }
        if self.is_container(inner) {
            return (self.elem(inner), if required { "" } else { ",omitempty" });
        }
        if required {
            if pointer {
                return (format!("*{}", self.elem(inner)), "");
            }
            return (self.elem(inner), "");
        }
        (format!("*{}", self.elem(inner)), ",omitempty")
    }

    /// The object a type reaches by value (through aliases), if any.
    fn value_object(&self, t: &TypeRef) -> Option<usize> {
        let mut t = t;
        for _ in 0..64 {
            match t {
                TypeRef::Named { id } => match &self.api.ty(*id).kind {
                    TypeKind::Object(o) if !o.fields.is_empty() => return Some(id.0),
                    TypeKind::Alias { target } if !self.void_alias.contains(&id.0) => {
                        if self.defined_alias.contains(&id.0) {
                            return None;
                        }
                        t = target
                    }
                    _ => return None,
                },
                TypeRef::Nullable { inner } => t = inner,
                _ => return None,
            }
        }
        None
    }
}

fn alias_target(api: &Api, id: usize) -> Option<&TypeRef> {
    match &api.types[id].kind {
        TypeKind::Alias { target } => Some(target),
        _ => None,
    }
}

/// Aliases reached from `t` (through containers and other aliases) -> whether `start` is
/// among them; `direct` only follows aliases and Nullable.
fn alias_reaches(api: &Api, start: usize, direct: bool) -> bool {
    let mut stack: Vec<&TypeRef> = alias_target(api, start).into_iter().collect();
    let mut seen = HashSet::new();
    while let Some(t) = stack.pop() {
        match t {
            TypeRef::Named { id } => {
                if id.0 == start {
                    return true;
                }
                if seen.insert(id.0) {
                    if let Some(next) = alias_target(api, id.0) {
                        stack.push(next);
                    }
                }
            }
            TypeRef::Nullable { inner } => stack.push(inner),
            TypeRef::Array { items } if !direct => stack.push(items),
            TypeRef::Map { values } if !direct => stack.push(values),
            _ => {}
        }
    }
    false
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

pub fn build(api: &Api, name: Option<&str>) -> Package {
    build_with_ctx(api, name).0
}

/// The package and the context that settled its types (type names, the fields held by
/// pointer), for code written against the package (docs samples).
pub fn build_with_ctx<'a>(api: &'a Api, name: Option<&str>) -> (Package, Ctx<'a>) {
    let title_words = sdkgen_core::naming::package_words(&api.title);
    let pkg_name = match name {
        Some(n) => naming::package_name(&sdkgen_core::words::split_words(n)),
        None => naming::package_name(&title_words),
    };
    let module = format!(
        "github.com/sdkgen/{}-go",
        naming::snake(&title_words).replace('_', "-")
    );

    // Package scope: runtime names, then declared types, then synthesized ones.
    let mut pkg = NameAllocator::new(false);
    pkg.reserve(naming::RUNTIME_NAMES);
    let mut names = vec![String::new(); api.types.len()];
    for pass in [true, false] {
        for (i, t) in api.types.iter().enumerate() {
            if t.declared == pass {
                names[i] = pkg.alloc(&exported(&t.name.words));
            }
        }
    }

    let mut ctx = Ctx {
        api,
        names,
        pointer_fields: HashSet::new(),
        defined_alias: HashSet::new(),
        void_alias: HashSet::new(),
        auth: auth(api),
    };
    for i in 0..api.types.len() {
        if alias_target(api, i).is_some() {
            if alias_reaches(api, i, true) {
                ctx.void_alias.insert(i);
            } else if alias_reaches(api, i, false) {
                ctx.defined_alias.insert(i);
            }
        }
    }
    settle_pointers(&mut ctx);

    let mut models = Vec::new();
    for (i, t) in api.types.iter().enumerate() {
        models.push(build_model(&ctx, &mut pkg, i, t));
    }

    let mut env_alloc = NameAllocator::new(false);
    let environments: Vec<Environment> = api
        .servers
        .iter()
        .map(|s| {
            let base = format!("Environment{}", naming::exported_tail(&s.name.words));
            let n = env_alloc.alloc(&base);
            Environment {
                name: pkg.alloc(&n),
                url: s.url.clone(),
                description: s.description.clone(),
            }
        })
        .collect();

    let mut files = NameAllocator::new(true);
    files.reserve([
        "client",
        "core",
        "errors",
        "values",
        "nullable",
        "stream",
        "pagination",
        "upload",
        "models",
    ]);
    let mut client_fields = NameAllocator::new(false);
    client_fields.reserve(["Options"]);
    let mut services = Vec::new();
    for g in &api.groups {
        let base = exported(&g.name.words);
        let type_name = pkg.alloc(&format!("{base}Service"));
        let field = client_fields.alloc(&base);
        let file = files.alloc_with(&format!("{}_service", naming::snake(&g.name.words)), "_");
        let mut methods_alloc = NameAllocator::new(false);
        let method_names: Vec<String> = g
            .operations
            .iter()
            .map(|op| methods_alloc.alloc(&exported(&op.method_name.words)))
            .collect();
        let mut params = Vec::new();
        let mut methods = Vec::new();
        for (op, mname) in g.operations.iter().zip(method_names) {
            let m = build_method(
                &ctx,
                &mut pkg,
                &mut methods_alloc,
                &base,
                mname,
                op,
                &mut params,
            );
            methods.push(m);
        }
        services.push(Service {
            type_name,
            field,
            file,
            docs: g.docs.clone(),
            params,
            methods,
        });
    }

    let pkg = Package {
        name: pkg_name,
        module,
        title: api.title.clone(),
        version: semver(&api.version),
        docs: api.docs.clone(),
        env_base_url: sdkgen_core::naming::env_var(api, "BASE_URL"),
        default_base_url: api
            .servers
            .first()
            .map(|s| s.url.clone())
            .unwrap_or_default(),
        environments,
        auth: ctx.auth.clone(),
        models,
        services,
    };
    (pkg, ctx)
}

/// Required object fields held by value may not form a cycle (an infinite Go struct):
/// the field that closes one is held by pointer instead.
fn settle_pointers(ctx: &mut Ctx) {
    let api = ctx.api;
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    for (i, t) in api.types.iter().enumerate() {
        if let TypeKind::Object(o) = &t.kind {
            for (fi, f) in o.fields.iter().enumerate() {
                let by_value = f.required || matches!(f.ty, TypeRef::Nullable { .. });
                if !by_value || ctx.is_container(f.ty.non_null()) {
                    continue;
                }
                if let Some(target) = ctx.value_object(&f.ty) {
                    edges.push((i, fi, target));
                }
            }
        }
    }
    let mut adj: Vec<Vec<(usize, usize)>> = vec![Vec::new(); api.types.len()];
    for (k, (from, _, to)) in edges.iter().enumerate() {
        adj[*from].push((*to, k));
    }
    let mut removed = vec![false; edges.len()];
    for k in 0..edges.len() {
        let (from, fi, to) = edges[k];
        // Does `to` reach `from` through edges still by value (this one included)?
        let mut seen = vec![false; api.types.len()];
        let mut stack = vec![to];
        let mut cycle = false;
        while let Some(n) = stack.pop() {
            if n == from {
                cycle = true;
                break;
            }
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            for (next, e) in &adj[n] {
                if !removed[*e] {
                    stack.push(*next);
                }
            }
        }
        if cycle {
            removed[k] = true;
            ctx.pointer_fields.insert((from, fi));
        }
    }
}

fn build_model(ctx: &Ctx, pkg: &mut NameAllocator, idx: usize, t: &TypeDef) -> Model {
    let name = ctx.names[idx].clone();
    let kind = match &t.kind {
        TypeKind::Object(o) => object_model(ctx, idx, o),
        TypeKind::Enum(e) => enum_model(pkg, &name, e),
        TypeKind::Union(u) => union_model(ctx, idx, u),
        TypeKind::Alias { target } => {
            if ctx.void_alias.contains(&idx) {
                ModelKind::Alias {
                    target: "any".into(),
                    defined: false,
                }
            } else {
                ModelKind::Alias {
                    target: ctx.elem(target.non_null()),
                    defined: ctx.defined_alias.contains(&idx),
                }
            }
        }
    };
    Model {
        name,
        docs: t.docs.clone(),
        kind,
    }
}

fn object_model(ctx: &Ctx, idx: usize, o: &ObjectType) -> ModelKind {
    if o.fields.is_empty() {
        let values = o
            .additional
            .as_deref()
            .map(|v| ctx.elem(v))
            .unwrap_or_else(|| "any".to_string());
        return ModelKind::Alias {
            target: format!("map[string]{values}"),
            defined: true,
        };
    }
    let (names, mut fields_alloc) = object_field_names(o);
    let mut fields = Vec::new();
    for (fi, f) in o.fields.iter().enumerate() {
        let Some(name) = names[fi].clone() else {
            continue;
        };
        let (ty, opts) = ctx.field_type(&f.ty, f.required, ctx.pointer_fields.contains(&(idx, fi)));
        fields.push(StructField {
            name,
            ty,
            tag: format!("`json:\"{}{}\"`", f.name.wire, opts),
            docs: with_default(&f.docs, f.default.as_ref()),
        });
    }
    let extra = o.additional.as_deref().map(|v| {
        let name = fields_alloc.alloc("ExtraFields");
        let value = ctx.elem(v);
        fields.push(StructField {
            name: name.clone(),
            ty: format!("map[string]{value}"),
            tag: "`json:\"-\"`".to_string(),
            docs: Docs {
                summary: Some("Members beyond the declared fields.".into()),
                ..Docs::default()
            },
        });
        let known = o
            .fields
            .iter()
            .map(|f| f.name.wire.clone())
            .collect::<Vec<_>>();
        (name, value, known)
    });
    ModelKind::Struct { fields, extra }
}

fn enum_model(pkg: &mut NameAllocator, name: &str, e: &EnumType) -> ModelKind {
    let base = match e.base {
        Primitive::Integer | Primitive::Int64 => "int64",
        Primitive::Number => "float64",
        Primitive::Boolean => "bool",
        _ => "string",
    };
    let mut seen = HashSet::new();
    let mut consts = Vec::new();
    for v in &e.values {
        let value = match (base, &v.value) {
            ("string", Literal::String(s)) => naming::string_lit(s),
            ("string", Literal::Integer(s) | Literal::Number(s)) => naming::string_lit(s),
            ("string", Literal::Boolean(b)) => naming::string_lit(&b.to_string()),
            ("int64", Literal::Integer(s)) if s.parse::<i64>().is_ok() => {
                s.parse::<i64>().map(|n| n.to_string()).unwrap_or_default()
            }
            ("float64", Literal::Integer(s) | Literal::Number(s)) => match naming::float_lit(s) {
                Some(f) => f,
                None => continue,
            },
            _ => continue,
        };
        if !seen.insert(value.clone()) {
            continue;
        }
        consts.push(EnumConst {
            name: pkg.alloc(&format!("{name}{}", naming::exported_tail(&v.name.words))),
            value,
            docs: v.docs.clone(),
        });
    }
    ModelKind::Enum { base, consts }
}

fn union_model(ctx: &Ctx, idx: usize, u: &UnionType) -> ModelKind {
    let mut alloc = NameAllocator::new(false);
    alloc.reserve(["Raw", "MarshalJSON", "UnmarshalJSON"]);
    let mut seen_types = HashSet::new();
    let mut variants = Vec::new();
    for (member, v) in u.variants.iter().enumerate() {
        let inner = v.ty.non_null();
        let (field, ty) = match inner {
            TypeRef::Any => continue,
            TypeRef::Named { id } if id.0 == idx => continue,
            TypeRef::Named { id } => {
                if ctx.is_container(inner) {
                    (ctx.names[id.0].clone(), ctx.elem(inner))
                } else {
                    (ctx.names[id.0].clone(), format!("*{}", ctx.elem(inner)))
                }
            }
            TypeRef::Primitive { ty } => {
                let n = naming::primitive_member(*ty);
                if ctx.is_container(inner) {
                    (n.to_string(), ctx.elem(inner))
                } else {
                    (n.to_string(), format!("*{}", ctx.elem(inner)))
                }
            }
            TypeRef::Literal { value } => {
                let Some(n) = naming::literal_member(value) else {
                    continue;
                };
                (n.to_string(), format!("*{}", ctx.elem(inner)))
            }
            TypeRef::Array { items } => {
                let base = match items.non_null() {
                    TypeRef::Named { id } => ctx.names[id.0].clone(),
                    TypeRef::Primitive { ty } => {
                        exported(&[naming::primitive(*ty).trim_start_matches("[]").to_string()])
                    }
                    _ => "Value".to_string(),
                };
                (format!("{base}Array"), ctx.elem(inner))
            }
            TypeRef::Map { .. } => ("Map".to_string(), ctx.elem(inner)),
            TypeRef::Nullable { .. } => continue,
        };
        if !seen_types.insert(ty.clone()) {
            continue;
        }
        let inject_tag = match (&u.discriminator, inner, v.tags.first()) {
            (Some(d), TypeRef::Named { id }, Some(tag)) => match &ctx.api.ty(*id).kind {
                TypeKind::Object(o)
                    if !o.fields.is_empty() && !o.fields.iter().any(|f| &f.name.wire == d) =>
                {
                    Some(tag.clone())
                }
                _ => None,
            },
            _ => None,
        };
        variants.push(UnionVariant {
            field: alloc.alloc(&field),
            ty,
            tags: v.tags.clone(),
            member,
            inject_tag,
        });
    }
    ModelKind::Union {
        variants,
        discriminator: u.discriminator.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn build_method(
    ctx: &Ctx,
    pkg: &mut NameAllocator,
    methods_alloc: &mut NameAllocator,
    service_base: &str,
    name: String,
    op: &Operation,
    params_out: &mut Vec<ParamsStruct>,
) -> Method {
    let mut locals = NameAllocator::new(false);
    locals.reserve(naming::RESERVED_LOCALS);
    locals.reserve(naming::KEYWORDS);
    let mut path_args = Vec::new();
    let mut path_names: Vec<(String, String)> = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        if path_names.iter().any(|(w, _)| *w == p.name.wire) {
            continue;
        }
        let l = locals.alloc(&local(&p.name.words));
        path_names.push((p.name.wire.clone(), l.clone()));
        path_args.push((l, ctx.elem(p.ty.non_null())));
    }

    let mut fields_alloc = NameAllocator::new(false);
    let mut fields: Vec<StructField> = Vec::new();
    let mut sources: Vec<ArgSource> = Vec::new();
    let mut setup: Vec<String> = Vec::new();
    let mut uses_io = false;
    let mut seen_params = HashSet::new();
    for (pi, p) in op.params.iter().enumerate() {
        if p.location == ParamLocation::Path {
            continue;
        }
        if p.location == ParamLocation::Header
            && op.method.is_unsafe()
            && p.name.wire.eq_ignore_ascii_case("idempotency-key")
        {
            continue;
        }
        if !seen_params.insert((p.location as u8, p.name.wire.clone())) {
            continue;
        }
        let fname = fields_alloc.alloc(&exported(&p.name.words));
        let (ty, _) = ctx.field_type(&p.ty, p.required, false);
        let wire = naming::string_lit(&p.name.wire);
        setup.push(match p.location {
            ParamLocation::Query => format!(
                "rs.addQuery({wire}, params.{fname}, {}, {})",
                p.explode || p.style == ParamStyle::DeepObject,
                p.style == ParamStyle::DeepObject
            ),
            ParamLocation::Header => format!("rs.setHeader({wire}, params.{fname})"),
            _ => format!("rs.addCookie({wire}, params.{fname})"),
        });
        sources.push(ArgSource::Param(pi));
        fields.push(StructField {
            name: fname,
            ty,
            tag: String::new(),
            docs: with_default(&p.docs, p.default.as_ref()),
        });
    }

    let mut body_arg: Option<(String, String)> = None;
    if let Some(b) = &op.body {
        let object = match (&b.ty, b.encoding) {
            (TypeRef::Named { id }, BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded) => {
                match &ctx.api.ty(*id).kind {
                    TypeKind::Object(o) if !o.fields.is_empty() => Some(o),
                    _ => None,
                }
            }
            _ => None,
        };
        match b.encoding {
            BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded if object.is_some() => {
                let o = object.unwrap_or_else(|| unreachable!());
                let multipart = b.encoding == BodyEncoding::Multipart;
                if multipart {
                    setup.push("mp := newMultipart()".into());
                } else {
                    setup.push("form := url.Values{}".into());
                }
                let mut wires = HashSet::new();
                for (fi, f) in o.fields.iter().enumerate() {
                    if f.read_only || !wires.insert(f.name.wire.clone()) {
                        continue;
                    }
                    let fname = fields_alloc.alloc(&exported(&f.name.words));
                    let wire = naming::string_lit(&f.name.wire);
                    sources.push(ArgSource::Field(fi));
                    let is_bin = |t: &TypeRef| {
                        matches!(
                            t.non_null(),
                            TypeRef::Primitive {
                                ty: Primitive::Binary
                            }
                        )
                    };
                    let ty = if multipart && is_bin(&f.ty) {
                        setup.push(format!("mp.addFile({wire}, params.{fname})"));
                        uses_io = true;
                        "io.Reader".to_string()
                    } else if multipart
                        && matches!(f.ty.non_null(), TypeRef::Array { items } if is_bin(items))
                    {
                        setup.push(format!("mp.addFiles({wire}, params.{fname})"));
                        uses_io = true;
                        "[]io.Reader".to_string()
                    } else {
                        if multipart {
                            setup.push(format!("mp.addField({wire}, params.{fname})"));
                        } else {
                            setup.push(format!(
                                "addValues(form, {wire}, params.{fname}, true, false)"
                            ));
                        }
                        ctx.field_type(&f.ty, f.required && b.required, false).0
                    };
                    fields.push(StructField {
                        name: fname,
                        ty,
                        tag: String::new(),
                        docs: with_default(&f.docs, f.default.as_ref()),
                    });
                }
                if multipart {
                    setup.push("rs.setMultipart(mp)".into());
                } else {
                    setup.push("rs.setForm(form)".into());
                }
            }
            BodyEncoding::Binary => {
                let fname = fields_alloc.alloc("Body");
                sources.push(ArgSource::Body);
                uses_io = true;
                setup.push(format!(
                    "rs.setReader(params.{fname}, {})",
                    naming::string_lit(&b.media_type)
                ));
                fields.push(StructField {
                    name: fname,
                    ty: "io.Reader".into(),
                    tag: String::new(),
                    docs: b.docs.clone(),
                });
            }
            BodyEncoding::Text => {
                let fname = fields_alloc.alloc("Body");
                sources.push(ArgSource::Body);
                setup.push(format!(
                    "rs.setText(params.{fname}, {})",
                    naming::string_lit(&b.media_type)
                ));
                fields.push(StructField {
                    name: fname,
                    ty: "string".into(),
                    tag: String::new(),
                    docs: b.docs.clone(),
                });
            }
            BodyEncoding::FormUrlEncoded => {
                let fname = fields_alloc.alloc("Body");
                sources.push(ArgSource::Body);
                setup.push("form := url.Values{}".into());
                setup.push(format!(
                    "addValues(form, \"\", params.{fname}, true, false)"
                ));
                setup.push("rs.setForm(form)".into());
                fields.push(StructField {
                    name: fname,
                    ty: ctx.elem(&b.ty),
                    tag: String::new(),
                    docs: b.docs.clone(),
                });
            }
            BodyEncoding::Json | BodyEncoding::Multipart => {
                let ty = ctx.elem(&b.ty);
                if fields.is_empty() {
                    body_arg = Some(("body".into(), ty));
                    setup.push("rs.setJSON(body)".into());
                } else {
                    let fname = fields_alloc.alloc("Body");
                    sources.push(ArgSource::Body);
                    setup.push(format!("rs.setJSON(params.{fname})"));
                    fields.push(StructField {
                        name: fname,
                        ty,
                        tag: String::new(),
                        docs: b.docs.clone(),
                    });
                }
            }
        }
    }

    let arg = if let Some(b) = body_arg {
        Some(b)
    } else if fields.is_empty() {
        None
    } else {
        let pname = pkg.alloc(&format!("{service_base}{name}Params"));
        params_out.push(ParamsStruct {
            name: pname.clone(),
            docs: format!("{pname} holds the parameters of {service_base}.{name}."),
            fields,
            sources,
        });
        Some(("params".to_string(), pname))
    };

    match &op.response {
        ResponseKind::Text { media_type } | ResponseKind::Binary { media_type } => {
            setup.push(format!("rs.accept = {}", naming::string_lit(media_type)));
        }
        _ => {}
    }
    if let Some(reqs) = ctx.auth.model.operation_security(op) {
        setup.push(format!("rs.security = {}", security_lit(&reqs)));
    }

    let ret = match &op.response {
        ResponseKind::Empty => Return::Empty,
        ResponseKind::Json { ty } => match ty {
            TypeRef::Named { id } if !ctx.is_container(ty) => match &ctx.api.ty(*id).kind {
                TypeKind::Object(_) | TypeKind::Union(_) => {
                    Return::Pointer(ctx.names[id.0].clone())
                }
                _ => Return::Value(ctx.elem(ty)),
            },
            _ => Return::Value(ctx.elem(ty)),
        },
        ResponseKind::EventStream { ty } => Return::Stream(ctx.elem(ty)),
        ResponseKind::Text { .. } => Return::Text,
        ResponseKind::Binary { .. } => Return::Bytes,
    };

    let pager = build_pager(ctx, methods_alloc, &name, op, &ret);
    let alt = match ret {
        Return::Pointer(_) | Return::Value(_) => {
            let mut others: Vec<String> = Vec::new();
            for r in op.responses.iter().filter(|r| r.status.starts_with('2')) {
                for m in &r.media_types {
                    if !is_json_media(m) && m != "text/event-stream" && !others.contains(m) {
                        others.push(m.clone());
                    }
                }
            }
            if others.is_empty() {
                None
            } else {
                let text = others.iter().all(|m| is_text_media(m));
                let suffix = if text { "Text" } else { "Bytes" };
                Some(AltMethod {
                    name: methods_alloc.alloc(&format!("{name}{suffix}")),
                    text,
                    accept: others.join(", "),
                    media_types: others,
                })
            }
        }
        _ => None,
    };

    Method {
        name,
        docs: op.docs.clone(),
        http: op.method.as_str(),
        path: op.path.replace(['\n', '\r'], " "),
        path_args,
        arg,
        setup,
        path_expr: path_expr(&op.path, &path_names),
        ret,
        pager,
        alt,
        uses_io,
    }
}

/// The Go names of an object's fields (`None`: not representable, or a repeated wire
/// name), and the allocator that settled them (methods of the struct reserved).
pub fn object_field_names(o: &ObjectType) -> (Vec<Option<String>>, NameAllocator) {
    let mut alloc = NameAllocator::new(false);
    alloc.reserve(["MarshalJSON", "UnmarshalJSON"]);
    let mut wires = HashSet::new();
    let names = o
        .fields
        .iter()
        .map(|f| {
            if !valid_json_key(&f.name.wire) || !wires.insert(f.name.wire.clone()) {
                None
            } else {
                Some(alloc.alloc(&exported(&f.name.words)))
            }
        })
        .collect();
    (names, alloc)
}

fn find_field<'a>(o: &'a ObjectType, wire: &str) -> Option<(String, &'a sdkgen_core::ir::Field)> {
    let (names, _) = object_field_names(o);
    o.fields
        .iter()
        .zip(names)
        .find(|(f, n)| f.name.wire == wire && n.is_some())
        .and_then(|(f, n)| n.map(|n| (n, f)))
}

fn build_pager(
    ctx: &Ctx,
    methods_alloc: &mut NameAllocator,
    name: &str,
    op: &Operation,
    ret: &Return,
) -> Option<Pager> {
    let p = op.pagination.as_ref()?;
    let Return::Pointer(page_type) = ret else {
        return None;
    };
    let ResponseKind::Json {
        ty: TypeRef::Named { id },
    } = &op.response
    else {
        return None;
    };
    let TypeKind::Object(o) = &ctx.api.ty(*id).kind else {
        return None;
    };
    let (items_name, items_field) = find_field(o, &p.items_field)?;
    let TypeRef::Array { items } = &items_field.ty else {
        return None;
    };
    let item_type = ctx.elem(items);
    let items_expr = format!("p.{items_name}");
    let more = match &p.has_more_field {
        Some(h) => match find_field(o, h) {
            Some((n, _)) => format!("p.{n}"),
            None => "nil".into(),
        },
        None => "nil".into(),
    };
    let next_body = match &p.next_cursor {
        CursorSource::ResponseField(f) => {
            let (n, _) = find_field(o, f)?;
            vec![format!("return p.{n}, {more}, len({items_expr})")]
        }
        CursorSource::LastItemField(f) => {
            let TypeRef::Named { id: item_id } = items.as_ref() else {
                return None;
            };
            let TypeKind::Object(io) = &ctx.api.ty(*item_id).kind else {
                return None;
            };
            let (n, _) = find_field(io, f)?;
            vec![
                format!("if len({items_expr}) == 0 {{"),
                "\treturn nil, nil, 0".into(),
                "}".into(),
                format!("return {items_expr}[len({items_expr})-1].{n}, {more}, len({items_expr})"),
            ]
        }
    };
    Some(Pager {
        pages_name: methods_alloc.alloc(&format!("{name}Pages")),
        all_name: methods_alloc.alloc(&format!("{name}AutoPaging")),
        page_type: page_type.clone(),
        item_type,
        items_expr,
        cursor_param: p.cursor_param.clone(),
        next_body,
    })
}

/// The Go expression of a path: literals joined with `pathValue(local)`.
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
            Some((_, l)) => {
                if !lit.is_empty() {
                    parts.push(naming::string_lit(&std::mem::take(&mut lit)));
                }
                parts.push(format!("pathValue({l})"));
            }
            None => lit.push_str(&rest[start..start + len + 1]),
        }
        rest = &rest[start + len + 1..];
    }
    lit.push_str(rest);
    if !lit.is_empty() || parts.is_empty() {
        parts.push(naming::string_lit(&lit));
    }
    parts.join(" + ")
}
