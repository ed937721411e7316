//! The Python view of the IR: every name settled by allocators before rendering, every
//! long line laid out the way `ruff format` would.

use std::collections::{BTreeSet, HashMap, HashSet};

use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::ir::{
    Api, BodyEncoding, CursorSource, Docs, Group, HttpMethod, Literal, ObjectType, Operation,
    ParamLocation, ParamStyle, Primitive, ResponseKind, TypeDef, TypeId, TypeKind, TypeRef,
};

use crate::layout::{exploded, layout, LongName, Ty};
use crate::naming::{
    docstring, escape, pascal, py_str, snake, ANNOTATION_NAMES, KEYWORDS, MODEL_ATTRS,
    RUNTIME_NAMES, TYPE_NAMES,
};

/// Where a type expression is used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// In `types.py`, by bare name.
    Model,
    /// In a resource module, models qualified as `_types.X`; binary fields are uploads.
    Param { upload: bool },
}

/// The whole package, ready to render.
pub struct Package {
    pub name: String,
    pub dist_name: String,
    pub version: String,
    pub title: String,
    pub description: String,
    pub client_alias: Option<String>,
    pub env_prefix: String,
    pub auth: sdkgen_core::auth::AuthModel,
    pub environments: Vec<(String, String)>,
    pub types_body: String,
    pub types_imports: String,
    pub resources: Vec<Resource>,
    pub examples: Vec<Example>,
    pub features: Features,
}

#[derive(Default)]
pub struct Features {
    /// The method (`client.sessions.list`) and docs sample (`sample::call`) of the first
    /// operation of each kind.
    pub pagination: Option<(String, String)>,
    pub stream: Option<(String, String)>,
    pub upload: Option<(String, String)>,
}

pub struct Example {
    pub resource: String,
    pub code: String,
}

pub struct Resource {
    pub module: String,
    pub attr: String,
    pub class: String,
    pub async_class: String,
    pub source: String,
}

pub struct Gen<'a> {
    api: &'a Api,
    type_names: Vec<String>,
    class_types: HashSet<usize>,
    auth: sdkgen_core::auth::AuthModel,
}

/// The attribute names of an object's fields, in field order (collisions settled).
pub fn field_names(obj: &ObjectType) -> Vec<String> {
    let mut alloc = NameAllocator::new(false);
    obj.fields
        .iter()
        .map(|f| {
            alloc.alloc(&escape(
                &snake(&f.name.words),
                &[ANNOTATION_NAMES, MODEL_ATTRS],
            ))
        })
        .collect()
}

fn is_object(def: &TypeDef) -> bool {
    matches!(def.kind, TypeKind::Object(_))
}

fn docs_text(docs: &Docs) -> Option<String> {
    let mut t = docs.text();
    if docs.deprecated {
        t = Some(match t {
            Some(s) => format!("Deprecated. {s}"),
            None => "Deprecated.".to_string(),
        });
    }
    t
}

fn literal_ty(lit: &Literal) -> Ty {
    match lit {
        Literal::String(s) => Ty::sub("Literal", vec![Ty::name(py_str(s))]),
        Literal::Integer(i) => match i.parse::<i64>() {
            Ok(v) => Ty::sub("Literal", vec![Ty::name(v.to_string())]),
            Err(_) => Ty::name("int"),
        },
        Literal::Number(_) => Ty::name("float"),
        Literal::Boolean(b) => {
            Ty::sub("Literal", vec![Ty::name(if *b { "True" } else { "False" })])
        }
        Literal::Null => Ty::name("None"),
        Literal::Json(_) => Ty::name("object"),
    }
}

