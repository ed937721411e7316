//! The TypeScript spelling of migration-guide code ([`Phrasebook`]): calls come from the
//! samples of `sample.rs`; properties keep their wire names, as in the SDK's models.

use std::collections::HashMap;

use sdkgen_core::ir::{Api, Literal, Operation, ResponseKind, TypeRef};
use sdkgen_core::phrase::{fields_along, Phrasebook, Use};
use sdkgen_core::sample::literal_json;

use crate::naming::{camel, is_identifier_name, string_lit};

pub struct TypeScript<'a> {
    api: &'a Api,
    setup: String,
    samples: HashMap<String, String>,
}

/// The phrasebook of the SDK generated from `api` (package `name`, as for `generate`).
pub fn phrasebook<'a>(api: &'a Api, name: Option<&str>) -> TypeScript<'a> {
    TypeScript {
        api,
        setup: crate::sample::setup(api, name),
        samples: crate::sample::samples(api, name)
            .into_iter()
            .map(|s| (s.operation, s.code))
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
        let code = self.samples.get(operation)?;
        let start = code.find("client.")?;
        let end = code[start..].find('(')? + start;
        Some(code[start..end].to_string())
    }

    fn arg(&self, operation: &str, wire: &str) -> Option<String> {
        // Body properties keep their wire names; parameters are camelCase.
        let op = self.op(operation)?;
        if op.params.iter().any(|p| p.name.wire == wire) {
            Some(camel(&sdkgen_core::words::split_words(wire)))
        } else {
            Some(wire.to_string())
        }
    }

    fn read(&self, operation: &str, path: &[String]) -> Option<String> {
        match &self.op(operation)?.response {
            ResponseKind::Json { ty } => self.walk("result", ty, path),
            _ => None,
        }
    }

    fn signature(&self, _operation: &str) -> Option<String> {
        None // TEMP: replaced by the reference work in progress
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
