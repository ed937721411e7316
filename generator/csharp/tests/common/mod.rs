//! What the C# emitter's integration tests share: the repository root and the fixture specs.

use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The specs of spec/fixtures and generator/csharp/tests/fixtures, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let mut specs = Vec::new();
    for dir in [
        root().join("spec/fixtures"),
        root().join("generator/csharp/tests/fixtures"),
    ] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("yaml" | "json")
            ) {
                specs.push(p);
            }
        }
    }
    specs.sort();
    specs
}
