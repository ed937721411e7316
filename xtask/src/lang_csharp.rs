//! The C# SDK's checkers for `cargo xtask corpus` and its contract tests (tests/contract/csharp)
//! for `cargo xtask contract`. The toolchain is Debian's Mono (tools/setup-csharp.sh): `mcs`
//! at C# 7.2 with every warning an error, Newtonsoft.Json 6.0.8 and NUnit 2.6.4.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Newtonsoft.Json from Debian's libnewtonsoft-json-cil-dev.
pub const NEWTONSOFT: &str =
    "/usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__b9a188c8922137c6/Newtonsoft.Json.dll";
/// NUnit 2.6 from Debian's libnunit-cil-dev.
pub const NUNIT: &str = "/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll";

const CONTRACT_LIMIT: Duration = Duration::from_secs(600);

pub fn ensure_toolchain() -> Result<()> {
    let ok = |p: &str| Path::new(p).exists();
    if which("mcs") && which("nunit-console") && ok(NEWTONSOFT) && ok(NUNIT) {
        return Ok(());
    }
    crate::sh("bash", &["tools/setup-csharp.sh"])
}

fn which(cmd: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(cmd).is_file()))
}

/// `mcs` at C# 7.2, warning level 4, every warning an error, XML docs checked (`-doc:`).
/// No warning is silenced.
fn mcs(out: &Path, doc: Option<&Path>, refs: &[&str]) -> Command {
    let mut cmd = Command::new("mcs");
    cmd.args([
        "-langversion:7.2",
        "-warnaserror+",
        "-warn:4",
        "-nologo",
        "-r:System.Net.Http",
        "-r:System.Runtime.Serialization",
    ]);
    cmd.arg(format!("-r:{NEWTONSOFT}"));
    for r in refs {
        cmd.arg(format!("-r:{r}"));
    }
    if let Some(d) = doc {
        cmd.arg(format!("-doc:{}", d.display()));
    }
    cmd.arg(format!("-out:{}", out.display()));
    cmd
}

/// Layout rules a formatter would enforce (none is available for C# here): no tabs, no
/// trailing whitespace, no CR, indentation in steps of four spaces, a final newline.
fn layout_check(dir: &Path, log: &mut String) -> Result<()> {
    let mut files = Vec::new();
    collect(&dir.join("src"), &mut files)?;
    files.sort();
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f)?;
        if !text.ends_with('\n') {
            problems.push(format!("{}: no final newline", f.display()));
        }
        for (i, line) in text.lines().enumerate() {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let bad = if line.contains('\t') {
                Some("tab")
            } else if line.ends_with(' ') {
                Some("trailing whitespace")
            } else if line.contains('\r') {
                Some("carriage return")
            } else if indent % 4 != 0 && !line.trim_start().starts_with("///") {
                Some("indentation not a multiple of four")
            } else {
                None
            };
            if let Some(b) = bad {
                problems.push(format!("{}:{}: {b}", f.display(), i + 1));
            }
        }
    }
    log.push_str(&format!(
        "== layout\n{} files, {} problems\n",
        files.len(),
        problems.len()
    ));
    for p in problems.iter().take(50) {
        log.push_str(p);
        log.push('\n');
    }
    if let Some(first) = problems.first() {
        bail!("layout: {first}");
    }
    Ok(())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "cs") {
            out.push(p);
        }
    }
    Ok(())
}

/// Checks a C# SDK generated into `dir`: compiler, type checker, formatter and linters.
/// Each tool's output is appended to `log`; the error names the first failing tool.
pub fn corpus_check(dir: &Path, log: &mut String) -> Result<()> {
    ensure_toolchain()?;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin)?;
    let mut cmd = mcs(&bin.join("Sdk.dll"), Some(&bin.join("Sdk.xml")), &[]);
    cmd.args(["-target:library", "-recurse:src/*.cs"])
        .current_dir(dir);
    crate::corpus::run_check("mcs -warnaserror+ -warn:4 -doc", &mut cmd, log)?;
    layout_check(dir, log)
}

/// Runs tests/contract/csharp against the running vtserver (`env`: VT_BASE_URL, VT_API_KEY,
/// VT_TEST_API_KEY); Ok(false) when the tests failed.
pub fn contract(env: &[(&str, &str)]) -> Result<bool> {
    ensure_toolchain()?;
    let root = crate::root();
    let out = crate::contract::target_dir().join("contract/csharp");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    for dll in [NEWTONSOFT, NUNIT] {
        let name = Path::new(dll).file_name().context("dll name")?;
        std::fs::copy(dll, out.join(name))?;
    }
    let dll = out.join("Contract.Tests.dll");
    let mut build = mcs(&dll, None, &[NUNIT]);
    build
        .args([
            "-target:library",
            "-recurse:sdks/csharp/src/*.cs",
            "-recurse:tests/contract/csharp/*.cs",
        ])
        .current_dir(&root);
    if !crate::contract::step("mcs (sdks/csharp + tests)", &mut build, CONTRACT_LIMIT)? {
        return Ok(false);
    }
    let mut run = Command::new("nunit-console");
    run.arg("-nologo")
        .arg(format!("-work:{}", out.display()))
        .arg(&dll)
        .envs(env.iter().copied())
        .current_dir(&out);
    crate::contract::step("nunit-console (sdks/csharp)", &mut run, CONTRACT_LIMIT)
}
