//! The Go docs samples, migration guide and REFERENCE.md are code of the SDK they name:
//! every sample of spec/openapi/v2.yaml (against sdks/go) and of every fixture and the
//! edge-case spec (against an SDK generated here), and every "After (...)" snippet of the
//! v1 -> v2 migration guide, is a function of one `package main` file that must pass gofmt,
//! `go build` and `go vet`; the guide names each breaking change of spec/openapi/CHANGES.md
//! in Go identifiers; REFERENCE.md lists every method with a signature that the generated
//! source declares word for word. Skips loudly when `go` is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen_core::ir::Api;
use sdkgen_core::phrase::Phrasebook;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn load(path: &Path) -> Api {
    let text = std::fs::read_to_string(path).expect("read spec");
    sdkgen_core::load_str(&path.display().to_string(), &text)
        .expect("spec loads")
        .api
}

fn go() -> Option<PathBuf> {
    let ok = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!(
            "\n!!!!!!!!!! SKIP: `go` is not installed; tools/setup.sh installs the Go tools !!!!!!!!!!\n"
        );
    }
    ok.then(|| PathBuf::from("go"))
}

fn go_cmd(program: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir)
        .env("GOCACHE", repo().join("target/go-cache"))
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod -buildvcs=false")
        .env("GOPROXY", "off")
        .env("GOWORK", "off");
    cmd
}

fn run(cmd: &mut Command, what: &str, source: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}\n{source}");
    text
}

/// Writes the SDK of `api` to `dir` (replacing it).
fn generate(api: &Api, dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    for f in sdkgen_go::generate(api, None) {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, f.contents).expect("write");
    }
}

