//! Tokens for the wire module, built with `quote` and printed by prettyplease.

use crate::model::Model;
use crate::naming::{self, ident};
use crate::validate::{self, Val};
use proc_macro2::{Ident, Literal as Lit, Span, TokenStream};
use quote::{format_ident, quote};
use sdkgen_core::alloc::NameAllocator;
use sdkgen_core::ir::*;

/// A one-variant enum standing for a `const` string (`object: session`).
pub struct ConstEnum {
    pub name: String,
    pub value: String,
}

pub struct Render<'a> {
    pub m: Model<'a>,
    pub consts: Vec<ConstEnum>,
    /// Patterns compiled at most once each: (static name, pattern text).
    pub patterns: Vec<(String, String)>,
    pub uses_map: bool,
    pub uses_value: bool,
    pub uses_some: bool,
    pub uses_join: bool,
    pub uses_invalid: bool,
    /// The type whose `validate` is being rendered, and how many conditionals (`if let`,
    /// loops, `match` arms) enclose the check being built.
    pub current: Option<TypeId>,
    pub guard: usize,
}

/// Doc attributes from spec text. Fenced code becomes ```` ```text ```` (never a doctest)
/// and lines are left-trimmed outside fences (no indented code blocks either).
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    let mut text = docs.text().unwrap_or_default();
    if docs.deprecated {
        let note = match &docs.sunset {
            Some(s) => format!("Deprecated (sunset {s})."),
            None => "Deprecated.".to_string(),
        };
        text = if text.is_empty() {
            note
        } else {
            format!("{text}\n\n{note}")
        };
    }
    doc_lines(&text)
}

