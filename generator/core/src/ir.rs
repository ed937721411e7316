//! The intermediate representation: the contract between the loader and every emitter.
//!
//! It knows no target language. Every name keeps its wire spelling and its words (see
//! [`Name`]); emitters case and escape the words themselves. Named types live in one
//! arena ([`Api::types`]) and are referred to by [`TypeId`], so recursive schemas are
//! ordinary cycles of ids. Order is deterministic: types and operations appear in the order
//! the spec declares them.

use serde::Serialize;

/// A name as it appears on the wire, plus its words for casing in any language.
/// Serialized compactly as `"wire [words]"` (snapshots, `sdkgen check --ir`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    /// The exact spelling in the spec (a JSON property, a parameter, an enum value...).
    pub wire: String,
    /// Lower-case words, split on case changes, digits boundaries and punctuation.
    /// Never empty: a name with no letters or digits gets the single word `value`.
    pub words: Vec<String>,
}

impl Name {
    pub fn new(wire: impl Into<String>) -> Self {
        let wire = wire.into();
        let words = crate::words::split_words(&wire);
        Name { wire, words }
    }

    /// A name synthesized from words (no wire spelling of its own).
    pub fn from_words(words: Vec<String>) -> Self {
        let words = if words.is_empty() {
            vec!["value".to_string()]
        } else {
            words
        };
        Name {
            wire: words.join("_"),
            words,
        }
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{} [{}]", self.wire, self.words.join(" ")))
    }
}

/// Documentation carried over from the spec. Text is raw: emitters escape it for their
/// comment syntax (`*/`, `"""`...).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Docs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// `x-sunset` (a date) when the spec announces removal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunset: Option<String>,
}

