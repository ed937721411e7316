//! The C# spelling of migration-guide code and of the method reference ([`Phrasebook`]):
//! calls come from `sample.rs`, declarations from the renderer, and properties are read
//! through the model classes' PascalCase properties, so every name is the one the SDK defines.

use std::collections::HashMap;

use sdkgen_core::ir::{Api, Literal, ObjectType, Operation, ResponseKind, TypeKind, TypeRef};
use sdkgen_core::phrase::{fields_along, Phrasebook, Use};

use crate::model::{Model, ModelKind, Package, Prop};
use crate::naming::string_lit;
use crate::sample::{Call, Shape};

pub struct CSharp<'a> {
    api: &'a Api,
    pkg: Package,
    setup: String,
    calls: HashMap<String, Call>,
}

/// The phrasebook of the SDK generated from `api` (namespace `name`, as for `generate`).
pub fn phrasebook<'a>(api: &'a Api, name: Option<&str>) -> CSharp<'a> {
    let (pkg, setup, calls) = crate::sample::book_parts(api, name);
    CSharp {
        api,
        pkg,
        setup,
        calls: calls
            .into_iter()
            .map(|c| (c.operation.clone(), c))
            .collect(),
    }
}

/// A property read: its C# spelling, the IR type and the C# type of the last step.
struct Read<'s> {
    code: String,
    ty: &'s TypeRef,
    cs: &'s str,
}

impl CSharp<'_> {
    fn op(&self, id: &str) -> Option<&Operation> {
        self.api.operations().find(|o| o.id.wire == id)
    }

    /// The model class of an IR type.
    fn model(&self, idx: usize) -> Option<&Model> {
        let name = self.pkg.type_names.get(idx)?.as_ref()?;
        self.pkg.models.iter().find(|m| &m.name == name)
    }

    /// The property of the model class of `obj` for its field `k`.
    fn prop(&self, obj: &ObjectType, k: usize) -> Option<&Prop> {
        let idx = self
            .api
            .types
            .iter()
            .position(|t| matches!(&t.kind, TypeKind::Object(o) if std::ptr::eq(o, obj)))?;
        let ModelKind::Object(props) = &self.model(idx)?.kind else {
            return None;
        };
        let wire = &obj.fields.get(k)?.name.wire;
        props.iter().find(|p| &p.wire == wire)
    }

    fn walk<'s>(&'s self, base: &str, t: &'s TypeRef, path: &[String]) -> Option<Read<'s>> {
        let mut code = base.to_string();
        let mut last = None;
        for (obj, k) in fields_along(self.api, t, path)? {
            let p = self.prop(obj, k)?;
            code.push('.');
            code.push_str(&p.name);
            last = Some((&obj.fields[k].ty, p.ty.as_str()));
        }
        let (ty, cs) = last?;
        Some(Read { code, ty, cs })
    }

    /// `value` as a C# expression comparable with a property of type `t`; `None` when the
    /// SDK's type of the property has no such comparison.
    fn literal(&self, t: &TypeRef, value: &Literal) -> Option<String> {
        let mut t = t;
        for _ in 0..16 {
            match t {
                TypeRef::Nullable { inner } => t = inner,
                TypeRef::Named { id } => match &self.api.types.get(id.0)?.kind {
                    TypeKind::Alias { target } => t = target,
                    TypeKind::Enum(_) => {
                        let m = self.model(id.0)?;
                        let ModelKind::Enum { members, .. } = &m.kind else {
                            return None;
                        };
                        let text = match value {
                            Literal::String(s) => s.clone(),
                            Literal::Integer(n) | Literal::Number(n) => n.clone(),
                            Literal::Boolean(b) => b.to_string(),
                            _ => return None,
                        };
                        return Some(match members.iter().find(|x| x.value == text) {
                            Some(x) => format!("{}.{}", m.name, x.name),
                            None => format!("new {}({})", m.name, string_lit(&text)),
                        });
                    }
                    _ => return None,
                },
                TypeRef::Primitive { .. } | TypeRef::Literal { .. } => {
                    return match value {
                        Literal::String(s) => Some(string_lit(s)),
                        Literal::Integer(n) | Literal::Number(n) => Some(n.clone()),
                        Literal::Boolean(b) => Some(b.to_string()),
                        _ => None,
                    }
                }
                _ => return None,
            }
        }
        None
    }

    fn uses(&self, console: &str, base: &str, t: &TypeRef, uses: &[Use]) -> Option<String> {
        let mut out = Vec::new();
        for u in uses {
            match u {
                Use::Print(path) => {
                    out.push(format!(
                        "{console}.WriteLine({});",
                        self.walk(base, t, path)?.code
                    ));
                }
                Use::IfEquals(path, value) => {
                    let read = self.walk(base, t, path)?;
                    let lit = self.literal(read.ty, value)?;
                    let shown = match value {
                        Literal::String(s) => format!("{} is \"{s}\"", path.join(".")),
                        other => format!(
                            "{} is {}",
                            path.join("."),
                            sdkgen_core::sample::literal_json(other)
                        ),
                    };
                    out.push(format!(
                        "if ({} == {lit})\n{{\n    {console}.WriteLine({});\n}}",
                        read.code,
                        string_lit(&shown)
                    ));
                }
                Use::IfPresent(path) => {
                    let read = self.walk(base, t, path)?;
                    // A value type without `?` is never null: there is nothing to check.
                    if matches!(read.cs, "long" | "double" | "bool" | "DateTimeOffset") {
                        return None;
                    }
                    out.push(format!(
                        "if ({r} != null)\n{{\n    {console}.WriteLine({r});\n}}",
                        r = read.code
                    ));
                }
            }
        }
        Some(out.join("\n"))
    }
}

