//! The TypeScript view of an API: every name settled by a `NameAllocator` per scope
//! before anything is rendered. Templates and the renderer only read these structs.

use crate::naming::{self, camel, kebab, pascal, prop_key, string_lit};
use crate::types::{literal, union, Site, TExpr, TypeNames};
use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::auth::{AuthModel, AuthOption};
use sdkgen_core::ir::{
    Api, BodyEncoding, CursorSource, Docs, EnumType, Literal, ObjectType, ParamLocation,
    ParamStyle, Primitive, ResponseKind, TypeDef, TypeKind, TypeRef,
};

pub struct Package {
    pub name: String,
    pub version: String,
    pub title: String,
    pub docs: Docs,
    /// The API-named alias of `Client` (`VideoTranscriber`).
    pub alias: String,
    pub env_base_url: String,
    pub environments: Vec<Environment>,
    pub auth: Auth,
    pub models: Vec<Model>,
    pub resources: Vec<Resource>,
}

pub struct Environment {
    pub key: String,
    pub url: String,
    pub description: Option<String>,
}

/// How the client sends credentials (the rule all languages share, `sdkgen_core::auth`),
/// with the client option of each scheme's options.
pub struct Auth {
    pub model: AuthModel,
    /// The options of every scheme, in `model.options()` order.
    pub options: Vec<AuthOptionView>,
    /// The variable samples name as the client's key: the primary token's, else the first
    /// option's (`<PREFIX>_API_KEY` when there is none).
    pub setup_env: String,
}

pub struct AuthOptionView {
    /// The option of `ClientOptions` and the property of the client (`apiKey`).
    pub name: String,
    /// The environment variable it defaults to.
    pub env: String,
    /// The key of its scheme.
    pub scheme: String,
}

impl Auth {
    /// The client option of `o`.
    pub fn name(&self, o: &AuthOption) -> &str {
        self.options
            .iter()
            .find(|v| v.env == o.env)
            .map_or("", |v| v.name.as_str())
    }

    /// The option names of the scheme `key`.
    pub fn names_of(&self, key: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|v| v.scheme == key)
            .map(|v| v.name.as_str())
            .collect()
    }
}

pub struct Model {
    pub name: String,
    pub docs: Docs,
    pub kind: ModelKind,
}

pub enum ModelKind {
    Interface { fields: Vec<FieldView>, index: bool },
    Alias(TExpr),
}

#[derive(Clone)]
pub struct FieldView {
    /// The property key as written (quoted when needed).
    pub key: String,
    pub optional: bool,
    pub read_only: bool,
    pub ty: TExpr,
    pub docs: Docs,
}

pub struct Resource {
    pub class: String,
    pub file: String,
    pub attr: String,
    pub docs: Docs,
    pub methods: Vec<Method>,
}

#[derive(Clone)]
pub struct Method {
    /// The operation's id (wire), shared by its companion.
    pub operation: String,
    pub name: String,
    pub docs: Docs,
    pub http: &'static str,
    /// `sessions.list` style name for docs.
    pub path_params: Vec<(String, TExpr)>,
    pub params: Option<ParamsView>,
    /// (wire name, argument name) of every argument: the path parameters, then the keys of
    /// `params` (the query and header parameters, then the body's properties or `body`).
    pub args: Vec<(String, String)>,
    pub path_expr: String,
    pub query: Vec<ParamKey>,
    pub headers: Vec<ParamKey>,
    pub cookies: Vec<ParamKey>,
    pub body: Option<&'static str>,
    pub body_key: Option<String>,
    pub content_type: Option<String>,
    pub response: &'static str,
    /// The `Accept` media type of text and binary responses.
    pub accept: Option<String>,
    pub returns: TExpr,
    pub page: Option<PageView>,
    /// The operation's security requirements, when they differ from the API's default.
    pub security: Option<Vec<Vec<String>>>,
    pub deprecated: bool,
    /// A companion (`transcriptText`) of the operation's own method, listed right after it.
    pub companion: bool,
    /// The companion reading this operation's other media types, named by the error the JSON
    /// method throws when the answer is not JSON.
    pub other_media: Option<String>,
}

