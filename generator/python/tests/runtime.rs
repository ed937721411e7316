//! Runs the pytest suite tests/py/test_runtime.py against an SDK generated from
//! spec/fixtures/py_runtime.yaml (a real HTTP server on 127.0.0.1 in the suite).

mod common;

use common::{generate, root, run, tools};

#[test]
fn runtime_pytest() {
    let Some(tools) = tools() else { return };
    let dir = generate(&root().join("spec/fixtures/py_runtime.yaml"), "runtime");
    let suite = root().join("generator/python/tests/py/test_runtime.py");
    let python = tools.join("venv/bin/python");
    let path = format!("{}", dir.display());
    std::env::set_var("PY_RUNTIME_SDK", &path);
    let (ok, out) = run(
        &tools,
        &dir,
        python.to_str().unwrap(),
        &[
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore::DeprecationWarning",
            suite.to_str().unwrap(),
        ],
    );
    let summary = out.lines().last().unwrap_or("");
    println!("pytest summary: {summary}\n{out}");
    assert!(ok, "pytest failed:\n{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Credentials per operation (spec/fixtures/auth.yaml): tests/py/test_auth.py.
#[test]
fn auth_pytest() {
    let Some(tools) = tools() else { return };
    let dir = generate(&root().join("spec/fixtures/auth.yaml"), "auth");
    let suite = root().join("generator/python/tests/py/test_auth.py");
    let python = tools.join("venv/bin/python");
    std::env::set_var("PY_AUTH_SDK", dir.to_str().unwrap());
    let (ok, out) = run(
        &tools,
        &dir,
        python.to_str().unwrap(),
        &[
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            suite.to_str().unwrap(),
        ],
    );
    println!(
        "pytest summary: {}\n{out}",
        out.lines().last().unwrap_or("")
    );
    assert!(ok, "pytest failed:\n{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