/// gofmt, go build and go vet of `source` as main.go of a module that uses the SDK in
/// `sdk` (module path `module`).
fn check_program(go: &Path, tag: &str, sdk: &Path, module: &str, source: &str) {
    let dir = repo().join("target/go-tests/docs").join(tag);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("go.mod"),
        format!(
            "module example.com/samples\n\ngo 1.24\n\nrequire {module} v0.0.0\n\nreplace {module} => {}\n",
            sdk.display()
        ),
    )
    .expect("go.mod");
    std::fs::write(dir.join("main.go"), source).expect("main.go");
    let listed = run(
        go_cmd(Path::new("gofmt"), &dir).args(["-l", "main.go"]),
        "gofmt -l",
        source,
    );
    let diff = go_cmd(Path::new("gofmt"), &dir)
        .args(["-d", "main.go"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert!(
        listed.trim().is_empty(),
        "gofmt would change {tag}:\n{diff}"
    );
    run(
        go_cmd(go, &dir).args(["build", "-o", "/dev/null", "."]),
        &format!("go build ({tag})"),
        source,
    );
    run(
        go_cmd(go, &dir).args(["vet", "."]),
        &format!("go vet ({tag})"),
        source,
    );
}

fn module_of(sdk: &Path) -> String {
    let gomod = std::fs::read_to_string(sdk.join("go.mod")).expect("go.mod of the SDK");
    gomod
        .lines()
        .find_map(|l| l.strip_prefix("module "))
        .expect("module line")
        .trim()
        .to_string()
}

fn samples_program(api: &Api) -> String {
    let pkg = sdkgen_go::model::build(api, None);
    let ls = sdkgen_go::sample::lang_samples(api, None);
    assert_eq!(ls.lang, "go");
    assert_eq!(
        ls.samples.len(),
        api.operations().count(),
        "one sample per operation"
    );
    let snippets: Vec<(String, String)> = ls
        .samples
        .iter()
        .map(|s| (s.operation.clone(), s.code.clone()))
        .collect();
    sdkgen_go::sample::program(&ls.setup, &pkg.name, &snippets)
}

#[test]
fn v2_samples_build_and_vet_against_sdks_go() {
    let api = load(&repo().join("spec/openapi/v2.yaml"));
    let source = samples_program(&api);
    // The cases the samples must cover, as v2 has them.
    for needle in [
        "for item, err := range client.Sessions.ListAutoPaging(ctx, videotranscriber.SessionsListParams{}) {",
        "f, err := os.Open(\"clip.mp4\")",
        "Video: f",
        "defer stream.Close()",
        "if err := client.Sessions.Delete(ctx, \"6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11\"); err != nil {",
        "result, err := client.Sessions.Create(ctx, videotranscriber.SessionCreate{Name: \"Quarterly all-hands\"})",
    ] {
        assert!(source.contains(needle), "no {needle:?} in\n{source}");
    }
    let Some(go) = go() else { return };
    let sdk = repo().join("sdks/go");
    // The committed SDK must be the one this generator writes, or the check proves nothing.
    for f in sdkgen_go::generate(&api, None) {
        if f.path.extension().is_some_and(|x| x == "go") {
            let on_disk = std::fs::read_to_string(sdk.join(&f.path)).unwrap_or_default();
            assert!(
                on_disk == f.contents,
                "sdks/go/{} is stale: run `cargo run -p sdkgen -- generate spec/openapi/v2.yaml --lang go --out sdks/go`",
                f.path.display()
            );
        }
    }
    check_program(&go, "v2-samples", &sdk, &module_of(&sdk), &source);
}

#[test]
fn fixture_samples_build_and_vet() {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(repo().join("spec/fixtures"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs.push(repo().join("generator/go/tests/edge.yaml"));
    let programs: Vec<(String, Api, String)> = specs
        .iter()
        .map(|spec| {
            let api = load(spec);
            let source = samples_program(&api);
            let name = spec
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("spec")
                .to_string();
            (name, api, source)
        })
        .collect();
    let Some(go) = go() else { return };
    for (name, api, source) in programs {
        let sdk = repo()
            .join("target/go-tests/docs")
            .join(format!("sdk-{name}"));
        generate(&api, &sdk);
        check_program(
            &go,
            &format!("samples-{name}"),
            &sdk,
            &module_of(&sdk),
            &source,
        );
    }
}

fn guide() -> String {
    let (a, b) = (
        load(&repo().join("spec/openapi/v1.yaml")),
        load(&repo().join("spec/openapi/v2.yaml")),
    );
    let changes = sdkgen_diff::diff_on(&a, &b, Some("2026-12-02"));
    sdkgen_diff::migration_guide(
        &a,
        &b,
        &changes,
        &sdkgen_go::phrase::phrasebook(&a, None),
        &sdkgen_go::phrase::phrasebook(&b, None),
    )
}

#[test]
fn migration_guide_names_the_changes_and_its_after_snippets_build() {
    let text = guide();
    // Each breaking change of spec/openapi/CHANGES.md, in the Go SDK's identifiers.
    for needle in [
        // 1. session_name -> name
        "`session_name` is now `name`",
        "Read `result.Name` where you read `result.SessionName`.",
        "fmt.Println(result.Name)",
        "fmt.Println(result.SessionName)",
        "videotranscriber.SessionCreate{Name: \"Quarterly all-hands\"}",
        // 2. language is required in startTranscription
        "TranscriptionOptions.Language",
        "client.Sessions.Transcribe(ctx, \"6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11\", videotranscriber.TranscriptionOptions{\n\tLanguage:       \"en\",",
        // 3. getCaptions removed
        "`client.Sessions.Captions` no longer exists in the SDK",
        // 4. new enum values
        "if result.Status == videotranscriber.SessionStatusCancelled {",
        "videotranscriber.TranscriptionJobStatusCancelled",
        // 5. widened types
        "DurationSeconds",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }
    let blocks = sdkgen_diff::after_snippets(&text);
    assert!(blocks.len() >= 6, "{blocks:?}");
    let b = load(&repo().join("spec/openapi/v2.yaml"));
    let book = sdkgen_go::phrase::phrasebook(&b, None);
    let pkg = sdkgen_go::model::build(&b, None);
    let snippets: Vec<(String, String)> = blocks
        .iter()
        .enumerate()
        .map(|(i, code)| (format!("step {i} of the guide"), code.clone()))
        .collect();
    let source = sdkgen_go::sample::program(&book.setup(), &pkg.name, &snippets);
    let Some(go) = go() else { return };
    let sdk = repo().join("sdks/go");
    check_program(&go, "v2-guide", &sdk, &module_of(&sdk), &source);
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn reference_lists_every_method_with_its_declared_signature() {
    for spec in [
        repo().join("spec/openapi/v2.yaml"),
        repo().join("generator/go/tests/edge.yaml"),
    ] {
        let api = load(&spec);
        let files = sdkgen_go::generate(&api, None);
        let reference = &files
            .iter()
            .find(|f| f.path == Path::new("REFERENCE.md"))
            .expect("REFERENCE.md")
            .contents;
        let readme = &files
            .iter()
            .find(|f| f.path == Path::new("README.md"))
            .expect("README")
            .contents;
        assert!(readme.contains("[REFERENCE.md](REFERENCE.md)"), "{readme}");
        let source = normalise(
            &files
                .iter()
                .filter(|f| f.path.extension().is_some_and(|x| x == "go"))
                .map(|f| f.contents.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        let book = sdkgen_go::phrase::phrasebook(&api, None);
        for op in api.operations() {
            let id = &op.id.wire;
            let method = book
                .method(id)
                .unwrap_or_else(|| panic!("no method for {id}"));
            assert!(
                reference.contains(&format!("### {method}\n")),
                "{method} missing from REFERENCE.md of {}",
                spec.display()
            );
            let sig = book
                .signature(id)
                .unwrap_or_else(|| panic!("no signature for {id}"));
            assert!(
                reference.contains(&sig),
                "signature of {id} missing from REFERENCE.md"
            );
            for line in sig.lines() {
                assert!(
                    source.contains(&format!("{} {{", normalise(line))),
                    "{line:?} is not declared in the generated source of {}",
                    spec.display()
                );
            }
            let sample = book.call(id, &[]).expect("sample");
            assert!(
                reference.contains(&sample),
                "sample of {id} missing from REFERENCE.md"
            );
        }
    }
}
