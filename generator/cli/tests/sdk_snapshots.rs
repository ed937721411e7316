//! Snapshots of generated SDKs (and Rust wire modules) for the fixtures: a template or naming change shows up as a
//! reviewed diff under snapshots/sdk/. The runtime files that do not depend on the spec are
//! snapshotted once per language (`<lang>_runtime`), the rest once per fixture.

use sdkgen_core::emit::File;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn generate(lang: &str, spec: &Path) -> Vec<File> {
    let loaded =
        sdkgen_core::load_path(spec).unwrap_or_else(|f| panic!("{spec:?}: {:?}", f.diagnostics));
    sdkgen_langs::generate(lang, &loaded.api, None).expect("a language sdkgen emits")
}

fn render(files: &[&File]) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(&format!("=== {}\n{}\n", f.path.display(), f.contents));
    }
    out
}

#[test]
fn generated_sdks() {
    let root = repo();
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root.join("spec/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("snapshots/sdk"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let mut names: Vec<String> = Vec::new();
    settings.bind(|| {
        for lang in ["python", "typescript", "go", "java", "csharp", "rust"] {
            // Files with the same path and contents for every fixture are the runtime.
            let all: Vec<(String, Vec<File>)> = specs
                .iter()
                .map(|s| {
                    (
                        s.file_stem().unwrap().to_string_lossy().into_owned(),
                        generate(lang, s),
                    )
                })
                .collect();
            let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
            for (_, files) in &all {
                for f in files {
                    *counts
                        .entry((f.path.display().to_string(), f.contents.clone()))
                        .or_default() += 1;
                }
            }
            let is_runtime = |f: &File| {
                counts.get(&(f.path.display().to_string(), f.contents.clone())) == Some(&all.len())
            };
            let runtime: Vec<&File> = all[0].1.iter().filter(|f| is_runtime(f)).collect();
            // The Rust wire module is one file with no spec-independent runtime.
            if lang != "rust" {
                names.push(format!("{lang}_runtime"));
                insta::assert_snapshot!(format!("{lang}_runtime"), render(&runtime));
            }
            for (name, files) in &all {
                let own: Vec<&File> = files.iter().filter(|f| !is_runtime(f)).collect();
                names.push(format!("{lang}_{name}"));
                insta::assert_snapshot!(format!("{lang}_{name}"), render(&own));
            }
        }
    });
    // A snapshot whose fixture is gone is an error, not clutter.
    for entry in std::fs::read_dir(root.join("snapshots/sdk")).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".snap") {
            assert!(
                names.iter().any(|n| n == stem),
                "orphan snapshot snapshots/sdk/{file}: delete it"
            );
        }
    }
}
