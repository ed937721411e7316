//! The Java view of an API: every name (packages, classes, fields, methods, constants) settled
//! by a `NameAllocator` per scope before anything is rendered, and the type mapping.

use crate::naming::{self, camel, ident, pascal, upper_snake};
use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::auth::AuthModel;
use sdkgen_core::ir::{
    Api, Docs, Field, Literal, ObjectType, ParamLocation, Primitive, ResponseKind, TypeDef, TypeId,
    TypeKind, TypeRef,
};
use std::collections::BTreeSet;

/// Aliases followed deeper than this become `JsonNode` (a self-referencing alias).
const MAX_DEPTH: usize = 24;

/// Names of one field of a model.
#[derive(Clone)]
pub struct FieldNames {
    /// The Java field, the builder setter and the setter's parameter.
    pub ident: String,
    /// `getX`.
    pub getter: String,
}

/// A model class to render: a declared or synthesized object, an enum or a union, or the
/// parameters of an operation.
pub struct ModelDef {
    pub name: String,
    pub docs: Docs,
    pub body: ModelBody,
}

pub enum ModelBody {
    Object {
        fields: Vec<Field>,
        names: Vec<FieldNames>,
    },
    Enum {
        string: bool,
        constants: Vec<(String, Literal, Docs)>,
    },
    Union {
        /// (class name, factory method, variant type, tags)
        variants: Vec<(String, String, TypeRef, Vec<String>)>,
        discriminator: Option<String>,
        unknown: String,
    },
}

#[derive(Clone)]
pub struct Param {
    pub ident: String,
    pub ty: TypeRef,
    pub docs: Docs,
}

#[derive(Clone)]
pub struct QueryParam {
    pub wire: String,
    pub location: ParamLocation,
    pub getter: String,
    pub style: &'static str,
    pub explode: bool,
}

#[derive(Clone)]
pub struct MethodDef {
    pub name: String,
    pub async_name: String,
    pub raw_name: String,
    pub page_name: String,
    pub op: sdkgen_core::ir::Operation,
    pub path_params: Vec<Param>,
    /// The parameters class of the query, header and cookie parameters.
    pub params_class: Option<(String, bool)>,
    pub params: Vec<QueryParam>,
    /// The operation's security requirements when they differ from the API's default.
    pub security: Option<Vec<Vec<String>>>,
    /// The text companion of a JSON operation (`transcriptText` beside `transcript`): the
    /// same request with `Accept` set to the other, text media types the success response
    /// declares, returning the body as a `String`. Its `op` is the operation with that
    /// text response; `name` of the method it accompanies.
    pub companion_of: Option<String>,
}

pub struct ResourceDef {
    pub class: String,
    pub accessor: String,
    pub docs: Docs,
    pub methods: Vec<MethodDef>,
}

pub struct Environment {
    pub constant: String,
    pub url: String,
    pub description: Option<String>,
}

/// The Java names of one credential option (`sdkgen_core::auth::AuthOption`).
pub struct OptionNames {
    /// The builder's field, setter and parameter (`apiKey`).
    pub ident: String,
    /// The client's constant naming its environment variable (`API_KEY_ENV`).
    pub env_const: String,
}

pub struct Package {
    pub api: Api,
    pub package: String,
    pub group_id: String,
    pub artifact_id: String,
    pub version: String,
    pub client: String,
    pub env_api_key: String,
    pub env_base_url: String,
    /// The credentials of the client and the default security requirements.
    pub auth: AuthModel,
    /// The names of each scheme's options, parallel to `auth.schemes`.
    pub auth_names: Vec<Vec<OptionNames>>,
    pub environments: Vec<Environment>,
    pub type_names: Vec<String>,
    pub field_names: Vec<Vec<FieldNames>>,
    pub models: Vec<ModelDef>,
    pub resources: Vec<ResourceDef>,
}

