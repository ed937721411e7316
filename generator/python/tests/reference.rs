//! REFERENCE.md cannot drift from the code: for our spec and every fixture, each
//! operation's signature (every declaration in it: the method, then its companion) occurs
//! in its resource module as the sync class declares it, its arguments are parameters of
//! that declaration, and the reference names the method with its signature and sample.

use std::path::{Path, PathBuf};

use sdkgen_core::emit::File;
use sdkgen_core::ir::{Api, ParamLocation, TypeKind, TypeRef};
use sdkgen_core::phrase::Phrasebook;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root().join("spec/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    specs.insert(0, root().join("spec/openapi/v2.yaml"));
    specs
}

/// Runs of whitespace as one space.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn file<'a>(files: &'a [File], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

/// The resource module whose docstring names the attribute `attr`.
fn resource_module<'a>(files: &'a [File], attr: &str) -> &'a str {
    let doc = format!("\"\"\"The `{attr}` resource.\"\"\"");
    let hits: Vec<&File> = files
        .iter()
        .filter(|f| f.path.to_string_lossy().contains("/resources/") && f.contents.contains(&doc))
        .collect();
    assert_eq!(hits.len(), 1, "one module for client.{attr}");
    &hits[0].contents
}

/// The wire names the reference looks up as arguments (as `sdkgen_core::reference` does):
/// parameters, then the body's properties (or `body`); with whether the SDK takes it.
fn wires(api: &Api, op: &sdkgen_core::ir::Operation) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = op
        .params
        .iter()
        .map(|p| {
            let taken = !(p.location == ParamLocation::Header
                && p.name.wire.eq_ignore_ascii_case("idempotency-key"));
            (p.name.wire.clone(), taken)
        })
        .collect();
    if let Some(b) = &op.body {
        match &b.ty {
            TypeRef::Named { id } => match &api.ty(*id).kind {
                // A property named like a parameter: the body is taken whole.
                TypeKind::Object(o)
                    if o.fields.iter().any(|f| {
                        !f.read_only && op.params.iter().any(|p| p.name.words == f.name.words)
                    }) =>
                {
                    out.push(("body".into(), true))
                }
                TypeKind::Object(o) => {
                    out.extend(
                        o.fields
                            .iter()
                            .filter(|f| !f.read_only)
                            .map(|f| (f.name.wire.clone(), true)),
                    );
                }
                _ => out.push(("body".into(), true)),
            },
            _ => out.push(("body".into(), true)),
        }
    }
    out
}

fn check(spec: &Path) -> usize {
    let api = sdkgen_core::load_path(spec)
        .unwrap_or_else(|f| panic!("{spec:?}: {:?}", f.diagnostics))
        .api;
    let files = sdkgen_python::generate(&api, None);
    let book = sdkgen_python::phrase::phrasebook(&api, None);
    let reference = file(&files, "REFERENCE.md");
    assert!(
        file(&files, "README.md").contains("[REFERENCE.md](REFERENCE.md)"),
        "{spec:?}: the README links to the reference"
    );
    let mut n = 0;
    for op in api.operations() {
        let id = &op.id.wire;
        let method = book
            .method(id)
            .unwrap_or_else(|| panic!("{spec:?} {id}: no method"));
        let (attr, name) = method
            .strip_prefix("client.")
            .and_then(|m| m.split_once('.'))
            .unwrap_or_else(|| panic!("{spec:?} {id}: {method}"));
        let sig = book
            .signature(id)
            .unwrap_or_else(|| panic!("{spec:?} {id}: no signature"));
        assert!(
            sig.starts_with(&format!("def {name}(\n    self,")),
            "{spec:?} {id}: the signature declares {name}:\n{sig}"
        );
        // In the module, a declaration is indented by the class body; `async def` of the
        // async class does not match a line that starts with `def`.
        let module = resource_module(&files, attr);
        for decl in sig.split("\n\n") {
            let indented: Vec<String> = decl.lines().map(|l| format!("    {l}")).collect();
            let indented = format!("\n{}\n", indented.join("\n"));
            assert!(
                module.contains(&indented),
                "{spec:?} {id}: not in the module of client.{attr}:\n{decl}"
            );
            assert!(norm(module).contains(&norm(decl)));
        }
        for (wire, taken) in wires(&api, op) {
            match book.arg(id, &wire) {
                Some(a) => assert!(
                    taken && sig.contains(&format!("\n    {a}: ")),
                    "{spec:?} {id}: argument {a} ({wire}) is not declared:\n{sig}"
                ),
                None => assert!(!taken, "{spec:?} {id}: no argument for {wire}"),
            }
        }
        let sample = book.call(id, &[]).expect("a sample");
        assert!(
            reference.contains(&format!("\n### {method}\n")),
            "{spec:?} {id}: no heading {method}"
        );
        for block in [&sig, &sample] {
            assert!(
                reference.contains(&format!("```python\n{}\n```", block.trim_end())),
                "{spec:?} {id}: the reference lacks\n{block}"
            );
        }
        n += 1;
    }
    n
}

#[test]
fn reference_matches_the_code() {
    let mut total = 0;
    for spec in specs() {
        let n = check(&spec);
        println!("{}: {n} operations", spec.display());
        total += n;
    }
    assert!(total > 50, "only {total} operations checked");
}