#[derive(Clone)]
pub struct ParamsView {
    pub name: String,
    pub required: bool,
    pub fields: Vec<FieldView>,
}

#[derive(Clone)]
pub struct ParamKey {
    pub key: String,
    pub wire: String,
    pub csv: bool,
    /// `style: deepObject`: objects sent as `key[prop]=value`.
    pub deep: bool,
}

#[derive(Clone)]
pub struct PageView {
    pub cursor_param: String,
    pub items_field: String,
    pub cursor_field: Option<String>,
    pub last_item_field: Option<String>,
    pub has_more_field: Option<String>,
    pub item: TExpr,
}

/// Client members a resource attribute must not shadow.
const CLIENT_MEMBERS: &[&str] = &[
    "constructor",
    "baseURL",
    "timeout",
    "maxRetries",
    "fetchImpl",
    "defaultHeaders",
    "defaultQuery",
    "logger",
    "hooks",
    "credentials",
    "defaultSecurity",
    "credentialsFor",
    "request",
    "requestPage",
    "buildURL",
    "buildBody",
    "buildHeaders",
    "send",
    "shouldRetry",
    "retryDelay",
    "parse",
    "toString",
    "valueOf",
    "hasOwnProperty",
];

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
    let title_words = naming::title_words(&api.title);
    let pkg_name = match name {
        Some(n) => n.to_string(),
        // The npm name is also the import specifier, so the spec's registry name is both.
        None => match &api.dist_name {
            Some(d) => d.clone(),
            None if title_words.is_empty() => "sdk".to_string(),
            None => kebab(&title_words),
        },
    };

    // One scope for every exported name (index.ts re-exports all of them).
    let mut exports = NameAllocator::new(false);
    exports.reserve(naming::RESERVED_TYPES);
    let mut type_names = vec![String::new(); api.types.len()];
    for pass in [true, false] {
        for (i, t) in api.types.iter().enumerate() {
            if t.declared == pass {
                type_names[i] = exports.alloc(&pascal(&t.name.words));
            }
        }
    }
    let alias = exports.alloc(&if title_words.is_empty() {
        "Api".to_string()
    } else {
        pascal(&title_words)
    });
    let tn = TypeNames {
        api,
        names: &type_names,
    };

    let models = api
        .types
        .iter()
        .enumerate()
        .map(|(i, t)| build_model(&tn, i, t, &type_names[i]))
        .collect();

    let auth = build_auth(api);
    let mut files = NameAllocator::new(true);
    let mut attrs = NameAllocator::new(false);
    attrs.reserve(CLIENT_MEMBERS);
    attrs.reserve(auth.options.iter().map(|o| o.name.as_str()));
    let resources = api
        .groups
        .iter()
        .map(|g| {
            let base = pascal(&g.name.words);
            // A model of the same name keeps it; the resource becomes `XResource`.
            let class = if exports.is_taken(&base) {
                exports.alloc(&format!("{base}Resource"))
            } else {
                exports.alloc(&base)
            };
            let file = files.alloc_with(&kebab(&g.name.words), "-");
            let attr = attrs.alloc(camel(&g.name.words).trim_end_matches('_'));
            let mut methods_alloc = NameAllocator::new(false);
            methods_alloc.reserve(["constructor", "_client"]);
            // The operations' own names first, then companions (`<method>Text`, for the
            // other media types of a JSON answer), so a companion never takes an operation's.
            let names: Vec<String> = g
                .operations
                .iter()
                .map(|op| methods_alloc.alloc(camel(&op.method_name.words).trim_end_matches('_')))
                .collect();
            let companions: Vec<Option<(String, &'static str, Vec<String>)>> = g
                .operations
                .iter()
                .zip(&names)
                .map(|(op, mname)| {
                    let (text, bytes) = op.alternative_media_types();
                    if !text.is_empty() {
                        Some((methods_alloc.alloc(&format!("{mname}Text")), "text", text))
                    } else if !bytes.is_empty() {
                        Some((
                            methods_alloc.alloc(&format!("{mname}Bytes")),
                            "binary",
                            bytes,
                        ))
                    } else {
                        None
                    }
                })
                .collect();
            let mut methods = Vec::new();
            for ((op, mname), companion) in g.operations.iter().zip(names).zip(companions) {
                let mut m = build_method(&tn, &auth.model, &mut exports, &class, mname, op);
                if let Some((cname, kind, media)) = companion {
                    let c = companion_method(&m, cname, kind, &media);
                    let line = format!("Other media types are read by `{}`.", c.name);
                    m.docs.description = Some(match m.docs.description.take() {
                        Some(d) => format!("{d}\n\n{line}"),
                        None => line,
                    });
                    m.other_media = Some(c.name.clone());
                    methods.push(m);
                    methods.push(c);
                } else {
                    methods.push(m);
                }
            }
            Resource {
                class,
                file,
                attr,
                docs: g.docs.clone(),
                methods,
            }
        })
        .collect();

    let mut env_alloc = NameAllocator::new(false);
    let environments = api
        .servers
        .iter()
        .map(|s| Environment {
            key: env_alloc.alloc(&s.name.words.join("_")),
            url: s.url.clone(),
            description: s.description.clone(),
        })
        .collect();

    Package {
        name: pkg_name,
        version: semver(&api.version),
        title: api.title.clone(),
        docs: api.docs.clone(),
        alias,
        env_base_url: naming::env_var(api, "BASE_URL"),
        environments,
        auth,
        models,
        resources,
    }
}