fn title_words(title: &str) -> Vec<String> {
    sdkgen_core::naming::package_words(title)
}

fn version(v: &str) -> String {
    let v = v.trim_start_matches('v');
    let ok = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && v.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        v.to_string()
    } else {
        "0.1.0".to_string()
    }
}

/// Field names of an object, settled in the class's scope.
pub fn field_names(fields: &[Field]) -> Vec<FieldNames> {
    let mut scope = NameAllocator::new(false);
    scope.reserve(naming::RESERVED_FIELD_STEMS);
    fields
        .iter()
        .map(|f| {
            let stem = scope.alloc(&pascal(&f.name.words));
            let words = vec![stem.clone()];
            let mut c = camel(&words);
            if stem.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                c = stem[..1].to_ascii_lowercase() + &stem[1..];
            }
            FieldNames {
                ident: ident(&c),
                getter: format!("get{stem}"),
            }
        })
        .collect()
}

pub fn build(api: &Api, name: Option<&str>) -> Package {
    let words = match name {
        Some(n) => sdkgen_core::words::split_words(n),
        None => title_words(&api.title),
    };
    let words = if words.is_empty() {
        vec!["api".to_string()]
    } else {
        words
    };
    let seg = naming::package_segment(&words);
    let package = format!("com.{seg}");
    let artifact_id = match name {
        Some(n) if !n.is_empty() => n
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect(),
        _ => words.join("-"),
    };

    let mut global = NameAllocator::new(true);
    global.reserve(naming::RESERVED_TYPES);
    let client = global.alloc(&naming::cap_len(&format!("{}Client", pascal(&words))));

    let mut type_names = vec![String::new(); api.types.len()];
    for pass in [true, false] {
        for (i, t) in api.types.iter().enumerate() {
            if t.declared == pass && !matches!(t.kind, TypeKind::Alias { .. }) {
                type_names[i] = global.alloc(&naming::cap_len(&pascal(&t.name.words)));
            }
        }
    }
    let mut field_names_all = vec![Vec::new(); api.types.len()];
    for (i, t) in api.types.iter().enumerate() {
        if let TypeKind::Object(o) = &t.kind {
            field_names_all[i] = field_names(&o.fields);
        }
    }

    let mut models = Vec::new();
    for (i, t) in api.types.iter().enumerate() {
        if let Some(m) = build_model(t, &type_names, i, &field_names_all[i], &global) {
            models.push(m);
        }
    }

    let auth = AuthModel::new(api);
    // Resources, their methods and parameter classes.
    let mut resources = Vec::new();
    let mut accessors = NameAllocator::new(false);
    accessors.reserve(naming::OBJECT_METHODS);
    accessors.reserve(["core", "builder", "fromEnv"]);
    for g in &api.groups {
        let class = global.alloc(&naming::cap_len(&format!(
            "{}Resource",
            pascal(&g.name.words)
        )));
        let accessor = accessors.alloc(&ident(&camel(&g.name.words)));
        let mut methods_scope = NameAllocator::new(false);
        methods_scope.reserve(naming::OBJECT_METHODS);
        let mut methods = Vec::new();
        for op in &g.operations {
            let base = ident(&camel(&op.method_name.words));
            let mut name = methods_scope.alloc(&base);
            while methods_scope.is_taken(&format!("{name}Async"))
                || methods_scope.is_taken(&format!("{name}Raw"))
                || methods_scope.is_taken(&format!("{name}Page"))
            {
                name = methods_scope.alloc(&base);
            }
            let async_name = methods_scope.alloc(&format!("{name}Async"));
            let raw_name = methods_scope.alloc(&format!("{name}Raw"));
            let page_name = methods_scope.alloc(&format!("{name}Page"));

            let mut locals = NameAllocator::new(false);
            locals.reserve([
                "spec",
                "response",
                "options",
                "params",
                "body",
                "core",
                "pagination",
                "cursor",
                "c",
            ]);
            let mut path_params = Vec::new();
            let mut other = Vec::new();
            for p in &op.params {
                if p.location == ParamLocation::Path {
                    path_params.push(Param {
                        ident: locals.alloc(&ident(&camel(&p.name.words))),
                        ty: p.ty.clone(),
                        docs: p.docs.clone(),
                    });
                } else {
                    other.push(p.clone());
                }
            }
            let mut params_class = None;
            let mut params = Vec::new();
            if !other.is_empty() {
                let mut w = g.name.words.clone();
                w.extend(op.method_name.words.iter().cloned());
                w.push("params".to_string());
                let pname = global.alloc(&naming::cap_len(&pascal(&w)));
                let fields: Vec<Field> = other
                    .iter()
                    .map(|p| Field {
                        name: p.name.clone(),
                        ty: p.ty.clone(),
                        required: p.required,
                        read_only: false,
                        write_only: false,
                        docs: p.docs.clone(),
                        default: p.default.clone(),
                        constraints: p.constraints.clone(),
                        format: p.format.clone(),
                        pointer: p.pointer.clone(),
                        example: p.example.clone(),
                    })
                    .collect();
                let names = field_names(&fields);
                for (p, n) in other.iter().zip(&names) {
                    params.push(QueryParam {
                        wire: p.name.wire.clone(),
                        location: p.location,
                        getter: n.getter.clone(),
                        style: style_name(p.style),
                        explode: p.explode,
                    });
                }
                let required = other.iter().any(|p| p.required);
                params_class = Some((pname.clone(), required));
                models.push(ModelDef {
                    name: pname,
                    docs: Docs {
                        summary: Some(format!("Parameters of {}.{}.", camel(&g.name.words), name)),
                        ..Docs::default()
                    },
                    body: ModelBody::Object { fields, names },
                });
            }
            methods.push(MethodDef {
                name,
                async_name,
                raw_name,
                page_name,
                op: op.clone(),
                path_params,
                params_class,
                params,
                security: auth.operation_security(op),
                companion_of: None,
            });
        }
        // Companions are named after every operation's own methods, so adding one never
        // renames a method that exists without it.
        let mut with_companions = Vec::with_capacity(methods.len());
        for m in methods {
            let companion = text_companion(&m, &mut methods_scope);
            with_companions.push(m);
            with_companions.extend(companion);
        }
        let methods = with_companions;
        resources.push(ResourceDef {
            class,
            accessor,
            docs: g.docs.clone(),
            methods,
        });
    }

    let mut env_scope = NameAllocator::new(false);
    let environments = api
        .servers
        .iter()
        .map(|s| Environment {
            constant: env_scope.alloc(&upper_snake(&s.name.words)),
            url: s.url.clone(),
            description: s.description.clone(),
        })
        .collect();

    let auth_names = auth_names(&auth);
    Package {
        api: api.clone(),
        package,
        group_id: format!("com.{seg}"),
        artifact_id,
        version: version(&api.version),
        client,
        env_api_key: sdkgen_core::naming::api_key_env_var(api),
        env_base_url: sdkgen_core::naming::env_var(api, "BASE_URL"),
        auth,
        auth_names,
        environments,
        type_names,
        field_names: field_names_all,
        models,
        resources,
    }
}

