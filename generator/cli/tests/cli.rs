//! The CLI is an interface other tools rely on: exit codes and messages are tested.

use std::path::{Path, PathBuf};
use std::process::Command;

fn sdkgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sdkgen"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sdkgen-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn check_ok_with_warnings_exits_zero() {
    let out = sdkgen()
        .arg("check")
        .arg(repo().join("spec/fixtures/recursive.yaml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning:") && err.contains("recursive.yaml:"),
        "{err}"
    );
    assert!(err.contains("#/components/schemas/Loop"), "{err}");
}

#[test]
fn check_bad_spec_exits_one_with_location() {
    let d = tmp("bad");
    let p = d.join("bad.json");
    std::fs::write(
        &p,
        "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {\n    \"/a\": [1,\n}",
    )
    .unwrap();
    let out = sdkgen().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: invalid JSON") && err.contains("bad.json:5"),
        "{err}"
    );
}

#[test]
fn check_missing_file_exits_one() {
    let out = sdkgen()
        .args(["check", "/nonexistent/spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read file"));
}

#[test]
fn generate_writes_a_package_per_language() {
    for lang in ["python", "typescript"] {
        let d = tmp(lang);
        let out = sdkgen()
            .args(["generate"])
            .arg(repo().join("spec/fixtures/unions.yaml"))
            .args(["--lang", lang, "--out"])
            .arg(&d)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let manifest = if lang == "python" {
            "pyproject.toml"
        } else {
            "package.json"
        };
        assert!(d.join(manifest).exists(), "{lang}: no {manifest}");
    }
}

#[test]
fn generate_bad_spec_writes_nothing() {
    let d = tmp("nothing");
    let p = d.join("bad.yaml");
    std::fs::write(&p, "hello: world\n").unwrap();
    let out_dir = d.join("out");
    let out = sdkgen()
        .arg("generate")
        .arg(&p)
        .args(["--lang", "python", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.exists());
}

#[test]
fn unknown_language_is_a_usage_error() {
    let out = sdkgen()
        .arg("generate")
        .arg(repo().join("spec/fixtures/unions.yaml"))
        .args(["--lang", "cobol", "--out", "/tmp/x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
