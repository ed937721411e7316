//! The code samples of spec/openapi/v2.yaml name exactly what the SDKs define: every
//! Python sample goes into one module checked by mypy --strict and pyright (strict)
//! against sdks/python, every TypeScript sample into one module checked by tsc (strict,
//! the SDK's own options) against sdks/typescript. The programs are the emitters' own
//! (`sample::program`), the ones `cargo xtask corpus` checks on real-world specs. Skips, saying why, when the tools of
//! tools/setup.sh are absent (`cargo xtask test` installs them first).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn api() -> sdkgen_core::ir::Api {
    sdkgen_core::load_path(&root().join("spec/openapi/v2.yaml"))
        .expect("spec/openapi/v2.yaml loads")
        .api
}

fn scratch(tag: &str) -> PathBuf {
    let dir = root()
        .join("target/docs-samples")
        .join(format!("{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &Path, prog: &Path, args: &[&str]) -> (bool, String) {
    let tools = root().join(".tools");
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
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", prog.display()));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn python_tools() -> bool {
    let ok = root().join(".tools/venv/bin/mypy").exists()
        && root()
            .join(".tools/node/node_modules/.bin/pyright")
            .exists();
    if !ok {
        eprintln!("\n!!!!!!!!!! SKIP: mypy/pyright of .tools/ are missing; run `bash tools/setup.sh` !!!!!!!!!!\n");
    }
    ok
}

/// Writes the files of an SDK under a scratch dir and returns the dir.
fn write_sdk(files: Vec<sdkgen_core::emit::File>, tag: &str) -> PathBuf {
    let dir = scratch(tag);
    for f in files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, f.contents).unwrap();
    }
    dir
}

/// Odd names and collisions, unions, uploads and streams, Swagger 2.0, optional bodies with
/// required properties.
const FIXTURES: [&str; 5] = [
    "names.yaml",
    "unions.yaml",
    "uploads_streams.yaml",
    "swagger2.json",
    "optional_bodies.yaml",
];

fn fixture(name: &str) -> sdkgen_core::ir::Api {
    sdkgen_core::load_path(&root().join("spec/fixtures").join(name))
        .unwrap()
        .api
}

#[test]
fn python_samples_type_check_against_sdks_python() {
    if !python_tools() {
        return;
    }
    check_python(&api(), &root().join("sdks/python/src"), "python");
}

/// The samples of the fixtures against SDKs generated from them.
#[test]
fn python_samples_of_the_fixtures_type_check() {
    if !python_tools() {
        return;
    }
    for f in FIXTURES {
        let api = fixture(f);
        let sdk = write_sdk(sdkgen_python::generate(&api, None), &format!("py-sdk-{f}"));
        check_python(&api, &sdk.join("src"), &format!("py-{f}"));
        let _ = std::fs::remove_dir_all(&sdk);
    }
}

fn check_python(api: &sdkgen_core::ir::Api, src: &Path, tag: &str) {
    let samples = sdkgen_python::sample::lang_samples(api, None);
    assert_eq!(samples.samples.len(), api.operations().count());
    let dir = scratch(tag);
    write(
        &dir,
        sdkgen_python::sample::program(&samples, &src.to_string_lossy()),
    );
    // One cache per test (the fixtures share theirs: typeshed and pydantic are read once).
    let cache = root().join("target/docs-samples").join(format!(
        "mypy-cache-{}",
        tag.split('-').next().unwrap_or(tag)
    ));
    let mypy = run(
        &dir,
        &root().join(".tools/venv/bin/mypy"),
        &["--strict", "--cache-dir", cache.to_str().unwrap()],
    );
    println!("$ mypy --strict (samples.py)\n{}", mypy.1);
    let pyright = run(
        &dir,
        &root().join(".tools/node/node_modules/.bin/pyright"),
        &["-p", "."],
    );
    println!("$ pyright -p .\n{}", pyright.1);
    assert!(
        mypy.0 && pyright.0,
        "the Python samples do not type-check; see {}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes the files of a samples program into `dir`.
fn write(dir: &Path, files: Vec<sdkgen_core::emit::File>) {
    for f in files {
        std::fs::write(dir.join(&f.path), f.contents).unwrap();
    }
}

fn tsc() -> Option<PathBuf> {
    let tsc = root().join(".tools/node/node_modules/.bin/tsc");
    if tsc.exists() {
        Some(tsc)
    } else {
        eprintln!(
            "\n!!!!!!!!!! SKIP: tsc of .tools/ is missing; run `bash tools/setup.sh` !!!!!!!!!!\n"
        );
        None
    }
}

#[test]
fn typescript_samples_type_check_against_sdks_typescript() {
    let Some(tsc) = tsc() else { return };
    let index = root().join("sdks/typescript/src/index.js");
    check_typescript(&tsc, &api(), &index, "typescript");
}

#[test]
fn typescript_samples_of_the_fixtures_type_check() {
    let Some(tsc) = tsc() else { return };
    for f in FIXTURES {
        let api = fixture(f);
        let sdk = write_sdk(
            sdkgen_typescript::generate(&api, None),
            &format!("ts-sdk-{f}"),
        );
        check_typescript(&tsc, &api, &sdk.join("src/index.js"), &format!("ts-{f}"));
        let _ = std::fs::remove_dir_all(&sdk);
    }
}

fn check_typescript(tsc: &Path, api: &sdkgen_core::ir::Api, index: &Path, tag: &str) {
    let samples = sdkgen_typescript::sample::lang_samples(api, None);
    assert_eq!(samples.samples.len(), api.operations().count());
    let dir = scratch(tag);
    write(
        &dir,
        sdkgen_typescript::sample::program(&samples, &index.to_string_lossy()),
    );
    let (ok, out) = run(&dir, tsc, &["-p", "."]);
    println!("$ tsc -p .\n{out}");
    assert!(
        ok,
        "the TypeScript samples do not type-check; see {}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
