//! The committed SDKs read the way they were designed to: the quickstarts in tests/usage/
//! type-check against sdks/python (mypy --strict) and sdks/typescript (tsc, strict).

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn tool(rel: &str) -> Option<PathBuf> {
    let p = repo().join(".tools").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "\n!!!! SKIP: {} is missing; run `bash tools/setup.sh` !!!!\n",
            p.display()
        );
        None
    }
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
}

#[test]
fn python_quickstart_type_checks() {
    let Some(mypy) = tool("venv/bin/mypy") else {
        return;
    };
    let root = repo();
    let cache = std::env::temp_dir().join("sdkgen-usage-mypy");
    run(Command::new(mypy)
        .args(["--strict", "--cache-dir"])
        .arg(&cache)
        .arg(root.join("generator/cli/tests/usage/quickstart.py"))
        .env("MYPYPATH", root.join("sdks/python/src")));
}

#[test]
fn typescript_quickstart_type_checks() {
    let Some(tsc) = tool("node/node_modules/.bin/tsc") else {
        return;
    };
    run(Command::new(tsc)
        .arg("-p")
        .arg(repo().join("generator/cli/tests/usage")));
}
