//! The C# runner of `cargo xtask corpus --wire`: the SDK's sources, the samples program
//! (`sdkgen_csharp::sample::program`, its set-up handing the client it builds to the runner)
//! and `xtask/wire/Run.cs` compiled by one `mcs` run into `wire.exe`, run on Mono.

use anyhow::{Context, Result};
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::process::Command;

/// What the set-up gains: the client it built, handed to the runner.
const HAND_OVER: &str = "global::SdkgenWire.Runner.Client = client;";

pub fn runner(
    api: &Api,
    samples: &LangSamples,
    sdk: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<Command> {
    crate::lang_csharp::ensure_toolchain()?;
    let core = runtime_namespace(&samples.setup)
        .context("the C# samples' set-up names no `<Namespace>.Core`")?;
    let blocks: Vec<&str> = samples.samples.iter().map(|s| s.code.as_str()).collect();
    let setup = format!("{}\n{HAND_OVER}", samples.setup);
    let source = sdkgen_csharp::sample::program(api, None, &setup, &blocks);
    std::fs::write(scratch.join("Samples.cs"), source)?;
    std::fs::write(
        scratch.join("Run.cs"),
        format!(
            "using WireCore = global::{core};\n\n{}",
            include_str!("../wire/Run.cs")
        ),
    )?;
    // What the upload samples open.
    std::fs::create_dir_all(scratch.join("path/to"))?;
    std::fs::write(scratch.join("path/to/file"), b"file contents")?;
    let mut mcs = Command::new("mcs");
    mcs.args([
        "-langversion:7.2",
        "-nologo",
        "-nowarn:612,618",
        "-target:exe",
        "-r:System.Net.Http",
        "-r:System.Runtime.Serialization",
    ])
    .arg(format!("-r:{}", crate::lang_csharp::NEWTONSOFT))
    .arg("-out:wire.exe")
    .arg(format!("-recurse:{}/src/*.cs", sdk.display()))
    .args(["Samples.cs", "Run.cs"])
    .current_dir(scratch);
    crate::corpus::run_check("mcs (sdk + samples + Run.cs)", &mut mcs, log)?;
    let newtonsoft = Path::new(crate::lang_csharp::NEWTONSOFT)
        .parent()
        .context("Newtonsoft.Json's folder")?;
    let mut cmd = Command::new("mono");
    cmd.arg("wire.exe").env("MONO_PATH", newtonsoft);
    Ok(cmd)
}

/// `Acme.Core` from the set-up's `using Acme.Core;`.
fn runtime_namespace(setup: &str) -> Option<&str> {
    setup.lines().find_map(|l| {
        let ns = l.trim().strip_prefix("using ")?.strip_suffix(';')?;
        (ns.ends_with(".Core") && !ns.contains(' ')).then_some(ns)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_runtime_namespace_comes_from_the_setup() {
        let setup = "using System;\nusing Acme.Api;\nusing Acme.Api.Core;\n\nvar client = new AcmeClient();";
        assert_eq!(super::runtime_namespace(setup), Some("Acme.Api.Core"));
        assert_eq!(super::runtime_namespace("using System;"), None);
    }
}
