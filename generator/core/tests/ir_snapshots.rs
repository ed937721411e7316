//! IR snapshots of our own spec and of the hard-case fixtures: any change in how a spec is
//! lowered shows up as a reviewed diff under snapshots/ir/.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn snapshot(spec: &Path) -> String {
    let loaded = sdkgen_core::load_path(spec)
        .unwrap_or_else(|f| panic!("{} failed to load: {:#?}", spec.display(), f.diagnostics));
    let root = repo_root();
    let name = spec
        .strip_prefix(&root)
        .unwrap()
        .to_string_lossy()
        .replace(['/', '.'], "_");
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("snapshots/ir"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} #{}: {}",
                d.file.rsplit('/').next().unwrap_or(""),
                d.pointer,
                d.message
            )
        })
        .collect();
    settings.bind(|| {
        insta::assert_yaml_snapshot!(name.clone(), (warnings, &loaded.api));
    });
    name
}

#[test]
fn fixtures_and_spec() {
    let root = repo_root();
    let mut specs: Vec<PathBuf> = Vec::new();
    for dir in ["spec/fixtures", "spec/openapi"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = entry.unwrap().path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "yaml" | "yml" | "json") {
                specs.push(p);
            }
        }
    }
    specs.sort();
    assert!(specs.len() >= 5, "fixtures missing");
    let names: Vec<String> = specs.iter().map(|s| snapshot(s)).collect();
    reject_orphans(&root.join("snapshots/ir"), &names);
}

/// A snapshot whose fixture is gone is an error, not clutter.
fn reject_orphans(dir: &Path, names: &[String]) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".snap") {
            assert!(
                names.iter().any(|n| n == stem),
                "orphan snapshot snapshots/ir/{file}: delete it"
            );
        }
    }
}
