//! The Java SDK's checkers for `cargo xtask corpus` and its contract tests (tests/contract/java)
//! for `cargo xtask contract`.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repo-local Maven repository of tools/setup-java.sh.
pub fn m2() -> PathBuf {
    crate::root().join(".tools/m2")
}

fn jar(group: &str, artifact: &str, version: &str, classifier: &str) -> PathBuf {
    let suffix = if classifier.is_empty() {
        String::new()
    } else {
        format!("-{classifier}")
    };
    m2().join(group.replace('.', "/"))
        .join(artifact)
        .join(version)
        .join(format!("{artifact}-{version}{suffix}.jar"))
}

/// The compile classpath of a generated SDK: Jackson (databind, core, annotations).
/// The Jackson jars the generated SDKs compile against, joined for `-cp`.
pub(crate) fn classpath() -> Result<String> {
    let ann_dir = m2().join("com/fasterxml/jackson/core/jackson-annotations");
    let mut ann: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("{} missing: run tools/setup.sh", ann_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    ann.sort();
    let ann = ann
        .last()
        .and_then(|d| {
            std::fs::read_dir(d)
                .ok()?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "jar"))
        })
        .context("no jackson-annotations jar in .tools/m2")?;
    let jars = [
        jar(
            "com.fasterxml.jackson.core",
            "jackson-databind",
            "2.23.0",
            "",
        ),
        jar("com.fasterxml.jackson.core", "jackson-core", "2.23.0", ""),
        ann,
    ];
    for j in &jars {
        if !j.is_file() {
            bail!("{} missing: run tools/setup.sh", j.display());
        }
    }
    Ok(jars
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":"))
}

/// The `.java` files under `dir`, in path order.
pub fn java_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{} missing", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            java_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "java") {
            out.push(p);
        }
    }
    Ok(())
}

/// Checks a Java SDK generated into `dir`: javac (release 11, every lint, warnings are
/// errors, doclint without the missing-comment group) and google-java-format 1.28.0, which must
/// list no file it would change. Each tool's output is appended to `log`.
pub fn corpus_check(dir: &Path, log: &mut String) -> Result<()> {
    use crate::corpus::run_check;
    let cp = classpath()?;
    let gjf = jar(
        "com.google.googlejavaformat",
        "google-java-format",
        "1.28.0",
        "all-deps",
    );
    if !gjf.is_file() {
        bail!("{} missing: run tools/setup.sh", gjf.display());
    }
    let mut files = Vec::new();
    java_files(&dir.join("src/main/java"), &mut files)?;
    let list = dir.join("target/sources.txt");
    std::fs::create_dir_all(dir.join("target/classes"))?;
    let text: String = files
        .iter()
        .map(|p| format!("\"{}\"\n", p.display()))
        .collect();
    std::fs::write(&list, text)?;
    // The formatter runs beside the compiler (two JVMs; the checks are independent).
    // C1 only and the serial collector: these short, single-shot JVMs finish about 40% sooner.
    let mut fmt = Command::new("java");
    fmt.current_dir(dir)
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"])
        .arg(&gjf)
        .args(["--dry-run", "--set-exit-if-changed"])
        .arg(format!("@{}", list.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let fmt = fmt.spawn().context("cannot run google-java-format")?;

    let mut javac = Command::new("javac");
    javac
        .current_dir(dir)
        .args([
            "-J-XX:TieredStopAtLevel=1",
            "-J-XX:+UseSerialGC",
            "-J-Xss16m",
        ])
        .args(["--release", "11", "-encoding", "UTF-8"])
        .args([
            "-Xlint:all",
            "-Xdoclint:all,-missing",
            "-Werror",
            "-Xmaxerrs",
            "20",
        ])
        .args([
            "-implicit:none",
            "-proc:none",
            "-d",
            "target/classes",
            "-cp",
        ])
        .arg(&cp)
        .arg(format!("@{}", list.display()));
    let compiled = run_check("javac -Xlint:all -Werror", &mut javac, log);

    let out = fmt.wait_with_output().context("google-java-format")?;
    compiled?;
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    log.push_str(&format!(
        "== google-java-format --dry-run\n{listed}{}\n",
        String::from_utf8_lossy(&out.stderr)
    ));
    if !out.status.success() || !listed.trim().is_empty() {
        let first = listed
            .lines()
            .chain(String::from_utf8_lossy(&out.stderr).lines())
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string();
        bail!("google-java-format: would change {first}");
    }
    Ok(())
}

/// Runs tests/contract/java (JUnit 5 through Maven Surefire, offline, with sdks/java's sources)
/// against the running vtserver (`env`: VT_BASE_URL, VT_API_KEY, VT_TEST_API_KEY); Ok(false)
/// when the tests failed.
pub fn contract(env: &[(&str, &str)]) -> Result<bool> {
    if !m2().join(".sdkgen-java").is_file() {
        bail!("Java tools missing: run tools/setup.sh (tools/setup-java.sh)");
    }
    let root = crate::root();
    let mut mvn = Command::new("mvn");
    mvn.current_dir(root.join("tests/contract/java"))
        .arg("-o")
        .arg("-B")
        .arg(format!("-Dmaven.repo.local={}", m2().display()))
        .arg(format!(
            "-DbuildDirectory={}",
            crate::contract::target_dir()
                .join("contract/java")
                .display()
        ))
        .arg("test");
    for (k, v) in env {
        mvn.env(k, v);
    }
    crate::contract::step(
        "mvn test (tests/contract/java + sdks/java)",
        &mut mvn,
        std::time::Duration::from_secs(600),
    )
}
