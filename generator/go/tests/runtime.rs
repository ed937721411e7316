//! Runtime behaviour of a generated Go SDK: generates spec/fixtures/ts_runtime.yaml into a
//! scratch module, then runs go/runtime_test.go (`go test`, httptest servers) against it;
//! and compiles + lints (gofmt, go vet, staticcheck) the SDKs of every fixture and of the
//! edge-case spec in edge.yaml; runs go/auth_test.go against the SDK of spec/fixtures/auth.yaml.
//! Skips (with a message) when `go` is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn go() -> Option<PathBuf> {
    let ok = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("go"))
}

fn skip(what: &str) {
    eprintln!("SKIPPED: {what} is not installed (tools/setup.sh installs the Go tools)");
}

fn go_cmd(program: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir)
        .env("GOCACHE", repo().join("target/go-cache"))
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod -buildvcs=false")
        .env("GOWORK", "off")
        .env("STATICCHECK_CACHE", repo().join("target/staticcheck-cache"));
    cmd
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

fn generate(spec: &Path, dir: &Path) {
    let text = std::fs::read_to_string(spec).expect("read spec");
    let api = sdkgen_core::load_str(&spec.display().to_string(), &text)
        .expect("spec loads")
        .api;
    let _ = std::fs::remove_dir_all(dir);
    for f in sdkgen_go::generate(&api, None) {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, f.contents).expect("write");
    }
}

fn scratch(name: &str) -> PathBuf {
    repo().join("target/go-tests").join(name)
}

/// gofmt -l prints nothing, go vet and staticcheck pass.
fn check_module(go: &Path, dir: &Path) {
    let listed = run(
        go_cmd(Path::new("gofmt"), dir).args(["-l", "."]),
        "gofmt -l",
    );
    assert!(listed.trim().is_empty(), "gofmt would change: {listed}");
    run(go_cmd(go, dir).args(["vet", "./..."]), "go vet");
    let sc = repo().join(".tools/go/bin/staticcheck");
    if sc.exists() {
        run(go_cmd(&sc, dir).arg("./..."), "staticcheck");
    } else {
        skip("staticcheck");
    }
}

/// Generates `spec` into target/go-tests/`name`/sdk (module `module`), optionally lints it,
/// and runs go/`test_file` from a module beside it that requires the SDK.
fn go_test_against(spec: &str, name: &str, module: &str, test_file: &str, lint: bool) {
    let Some(go) = go() else {
        skip("go");
        return;
    };
    let root = scratch(name);
    let sdk = root.join("sdk");
    generate(&repo().join(spec), &sdk);
    let test = root.join("test");
    std::fs::create_dir_all(&test).expect("mkdir");
    std::fs::write(
        test.join("go.mod"),
        format!("module example.com/{name}\n\ngo 1.24\n\nrequire {module} v0.0.0\n\nreplace {module} => ../sdk\n"),
    )
    .expect("go.mod");
    std::fs::copy(
        repo().join("generator/go/tests/go").join(test_file),
        test.join(test_file),
    )
    .unwrap_or_else(|e| panic!("copy {test_file}: {e}"));
    if lint {
        check_module(&go, &sdk);
    }
    let out = run(
        go_cmd(&go, &test).args(["test", "-count=1", "-v", "./..."]),
        &format!("go test ({test_file})"),
    );
    println!("{out}");
}

#[test]
fn runtime_against_httptest_servers() {
    go_test_against(
        "spec/fixtures/ts_runtime.yaml",
        "runtime",
        "github.com/sdkgen/video-transcriber-go",
        "runtime_test.go",
        true,
    );
}

/// Credentials per security scheme: go/auth_test.go against the SDK of spec/fixtures/auth.yaml.
#[test]
fn credentials_per_scheme() {
    go_test_against(
        "spec/fixtures/auth.yaml",
        "auth",
        "github.com/sdkgen/vault-go",
        "auth_test.go",
        true,
    );
}

#[test]
fn edge_case_models_round_trip() {
    go_test_against(
        "generator/go/tests/edge.yaml",
        "edge-models",
        "github.com/sdkgen/3d-edge-cases-go",
        "edge_test.go",
        false,
    );
}

#[test]
fn fixtures_and_edge_cases_compile_clean() {
    let Some(go) = go() else {
        skip("go");
        return;
    };
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
    specs.push(repo().join("spec/openapi/v2.yaml"));
    for spec in specs {
        let name = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
        let dir = scratch(&format!("fixture-{name}"));
        generate(&spec, &dir);
        run(go_cmd(&go, &dir).args(["build", "./..."]), "go build");
        check_module(&go, &dir);
        // Deterministic: the same bytes twice.
        let text = std::fs::read_to_string(&spec).expect("read");
        let api = sdkgen_core::load_str(name, &text).expect("loads").api;
        assert_eq!(
            sdkgen_go::generate(&api, None),
            sdkgen_go::generate(&api, None)
        );
    }
}
