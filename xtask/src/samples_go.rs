//! The Go samples of a corpus spec, compiled against its generated SDK: every sample is a
//! function of one `package main` (`sdkgen_go::sample::program`, the program the crate's
//! tests build for spec/), in a module beside the SDK that replaces the SDK's module path
//! with its folder; gofmt -l, go build and go vet must pass, as in the crate's tests.

use anyhow::{bail, Context, Result};
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::time::Instant;

use crate::corpus::run_check;
use crate::lang_go::go_cmd;

/// The samples program of `samples` (its text, and how many samples it holds), with a
/// go.mod in `scratch` naming module `example.com/<module>` that replaces the SDK's module
/// path with its folder `sdk_dir`. The caller writes the program.
pub fn lay_out(
    api: &Api,
    samples: &LangSamples,
    sdk_dir: &Path,
    scratch: &Path,
    module_name: &str,
) -> Result<(String, usize)> {
    let pkg = sdkgen_go::model::build(api, None);
    let snippets: Vec<(String, String)> = samples
        .samples
        .iter()
        .map(|s| (s.operation.clone(), s.code.clone()))
        .collect();
    let source = sdkgen_go::sample::program(&samples.setup, &pkg.name, &snippets);
    let sdk_dir = sdk_dir
        .canonicalize()
        .with_context(|| format!("the SDK folder {}", sdk_dir.display()))?;
    let gomod = std::fs::read_to_string(sdk_dir.join("go.mod")).context("go.mod of the SDK")?;
    let Some(module) = gomod.lines().find_map(|l| l.strip_prefix("module ")) else {
        bail!("go.mod of the SDK names no module");
    };
    let module = module.trim();
    let go = gomod
        .lines()
        .find_map(|l| l.strip_prefix("go "))
        .unwrap_or("1.24")
        .trim();
    std::fs::write(
        scratch.join("go.mod"),
        format!(
            "module example.com/{module_name}\n\ngo {go}\n\nrequire {module} v0.0.0\n\nreplace {module} => {}\n",
            sdk_dir.display()
        ),
    )?;
    Ok((source, snippets.len()))
}

pub fn check(
    api: &Api,
    samples: &LangSamples,
    sdk_dir: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<()> {
    let start = Instant::now();
    let (source, count) = lay_out(api, samples, sdk_dir, scratch, "samples")?;
    std::fs::write(scratch.join("main.go"), &source)?;
    let result = (|| -> Result<()> {
        let out = go_cmd("gofmt", scratch).args(["-d", "main.go"]).output()?;
        let diff = String::from_utf8_lossy(&out.stdout).to_string();
        log.push_str(&format!(
            "== gofmt -d (samples)\n{diff}{}\n",
            String::from_utf8_lossy(&out.stderr)
        ));
        if !out.status.success() || !diff.trim().is_empty() {
            // The first line gofmt would change, and the sample that holds it.
            let first = diff
                .lines()
                .find_map(|l| l.strip_prefix('-').filter(|_| !l.starts_with("---")));
            let line = first.and_then(|f| source.lines().position(|l| l == f).map(|i| i + 1));
            bail!(
                "gofmt -l (samples): main.go would change {:?}{}",
                first.unwrap_or("").trim(),
                culprit(line, &source)
            );
        }
        for (label, args) in [
            ("go build (samples)", &["build", "-o", "/dev/null", "."][..]),
            ("go vet (samples)", &["vet", "."][..]),
        ] {
            let before = log.len();
            if let Err(e) = run_check(label, go_cmd("go", scratch).args(args), log) {
                // The first message about main.go (the first line is `# example.com/samples`).
                let Some(first) = log[before..].lines().find(|l| l.contains("main.go:")) else {
                    return Err(e);
                };
                let line = first
                    .split("main.go:")
                    .nth(1)
                    .and_then(|r| r.split(':').next())
                    .and_then(|n| n.parse().ok());
                bail!("{label}: {}{}", first.trim(), culprit(line, &source));
            }
        }
        Ok(())
    })();
    log.push_str(&format!(
        "== samples (go): {} samples in {:.1}s\n",
        count,
        start.elapsed().as_secs_f64()
    ));
    result
}

/// ` (the sample of OP)` for line `line` of main.go, from the `// sampleN is OP.` comment
/// above it; empty outside the samples (the set-up in `main`).
fn culprit(line: Option<usize>, source: &str) -> String {
    line.and_then(|n| {
        source
            .lines()
            .take(n)
            .filter_map(|l| l.strip_prefix("// sample"))
            .filter_map(|l| l.split_once(" is ").map(|(_, op)| op.trim_end_matches('.')))
            .last()
    })
    .map(|op| format!(" (the sample of {op})"))
    .unwrap_or_default()
}
