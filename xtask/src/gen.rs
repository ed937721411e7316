//! `gen` and `check`: spec/ -> sdks/, and drift detection.

use anyhow::{bail, Context, Result};
use sdkgen_core::emit::File;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The list of generated files, kept in each SDK folder so stale ones can be removed.
const MANIFEST: &str = ".sdkgen-manifest";

pub struct Target {
    pub lang: &'static str,
    pub dir: &'static str,
}

pub const TARGETS: [Target; 2] = [
    Target {
        lang: "python",
        dir: "sdks/python",
    },
    Target {
        lang: "typescript",
        dir: "sdks/typescript",
    },
];

pub fn spec_path() -> PathBuf {
    crate::root().join("spec/openapi/v2.yaml")
}

pub fn generate(lang: &str, api: &sdkgen_core::ir::Api) -> Result<Vec<File>> {
    Ok(match lang {
        "python" => sdkgen_python::generate(api, None),
        "typescript" => sdkgen_typescript::generate(api, None),
        other => bail!("unknown language `{other}`"),
    })
}

pub fn load(spec: &Path) -> Result<sdkgen_core::ir::Api> {
    match sdkgen_core::load_path(spec) {
        Ok(l) => Ok(l.api),
        Err(f) => {
            for d in &f.diagnostics {
                eprintln!("{d}");
            }
            bail!("{} does not load", spec.display())
        }
    }
}

fn with_manifest(mut files: Vec<File>) -> Vec<File> {
    let mut list: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .collect();
    list.sort();
    let mut text = String::from("# Files written by `cargo xtask gen`; do not edit.\n");
    for l in list {
        text.push_str(&l);
        text.push('\n');
    }
    files.push(File::new(MANIFEST, text));
    files
}

fn previous_manifest(dir: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(dir.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn gen() -> Result<()> {
    let api = load(&spec_path())?;
    for t in TARGETS {
        let dir = crate::root().join(t.dir);
        let files = with_manifest(generate(t.lang, &api)?);
        let new: BTreeSet<String> = files
            .iter()
            .map(|f| f.path.to_string_lossy().into_owned())
            .collect();
        for stale in previous_manifest(&dir).difference(&new) {
            let p = dir.join(stale);
            if p.exists() {
                std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
            }
        }
        for f in &files {
            let p = dir.join(&f.path);
            if std::fs::read_to_string(&p).ok().as_deref() == Some(f.contents.as_str()) {
                continue;
            }
            std::fs::create_dir_all(p.parent().unwrap())?;
            std::fs::write(&p, &f.contents).with_context(|| format!("writing {}", p.display()))?;
        }
        eprintln!("gen: {} files in {}", files.len(), t.dir);
    }
    // Snapshots of the IR and of generated output follow the tests' own update path.
    snapshot_tests("always").ok();
    Ok(())
}

/// Fails on any difference between what `gen` would write and what is committed.
pub fn check() -> Result<()> {
    let api = load(&spec_path())?;
    let mut drift = Vec::new();
    for t in TARGETS {
        let dir = crate::root().join(t.dir);
        let files = with_manifest(generate(t.lang, &api)?);
        let new: BTreeSet<String> = files
            .iter()
            .map(|f| f.path.to_string_lossy().into_owned())
            .collect();
        for f in &files {
            let p = dir.join(&f.path);
            match std::fs::read_to_string(&p) {
                Ok(s) if s == f.contents => {}
                Ok(_) => drift.push(format!("{}/{} differs", t.dir, f.path.display())),
                Err(_) => drift.push(format!("{}/{} is missing", t.dir, f.path.display())),
            }
        }
        for stale in previous_manifest(&dir).difference(&new) {
            if dir.join(stale).exists() {
                drift.push(format!("{}/{stale} is no longer generated", t.dir));
            }
        }
    }
    if !drift.is_empty() {
        for d in &drift {
            eprintln!("drift: {d}");
        }
        bail!(
            "{} generated file(s) out of date: run `cargo xtask gen` and commit",
            drift.len()
        );
    }
    eprintln!("check: sdks/ matches spec/ and the generator");
    snapshot_tests("no")
        .context("snapshots differ: review with `cargo insta review` or run `cargo xtask gen`")?;
    Ok(())
}

/// Runs every `*snapshots*` test with the given `INSTA_UPDATE` mode.
fn snapshot_tests(update: &str) -> Result<()> {
    std::env::set_var("INSTA_UPDATE", update);
    crate::sh(
        "cargo",
        &[
            "test",
            "--quiet",
            "--workspace",
            "--no-fail-fast",
            "--test",
            "*snapshots*",
        ],
    )
}
