//! `sdkgen`: the command-line interface. Thin: argument parsing, IO and exit codes; the
//! work happens in the library crates.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use sdkgen_core::diag::{Diagnostic, Severity};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sdkgen",
    version,
    about = "Generate idiomatic SDKs from OpenAPI specs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate an SDK package for a spec.
    Generate {
        /// The spec file (OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML).
        spec: PathBuf,
        /// Target language.
        #[arg(long, value_enum)]
        lang: Lang,
        /// Output directory (created; files in it are overwritten).
        #[arg(long)]
        out: PathBuf,
        /// Package name (default: derived from the API title).
        #[arg(long)]
        name: Option<String>,
    },
    /// Compare two versions of an API and classify every change (breaking, warning, info).
    ///
    /// Exit code: 0, or 1 when a change at the `--fail-on` level (or worse) was found, or 2
    /// when a spec does not load.
    Diff {
        /// The old version (any format the loader reads).
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Exit with 1 when a change at this level or worse is found.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// A markdown changelog (Keep a Changelog sections, breaking changes first and marked)
    /// from OLD to NEW, with the semantic-version bump the changes call for.
    Changelog {
        old: PathBuf,
        new: PathBuf,
        /// Write to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build the API reference site of a spec (`--out`), or measure how much of it is
    /// documented (`--coverage`, with `--min` to fail below a percentage).
    Docs {
        spec: PathBuf,
        /// Output directory of the site (index.html + assets/).
        #[arg(long, required_unless_present = "coverage")]
        out: Option<PathBuf>,
        /// Print the share of operations, parameters, schemas and fields that carry a
        /// description, and the missing ones as JSON pointers (JSON on stdout).
        #[arg(long)]
        coverage: bool,
        /// With `--coverage`: exit with 1 when the overall share is below this percentage.
        #[arg(long, requires = "coverage")]
        min: Option<f64>,
        /// Package name the code samples import (default: derived from the API title).
        #[arg(long)]
        name: Option<String>,
    },
    /// A migration guide from OLD to NEW for the users of one SDK language: each breaking
    /// change with code before and after in that SDK's identifiers.
    MigrationGuide {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum)]
        lang: Lang,
        /// Package name (as given to `generate`).
        #[arg(long)]
        name: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Load and lower a spec only, and print its diagnostics.
    Check {
        spec: PathBuf,
        /// Print the IR as JSON on stdout.
        #[arg(long)]
        ir: bool,
        /// Also run every emitter (each SDK language, the server's wire types, the docs site)
        /// in memory and print what each produced, writing nothing.
        #[arg(long)]
        emit: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Python,
    Typescript,
    Go,
    Java,
    Csharp,
    /// Serde wire types for a server (one `wire.rs`).
    Rust,
}

impl Lang {
    /// The key sdkgen-langs knows the language by.
    fn key(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Typescript => "typescript",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::Csharp => "csharp",
            Lang::Rust => "rust",
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Breaking,
    Warning,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

/// Loads a spec printing only errors (a diff or changelog has no use for the warnings).
fn load_quiet(p: &Path) -> Option<sdkgen_core::ir::Api> {
    match sdkgen_core::load_path(p) {
        Ok(l) => Some(l.api),
        Err(f) => {
            eprintln!("error: {} does not load", p.display());
            print_diagnostics(&f.diagnostics);
            None
        }
    }
}

fn load(spec: &Path) -> Result<Option<sdkgen_core::Loaded>> {
    match sdkgen_core::load_path(spec) {
        Ok(l) => {
            print_diagnostics(&l.diagnostics);
            Ok(Some(l))
        }
        Err(f) => {
            print_diagnostics(&f.diagnostics);
            Ok(None)
        }
    }
}

/// Every emitter over `api` in memory (`check --emit`), one line each: files, bytes, time.
fn emit_all(api: &sdkgen_core::ir::Api) {
    let report = |what: &str, started: std::time::Instant, files: &[sdkgen_core::emit::File]| {
        let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
        eprintln!(
            "{what}: {} files, {bytes} bytes in {} ms",
            files.len(),
            started.elapsed().as_millis()
        );
    };
    for lang in sdkgen_langs::SDK_LANGS.iter().copied().chain(["rust"]) {
        let started = std::time::Instant::now();
        if let Some(files) = sdkgen_langs::generate(lang, api, None) {
            report(lang, started, &files);
        }
    }
    let started = std::time::Instant::now();
    let samples = sdkgen_langs::samples(api, None);
    let files = sdkgen_docs::generate(api, &samples);
    report("docs", started, &files);
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check { spec, ir, emit } => {
            let started = std::time::Instant::now();
            let Some(loaded) = load(&spec)? else {
                return Ok(ExitCode::from(1));
            };
            let lowered_ms = started.elapsed().as_millis();
            let ops = loaded.api.operations().count();
            eprintln!(
                "loaded {}: {} operations in {} groups, {} types",
                spec.display(),
                ops,
                loaded.api.groups.len(),
                loaded.api.types.len()
            );
            if ir {
                println!("{}", serde_json::to_string_pretty(&loaded.api)?);
            }
            if emit {
                eprintln!("load and lower: {lowered_ms} ms");
                emit_all(&loaded.api);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::MigrationGuide {
            old,
            new,
            lang,
            name,
            out,
        } => {
            let (Some(a), Some(b)) = (load_quiet(&old), load_quiet(&new)) else {
                return Ok(ExitCode::from(2));
            };
            let changes = sdkgen_diff::diff(&a, &b);
            let name = name.as_deref();
            let Some(text) = sdkgen_langs::migration_guide(lang.key(), &a, &b, &changes, name)
            else {
                bail!(
                    "migration guides are written for the SDK languages ({}), not `{}`",
                    sdkgen_langs::SDK_LANGS.join(", "),
                    lang.key()
                );
            };
            match out {
                Some(p) => {
                    std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Changelog { old, new, out } => {
            let (Some(a), Some(b)) = (load_quiet(&old), load_quiet(&new)) else {
                return Ok(ExitCode::from(2));
            };
            let changes = sdkgen_diff::diff(&a, &b);
            let text = sdkgen_diff::changelog(&a, &b, &changes);
            match out {
                Some(p) => {
                    std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            format,
            fail_on,
        } => {
            let (Some(a), Some(b)) = (load_quiet(&old), load_quiet(&new)) else {
                return Ok(ExitCode::from(2));
            };
            let changes = sdkgen_diff::diff(&a, &b);
            let fmt = match format {
                DiffFormat::Text => sdkgen_diff::Format::Text,
                DiffFormat::Json => sdkgen_diff::Format::Json,
                DiffFormat::Markdown => sdkgen_diff::Format::Markdown,
            };
            print!("{}", sdkgen_diff::render(&changes, fmt));
            let worst = match fail_on {
                None => None,
                Some(FailOn::Breaking) => Some(sdkgen_diff::Level::Breaking),
                Some(FailOn::Warning) => Some(sdkgen_diff::Level::Warning),
            };
            let hit = worst.is_some_and(|w| changes.iter().any(|c| c.level <= w));
            Ok(if hit {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Docs {
            spec,
            out,
            coverage,
            min,
            name,
        } => {
            let Some(loaded) = load(&spec)? else {
                return Ok(ExitCode::from(1));
            };
            let api = &loaded.api;
            if coverage {
                let c = sdkgen_docs::coverage(api);
                println!("{}", serde_json::to_string_pretty(&c.to_json())?);
                for (cat, v) in c.categories() {
                    eprintln!(
                        "{cat:<11} {:>5.1}% ({}/{})",
                        v.percent(),
                        v.documented,
                        v.total
                    );
                }
                eprintln!("{:<11} {:>5.1}%", "overall", c.percent());
                if let Some(m) = min {
                    if c.percent() < m {
                        eprintln!("coverage {:.1}% is below --min {m}%", c.percent());
                        return Ok(ExitCode::from(1));
                    }
                }
            }
            if let Some(out) = out {
                let started = std::time::Instant::now();
                let samples = sdkgen_langs::samples(api, name.as_deref());
                let files = sdkgen_docs::generate(api, &samples);
                let ms = started.elapsed().as_millis();
                write_files(&out, &files)?;
                let bytes: usize = files.iter().map(|f| f.contents.len()).sum();
                eprintln!(
                    "wrote {} files ({bytes} bytes) to {} in {ms} ms",
                    files.len(),
                    out.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            spec,
            lang,
            out,
            name,
        } => {
            let Some(loaded) = load(&spec)? else {
                return Ok(ExitCode::from(1));
            };
            let Some(files) = sdkgen_langs::generate(lang.key(), &loaded.api, name.as_deref())
            else {
                bail!("no emitter for `{}`", lang.key());
            };
            write_files(&out, &files)?;
            eprintln!("wrote {} files to {}", files.len(), out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn write_files(out: &Path, files: &[sdkgen_core::emit::File]) -> Result<()> {
    for f in files {
        if f.path.is_absolute()
            || f.path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            bail!(
                "refusing to write outside the output directory: {}",
                f.path.display()
            );
        }
        let p = out.join(&f.path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&p, &f.contents).with_context(|| format!("writing {}", p.display()))?;
    }
    Ok(())
}
