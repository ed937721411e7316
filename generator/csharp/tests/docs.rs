//! The docs of the C# SDK hold to the SDK: every sample (`sample.rs`) of spec/openapi/v2.yaml
//! compiles against sdks/csharp, and those of every fixture against the fixture's SDK; every
//! "After" snippet of the C# migration guide of spec/ v1 -> v2 compiles against sdks/csharp
//! and the guide names each breaking change of spec/openapi/CHANGES.md in C# identifiers;
//! REFERENCE.md lists every operation's method with a signature found verbatim in the
//! generated source. Compiling needs Mono (`mcs` -langversion:7.2 -warnaserror+) and skips,
//! loudly, without it; the reference checks always run.

mod common;
use common::{fixtures, root};
use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen_core::phrase::Phrasebook;

const NEWTONSOFT: &str =
    "/usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__b9a188c8922137c6/Newtonsoft.Json.dll";

fn mono() -> bool {
    let ok = Command::new("mcs")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
        && Path::new(NEWTONSOFT).exists();
    if !ok {
        eprintln!(
            "\n!!!!!!!!!! SKIP: Mono (mcs, Newtonsoft.Json) is missing; run `bash tools/setup-csharp.sh` to compile the C# samples !!!!!!!!!!\n"
        );
    }
    ok
}

fn load(spec: &Path) -> sdkgen_core::ir::Api {
    sdkgen_core::load_path(spec).expect("spec loads").api
}

