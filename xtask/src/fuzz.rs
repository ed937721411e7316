//! `cargo xtask fuzz [--seconds N] [--target T] [--ci]`: the cargo-fuzz targets of `fuzz/`
//! (`load_lower`: any bytes through load, upgrade and lowering; `emit`: a spec that loads
//! through every SDK emitter) seeded from spec/fixtures and spec/openapi, each run for N
//! seconds (default 300) under libFuzzer with a per-input timeout and a memory limit. `--ci`
//! is the bounded run of `cargo xtask test`: `load_lower` alone for 20 seconds, built without
//! the emitters (`--no-default-features`: sdkgen-core only), as a cold build of the emitters
//! with the fuzzing instrumentation is a long compile of its own (see fuzz/Cargo.toml).
//!
//! It needs a nightly toolchain and cargo-fuzz (tools/setup.sh installs cargo-fuzz); without
//! either the step is skipped and says why. A crash, timeout or memory blow-up fails it and
//! names the input libFuzzer wrote to `fuzz/artifacts/<target>/`; `cargo +nightly fuzz tmin
//! <target> <input>` minimizes it. New corpus inputs go to `fuzz/corpus/<target>` (ignored by
//! git).

use crate::root;
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every fuzz target of `fuzz/Cargo.toml`.
const TARGETS: [&str; 2] = ["load_lower", "emit"];
/// Seed corpora, relative to the repository root.
const SEEDS: [&str; 2] = ["spec/fixtures", "spec/openapi"];
/// Seconds of `--ci` (one target).
const CI_SECONDS: u64 = 20;
/// An input that takes longer than this (seconds) is a hang.
const TIMEOUT: u64 = 10;
/// Resident memory beyond this (MB) is a blow-up.
const RSS_LIMIT_MB: u64 = 1024;
/// Longest input libFuzzer makes (bytes): spec/openapi's seeds are up to 180 KB, and
/// mutating those runs about 20 times slower than the fixtures' sizes; longer seeds are
/// read truncated (still useful: a cut spec is a robustness input of its own).
const MAX_LEN: u64 = 16_384;

struct Options {
    seconds: u64,
    targets: Vec<String>,
    /// Build without the emitters (only `load_lower`).
    light: bool,
}

fn parse(rest: &[String]) -> Result<Options> {
    let mut o = Options {
        seconds: 300,
        targets: TARGETS.iter().map(|t| t.to_string()).collect(),
        light: false,
    };
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ci" => {
                o.seconds = CI_SECONDS;
                o.targets = vec!["load_lower".to_string()];
                o.light = true;
            }
            "--seconds" => {
                o.seconds = it
                    .next()
                    .context("--seconds needs a number")?
                    .parse()
                    .context("--seconds needs a number")?
            }
            "--target" => {
                let t = it.next().context("--target needs a name")?;
                if !TARGETS.contains(&t.as_str()) {
                    bail!(
                        "unknown fuzz target `{t}` (targets: {})",
                        TARGETS.join(", ")
                    );
                }
                o.targets = vec![t.clone()];
            }
            other => bail!("unknown fuzz option `{other}`"),
        }
    }
    Ok(o)
}

/// `cargo +nightly ARGS` in the repository root, with the toolchain that ran xtask unset.
fn nightly_cargo(args: &[&str]) -> Command {
    let mut c = Command::new("cargo");
    c.arg("+nightly")
        .args(args)
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .current_dir(root());
    c
}

