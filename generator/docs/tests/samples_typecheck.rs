//! The code samples of spec/openapi/v2.yaml name exactly what the SDKs define: every
//! Python sample goes into one module checked by mypy --strict and pyright (strict)
//! against sdks/python, every TypeScript sample into one module checked by tsc (strict,
//! the SDK's own options) against sdks/typescript. Skips, saying why, when the tools of
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

fn run(dir: &Path, prog: &Path, args: &[&str], envs: &[(&str, String)]) -> (bool, String) {
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
        .envs(envs.iter().map(|(k, v)| (k, v)))
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

/// Splits a sample into its import lines and the rest.
fn split_imports(code: &str) -> (Vec<String>, String) {
    let mut imports = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    let mut in_head = true;
    for line in code.lines() {
        if in_head && (line.starts_with("from ") || line.starts_with("import ")) {
            imports.push(line.to_string());
        } else if in_head && line.is_empty() {
            continue;
        } else {
            in_head = false;
            rest.push(line);
        }
    }
    (imports, rest.join("\n"))
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

/// Odd names and collisions, unions, uploads and streams, Swagger 2.0.
const FIXTURES: [&str; 4] = [
    "names.yaml",
    "unions.yaml",
    "uploads_streams.yaml",
    "swagger2.json",
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
    // Not names.yaml: its Python SDK does not import (the resource module of a group named
    // `class` is `resources/class.py`, a keyword; an emitter bug outside the samples).
    for f in FIXTURES.into_iter().filter(|f| *f != "names.yaml") {
        let api = fixture(f);
        let sdk = write_sdk(sdkgen_python::generate(&api, None), &format!("py-sdk-{f}"));
        check_python(&api, &sdk.join("src"), &format!("py-{f}"));
        let _ = std::fs::remove_dir_all(&sdk);
    }
}

fn check_python(api: &sdkgen_core::ir::Api, src: &Path, tag: &str) {
    let venv = root().join(".tools/venv/bin");
    let samples = sdkgen_python::sample::samples(api, None);
    assert_eq!(samples.len(), api.operations().count());
    let pkg = sdkgen_python::sample::package_name(None, api);
    let mut imports = vec![format!("from {pkg} import Client")];
    let mut bodies = String::new();
    for (i, s) in samples.iter().enumerate() {
        let (imp, body) = split_imports(&s.code);
        for l in imp {
            if !imports.contains(&l) {
                imports.push(l);
            }
        }
        bodies.push_str(&format!(
            "\n\ndef sample_{i}_{}(client: Client) -> None:\n",
            s.operation
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        ));
        for l in body.lines() {
            bodies.push_str(&format!("    {l}\n"));
        }
    }
    imports.sort();
    let module = format!(
        "# File generated by the sdkgen-docs samples test.\n{}\n{bodies}",
        imports.join("\n")
    );
    let dir = scratch(tag);
    std::fs::write(dir.join("samples.py"), &module).unwrap();
    std::fs::write(
        dir.join("pyrightconfig.json"),
        format!(
            "{{\"typeCheckingMode\": \"strict\", \"pythonVersion\": \"3.9\", \"extraPaths\": [{:?}], \"include\": [\"samples.py\"]}}\n",
            src.display().to_string()
        ),
    )
    .unwrap();
    // One cache per test (the fixtures share theirs: typeshed and pydantic are read once).
    let cache = root().join("target/docs-samples").join(format!(
        "mypy-cache-{}",
        tag.split('-').next().unwrap_or(tag)
    ));
    let mypy = run(
        &dir,
        &venv.join("mypy"),
        &[
            "--strict",
            "--cache-dir",
            cache.to_str().unwrap(),
            "samples.py",
        ],
        &[("MYPYPATH", src.display().to_string())],
    );
    println!("$ mypy --strict samples.py\n{}", mypy.1);
    let pyright = run(
        &dir,
        &root().join(".tools/node/node_modules/.bin/pyright"),
        &["-p", "."],
        &[],
    );
    println!("$ pyright -p .\n{}", pyright.1);
    assert!(
        mypy.0 && pyright.0,
        "the Python samples do not type-check; see {}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
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
    let samples = sdkgen_typescript::sample::samples(api, None);
    assert_eq!(samples.len(), api.operations().count());
    let mut module = format!(
        "// File generated by the sdkgen-docs samples test.\nimport {{ Client }} from {:?};\n",
        index.display().to_string()
    );
    for (i, s) in samples.iter().enumerate() {
        module.push_str(&format!(
            "\nexport async function sample{i}_{}(client: Client): Promise<void> {{\n",
            s.operation
                .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        ));
        for l in s.code.lines() {
            module.push_str(&format!("  {l}\n"));
        }
        module.push_str("}\n");
    }
    let dir = scratch(tag);
    std::fs::write(dir.join("samples.ts"), &module).unwrap();
    std::fs::write(dir.join("package.json"), "{\"type\": \"module\"}\n").unwrap();
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "types": [],
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noUncheckedIndexedAccess": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "isolatedModules": true,
    "verbatimModuleSyntax": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "files": ["samples.ts"]
}
"#,
    )
    .unwrap();
    let (ok, out) = run(&dir, tsc, &["-p", "."], &[]);
    println!("$ tsc -p .\n{out}");
    assert!(
        ok,
        "the TypeScript samples do not type-check; see {}",
        dir.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