/// The client options of the API's credentials: camel-cased, clear of the client's own
/// members and of the other `ClientOptions`.
fn build_auth(api: &Api) -> Auth {
    let model = AuthModel::new(api);
    let mut names = NameAllocator::new(false);
    names.reserve(CLIENT_MEMBERS);
    names.reserve(["fetch", "environment", "security"]);
    let options = model
        .options()
        .map(|(s, o)| AuthOptionView {
            name: names.alloc(camel(&o.words).trim_end_matches('_')),
            env: o.env.clone(),
            scheme: s.key.clone(),
        })
        .collect();
    let setup_env = model
        .options()
        .find(|(_, o)| o.words == ["api", "key"])
        .or_else(|| model.options().next())
        .map_or_else(|| naming::env_var(api, "API_KEY"), |(_, o)| o.env.clone());
    Auth {
        model,
        options,
        setup_env,
    }
}

fn build_model(tn: &TypeNames, idx: usize, t: &TypeDef, name: &str) -> Model {
    let kind = match &t.kind {
        TypeKind::Object(o) => object_model(tn, o),
        TypeKind::Enum(e) => ModelKind::Alias(enum_expr(e)),
        TypeKind::Union(u) => {
            let members = u
                .variants
                .iter()
                .map(|v| {
                    let ty = self_safe(tn, idx, &v.ty);
                    match (&u.discriminator, v.tags.as_slice()) {
                        (Some(d), [tag]) if needs_tag(tn, &v.ty, d, tag) => {
                            TExpr::Tagged(Box::new(ty), prop_key(d), string_lit(tag))
                        }
                        _ => ty,
                    }
                })
                .collect();
            ModelKind::Alias(union(members))
        }
        TypeKind::Alias { target } => ModelKind::Alias(self_safe(tn, idx, target)),
    };
    Model {
        name: name.to_string(),
        docs: t.docs.clone(),
        kind,
    }
}

/// Whether a union variant must be narrowed with `& { d: "tag" }` so TypeScript can
/// discriminate it: unless its own field already has exactly that literal type.
fn needs_tag(tn: &TypeNames, ty: &TypeRef, d: &str, tag: &str) -> bool {
    let TypeRef::Named { id } = ty else {
        return false;
    };
    let TypeKind::Object(o) = &tn.api.ty(*id).kind else {
        return false;
    };
    match o.fields.iter().find(|f| f.name.wire == d) {
        Some(f) => !matches!(&f.ty, TypeRef::Literal { value: Literal::String(s) } if s == tag),
        None => true,
    }
}

