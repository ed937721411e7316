//! The Python spelling of migration-guide and method-reference code ([`Phrasebook`]):
//! calls come from the samples of `sample.rs`, methods, arguments and signatures from the
//! model the package is rendered from (`model::Gen::plan`), property names from
//! `model::field_names`, so the code names exactly what this version of the SDK defines.

use std::collections::HashMap;

use sdkgen_core::ir::{Api, Literal, Operation, ResponseKind, TypeRef};
use sdkgen_core::phrase::{fields_along, Phrasebook, Use};
use sdkgen_core::sample::literal_json;

use crate::model::{field_names, Gen};
use crate::naming::py_str;

pub struct Python<'a> {
    api: &'a Api,
    setup: String,
    samples: HashMap<String, String>,
    methods: HashMap<String, MethodInfo>,
}

/// What the reference and the guides say about the method of an operation.
struct MethodInfo {
    /// `client.sessions.create`
    path: String,
    /// The declaration of the method, then of its companion (if any).
    signature: String,
    /// (wire name, argument name), parameters first, in declaration order.
    args: Vec<(String, String)>,
}

/// The phrasebook of the SDK generated from `api` (package `name`, as for `generate`).
pub fn phrasebook<'a>(api: &'a Api, name: Option<&str>) -> Python<'a> {
    let gen = Gen::new(api);
    let plan = gen.plan();
    let mut methods = HashMap::new();
    for r in &plan {
        for m in &r.methods {
            let mut signature = m.method.signature();
            if let Some(c) = &m.companion {
                signature.push_str("\n\n");
                signature.push_str(&c.signature());
            }
            let args = m
                .method
                .positional
                .iter()
                .chain(&m.method.keyword)
                .map(|p| (p.wire.clone(), p.name.clone()))
                .collect();
            methods.insert(
                m.op.id.wire.clone(),
                MethodInfo {
                    path: format!("client.{}.{}", r.attr, m.method.name),
                    signature,
                    args,
                },
            );
        }
    }
    Python {
        api,
        setup: crate::sample::setup(api, name),
        samples: crate::sample::samples_of(api, &gen, &plan, name)
            .into_iter()
            .map(|s| (s.operation, s.code))
            .collect(),
        methods,
    }
}

impl Python<'_> {
    fn op(&self, id: &str) -> Option<&Operation> {
        self.api.operations().find(|o| o.id.wire == id)
    }

    /// `base.attr.attr` along `path` from type `t`; `None` past an optional step.
    fn walk<'s>(&'s self, base: &str, t: &'s TypeRef, path: &[String]) -> Option<String> {
        let mut out = base.to_string();
        for (obj, k) in fields_along(self.api, t, path)? {
            out.push('.');
            out.push_str(&field_names(obj)[k]);
        }
        Some(out)
    }

    fn literal(l: &Literal) -> String {
        match l {
            Literal::String(s) => py_str(s),
            Literal::Boolean(true) => "True".into(),
            Literal::Boolean(false) => "False".into(),
            Literal::Null => "None".into(),
            other => literal_json(other).to_string(),
        }
    }

    /// The statements of `uses` on the value `base` (of type `t`), indented by `pad`.
    fn uses<'s>(&'s self, base: &str, t: &'s TypeRef, uses: &[Use], pad: &str) -> Option<String> {
        let mut out = Vec::new();
        for u in uses {
            match u {
                Use::Print(path) => {
                    out.push(format!("{pad}print({})", self.walk(base, t, path)?));
                }
                Use::IfEquals(path, value) => {
                    let read = self.walk(base, t, path)?;
                    out.push(format!("{pad}if {read} == {}:", Self::literal(value)));
                    out.push(format!(
                        "{pad}    print({})",
                        py_str(&format!("{} is {}", path.join("."), Self::literal(value)))
                    ));
                }
                Use::IfPresent(path) => {
                    let read = self.walk(base, t, path)?;
                    out.push(format!("{pad}if {read} is not None:"));
                    out.push(format!("{pad}    print({read})"));
                }
            }
        }
        Some(out.join("\n"))
    }
}

impl Phrasebook for Python<'_> {
    fn auth_option(&self, option: &sdkgen_core::auth::AuthOption) -> Option<String> {
        Some(crate::render::auth_option_md(option))
    }

    fn lang(&self) -> &str {
        "python"
    }

    fn label(&self) -> &str {
        "Python"
    }

    fn setup(&self) -> String {
        self.setup.clone()
    }

    fn method(&self, operation: &str) -> Option<String> {
        Some(self.methods.get(operation)?.path.clone())
    }

    fn arg(&self, operation: &str, wire: &str) -> Option<String> {
        let m = self.methods.get(operation)?;
        let (_, name) = m.args.iter().find(|(w, _)| w == wire)?;
        Some(name.clone())
    }

    fn read(&self, operation: &str, path: &[String]) -> Option<String> {
        match &self.op(operation)?.response {
            ResponseKind::Json { ty } => self.walk("result", ty, path),
            _ => None,
        }
    }

    fn signature(&self, operation: &str) -> Option<String> {
        Some(self.methods.get(operation)?.signature.clone())
    }

    fn call(&self, operation: &str, uses: &[Use]) -> Option<String> {
        let code = self.samples.get(operation)?;
        if uses.is_empty() {
            return Some(code.clone());
        }
        let op = self.op(operation)?;
        if let Some(head) = code.strip_suffix("\nprint(result)") {
            let ResponseKind::Json { ty } = &op.response else {
                return None;
            };
            return Some(format!("{head}\n{}", self.uses("result", ty, uses, "")?));
        }
        // A paginated call: the uses apply to each item.
        let p = op.pagination.as_ref()?;
        let head = code.strip_suffix(":\n    print(item)")?;
        let item_uses: Vec<Use> = uses
            .iter()
            .map(|u| u.on_item(&p.items_field))
            .collect::<Option<_>>()?;
        Some(format!(
            "{head}:\n{}",
            self.uses("item", &p.item, &item_uses, "    ")?
        ))
    }
}
