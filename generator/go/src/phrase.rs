//! The Go spelling of migration-guide code and of the method reference ([`Phrasebook`]):
//! calls are the samples of `sample.rs`, names and types come from `model::build`, and
//! signatures are the declarations `render` writes.

use std::collections::HashMap;

use sdkgen_core::ir::{Api, Literal, Operation, ParamLocation, TypeKind, TypeRef};
use sdkgen_core::phrase::{fields_along, Phrasebook, Use};

use crate::model::{self, ArgSource, Method, ModelKind, Package, Service};
use crate::naming::string_lit;
use crate::render;
use crate::sample::{self, Call, Shape, Writer};

pub struct Go<'a> {
    api: &'a Api,
    setup: String,
    pkg: Package,
    /// Operation id -> (service index, method index).
    index: HashMap<String, (usize, usize)>,
    /// Operation id -> its sample.
    calls: HashMap<String, Call>,
}

/// The phrasebook of the SDK generated from `api` (package `name`, as for `generate`).
pub fn phrasebook<'a>(api: &'a Api, name: Option<&str>) -> Go<'a> {
    let (pkg, ctx) = model::build_with_ctx(api, name);
    let mut index = HashMap::new();
    for (si, (g, s)) in api.groups.iter().zip(&pkg.services).enumerate() {
        for (mi, (op, _)) in g.operations.iter().zip(&s.methods).enumerate() {
            index.entry(op.id.wire.clone()).or_insert((si, mi));
        }
    }
    let calls = Writer {
        api,
        ctx: &ctx,
        pkg: &pkg,
    }
    .calls()
    .into_iter()
    .map(|(op, c)| (op.id.wire.clone(), c))
    .collect();
    Go {
        api,
        setup: sample::setup_of(&pkg),
        pkg,
        index,
        calls,
    }
}

/// How a value read from a result may be absent.
enum Holder {
    /// Always there (or a nil-able container printed as it is).
    Plain,
    /// `*T`: nil when absent.
    Pointer,
    /// `Nullable[T]`: `Get` says whether there is a value.
    Nullable,
}

impl<'a> Go<'a> {
    fn find(&self, operation: &str) -> Option<(&'a Operation, &Service, &Method)> {
        let (si, mi) = *self.index.get(operation)?;
        let g = self.api.groups.get(si)?;
        let s = self.pkg.services.get(si)?;
        Some((g.operations.get(mi)?, s, s.methods.get(mi)?))
    }

    /// `base.Field.Field` along a wire path from a value of type `t`, with the Go type of
    /// the last field and the IR type it holds.
    fn walk(
        &self,
        base: &str,
        t: &'a TypeRef,
        path: &[String],
    ) -> Option<(String, String, &'a TypeRef)> {
        let mut out = base.to_string();
        let mut last = None;
        for (obj, k) in fields_along(self.api, t, path)? {
            let id = self
                .api
                .types
                .iter()
                .position(|d| matches!(&d.kind, TypeKind::Object(o) if std::ptr::eq(o, obj)))?;
            let (names, _) = model::object_field_names(obj);
            let name = names.get(k)?.clone()?;
            let ModelKind::Struct { fields, .. } = &self.pkg.models.get(id)?.kind else {
                return None;
            };
            let ty = fields.iter().find(|f| f.name == name)?.ty.clone();
            out.push('.');
            out.push_str(&name);
            last = Some((ty, &obj.fields[k].ty));
        }
        let (ty, ir) = last?;
        Some((out, ty, ir))
    }

    fn holder(&self, ty: &str) -> Holder {
        if ty.starts_with('*') {
            Holder::Pointer
        } else if ty.starts_with("Nullable[") {
            Holder::Nullable
        } else {
            Holder::Plain
        }
    }

    /// The Go expression of a literal compared with a value of IR type `t`: the enum's
    /// constant when it has one.
    fn constant(&self, t: &TypeRef, l: &Literal) -> String {
        let lit = match l {
            Literal::String(s) => string_lit(s),
            Literal::Null => "nil".to_string(),
            Literal::Integer(n) | Literal::Number(n) | Literal::Json(n) => n.clone(),
            Literal::Boolean(b) => b.to_string(),
        };
        let mut t = t;
        for _ in 0..64 {
            match t {
                TypeRef::Nullable { inner } => t = inner,
                TypeRef::Named { id } => match &self.api.ty(*id).kind {
                    TypeKind::Alias { target } => t = target,
                    TypeKind::Enum(_) => {
                        if let Some(ModelKind::Enum { consts, .. }) =
                            self.pkg.models.get(id.0).map(|m| &m.kind)
                        {
                            if let Some(c) = consts.iter().find(|c| c.value == lit) {
                                return format!("{}.{}", self.pkg.name, c.name);
                            }
                        }
                        return lit;
                    }
                    _ => return lit,
                },
                _ => return lit,
            }
        }
        lit
    }