impl<'a> Gen<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut alloc = NameAllocator::new(false);
        alloc.reserve(RUNTIME_NAMES);
        alloc.reserve(KEYWORDS);
        alloc.reserve(crate::naming::BUILTIN_CLASSES);
        let mut type_names = vec![String::new(); api.types.len()];
        let order: Vec<usize> = (0..api.types.len())
            .filter(|&i| api.types[i].declared)
            .chain((0..api.types.len()).filter(|&i| !api.types[i].declared))
            .collect();
        for i in order {
            type_names[i] = alloc.alloc(&pascal(&api.types[i].name.words));
        }
        let class_types = (0..api.types.len())
            .filter(|&i| is_object(&api.types[i]))
            .collect();
        Gen {
            api,
            type_names,
            class_types,
            auth: sdkgen_core::auth::AuthModel::new(api),
        }
    }

    fn named(&self, id: TypeId, ctx: Ctx) -> Ty {
        let n = &self.type_names[id.0];
        match ctx {
            Ctx::Model => Ty::name(n.clone()),
            Ctx::Param { .. } => Ty::name(format!("_types.{n}")),
        }
    }

    pub fn ty(&self, t: &TypeRef, ctx: Ctx) -> Ty {
        match t {
            TypeRef::Primitive { ty } => Ty::name(match ty {
                Primitive::String | Primitive::Uuid | Primitive::Base64 => "str",
                Primitive::DateTime => "datetime",
                Primitive::Date => "date",
                Primitive::Binary => match ctx {
                    Ctx::Param { upload: true } => "FileTypes",
                    _ => "bytes",
                },
                Primitive::Integer | Primitive::Int64 => "int",
                Primitive::Number => "float",
                Primitive::Boolean => "bool",
            }),
            TypeRef::Named { id } => self.named(*id, ctx),
            TypeRef::Array { items } => Ty::sub("List", vec![self.ty(items, ctx)]),
            TypeRef::Map { values } => Ty::sub("Dict", vec![Ty::name("str"), self.ty(values, ctx)]),
            TypeRef::Nullable { inner } => Ty::union(vec![self.ty(inner, ctx), Ty::name("None")]),
            TypeRef::Literal { value } => literal_ty(value),
            TypeRef::Any => Ty::name("object"),
        }
    }

    /// The object type behind a body type (through aliases), if any.
    fn object_of(&self, t: &TypeRef) -> Option<TypeId> {
        let mut cur = t.clone();
        for _ in 0..16 {
            match cur {
                TypeRef::Named { id } => match &self.api.ty(id).kind {
                    TypeKind::Object(_) => return Some(id),
                    TypeKind::Alias { target } => cur = target.clone(),
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }

    // ---------------------------------------------------------------- types.py

    pub fn types_module(&self) -> (String, String) {
        let mut blocks: Vec<Vec<String>> = Vec::new();
        for (i, def) in self.api.types.iter().enumerate() {
            if let TypeKind::Object(obj) = &def.kind {
                blocks.push(self.class_block(i, def, obj));
            }
        }
        // Aliases: dependencies first; a reference to an alias not yet defined is quoted.
        let alias_ids: Vec<usize> = (0..self.api.types.len())
            .filter(|i| !self.class_types.contains(i))
            .collect();
        let mut order = Vec::new();
        let mut state: HashMap<usize, u8> = HashMap::new();
        for &i in &alias_ids {
            self.visit_alias(i, &mut state, &mut order);
        }
        let mut defined: HashSet<usize> = HashSet::new();
        for i in order {
            let def = &self.api.types[i];
            let rhs = self.alias_rhs(i, def, &defined);
            defined.insert(i);
            let lhs = format!("{} = ", self.type_names[i]);
            let flat = rhs.flat();
            let head_fits = match &rhs {
                Ty::Sub(h, _) => lhs.len() + h.len() < crate::layout::WIDTH,
                Ty::Name(_) => false,
            };
            let name_fits = matches!(rhs, Ty::Name(_)) && 4 + flat.len() <= crate::layout::WIDTH;
            let mut lines = if lhs.len() + flat.len() <= crate::layout::WIDTH
                || head_fits
                || lhs.len() + 1 > crate::layout::WIDTH
                || (matches!(rhs, Ty::Name(_)) && !name_fits)
            {
                layout(&rhs, 0, &lhs, "", LongName::Keep)
            } else {
                let inner = layout(&rhs, 4, "", "", LongName::Keep);
                if inner.iter().all(|l| l.len() <= crate::layout::WIDTH) {
                    let mut v = vec![format!("{lhs}(")];
                    v.extend(inner);
                    v.push(")".to_string());
                    v
                } else {
                    layout(&rhs, 0, &lhs, "", LongName::Keep)
                }
            };
            lines.extend(docstring(docs_text(&def.docs).as_deref(), 0));
            blocks.push(lines);
        }
        let mut body = String::new();
        for b in &blocks {
            body.push_str("\n\n");
            for l in b {
                body.push_str(l);
                body.push('\n');
            }
        }
        let used = idents(&body);
        let mut imports = Vec::new();
        let dt: Vec<&str> = ["date", "datetime"]
            .into_iter()
            .filter(|n| used.contains(*n))
            .collect();
        if !dt.is_empty() {
            imports.push(format!("from datetime import {}", dt.join(", ")));
        }
        let typing: Vec<&str> = ["Dict", "List", "Literal", "Union"]
            .into_iter()
            .filter(|n| used.contains(*n))
            .collect();
        if !typing.is_empty() {
            imports.push(format!("from typing import {}", typing.join(", ")));
        }
        let mut blank = true;
        let mut rt: Vec<&str> = Vec::new();
        if used.contains("BaseModel") {
            rt.push("BaseModel");
        }
        if used.contains("aliased") {
            rt.push("aliased");
        }
        let mut text = imports.join("\n");
        if !rt.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!("from ._models import {}", rt.join(", ")));
            blank = false;
        }
        let _ = blank;
        (text, body)
    }

    fn visit_alias(&self, i: usize, state: &mut HashMap<usize, u8>, order: &mut Vec<usize>) {
        match state.get(&i) {
            Some(_) => return,
            None => {
                state.insert(i, 1);
            }
        }
        let mut deps = Vec::new();
        match &self.api.types[i].kind {
            TypeKind::Alias { target } => collect_named(target, &mut deps),
            TypeKind::Union(u) => {
                for v in &u.variants {
                    collect_named(&v.ty, &mut deps);
                }
            }
            _ => {}
        }
        for d in deps {
            if !self.class_types.contains(&d.0) && d.0 != i {
                self.visit_alias(d.0, state, order);
            }
        }
        state.insert(i, 2);
        order.push(i);
    }

    fn alias_rhs(&self, i: usize, def: &TypeDef, defined: &HashSet<usize>) -> Ty {
        let fix = |t: &TypeRef| -> Ty { self.quote_undefined(self.ty(t, Ctx::Model), i, defined) };
        match &def.kind {
            TypeKind::Enum(e) => {
                let base = match e.base {
                    Primitive::Integer | Primitive::Int64 => "int",
                    Primitive::Number => "float",
                    Primitive::Boolean => "bool",
                    _ => "str",
                };
                let mut lits: Vec<Ty> = Vec::new();
                let mut nullable = false;
                for v in &e.values {
                    match (&v.value, base) {
                        (Literal::String(s), "str") => lits.push(Ty::name(py_str(s))),
                        (Literal::Integer(n), "int") => {
                            if let Ok(x) = n.parse::<i64>() {
                                lits.push(Ty::name(x.to_string()));
                            }
                        }
                        (Literal::Null, _) => nullable = true,
                        _ => {}
                    }
                }
                let mut seen = HashSet::new();
                lits.retain(|l| seen.insert(l.clone()));
                let mut members = Vec::new();
                if !lits.is_empty() {
                    members.push(Ty::sub("Literal", lits));
                }
                members.push(Ty::name(base));
                if nullable {
                    members.push(Ty::name("None"));
                }
                Ty::union(members)
            }
            TypeKind::Union(u) => {
                let members: Vec<Ty> = u
                    .variants
                    .iter()
                    .filter(|v| v.ty != TypeRef::named(TypeId(i)))
                    .map(|v| fix(&v.ty))
                    .collect();
                if members.is_empty() {
                    Ty::name("object")
                } else {
                    Ty::union(members)
                }
            }
            TypeKind::Alias { target } => {
                if *target == TypeRef::named(TypeId(i)) {
                    Ty::name("object")
                } else {
                    fix(target)
                }
            }
            TypeKind::Object(_) => Ty::name("object"),
        }
    }

    /// Widens references to aliases not yet defined (cycles) so the module imports.
    fn quote_undefined(&self, t: Ty, me: usize, defined: &HashSet<usize>) -> Ty {
        match t {
            Ty::Name(n) => {
                if let Some(pos) = self.type_names.iter().position(|x| *x == n) {
                    if !self.class_types.contains(&pos) && (pos == me || !defined.contains(&pos)) {
                        // A cycle through aliases: pydantic cannot build recursive plain
                        // aliases, so the back reference is widened to `object`.
                        return Ty::name("object");
                    }
                }
                Ty::Name(n)
            }
            Ty::Sub(h, args) => Ty::Sub(
                h,
                args.into_iter()
                    .map(|a| self.quote_undefined(a, me, defined))
                    .collect(),
            ),
        }
    }

    fn class_block(
        &self,
        i: usize,
        def: &TypeDef,
        obj: &sdkgen_core::ir::ObjectType,
    ) -> Vec<String> {
        let head = format!("class {}(BaseModel):", self.type_names[i]);
        let mut out = if head.len() <= crate::layout::WIDTH {
            vec![head]
        } else {
            vec![
                format!("class {}(", self.type_names[i]),
                "    BaseModel".to_string(),
                "):".to_string(),
            ]
        };
        let doc = docstring(docs_text(&def.docs).as_deref(), 4);
        let has_doc = !doc.is_empty();
        out.extend(doc);
        let mut aliases: Vec<(String, String)> = Vec::new();
        let mut fields: Vec<Vec<String>> = Vec::new();
        for (f, name) in obj.fields.iter().zip(field_names(obj)) {
            if name != f.name.wire {
                aliases.push((name.clone(), f.name.wire.clone()));
            }
            let ty = self.ty(&f.ty, Ctx::Model);
            let mut lines = if f.required {
                layout(&ty, 4, &format!("{name}: "), "", LongName::Paren)
            } else {
                let ty = Ty::union(vec![ty, Ty::name("None")]);
                let head = format!("    {name}: {} = (", ty.flat());
                let one = format!("    {name}: {} = None", ty.flat());
                if one.len() > crate::layout::WIDTH && head.len() <= crate::layout::WIDTH {
                    vec![head, "        None".to_string(), "    )".to_string()]
                } else {
                    layout(&ty, 4, &format!("{name}: "), " = None", LongName::Keep)
                }
            };
            let mut d = docs_text(&f.docs);
            if f.read_only {
                d = Some(match d {
                    Some(s) => format!("{s}\n\nRead-only."),
                    None => "Read-only.".into(),
                });
            }
            lines.extend(docstring(d.as_deref(), 4));
            fields.push(lines);
        }
        let mut sections: Vec<Vec<String>> = Vec::new();
        if !aliases.is_empty() {
            let items: Vec<Vec<String>> = aliases
                .iter()
                .map(|(p, w)| vec![format!("        {p}={}", py_str(w))])
                .collect();
            let one = format!(
                "    model_config = aliased({})",
                aliases
                    .iter()
                    .map(|(p, w)| format!("{p}={}", py_str(w)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if one.len() <= crate::layout::WIDTH && aliases.len() == 1 {
                sections.push(vec![one]);
            } else {
                sections.push(exploded(4, "model_config = aliased(", items, ")"));
            }
        }
        sections.extend(fields);
        if sections.is_empty() && !has_doc {
            out.push("    pass".into());
        }
        for (k, s) in sections.into_iter().enumerate() {
            if k > 0 || has_doc {
                out.push(String::new());
            }
            out.extend(s);
        }
        out
    }

    // ---------------------------------------------------------------- resources

    /// Every resource with its methods, every name settled in the order the package
    /// declares them: the resources' modules, attributes and classes, then per resource the
    /// operations' own method names before their companions'. `resources`, the samples and
    /// the phrasebook all read this, so they cannot disagree on a name.
    pub(crate) fn plan(&self) -> Vec<ResourcePlan<'a>> {
        let mut modules = NameAllocator::new(true);
        modules.reserve(["__init__"]);
        // A module named like a keyword (`class.py`) cannot be imported.
        modules.reserve(KEYWORDS);
        let mut attrs = NameAllocator::new(false);
        attrs.reserve(KEYWORDS);
        attrs.reserve(TYPE_NAMES);
        attrs.reserve([
            "api_key",
            "username",
            "password",
            "base_url",
            "timeout",
            "max_retries",
            "default_headers",
            "default_query",
            "close",
            "send",
            "request",
            "environment",
        ]);
        let mut classes = NameAllocator::new(false);
        let mut out = Vec::new();
        for g in &self.api.groups {
            let module = modules.alloc(&snake(&g.name.words));
            let attr = attrs.alloc(&escape(&snake(&g.name.words), &[]));
            let class = classes.alloc(&format!("{}Resource", pascal(&g.name.words)));
            let mut methods = NameAllocator::new(false);
            methods.reserve(KEYWORDS);
            methods.reserve(ANNOTATION_NAMES);
            // `deprecated` is the decorator of deprecated methods, read in the class body.
            methods.reserve(["with_raw_response", "types", "deprecated"]);
            // The operations' own names first, then companions (`<method>_text`, for the
            // other media types of a JSON answer), so a companion never takes an operation's.
            let names: Vec<String> = g
                .operations
                .iter()
                .map(|op| methods.alloc(&escape(&snake(&op.method_name.words), &[])))
                .collect();
            let companions: Vec<Option<(String, &'static str, Vec<String>)>> = g
                .operations
                .iter()
                .zip(&names)
                .map(|(op, mname)| {
                    let (text, bytes) = op.alternative_media_types();
                    if !text.is_empty() {
                        Some((methods.alloc(&format!("{mname}_text")), "text", text))
                    } else if !bytes.is_empty() {
                        Some((methods.alloc(&format!("{mname}_bytes")), "bytes", bytes))
                    } else {
                        None
                    }
                })
                .collect();
            // An argument may be named like a type of the datetime module (`date`), but one
            // that is not of that type, in a module that imports the type, may shadow the
            // import before its first use (ruff F811): then such arguments are named again
            // with the type reserved.
            let first: Vec<Method> = g
                .operations
                .iter()
                .zip(&names)
                .map(|(op, mname)| self.method(op, mname, &[]))
                .collect();
            let shadowed: Vec<&str> = ["date", "datetime"]
                .into_iter()
                .filter(|t| {
                    first.iter().any(|m| m.shadows(t)) && first.iter().any(|m| m.names_type(t))
                })
                .collect();
            let mut first = first.into_iter();
            let methods = g
                .operations
                .iter()
                .zip(names)
                .zip(companions)
                .map(|((op, mname), companion)| {
                    let built = first.next();
                    let mut method = match built {
                        Some(m) if shadowed.is_empty() => m,
                        _ => self.method(op, &mname, &shadowed),
                    };
                    let companion = companion
                        .map(|(cname, kind, media)| method.companion(&cname, kind, &media));
                    if let Some(c) = &companion {
                        method.other_media = Some(c.name.clone());
                        let line = format!("Other media types are read by `{}`.", c.name);
                        method.doc = Some(match method.doc.take() {
                            Some(d) => format!("{d}\n\n{line}"),
                            None => line,
                        });
                    }
                    OperationMethods {
                        op,
                        method,
                        companion,
                    }
                })
                .collect();
            out.push(ResourcePlan {
                group: g,
                module,
                async_class: format!("Async{class}"),
                attr,
                class,
                methods,
            });
        }
        out
    }

    pub fn resources(&self, pkg: &str) -> (Vec<Resource>, Vec<Example>, Features) {
        let mut out = Vec::new();
        let mut examples = Vec::new();
        let mut features = Features::default();
        for plan in self.plan() {
            let ResourcePlan {
                group: g,
                module,
                attr,
                class,
                async_class,
                methods,
            } = plan;
            // A datetime type that only arguments are named after is not imported (the
            // argument's name would read as a use of it).
            let arg_named: Vec<&str> = ["date", "datetime"]
                .into_iter()
                .filter(|t| {
                    methods.iter().any(|m| m.method.has_arg(t))
                        && !methods.iter().any(|m| m.method.names_type(t))
                })
                .collect();
            let mut sync_methods = Vec::new();
            let mut async_methods = Vec::new();
            let mut raw_sync = Vec::new();
            let mut raw_async = Vec::new();
            for OperationMethods {
                op,
                method: m,
                companion,
            } in &methods
            {
                let mname = &m.name;
                // README code is the docs sample: complete arguments, so it runs as written.
                let sample = || {
                    let code = crate::sample::call(self.api, self, op, &attr, m, pkg);
                    (format!("client.{attr}.{mname}"), code)
                };
                if examples.len() < 12 && examples.iter().all(|e: &Example| e.resource != attr) {
                    examples.push(Example {
                        resource: attr.clone(),
                        code: sample().1,
                    });
                }
                if op.pagination.is_some() && features.pagination.is_none() {
                    features.pagination = Some(sample());
                }
                if matches!(op.response, ResponseKind::EventStream { .. })
                    && features.stream.is_none()
                {
                    features.stream = Some(sample());
                }
                if op
                    .body
                    .as_ref()
                    .is_some_and(|b| b.encoding == BodyEncoding::Multipart)
                    && features.upload.is_none()
                {
                    features.upload = Some(sample());
                }
                sync_methods.push(m.render(false));
                async_methods.push(m.render(true));
                raw_sync.push(format!(
                    "        self.{mname} = to_raw_response_wrapper(resource.{mname})"
                ));
                if op.pagination.is_none() {
                    raw_async.push(format!(
                        "        self.{mname} = async_to_raw_response_wrapper(resource.{mname})"
                    ));
                }
                if let Some(c) = companion {
                    let cname = &c.name;
                    sync_methods.push(c.render(false));
                    async_methods.push(c.render(true));
                    raw_sync.push(format!(
                        "        self.{cname} = to_raw_response_wrapper(resource.{cname})"
                    ));
                    raw_async.push(format!(
                        "        self.{cname} = async_to_raw_response_wrapper(resource.{cname})"
                    ));
                }
            }
            let doc = docs_text(&g.docs);
            let mut body = String::new();
            for (is_async, cls, meths, raws) in [
                (false, &class, &sync_methods, &raw_sync),
                (true, &async_class, &async_methods, &raw_async),
            ] {
                let client_ty = if is_async {
                    "AsyncAPIClient"
                } else {
                    "SyncAPIClient"
                };
                body.push_str(&format!("\n\nclass {cls}:\n"));
                let d = doc
                    .clone()
                    .unwrap_or_else(|| format!("The `{attr}` resource."));
                for l in docstring(Some(&d), 4) {
                    body.push_str(&l);
                    body.push('\n');
                }
                body.push('\n');
                for l in crate::layout::def_line(
                    4,
                    "__init__",
                    &["self", &format!("client: {client_ty}")],
                    &Ty::name("None"),
                ) {
                    body.push_str(&l);
                    body.push('\n');
                }
                body.push_str("        self._client = client\n");
                body.push_str("\n    @cached_property\n");
                for l in crate::layout::def_line(
                    4,
                    "with_raw_response",
                    &["self"],
                    &Ty::name(format!("{cls}WithRawResponse")),
                ) {
                    body.push_str(&l);
                    body.push('\n');
                }
                body.push_str("        \"\"\"Methods returning the raw HTTP response (:class:`APIResponse`).\"\"\"\n");
                let ret = format!("        return {cls}WithRawResponse(self)");
                if ret.len() <= crate::layout::WIDTH {
                    body.push_str(&ret);
                    body.push('\n');
                } else {
                    body.push_str(&format!(
                        "        return {cls}WithRawResponse(\n            self\n        )\n"
                    ));
                }
                for m in meths.iter() {
                    body.push('\n');
                    body.push_str(m);
                }
                body.push_str(&format!("\n\nclass {cls}WithRawResponse:\n"));
                body.push_str(&format!(
                    "    \"\"\"The methods of :class:`{cls}`, returning :class:`APIResponse`.\"\"\"\n\n"
                ));
                for l in crate::layout::def_line(
                    4,
                    "__init__",
                    &["self", &format!("resource: {cls}")],
                    &Ty::name("None"),
                ) {
                    body.push_str(&l);
                    body.push('\n');
                }
                if raws.is_empty() {
                    body.push_str("        self._resource = resource\n");
                }
                for r in raws.iter() {
                    for l in crate::layout::assign_call(r) {
                        body.push_str(&l);
                        body.push('\n');
                    }
                }
            }
            let source = self.resource_file(pkg, &attr, &body, &arg_named);
            out.push(Resource {
                module,
                attr,
                class,
                async_class,
                source,
            });
        }
        (out, examples, features)
    }

    fn resource_file(&self, _pkg: &str, attr: &str, body: &str, arg_named: &[&str]) -> String {
        let mut used = idents(body);
        for a in arg_named {
            used.remove(*a);
        }
        let mut s = String::from("# generated by sdkgen, do not edit\n");
        if used.contains("deprecated") {
            // The raw-response wrappers refer to the deprecated methods; that is no use.
            s.push_str("# pyright: reportDeprecated=false\n");
        }
        s.push_str(&format!(
            "\"\"\"The `{attr}` resource.\"\"\"\n\nfrom __future__ import annotations\n\n"
        ));
        let dt: Vec<&str> = ["date", "datetime"]
            .into_iter()
            .filter(|n| used.contains(*n))
            .collect();
        let mut std_imports = Vec::new();
        if used.contains("warnings") {
            std_imports.push("import warnings".to_string());
        }
        if !dt.is_empty() {
            std_imports.push(format!("from datetime import {}", dt.join(", ")));
        }
        std_imports.push("from functools import cached_property".to_string());
        let typing: Vec<&str> = ["IO", "Dict", "List", "Literal", "Union", "cast"]
            .into_iter()
            .filter(|n| used.contains(*n))
            .collect();
        if !typing.is_empty() {
            std_imports.push(format!("from typing import {}", typing.join(", ")));
        }
        s.push_str(&std_imports.join("\n"));
        s.push_str("\n\n");
        if used.contains("deprecated") {
            s.push_str("from typing_extensions import deprecated\n\n");
        }
        let mut local: Vec<String> = Vec::new();
        if used.contains("_types") {
            local.push("from .. import types as _types".into());
        }
        let groups: [(&str, &[&str]); 6] = [
            (
                "_base_client",
                &[
                    "AsyncAPIClient",
                    "PageInfo",
                    "SyncAPIClient",
                    "path_param",
                    "request_options",
                ],
            ),
            ("_pagination", &["AsyncPager", "SyncPage"]),
            (
                "_response",
                &[
                    "APIResponse",
                    "async_to_raw_response_wrapper",
                    "to_raw_response_wrapper",
                ],
            ),
            ("_streaming", &["AsyncStream", "Stream"]),
            ("_types", &["NOT_GIVEN", "FileTypes", "NotGiven", "Timeout"]),
            ("_models", &[]),
        ];
        for (module, names) in groups {
            let names: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| used.contains(*n))
                .collect();
            if names.is_empty() {
                continue;
            }
            let one = format!("from ..{module} import {}", names.join(", "));
            if one.len() <= crate::layout::WIDTH {
                local.push(one);
            } else {
                let mut block = format!("from ..{module} import (\n");
                for n in names {
                    block.push_str(&format!("    {n},\n"));
                }
                block.push(')');
                local.push(block);
            }
        }
        s.push_str(&local.join("\n"));
        s.push('\n');
        s.push_str(body);
        s
    }

    /// The method of `op`; `reserved` are type names its arguments must not take.
    fn method(&self, op: &Operation, name: &str, reserved: &[&str]) -> Method {
        let mut alloc = NameAllocator::new(false);
        alloc.reserve(KEYWORDS);
        alloc.reserve(reserved.iter().copied());
        // Annotations are evaluated outside the function, so an argument may be named like a
        // type (`date`) unless the body itself names that type (the result it casts to).
        let runtime: Vec<String> = match (&op.pagination, &op.response) {
            (Some(p), _) => vec![self.ty(&p.item, Ctx::Param { upload: false }).flat()],
            (None, ResponseKind::Json { ty } | ResponseKind::EventStream { ty }) => {
                vec![self.ty(ty, Ctx::Param { upload: false }).flat()]
            }
            _ => Vec::new(),
        };
        alloc.reserve(TYPE_NAMES.iter().copied().filter(|t| {
            !matches!(*t, "date" | "datetime")
                || runtime.iter().any(|r| {
                    r.split(|c: char| !c.is_alphanumeric() && c != '_' && c != '.')
                        .any(|w| w == *t)
                })
        }));
        alloc.reserve([
            "self",
            "extra_headers",
            "extra_query",
            "extra_body",
            "timeout",
            "max_retries",
            "idempotency_key",
            "cast",
            "path_param",
            "request_options",
            "types",
            "warnings",
            "deprecated",
        ]);
        let mut positional = Vec::new();
        let mut keyword = Vec::new();
        let mut query = Vec::new();
        let mut headers = Vec::new();
        let mut cookies = Vec::new();
        let mut comma_keys = Vec::new();
        let mut deep_keys = Vec::new();
        let mut path = py_path(&op.path);
        let mut has_path_param = false;
        let mut arg_docs: Vec<(String, String)> = Vec::new();
        let mut deprecated_params: Vec<(String, bool, String)> = Vec::new();
        // Parameter names, so that a body field of the same name sends the body whole
        // (`body=`) rather than renaming one of them (as TypeScript does).
        let mut param_names = std::collections::HashSet::new();
        for p in &op.params {
            if p.location == ParamLocation::Header
                && p.name.wire.eq_ignore_ascii_case("idempotency-key")
            {
                continue;
            }
            let pname = alloc.alloc(&escape(&snake(&p.name.words), &[]));
            param_names.insert(escape(&snake(&p.name.words), &[]));
            let ty = self.ty(&p.ty, Ctx::Param { upload: false });
            let fill = Fill::Value {
                ty: p.ty.clone(),
                format: p.format.clone(),
                default: p.default.clone(),
                example: p.example.clone(),
                constraints: Box::new(p.constraints.clone()),
                upload: false,
            };
            if let Some(d) = docs_text(&p.docs) {
                arg_docs.push((pname.clone(), d));
            }
            if p.docs.deprecated && p.location != ParamLocation::Path {
                deprecated_params.push((
                    pname.clone(),
                    p.required,
                    deprecation_message(&format!("`{pname}`"), &p.docs),
                ));
            }
            match p.location {
                ParamLocation::Path => {
                    let needle = format!("{{{{{}}}}}", escape_braces(&p.name.wire));
                    if path.contains(&needle) {
                        path = path.replace(&needle, &format!("{{path_param({pname})}}"));
                        has_path_param = true;
                    }
                    positional.push(Param {
                        name: pname,
                        wire: p.name.wire.clone(),
                        ty,
                        required: true,
                        sampled: true,
                        nullable: false,
                        fill,
                    });
                    continue;
                }
                ParamLocation::Query => {
                    if p.style == ParamStyle::DeepObject {
                        deep_keys.push(p.name.wire.clone());
                    } else if !p.explode && matches!(p.ty.non_null(), TypeRef::Array { .. }) {
                        comma_keys.push(p.name.wire.clone());
                    }
                    query.push((p.name.wire.clone(), pname.clone()));
                }
                ParamLocation::Cookie => cookies.push((p.name.wire.clone(), pname.clone())),
                ParamLocation::Header => headers.push((p.name.wire.clone(), pname.clone())),
            }
            keyword.push(Param {
                name: pname,
                wire: p.name.wire.clone(),
                ty,
                required: p.required,
                sampled: p.required,
                nullable: p.ty.is_nullable(),
                fill,
            });
        }
        let mut body_kind = BodyKind::None;
        let mut body_fields = Vec::new();
        if let Some(b) = &op.body {
            let upload = b.encoding == BodyEncoding::Multipart;
            let obj = self
                .object_of(&b.ty)
                .and_then(|id| match &self.api.ty(id).kind {
                    TypeKind::Object(o) if !(o.fields.is_empty() && o.additional.is_some()) => {
                        Some(o)
                    }
                    _ => None,
                })
                .filter(|o| {
                    !o.fields.iter().any(|f| {
                        !f.read_only && param_names.contains(&escape(&snake(&f.name.words), &[]))
                    })
                });
            match (b.encoding, obj) {
                (BodyEncoding::Binary, _) | (BodyEncoding::Text, _) => {
                    let ty = if b.encoding == BodyEncoding::Text {
                        "str"
                    } else {
                        "bytes"
                    };
                    let pname = alloc.alloc("body");
                    keyword.push(Param {
                        name: pname.clone(),
                        wire: "body".into(),
                        ty: Ty::name(ty),
                        required: b.required,
                        sampled: b.required,
                        nullable: false,
                        fill: if b.encoding == BodyEncoding::Text {
                            Fill::Text
                        } else {
                            Fill::Bytes
                        },
                    });
                    body_kind = BodyKind::Content(pname, b.media_type.clone());
                }
                (enc, Some(o)) => {
                    for f in &o.fields {
                        if f.read_only {
                            continue;
                        }
                        let pname = alloc.alloc(&escape(&snake(&f.name.words), &[]));
                        let ty = self.ty(&f.ty, Ctx::Param { upload });
                        if let Some(d) = docs_text(&f.docs) {
                            arg_docs.push((pname.clone(), d));
                        }
                        body_fields.push((f.name.wire.clone(), pname.clone()));
                        keyword.push(Param {
                            name: pname,
                            wire: f.name.wire.clone(),
                            ty,
                            required: f.required && b.required,
                            sampled: sdkgen_core::sample::field_sampled(self.api, b, f),
                            nullable: f.ty.is_nullable(),
                            fill: Fill::Value {
                                ty: f.ty.clone(),
                                format: f.format.clone(),
                                default: f.default.clone(),
                                example: f.example.clone(),
                                constraints: Box::new(f.constraints.clone()),
                                upload,
                            },
                        });
                    }
                    body_kind = match enc {
                        BodyEncoding::Multipart => BodyKind::Multipart,
                        BodyEncoding::FormUrlEncoded => BodyKind::Form,
                        _ => BodyKind::Json,
                    };
                }
                (_, None) => {
                    let pname = alloc.alloc("body");
                    keyword.push(Param {
                        name: pname.clone(),
                        wire: "body".into(),
                        ty: self.ty(&b.ty, Ctx::Param { upload }),
                        required: b.required,
                        sampled: sdkgen_core::sample::body_sampled(self.api, b),
                        nullable: b.ty.is_nullable(),
                        fill: Fill::Value {
                            ty: b.ty.clone(),
                            format: None,
                            default: None,
                            example: None,
                            constraints: Default::default(),
                            upload,
                        },
                    });
                    body_kind = BodyKind::Whole(pname, b.encoding);
                }
            }
        }
        let _ = has_path_param;
        let (ret, async_ret, cast_to, kind) = match (&op.pagination, &op.response) {
            (Some(p), _) => {
                let item = self.ty(&p.item, Ctx::Param { upload: false });
                (
                    Ty::sub("SyncPage", vec![item.clone()]),
                    Ty::sub("AsyncPager", vec![item]),
                    None,
                    "json",
                )
            }
            (None, ResponseKind::EventStream { ty }) => {
                let t = self.ty(ty, Ctx::Param { upload: false });
                (
                    Ty::sub("Stream", vec![t.clone()]),
                    Ty::sub("AsyncStream", vec![t.clone()]),
                    Some(t),
                    "stream",
                )
            }
            (None, ResponseKind::Json { ty }) => {
                let t = self.ty(ty, Ctx::Param { upload: false });
                (t.clone(), t.clone(), Some(t), "json")
            }
            (None, ResponseKind::Text { .. }) => (Ty::name("str"), Ty::name("str"), None, "text"),
            (None, ResponseKind::Binary { .. }) => {
                (Ty::name("bytes"), Ty::name("bytes"), None, "bytes")
            }
            (None, ResponseKind::Empty) => (Ty::name("None"), Ty::name("None"), None, "empty"),
        };
        // A method reading text, bytes or events asks for them: the client's default
        // `Accept` is JSON, which a server may answer with 406.
        let accept = match &op.response {
            ResponseKind::Text { media_type } | ResponseKind::Binary { media_type } => {
                Some(media_type.as_str())
            }
            ResponseKind::EventStream { .. } => Some("text/event-stream"),
            _ => None,
        };
        if let Some(media) = accept {
            if !headers
                .iter()
                .any(|(h, _)| h.eq_ignore_ascii_case("accept"))
            {
                headers.push(("Accept".into(), py_str(media)));
            }
        }
        let page = op.pagination.as_ref().map(|p| PageView {
            cursor_param: p.cursor_param.clone(),
            items_field: p.items_field.clone(),
            item: self.ty(&p.item, Ctx::Param { upload: false }),
            next_cursor: p.next_cursor.clone(),
            has_more_field: p.has_more_field.clone(),
        });
        Method {
            name: name.to_string(),
            wire_path: op.path.clone(),
            http: op.method,
            path,
            positional,
            keyword,
            query,
            headers,
            cookies,
            comma_keys,
            deep_keys,
            body_kind,
            body_fields,
            ret,
            async_ret,
            cast_to,
            kind,
            page,
            doc: docs_text(&op.docs),
            other_media: None,
            arg_docs,
            security: self.auth.operation_security(op),
            deprecated: op
                .docs
                .deprecated
                .then(|| deprecation_message(&format!("`{name}`"), &op.docs)),
            deprecated_params,
        }
    }
}

fn escape_braces(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

/// The path as the inside of a Python string literal, braces doubled for an f-string.
fn py_path(path: &str) -> String {
    let q = py_str(path);
    let inner = &q[1..q.len() - 1];
    escape_braces(inner)
}

fn collect_named(t: &TypeRef, out: &mut Vec<TypeId>) {
    match t {
        TypeRef::Named { id } => out.push(*id),
        TypeRef::Array { items } => collect_named(items, out),
        TypeRef::Map { values } => collect_named(values, out),
        TypeRef::Nullable { inner } => collect_named(inner, out),
        _ => {}
    }
}

/// Identifiers appearing in Python text (for import pruning; over-approximates).
pub fn idents(text: &str) -> BTreeSet<String> {
    // String literals (docstrings included) do not count; f-string paths call `path_param`.
    let code = text;
    let chars: Vec<char> = code.chars().collect();
    let mut stripped = String::new();
    let mut k = 0;
    while k < chars.len() {
        if chars[k] == '"' {
            let triple = k + 2 < chars.len() && chars[k + 1] == '"' && chars[k + 2] == '"';
            k += if triple { 3 } else { 1 };
            while k < chars.len() {
                if chars[k] == '\\' {
                    k += 2;
                    continue;
                }
                if chars[k] == '"' {
                    if !triple {
                        k += 1;
                        break;
                    }
                    if k + 2 < chars.len() && chars[k + 1] == '"' && chars[k + 2] == '"' {
                        k += 3;
                        break;
                    }
                }
                k += 1;
            }
            stripped.push_str("\"\"");
            continue;
        }
        stripped.push(chars[k]);
        k += 1;
    }
    if code.contains("{path_param(") {
        stripped.push_str(" path_param ");
    }
    let text = stripped.as_str();
    let mut set = BTreeSet::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            cur.push(c);
        } else {
            if !cur.is_empty() {
                set.insert(std::mem::take(&mut cur));
            }
            if c == '.' {
                cur.push('.');
            }
        }
    }
    if !cur.is_empty() {
        set.insert(cur);
    }
    // Attribute accesses (`.foo`) are not free names.
    set.into_iter().filter(|s| !s.starts_with('.')).collect()
}

#[derive(Clone)]
struct PageView {
    cursor_param: String,
    items_field: String,
    item: Ty,
    next_cursor: CursorSource,
    has_more_field: Option<String>,
}

/// A resource of the package as `Gen::plan` settles it.
pub(crate) struct ResourcePlan<'a> {
    pub group: &'a Group,
    pub module: String,
    pub attr: String,
    pub class: String,
    pub async_class: String,
    pub methods: Vec<OperationMethods<'a>>,
}