impl Phrasebook for CSharp<'_> {
    fn auth_option(&self, option: &sdkgen_core::auth::AuthOption) -> Option<String> {
        Some(crate::readme::auth_option_md(&self.pkg, option))
    }

    fn lang(&self) -> &str {
        "csharp"
    }

    fn label(&self) -> &str {
        "C#"
    }

    fn setup(&self) -> String {
        self.setup.clone()
    }

    fn method(&self, operation: &str) -> Option<String> {
        Some(self.calls.get(operation)?.method.clone())
    }

    fn arg(&self, operation: &str, wire: &str) -> Option<String> {
        self.calls
            .get(operation)?
            .arg_names
            .iter()
            .find(|(w, _)| w == wire)
            .map(|(_, n)| n.clone())
    }

    fn read(&self, operation: &str, path: &[String]) -> Option<String> {
        match &self.op(operation)?.response {
            ResponseKind::Json { ty } => Some(self.walk("result", ty, path)?.code),
            _ => None,
        }
    }

    fn signature(&self, operation: &str) -> Option<String> {
        let d = &self.calls.get(operation)?.declarations;
        (!d.is_empty()).then(|| d.join("\n"))
    }

    fn call(&self, operation: &str, uses: &[Use]) -> Option<String> {
        let call = self.calls.get(operation)?;
        if uses.is_empty() {
            return Some(call.code(None));
        }
        let op = self.op(operation)?;
        match call.shape {
            Shape::Value => {
                let ResponseKind::Json { ty } = &op.response else {
                    return None;
                };
                Some(call.code(Some(&self.uses(&call.console, "result", ty, uses)?)))
            }
            Shape::Pages => {
                let p = op.pagination.as_ref()?;
                let item_uses: Vec<Use> = uses
                    .iter()
                    .map(|u| u.on_item(&p.items_field))
                    .collect::<Option<_>>()?;
                Some(call.code(Some(&self.uses(
                    &call.console,
                    "pager.Current",
                    &p.item,
                    &item_uses,
                )?)))
            }
            _ => None,
        }
    }
}
