//! `cargo xtask corpus --wire`: the docs samples of every corpus spec, run against Stoplight
//! Prism mocking that spec (`prism mock SPEC --errors`). Every request must pass Prism's
//! validation (an invalid one is answered with a 4xx and the `sl-violations` header) and
//! every response must parse into the SDK's types.
//!
//! Per spec one Prism; per language the SDK is generated, the samples laid out as the
//! program the corpus type-checks (`sample::program`), and a small runner of that language
//! (`xtask/wire/run.*`) calls each sample alone, with the base URL pointing at Prism and
//! every credential of `AuthModel` set through its environment variable, printing one line
//! per call. Known gaps of Prism are listed, each with its reason, in
//! `xtask/wire-exceptions.txt`: a listed call may fail; a listed call that passes is stale
//! and fails its cell, so the list stays true.

use crate::corpus::{list_specs, run_check, stem, Options};
use crate::tools::{node_bin, venv_bin};
use anyhow::{bail, Context, Result};
use sdkgen_core::auth::AuthModel;
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;
use serde_json::Value;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The languages that have a runner.
pub const WIRE_LANGS: [&str; 5] = ["python", "typescript", "go", "java", "csharp"];

/// The small specs `cargo xtask test` runs the wire check on (every language of `WIRE_LANGS`).
pub const CI_SLICE: [&str; 3] = ["adyen_recurring_v68", "spotify", "twilio_lookups_v2"];

/// Seconds one sample may take (a paginated list stops after its first item).
const CALL_SECONDS: u64 = 30;

/// How one call went.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok,
    /// Prism (or the SDK's error mapping) answered with a non-2xx status.
    Rejected {
        status: u64,
        violations: String,
        body: String,
    },
    /// The response did not parse into the SDK's types.
    Parse(String),
    /// Anything else the call raised.
    Error(String),
}

#[derive(Debug, Clone)]
pub struct Call {
    pub operation: String,
    pub outcome: Outcome,
    /// The reason from the exceptions list, when the call is listed there.
    pub excepted: Option<String>,
}

struct Cell {
    spec: String,
    lang: String,
    calls: Vec<Call>,
    /// Why the cell could not run (generation, compilation, Prism); none when it ran.
    broken: Option<String>,
    /// Listed exceptions whose call passed.
    stale: Vec<String>,
    secs: f64,
}

impl Cell {
    fn count(&self, f: impl Fn(&Call) -> bool) -> usize {
        self.calls
            .iter()
            .filter(|c| c.excepted.is_none() && f(c))
            .count()
    }

    fn ok(&self) -> bool {
        self.broken.is_none()
            && self.stale.is_empty()
            && self
                .calls
                .iter()
                .all(|c| c.outcome == Outcome::Ok || c.excepted.is_some())
    }
}

/// One line of the exceptions list: `spec | lang | operation | reason` (`*` matches any
/// language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub spec: String,
    pub lang: String,
    pub operation: String,
    pub reason: String,
}

pub fn exceptions_path() -> PathBuf {
    crate::root().join("xtask/wire-exceptions.txt")
}

/// Parses the exceptions list: `#` comments and blank lines aside, four `|`-separated
/// fields, the reason not empty.
pub fn parse_exceptions(text: &str) -> Result<Vec<Exception>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.splitn(4, '|').map(str::trim).collect();
        match parts.as_slice() {
            [spec, lang, op, reason]
                if !spec.is_empty() && !op.is_empty() && !reason.is_empty() =>
            {
                out.push(Exception {
                    spec: spec.to_string(),
                    lang: lang.to_string(),
                    operation: op.to_string(),
                    reason: reason.to_string(),
                })
            }
            _ => bail!(
                "{}:{}: expected `spec | lang | operation | reason`",
                exceptions_path().display(),
                n + 1
            ),
        }
    }
    Ok(out)
}

fn prism_bin() -> PathBuf {
    std::env::var_os("SDKGEN_PRISM")
        .map(PathBuf::from)
        .unwrap_or_else(|| node_bin("prism"))
}