impl Docs {
    /// Summary and description joined by a blank line, or `None` when both are absent.
    pub fn text(&self) -> Option<String> {
        match (&self.summary, &self.description) {
            (Some(s), Some(d)) if d.trim_start().starts_with(s.trim()) => Some(d.clone()),
            (Some(s), Some(d)) => Some(format!("{s}\n\n{d}")),
            (Some(s), None) => Some(s.clone()),
            (None, Some(d)) => Some(d.clone()),
            (None, None) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TypeId(pub usize);

/// The whole API.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub docs: Docs,
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Requirements applying to operations that declare none. Each entry is one
    /// alternative (OR); the schemes inside an entry are all needed (AND).
    pub security: Vec<Vec<String>>,
    /// Resource groups in first-seen order; every operation belongs to exactly one.
    pub groups: Vec<Group>,
    /// Named types; `TypeId(i)` indexes this vector.
    pub types: Vec<TypeDef>,
    /// Out-of-band event payloads (OpenAPI 3.1 `webhooks`).
    pub webhooks: Vec<Webhook>,
    /// The name the SDKs would be published under in package registries (PyPI, npm), from
    /// `info.x-sdk-dist-name`; when absent each emitter derives one from the title. Import
    /// names (modules, namespaces) are still derived from the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dist_name: Option<String>,
}

impl Api {
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    pub fn operations(&self) -> impl Iterator<Item = &Operation> {
        self.groups.iter().flat_map(|g| g.operations.iter())
    }

    /// The first server on this machine (`localhost`, `127.0.0.1`, `[::1]`), which READMEs
    /// show next to the default (the first server) for those who run the API locally.
    pub fn local_server(&self) -> Option<usize> {
        self.servers.iter().position(|s| {
            let rest = s.url.split_once("://").map_or(s.url.as_str(), |(_, r)| r);
            let host = rest.split(['/', '?']).next().unwrap_or("");
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
            let host = if host.starts_with('[') {
                host.split_inclusive(']').next().unwrap_or(host)
            } else {
                host.split(':').next().unwrap_or(host)
            };
            matches!(host, "localhost" | "[::1]") || host.starts_with("127.")
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
    /// A short environment name when one can be derived (`production`, `sandbox`...).
    pub name: Name,
}

#[derive(Debug, Clone, Serialize)]
pub struct SecurityScheme {
    /// The key under `components/securitySchemes`.
    pub key: String,
    pub docs: Docs,
    pub kind: SecurityKind,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SecurityKind {
    /// `Authorization: Bearer <token>` (http bearer, or an OAuth 2.0 access token).
    Bearer,
    /// `Authorization: Basic ...`.
    Basic,
    /// A key in a header, query parameter or cookie.
    ApiKey {
        location: ParamLocation,
        name: String,
    },
    /// OAuth 2.0; the token is sent as a bearer token.
    #[serde(rename = "oauth2")]
    OAuth2 { flows: Vec<OAuthFlow> },
    /// OpenID Connect discovery URL; the token is sent as a bearer token.
    OpenIdConnect { url: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct OAuthFlow {
    /// `authorizationCode`, `clientCredentials`, `implicit` or `password`.
    pub kind: String,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    pub scopes: Vec<(String, String)>,
}

/// A resource: the operations a client exposes as `client.<group>.<method>`.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: Name,
    pub docs: Docs,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }

    /// Methods that change state: they get an idempotency key so retries are safe.
    pub fn is_unsafe(self) -> bool {
        matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// The `operationId`, or one synthesized from method and path.
    pub id: Name,
    /// The method name inside its group (`create`, `list`, `transcript`...).
    pub method_name: Name,
    pub method: HttpMethod,
    /// The path template exactly as in the spec, e.g. `/api/v2/sessions/{session_id}`.
    pub path: String,
    pub docs: Docs,
    /// Path, query, header and cookie parameters, path parameters first in path order.
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    /// The success response the SDK method returns.
    pub response: ResponseKind,
    /// Declared error responses, in spec order.
    pub errors: Vec<ErrorResponse>,
    pub pagination: Option<Pagination>,
    /// `None`: the API's default applies. `Some(vec![])`: explicitly no auth.
    pub security: Option<Vec<Vec<String>>>,
    /// JSON pointer of the operation in the (upgraded) spec.
    pub pointer: String,
    /// Every declared response: status code (`200`, `4XX`, `default`) and media types.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<ResponseInfo>,
    /// OAuth 2.0 / OpenID Connect scopes the effective security requirements name, per
    /// scheme (the operation's own requirements, else the API's).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub scopes: std::collections::BTreeMap<String, Vec<String>>,
}

impl Operation {
    /// The media types of the success response besides the JSON the SDK method parses:
    /// (text-like, binary). Empty unless the answer is JSON; XML is left out.
    pub fn alternative_media_types(&self) -> (Vec<String>, Vec<String>) {
        let (mut text, mut bytes) = (Vec::new(), Vec::new());
        if !matches!(self.response, ResponseKind::Json { .. }) {
            return (text, bytes);
        }
        let Some(ok) = self.responses.iter().find(|r| r.status.starts_with('2')) else {
            return (text, bytes);
        };
        for m in &ok.media_types {
            let l = m.to_ascii_lowercase();
            // XML beside JSON is the same data in a legacy form: not worth a method.
            if l.contains("json")
                || l.contains("xml")
                || l.starts_with("text/event-stream")
                || l == "*/*"
            {
                continue;
            }
            if l.starts_with("text/") || l.contains("subrip") || l.contains("csv") {
                text.push(m.clone());
            } else {
                bytes.push(m.clone());
            }
        }
        (text, bytes)
    }
}

/// One declared response of an operation (what `sdkgen diff` compares besides types).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseInfo {
    pub status: String,
    pub media_types: Vec<String>,
    /// Examples the spec gives for the bodies of this response, by media type.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// JSON pointer of the response object.
    #[serde(skip)]
    pub pointer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: Name,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    pub default: Option<Literal>,
    /// Validation keywords of the parameter's schema.
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// Query arrays: `true` repeats the key (`a=1&a=2`), `false` joins with commas.
    pub explode: bool,
    /// How the value is serialized (OpenAPI `style`; defaults by location).
    pub style: ParamStyle,
    /// The schema's `format` as written (`int64`, `uuid`, `email`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The parameter's `example` (or first of its `examples`, or its schema's), as written:
    /// it may not match the type, see `sample::fits`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    /// JSON pointer of the parameter object (after `$ref`).
    #[serde(skip)]
    pub pointer: String,
}

/// OpenAPI parameter styles. Objects in the query: `form` + explode spreads their
/// properties (`gt=1&lt=5`), `deep_object` nests them (`created[gt]=1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    Form,
    Simple,
    Label,
    Matrix,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestBody {
    pub encoding: BodyEncoding,
    /// The body's type. For JSON any type; for forms and multipart a named object type
    /// whose fields are the form fields.
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    pub media_type: String,
    /// Examples the spec gives for the body (of `media_type`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// A body example as the spec gives it: a media type's `example`, one entry of its
/// `examples` (inline or `$ref`, `externalValue` left out), or else its schema's `example`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    pub media_type: String,
    /// The key under `examples`; `None` for a lone `example`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    Json,
    Multipart,
    FormUrlEncoded,
    /// Raw bytes (`application/octet-stream`, `video/*`...).
    Binary,
    /// Plain text.
    Text,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResponseKind {
    /// No body (204, or no content declared).
    Empty,
    /// A JSON document of this type.
    Json { ty: TypeRef },
    /// `text/event-stream`; each event's `data` is JSON of this type.
    EventStream { ty: TypeRef },
    /// Text (`text/plain`, `text/csv`, `text/vtt`...).
    Text { media_type: String },
    /// Raw bytes (downloads).
    Binary { media_type: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorResponse {
    /// `404`, `4XX`, or `default`.
    pub status: String,
    pub ty: Option<TypeRef>,
    pub docs: Docs,
}

/// Cursor pagination: the SDK follows `next_cursor` into `cursor_param` until exhausted.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Query parameter that takes the cursor.
    pub cursor_param: String,
    /// Where the next page's cursor comes from.
    pub next_cursor: CursorSource,
    /// Response field holding the page's items.
    pub items_field: String,
    /// The type of one item.
    pub item: TypeRef,
    /// Optional boolean field that says whether more pages follow.
    pub has_more_field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "field", rename_all = "snake_case")]
pub enum CursorSource {
    /// A response field holding the next cursor (null or absent at the end).
    ResponseField(String),
    /// This field of the last item on the page (`starting_after=<last id>` style).
    LastItemField(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Webhook {
    pub name: Name,
    pub docs: Docs,
    pub ty: Option<TypeRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub name: Name,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Where it came from: a JSON pointer (with a file prefix for other files).
    pub origin: String,
    /// True when the spec declared this name (components); false for synthesized names
    /// of inline schemas. Emitters give declared names priority in collisions.
    pub declared: bool,
    /// Validation keywords of the definition itself: `minProperties`/`maxProperties` of
    /// objects; for aliases, the aliased schema's keywords (which also reach every field
    /// and parameter that refers to the alias).
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Object(ObjectType),
    Enum(EnumType),
    Union(UnionType),
    /// A named alias of another type (`type: string`, `type: array`...).
    Alias {
        target: TypeRef,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectType {
    pub fields: Vec<Field>,
    /// `additionalProperties`: `None` when closed or unspecified, else the value type.
    pub additional: Option<Box<TypeRef>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub name: Name,
    pub ty: TypeRef,
    pub required: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub docs: Docs,
    pub default: Option<Literal>,
    /// Validation keywords of the property's schema (and of a referenced alias schema).
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// The schema's `format` as written (`int64`, `uuid`, `email`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The property schema's `example` (or first of its `examples`), as written: it may
    /// not match the type, see `sample::fits`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    /// JSON pointer of the property's schema.
    #[serde(skip)]
    pub pointer: String,
}

/// JSON Schema validation keywords, carried for emitters that validate (servers); the
/// others ignore them. Numbers are kept as their spec text so no precision is lost and an
/// ill-typed value (`minimum: "ten"`) is carried rather than rejected; a `pattern` is
/// carried as written (ECMA-262 dialect, possibly not valid for a given regex engine).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Bound>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unique_items: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<u64>,
    /// Constraints of each array item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Constraints>>,
    /// Constraints of each map value (`additionalProperties`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Box<Constraints>>,
    /// Constraints of each map key (`propertyNames`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property_names: Option<Box<Constraints>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A numeric bound as spec text; `exclusive` for `exclusiveMinimum`/`exclusiveMaximum`
/// (3.0's boolean flag and 3.1's numeric form alike).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bound {
    pub value: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumType {
    pub base: Primitive,
    pub values: Vec<EnumValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumValue {
    /// For string enums the value itself; for others a name derived from it.
    pub name: Name,
    pub value: Literal,
    pub docs: Docs,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnionType {
    pub variants: Vec<Variant>,
    /// The discriminating property, when the union has one.
    pub discriminator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    pub ty: TypeRef,
    /// Discriminator values selecting this variant (empty without a discriminator).
    pub tags: Vec<String>,
}

/// A reference to a type, as used by fields, parameters and bodies.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeRef {
    Primitive {
        ty: Primitive,
    },
    Named {
        id: TypeId,
    },
    Array {
        items: Box<TypeRef>,
    },
    /// A JSON object with arbitrary keys and values of this type.
    Map {
        values: Box<TypeRef>,
    },
    /// `null` is allowed besides the inner type.
    Nullable {
        inner: Box<TypeRef>,
    },
    /// A single fixed value (`const`, or a one-value enum).
    Literal {
        value: Literal,
    },
    /// Any JSON value.
    Any,
}

impl TypeRef {
    pub fn prim(ty: Primitive) -> Self {
        TypeRef::Primitive { ty }
    }
    pub fn named(id: TypeId) -> Self {
        TypeRef::Named { id }
    }
    pub fn array(items: TypeRef) -> Self {
        TypeRef::Array {
            items: Box::new(items),
        }
    }
    pub fn map(values: TypeRef) -> Self {
        TypeRef::Map {
            values: Box::new(values),
        }
    }
    /// Wraps in `Nullable` unless already nullable or `Any`.
    pub fn nullable(self) -> Self {
        match self {
            TypeRef::Nullable { .. } | TypeRef::Any => self,
            other => TypeRef::Nullable {
                inner: Box::new(other),
            },
        }
    }
    pub fn is_nullable(&self) -> bool {
        matches!(self, TypeRef::Nullable { .. } | TypeRef::Any)
    }
    /// The type without its `Nullable` wrapper.
    pub fn non_null(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable { inner } => inner,
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Primitive {
    String,
    /// RFC 3339 date-time, kept as a string on the wire.
    DateTime,
    Date,
    Uuid,
    /// Base64 text (`format: byte`).
    Base64,
    /// Raw file content (`format: binary`): uploads and downloads.
    Binary,
    /// 32-bit or unspecified integer.
    Integer,
    /// `format: int64`: beyond 2^53 in some languages.
    Int64,
    Number,
    Boolean,
}

/// A literal value from the spec (defaults, enum values, consts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Literal {
    String(String),
    /// Integers kept as text so values beyond 64 bits survive.
    Integer(String),
    Number(String),
    Boolean(bool),
    Null,
    /// Arrays and objects, as JSON text.
    Json(String),
}