/// A type alias may not be (a union including) itself.
fn self_safe(tn: &TypeNames, idx: usize, t: &TypeRef) -> TExpr {
    match t.non_null() {
        TypeRef::Named { id } if id.0 == idx => TExpr::Kw("unknown"),
        _ => tn.expr(t, Site::Alias),
    }
}

fn object_model(tn: &TypeNames, o: &ObjectType) -> ModelKind {
    if o.fields.is_empty() {
        let values = o
            .additional
            .as_deref()
            .map(|v| tn.expr(v, Site::Alias))
            .unwrap_or(TExpr::Kw("unknown"));
        return ModelKind::Alias(TExpr::IndexObj(Box::new(values)));
    }
    let fields = object_fields(tn, o, &mut NameAllocator::new(false));
    ModelKind::Interface {
        fields,
        index: o.additional.is_some(),
    }
}

fn object_fields(tn: &TypeNames, o: &ObjectType, keys: &mut NameAllocator) -> Vec<FieldView> {
    let mut out = Vec::new();
    for f in &o.fields {
        if keys.is_taken(&f.name.wire) {
            continue;
        }
        keys.alloc(&f.name.wire);
        out.push(FieldView {
            key: prop_key(&f.name.wire),
            optional: !f.required,
            read_only: f.read_only,
            ty: tn.expr(&f.ty, Site::Member),
            docs: f.docs.clone(),
        });
    }
    out
}

fn enum_expr(e: &EnumType) -> TExpr {
    if e.base == Primitive::Boolean {
        return TExpr::Kw("boolean");
    }
    let mut members: Vec<TExpr> = e.values.iter().map(|v| literal(&v.value)).collect();
    let open = match e.base {
        Primitive::Integer | Primitive::Int64 | Primitive::Number => "(number & {})",
        _ => "(string & {})",
    };
    if members.iter().all(|m| *m == TExpr::Kw("null")) {
        members.insert(
            0,
            TExpr::Kw(if open.contains("number") {
                "number"
            } else {
                "string"
            }),
        );
    } else {
        members.push(TExpr::Kw(open));
    }
    union(members)
}

