//! The python samples of a corpus spec, type-checked against its generated SDK: the one
//! module `sdkgen_python::sample::program` lays out, through mypy --strict and pyright
//! (strict), as the SDK itself is checked.

use crate::corpus::run_check;
use crate::tools::{node_bin, venv_bin};
use anyhow::Result;
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::process::Command;

pub fn check(
    _api: &Api,
    samples: &LangSamples,
    sdk_dir: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<()> {
    let start = std::time::Instant::now();
    let src = if sdk_dir.join("src").is_dir() {
        sdk_dir.join("src")
    } else {
        sdk_dir.to_path_buf()
    };
    for f in sdkgen_python::sample::program(samples, &src.to_string_lossy()) {
        std::fs::write(scratch.join(&f.path), &f.contents)?;
    }
    // The cache the SDK's own mypy run filled: its modules are not checked again.
    let name = sdk_dir.file_name().unwrap_or_default();
    let cache = crate::root().join("target/corpus/.mypy_cache").join(name);
    run_check(
        "samples: mypy --strict",
        Command::new(venv_bin("mypy"))
            .arg("--strict")
            .arg("--cache-dir")
            .arg(&cache)
            .current_dir(scratch),
        log,
    )?;
    run_check(
        "samples: pyright",
        Command::new(node_bin("pyright"))
            .arg("--pythonpath")
            .arg(venv_bin("python"))
            .args(["-p", "."])
            .current_dir(scratch),
        log,
    )?;
    log.push_str(&format!(
        "== samples: {} checked in {:.1}s\n",
        samples.samples.len(),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}
