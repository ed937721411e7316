//! The Java runner of `cargo xtask corpus --wire`: the SDK's sources, the samples program
//! (`sdkgen_java::sample::samples_program`: a class `Setup` and a class `Sample<i>` per
//! sample) and `xtask/wire/Run.java` compiled in one javac run (no lints: the corpus holds
//! both to those), then one JVM runs every sample (`Run`: one worker thread per sample, a
//! timeout each, one `WIRE` line per call).

use anyhow::{Context, Result};
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::process::Command;

/// The package of the samples' classes (and of `Run`).
const PACKAGE: &str = "samples";

/// What the upload samples open (`sample.rs` picks the name from the operation).
const UPLOADS: [&str; 4] = ["file.bin", "clip.mp4", "clip.mp3", "image.png"];

pub fn runner(
    api: &sdkgen_core::ir::Api,
    samples: &LangSamples,
    sdk: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<Command> {
    let program = sdkgen_java::sample::samples_program(api, samples, PACKAGE)
        .context("the Java set-up declares no client")?;
    let src = scratch.join("src");
    let mut list = String::new();
    let mut sdk_files = Vec::new();
    crate::lang_java::java_files(&sdk.join("src/main/java"), &mut sdk_files)?;
    for p in &sdk_files {
        list.push_str(&format!("\"{}\"\n", p.display()));
    }
    // File 0 is the set-up, file i + 1 sample i: their class names, in that order.
    let mut classes = String::new();
    for f in &program {
        let p = src.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap_or(&src))?;
        std::fs::write(&p, &f.contents)?;
        list.push_str(&format!("\"{}\"\n", p.display()));
        let class = f
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .context("a samples file without a name")?;
        classes.push_str(class);
        classes.push('\n');
    }
    let run = src.join(PACKAGE).join("Run.java");
    std::fs::write(&run, include_str!("../wire/Run.java"))?;
    list.push_str(&format!("\"{}\"\n", run.display()));
    std::fs::write(scratch.join("classes.txt"), classes)?;
    let sources = scratch.join("sources.txt");
    std::fs::write(&sources, list)?;
    for f in UPLOADS {
        std::fs::write(scratch.join(f), b"file contents")?;
    }
    let cp = crate::lang_java::classpath()?;
    let mut javac = Command::new("javac");
    javac
        .args([
            "-J-XX:TieredStopAtLevel=1",
            "-J-XX:+UseSerialGC",
            "-J-Xss16m",
        ])
        .args(["--release", "11", "-encoding", "UTF-8", "-nowarn"])
        .args(["-Xmaxerrs", "20", "-implicit:none", "-proc:none", "-d"])
        .arg(scratch.join("classes"))
        .arg("-cp")
        .arg(&cp)
        .arg(format!("@{}", sources.display()));
    let started = std::time::Instant::now();
    crate::corpus::run_check("javac (sdk, samples, Run.java)", &mut javac, log)?;
    log.push_str(&format!(
        "javac over {} SDK files and {} samples: {:.1}s\n",
        sdk_files.len(),
        samples.samples.len(),
        started.elapsed().as_secs_f64()
    ));
    let mut cmd = Command::new("java");
    cmd.args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"])
        .arg("-cp")
        .arg(format!("{}:{cp}", scratch.join("classes").display()))
        .arg(format!("{PACKAGE}.Run"))
        .arg(scratch.join("classes.txt"));
    Ok(cmd)
}
