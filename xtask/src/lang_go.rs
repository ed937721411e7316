//! The Go SDK's checkers for `cargo xtask corpus` and its contract tests (tests/contract/go)
//! for `cargo xtask contract`.

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// staticcheck as tools/setup-go.sh installs it.
pub fn staticcheck() -> PathBuf {
    crate::root().join(".tools/go/bin/staticcheck")
}

/// A `go` command with a shared build cache under target/ (builds of the many generated
/// modules reuse the standard library and each other), no toolchain download, and modules
/// resolved without network (generated modules have no dependencies).
pub(crate) fn go_cmd(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir)
        .env("GOCACHE", crate::root().join("target/go-cache"))
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod -buildvcs=false")
        .env("GOWORK", "off")
        .env(
            "STATICCHECK_CACHE",
            crate::root().join("target/staticcheck-cache"),
        );
    cmd
}

/// Checks a Go SDK generated into `dir`: compiler, type checker, formatter and linters.
/// Each tool's output is appended to `log`; the error names the first failing tool.
pub fn corpus_check(dir: &Path, log: &mut String) -> Result<()> {
    use crate::corpus::run_check;
    // gofmt -l prints the files it would change: any output is a failure.
    let out = go_cmd("gofmt", dir).args(["-l", "."]).output()?;
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    log.push_str(&format!(
        "== gofmt -l\n{listed}{}\n",
        String::from_utf8_lossy(&out.stderr)
    ));
    if !out.status.success() || !listed.trim().is_empty() {
        bail!(
            "gofmt -l: {}",
            listed.lines().next().unwrap_or("gofmt failed")
        );
    }
    run_check("go build", go_cmd("go", dir).args(["build", "./..."]), log)?;
    run_check("go vet", go_cmd("go", dir).args(["vet", "./..."]), log)?;
    let sc = staticcheck();
    if !sc.exists() {
        // A machine set up before the Go tools existed: install them now (idempotent).
        let _ = Command::new("bash")
            .arg(crate::root().join("tools/setup-go.sh"))
            .status();
    }
    if !sc.exists() {
        bail!("staticcheck: not installed (run tools/setup-go.sh)");
    }
    run_check(
        "staticcheck",
        go_cmd(sc.to_str().unwrap_or("staticcheck"), dir).arg("./..."),
        log,
    )?;
    Ok(())
}

/// Runs tests/contract/go against the running vtserver (`env`: VT_BASE_URL, VT_API_KEY,
/// VT_TEST_API_KEY); Ok(false) when the tests failed.
pub fn contract(env: &[(&str, &str)]) -> Result<bool> {
    let dir = crate::root().join("tests/contract/go");
    let mut cmd = go_cmd("go", &dir);
    cmd.args(["test", "-count=1", "-v", "-timeout", "540s", "./..."]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    crate::contract::step(
        "go test (tests/contract/go)",
        &mut cmd,
        std::time::Duration::from_secs(600),
    )
}
