//! `cargo xtask corpus`: every spec x every language: generate, then that language's own
//! type checkers and linters. Prints a table and a totals line; fails if any cell fails.

use crate::tools::{node_bin, venv_bin};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

pub struct Options {
    pub specs: PathBuf,
    pub langs: Vec<String>,
    pub only: Option<Vec<String>>,
    pub jobs: usize,
    /// `--wire`: run the docs samples against Prism instead of the checkers (wire.rs).
    pub wire: bool,
    /// `--limit N` (with `--wire`): the first N samples of each spec; 0 runs them all.
    pub limit: usize,
    /// `--static` (with `--wire`): Prism answers with the spec's examples, not generated data.
    pub static_mock: bool,
}

/// The slice CI runs on every change: specs covering Swagger 2.0, OpenAPI 3.0 and 3.1, JSON
/// and YAML, deep allOf, heavy oneOf/anyOf and discriminators (about 4 minutes on 2 cores).
pub const CI_SLICE: [&str; 7] = [
    "apisguru_xkcd",
    "adyen_recurring_v68",
    "twilio_lookups_v2",
    "spotify",
    "slack_web",
    "discord",
    "openai",
];

/// Every SDK language, in table order.
pub const ALL_LANGS: [&str; 5] = ["python", "typescript", "go", "java", "csharp"];

pub fn default_specs() -> PathBuf {
    std::env::var_os("SDKGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::root().join("../shared/specs"))
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut o = Options {
            specs: default_specs(),
            langs: ALL_LANGS.iter().map(|s| s.to_string()).collect(),
            only: None,
            jobs: 2,
            wire: false,
            limit: 0,
            static_mock: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut val = || {
                it.next()
                    .cloned()
                    .with_context(|| format!("{a} needs a value"))
            };
            match a.as_str() {
                "--specs" => o.specs = PathBuf::from(val()?),
                "--lang" => o.langs = val()?.split(',').map(str::to_string).collect(),
                "--only" | "--spec" => {
                    let names = val()?;
                    o.only
                        .get_or_insert_with(Vec::new)
                        .extend(names.split(',').map(str::to_string));
                }
                "--jobs" => o.jobs = val()?.parse()?,
                "--ci" => o.only = Some(CI_SLICE.iter().map(|s| s.to_string()).collect()),
                "--wire" => o.wire = true,
                "--limit" => o.limit = val()?.parse()?,
                "--static" => o.static_mock = true,
                other => bail!("unknown option `{other}`"),
            }
        }
        Ok(o)
    }

    pub fn ci() -> Options {
        Options {
            specs: default_specs(),
            langs: ALL_LANGS.iter().map(|s| s.to_string()).collect(),
            only: Some(CI_SLICE.iter().map(|s| s.to_string()).collect()),
            jobs: 2,
            wire: false,
            limit: 0,
            static_mock: false,
        }
    }

    /// The wire slice CI runs: small specs, the languages with a runner.
    pub fn ci_wire() -> Options {
        Options {
            specs: default_specs(),
            langs: crate::wire::WIRE_LANGS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            only: Some(
                crate::wire::CI_SLICE
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            jobs: 2,
            wire: true,
            limit: 0,
            static_mock: false,
        }
    }
}

struct Cell {
    spec: String,
    lang: String,
    ok: bool,
    detail: String,
    secs: f64,
}

pub fn list_specs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
        if p.is_file() && matches!(ext, "json" | "yaml" | "yml") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

pub fn run(o: &Options) -> Result<()> {
    if o.wire {
        return crate::wire::run(o);
    }
    if !o.specs.is_dir() {
        let msg = format!("corpus: the spec folder {} is absent", o.specs.display());
        if std::env::var_os("CI").is_some() {
            bail!("{msg}; CI needs it");
        }
        eprintln!(
            "\n!!!!!!!! {msg}: SKIPPING the corpus (set SDKGEN_CORPUS or --specs) !!!!!!!!\n"
        );
        return Ok(());
    }
    if !crate::tools::available() {
        crate::tools::setup()?;
    }
    let mut specs = list_specs(&o.specs)?;
    if let Some(only) = &o.only {
        specs.retain(|p| only.iter().any(|n| stem(p) == *n));
        if specs.len() != only.len() {
            bail!("corpus: some of {only:?} are not in {}", o.specs.display());
        }
    }
    let mut work: Vec<(PathBuf, String)> = Vec::new();
    for s in &specs {
        for l in &o.langs {
            work.push((s.clone(), l.clone()));
        }
    }
    let queue = Mutex::new(work.into_iter());
    let cells = Mutex::new(Vec::<Cell>::new());
    std::thread::scope(|scope| {
        for _ in 0..o.jobs.max(1) {
            scope.spawn(|| loop {
                let next = queue.lock().unwrap().next();
                let Some((spec, lang)) = next else { break };
                let cell = run_cell(&spec, &lang);
                eprintln!(
                    "corpus: {:<28} {:<11} {} ({:.1}s){}",
                    cell.spec,
                    cell.lang,
                    if cell.ok { "ok" } else { "FAILED" },
                    cell.secs,
                    if cell.ok {
                        String::new()
                    } else {
                        format!(": {}", cell.detail)
                    }
                );
                cells.lock().unwrap().push(cell);
            });
        }
    });
    let mut cells = cells.into_inner().unwrap();
    cells.sort_by(|a, b| (&a.spec, &a.lang).cmp(&(&b.spec, &b.lang)));
    print_table(&cells, &o.langs);
    let failed = cells.iter().filter(|c| !c.ok).count();
    let passed = cells.len() - failed;
    println!("corpus: {passed} passed, {failed} failed");
    if failed > 0 {
        bail!("{failed} corpus cell(s) failed; logs under target/corpus/");
    }
    Ok(())
}

pub fn stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string()
}

