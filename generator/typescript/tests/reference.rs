//! REFERENCE.md cannot drift from the code: for our spec and every fixture, each
//! operation's signature (every declaration in it: the method, then its companion) occurs
//! in its resource class as declared there, its arguments are parameters of that
//! declaration or keys of its params interface, and the reference names the method with
//! its signature and sample.

use std::path::{Path, PathBuf};

use sdkgen_core::emit::File;
use sdkgen_core::ir::{Api, Operation, ParamLocation, TypeKind, TypeRef};
use sdkgen_core::phrase::Phrasebook;
use sdkgen_typescript::naming::prop_key;

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

/// The resource file of the client's attribute `attr`.
fn resource_file<'a>(files: &'a [File], attr: &str) -> &'a str {
    let client = file(files, "src/client.ts");
    let decl = format!("  readonly {attr}: ");
    let class = client
        .lines()
        .find_map(|l| l.strip_prefix(&decl)?.strip_suffix(';'))
        .unwrap_or_else(|| panic!("client.ts declares no {attr}"));
    let head = format!("\nexport class {class} {{\n");
    let hits: Vec<&File> = files
        .iter()
        .filter(|f| f.path.starts_with("src/resources") && f.contents.contains(&head))
        .collect();
    assert_eq!(hits.len(), 1, "one file declares {class}");
    &hits[0].contents
}

/// The body of `export interface name { ... }` in `text`.
fn interface<'a>(text: &'a str, name: &str) -> &'a str {
    let head = format!("\nexport interface {name} {{\n");
    let start = text
        .find(&head)
        .unwrap_or_else(|| panic!("no interface {name}"))
        + head.len();
    let end = text[start..].find("\n}\n").expect("interface ends") + start;
    &text[start..end]
}

/// The wire names the reference looks up as arguments (as `sdkgen_core::reference` does):
/// parameters, then the body's properties (or `body`).
fn wires(api: &Api, op: &Operation) -> Vec<(String, Option<ParamLocation>)> {
    let mut out: Vec<_> = op
        .params
        .iter()
        .map(|p| (p.name.wire.clone(), Some(p.location)))
        .collect();
    if let Some(b) = &op.body {
        match &b.ty {
            TypeRef::Named { id } => match &api.ty(*id).kind {
                TypeKind::Object(o) => out.extend(
                    o.fields
                        .iter()
                        .filter(|f| !f.read_only)
                        .map(|f| (f.name.wire.clone(), None)),
                ),
                _ => out.push(("body".into(), None)),
            },
            _ => out.push(("body".into(), None)),
        }
    }
    out
}

fn check(spec: &Path) -> usize {
    let api = sdkgen_core::load_path(spec)
        .unwrap_or_else(|f| panic!("{spec:?}: {:?}", f.diagnostics))
        .api;
    let files = sdkgen_typescript::generate(&api, None);
    let book = sdkgen_typescript::phrase::phrasebook(&api, None);
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
            sig.starts_with(&format!("{name}(")),
            "{spec:?} {id}: the signature declares {name}:\n{sig}"
        );
        // In the class a declaration is indented by 2 and followed by its body.
        let module = resource_file(&files, attr);
        for decl in sig.split("\n\n") {
            let indented: Vec<String> = decl.lines().map(|l| format!("  {l}")).collect();
            let indented = format!("\n{} {{\n", indented.join("\n"));
            assert!(
                module.contains(&indented),
                "{spec:?} {id}: not in the class of client.{attr}:\n{decl}"
            );
            assert!(norm(module).contains(&norm(decl)));
        }
        let params = sig.split_once("params: ").map(|(_, rest)| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            interface(module, &name)
        });
        let whole_body = book.arg(id, "body").is_some();
        for (wire, location) in wires(&api, op) {
            match book.arg(id, &wire) {
                Some(a) => {
                    let positional = location == Some(ParamLocation::Path)
                        && (sig.contains(&format!("({a}: "))
                            || sig.contains(&format!("\n  {a}: ")));
                    let key = params.is_some_and(|p| {
                        let k = prop_key(&a);
                        p.contains(&format!("\n  {k}: "))
                            || p.contains(&format!("\n  {k}?: "))
                            || p.starts_with(&format!("  {k}"))
                    });
                    assert!(
                        positional || key,
                        "{spec:?} {id}: argument {a} ({wire}) is not declared:\n{sig}"
                    );
                }
                None => assert!(
                    location == Some(ParamLocation::Cookie) || (location.is_none() && whole_body),
                    "{spec:?} {id}: no argument for {wire}"
                ),
            }
        }
        let sample = book.call(id, &[]).expect("a sample");
        assert!(
            reference.contains(&format!("\n### {method}\n")),
            "{spec:?} {id}: no heading {method}"
        );
        for block in [&sig, &sample] {
            assert!(
                reference.contains(&format!("```typescript\n{}\n```", block.trim_end())),
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