/// The text companion of `m` when its operation answers JSON and also text media types.
fn text_companion(m: &MethodDef, scope: &mut NameAllocator) -> Option<MethodDef> {
    if m.op.pagination.is_some() {
        return None;
    }
    let (text, _) = m.op.alternative_media_types();
    if text.is_empty() {
        return None;
    }
    let accept = text.join(", ");
    let base = format!("{}Text", m.name);
    let mut name = scope.alloc(&base);
    while scope.is_taken(&format!("{name}Async")) || scope.is_taken(&format!("{name}Raw")) {
        name = scope.alloc(&base);
    }
    let mut op = m.op.clone();
    op.docs = Docs {
        summary: Some(format!(
            "Like {}, with the answer as text in its other media types ({accept}).",
            m.name
        )),
        description: None,
        ..m.op.docs.clone()
    };
    op.response = ResponseKind::Text { media_type: accept };
    Some(MethodDef {
        async_name: scope.alloc(&format!("{name}Async")),
        raw_name: scope.alloc(&format!("{name}Raw")),
        page_name: String::new(),
        name,
        op,
        path_params: m.path_params.clone(),
        params_class: m.params_class.clone(),
        params: m.params.clone(),
        security: m.security.clone(),
        companion_of: Some(m.name.clone()),
    })
}