fn build_method(
    tn: &TypeNames,
    auth: &AuthModel,
    exports: &mut NameAllocator,
    class: &str,
    name: String,
    op: &sdkgen_core::ir::Operation,
) -> Method {
    let mut locals = NameAllocator::new(false);
    locals.reserve(["params", "options", "path", "this"]);
    let mut path_params = Vec::new();
    let mut path_names: Vec<(String, String)> = Vec::new();
    let mut args: Vec<(String, String)> = Vec::new();
    for p in op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
    {
        let local = locals.alloc(&camel(&p.name.words));
        path_names.push((p.name.wire.clone(), local.clone()));
        args.push((p.name.wire.clone(), local.clone()));
        path_params.push((local, tn.expr(&p.ty, Site::Member)));
    }

    let mut keys = NameAllocator::new(false);
    let mut fields = Vec::new();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    for p in &op.params {
        let list = match p.location {
            ParamLocation::Query => &mut query,
            ParamLocation::Header => &mut headers,
            ParamLocation::Cookie => &mut cookies,
            ParamLocation::Path => continue,
        };
        let key = keys.alloc(&p.name.wire);
        args.push((p.name.wire.clone(), key.clone()));
        list.push(ParamKey {
            key: key.clone(),
            wire: p.name.wire.clone(),
            csv: !p.explode
                && p.location == ParamLocation::Query
                && p.style != ParamStyle::DeepObject,
            deep: p.location == ParamLocation::Query && p.style == ParamStyle::DeepObject,
        });
        fields.push(FieldView {
            key: prop_key(&key),
            optional: !p.required,
            read_only: false,
            ty: tn.expr(&p.ty, Site::Member),
            docs: p.docs.clone(),
        });
    }

    let mut body = None;
    let mut body_key = None;
    let mut content_type = None;
    if let Some(b) = &op.body {
        body = Some(match b.encoding {
            BodyEncoding::Json => "json",
            BodyEncoding::Multipart => "multipart",
            BodyEncoding::FormUrlEncoded => "form",
            BodyEncoding::Binary => "binary",
            BodyEncoding::Text => "text",
        });
        let object = match (&b.ty, b.encoding) {
            (
                TypeRef::Named { id },
                BodyEncoding::Json | BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded,
            ) => match &tn.api.ty(*id).kind {
                TypeKind::Object(o) if !o.fields.is_empty() && o.additional.is_none() => Some(o),
                _ => None,
            },
            _ => None,
        };
        let collides = object.is_some_and(|o| o.fields.iter().any(|f| keys.is_taken(&f.name.wire)));
        match object {
            Some(o) if !collides => {
                let mut seen = std::collections::HashSet::new();
                args.extend(
                    o.fields
                        .iter()
                        .filter(|f| seen.insert(&f.name.wire))
                        .map(|f| (f.name.wire.clone(), f.name.wire.clone())),
                );
                let mut flat = object_fields(tn, o, &mut keys);
                if !b.required {
                    flat.iter_mut().for_each(|f| f.optional = true);
                }
                fields.extend(flat);
            }
            _ => {
                let key = keys.alloc("body");
                args.push(("body".into(), key.clone()));
                let ty = match b.encoding {
                    BodyEncoding::Binary => TExpr::Ref("Uploadable".into()),
                    BodyEncoding::Text => TExpr::Kw("string"),
                    _ => tn.expr(&b.ty, Site::Member),
                };
                fields.push(FieldView {
                    key: key.clone(),
                    optional: !b.required,
                    read_only: false,
                    ty,
                    docs: b.docs.clone(),
                });
                body_key = Some(key);
            }
        }
        if matches!(b.encoding, BodyEncoding::Binary | BodyEncoding::Text) {
            content_type = Some(b.media_type.clone());
        }
    }

    let params = if fields.is_empty() {
        None
    } else {
        let pname = exports.alloc(&format!("{class}{}Params", upper_first(&name)));
        Some(ParamsView {
            name: pname,
            required: fields.iter().any(|f| !f.optional),
            fields,
        })
    };

    let (response, returns) = match &op.response {
        ResponseKind::Empty => ("empty", TExpr::Kw("void")),
        ResponseKind::Json { ty } => ("json", tn.expr(ty, Site::Member)),
        ResponseKind::EventStream { ty } => (
            "sse",
            TExpr::Generic("Stream", vec![tn.expr(ty, Site::Member)]),
        ),
        ResponseKind::Text { .. } => ("text", TExpr::Kw("string")),
        ResponseKind::Binary { .. } => ("binary", TExpr::Kw("ArrayBuffer")),
    };
    let page = match (&op.pagination, response) {
        (Some(p), "json") => Some(PageView {
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
            item: tn.expr(&p.item, Site::Member),
        }),
        _ => None,
    };

    Method {
        operation: op.id.wire.clone(),
        name,
        docs: op.docs.clone(),
        http: op.method.as_str(),
        path_params,
        params,
        args,
        path_expr: path_expr(&op.path, &path_names),
        query,
        headers,
        cookies,
        body,
        body_key,
        content_type,
        response,
        accept: match &op.response {
            ResponseKind::Text { media_type } | ResponseKind::Binary { media_type } => {
                Some(media_type.clone())
            }
            _ => None,
        },
        returns,
        page,
        security: auth.operation_security(op),
        deprecated: op.docs.deprecated,
        companion: false,
        other_media: None,
    }
}