pub fn run(o: &Options) -> Result<()> {
    if !o.specs.is_dir() {
        eprintln!(
            "\n!!!!!!!! corpus --wire: the spec folder {} is absent: SKIPPING !!!!!!!!\n",
            o.specs.display()
        );
        if std::env::var_os("CI").is_some() {
            bail!("CI needs the corpus specs");
        }
        return Ok(());
    }
    if !prism_bin().exists() {
        crate::tools::setup()?;
    }
    if !prism_bin().exists() {
        bail!(
            "corpus --wire: no Prism at {} (tools/setup.sh installs it; SDKGEN_PRISM overrides)",
            prism_bin().display()
        );
    }
    let exceptions =
        parse_exceptions(&std::fs::read_to_string(exceptions_path()).unwrap_or_default())?;
    let langs: Vec<String> = o
        .langs
        .iter()
        .filter(|l| {
            let has = WIRE_LANGS.contains(&l.as_str());
            if !has {
                eprintln!("corpus --wire: no runner for {l} yet, skipped");
            }
            has
        })
        .cloned()
        .collect();
    let mut specs = list_specs(&o.specs)?;
    if let Some(only) = &o.only {
        specs.retain(|p| only.iter().any(|n| stem(p) == *n));
        if specs.len() != only.len() {
            bail!(
                "corpus --wire: some of {only:?} are not in {}",
                o.specs.display()
            );
        }
    }
    let queue = Mutex::new(specs.into_iter());
    let cells = Mutex::new(Vec::<Cell>::new());
    std::thread::scope(|scope| {
        for _ in 0..o.jobs.max(1) {
            scope.spawn(|| loop {
                let next = queue.lock().unwrap().next();
                let Some(spec) = next else { break };
                for cell in run_spec(&spec, &langs, o, &exceptions) {
                    eprintln!(
                        "wire: {:<28} {:<11} {} ({} calls, {:.1}s){}",
                        cell.spec,
                        cell.lang,
                        if cell.ok() { "ok" } else { "FAILED" },
                        cell.calls.len(),
                        cell.secs,
                        cell.broken
                            .as_ref()
                            .map(|b| format!(": {b}"))
                            .unwrap_or_default()
                    );
                    cells.lock().unwrap().push(cell);
                }
            });
        }
    });
    let mut cells = cells.into_inner().unwrap();
    cells.sort_by(|a, b| (&a.spec, &a.lang).cmp(&(&b.spec, &b.lang)));
    print_report(&cells);
    let failed = cells.iter().filter(|c| !c.ok()).count();
    println!("wire: {} passed, {failed} failed", cells.len() - failed);
    if failed > 0 {
        bail!("{failed} wire cell(s) failed; logs under target/wire/");
    }
    Ok(())
}

fn print_report(cells: &[Cell]) {
    println!(
        "\n| {:<26} | {:<10} | {:>5} | {:>8} | {:>8} | {:>5} | {:>5} | {:>8} |",
        "spec", "lang", "calls", "accepted", "rejected", "parse", "error", "excepted"
    );
    println!(
        "|{}|{}|{}|{}|{}|{}|{}|{}|",
        "-".repeat(28),
        "-".repeat(12),
        "-".repeat(7),
        "-".repeat(10),
        "-".repeat(10),
        "-".repeat(7),
        "-".repeat(7),
        "-".repeat(10)
    );
    for c in cells {
        let n = |f: fn(&Outcome) -> bool| c.count(|x| f(&x.outcome));
        println!(
            "| {:<26} | {:<10} | {:>5} | {:>8} | {:>8} | {:>5} | {:>5} | {:>8} |{}",
            c.spec,
            c.lang,
            c.calls.len(),
            n(|o| *o == Outcome::Ok),
            n(|o| matches!(o, Outcome::Rejected { .. })),
            n(|o| matches!(o, Outcome::Parse(_))),
            n(|o| matches!(o, Outcome::Error(_))),
            c.calls.iter().filter(|x| x.excepted.is_some()).count(),
            c.broken
                .as_ref()
                .map(|b| format!(" BROKEN: {}", first_line(b)))
                .unwrap_or_default()
        );
    }
    let failures: Vec<String> = cells
        .iter()
        .flat_map(|c| {
            let calls = c
                .calls
                .iter()
                .filter(|x| x.outcome != Outcome::Ok && x.excepted.is_none())
                .map(move |x| {
                    format!(
                        "{} {} {}: {}",
                        c.spec,
                        c.lang,
                        x.operation,
                        describe(&x.outcome)
                    )
                });
            let stale = c.stale.iter().map(move |op| {
                format!(
                    "{} {} {op}: passes, but is listed in xtask/wire-exceptions.txt (remove it)",
                    c.spec, c.lang
                )
            });
            calls.chain(stale)
        })
        .collect();
    if !failures.is_empty() {
        println!("\nfailures:");
        for f in failures {
            println!("  {f}");
        }
    }
    println!();
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

pub fn describe(o: &Outcome) -> String {
    match o {
        Outcome::Ok => "ok".into(),
        Outcome::Rejected {
            status,
            violations,
            body,
        } => {
            if violations.is_empty() {
                format!("rejected {status}: {body}")
            } else {
                format!("rejected {status}: {violations}")
            }
        }
        Outcome::Parse(e) => format!("parse failure: {e}"),
        Outcome::Error(e) => format!("error: {e}"),
    }
}

/// A free loopback port (bound, read, released).
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// What Prism answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mock {
    /// Responses generated from the schemas (json-schema-faker, seeded: the same calls get
    /// the same answers), so each tests the SDK's types against what the schema allows.
    Dynamic,
    /// The spec's own examples (`--static`), which real specs do not always keep valid.
    Static,
}