fn style_name(s: sdkgen_core::ir::ParamStyle) -> &'static str {
    use sdkgen_core::ir::ParamStyle::*;
    match s {
        Form => "form",
        Simple => "simple",
        Label => "label",
        Matrix => "matrix",
        SpaceDelimited => "spaceDelimited",
        PipeDelimited => "pipeDelimited",
        DeepObject => "deepObject",
    }
}

/// Builder members and client constants of the credential options, clear of the builder's
/// other members, the locals of `build()` and the client's other constants.
fn auth_names(auth: &AuthModel) -> Vec<Vec<OptionNames>> {
    let mut members = NameAllocator::new(false);
    members.reserve(naming::OBJECT_METHODS);
    members.reserve([
        "baseUrl",
        "environment",
        "timeout",
        "maxRetries",
        "header",
        "headers",
        "httpClient",
        "build",
        "url",
        "o",
    ]);
    let mut constants = NameAllocator::new(false);
    constants.reserve(["BASE_URL_ENV", "DEFAULT_BASE_URL", "SECURITY"]);
    auth.schemes
        .iter()
        .map(|s| {
            s.options
                .iter()
                .map(|o| OptionNames {
                    ident: members.alloc(&ident(&camel(&o.words))),
                    env_const: constants.alloc_with(&format!("{}_ENV", upper_snake(&o.words)), "_"),
                })
                .collect()
        })
        .collect()
}

fn build_model(
    t: &TypeDef,
    type_names: &[String],
    index: usize,
    names: &[FieldNames],
    global: &NameAllocator,
) -> Option<ModelDef> {
    let name = type_names[index].as_str();
    let body = match &t.kind {
        TypeKind::Alias { .. } => return None,
        TypeKind::Object(ObjectType { fields, .. }) => ModelBody::Object {
            fields: fields.clone(),
            names: names.to_vec(),
        },
        TypeKind::Enum(e) => {
            let mut scope = NameAllocator::new(false);
            let mut seen: Vec<&Literal> = Vec::new();
            let mut constants = Vec::new();
            let string = matches!(
                e.base,
                Primitive::String
                    | Primitive::DateTime
                    | Primitive::Date
                    | Primitive::Uuid
                    | Primitive::Base64
                    | Primitive::Binary
            ) && e
                .values
                .iter()
                .all(|v| matches!(v.value, Literal::String(_)));
            for v in &e.values {
                if seen.contains(&&v.value) {
                    continue;
                }
                seen.push(&v.value);
                let c = scope.alloc_with(&upper_snake(&v.name.words), "_");
                constants.push((c, v.value.clone(), v.docs.clone()));
            }
            ModelBody::Enum { string, constants }
        }
        TypeKind::Union(u) => {
            // Variant classes avoid every top-level type name and each other; the global
            // scope is consulted, not copied (Stripe has thousands of types and hundreds of
            // unions).
            let mut local = NameAllocator::new(true);
            local.reserve([name]);
            let mut pick = |base: &str| -> String {
                let mut i = 1usize;
                loop {
                    let candidate = if i == 1 {
                        base.to_string()
                    } else {
                        format!("{base}{i}")
                    };
                    if !global.is_taken(&candidate) && !local.is_taken(&candidate) {
                        local.reserve([candidate.as_str()]);
                        return candidate;
                    }
                    i += 1;
                }
            };
            let mut methods = NameAllocator::new(false);
            methods.reserve(naming::OBJECT_METHODS);
            methods.reserve(["fromJson", "toJson"]);
            let mut variants = Vec::new();
            for v in &u.variants {
                let stem = variant_stem(&v.ty, type_names);
                let class = pick(&naming::cap_len(&format!("{stem}Value")));
                let factory = methods.alloc(&format!("of{stem}"));
                variants.push((class, factory, v.ty.clone(), v.tags.clone()));
            }
            let unknown = pick("UnknownValue");
            ModelBody::Union {
                variants,
                discriminator: u.discriminator.clone(),
                unknown,
            }
        }
    };
    Some(ModelDef {
        name: name.to_string(),
        docs: t.docs.clone(),
        body,
    })
}