fn print_table(cells: &[Cell], langs: &[String]) {
    let mut specs: Vec<&str> = cells.iter().map(|c| c.spec.as_str()).collect();
    specs.dedup();
    print!("\n| {:<28} |", "spec");
    for l in langs {
        print!(" {l:<18} |");
    }
    println!();
    print!("|{}|", "-".repeat(30));
    for _ in langs {
        print!("{}|", "-".repeat(20));
    }
    println!();
    for s in specs {
        print!("| {s:<28} |");
        for l in langs {
            let c = cells.iter().find(|c| c.spec == s && &c.lang == l);
            let text = match c {
                Some(c) if c.ok => format!("ok {:>6.1}s", c.secs),
                Some(c) => format!("FAIL {}", c.detail.split(':').next().unwrap_or("")),
                None => "-".into(),
            };
            print!(" {text:<18} |");
        }
        println!();
    }
    println!();
}

fn run_cell(spec: &Path, lang: &str) -> Cell {
    let start = Instant::now();
    let name = stem(spec);
    let mut cell = Cell {
        spec: name.clone(),
        lang: lang.to_string(),
        ok: false,
        detail: String::new(),
        secs: 0.0,
    };
    let out = crate::root().join("target/corpus").join(lang).join(&name);
    let log = crate::root()
        .join("target/corpus")
        .join(lang)
        .join(format!("{name}.log"));
    let result = (|| -> Result<()> {
        let api = crate::gen::load(spec).map_err(|e| anyhow::anyhow!("load: {e}"))?;
        write_sdk(lang, &api, &out)?;
        let mut logtext = String::new();
        let result = match lang {
            "go" => crate::lang_go::corpus_check(&out, &mut logtext),
            "java" => crate::lang_java::corpus_check(&out, &mut logtext),
            "csharp" => crate::lang_csharp::corpus_check(&out, &mut logtext),
            _ => (|| {
                for (label, program, args) in checks(lang, &out) {
                    let mut cmd = Command::new(&program);
                    cmd.args(&args).current_dir(&out);
                    cmd.env("NODE_OPTIONS", "--max-old-space-size=8192");
                    cmd.env(
                        "MYPY_CACHE_DIR",
                        crate::root().join("target/corpus/.mypy_cache").join(&name),
                    );
                    run_check(label, &mut cmd, &mut logtext)?;
                }
                Ok(())
            })(),
        };
        // The SDK passed its checks: then the docs' samples must compile against it.
        let result = result.and_then(|()| crate::samples::check(lang, &api, &out, &mut logtext));
        std::fs::write(&log, &logtext).ok();
        result
    })();
    cell.secs = start.elapsed().as_secs_f64();
    match result {
        Ok(()) => cell.ok = true,
        Err(e) => cell.detail = format!("{e:#}"),
    }
    cell
}

/// Generates the `lang` SDK of `api` into `out` (emptied first).
pub fn write_sdk(lang: &str, api: &sdkgen_core::ir::Api, out: &Path) -> Result<()> {
    let files = crate::gen::generate(lang, api)?;
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    for f in &files {
        let p = out.join(&f.path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&p, &f.contents)?;
    }
    Ok(())
}

/// Runs one checker (its working directory set by the caller), appends its output to
/// `log` under `== label`, and fails with the first non-empty line of its output.
pub fn run_check(label: &str, cmd: &mut Command, log: &mut String) -> Result<()> {
    let output = cmd
        .output()
        .with_context(|| format!("{label}: cannot run {:?}", cmd.get_program()))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    log.push_str(&format!("== {label}\n{text}\n"));
    if !output.status.success() {
        let first = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_string();
        bail!("{label}: {first}");
    }
    Ok(())
}

fn checks(lang: &str, dir: &Path) -> Vec<(&'static str, PathBuf, Vec<String>)> {
    let s = |x: &str| x.to_string();
    match lang {
        "python" => {
            let target = if dir.join("src").is_dir() { "src" } else { "." };
            vec![
                (
                    "ruff check",
                    venv_bin("ruff"),
                    vec![s("check"), s("--no-cache"), s(".")],
                ),
                (
                    "ruff format",
                    venv_bin("ruff"),
                    vec![s("format"), s("--check"), s("--no-cache"), s(".")],
                ),
                (
                    "mypy --strict",
                    venv_bin("mypy"),
                    vec![s("--strict"), s(target)],
                ),
                (
                    "pyright",
                    node_bin("pyright"),
                    vec![
                        s("--pythonpath"),
                        venv_bin("python").to_string_lossy().into_owned(),
                        s("-p"),
                        s("."),
                    ],
                ),
            ]
        }
        "typescript" => vec![
            ("tsc", node_bin("tsc"), vec![s("-p"), s("."), s("--noEmit")]),
            ("prettier", node_bin("prettier"), vec![s("--check"), s(".")]),
        ],
        _ => vec![],
    }
}
