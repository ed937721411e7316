//! Helpers of the integration tests: generate a package from a spec into a temporary
//! directory and run the Node tools on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `.tools/node/node_modules/.bin/<tool>`, or `None` (the caller prints a loud SKIP).
pub fn tool(name: &str) -> Option<PathBuf> {
    let p = repo().join(".tools/node/node_modules/.bin").join(name);
    p.exists().then_some(p)
}

pub fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("node"))
}

pub fn skip(what: &str) {
    eprintln!("\n==================== SKIP ====================");
    eprintln!("SKIP: {what} not found (run `bash tools/setup.sh`); this test did NOT run");
    eprintln!("==============================================\n");
}

/// Generates the SDK of `spec` into a fresh temporary directory.
pub fn generate(spec: &Path, tag: &str) -> PathBuf {
    let loaded = sdkgen_core::load_path(spec)
        .unwrap_or_else(|f| panic!("{spec:?} fails to load: {:?}", f.diagnostics));
    let files = sdkgen_typescript::generate(&loaded.api, None);
    let dir = std::env::temp_dir().join(format!("sdkgen-ts-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("file has a parent")).expect("mkdir");
        std::fs::write(&path, f.contents).expect("write");
    }
    dir
}

/// Runs `cmd` in `dir`; panics with its output when it fails. Returns stdout + stderr.
pub fn run(cmd: &mut Command, dir: &Path, what: &str) -> String {
    let out = cmd
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{what} failed in {}:\n{text}",
        dir.display()
    );
    text
}