fn variant_stem(t: &TypeRef, names: &[String]) -> String {
    match t {
        TypeRef::Primitive { ty } => match ty {
            Primitive::Integer | Primitive::Int64 => "Long".into(),
            Primitive::Number => "Double".into(),
            Primitive::Boolean => "Boolean".into(),
            Primitive::Binary => "File".into(),
            _ => "String".into(),
        },
        TypeRef::Named { id } => match names.get(id.0) {
            Some(n) if !n.is_empty() => n.clone(),
            _ => "Json".into(),
        },
        TypeRef::Array { items } => format!("{}List", variant_stem(items, names)),
        TypeRef::Map { values } => format!("{}Map", variant_stem(values, names)),
        TypeRef::Nullable { inner } => variant_stem(inner, names),
        TypeRef::Literal { value } => match value {
            Literal::String(s) => {
                let p = pascal(&sdkgen_core::words::split_words(s));
                format!("Literal{p}")
            }
            _ => "Literal".into(),
        },
        TypeRef::Any => "Json".into(),
    }
}

/// The type mapping, over the settled names.
pub struct Types<'a> {
    pub api: &'a Api,
    pub names: &'a [String],
    /// `<pkg>.core` for runtime imports.
    pub core: String,
    /// `<pkg>.models` when rendering outside the models package, else None.
    pub models_pkg: Option<String>,
}

/// What a type looks like as JSON, for choosing a union variant.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum JsonKind {
    Object,
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Any,
}

impl<'a> Types<'a> {
    /// Follows aliases (a cycle of aliases becomes `Any`).
    pub fn resolve(&self, t: &TypeRef) -> TypeRef {
        self.resolve_ids(t).0
    }

    /// Follows aliases, returning the aliases followed.
    fn resolve_ids(&self, t: &TypeRef) -> (TypeRef, Vec<TypeId>) {
        let mut cur = t.clone();
        let mut seen: Vec<TypeId> = Vec::new();
        loop {
            match &cur {
                TypeRef::Named { id } => {
                    let Some(def) = self.api.types.get(id.0) else {
                        return (TypeRef::Any, seen);
                    };
                    if let TypeKind::Alias { target } = &def.kind {
                        if seen.contains(id) {
                            return (TypeRef::Any, seen);
                        }
                        seen.push(*id);
                        cur = target.clone();
                        continue;
                    }
                    return (cur, seen);
                }
                TypeRef::Nullable { inner } => {
                    let (r, more) = self.resolve_ids(inner);
                    seen.extend(more);
                    let r = match r {
                        TypeRef::Nullable { .. } | TypeRef::Any => r,
                        other => TypeRef::Nullable {
                            inner: Box::new(other),
                        },
                    };
                    return (r, seen);
                }
                _ => return (cur, seen),
            }
        }
    }

