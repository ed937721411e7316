//! The generated C# SDK under Mono: every fixture compiles warning-free with its XML docs
//! checked, generation is deterministic, and NUnit tests (tests/cs) exercise the runtime of
//! three generated SDKs (credentials: spec/fixtures/auth.yaml) against a scripted HTTP server
//! on 127.0.0.1. Skips, loudly, when the Mono toolchain (tools/setup-csharp.sh) is absent.

mod common;
use common::root;
use std::path::{Path, PathBuf};
use std::process::Command;

const NEWTONSOFT: &str =
    "/usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__b9a188c8922137c6/Newtonsoft.Json.dll";
const NUNIT: &str = "/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll";

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn mono() -> bool {
    let ok = have("mcs")
        && Command::new("nunit-console").arg("-help").output().is_ok()
        && Path::new(NEWTONSOFT).exists()
        && Path::new(NUNIT).exists();
    if !ok {
        eprintln!(
            "\n!!!!!!!!!! SKIP: Mono (mcs, nunit-console, Newtonsoft.Json, NUnit) is missing; run `bash tools/setup-csharp.sh` to enable the C# checks !!!!!!!!!!\n"
        );
    }
    ok
}

fn generate(spec: &Path, out: &Path) {
    let loaded = sdkgen_core::load_path(spec).expect("spec loads");
    let files = sdkgen_csharp::generate(&loaded.api, None);
    let again = sdkgen_csharp::generate(&loaded.api, None);
    assert!(
        files
            .iter()
            .zip(&again)
            .all(|(a, b)| a.path == b.path && a.contents == b.contents),
        "generation is not deterministic for {spec:?}"
    );
    let _ = std::fs::remove_dir_all(out);
    for f in files {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, f.contents).unwrap();
    }
}

fn mcs(dir: &Path, out: &Path, extra: &[String]) -> (bool, String) {
    let o = Command::new("mcs")
        .args([
            "-langversion:7.2",
            "-warnaserror+",
            "-warn:4",
            "-nologo",
            "-target:library",
            "-r:System.Net.Http",
            "-r:System.Runtime.Serialization",
        ])
        .arg(format!("-r:{NEWTONSOFT}"))
        .arg(format!("-out:{}", out.display()))
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("mcs runs");
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sdkgen-csharp-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The fixture specs and spec/ v2.
fn fixtures() -> Vec<PathBuf> {
    let mut specs = common::fixtures();
    specs.push(root().join("spec/openapi/v2.yaml"));
    specs.sort();
    specs
}

#[test]
fn fixtures_compile_warning_free_with_docs() {
    if !mono() {
        return;
    }
    let work = scratch("fixtures");
    for spec in fixtures() {
        let name = spec.file_stem().unwrap().to_string_lossy().to_string();
        let dir = work.join(&name);
        generate(&spec, &dir);
        let (ok, log) = mcs(
            &dir,
            &dir.join("sdk.dll"),
            &[
                format!("-doc:{}", dir.join("sdk.xml").display()),
                "-recurse:src/*.cs".into(),
            ],
        );
        assert!(ok, "{name} does not compile:\n{log}");
    }
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn runtime_against_a_local_server() {
    if !mono() {
        return;
    }
    let work = scratch("runtime");
    generate(
        &root().join("spec/fixtures/ts_runtime.yaml"),
        &work.join("vt"),
    );
    generate(
        &root().join("generator/csharp/tests/fixtures/edge.yaml"),
        &work.join("edge"),
    );
    generate(&root().join("spec/fixtures/auth.yaml"), &work.join("auth"));
    let bin = work.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for dll in [NEWTONSOFT, NUNIT] {
        std::fs::copy(dll, bin.join(Path::new(dll).file_name().unwrap())).unwrap();
    }
    let tests = root().join("generator/csharp/tests/cs");
    let dll = bin.join("Runtime.Tests.dll");
    let (ok, log) = mcs(
        &work,
        &dll,
        &[
            format!("-r:{NUNIT}"),
            "-recurse:vt/src/*.cs".into(),
            "-recurse:edge/src/*.cs".into(),
            "-recurse:auth/src/*.cs".into(),
            format!("-recurse:{}/*.cs", tests.display()),
        ],
    );
    assert!(ok, "the runtime tests do not compile:\n{log}");
    let out = Command::new("nunit-console")
        .arg("-nologo")
        .arg(format!("-work:{}", bin.display()))
        .arg(&dll)
        .current_dir(&bin)
        .env_remove("VT_API_KEY")
        .env_remove("VT_BASE_URL")
        .output()
        .expect("nunit-console runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{text}");
    assert!(out.status.success(), "NUnit failed:\n{text}");
    let _ = std::fs::remove_dir_all(&work);
}

/// The C# blocks of the README of sdks/csharp compile against the SDK (each block becomes the
/// body of an async method; `client` and path parameters are declared when a block uses them).
#[test]
fn readme_samples_compile() {
    if !mono() {
        return;
    }
    let work = scratch("readme");
    let sdk = work.join("sdk");
    generate(&root().join("spec/openapi/v2.yaml"), &sdk);
    let readme = std::fs::read_to_string(sdk.join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in readme.lines() {
        match (&mut current, line.trim()) {
            (None, "```csharp") => current = Some(Vec::new()),
            (Some(b), "```") => {
                blocks.push(b.join("\n"));
                current = None;
            }
            (Some(b), _) => b.push(line.to_string()),
            _ => {}
        }
    }
    assert!(blocks.len() >= 5, "too few samples: {blocks:?}");
    let mut src = String::from(
        "namespace Samples\n{\n    using System;\n    using System.Threading.Tasks;\n    using VideoTranscriber;\n    using VideoTranscriber.Core;\n\n    public static class Readme\n    {\n",
    );
    for (i, b) in blocks.iter().enumerate() {
        src.push_str(&format!(
            "        public static async Task Sample{i}()\n        {{\n"
        ));
        if !b.contains("var client") {
            src.push_str("            var client = new VideoTranscriberClient();\n");
        }
        src.push_str("            var sessionId = \"s\";\n            await Task.Yield();\n");
        for l in b
            .lines()
            .filter(|l| !(l.starts_with("using ") && l.ends_with(';')))
        {
            src.push_str(&format!("            {l}\n"));
        }
        src.push_str("            GC.KeepAlive(client);\n            GC.KeepAlive(sessionId);\n        }\n\n");
    }
    src.push_str("    }\n}\n");
    std::fs::write(work.join("Readme.cs"), &src).unwrap();
    let (ok, log) = mcs(
        &work,
        &work.join("readme.dll"),
        &["-recurse:sdk/src/*.cs".into(), "Readme.cs".into()],
    );
    assert!(ok, "README samples do not compile:\n{log}\n{src}");
    let _ = std::fs::remove_dir_all(&work);
}