/// The method of an operation and its companion (`transcript_text`), if any.
pub(crate) struct OperationMethods<'a> {
    pub op: &'a Operation,
    pub method: Method,
    pub companion: Option<Method>,
}

/// What a sample passes for an argument.
#[derive(Clone)]
pub(crate) enum Fill {
    /// A value of this IR type (`wire` names it for plausible values).
    Value {
        ty: TypeRef,
        format: Option<String>,
        default: Option<Literal>,
        /// The spec's example, used by samples when it is a value of `ty`.
        example: Option<serde_json::Value>,
        /// The place's validation keywords, which a generated scalar keeps within.
        constraints: Box<sdkgen_core::ir::Constraints>,
        upload: bool,
    },
    /// A raw `text/*` body.
    Text,
    /// A raw binary body.
    Bytes,
}

#[derive(Clone)]
pub(crate) struct Param {
    pub name: String,
    /// The parameter's or body property's wire name (`body` for a whole body).
    pub wire: String,
    ty: Ty,
    pub required: bool,
    /// Whether a docs sample passes it: a required argument, or a required property of an
    /// optional body that a sample sends (`sdkgen_core::sample::field_sampled`).
    pub sampled: bool,
    nullable: bool,
    pub fill: Fill,
}

#[derive(Clone)]
enum BodyKind {
    None,
    Json,
    Form,
    Multipart,
    Content(String, String),
    Whole(String, BodyEncoding),
}