/// `m` answered in another media type: `kind` `text` (a string) or `binary` (bytes), with
/// an `Accept` header naming `media`; it shares `m`'s parameters.
fn companion_method(m: &Method, name: String, kind: &'static str, media: &[String]) -> Method {
    let mut c = m.clone();
    c.docs = Docs {
        summary: Some(format!(
            "Like `{}`, with the answer as it comes in its other media types ({}).",
            m.name,
            media.join(", ")
        )),
        ..Docs::default()
    };
    c.name = name;
    c.response = kind;
    c.accept = Some(media.join(", "));
    c.returns = TExpr::Kw(if kind == "text" {
        "string"
    } else {
        "ArrayBuffer"
    });
    c.page = None;
    c.deprecated = false;
    c.companion = true;
    c.other_media = None;
    c
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// `path\`/a/${id}\`` when the path has parameters, else a string literal.
fn path_expr(template: &str, names: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    let mut interpolated = false;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let wire = &rest[start + 1..start + len];
        out.push_str(&template_text(&rest[..start]));
        match names.iter().find(|(w, _)| w == wire) {
            Some((_, local)) => {
                out.push_str(&format!("${{{local}}}"));
                interpolated = true;
            }
            None => out.push_str(&template_text(&rest[start..start + len + 1])),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(&template_text(rest));
    if interpolated {
        format!("path`{out}`")
    } else {
        string_lit(template)
    }
}

fn template_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${")
}

/// A literal's TypeScript source, for defaults in docs.
pub fn literal_text(l: &Literal) -> String {
    match l {
        Literal::String(s) => string_lit(s),
        Literal::Integer(n) | Literal::Number(n) | Literal::Json(n) => n.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Null => "null".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resources named like the runtime's credential types (DigitalOcean's `security` tag,
    /// Twilio's `Credential`) do not clash with what client.ts imports.
    #[test]
    fn resources_avoid_the_runtime_credential_names() {
        let spec = r##"
openapi: 3.0.0
info: {title: Clash API, version: 1.0.0}
paths:
  /security: {get: {operationId: getSecurity, tags: [Security], responses: {"204": {description: ok}}}}
  /credential: {get: {operationId: getCredential, tags: [Credential], responses: {"204": {description: ok}}}}
"##;
        let api = sdkgen_core::load_str("clash.yaml", spec).unwrap().api;
        let pkg = build(&api, None);
        let classes: Vec<&str> = pkg.resources.iter().map(|r| r.class.as_str()).collect();
        assert_eq!(classes.len(), 2);
        for taken in ["Security", "Credential"] {
            assert!(!classes.contains(&taken), "{classes:?}");
        }
    }

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: Names API, version: 1.0.0}
paths:
  /things/{path}:
    get:
      operationId: getThing
      tags: [Client]
      parameters:
        - {name: path, in: path, required: true, schema: {type: string}}
        - {name: options, in: query, schema: {type: string}}
        - {name: X-Trace-Id, in: header, schema: {type: string}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Response"}}}
components:
  schemas:
    Response: {type: object, properties: {"2fa": {type: string}, class: {type: string}}}
    Promise: {type: string, enum: [a, b]}
    Client: {type: object, properties: {x: {type: integer}}}
    "2fa": {type: string}
"##;

    fn pkg() -> Package {
        let api = sdkgen_core::load_str("names.yaml", SPEC)
            .expect("loads")
            .api;
        build(&api, None)
    }

    #[test]
    fn runtime_and_global_names_are_never_shadowed() {
        let p = pkg();
        let names: Vec<&str> = p.models.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Response2", "Promise2", "Client2", "_2fa"]);
        assert_eq!(p.alias, "Names");
        // The `Client` tag becomes a resource whose class must not clash either.
        assert_eq!(p.resources[0].class, "ClientResource");
        assert_eq!(p.resources[0].attr, "client");
    }

    #[test]
    fn generator_locals_are_not_used_by_parameters() {
        let p = pkg();
        let m = &p.resources[0].methods[0];
        assert_eq!(m.path_params[0].0, "path2");
        assert_eq!(m.path_expr, "path`/things/${path2}`");
        let params = m.params.as_ref().expect("has params");
        let keys: Vec<&str> = params.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["options", "\"X-Trace-Id\""]);
    }

    #[test]
    fn property_keys_are_quoted_when_not_identifiers() {
        let p = pkg();
        let ModelKind::Interface { fields, .. } = &p.models[0].kind else {
            panic!("interface")
        };
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["\"2fa\"", "class"]);
    }
}