    /// The type with aliases followed, or `Any` when an alias refers to itself through
    /// arrays or maps (`A = array of A`), which no Java type can spell.
    fn step(&self, t: &TypeRef, stack: &mut Vec<TypeId>) -> TypeRef {
        let (r, ids) = self.resolve_ids(t);
        if ids.iter().any(|i| stack.contains(i)) || stack.len() > MAX_DEPTH {
            return TypeRef::Any;
        }
        stack.extend(ids);
        r
    }

    pub fn is_nullable(&self, t: &TypeRef) -> bool {
        matches!(self.resolve(t), TypeRef::Nullable { .. })
    }

    fn core_import(&self, imports: &mut BTreeSet<String>, class: &str) {
        imports.insert(format!("{}.{class}", self.core));
    }

    fn model_import(&self, imports: &mut BTreeSet<String>, class: &str) {
        if let Some(m) = &self.models_pkg {
            imports.insert(format!("{m}.{class}"));
        }
    }

    /// The Java type of `t`.
    pub fn jtype(&self, t: &TypeRef, imports: &mut BTreeSet<String>) -> String {
        self.jtype_at(t, imports, &mut Vec::new())
    }

    fn jtype_at(
        &self,
        t: &TypeRef,
        imports: &mut BTreeSet<String>,
        stack: &mut Vec<TypeId>,
    ) -> String {
        let mark = stack.len();
        let out = match self.step(t, stack) {
            TypeRef::Primitive { ty } => self.prim(ty, imports),
            TypeRef::Named { id } => {
                let n = self.names[id.0].clone();
                self.model_import(imports, &n);
                n
            }
            TypeRef::Array { items } => {
                imports.insert("java.util.List".into());
                format!("List<{}>", self.jtype_at(&items, imports, stack))
            }
            TypeRef::Map { values } => {
                imports.insert("java.util.Map".into());
                format!("Map<String, {}>", self.jtype_at(&values, imports, stack))
            }
            TypeRef::Nullable { inner } => self.jtype_at(&inner, imports, stack),
            TypeRef::Literal { value } => match value {
                Literal::String(_) => "String".into(),
                Literal::Integer(_) => "Long".into(),
                Literal::Number(_) => "Double".into(),
                Literal::Boolean(_) => "Boolean".into(),
                _ => {
                    imports.insert("com.fasterxml.jackson.databind.JsonNode".into());
                    "JsonNode".into()
                }
            },
            TypeRef::Any => {
                imports.insert("com.fasterxml.jackson.databind.JsonNode".into());
                "JsonNode".into()
            }
        };
        stack.truncate(mark);
        out
    }

    fn prim(&self, p: Primitive, imports: &mut BTreeSet<String>) -> String {
        match p {
            Primitive::Integer | Primitive::Int64 => "Long".into(),
            Primitive::Number => "Double".into(),
            Primitive::Boolean => "Boolean".into(),
            Primitive::Binary => {
                self.core_import(imports, "FileUpload");
                "FileUpload".into()
            }
            _ => "String".into(),
        }
    }

    /// An expression of type `Decoder<T>` for `t`.
    pub fn decoder(&self, t: &TypeRef, imports: &mut BTreeSet<String>) -> String {
        self.decoder_at(t, imports, &mut Vec::new())
    }