#[derive(Clone)]
pub(crate) struct Method {
    pub name: String,
    wire_path: String,
    http: HttpMethod,
    path: String,
    pub positional: Vec<Param>,
    pub keyword: Vec<Param>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
    comma_keys: Vec<String>,
    deep_keys: Vec<String>,
    body_kind: BodyKind,
    body_fields: Vec<(String, String)>,
    ret: Ty,
    async_ret: Ty,
    cast_to: Option<Ty>,
    kind: &'static str,
    page: Option<PageView>,
    doc: Option<String>,
    arg_docs: Vec<(String, String)>,
    /// The operation's security requirements where they differ from the API's default.
    security: Option<Vec<Vec<String>>>,
    /// `@deprecated(...)` message when the operation is deprecated.
    deprecated: Option<String>,
    /// Parameters that warn (`DeprecationWarning`) when given: (argument, message).
    deprecated_params: Vec<(String, bool, String)>,
    /// The companion reading the operation's other media types (`transcript_text`), named
    /// by the error a JSON method raises when the answer is not JSON.
    other_media: Option<String>,
}

/// Whether type `ty` names `t` (`date` in `Union[date, NotGiven]`).
fn names(ty: &Ty, t: &str) -> bool {
    ty.flat()
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|w| w == t)
}

/// The deprecation message of `what`, with the sunset date when the spec gives one.
fn deprecation_message(what: &str, docs: &Docs) -> String {
    match &docs.sunset {
        Some(date) => format!("{what} is deprecated and stops working after {date}."),
        None => format!("{what} is deprecated."),
    }
}

