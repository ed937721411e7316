//! The typescript samples of a corpus spec, type-checked against its generated SDK: the
//! program `sdkgen_typescript::sample::program` lays out, through tsc with the SDK's own
//! compiler options.

use crate::corpus::run_check;
use crate::tools::node_bin;
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
    let index = sdk_dir.join("src/index.js");
    for f in sdkgen_typescript::sample::program(samples, &index.to_string_lossy()) {
        std::fs::write(scratch.join(&f.path), &f.contents)?;
    }
    let mut tsc = Command::new(node_bin("tsc"));
    tsc.args(["-p", "."])
        .env("NODE_OPTIONS", "--max-old-space-size=8192")
        .current_dir(scratch);
    run_check("samples: tsc", &mut tsc, log)?;
    log.push_str(&format!(
        "== samples: {} checked in {:.1}s\n",
        samples.samples.len(),
        start.elapsed().as_secs_f64()
    ));
    Ok(())
}
