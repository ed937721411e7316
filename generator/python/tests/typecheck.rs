//! Generates the SDKs of our own spec (or the runtime fixture when it is absent), of the
//! auth fixture (every security scheme) and of the names fixture, and runs ruff check, ruff format --check, mypy
//! --strict and pyright (strict) on them.

mod common;

use common::{generate, root, run, tools};

#[test]
fn generated_sdk_passes_linters_and_type_checkers() {
    let v2 = root().join("spec/openapi/v2.yaml");
    let spec = if v2.exists() {
        v2
    } else {
        root().join("spec/fixtures/py_runtime.yaml")
    };
    check(&spec, "typecheck");
}

#[test]
fn auth_fixture_sdk_passes_linters_and_type_checkers() {
    check(&root().join("spec/fixtures/auth.yaml"), "typecheck-auth");
}

/// Names that collide with keywords, runtime names and imports (spec/fixtures/names.yaml):
/// an argument named `date` of type datetime must not make its module import `date`.
#[test]
fn names_fixture_sdk_passes_linters_and_type_checkers() {
    check(&root().join("spec/fixtures/names.yaml"), "typecheck-names");
}

fn check(spec: &std::path::Path, tag: &str) {
    let Some(tools) = tools() else { return };
    let dir = generate(spec, tag);
    let pkg = std::fs::read_dir(dir.join("src"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let cache = std::env::temp_dir().join(format!("sdkgen-python-mypy-cache-{tag}"));
    let cache = cache.to_str().unwrap();
    let pkg_dir = format!("src/{pkg}");
    let checks: Vec<(&str, Vec<&str>)> = vec![
        ("ruff", vec!["check", "--no-cache", "."]),
        ("ruff", vec!["format", "--check", "--no-cache", "."]),
        ("mypy", vec!["--strict", "--cache-dir", cache, &pkg_dir]),
        ("pyright", vec!["-p", "."]),
    ];
    let mut failures = Vec::new();
    for (prog, args) in checks {
        let (ok, out) = run(&tools, &dir, prog, &args);
        println!("$ {prog} {}\n{}", args.join(" "), out.trim_end());
        if !ok {
            failures.push(format!("{prog} {}", args.join(" ")));
        }
    }
    assert!(
        failures.is_empty(),
        "failed on {}: {failures:?}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every fixture's package, README.md and REFERENCE.md included (ruff formats the code
/// blocks of markdown), is as `ruff format` writes it: spec/fixtures/format_edges.yaml holds
/// layouts seen to diverge on real specs.
#[test]
fn fixtures_are_ruff_format_clean() {
    let Some(tools) = tools() else { return };
    let mut specs: Vec<_> = std::fs::read_dir(root().join("spec/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    let mut failures = Vec::new();
    for spec in specs {
        let tag = spec.file_stem().unwrap().to_string_lossy().to_string();
        let dir = generate(&spec, &format!("fmt-{tag}"));
        let (ok, out) = run(
            &tools,
            &dir,
            "ruff",
            &["format", "--check", "--no-cache", "."],
        );
        if ok {
            let _ = std::fs::remove_dir_all(&dir);
        } else {
            failures.push(format!("{tag}:\n{out}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
