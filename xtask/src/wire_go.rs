//! The Go runner of `cargo xtask corpus --wire`: the samples program the corpus builds
//! (`sdkgen_go::sample::program`, in a module that replaces the SDK's module path with its
//! folder, as samples_go.rs lays it out), its `main` turned into `wireSetup` (the docs'
//! context and client) and `wireSamples` (the samples in order), built with
//! `xtask/wire/run.go` as its `main` into one binary that runs each sample in a child
//! process of its own.

use anyhow::{bail, Context, Result};
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use std::path::Path;
use std::process::Command;

use crate::corpus::run_check;
use crate::lang_go::go_cmd;

/// Lays out and builds the runner in `scratch`; the command that runs it (LIMIT and
/// SECONDS are added by the caller).
pub fn runner(
    api: &Api,
    samples: &LangSamples,
    sdk: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<Command> {
    let pkg = sdkgen_go::model::build(api, None);
    let snippets: Vec<(String, String)> = samples
        .samples
        .iter()
        .map(|s| (s.operation.clone(), s.code.clone()))
        .collect();
    let program = sdkgen_go::sample::program(&samples.setup, &pkg.name, &snippets);
    let source = wire_program(&program, &pkg.name, snippets.len())?;
    let sdk = sdk
        .canonicalize()
        .with_context(|| format!("the SDK folder {}", sdk.display()))?;
    let gomod = std::fs::read_to_string(sdk.join("go.mod")).context("go.mod of the SDK")?;
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
            "module example.com/wire\n\ngo {go}\n\nrequire {module} v0.0.0\n\nreplace {module} => {}\n",
            sdk.display()
        ),
    )?;
    std::fs::write(scratch.join("main.go"), &source)?;
    std::fs::write(scratch.join("run.go"), include_str!("../wire/run.go"))?;
    // What the upload samples open.
    for f in ["file.bin", "image.png", "clip.mp4", "audio.mp3"] {
        std::fs::write(scratch.join(f), b"file contents")?;
    }
    run_check(
        "go build (wire)",
        go_cmd("go", scratch).args(["build", "-o", "wire", "."]),
        log,
    )?;
    Ok(Command::new(scratch.join("wire")))
}

/// The samples program with its `main` (the set-up, then every sample called in turn)
/// replaced by `wireSetup`, which returns the set-up's context and client, and
/// `wireSamples`, the `n` sample functions in order.
fn wire_program(program: &str, pkg: &str, n: usize) -> Result<String> {
    let start = program
        .find("\nfunc main() {\n")
        .context("the samples program has no main")?;
    let body_start = start + "\nfunc main() {\n".len();
    let len = program[body_start..]
        .find("\n}\n")
        .context("the samples program's main does not end")?;
    let body = &program[body_start..body_start + len];
    let mut out = program[..start].to_string();
    out.push_str(&format!(
        "\nfunc wireSetup() (context.Context, *{pkg}.Client) {{\n"
    ));
    for l in body.lines() {
        let t = l.trim();
        let is_call = t
            .strip_prefix("sample")
            .and_then(|r| r.strip_suffix("(ctx, client)"))
            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()));
        if !is_call {
            out.push_str(l);
            out.push('\n');
        }
    }
    out.push_str("\treturn ctx, client\n}\n");
    out.push_str(&format!(
        "\nvar wireSamples = []func(context.Context, *{pkg}.Client){{"
    ));
    for i in 0..n {
        if i % 8 == 0 {
            out.push_str("\n\t");
        } else {
            out.push(' ');
        }
        out.push_str(&format!("sample{i},"));
    }
    out.push_str("\n}\n");
    out.push_str(&program[body_start + len + 2..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_becomes_set_up_and_sample_list() {
        let setup = "import (\n\t\"context\"\n\t\"fmt\"\n\t\"log\"\n\n\t\"example.com/acme\"\n)\n\nctx := context.Background()\nclient := acme.NewClient() // ACME_API_KEY";
        let snippets = vec![
            (
                "a".to_string(),
                "result, err := client.A(ctx)\nif err != nil {\n\tlog.Fatal(err)\n}\nfmt.Printf(\"%+v\\n\", result)".to_string(),
            ),
            (
                "b".to_string(),
                "if err := client.B(ctx); err != nil {\n\tlog.Fatal(err)\n}".to_string(),
            ),
        ];
        let program = sdkgen_go::sample::program(setup, "acme", &snippets);
        let out = wire_program(&program, "acme", 2).unwrap();
        assert!(!out.contains("func main()"), "{out}");
        assert!(out.contains("func wireSetup() (context.Context, *acme.Client) {\n\tctx := context.Background()\n\tclient := acme.NewClient() // ACME_API_KEY\n\treturn ctx, client\n}\n"), "{out}");
        assert!(out.contains("var wireSamples = []func(context.Context, *acme.Client){\n\tsample0, sample1,\n}\n"), "{out}");
        assert!(out.contains("func sample0(ctx context.Context, client *acme.Client) {"));
        assert!(out.contains("func sample1(ctx context.Context, client *acme.Client) {"));
    }
}
