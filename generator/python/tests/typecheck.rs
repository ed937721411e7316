//! Generates the SDKs of our own spec (or the runtime fixture when it is absent) and of the
//! auth fixture (every security scheme) and runs ruff check, ruff format --check, mypy
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