fn dict_items(indent: usize, key: &str, pairs: &[(String, String)]) -> Vec<String> {
    let pad = " ".repeat(indent);
    if pairs.is_empty() {
        return vec![format!("{pad}{key}={{}}")];
    }
    let mut out = vec![format!("{pad}{key}={{")];
    for (w, p) in pairs {
        out.push(format!("{pad}    {}: {p},", py_str(w)));
    }
    out.push(format!("{pad}}}"));
    out
}

impl Method {
    fn has_arg(&self, name: &str) -> bool {
        self.positional
            .iter()
            .chain(&self.keyword)
            .any(|p| p.name == name)
    }

    /// Whether an argument is named `t` without being of type `t` (`date: datetime`).
    fn shadows(&self, t: &str) -> bool {
        self.positional
            .iter()
            .chain(&self.keyword)
            .any(|p| p.name == t && !names(&p.ty, t))
    }

    /// Whether its signature or result names type `t` (`date` in `Union[date, NotGiven]`).
    fn names_type(&self, t: &str) -> bool {
        let words = |ty: &Ty| names(ty, t);
        self.positional
            .iter()
            .chain(&self.keyword)
            .any(|p| words(&p.ty))
            || words(&self.ret)
            || words(&self.async_ret)
            || self.cast_to.as_ref().is_some_and(words)
    }

