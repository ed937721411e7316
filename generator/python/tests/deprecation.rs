//! Deprecated operations and parameters: `@deprecated` (PEP 702, so type checkers flag the
//! call) and a `DeprecationWarning` at run time naming the sunset date; the generated
//! package stays clean under ruff, mypy --strict and pyright.

mod common;

use common::{generate, root, run, tools};

#[test]
fn deprecated_operations_and_parameters_warn() {
    let Some(tools) = tools() else { return };
    let spec = root().join("generator/python/tests/fixtures/deprecation.yaml");
    let dir = generate(&spec, "deprecation");
    let python = tools.join("venv/bin/python");
    let script = r#"
import warnings
import legacy

client = legacy.Client(max_retries=0, timeout=0.5)
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    try:
        client.reports.list(filter="x", warnings2=True)
    except legacy.APIConnectionError:
        pass
    try:
        client.reports.export()
    except legacy.APIConnectionError:
        pass
    try:
        client.reports.list(warnings2=True)
    except legacy.APIConnectionError:
        pass
messages = [str(w.message) for w in seen if w.category is DeprecationWarning]
assert messages == [
    "`filter` is deprecated and stops working after 2027-01-31.",
    "`export` is deprecated and stops working after 2026-12-31.",
], messages
assert all(w.filename == __file__ for w in seen if w.category is DeprecationWarning), [w.filename for w in seen]
print("deprecation ok")
"#;
    let src = dir.join("src");
    let script_path = dir.join("check_deprecation.py");
    std::fs::write(&script_path, script).unwrap();
    let out = std::process::Command::new(&python)
        .arg(&script_path)
        .env("PYTHONPATH", &src)
        .output()
        .expect("runs python");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    std::fs::remove_file(&script_path).unwrap();
    let cache = std::env::temp_dir().join("sdkgen-python-mypy-cache");
    for (prog, args) in [
        ("ruff", vec!["check", "--no-cache", "."]),
        ("ruff", vec!["format", "--check", "--no-cache", "."]),
        (
            "mypy",
            vec![
                "--strict",
                "--cache-dir",
                cache.to_str().unwrap(),
                "src/legacy",
            ],
        ),
        ("pyright", vec!["-p", "."]),
    ] {
        let (ok, out) = run(&tools, &dir, prog, &args);
        assert!(ok, "{prog} {args:?} failed:\n{out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