impl Mock {
    fn args(self) -> &'static [&'static str] {
        match self {
            Mock::Dynamic => &["--dynamic", "--seed", "sdkgen"],
            Mock::Static => &[],
        }
    }
}

/// Prism mocking one spec; killed (with its process group) when dropped.
struct Prism {
    child: Child,
    port: u16,
}

impl Prism {
    fn start(spec: &Path, log: &Path, mode: Mock) -> Result<Prism> {
        let port = free_port()?;
        let out = std::fs::File::create(log)?;
        let child = Command::new(prism_bin())
            .arg("mock")
            .arg(spec)
            .args(["--errors", "-h", "127.0.0.1", "-p", &port.to_string()])
            .args(mode.args())
            .env("NODE_OPTIONS", "--max-old-space-size=4096")
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .process_group(0)
            .spawn()
            .with_context(|| format!("cannot run {}", prism_bin().display()))?;
        let mut prism = Prism { child, port };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let start = Instant::now();
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(prism);
            }
            if let Some(status) = prism.child.try_wait()? {
                bail!(
                    "prism exited ({status}) before listening; see {}",
                    log.display()
                );
            }
            if start.elapsed() > Duration::from_secs(300) {
                bail!("prism did not listen within 300s; see {}", log.display());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let pid = self.child.id() as i32;
        // SAFETY: signals the process group this Prism was started in (its own).
        unsafe {
            libc::kill(-pid, libc::SIGTERM);
        }
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // SAFETY: as above.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// The environment the client reads: base URL and a dummy value for every credential.
fn client_env(api: &Api, port: u16) -> Vec<(String, String)> {
    let mut env = vec![(
        sdkgen_core::naming::env_var(api, "BASE_URL"),
        // Prism routes the spec's paths as written, without its servers' path prefix.
        format!("http://127.0.0.1:{port}"),
    )];
    for (_, option) in AuthModel::new(api).options() {
        let value = match option.words.last().map(String::as_str) {
            Some("username") => "wire-user",
            Some("password") => "wire-password",
            _ => "wire-dummy-credential",
        };
        env.push((option.env.clone(), value.to_string()));
    }
    env
}

fn run_spec(spec: &Path, langs: &[String], o: &Options, exceptions: &[Exception]) -> Vec<Cell> {
    let limit = o.limit;
    let mode = if o.static_mock {
        Mock::Static
    } else {
        Mock::Dynamic
    };
    let name = stem(spec);
    let dir = crate::root().join("target/wire");
    let broken = |lang: &str, why: String| Cell {
        spec: name.clone(),
        lang: lang.to_string(),
        calls: Vec::new(),
        broken: Some(why),
        stale: Vec::new(),
        secs: 0.0,
    };
    let api = match crate::gen::load(spec) {
        Ok(a) => a,
        Err(e) => {
            return langs
                .iter()
                .map(|l| broken(l, format!("load: {e}")))
                .collect()
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return langs.iter().map(|l| broken(l, e.to_string())).collect();
    }
    let prism = match Prism::start(spec, &dir.join(format!("{name}.prism.log")), mode) {
        Ok(p) => p,
        Err(e) => return langs.iter().map(|l| broken(l, format!("{e:#}"))).collect(),
    };
    let env = client_env(&api, prism.port);
    let mut cells = Vec::new();
    for lang in langs {
        let start = Instant::now();
        let mut log = String::new();
        let result = run_lang(&api, lang, &name, &env, limit, &mut log);
        std::fs::create_dir_all(dir.join(lang)).ok();
        std::fs::write(dir.join(lang).join(format!("{name}.log")), &log).ok();
        let mut cell = match result {
            Ok(calls) => Cell {
                spec: name.clone(),
                lang: lang.clone(),
                calls,
                broken: None,
                stale: Vec::new(),
                secs: 0.0,
            },
            Err(e) => broken(lang, format!("{e:#}")),
        };
        for call in &mut cell.calls {
            let listed = exceptions.iter().find(|x| {
                x.spec == name
                    && (x.lang == *lang || x.lang == "*")
                    && x.operation == call.operation
            });
            if let Some(x) = listed {
                if call.outcome == Outcome::Ok {
                    cell.stale.push(call.operation.clone());
                } else {
                    call.excepted = Some(x.reason.clone());
                }
            }
        }
        cell.secs = start.elapsed().as_secs_f64();
        cells.push(cell);
    }
    drop(prism);
    cells
}

/// Generates the SDK, lays out and builds the samples program, runs it; the calls in order.
fn run_lang(
    api: &Api,
    lang: &str,
    name: &str,
    env: &[(String, String)],
    limit: usize,
    log: &mut String,
) -> Result<Vec<Call>> {
    let out = crate::root().join("target/wire").join(lang).join(name);
    crate::corpus::write_sdk(lang, api, &out)?;
    let samples = sdkgen_langs::lang_samples(lang, api, None)
        .with_context(|| format!("no samples in {lang}"))?;
    let scratch = out.with_extension("run");
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch)?;
    }
    std::fs::create_dir_all(&scratch)?;
    let mut cmd = match lang {
        "python" => python_runner(&samples, &out, &scratch)?,
        "typescript" => typescript_runner(&samples, &out, &scratch, log)?,
        "go" => crate::wire_go::runner(api, &samples, &out, &scratch, log)?,
        "java" => crate::wire_java::runner(api, &samples, &out, &scratch, log)?,
        "csharp" => crate::wire_csharp::runner(api, &samples, &out, &scratch, log)?,
        other => bail!("no wire runner for {other}"),
    };
    cmd.arg(limit.to_string())
        .arg(CALL_SECONDS.to_string())
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .current_dir(&scratch);
    let output = cmd
        .output()
        .with_context(|| format!("cannot run {:?}", cmd.get_program()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    log.push_str(&format!(
        "== run ({})\n{stdout}{}\n",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    ));
    let calls = parse_lines(&stdout, &samples)?;
    let expected = if limit > 0 {
        samples.samples.len().min(limit)
    } else {
        samples.samples.len()
    };
    if calls.len() != expected {
        let err = String::from_utf8_lossy(&output.stderr);
        bail!(
            "the runner reported {} of {expected} calls ({}): {}",
            calls.len(),
            output.status,
            err.lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
        );
    }
    Ok(calls)
}

/// The runner's `WIRE {...}` lines as calls, each named by the operation of its sample.
pub fn parse_lines(stdout: &str, samples: &LangSamples) -> Result<Vec<Call>> {
    let mut calls = Vec::new();
    for line in stdout.lines() {
        let Some(json) = line.strip_prefix("WIRE ") else {
            continue;
        };
        let v: Value = serde_json::from_str(json).with_context(|| format!("runner line {line}"))?;
        let index = v["index"].as_u64().context("runner line without index")? as usize;
        let operation = samples
            .samples
            .get(index)
            .map(|s| s.operation.clone())
            .with_context(|| {
                format!(
                    "runner reported sample {index} of {}",
                    samples.samples.len()
                )
            })?;
        let text = |k: &str| v[k].as_str().unwrap_or("").to_string();
        let outcome = match v["outcome"].as_str() {
            Some("ok") => Outcome::Ok,
            Some("rejected") => Outcome::Rejected {
                status: v["status"].as_u64().unwrap_or(0),
                violations: text("violations"),
                body: text("body"),
            },
            Some("parse") => Outcome::Parse(text("error")),
            _ => Outcome::Error(text("error")),
        };
        calls.push(Call {
            operation,
            outcome,
            excepted: None,
        });
    }
    Ok(calls)
}

fn python_runner(samples: &LangSamples, sdk: &Path, scratch: &Path) -> Result<Command> {
    let src = if sdk.join("src").is_dir() {
        sdk.join("src")
    } else {
        sdk.to_path_buf()
    };
    for f in sdkgen_python::sample::program(samples, &src.to_string_lossy()) {
        std::fs::write(scratch.join(&f.path), &f.contents)?;
    }
    std::fs::write(scratch.join("run.py"), include_str!("../wire/run.py"))?;
    // What the upload samples open.
    std::fs::write(scratch.join("file.bin"), b"file contents")?;
    let mut cmd = Command::new(venv_bin("python"));
    cmd.arg("run.py").env("PYTHONPATH", &src);
    Ok(cmd)
}

/// The SDK compiled by its own tsconfig (to `dist/`), the samples program compiled against
/// its declarations (to `out/`), then `run.mjs`.
fn typescript_runner(
    samples: &LangSamples,
    sdk: &Path,
    scratch: &Path,
    log: &mut String,
) -> Result<Command> {
    let mut tsc = Command::new(node_bin("tsc"));
    tsc.args(["-p", "."])
        .env("NODE_OPTIONS", "--max-old-space-size=8192")
        .current_dir(sdk);
    run_check("tsc (sdk)", &mut tsc, log)?;
    let index = sdk.join("dist/index.js");
    for f in sdkgen_typescript::sample::program(samples, &index.to_string_lossy()) {
        let mut text = f.contents.clone();
        if f.path.as_path() == Path::new("tsconfig.json") {
            let mut v: Value = serde_json::from_str(&text)?;
            let opts = v["compilerOptions"]
                .as_object_mut()
                .context("samples tsconfig without compilerOptions")?;
            opts.insert("noEmit".into(), Value::Bool(false));
            opts.insert("outDir".into(), Value::String("out".into()));
            text = serde_json::to_string_pretty(&v)?;
        }
        std::fs::write(scratch.join(&f.path), text)?;
    }
    let mut tsc = Command::new(node_bin("tsc"));
    tsc.args(["-p", "."])
        .env("NODE_OPTIONS", "--max-old-space-size=8192")
        .current_dir(scratch);
    run_check("tsc (samples)", &mut tsc, log)?;
    std::fs::write(scratch.join("run.mjs"), include_str!("../wire/run.mjs"))?;
    let mut cmd = Command::new("node");
    cmd.arg("run.mjs")
        .arg(scratch.join("out/samples.js"))
        .arg(&index);
    Ok(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_need_four_fields_and_a_reason() {
        let x = parse_exceptions("# c\n\nspotify | * | get-track | Prism: readOnly in oneOf\n")
            .unwrap();
        assert_eq!(x.len(), 1);
        assert_eq!(x[0].lang, "*");
        assert_eq!(x[0].reason, "Prism: readOnly in oneOf");
        assert!(parse_exceptions("spotify | python | get-track |  \n").is_err());
        assert!(parse_exceptions("spotify | python\n").is_err());
    }

    #[test]
    fn runner_lines_name_operations() {
        let samples = LangSamples {
            lang: "python".into(),
            label: "Python".into(),
            setup: String::new(),
            samples: vec![
                sdkgen_core::sample::Sample {
                    operation: "a".into(),
                    code: String::new(),
                },
                sdkgen_core::sample::Sample {
                    operation: "b".into(),
                    code: String::new(),
                },
            ],
        };
        let out = "noise\nWIRE {\"index\": 1, \"outcome\": \"rejected\", \"status\": 422, \"violations\": \"v\", \"body\": \"\"}\nWIRE {\"index\": 0, \"outcome\": \"ok\"}\n";
        let calls = parse_lines(out, &samples).unwrap();
        assert_eq!(calls[0].operation, "b");
        assert_eq!(describe(&calls[0].outcome), "rejected 422: v".to_string());
        assert_eq!(calls[1].outcome, Outcome::Ok);
        assert!(parse_lines("WIRE {\"index\": 5, \"outcome\": \"ok\"}\n", &samples).is_err());
    }
}