    /// The same request answered in another media type: `kind` `text` (a `str`) or `bytes`,
    /// with an `Accept` header naming `media`.
    fn companion(&self, name: &str, kind: &'static str, media: &[String]) -> Method {
        let mut c = self.clone();
        c.name = name.to_string();
        c.kind = kind;
        let ty = Ty::name(if kind == "text" { "str" } else { "bytes" });
        c.ret = ty.clone();
        c.async_ret = ty;
        c.cast_to = None;
        c.page = None;
        c.deprecated = None;
        c.deprecated_params.clear();
        c.other_media = None;
        c.headers.retain(|(h, _)| !h.eq_ignore_ascii_case("accept"));
        c.headers.push(("Accept".into(), py_str(&media.join(", "))));
        c.doc = Some(format!(
            "Like `{}`, with the answer as it comes in its other media types ({}).",
            self.name,
            media.join(", ")
        ));
        c
    }

    /// The declaration of the method (from `def` to the `:` after the return type) as the
    /// class body holds it, indented by 4; decorators left out.
    fn declaration(&self, is_async: bool) -> Vec<String> {
        let paged_async = is_async && self.page.is_some();
        let def = if is_async && !paged_async {
            "async def"
        } else {
            "def"
        };
        let mut out: Vec<String> = Vec::new();
        out.push(format!("    {def} {}(", self.name));
        out.push("        self,".into());
        for p in &self.positional {
            out.extend(layout(
                &p.ty,
                8,
                &format!("{}: ", p.name),
                ",",
                LongName::Keep,
            ));
        }
        out.push("        *,".into());
        for p in &self.keyword {
            if p.required {
                out.extend(layout(
                    &p.ty,
                    8,
                    &format!("{}: ", p.name),
                    ",",
                    LongName::Keep,
                ));
            } else {
                let ty = Ty::union(vec![p.ty.clone(), Ty::name("NotGiven")]);
                out.extend(layout(
                    &ty,
                    8,
                    &format!("{}: ", p.name),
                    " = NOT_GIVEN,",
                    LongName::Keep,
                ));
            }
            let _ = p.nullable;
        }
        out.push("        extra_headers: Union[Dict[str, str], None] = None,".into());
        out.push("        extra_query: Union[Dict[str, object], None] = None,".into());
        out.push("        extra_body: Union[Dict[str, object], None] = None,".into());
        out.push("        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,".into());
        out.push("        max_retries: Union[int, NotGiven] = NOT_GIVEN,".into());
        out.push("        idempotency_key: Union[str, None] = None,".into());
        let ret = if is_async { &self.async_ret } else { &self.ret };
        out.extend(layout(ret, 4, ") -> ", ":", LongName::Paren));
        out
    }