pub fn doc_lines(text: &str) -> TokenStream {
    let mut out = TokenStream::new();
    let mut in_fence = false;
    let lines: Vec<&str> = text.trim().lines().collect();
    for line in lines {
        // Tabs become spaces (clippy's `tabs_in_doc_comments`).
        let line = line.replace('\t', "    ");
        let line = line.as_str();
        let t = line.trim();
        let l = if t.starts_with("```") {
            in_fence = !in_fence;
            if in_fence {
                "```text".to_string()
            } else {
                "```".to_string()
            }
        } else if in_fence {
            line.trim_end().to_string()
        } else {
            t.to_string()
        };
        let l = if l.is_empty() { l } else { format!(" {l}") };
        out.extend(quote!(#[doc = #l]));
    }
    if in_fence {
        out.extend(quote!(#[doc = " ```"]));
    }
    out
}

fn str_lit(s: &str) -> Lit {
    Lit::string(s)
}

impl<'a> Render<'a> {
    pub fn new(api: &'a Api) -> Self {
        Render {
            m: Model::new(api),
            consts: Vec::new(),
            patterns: Vec::new(),
            uses_map: false,
            uses_value: false,
            uses_some: false,
            uses_join: false,
            uses_invalid: false,
            current: None,
            guard: 0,
        }
    }

    fn api(&self) -> &'a Api {
        self.m.api
    }

    /// The static holding the compiled `pattern`, or `None` when the regex crate cannot
    /// compile it (ECMA-only syntax such as look-around): that check is left out.
    pub fn pattern(&mut self, pattern: &str) -> Option<String> {
        if let Some((n, _)) = self.patterns.iter().find(|(_, p)| p == pattern) {
            return Some(n.clone());
        }
        regex_syntax::Parser::new().parse(pattern).ok()?;
        let name = format!("PATTERN_{}", self.patterns.len() + 1);
        self.patterns.push((name.clone(), pattern.to_string()));
        Some(name)
    }

    pub fn type_ident(&self, id: TypeId) -> Ident {
        ident(&self.m.type_names[id.0])
    }

    /// The Rust type of a reference. `owner` is the type whose field (or variant) this is:
    /// by-value references back into its component are boxed. `hint` names a `const`.
    pub fn ty(&mut self, t: &TypeRef, owner: Option<TypeId>, hint: &[String]) -> TokenStream {
        match t {
            TypeRef::Primitive { ty } => naming::primitive(*ty),
            TypeRef::Named { id } => {
                let name = self.type_ident(*id);
                if self.m.needs_box(owner, *id) {
                    quote!(Box<#name>)
                } else {
                    quote!(#name)
                }
            }
            TypeRef::Array { items } => {
                let mut h = hint.to_vec();
                h.push("item".into());
                let inner = self.ty(items, None, &h);
                quote!(Vec<#inner>)
            }
            TypeRef::Map { values } => {
                self.uses_map = true;
                let mut h = hint.to_vec();
                h.push("value".into());
                let inner = self.ty(values, None, &h);
                quote!(BTreeMap<String, #inner>)
            }
            TypeRef::Nullable { inner } => {
                let inner = self.ty(inner, owner, hint);
                quote!(Option<#inner>)
            }
            TypeRef::Literal { value } => self.literal_ty(value, hint),
            TypeRef::Any => {
                self.uses_value = true;
                quote!(Value)
            }
        }
    }

    fn literal_ty(&mut self, value: &Literal, hint: &[String]) -> TokenStream {
        match value {
            Literal::String(s) => {
                let name = self.m.alloc.alloc(&naming::upper_camel(hint));
                self.consts.push(ConstEnum {
                    name: name.clone(),
                    value: s.clone(),
                });
                let id = ident(&name);
                quote!(#id)
            }
            Literal::Integer(_) => quote!(i64),
            Literal::Number(_) => quote!(f64),
            Literal::Boolean(_) => quote!(bool),
            Literal::Null => quote!(()),
            Literal::Json(_) => {
                self.uses_value = true;
                quote!(Value)
            }
        }
    }

    /// The whole module.
    pub fn module(mut self) -> TokenStream {
        let api = self.api();
        let mut items = TokenStream::new();
        for (i, t) in api.types.iter().enumerate() {
            let item = self.type_def(TypeId(i), t);
            items.extend(item);
        }
        let ops: Vec<&Operation> = api.operations().collect();
        self.current = None;
        for (i, op) in ops.iter().enumerate() {
            if let Some(name) = self.m.query_names.get(&i).cloned() {
                items.extend(self.query_struct(&name, op));
            }
        }
        items.extend(self.operations_table(&ops));
        // Const enums are collected while the items above are built.
        for c in std::mem::take(&mut self.consts) {
            items.extend(self.const_enum(&c));
        }
        if self.m.own_validation_error {
            items.extend(quote! {
                /// One invalid field of a request: `field` is the dot-separated path of the
                /// value (`metadata.team`, `vocabulary.3`).
                #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
                pub struct ValidationError {
                    pub field: String,
                    pub message: String,
                }
            });
        }
        items.extend(self.helpers());
        let mut head = TokenStream::new();
        head.extend(quote!(
            use serde::{Deserialize, Serialize};
        ));
        if self.uses_map {
            head.extend(quote!(
                use std::collections::BTreeMap;
            ));
        }
        if self.uses_value {
            head.extend(quote!(
                use serde_json::Value;
            ));
        }
        quote!(#head #items)
    }

    fn type_def(&mut self, id: TypeId, t: &TypeDef) -> TokenStream {
        self.current = Some(id);
        self.guard = 0;
        let name = self.type_ident(id);
        let docs = doc_attrs(&t.docs);
        let ve = ident(&self.m.validation_error);
        match &t.kind {
            TypeKind::Object(o) => self.object(id, t, o),
            TypeKind::Enum(e) => self.enum_def(&name, &docs, e),
            TypeKind::Union(u) => self.union(id, &name, &docs, u),
            TypeKind::Alias { target } if self.m.newtype[id.0] => {
                let inner = self.ty(target, Some(id), &t.name.words);
                let body = validate::value(
                    self,
                    Val::Place(quote!(self.0)),
                    target,
                    &t.constraints,
                    quote!(path),
                );
                let (p, e) = params_named(&body);
                quote! {
                    #docs
                    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                    #[serde(transparent)]
                    pub struct #name(pub #inner);
                    impl #name {
                        /// Checks the spec's constraints, adding one error per violation.
                        pub fn validate(&self, #p: &str, #e: &mut Vec<#ve>) {
                            #body
                        }
                    }
                }
            }
            TypeKind::Alias { target } => {
                let inner = self.ty(target, None, &t.name.words);
                quote! {
                    #docs
                    pub type #name = #inner;
                }
            }
        }
    }

    fn object(&mut self, id: TypeId, t: &TypeDef, o: &ObjectType) -> TokenStream {
        let name = self.type_ident(id);
        let docs = doc_attrs(&t.docs);
        let ve = ident(&self.m.validation_error);
        let mut fields_alloc = NameAllocator::new(false);
        let mut fields = TokenStream::new();
        let mut checks = TokenStream::new();
        let mut present = Vec::new();
        let mut required_count = 0usize;
        for f in &o.fields {
            let fname = fields_alloc.alloc(&naming::escaped(&naming::snake(&f.name.words)));
            let fid = ident(&fname);
            let mut hint = t.name.words.clone();
            hint.extend(f.name.words.iter().cloned());
            let (decl, check_ty) = self.field_decl(
                &fid,
                &fname,
                &f.name.wire,
                &f.ty,
                f.required,
                &f.docs,
                Some(id),
                &hint,
            );
            fields.extend(decl);
            let wire = &f.name.wire;
            let body = validate::value(
                self,
                Val::Place(quote!(self.#fid)),
                &check_ty,
                &f.constraints,
                quote!(&join_path(path, #wire)),
            );
            if !body.is_empty() {
                self.uses_join = true;
            }
            checks.extend(body);
            if f.required {
                required_count += 1;
            } else {
                present.push(fid.clone());
            }
        }
        let mut additional_ident = None;
        if let Some(add) = &o.additional {
            let fname = fields_alloc.alloc("additional_properties");
            let fid = ident(&fname);
            self.uses_map = true;
            let mut hint = t.name.words.clone();
            hint.push("value".into());
            let vty = self.ty(add, None, &hint);
            fields.extend(quote! {
                /// Properties not declared by the spec (`additionalProperties`).
                #[serde(flatten)]
                pub #fid: BTreeMap<String, #vty>,
            });
            let mc = Constraints {
                values: t.constraints.values.clone(),
                property_names: t.constraints.property_names.clone(),
                ..Constraints::default()
            };
            checks.extend(validate::value(
                self,
                Val::Place(quote!(self.#fid)),
                &TypeRef::map((**add).clone()),
                &mc,
                quote!(path),
            ));
            additional_ident = Some(fid);
        }
        let c = &t.constraints;
        if c.min_properties.is_some() || c.max_properties.is_some() {
            let mut terms: Vec<TokenStream> = Vec::new();
            if required_count > 0 {
                let req = Lit::usize_unsuffixed(required_count);
                terms.push(quote!(#req));
            }
            for p in &present {
                terms.push(quote!(usize::from(self.#p.is_some())));
            }
            if let Some(a) = &additional_ident {
                terms.push(quote!(self.#a.len()));
            }
            if terms.is_empty() {
                terms.push(quote!(0));
            }
            let count = quote!(#(#terms)+*);
            checks.extend(validate::count_checks(self, count, None, c, &quote!(path)));
        }
        let (p, e) = params_named(&checks);
        // Every field optional (a patch, an options object): `Default` is "nothing set".
        let default = if o.fields.iter().all(|f| !f.required) {
            quote!(Default,)
        } else {
            quote!()
        };
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
            pub struct #name {
                #fields
            }
            impl #name {
                /// Checks the spec's constraints, adding one error per violation.
                pub fn validate(&self, #p: &str, #e: &mut Vec<#ve>) {
                    #checks
                }
            }
        }
    }

    /// A struct field: its declaration and the type to validate it as (optional fields
    /// are one `Nullable` deeper, matching their extra `Option`).
    #[allow(clippy::too_many_arguments)]
    fn field_decl(
        &mut self,
        fid: &Ident,
        fname: &str,
        wire: &str,
        ty: &TypeRef,
        required: bool,
        docs: &Docs,
        owner: Option<TypeId>,
        hint: &[String],
    ) -> (TokenStream, TypeRef) {
        let docs = doc_attrs(docs);
        let rename = if fname.trim_start_matches("r#") != wire {
            let w = str_lit(wire);
            quote!(#[serde(rename = #w)])
        } else {
            quote!()
        };
        let rty = self.ty(ty, owner, hint);
        let (decl_ty, attrs, check_ty) = if *ty == TypeRef::Any {
            if required {
                (rty, quote!(), ty.clone())
            } else {
                (
                    quote!(Option<#rty>),
                    quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
                    TypeRef::Any,
                )
            }
        } else if required {
            if ty.is_nullable() {
                // Present but possibly null: absence is an error, as for any required field.
                (
                    rty,
                    quote!(#[serde(deserialize_with = "Option::deserialize")]),
                    ty.clone(),
                )
            } else {
                (rty, quote!(), ty.clone())
            }
        } else if ty.is_nullable() {
            self.uses_some = true;
            (
                quote!(Option<#rty>),
                quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "deserialize_some")]),
                TypeRef::Nullable {
                    inner: Box::new(ty.clone()),
                },
            )
        } else {
            // Optional but not nullable: absent is `None`, an explicit `null` is a type error
            // (as JSON Schema has it), not silently read as absent.
            self.uses_some = true;
            (
                quote!(Option<#rty>),
                quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "deserialize_some")]),
                ty.clone().nullable(),
            )
        };
        (
            quote! {
                #docs
                #rename
                #attrs
                pub #fid: #decl_ty,
            },
            check_ty,
        )
    }

    fn enum_def(&mut self, name: &Ident, docs: &TokenStream, e: &EnumType) -> TokenStream {
        let ve = ident(&self.m.validation_error);
        let mut alloc = NameAllocator::new(false);
        alloc.reserve(["Self"]);
        let validate_fn = quote! {
            /// Enum values are checked when deserializing; nothing more to check.
            pub fn validate(&self, _path: &str, _errors: &mut Vec<#ve>) {}
        };
        match e.base {
            Primitive::Integer | Primitive::Int64 | Primitive::Number => {
                let float = e.base == Primitive::Number
                    && e.values
                        .iter()
                        .any(|v| !matches!(v.value, Literal::Integer(_)));
                let mut vars = TokenStream::new();
                let mut to = TokenStream::new();
                let mut from = TokenStream::new();
                for v in &e.values {
                    let text = match &v.value {
                        Literal::Integer(s) | Literal::Number(s) => s.clone(),
                        _ => continue,
                    };
                    let lit = if float {
                        match text.parse::<f64>() {
                            Ok(x) if x.is_finite() => Lit::f64_unsuffixed(x),
                            _ => continue,
                        }
                    } else {
                        match text.parse::<i64>() {
                            Ok(x) => Lit::i64_unsuffixed(x),
                            _ => continue,
                        }
                    };
                    let vname = ident(&alloc.alloc(&naming::upper_camel(&v.name.words)));
                    let vdocs = doc_attrs(&v.docs);
                    vars.extend(quote!(#vdocs #vname,));
                    to.extend(quote!(#name::#vname => #lit,));
                    if float {
                        from.extend(quote!(if value == #lit { return Ok(#name::#vname); }));
                    } else {
                        from.extend(quote!(#lit => Ok(#name::#vname),));
                    }
                }
                let (base, base_str) = if float {
                    (quote!(f64), "f64")
                } else {
                    (quote!(i64), "i64")
                };
                let from_body = if float {
                    quote! {
                        #from
                        Err(format!("unknown value {value}"))
                    }
                } else {
                    quote! {
                        match value {
                            #from
                            other => Err(format!("unknown value {other}")),
                        }
                    }
                };
                let derive_eq = if float { quote!() } else { quote!(Eq, Hash,) };
                quote! {
                    #docs
                    #[derive(Debug, Clone, Copy, PartialEq, #derive_eq Serialize, Deserialize)]
                    #[serde(try_from = #base_str, into = #base_str)]
                    pub enum #name { #vars }
                    impl From<#name> for #base {
                        fn from(value: #name) -> #base {
                            match value { #to }
                        }
                    }
                    impl TryFrom<#base> for #name {
                        type Error = String;
                        fn try_from(value: #base) -> Result<Self, String> {
                            #from_body
                        }
                    }
                    impl #name {
                        #validate_fn
                    }
                }
            }
            _ => {
                let mut vars = TokenStream::new();
                let mut strs = TokenStream::new();
                let mut all = TokenStream::new();
                for v in &e.values {
                    let Literal::String(s) = &v.value else {
                        continue;
                    };
                    let vname = ident(&alloc.alloc(&naming::upper_camel(&v.name.words)));
                    let vdocs = doc_attrs(&v.docs);
                    vars.extend(quote!(#vdocs #[serde(rename = #s)] #vname,));
                    strs.extend(quote!(#name::#vname => #s,));
                    all.extend(quote!(#name::#vname,));
                }
                quote! {
                    #docs
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
                    pub enum #name { #vars }
                    impl #name {
                        /// Every value, in spec order.
                        pub const ALL: &'static [#name] = &[#all];
                        /// The value as on the wire.
                        pub fn as_str(self) -> &'static str {
                            match self { #strs }
                        }
                        /// The value with this wire spelling.
                        pub fn from_wire(value: &str) -> Option<Self> {
                            Self::ALL.iter().copied().find(|v| v.as_str() == value)
                        }
                        #validate_fn
                    }
                    impl std::fmt::Display for #name {
                        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                            f.write_str(self.as_str())
                        }
                    }
                }
            }
        }
    }

    fn const_enum(&mut self, c: &ConstEnum) -> TokenStream {
        let name = ident(&c.name);
        let ve = ident(&self.m.validation_error);
        let v = &c.value;
        let var = ident(&naming::escaped(&naming::upper_camel(
            &sdkgen_core::words::split_words(v),
        )));
        let doc = format!(" Always `{v}`.");
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
            pub enum #name {
                #[default]
                #[serde(rename = #v)]
                #var,
            }
            impl #name {
                /// The value as on the wire.
                pub fn as_str(self) -> &'static str {
                    #v
                }
                /// A constant is checked when deserializing; nothing more to check.
                pub fn validate(&self, _path: &str, _errors: &mut Vec<#ve>) {}
            }
        }
    }

    fn union(
        &mut self,
        id: TypeId,
        name: &Ident,
        docs: &TokenStream,
        u: &UnionType,
    ) -> TokenStream {
        let ve = ident(&self.m.validation_error);
        let api = self.api();
        let mut alloc = NameAllocator::new(false);
        alloc.reserve(["Self"]);
        let mut vars = TokenStream::new();
        let mut arms = TokenStream::new();
        let mut dispatch = TokenStream::new();
        // Each tag selects one variant (a tag listed twice goes to the first); a variant
        // left without tags makes the union untagged.
        let mut seen = std::collections::HashSet::new();
        let tags: Vec<Vec<&String>> = u
            .variants
            .iter()
            .map(|v| v.tags.iter().filter(|t| seen.insert(t.as_str())).collect())
            .collect();
        let tagged = u.discriminator.is_some()
            && u.variants
                .iter()
                .zip(&tags)
                .all(|(v, t)| !t.is_empty() && matches!(v.ty, TypeRef::Named { .. }));
        let tname = &api.ty(id).name.words;
        for (v, vtags) in u.variants.iter().zip(&tags) {
            let vn = alloc.alloc(&naming::escaped(&variant_name(self, &v.ty)));
            let vid = ident(&vn);
            let mut hint = tname.clone();
            hint.extend(sdkgen_core::words::split_words(&vn));
            let rty = self.ty(&v.ty, Some(id), &hint);
            vars.extend(quote!(#vid(#rty),));
            // Arms are conditional unless there is only one.
            let guard = usize::from(u.variants.len() > 1);
            self.guard += guard;
            let body = validate::value(
                self,
                Val::Ref(quote!(v)),
                &v.ty,
                &Constraints::default(),
                quote!(path),
            );
            self.guard -= guard;
            if body.is_empty() {
                arms.extend(quote!(#name::#vid(_) => {}));
            } else {
                arms.extend(quote!(#name::#vid(v) => { #body }));
            }
            if tagged {
                let tags = vtags.iter().map(|t| quote!(#t));
                let boxed =
                    matches!(v.ty, TypeRef::Named { id: t } if self.m.needs_box(Some(id), t));
                let wrap = if boxed {
                    quote!(|x| #name::#vid(Box::new(x)))
                } else {
                    quote!(#name::#vid)
                };
                dispatch.extend(quote! {
                    Some(#(#tags)|*) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom),
                });
            }
        }
        let (p, e) = params_named(&arms);
        let validate_fn = quote! {
            impl #name {
                /// Checks the spec's constraints of the variant held, adding one error per violation.
                pub fn validate(&self, #p: &str, #e: &mut Vec<#ve>) {
                    match self { #arms }
                }
            }
        };
        if tagged {
            let disc = u.discriminator.clone().unwrap_or_default();
            let missing = format!("missing or non-string discriminator `{disc}`");
            let unknown = format!("unknown `{disc}` value `{{other}}`");
            let unknown = str_lit(&unknown);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Serialize)]
                #[serde(untagged)]
                pub enum #name { #vars }
                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = serde_json::Value::deserialize(deserializer)?;
                        let tag = value.get(#disc).and_then(serde_json::Value::as_str).map(str::to_owned);
                        match tag.as_deref() {
                            #dispatch
                            Some(other) => Err(serde::de::Error::custom(format!(#unknown))),
                            None => Err(serde::de::Error::custom(#missing)),
                        }
                    }
                }
                #validate_fn
            }
        } else {
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                #[serde(untagged)]
                pub enum #name { #vars }
                #validate_fn
            }
        }
    }

    fn query_struct(&mut self, name: &str, op: &Operation) -> TokenStream {
        let sid = ident(name);
        let ve = ident(&self.m.validation_error);
        let doc = format!(
            " The query parameters of `{}` (`{} {}`).",
            op.id.wire,
            op.method.as_str(),
            op.path
        );
        let mut alloc = NameAllocator::new(false);
        let mut fields = TokenStream::new();
        let mut checks = TokenStream::new();
        for p in op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
        {
            let fname = alloc.alloc(&naming::escaped(&naming::snake(&p.name.words)));
            let fid = ident(&fname);
            let mut hint = op.id.words.clone();
            hint.extend(p.name.words.iter().cloned());
            let (decl, check_ty) = self.field_decl(
                &fid,
                &fname,
                &p.name.wire,
                &p.ty,
                p.required,
                &p.docs,
                None,
                &hint,
            );
            fields.extend(decl);
            let wire = &p.name.wire;
            let body = validate::value(
                self,
                Val::Place(quote!(self.#fid)),
                &check_ty,
                &p.constraints,
                quote!(&join_path(path, #wire)),
            );
            if !body.is_empty() {
                self.uses_join = true;
            }
            checks.extend(body);
        }
        let (p, e) = params_named(&checks);
        let query: Vec<&Param> = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .collect();
        let default = if query.iter().all(|p| !p.required) {
            quote!(Default,)
        } else {
            quote!()
        };
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
            pub struct #sid { #fields }
            impl #sid {
                /// Checks the spec's constraints, adding one error per violation.
                pub fn validate(&self, #p: &str, #e: &mut Vec<#ve>) {
                    #checks
                }
            }
        }
    }

    fn operations_table(&mut self, ops: &[&Operation]) -> TokenStream {
        let rows = ops.iter().map(|op| {
            let id = &op.id.wire;
            let m = op.method.as_str();
            let p = &op.path;
            quote!(Operation { id: #id, method: #m, path: #p },)
        });
        quote! {
            /// An operation of the API: its `operationId`, HTTP method and path template.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub struct Operation {
                pub id: &'static str,
                pub method: &'static str,
                pub path: &'static str,
            }
            /// Every operation of the spec, in spec order.
            pub const OPERATIONS: &[Operation] = &[#(#rows)*];
        }
    }

    fn helpers(&mut self) -> TokenStream {
        let mut out = TokenStream::new();
        let ve = ident(&self.m.validation_error);
        if self.uses_some {
            out.extend(quote! {
                /// Deserializes a present field (even `null`) as `Some`, so that an absent field
                /// (`None`, by `#[serde(default)]`) and an explicit `null` (`Some(None)`) differ.
                fn deserialize_some<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
                where
                    T: Deserialize<'de>,
                    D: serde::Deserializer<'de>,
                {
                    T::deserialize(deserializer).map(Some)
                }
            });
        }
        if self.uses_join {
            out.extend(quote! {
                /// `path.key`, or `key` at the top level.
                fn join_path(path: &str, key: &str) -> String {
                    if path.is_empty() {
                        key.to_string()
                    } else {
                        format!("{path}.{key}")
                    }
                }
            });
        }
        if self.uses_invalid {
            out.extend(quote! {
                /// Records one violation.
                fn invalid(errors: &mut Vec<#ve>, path: &str, message: &str) {
                    errors.push(#ve { field: path.to_string(), message: message.to_string() });
                }
            });
        }
        for (name, pattern) in &self.patterns {
            let n = format_ident!("{}", name);
            out.extend(quote! {
                static #n: std::sync::LazyLock<Option<regex::Regex>> =
                    std::sync::LazyLock::new(|| regex::Regex::new(#pattern).ok());
            });
        }
        out
    }
}

/// `path` and `errors`, or `_path`/`_errors` when the body does not use them.
fn params_named(body: &TokenStream) -> (Ident, Ident) {
    let text = body.to_string();
    let uses = |w: &str| {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|t| t == w)
    };
    let p = if uses("path") { "path" } else { "_path" };
    let e = if uses("errors") { "errors" } else { "_errors" };
    (
        Ident::new(p, Span::call_site()),
        Ident::new(e, Span::call_site()),
    )
}

/// The name of a union variant: its type's name, or the kind of value.
fn variant_name(r: &Render, t: &TypeRef) -> String {
    match t {
        TypeRef::Named { id } => r.m.type_names[id.0].clone(),
        TypeRef::Primitive { ty } => match ty {
            Primitive::String => "String",
            Primitive::DateTime => "DateTime",
            Primitive::Date => "Date",
            Primitive::Uuid => "Uuid",
            Primitive::Base64 => "Base64",
            Primitive::Binary => "Binary",
            Primitive::Integer | Primitive::Int64 => "Integer",
            Primitive::Number => "Number",
            Primitive::Boolean => "Boolean",
        }
        .to_string(),
        TypeRef::Array { items } => format!("{}List", variant_name(r, items)),
        TypeRef::Map { values } => format!("{}Map", variant_name(r, values)),
        TypeRef::Nullable { inner } => variant_name(r, inner),
        TypeRef::Literal { value } => match value {
            Literal::String(s) => naming::upper_camel(&sdkgen_core::words::split_words(s)),
            Literal::Null => "Null".into(),
            _ => "Constant".into(),
        },
        TypeRef::Any => "Any".into(),
    }
}
