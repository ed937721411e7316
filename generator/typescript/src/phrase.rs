//! The TypeScript spelling of migration-guide and method-reference code ([`Phrasebook`]):
//! calls come from the samples of `sample.rs`, methods, arguments and signatures from the
//! model the package is rendered from (`model::build`, `render::signature`); properties
//! keep their wire names, as in the SDK's models.

use std::collections::HashMap;

use sdkgen_core::ir::{Api, Literal, Operation, ResponseKind, TypeRef};
use sdkgen_core::phrase::{fields_along, Phrasebook, Use};
use sdkgen_core::sample::literal_json;

use crate::naming::{is_identifier_name, string_lit};

pub struct TypeScript<'a> {
    api: &'a Api,
    setup: String,
    samples: HashMap<String, String>,
    methods: HashMap<String, MethodInfo>,
    /// Environment variable of a credential option -> its README spelling.
    auth: HashMap<String, String>,
}

/// What the reference and the guides say about the method of an operation.
struct MethodInfo {
    /// `client.sessions.create`
    path: String,
    /// The declaration of the method, then of its companion (if any).
    signature: String,
    /// (wire name, argument name or `params` key).
    args: Vec<(String, String)>,
}

/// The phrasebook of the SDK generated from `api` (package `name`, as for `generate`).
pub fn phrasebook<'a>(api: &'a Api, name: Option<&str>) -> TypeScript<'a> {
    of_package(api, &crate::model::build(api, name))
}

/// The phrasebook of the package `pkg` built from `api`.
pub(crate) fn of_package<'a>(api: &'a Api, pkg: &crate::model::Package) -> TypeScript<'a> {
    let mut methods: HashMap<String, MethodInfo> = HashMap::new();
    for r in &pkg.resources {
        for m in &r.methods {
            let sig = crate::render::signature(m);
            if m.companion {
                // Listed right after the operation's own method.
                if let Some(info) = methods.get_mut(&m.operation) {
                    info.signature.push_str("\n\n");
                    info.signature.push_str(&sig);
                }
                continue;
            }
            methods.insert(
                m.operation.clone(),
                MethodInfo {
                    path: format!("client.{}.{}", r.attr, m.name),
                    signature: sig,
                    args: m.args.clone(),
                },
            );
        }
    }
    TypeScript {
        api,
        setup: crate::sample::setup_of(pkg),
        samples: crate::sample::samples_of(api, pkg)
            .into_iter()
            .map(|s| (s.operation, s.code))
            .collect(),
        methods,
        auth: pkg
            .auth
            .model
            .options()
            .map(|(_, o)| (o.env.clone(), crate::render::auth_option_md(&pkg.auth, o)))
            .collect(),
    }
}

impl TypeScript<'_> {
    fn op(&self, id: &str) -> Option<&Operation> {
        self.api.operations().find(|o| o.id.wire == id)
    }

    fn walk<'s>(&'s self, base: &str, t: &'s TypeRef, path: &[String]) -> Option<String> {
        let mut out = base.to_string();
        for (obj, k) in fields_along(self.api, t, path)? {
            let wire = &obj.fields[k].name.wire;
            if is_identifier_name(wire) {
                out.push('.');
                out.push_str(wire);
            } else {
                out.push_str(&format!("[{}]", string_lit(wire)));
            }
        }
        Some(out)
    }

    fn literal(l: &Literal) -> String {
        match l {
            Literal::String(s) => string_lit(s),
            other => literal_json(other).to_string(),
        }
    }

    fn uses<'s>(&'s self, base: &str, t: &'s TypeRef, uses: &[Use], pad: &str) -> Option<String> {
        let mut out = Vec::new();
        for u in uses {
            match u {
                Use::Print(path) => {
                    out.push(format!("{pad}console.log({});", self.walk(base, t, path)?));
                }
                Use::IfEquals(path, value) => {
                    let read = self.walk(base, t, path)?;
                    out.push(format!("{pad}if ({read} === {}) {{", Self::literal(value)));
                    out.push(format!(
                        "{pad}  console.log({});",
                        string_lit(&format!("{} is {}", path.join("."), Self::literal(value)))
                    ));
                    out.push(format!("{pad}}}"));
                }
                Use::IfPresent(path) => {
                    let read = self.walk(base, t, path)?;
                    out.push(format!("{pad}if ({read} != null) {{"));
                    out.push(format!("{pad}  console.log({read});"));
                    out.push(format!("{pad}}}"));
                }
            }
        }
        Some(out.join("\n"))
    }
}

impl Phrasebook for TypeScript<'_> {
    fn auth_option(&self, option: &sdkgen_core::auth::AuthOption) -> Option<String> {
        self.auth.get(&option.env).cloned()
    }

    fn lang(&self) -> &str {
        "typescript"
    }

    fn label(&self) -> &str {
        "TypeScript"
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
        if let Some(head) = code.strip_suffix("\nconsole.log(result);") {
            let ResponseKind::Json { ty } = &op.response else {
                return None;
            };
            return Some(format!("{head}\n{}", self.uses("result", ty, uses, "")?));
        }
        let p = op.pagination.as_ref()?;
        let head = code.strip_suffix(" {\n  console.log(item);\n}")?;
        let item_uses: Vec<Use> = uses
            .iter()
            .map(|u| u.on_item(&p.items_field))
            .collect::<Option<_>>()?;
        Some(format!(
            "{head} {{\n{}\n}}",
            self.uses("item", &p.item, &item_uses, "  ")?
        ))
    }
}