    /// The declaration of the sync method at the left margin (what the method reference
    /// shows); the same lines as in the resource module, dedented.
    pub(crate) fn signature(&self) -> String {
        self.declaration(false)
            .iter()
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn render(&self, is_async: bool) -> String {
        let paged_async = is_async && self.page.is_some();
        let mut out: Vec<String> = Vec::new();
        if let Some(msg) = &self.deprecated {
            let one = format!("    @deprecated({})", py_str(msg));
            if one.len() <= crate::layout::WIDTH {
                out.push(one);
            } else {
                out.push("    @deprecated(".into());
                out.push(format!("        {}", py_str(msg)));
                out.push("    )".into());
            }
        }
        out.extend(self.declaration(is_async));
        let ret = if is_async { &self.async_ret } else { &self.ret };
        // Docstring.
        let mut doc = self.doc.clone().unwrap_or_default();
        if !self.arg_docs.is_empty() {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str("Args:");
            for (n, d) in &self.arg_docs {
                let first = d.lines().next().unwrap_or("").trim();
                doc.push_str(&format!("\n    {n}: {first}"));
            }
        }
        if doc.is_empty() {
            doc = format!("`{} {}`", self.http.as_str(), self.wire_path);
        }
        out.extend(docstring(Some(&doc), 8));
        for (arg, required, msg) in &self.deprecated_params {
            let ind = if *required {
                8
            } else {
                out.push(format!("        if not isinstance({arg}, NotGiven):"));
                12
            };
            let pad = " ".repeat(ind);
            out.push(format!("{pad}warnings.warn("));
            out.push(format!("{pad}    {},", py_str(msg)));
            out.push(format!("{pad}    DeprecationWarning,"));
            out.push(format!("{pad}    stacklevel=2,"));
            out.push(format!("{pad})"));
        }
        // The request.
        if paged_async {
            out.extend(exploded(
                8,
                "return AsyncPager(",
                vec![
                    vec!["            self._client".to_string()],
                    exploded(12, "request_options(", self.opts(16), ")"),
                    exploded(12, "PageInfo(", self.page_items(16), ")"),
                ],
                ")",
            ));
        } else {
            let await_kw = if is_async { "await " } else { "" };
            let empty = self.kind == "empty";
            let ind = if empty { 8 } else { 12 };
            let pad = " ".repeat(ind + 4);
            let mut items = vec![exploded(
                ind + 4,
                "request_options(",
                self.opts(ind + 8),
                ")",
            )];
            match &self.cast_to {
                Some(t) => items.push(layout(t, ind + 4, "cast_to=", "", LongName::Keep)),
                None => items.push(vec![format!("{pad}cast_to=None")]),
            }
            if self.kind != "json" {
                items.push(vec![format!("{pad}kind={}", py_str(self.kind))]);
            }
            if let Some(other) = &self.other_media {
                items.push(vec![format!("{pad}other_media={}", py_str(other))]);
            }
            if self.page.is_some() {
                items.push(exploded(
                    ind + 4,
                    "page=PageInfo(",
                    self.page_items(ind + 8),
                    ")",
                ));
            }
            let call = exploded(ind, &format!("{await_kw}self._client.request("), items, ")");
            if empty {
                out.extend(call);
            } else {
                let items = vec![vec![format!("            {}", py_str(&ret.flat()))], call];
                out.extend(exploded(8, "return cast(", items, ")"));
            }
        }
        let mut s = out.join("\n");
        s.push('\n');
        s
    }

    fn opts(&self, ind: usize) -> Vec<Vec<String>> {
        let pad = " ".repeat(ind);
        let mut opts: Vec<Vec<String>> = Vec::new();
        opts.push(vec![format!("{pad}method={}", py_str(self.http.as_str()))]);
        let fpre = if self.path.contains("{path_param(") {
            "f"
        } else {
            ""
        };
        opts.push(vec![format!("{pad}path={fpre}\"{}\"", self.path)]);
        if !self.query.is_empty() {
            opts.push(dict_items(ind, "query", &self.query));
        }
        if !self.headers.is_empty() {
            opts.push(dict_items(ind, "headers", &self.headers));
        }
        if !self.cookies.is_empty() {
            opts.push(dict_items(ind, "cookies", &self.cookies));
        }
        match &self.body_kind {
            BodyKind::None => {}
            BodyKind::Json => opts.push(dict_items(ind, "json_body", &self.body_fields)),
            BodyKind::Form => opts.push(dict_items(ind, "form", &self.body_fields)),
            BodyKind::Multipart => opts.push(dict_items(ind, "multipart", &self.body_fields)),
            BodyKind::Content(p, media) => {
                opts.push(vec![format!("{pad}content={p}")]);
                opts.push(vec![format!("{pad}content_type={}", py_str(media))]);
            }
            BodyKind::Whole(p, enc) => {
                let key = match enc {
                    BodyEncoding::Multipart => "multipart",
                    BodyEncoding::FormUrlEncoded => "form",
                    _ => "json_body",
                };
                opts.push(vec![format!("{pad}{key}={p}")]);
            }
        }
        if !self.comma_keys.is_empty() {
            let keys: Vec<Vec<String>> = self
                .comma_keys
                .iter()
                .map(|k| vec![format!("{pad}    {}", py_str(k))])
                .collect();
            opts.push(exploded(ind, "comma_keys=[", keys, "]"));
        }
        if !self.deep_keys.is_empty() {
            let keys: Vec<Vec<String>> = self
                .deep_keys
                .iter()
                .map(|k| vec![format!("{pad}    {}", py_str(k))])
                .collect();
            opts.push(exploded(ind, "deep_keys=[", keys, "]"));
        }
        if let Some(reqs) = &self.security {
            let alts: Vec<Vec<String>> = reqs
                .iter()
                .map(|alt| {
                    let keys: Vec<String> = alt.iter().map(|k| py_str(k)).collect();
                    vec![format!("{pad}    [{}]", keys.join(", "))]
                })
                .collect();
            let one = format!(
                "{pad}security=[{}]",
                reqs.iter()
                    .map(|alt| format!(
                        "[{}]",
                        alt.iter().map(|k| py_str(k)).collect::<Vec<_>>().join(", ")
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if one.len() < crate::layout::WIDTH || alts.is_empty() {
                opts.push(vec![one]);
            } else {
                opts.push(exploded(ind, "security=[", alts, "]"));
            }
        }
        for o in [
            "extra_headers",
            "extra_query",
            "extra_body",
            "timeout",
            "max_retries",
            "idempotency_key",
        ] {
            opts.push(vec![format!("{pad}{o}={o}")]);
        }
        opts
    }

    fn page_items(&self, ind: usize) -> Vec<Vec<String>> {
        let pad = " ".repeat(ind);
        let Some(p) = &self.page else {
            return Vec::new();
        };
        let mut items = vec![
            vec![format!("{pad}cursor_param={}", py_str(&p.cursor_param))],
            vec![format!("{pad}items_field={}", py_str(&p.items_field))],
        ];
        items.push(layout(&p.item, ind, "item=", "", LongName::Keep));
        match &p.next_cursor {
            CursorSource::ResponseField(f) => {
                items.push(vec![format!("{pad}cursor_field={}", py_str(f))])
            }
            CursorSource::LastItemField(f) => {
                items.push(vec![format!("{pad}last_item_field={}", py_str(f))])
            }
        }
        if let Some(h) = &p.has_more_field {
            items.push(vec![format!("{pad}has_more_field={}", py_str(h))]);
        }
        items
    }
}

// ---------------------------------------------------------------- package-level

pub fn title_words(api: &Api) -> Vec<String> {
    sdkgen_core::naming::package_words(&api.title)
}

/// Shared with every emitter: `VT` for "Video Transcriber API".
pub fn env_prefix(api: &Api) -> String {
    sdkgen_core::naming::env_prefix(api)
}

/// The Python name of a client credential option (`api_key`, `petstore_auth`).
pub fn auth_option_name(o: &sdkgen_core::auth::AuthOption) -> String {
    escape(&snake(&o.words), &[])
}

#[cfg(test)]
mod tests {
    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Name Clash API, version: "1"}
paths:
  /things/{class}:
    get:
      operationId: getThing
      parameters:
        - {name: class, in: path, required: true, schema: {type: string}}
        - {name: timeout, in: query, schema: {type: integer}}
        - {name: self, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Client'}
components:
  schemas:
    Client:
      type: object
      properties:
        class: {type: string}
        json: {type: string}
        2fa_enabled: {type: boolean}
        fooBar: {type: string}
        foo_bar: {type: string}
        model_config: {type: string}
        str: {type: string}
        type: {type: string}
    Warning:
      type: object
      properties:
        code: {type: string}
"#;

    fn files() -> Vec<sdkgen_core::emit::File> {
        let loaded = sdkgen_core::load_str("clash.yaml", SPEC).expect("loads");
        crate::generate(&loaded.api, None)
    }

    fn file(name: &str) -> String {
        files()
            .into_iter()
            .find(|f| f.path.to_string_lossy().ends_with(name))
            .map(|f| f.contents)
            .unwrap()
    }

    #[test]
    fn type_names_avoid_runtime_and_builtin_names() {
        let types = file("/types.py");
        assert!(types.contains("class Client2(BaseModel):"), "{types}");
        assert!(types.contains("class Warning2(BaseModel):"), "{types}");
    }

    #[test]
    fn field_names_are_escaped_and_allocated() {
        let types = file("/types.py");
        for field in [
            "class_: Union[str, None] = None",
            "json_: Union[str, None] = None",
            "n_2fa_enabled: Union[bool, None] = None",
            "foo_bar: Union[str, None] = None",
            "foo_bar2: Union[str, None] = None",
            "model_config_: Union[str, None] = None",
            "str_: Union[str, None] = None",
            "type: Union[str, None] = None",
        ] {
            assert!(types.contains(field), "missing `{field}` in\n{types}");
        }
        assert!(types.contains("class_=\"class\""), "{types}");
        assert!(types.contains("foo_bar=\"fooBar\""), "{types}");
    }

    #[test]
    fn params_avoid_generator_locals() {
        let res = file("resources/things.py");
        assert!(res.contains("        class_: str,"), "{res}");
        assert!(
            res.contains("timeout2: Union[int, NotGiven] = NOT_GIVEN,"),
            "{res}"
        );
        assert!(
            res.contains("self2: Union[str, NotGiven] = NOT_GIVEN,"),
            "{res}"
        );
        assert!(
            res.contains("path=f\"/things/{path_param(class_)}\""),
            "{res}"
        );
        assert!(res.contains("\"timeout\": timeout2,"), "{res}");
    }

    #[test]
    fn deterministic() {
        assert_eq!(files(), files());
    }
}
