//! `cargo xtask <command>`: the one entry point for people and pipelines.
//!
//! - `run`: the main job (generate from spec/; serve once the server exists)
//! - `gen`: spec/ -> sdks/ (and snapshots/ via the snapshot tests)
//! - `check`: regenerate into a temporary folder and fail on any drift
//! - `test`: everything CI runs (the README's test command)
//! - `corpus [--specs DIR] [--lang L] [--only a,b] [--ci]`: every spec x language through its checkers;
//!   `corpus --wire [--lang L] [--spec S] [--limit N] [--static]`: the docs samples against Prism (wire.rs);
//!   `corpus --apisguru`: the whole APIs.guru directory through `sdkgen check --emit` (apisguru.rs)
//! - `bench [--specs DIR]`: load and generation time, files and lines, per spec and language;
//!   `bench server`: vtserver under load (oha) and its transcription overhead (bench_server.rs);
//!   `bench diff`: `sdkgen diff` beside oasdiff on the spec pairs (bench_diff.rs)
//! - `fuzz [--seconds N] [--target T] [--ci]`: the cargo-fuzz targets of fuzz/ (fuzz.rs)
//! - `contract [--only python,typescript,go,java,csharp,schemathesis] [--keep] [-- ARGS]`: the SDKs and
//!   schemathesis (ARGS: extra `schemathesis run` arguments) against a real `vtserver`

mod apisguru;
mod bench;
mod bench_diff;
mod bench_server;
mod contract;
mod corpus;
mod fuzz;
mod gen;
mod lang_csharp;
mod lang_go;
mod lang_java;
mod samples;
mod samples_csharp;
mod samples_go;
mod samples_java;
mod samples_python;
mod samples_typescript;
mod tools;
mod wire;
mod wire_csharp;
mod wire_go;
mod wire_java;

use anyhow::{bail, Result};
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        bail!("usage: cargo xtask <run|gen|check|test|corpus|bench|fuzz|contract|setup> [options]");
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "gen" => gen::gen(),
        "run" => run_main(rest),
        "check" => gen::check(),
        "setup" => tools::setup(),
        "test" => test(rest),
        "corpus" if rest.iter().any(|a| a == "--apisguru") => apisguru::run(rest),
        "corpus" => corpus::run(&corpus::Options::parse(rest)?),
        "bench" => bench::run(rest),
        "contract" => contract::run(rest),
        "fuzz" => fuzz::run(rest),
        other => bail!("unknown command `{other}`"),
    }
}

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

/// Runs a command in the repo root, streaming its output; fails when it fails.
pub fn sh(program: &str, args: &[&str]) -> Result<()> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = std::process::Command::new(program)
        .args(args)
        .current_dir(root())
        .status()?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// The main job: generate the SDKs from spec/, then serve the platform: `vtserver serve` on
/// its embedded defaults (its default address and data directory; the default model is
/// prepared on the first start). Arguments after `run` go to `vtserver serve`
/// (`cargo xtask run --addr 127.0.0.1:9000`).
fn run_main(rest: &[String]) -> Result<()> {
    gen::gen()?;
    eprintln!("run: SDKs generated under sdks/; starting the reference server (Ctrl-C stops it)");
    let bin = contract::build_server()?;
    let status = std::process::Command::new(&bin)
        .arg("serve")
        .args(rest)
        .current_dir(root())
        .status()?;
    if !status.success() {
        bail!("vtserver serve exited ({status})");
    }
    Ok(())
}

/// Everything CI runs. Each step prints its own runner summary.
fn test(rest: &[String]) -> Result<()> {
    let quick = rest.iter().any(|a| a == "--quick");
    tools::setup()?;
    sh("cargo", &["fmt", "--all", "--", "--check"])?;
    sh(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // Snapshot drift fails the tests (INSTA_UPDATE=no, unreferenced snapshots rejected).
    std::env::set_var("INSTA_UPDATE", "no");
    sh("cargo", &["test", "--workspace", "--all-targets"])?;
    gen::check()?;
    if !quick {
        corpus::run(&corpus::Options::ci())?;
        corpus::run(&corpus::Options::ci_wire())?;
        // A bounded run of the fuzz targets (skipped, saying why, without nightly or cargo-fuzz).
        fuzz::run(&["--ci".to_string()])?;
    }
    // The SDKs and schemathesis against a real vtserver (after everything else, as it
    // needs the server to build and the default model to be cached).
    contract::run(&[])?;
    eprintln!("xtask test: all steps passed");
    Ok(())
}
