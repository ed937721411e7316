//! The Java samples of a corpus spec, compiled against its generated SDK: the program of
//! `sdkgen_java::sample::samples_program` (a class per sample) in one javac run with the
//! strictness of generator/java/tests/docs.rs (`--release 11 -Xlint:all -Werror`), against the
//! SDK classes the corpus check compiled into `<sdk>/target/classes` and the Jackson jars.

use anyhow::{bail, Context, Result};
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The package of the samples' classes.
const PACKAGE: &str = "samples";

pub fn check(
    api: &Api,
    samples: &LangSamples,
    sdk_dir: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<()> {
    let classes = sdk_dir.join("target/classes");
    if !classes.is_dir() {
        bail!("{} missing: the SDK was not compiled", classes.display());
    }
    let program = sdkgen_java::sample::samples_program(api, samples, PACKAGE)
        .context("the Java set-up declares no client")?;
    let src = scratch.join("src");
    let mut list = String::new();
    // File i + 1 holds sample i (file 0 is the set-up).
    let mut labels = Vec::new();
    for (i, f) in program.iter().enumerate() {
        let p = src.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap_or(&src))?;
        std::fs::write(&p, &f.contents)?;
        list.push_str(&format!("\"{}\"\n", p.display()));
        let label = match i.checked_sub(1).and_then(|k| samples.samples.get(k)) {
            Some(s) => s.operation.clone(),
            None => "set-up".to_string(),
        };
        labels.push((f.path.clone(), label));
    }
    let sources = scratch.join("sources.txt");
    std::fs::write(&sources, list)?;
    let cp = format!("{}:{}", classes.display(), crate::lang_java::classpath()?);
    let mut javac = Command::new("javac");
    javac
        .args([
            "-J-XX:TieredStopAtLevel=1",
            "-J-XX:+UseSerialGC",
            "-J-Xss16m",
        ])
        .args(["--release", "11", "-encoding", "UTF-8"])
        .args(["-Xlint:all", "-Werror", "-Xmaxerrs", "20"])
        .args(["-implicit:none", "-proc:none", "-d"])
        .arg(scratch.join("classes"))
        .arg("-cp")
        .arg(cp)
        .arg(format!("@{}", sources.display()));
    let before = log.len();
    let started = std::time::Instant::now();
    let result = crate::corpus::run_check("javac samples -Xlint:all -Werror", &mut javac, log);
    log.push_str(&format!(
        "javac over {} samples: {:.1}s\n",
        samples.samples.len(),
        started.elapsed().as_secs_f64()
    ));
    result.map_err(|e| match first_sample(&log[before..], &labels) {
        Some(op) => e.context(format!("the Java sample of {op} does not compile")),
        None => e,
    })
}

/// The operation whose sample javac's first error is in.
fn first_sample(output: &str, labels: &[(PathBuf, String)]) -> Option<String> {
    let line = output
        .lines()
        .find(|l| l.contains(".java:") && (l.contains(": error:") || l.contains(": warning:")))?;
    labels
        .iter()
        .find(|(p, _)| line.contains(&format!("{}:", p.display())))
        .map(|(_, op)| op.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_names_its_operation() {
        let labels = vec![
            (PathBuf::from("samples/Setup.java"), "set-up".to_string()),
            (
                PathBuf::from("samples/Sample0.java"),
                "listThings".to_string(),
            ),
            (
                PathBuf::from("samples/Sample1.java"),
                "getThing".to_string(),
            ),
        ];
        let out = "== javac\n/x/src/samples/Sample1.java:9: warning: [deprecation] a() in B has been deprecated\nerror: warnings found and -Werror specified\n/x/src/samples/Sample0.java:3: error: cannot find symbol\n";
        assert_eq!(first_sample(out, &labels).as_deref(), Some("getThing"));
        let eleven = "/x/src/samples/Sample11.java:2: error: cannot find symbol\n";
        assert_eq!(first_sample(eleven, &labels), None);
        assert_eq!(first_sample("error: no file", &labels), None);
    }
}