/// Why fuzzing cannot run here, if it cannot.
fn unavailable() -> Option<String> {
    let quiet = |mut c: Command| {
        c.stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !quiet(nightly_cargo(&["--version"])) {
        return Some(
            "no nightly toolchain (`cargo +nightly` fails; cargo-fuzz needs one: \
             `rustup toolchain install nightly`)"
                .into(),
        );
    }
    if !quiet(nightly_cargo(&["fuzz", "--version"])) {
        return Some(
            "cargo-fuzz is not installed (tools/setup.sh installs it, or \
             `cargo install cargo-fuzz --locked`)"
                .into(),
        );
    }
    None
}

pub fn run(rest: &[String]) -> Result<()> {
    let o = parse(rest)?;
    if let Some(why) = unavailable() {
        eprintln!("fuzz: SKIPPED: {why}");
        return Ok(());
    }
    let root = root();
    let started = Instant::now();
    // Sanitizer none: sdkgen has no unsafe code, and without ASan the targets build and run
    // several times faster; libFuzzer still finds panics, timeouts and memory blow-ups.
    let mut common = vec!["-O", "-s", "none"];
    if o.light {
        common.push("--no-default-features");
    }
    let mut build_args = vec!["fuzz", "build"];
    build_args.extend(&common);
    if o.light {
        build_args.push("load_lower");
    }
    eprintln!("$ cargo +nightly {}", build_args.join(" "));
    let mut build = nightly_cargo(&build_args);
    if !build.status()?.success() {
        bail!("building the fuzz targets failed");
    }
    eprintln!(
        "fuzz: targets built in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let logs = root.join("target/fuzz");
    std::fs::create_dir_all(&logs)?;
    let (mut passed, mut failed) = (0, 0);
    for t in &o.targets {
        let corpus = format!("fuzz/corpus/{t}");
        std::fs::create_dir_all(root.join(&corpus))?;
        let log_path = logs.join(format!("{t}.log"));
        let log = std::fs::File::create(&log_path)?;
        let mut args = vec!["fuzz", "run"];
        args.extend(&common);
        args.extend([t.as_str(), corpus.as_str()]);
        args.extend(SEEDS);
        let flags = [
            format!("-max_total_time={}", o.seconds),
            format!("-timeout={TIMEOUT}"),
            format!("-rss_limit_mb={RSS_LIMIT_MB}"),
            format!("-max_len={MAX_LEN}"),
            "-dict=fuzz/openapi.dict".to_string(),
            "-print_final_stats=1".to_string(),
        ];
        args.push("--");
        args.extend(flags.iter().map(String::as_str));
        eprintln!(
            "$ cargo +nightly {} > {}",
            args.join(" "),
            log_path.display()
        );
        let t0 = Instant::now();
        let status = nightly_cargo(&args)
            .stdout(log.try_clone()?)
            .stderr(log)
            .status()?;
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        let stats = Stats::parse(&text);
        let line = format!(
            "fuzz {t}: {} runs in {:.0} s, {} corpus inputs, peak RSS {} MB",
            stats.runs.map_or("?".into(), |n| n.to_string()),
            t0.elapsed().as_secs_f64(),
            count_files(&root.join(&corpus)),
            stats.peak_rss_mb.map_or("?".into(), |n| n.to_string()),
        );
        if status.success() {
            passed += 1;
            eprintln!("{line}: ok");
        } else {
            failed += 1;
            let tail: Vec<&str> = text.lines().rev().take(40).collect();
            for l in tail.iter().rev() {
                eprintln!("  {l}");
            }
            eprintln!(
                "{line}: FAILED ({status}); {}",
                stats
                    .artifact
                    .map(|a| format!("input written to {a}"))
                    .unwrap_or_else(|| format!("see {}", log_path.display()))
            );
        }
    }
    println!("fuzz: {passed} passed, {failed} failed");
    if failed > 0 {
        bail!("{failed} fuzz target(s) failed");
    }
    Ok(())
}

/// What libFuzzer's final lines say.
#[derive(Default)]
struct Stats {
    runs: Option<u64>,
    peak_rss_mb: Option<u64>,
    artifact: Option<String>,
}

impl Stats {
    fn parse(log: &str) -> Stats {
        let mut s = Stats::default();
        for l in log.lines() {
            if let Some(v) = l.strip_prefix("stat::number_of_executed_units:") {
                s.runs = v.trim().parse().ok();
            } else if let Some(v) = l.strip_prefix("stat::peak_rss_mb:") {
                s.peak_rss_mb = v.trim().parse().ok();
            } else if let Some((_, v)) = l.split_once("Test unit written to ") {
                s.artifact = Some(v.trim().to_string());
            } else if s.runs.is_none() {
                // `Done 1234 runs in 15 second(s)` when final stats are absent.
                if let Some(v) = l.strip_prefix("Done ") {
                    s.runs = v.split(' ').next().and_then(|n| n.parse().ok());
                }
            }
        }
        s
    }
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| d.filter_map(|e| e.ok()).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_stats_and_artifacts() {
        let log = "#2\tINITED cov: 10\nDone 4096 runs in 15 second(s)\nstat::number_of_executed_units: 4100\nstat::peak_rss_mb: 93\n";
        let s = Stats::parse(log);
        assert_eq!((s.runs, s.peak_rss_mb), (Some(4100), Some(93)));
        let crash = "==1== ERROR: libFuzzer: deadly signal\nartifact_prefix='/r/fuzz/artifacts/emit/'; Test unit written to /r/fuzz/artifacts/emit/crash-abc\n";
        assert_eq!(
            Stats::parse(crash).artifact.as_deref(),
            Some("/r/fuzz/artifacts/emit/crash-abc")
        );
    }

    #[test]
    fn options() {
        let o = parse(&["--ci".into()]).unwrap();
        assert_eq!(
            (o.seconds, o.targets, o.light),
            (CI_SECONDS, vec!["load_lower".to_string()], true)
        );
        let o = parse(&[
            "--target".into(),
            "emit".into(),
            "--seconds".into(),
            "9".into(),
        ])
        .unwrap();
        assert_eq!((o.seconds, o.targets), (9, vec!["emit".to_string()]));
        assert!(parse(&["--target".into(), "nope".into()]).is_err());
    }
}