    /// The lines of the uses of `base` (of IR type `t`).
    fn uses(&self, base: &str, t: &'a TypeRef, uses: &[Use]) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for u in uses {
            match u {
                Use::Print(path) | Use::IfPresent(path) => {
                    let (read, ty, _) = self.walk(base, t, path)?;
                    out.push(match self.holder(&ty) {
                        Holder::Plain if matches!(u, Use::IfPresent(_)) && nilable(&ty) => {
                            format!("if {read} != nil {{\n\tfmt.Println({read})\n}}")
                        }
                        Holder::Plain => format!("fmt.Println({read})"),
                        Holder::Pointer => {
                            format!("if {read} != nil {{\n\tfmt.Println(*{read})\n}}")
                        }
                        Holder::Nullable => {
                            format!("if v, ok := {read}.Get(); ok {{\n\tfmt.Println(v)\n}}")
                        }
                    });
                }
                Use::IfEquals(path, value) => {
                    let (read, ty, ir) = self.walk(base, t, path)?;
                    let c = self.constant(ir, value);
                    let cond = match (self.holder(&ty), value) {
                        (Holder::Plain, Literal::Boolean(true)) => read.clone(),
                        (Holder::Plain, Literal::Boolean(false)) => format!("!{read}"),
                        (Holder::Plain, _) => format!("{read} == {c}"),
                        (Holder::Pointer, _) => format!("{read} != nil && *{read} == {c}"),
                        (Holder::Nullable, _) => {
                            format!("v, ok := {read}.Get(); ok && v == {c}")
                        }
                    };
                    let shown = match value {
                        Literal::String(s) => format!("{:?}", s),
                        other => sdkgen_core::sample::literal_json(other).to_string(),
                    };
                    out.push(format!(
                        "if {cond} {{\n\tfmt.Println({})\n}}",
                        string_lit(&format!("{} is {shown}", path.join(".")))
                    ));
                }
            }
        }
        Some(out)
    }
}

/// Whether a Go type has nil as a value (slices, maps, interfaces).
fn nilable(ty: &str) -> bool {
    ty.starts_with("[]") || ty.starts_with("map[") || ty == "any"
}

impl Phrasebook for Go<'_> {
    fn auth_option(&self, option: &sdkgen_core::auth::AuthOption) -> Option<String> {
        Some(crate::render::auth_option_md(&self.pkg, option))
    }

    fn lang(&self) -> &str {
        "go"
    }

    fn label(&self) -> &str {
        "Go"
    }

    fn setup(&self) -> String {
        self.setup.clone()
    }

    fn method(&self, operation: &str) -> Option<String> {
        let (_, s, m) = self.find(operation)?;
        Some(format!("client.{}.{}", s.field, m.name))
    }

    fn arg(&self, operation: &str, wire: &str) -> Option<String> {
        let (op, s, m) = self.find(operation)?;
        // Path parameters are arguments of their own.
        let mut path = op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path);
        for (local, _) in &m.path_args {
            if path.next()?.name.wire == wire {
                return Some(local.clone());
            }
        }
        let (local, ty) = m.arg.as_ref()?;
        if let Some(ps) = s.params.iter().find(|p| &p.name == ty) {
            // A field of the params struct.
            let object = op.body.as_ref().and_then(|b| match &b.ty {
                TypeRef::Named { id } => match &self.api.ty(*id).kind {
                    TypeKind::Object(o) => Some(o),
                    _ => None,
                },
                _ => None,
            });
            let at = ps.sources.iter().position(|src| match *src {
                ArgSource::Param(i) => op.params.get(i).is_some_and(|p| p.name.wire == wire),
                ArgSource::Field(i) => object
                    .and_then(|o| o.fields.get(i))
                    .is_some_and(|f| f.name.wire == wire),
                ArgSource::Body => wire == "body",
            })?;
            return Some(format!("{}.{}", ps.name, ps.fields.get(at)?.name));
        }
        // The body is the argument: its fields, or the body itself.
        if let Some(TypeRef::Named { id }) = op.body.as_ref().map(|b| &b.ty) {
            if let TypeKind::Object(o) = &self.api.ty(*id).kind {
                let (names, _) = model::object_field_names(o);
                if let Some(Some(n)) = o
                    .fields
                    .iter()
                    .zip(names)
                    .find(|(f, _)| f.name.wire == wire)
                    .map(|(_, n)| n)
                {
                    return Some(format!("{ty}.{n}"));
                }
            }
        }
        (wire == "body").then(|| local.clone())
    }

    fn read(&self, operation: &str, path: &[String]) -> Option<String> {
        let (op, _, _) = self.find(operation)?;
        let sdkgen_core::ir::ResponseKind::Json { ty } = &op.response else {
            return None;
        };
        let (read, ty, _) = self.walk("result", ty, path)?;
        match self.holder(&ty) {
            Holder::Plain => Some(read),
            _ => None,
        }
    }

    fn signature(&self, operation: &str) -> Option<String> {
        let (_, s, m) = self.find(operation)?;
        Some(render::signatures(s, m).join("\n"))
    }

    fn call(&self, operation: &str, uses: &[Use]) -> Option<String> {
        let c = self.calls.get(operation)?;
        if uses.is_empty() {
            return Some(c.render(None));
        }
        let (op, _, _) = self.find(operation)?;
        let lines = match &c.shape {
            Shape::Json(t) => self.uses("result", t, uses)?,
            Shape::Items(item) => {
                let p = op.pagination.as_ref()?;
                let item_uses: Vec<Use> = uses
                    .iter()
                    .map(|u| u.on_item(&p.items_field))
                    .collect::<Option<_>>()?;
                self.uses("item", item, &item_uses)?
            }
            _ => return None,
        };
        Some(c.render(Some(&lines)))
    }
}
