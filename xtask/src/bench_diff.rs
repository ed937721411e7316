//! `cargo xtask bench diff` (also part of `cargo xtask bench`): `sdkgen diff` beside oasdiff
//! on the vendor pairs of ../shared/specs/pairs and spec/ v1 -> v2: breaking operations
//! found by each and by both, and wall time (median of runs; ours loads both specs and
//! compares in-process, oasdiff is the installed binary run as a user would).

use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0i32;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push_str("{}");
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    let t = out.trim_end_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        t.to_string()
    }
}

/// (name, old spec, new spec, path prefixes oasdiff should strip).
type Pair = (
    String,
    PathBuf,
    PathBuf,
    Option<(&'static str, &'static str)>,
);

fn pairs() -> Vec<Pair> {
    let root = crate::root();
    let mut out = vec![(
        "spec v1 -> v2".to_string(),
        root.join("spec/openapi/v1.yaml"),
        root.join("spec/openapi/v2.yaml"),
        Some(("/api/v1", "/api/v2")),
    )];
    let dir = crate::corpus::default_specs().join("pairs");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.is_dir());
    dirs.sort();
    for d in dirs {
        let find = |stem: &str| -> Option<PathBuf> {
            std::fs::read_dir(&d)
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(stem))
        };
        if let (Some(o), Some(n)) = (find("old"), find("new")) {
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, o, n, None));
        }
    }
    out
}

pub fn run(runs: usize) -> Result<()> {
    let oasdiff = crate::root().join(".tools/go/bin/oasdiff");
    if !oasdiff.exists() {
        crate::tools::setup()?;
    }
    println!("\n`sdkgen diff` beside `oasdiff breaking` (v1.37.0); times are medians of {runs} runs, each loading both specs\n");
    println!("| pair | oasdiff ERR ops | sdkgen breaking ops | found by both | only oasdiff | only sdkgen | oasdiff ms | sdkgen ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, old, new, strip) in pairs() {
        let mut times = Vec::new();
        let mut out = Vec::new();
        for _ in 0..runs {
            let mut cmd = Command::new(&oasdiff);
            cmd.arg("breaking")
                .arg(&old)
                .arg(&new)
                .args(["--format", "json"]);
            if let Some((a, b)) = strip {
                cmd.args(["--strip-prefix-base", a, "--strip-prefix-revision", b]);
            }
            let t = Instant::now();
            out = cmd.output().context("running oasdiff")?.stdout;
            times.push(t.elapsed());
        }
        let theirs: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        let oas: BTreeSet<String> = theirs
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["level"] == 3)
            .filter_map(|c| {
                Some(format!(
                    "{} {}",
                    c["operation"].as_str()?,
                    shape(c["path"].as_str()?)
                ))
            })
            .collect();
        let mut ours_t = Vec::new();
        let mut changes = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let a = crate::gen::load(&old)?;
            let b = crate::gen::load(&new)?;
            changes = sdkgen_diff::diff(&a, &b);
            ours_t.push(t.elapsed());
        }
        let ours: BTreeSet<String> = changes
            .iter()
            .filter(|c| c.level == sdkgen_diff::Level::Breaking && !c.operation.is_empty())
            .map(|c| {
                let (m, p) = c.operation.split_once(' ').unwrap_or(("", ""));
                let p = strip
                    .and_then(|(a, b)| p.strip_prefix(a).or_else(|| p.strip_prefix(b)))
                    .unwrap_or(p);
                format!("{m} {}", shape(p))
            })
            .collect();
        let both = oas.intersection(&ours).count();
        println!(
            "| {name} | {} | {} | {both} | {} | {} | {:.0} | {:.0} |",
            oas.len(),
            ours.len(),
            oas.len() - both,
            ours.len() - both,
            median(times).as_secs_f64() * 1e3,
            median(ours_t).as_secs_f64() * 1e3
        );
    }
    println!(
        "\n(only-sdkgen operations are explained rule by rule in generator/diff/tests/oasdiff.rs)"
    );
    Ok(())
}
