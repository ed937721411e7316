//! The Java spelling of migration-guide code and of the method reference ([`Phrasebook`]):
//! calls come from the samples of `sample.rs`, properties are read through the getters the
//! models declare (`result.getOptions().getMaxSpeakers()`), and signatures are the
//! declarations of the resource classes (`render::declarations`).

use std::collections::{BTreeSet, HashMap};

use sdkgen_core::ir::{Api, Literal, Operation, ResponseKind, TypeKind, TypeRef};
use sdkgen_core::phrase::{fields_along, Phrasebook, Use};
use sdkgen_core::sample::literal_json;

use crate::model::{self, field_names, MethodDef, ModelBody, Package, ResourceDef};
use crate::naming::string_lit;
use crate::render;
use crate::sample::{self, Built};

pub struct Java<'a> {
    api: &'a Api,
    pkg: Pkg<'a>,
    setup: String,
    samples: HashMap<String, Built>,
    /// Operation id -> (resource, method) positions in `pkg.resources`.
    methods: HashMap<String, (usize, usize)>,
    /// Model class name -> position in `pkg.models`.
    models: HashMap<String, usize>,
}

/// The package model, built by the phrasebook or lent by `generate`.
enum Pkg<'a> {
    Owned(Box<Package>),
    Lent(&'a Package),
}

impl std::ops::Deref for Pkg<'_> {
    type Target = Package;

    fn deref(&self) -> &Package {
        match self {
            Pkg::Owned(p) => p,
            Pkg::Lent(p) => p,
        }
    }
}

/// The phrasebook of the SDK generated from `api` (package `name`, as for `generate`).
pub fn phrasebook<'a>(api: &'a Api, name: Option<&str>) -> Java<'a> {
    with(api, Pkg::Owned(Box::new(model::build(api, name))))
}

/// The phrasebook over a package model already built from `api`.
pub(crate) fn of_package<'a>(api: &'a Api, pkg: &'a Package) -> Java<'a> {
    with(api, Pkg::Lent(pkg))
}

fn with<'a>(api: &'a Api, pkg: Pkg<'a>) -> Java<'a> {
    let mut methods = HashMap::new();
    for (i, r) in pkg.resources.iter().enumerate() {
        for (j, m) in r.methods.iter().enumerate() {
            if m.companion_of.is_none() {
                methods.entry(m.op.id.wire.clone()).or_insert((i, j));
            }
        }
    }
    Java {
        api,
        setup: sample::setup_of(&pkg),
        samples: sample::build(&pkg)
            .into_iter()
            .map(|b| (b.operation.clone(), b))
            .collect(),
        methods,
        models: pkg
            .models
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.clone(), i))
            .collect(),
        pkg,
    }
}

/// How a property read at the end of a path is wrapped by its getter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wrap {
    /// Required and not nullable: the value itself.
    Plain,
    /// Optional: `Optional<T>`.
    Optional,
    /// Nullable: `Nullable<T>`.
    Nullable,
}

impl<'a> Java<'a> {
    fn op(&self, id: &str) -> Option<&Operation> {
        self.method_def(id).map(|(_, m)| &m.op)
    }

    /// The resource and method of an operation (not a companion).
    fn method_def(&self, id: &str) -> Option<(&ResourceDef, &MethodDef)> {
        let (i, j) = *self.methods.get(id)?;
        let r = self.pkg.resources.get(i)?;
        Some((r, r.methods.get(j)?))
    }

    fn model(&self, class: &str) -> Option<&model::ModelDef> {
        self.pkg.models.get(*self.models.get(class)?)
    }

