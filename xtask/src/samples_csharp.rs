//! The C# samples of a corpus spec, compiled against its generated SDK: every sample is a
//! method of one file (`sdkgen_csharp::sample::program`, the layout the crate's docs test
//! compiles too), built by one `mcs` run at C# 7.2 with every warning an error against the
//! `bin/Sdk.dll` the SDK's own check just built (the SDK's sources when it is absent).
//! Deprecated operations are sampled on purpose, so their warnings (612, 618) are silenced,
//! as in generator/csharp/tests/docs.rs.

use anyhow::{Context, Result};
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::process::Command;

pub fn check(
    api: &Api,
    samples: &LangSamples,
    sdk_dir: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<()> {
    if samples.samples.is_empty() {
        log.push_str("== samples (mcs)\nno operations, no samples\n");
        return Ok(());
    }
    let blocks: Vec<&str> = samples.samples.iter().map(|s| s.code.as_str()).collect();
    let source = sdkgen_csharp::sample::program(api, None, &samples.setup, &blocks);
    std::fs::write(scratch.join("Samples.cs"), &source)?;
    let mut cmd = Command::new("mcs");
    cmd.args([
        "-langversion:7.2",
        "-warnaserror+",
        "-warn:4",
        "-nowarn:612,618",
        "-nologo",
        "-target:library",
        "-r:System.Net.Http",
        "-r:System.Runtime.Serialization",
    ])
    .arg(format!("-r:{}", crate::lang_csharp::NEWTONSOFT))
    .arg(format!("-out:{}", scratch.join("Samples.dll").display()));
    let dll = sdk_dir.join("bin/Sdk.dll");
    if dll.is_file() {
        cmd.arg(format!("-r:{}", dll.display()));
    } else {
        cmd.arg(format!("-recurse:{}/src/*.cs", sdk_dir.display()));
    }
    cmd.arg("Samples.cs").current_dir(scratch);
    let before = log.len();
    crate::corpus::run_check("samples (mcs -warnaserror+)", &mut cmd, log).with_context(|| {
        match culprit(&source, &log[before..]) {
            Some(i) => format!(
                "the sample of {}",
                samples.samples.get(i).map_or("?", |s| s.operation.as_str())
            ),
            None => "the samples' set-up".into(),
        }
    })
}

/// The index of the sample whose method holds the first error `mcs` reported (the last
/// `Sample<i>(` declared at or before its line), from `Samples.cs(<line>,<col>): error`.
fn culprit(source: &str, log: &str) -> Option<usize> {
    let at = log.find("Samples.cs(")? + "Samples.cs(".len();
    let line: usize = log[at..].split([',', ')']).next()?.parse().ok()?;
    source
        .lines()
        .take(line)
        .filter_map(|l| {
            let rest = l.split(".Task Sample").nth(1)?;
            rest.split('(').next()?.parse().ok()
        })
        .last()
}

#[cfg(test)]
mod tests {
    #[test]
    fn culprit_is_the_sample_around_the_first_error() {
        let source = "using X;\n\npublic static class Samples\n{\n    public static void Setup()\n    {\n    }\n\n    public static async global::System.Threading.Tasks.Task Sample0(C client)\n    {\n        ok();\n    }\n\n    public static async global::System.Threading.Tasks.Task Sample1(C client)\n    {\n        bad();\n    }\n}\n";
        let log = "== samples (mcs -warnaserror+)\nSamples.cs(16,9): error CS0103: The name `bad' does not exist in the current context\nSamples.cs(11,9): error CS0103: ...\n";
        assert_eq!(super::culprit(source, log), Some(1));
        assert_eq!(
            super::culprit(source, "Samples.cs(6,1): error CS1525"),
            None
        );
        assert_eq!(
            super::culprit(source, "error CS2001: Source file missing"),
            None
        );
    }
}
