//! sdkgen core: load any OpenAPI 3.0/3.1 or Swagger 2.0 spec into the language-free IR.
//!
//! `load_path` -> (`Api`, diagnostics). Emitters depend on [`ir`] only.

pub mod alloc;
pub mod auth;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
mod locate;
mod lower;
pub mod naming;
pub mod phrase;
pub mod reference;
pub mod sample;
pub mod text;
pub mod upgrade;
pub mod words;
mod yaml;

use diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// A loaded spec: the IR and what was said about it.
#[derive(Debug)]
pub struct Loaded {
    pub api: ir::Api,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a spec could not be loaded: at least one error diagnostic.
#[derive(Debug, thiserror::Error)]
#[error("the spec could not be loaded ({} error(s))", .diagnostics.iter().filter(|d| d.severity == diag::Severity::Error).count())]
pub struct LoadFailure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads a spec file (and the files it references) into the IR.
pub fn load_path(path: &Path) -> Result<Loaded, LoadFailure> {
    match load::Store::open(path) {
        Ok((store, root)) => finish(store, root),
        Err(load::LoadError::Diagnostic(d)) => Err(LoadFailure {
            diagnostics: vec![*d],
        }),
    }
}

/// Loads a spec from text; `name` is used in messages and for relative references.
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadFailure> {
    load_str_with_budget(name, text, None)
}

/// [`load_str`] with the most steps of schema work lowering may take before it stops with an
/// error (`None`: the default, proportional to the spec's size). For tests of the guard.
pub fn load_str_with_budget(
    name: &str,
    text: &str,
    budget: Option<u64>,
) -> Result<Loaded, LoadFailure> {
    match load::Store::from_text(name, text.to_string()) {
        Ok((store, root)) => finish_with(store, root, budget),
        Err(load::LoadError::Diagnostic(d)) => Err(LoadFailure {
            diagnostics: vec![*d],
        }),
    }
}

fn finish(store: load::Store, root: usize) -> Result<Loaded, LoadFailure> {
    finish_with(store, root, None)
}

fn finish_with(
    mut store: load::Store,
    root: usize,
    budget: Option<u64>,
) -> Result<Loaded, LoadFailure> {
    let mut pre = Diagnostics::default();
    if let Some(doc) = store.doc_mut(root) {
        if upgrade::is_swagger2(&doc.root) {
            let v = doc
                .root
                .get("swagger")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string();
            if v != "2.0" {
                pre.error(
                    &doc.name,
                    "/swagger",
                    format!("unsupported Swagger version `{v}`"),
                );
            }
            upgrade::swagger2_to_openapi3(&mut doc.root);
        } else if doc.root.get("openapi").is_none() {
            pre.error(
                &doc.name,
                "",
                "not an OpenAPI document: neither `openapi` nor `swagger` is set",
            );
        }
    }
    if pre.has_errors() {
        return Err(LoadFailure {
            diagnostics: pre.items,
        });
    }
    let (api, diags) = lower::lower(store, root, budget);
    let mut diagnostics = pre.items;
    diagnostics.extend(diags.items);
    if diagnostics
        .iter()
        .any(|d| d.severity == diag::Severity::Error)
    {
        return Err(LoadFailure { diagnostics });
    }
    Ok(Loaded { api, diagnostics })
}