    /// The getter chain along `path` from `base` of type `t`, the type read and its wrap.
    fn walk(
        &self,
        base: &str,
        t: &'a TypeRef,
        path: &[String],
    ) -> Option<(String, &'a TypeRef, Wrap)> {
        if path.is_empty() {
            return None;
        }
        let mut out = base.to_string();
        let mut last = None;
        for (obj, k) in fields_along(self.api, t, path)? {
            let names = field_names(&obj.fields);
            out.push_str(&format!(".{}()", names.get(k)?.getter));
            last = Some(&obj.fields[k]);
        }
        let f = last?;
        let types = render::types_for_samples(&self.pkg);
        let wrap = if types.is_nullable(&f.ty) {
            Wrap::Nullable
        } else if !f.required {
            Wrap::Optional
        } else {
            Wrap::Plain
        };
        Some((out, &f.ty, wrap))
    }

    /// `value` as a Java expression of type `t` (an enum constant where the SDK has one).
    fn literal(
        &self,
        t: &TypeRef,
        value: &Literal,
        imports: &mut BTreeSet<String>,
    ) -> Option<(String, bool)> {
        let v = literal_json(value);
        let mut t = t;
        for _ in 0..32 {
            match t {
                TypeRef::Nullable { inner } => t = inner,
                TypeRef::Named { id } => match &self.api.types.get(id.0)?.kind {
                    TypeKind::Alias { target } => t = target,
                    TypeKind::Enum(_) => {
                        let class = self.pkg.type_names.get(id.0)?;
                        let m = self.model(class)?;
                        let ModelBody::Enum { string, constants } = &m.body else {
                            return None;
                        };
                        imports.insert(format!("{}.models.{class}", self.pkg.package));
                        return Some((sample::enum_value(class, *string, constants, &v), false));
                    }
                    _ => return None,
                },
                _ => break,
            }
        }
        // Strings compare with equals, boxed numbers and booleans with == (unboxed).
        Some(match (t, value) {
            (_, Literal::String(s)) => (string_lit(s), false),
            (TypeRef::Primitive { ty }, Literal::Integer(n)) if is_number(*ty) => {
                if matches!(ty, sdkgen_core::ir::Primitive::Number) {
                    (format!("{n}.0"), true)
                } else {
                    (format!("{n}L"), true)
                }
            }
            (_, Literal::Number(n)) => (n.clone(), true),
            (_, Literal::Boolean(b)) => (b.to_string(), true),
            _ => return None,
        })
    }

    fn uses(
        &self,
        base: &str,
        t: &'a TypeRef,
        uses: &[Use],
        pad: &str,
        imports: &mut BTreeSet<String>,
    ) -> Option<String> {
        let mut out = Vec::new();
        for u in uses {
            match u {
                Use::Print(path) => {
                    let (read, _, _) = self.walk(base, t, path)?;
                    out.push(format!("{pad}System.out.println({read});"));
                }
                Use::IfEquals(path, value) => {
                    let (read, ty, wrap) = self.walk(base, t, path)?;
                    let (lit, primitive) = self.literal(ty, value, imports)?;
                    let cond = match (wrap, primitive) {
                        (Wrap::Plain, false) => format!("{lit}.equals({read})"),
                        (Wrap::Plain, true) => format!("{read} == {lit}"),
                        (_, false) => format!("{read}.isPresent() && {lit}.equals({read}.get())"),
                        (_, true) => format!("{read}.isPresent() && {read}.get() == {lit}"),
                    };
                    let shown = match value {
                        Literal::String(s) => format!("\"{s}\""),
                        other => literal_json(other).to_string(),
                    };
                    out.push(format!("{pad}if ({cond}) {{"));
                    out.push(format!(
                        "{pad}  System.out.println({});",
                        string_lit(&format!("{} is {shown}", path.join(".")))
                    ));
                    out.push(format!("{pad}}}"));
                }
                Use::IfPresent(path) => {
                    let (read, _, wrap) = self.walk(base, t, path)?;
                    if wrap == Wrap::Plain {
                        out.push(format!("{pad}System.out.println({read});"));
                        continue;
                    }
                    out.push(format!("{pad}if ({read}.isPresent()) {{"));
                    out.push(format!("{pad}  System.out.println({read}.get());"));
                    out.push(format!("{pad}}}"));
                }
            }
        }
        Some(out.join("\n"))
    }
}

