//! Helpers shared by the integration tests: generate into a temp dir, find the tools.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The tools installed by tools/setup.sh, or `None` (with a loud message) when absent.
pub fn tools() -> Option<PathBuf> {
    let dir = root().join(".tools");
    if dir.join("venv/bin/python").exists() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!!!!!!! SKIP: {} is missing; run `bash tools/setup.sh` to enable the Python checks !!!!!!!!!!\n",
            dir.display()
        );
        None
    }
}

/// Generates the SDK of `spec` into a fresh temp dir and returns the dir.
pub fn generate(spec: &Path, tag: &str) -> PathBuf {
    let loaded = sdkgen_core::load_path(spec).expect("spec loads");
    let files = sdkgen_python::generate(&loaded.api, None);
    let out = std::env::temp_dir().join(format!("sdkgen-python-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    for f in files {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, f.contents).unwrap();
    }
    out
}

/// Runs a command with the tool dirs first on PATH; returns (success, combined output).
pub fn run(tools: &Path, dir: &Path, prog: &str, args: &[&str]) -> (bool, String) {
    let path = format!(
        "{}:{}:{}",
        tools.join("venv/bin").display(),
        tools.join("node/node_modules/.bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(prog)
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {prog}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