    fn decoder_at(
        &self,
        t: &TypeRef,
        imports: &mut BTreeSet<String>,
        stack: &mut Vec<TypeId>,
    ) -> String {
        let mark = stack.len();
        let d = |name: &str, imports: &mut BTreeSet<String>| {
            self.core_import(imports, "Decoders");
            format!("Decoders.{name}")
        };
        let out = match self.step(t, stack) {
            TypeRef::Primitive { ty } => match ty {
                Primitive::Integer | Primitive::Int64 => d("LONG", imports),
                Primitive::Number => d("DOUBLE", imports),
                Primitive::Boolean => d("BOOLEAN", imports),
                Primitive::Binary => d("FILE", imports),
                _ => d("STRING", imports),
            },
            TypeRef::Named { id } => {
                let n = self.names[id.0].clone();
                self.model_import(imports, &n);
                format!("{n}::fromJson")
            }
            TypeRef::Array { items } => {
                let inner = self.decoder_at(&items, imports, stack);
                format!("{}({inner})", d("list", imports))
            }
            TypeRef::Map { values } => {
                let inner = self.decoder_at(&values, imports, stack);
                format!("{}({inner})", d("map", imports))
            }
            TypeRef::Nullable { inner } => self.decoder_at(&inner, imports, stack),
            TypeRef::Literal { value } => match value {
                Literal::String(_) => d("STRING", imports),
                Literal::Integer(_) => d("LONG", imports),
                Literal::Number(_) => d("DOUBLE", imports),
                Literal::Boolean(_) => d("BOOLEAN", imports),
                _ => d("ANY", imports),
            },
            TypeRef::Any => d("ANY", imports),
        };
        stack.truncate(mark);
        out
    }

    pub fn kind(&self, t: &TypeRef) -> JsonKind {
        match self.resolve(t) {
            TypeRef::Primitive { ty } => match ty {
                Primitive::Integer | Primitive::Int64 => JsonKind::Integer,
                Primitive::Number => JsonKind::Number,
                Primitive::Boolean => JsonKind::Boolean,
                _ => JsonKind::String,
            },
            TypeRef::Named { id } => match &self.api.types[id.0].kind {
                TypeKind::Object(_) => JsonKind::Object,
                TypeKind::Enum(e) => match e.base {
                    Primitive::Integer | Primitive::Int64 => JsonKind::Integer,
                    Primitive::Number => JsonKind::Number,
                    Primitive::Boolean => JsonKind::Boolean,
                    _ => JsonKind::String,
                },
                _ => JsonKind::Any,
            },
            TypeRef::Array { .. } => JsonKind::Array,
            TypeRef::Map { .. } => JsonKind::Object,
            TypeRef::Nullable { inner } => self.kind(&inner),
            TypeRef::Literal { value } => match value {
                Literal::String(_) => JsonKind::String,
                Literal::Integer(_) => JsonKind::Integer,
                Literal::Number(_) => JsonKind::Number,
                Literal::Boolean(_) => JsonKind::Boolean,
                _ => JsonKind::Any,
            },
            TypeRef::Any => JsonKind::Any,
        }
    }

    /// The properties of a named object type whose value is a constant (a literal or an
    /// enum of one value, as `type: folder`), with that value as `Json.text` reads it: what
    /// tells object variants without a discriminator apart.
    pub fn constant_fields(&self, t: &TypeRef) -> Vec<(String, String)> {
        let TypeRef::Named { id } = self.resolve(t) else {
            return Vec::new();
        };
        let TypeKind::Object(o) = &self.api.types[id.0].kind else {
            return Vec::new();
        };
        let text = |l: &Literal| match l {
            Literal::String(s) => Some(s.clone()),
            Literal::Integer(i) => Some(i.clone()),
            Literal::Boolean(b) => Some(b.to_string()),
            _ => None,
        };
        o.fields
            .iter()
            .filter_map(|f| {
                let value = match self.resolve(&f.ty) {
                    TypeRef::Literal { value } => text(&value),
                    TypeRef::Named { id } => match &self.api.types[id.0].kind {
                        TypeKind::Enum(e) if e.values.len() == 1 => text(&e.values[0].value),
                        _ => None,
                    },
                    _ => None,
                }?;
                Some((f.name.wire.clone(), value))
            })
            .collect()
    }

    /// Required wire names of a named object type (for choosing among object variants).
    pub fn required_fields(&self, t: &TypeRef) -> Vec<String> {
        if let TypeRef::Named { id } = self.resolve(t) {
            if let TypeKind::Object(o) = &self.api.types[id.0].kind {
                return o
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.name.wire.clone())
                    .collect();
            }
        }
        Vec::new()
    }
}