/// A fresh directory under target/.
fn scratch(tag: &str) -> PathBuf {
    let d = root()
        .join("target/csharp-docs")
        .join(format!("{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write_sdk(api: &sdkgen_core::ir::Api, out: &Path) {
    for f in sdkgen_csharp::generate(api, None) {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, f.contents).unwrap();
    }
}

/// Compiles `file` with the C# sources under `sdk/src` into a library.
fn mcs(dir: &Path, sdk: &Path, file: &str) -> (bool, String) {
    let o = Command::new("mcs")
        .args([
            "-langversion:7.2",
            "-warnaserror+",
            "-warn:4",
            // Deprecated operations are sampled too; calling them is meant to warn.
            "-nowarn:612,618",
            "-nologo",
            "-target:library",
            "-r:System.Net.Http",
            "-r:System.Runtime.Serialization",
        ])
        .arg(format!("-r:{NEWTONSOFT}"))
        .arg(format!("-out:{}", dir.join("docs.dll").display()))
        .arg(format!("-recurse:{}/src/*.cs", sdk.display()))
        .arg(file)
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

fn compile_blocks(
    tag: &str,
    api: &sdkgen_core::ir::Api,
    sdk: &Path,
    setup: &str,
    blocks: &[String],
) {
    let dir = scratch(tag);
    let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
    let src = sdkgen_csharp::sample::program(api, None, setup, &blocks);
    std::fs::write(dir.join("Samples.cs"), &src).unwrap();
    let (ok, log) = mcs(&dir, sdk, "Samples.cs");
    assert!(ok, "{tag}: the samples do not compile:\n{log}\n{src}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The program the corpus compiles too: the set-up once, then every block as a method that
/// takes the client; a block that names nothing the SDK defines fails to compile (the check
/// can fail), and an SDK type named like the wrapper's own (`Task`) does not break it.
#[test]
fn program_wraps_each_block_and_the_compiler_can_reject_one() {
    let api = load(&root().join("spec/openapi/v2.yaml"));
    let set = sdkgen_csharp::sample::lang_samples(&api, None);
    let first = set.samples[0].code.as_str();
    let src = sdkgen_csharp::sample::program(
        &api,
        None,
        &set.setup,
        &[
            first,
            "using System.IO;\n\nvar x = 1;\nConsole.WriteLine(x);",
        ],
    );
    assert!(
        src.contains(
            "public static void Setup()\n    {\n        var client = new VideoTranscriberClient();"
        ),
        "{src}"
    );
    assert!(
        src.contains("Task Sample1(VideoTranscriberClient client)"),
        "{src}"
    );
    assert_eq!(src.matches("using System.IO;").count(), 1, "{src}");
    assert!(src.contains("\nusing System.IO;\n"), "{src}");
    if !mono() {
        return;
    }
    let dir = scratch("reject");
    let bad = sdkgen_csharp::sample::program(
        &api,
        None,
        &set.setup,
        &[first, "await client.Sessions.NoSuchMethodAsync();"],
    );
    std::fs::write(dir.join("Samples.cs"), &bad).unwrap();
    let (ok, log) = mcs(&dir, &root().join("sdks/csharp"), "Samples.cs");
    assert!(!ok && log.contains("NoSuchMethodAsync"), "{log}");
    // Types of the global namespace win over every `using`: the wrapper must not care.
    let taken = format!("{bad}\npublic class Task\n{{\n}}\n\npublic class GC\n{{\n}}\n").replace(
        "await client.Sessions.NoSuchMethodAsync();",
        "Console.WriteLine(client);",
    );
    std::fs::write(dir.join("Samples.cs"), &taken).unwrap();
    let (ok, log) = mcs(&dir, &root().join("sdks/csharp"), "Samples.cs");
    assert!(ok, "{log}\n{taken}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn samples_cover_every_operation_in_the_sdk_s_shapes() {
    let api = load(&root().join("spec/openapi/v2.yaml"));
    let set = sdkgen_csharp::sample::lang_samples(&api, None);
    assert_eq!(set.lang, "csharp");
    assert_eq!(set.samples.len(), api.operations().count());
    let get = |op: &str| {
        set.samples
            .iter()
            .find(|s| s.operation == op)
            .unwrap_or_else(|| panic!("no sample of {op}"))
            .code
            .clone()
    };
    for (op, needle) in [
        ("listSessions", "var pager = client.Sessions.ListAutoPaging();\nwhile (await pager.MoveNextAsync())\n{\n    Console.WriteLine(pager.Current);\n}"),
        ("createSession", "await client.Sessions.CreateAsync(new SessionsCreateParams { Name = \"Example\" });\nConsole.WriteLine(result);"),
        ("uploadSessionVideo", "Video = UploadFile.FromPath("),
        ("streamTranscriptionProgress", "using (var stream = await client.Sessions.ProgressAsync("),
        ("deleteSession", "await client.Sessions.DeleteAsync("),
        ("startTranscription", "Language = \"en\""),
    ] {
        let code = get(op);
        assert!(code.contains(needle), "{op}: no {needle:?} in\n{code}");
    }
    assert!(set
        .setup
        .contains("var client = new VideoTranscriberClient();"));
}

#[test]
fn v2_samples_compile_against_sdks_csharp() {
    let api = load(&root().join("spec/openapi/v2.yaml"));
    let set = sdkgen_csharp::sample::lang_samples(&api, None);
    if !mono() {
        return;
    }
    let blocks: Vec<String> = set.samples.iter().map(|s| s.code.clone()).collect();
    compile_blocks("v2", &api, &root().join("sdks/csharp"), &set.setup, &blocks);
}

/// Form and binary bodies, binary and text answers, unions, maps, odd names: the fixtures.
#[test]
fn fixture_samples_compile_against_their_sdks() {
    if !mono() {
        return;
    }
    for spec in fixtures() {
        let name = spec.file_stem().unwrap().to_string_lossy().to_string();
        let api = load(&spec);
        let set = sdkgen_csharp::sample::lang_samples(&api, None);
        if set.samples.is_empty() {
            continue;
        }
        let sdk = scratch(&format!("sdk-{name}"));
        write_sdk(&api, &sdk);
        let blocks: Vec<String> = set.samples.iter().map(|s| s.code.clone()).collect();
        compile_blocks(&name, &api, &sdk, &set.setup, &blocks);
        let _ = std::fs::remove_dir_all(&sdk);
    }
}

fn guide() -> String {
    let (a, b) = (
        load(&root().join("spec/openapi/v1.yaml")),
        load(&root().join("spec/openapi/v2.yaml")),
    );
    let changes = sdkgen_diff::diff_on(&a, &b, Some("2026-12-02"));
    sdkgen_diff::migration_guide(
        &a,
        &b,
        &changes,
        &sdkgen_csharp::phrase::phrasebook(&a, None),
        &sdkgen_csharp::phrase::phrasebook(&b, None),
    )
}

/// Each breaking change of spec/openapi/CHANGES.md, as C# users meet it.
#[test]
fn migration_guide_names_each_breaking_change_in_csharp() {
    let text = guide();
    for needle in [
        // 1. session_name -> name, in responses and in request bodies.
        "`session_name` is now `name`",
        "Console.WriteLine(result.SessionName);",
        "Console.WriteLine(result.Name);",
        "new SessionsCreateParams { Name = \"Example\" }",
        // 2. language is required when starting a transcription.
        "Pass `Language` to `client.Sessions.TranscribeAsync`",
        "Language = \"en\"",
        // 3. getCaptions is gone.
        "`client.Sessions.CaptionsAsync` no longer exists",
        // 4. new enum values in responses.
        "if (result.Status == SessionStatus.Cancelled)",
        "if (result.Status == TranscriptionJobStatus.Cancelled)",
        // 5. widened types.
        "Console.WriteLine(result.DurationSeconds);",
        "Console.WriteLine(result.Options.MaxSpeakers);",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }
    assert!(
        !text.contains("```python") && !text.contains("```typescript"),
        "{text}"
    );
}

#[test]
fn migration_guide_after_snippets_compile_against_sdks_csharp() {
    let text = guide();
    let blocks = sdkgen_diff::after_snippets(&text);
    assert!(blocks.len() >= 6, "too few After snippets: {blocks:?}");
    if !mono() {
        return;
    }
    let v2 = load(&root().join("spec/openapi/v2.yaml"));
    let setup = sdkgen_csharp::phrase::phrasebook(&v2, None).setup();
    compile_blocks("guide", &v2, &root().join("sdks/csharp"), &setup, &blocks);
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// REFERENCE.md: every operation's method as a heading, its signature exactly as the
/// generated resource class declares it, and the README links to it.
#[test]
fn reference_lists_every_method_with_its_declared_signature() {
    let mut specs = fixtures();
    specs.push(root().join("spec/openapi/v2.yaml"));
    for spec in specs {
        let api = load(&spec);
        let files = sdkgen_csharp::generate(&api, None);
        let file = |p: &str| {
            files
                .iter()
                .find(|f| f.path.to_string_lossy() == p)
                .map(|f| f.contents.clone())
        };
        let reference = file("REFERENCE.md").unwrap_or_else(|| panic!("{spec:?}: no REFERENCE.md"));
        let readme = file("README.md").unwrap();
        assert!(
            readme.contains("[REFERENCE.md](REFERENCE.md)"),
            "{spec:?}: the README does not link the reference"
        );
        let source = normalise(
            &files
                .iter()
                .filter(|f| f.path.extension().is_some_and(|e| e == "cs"))
                .map(|f| f.contents.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let book = sdkgen_csharp::phrase::phrasebook(&api, None);
        for op in api.operations() {
            let id = &op.id.wire;
            let method = book
                .method(id)
                .unwrap_or_else(|| panic!("{spec:?}: no method for {id}"));
            assert!(
                reference.contains(&format!("\n### {method}\n")),
                "{spec:?}: {method} is not in REFERENCE.md"
            );
            let sig = book
                .signature(id)
                .unwrap_or_else(|| panic!("{spec:?}: no signature for {id}"));
            for line in sig.lines() {
                assert!(
                    source.contains(&normalise(line)),
                    "{spec:?}: {line:?} is not declared in the generated source"
                );
            }
            assert!(
                reference.contains(&sig),
                "{spec:?}: the signature of {id} is not in REFERENCE.md"
            );
        }
    }
}
