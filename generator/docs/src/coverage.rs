//! `sdkgen docs --coverage`: how much of the API carries a description.
//!
//! Four categories: operations, parameters (each parameter object once, by pointer, so a
//! shared component counts once), schemas (declared types) and fields (properties of
//! object types, once by pointer). Something is documented when it has a summary or a
//! description that is not blank. Missing ones are listed as JSON pointers.

use serde_json::{json, Value};
use std::collections::BTreeSet;

use sdkgen_core::ir::{Api, Docs, TypeKind};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Category {
    pub total: usize,
    pub documented: usize,
    /// JSON pointers of the undocumented items, in spec order.
    pub missing: Vec<String>,
}

impl Category {
    fn count(&mut self, docs: &Docs, pointer: &str) {
        self.total += 1;
        if documented(docs) {
            self.documented += 1;
        } else {
            self.missing.push(pointer.to_string());
        }
    }

    /// Share documented, in percent (100 when there is nothing to document).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.documented as f64 * 100.0 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    pub operations: Category,
    pub parameters: Category,
    pub schemas: Category,
    pub fields: Category,
}

impl Coverage {
    pub fn categories(&self) -> [(&'static str, &Category); 4] {
        [
            ("operations", &self.operations),
            ("parameters", &self.parameters),
            ("schemas", &self.schemas),
            ("fields", &self.fields),
        ]
    }

    /// Documented share over all four categories together.
    pub fn percent(&self) -> f64 {
        let (mut t, mut d) = (0, 0);
        for (_, c) in self.categories() {
            t += c.total;
            d += c.documented;
        }
        if t == 0 {
            100.0
        } else {
            d as f64 * 100.0 / t as f64
        }
    }

    pub fn to_json(&self) -> Value {
        let mut m = serde_json::Map::new();
        for (name, c) in self.categories() {
            m.insert(
                name.into(),
                json!({
                    "total": c.total,
                    "documented": c.documented,
                    "percent": round(c.percent()),
                    "missing": c.missing,
                }),
            );
        }
        m.insert("percent".into(), json!(round(self.percent())));
        Value::Object(m)
    }
}

fn round(p: f64) -> f64 {
    (p * 10.0).round() / 10.0
}

fn documented(d: &Docs) -> bool {
    d.summary.as_deref().is_some_and(|s| !s.trim().is_empty())
        || d.description
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty())
}

pub fn coverage(api: &Api) -> Coverage {
    let mut c = Coverage::default();
    let mut seen_params = BTreeSet::new();
    for op in api.operations() {
        c.operations.count(&op.docs, &op.pointer);
        for p in &op.params {
            let key = if p.pointer.is_empty() {
                format!("{}/parameters/{}", op.pointer, p.name.wire)
            } else {
                p.pointer.clone()
            };
            if seen_params.insert(key.clone()) {
                c.parameters.count(&p.docs, &key);
            }
        }
    }
    let mut seen_fields = BTreeSet::new();
    for t in &api.types {
        if t.declared {
            c.schemas.count(&t.docs, &t.origin);
        }
        if let TypeKind::Object(o) = &t.kind {
            for f in &o.fields {
                let key = if f.pointer.is_empty() {
                    format!("{}/properties/{}", t.origin, f.name.wire)
                } else {
                    f.pointer.clone()
                };
                if seen_fields.insert(key.clone()) {
                    c.fields.count(&f.docs, &key);
                }
            }
        }
    }
    c
}