fn is_number(p: sdkgen_core::ir::Primitive) -> bool {
    use sdkgen_core::ir::Primitive::*;
    matches!(p, Integer | Int64 | Number)
}

impl Phrasebook for Java<'_> {
    fn auth_option(&self, option: &sdkgen_core::auth::AuthOption) -> Option<String> {
        Some(crate::auth_option_md(&self.pkg, option))
    }

    fn lang(&self) -> &str {
        "java"
    }

    fn label(&self) -> &str {
        "Java"
    }

    fn setup(&self) -> String {
        self.setup.clone()
    }

    fn method(&self, operation: &str) -> Option<String> {
        let (r, m) = self.method_def(operation)?;
        Some(format!("client.{}().{}", r.accessor, m.name))
    }

    fn arg(&self, operation: &str, wire: &str) -> Option<String> {
        let (_, m) = self.method_def(operation)?;
        let op = &m.op;
        let mut others = 0;
        let mut path = 0;
        for p in &op.params {
            let here = p.name.wire == wire;
            if p.location == sdkgen_core::ir::ParamLocation::Path {
                if here {
                    return Some(m.path_params.get(path)?.ident.clone());
                }
                path += 1;
            } else {
                if here {
                    let (class, _) = m.params_class.as_ref()?;
                    let def = self.model(class)?;
                    let ModelBody::Object { names, .. } = &def.body else {
                        return None;
                    };
                    return Some(names.get(others)?.ident.clone());
                }
                others += 1;
            }
        }
        let body = op.body.as_ref()?;
        let types = render::types_for_samples(&self.pkg);
        if let TypeRef::Named { id } = types.resolve(&body.ty) {
            if let TypeKind::Object(o) = &self.api.types.get(id.0)?.kind {
                let k = o.fields.iter().position(|f| f.name.wire == wire);
                if let Some(k) = k {
                    return Some(self.pkg.field_names.get(id.0)?.get(k)?.ident.clone());
                }
            }
        }
        (wire == "body").then(|| "body".to_string())
    }

    fn read(&self, operation: &str, path: &[String]) -> Option<String> {
        let op = self.op(operation)?;
        if op.pagination.is_some() {
            return None; // the result is a Page, not the response object
        }
        match &op.response {
            ResponseKind::Json { ty } => self.walk("result", ty, path).map(|(r, _, _)| r),
            _ => None,
        }
    }

    fn signature(&self, operation: &str) -> Option<String> {
        let (r, m) = self.method_def(operation)?;
        let mut lines = render::declarations(&self.pkg, m);
        for c in r.methods.iter().filter(|c| {
            c.companion_of.as_deref() == Some(m.name.as_str()) && c.op.id.wire == operation
        }) {
            lines.extend(render::declarations(&self.pkg, c));
        }
        Some(lines.join("\n"))
    }

    fn call(&self, operation: &str, uses: &[Use]) -> Option<String> {
        let built = self.samples.get(operation)?;
        if uses.is_empty() {
            return Some(built.code());
        }
        let op = self.op(operation)?;
        let mut imports = built.imports.clone();
        let body = match built.kind {
            "json" => {
                let head = built.body.strip_suffix("\nSystem.out.println(result);")?;
                let ResponseKind::Json { ty } = &op.response else {
                    return None;
                };
                format!(
                    "{head}\n{}",
                    self.uses("result", ty, uses, "", &mut imports)?
                )
            }
            "page" => {
                let p = op.pagination.as_ref()?;
                let head = built
                    .body
                    .strip_suffix(" {\n  System.out.println(item);\n}")?;
                let item_uses: Vec<Use> = uses
                    .iter()
                    .map(|u| u.on_item(&p.items_field))
                    .collect::<Option<_>>()?;
                format!(
                    "{head} {{\n{}\n}}",
                    self.uses("item", &p.item, &item_uses, "  ", &mut imports)?
                )
            }
            _ => return None,
        };
        Some(sample::join(&imports, &body))
    }
}
