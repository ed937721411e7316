//! `cargo xtask contract`: the generated SDKs and schemathesis against a real `vtserver`.
//!
//! Builds `vtserver` (debug profile, the workspace's target dir), prepares the default
//! model in the cache the server tests use (`target/vtserver-cache`, fetched once), creates
//! a live and a test key in a fresh data directory, starts `vtserver serve --addr
//! 127.0.0.1:0`, waits for its `listening on http://ADDR` line, then runs
//! - pytest on tests/contract/python (the venv of tools/setup.sh, sdks/python on the path),
//! - tsc + `node --test` on tests/contract/typescript (compiled with sdks/typescript),
//! - the Go, Java and C# contract tests (tests/contract/<lang>, run by xtask/src/lang_<lang>.rs),
//! - the API reference at `/docs` in headless Chromium (tests/docs-browser, playwright-core:
//!   search, try-it against the server, offline copy; screenshots in target/docs-browser/),
//! - schemathesis on the server's own `/openapi.json`, every check, bounded and seeded,
//!   skipping only the operations marked `x-vtserver-status: not-implemented`,
//!
//! and stops the server, also when a step fails. Every runner prints its own summary; the
//! command fails if any of them failed. The server's log is kept in the data directory's
//! parent and its tail printed on failure.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::tools::{node_bin, venv_bin};

/// Test cases per operation and phase: about 6,500 requests, 100 s on two cores.
const MAX_EXAMPLES: &str = "300";
const SEED: &str = "20261202";
/// The operations schemathesis also runs against a completed transcription (fixture.toml).
const FIXTURE_OPERATIONS: [&str; 5] = [
    "getSession",
    "getTranscription",
    "streamTranscriptionProgress",
    "getTranscript",
    "getSessionAnalytics",
];
const FIXTURE_EXAMPLES: &str = "100";
/// No step runs longer than this.
const STEP_LIMIT: Duration = Duration::from_secs(600);

struct Options {
    only: Vec<String>,
    keep: bool,
    /// Extra arguments for `schemathesis run` (after `--`).
    schemathesis: Vec<String>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options> {
        let mut o = Options {
            only: Vec::new(),
            keep: false,
            schemathesis: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--only" => {
                    let v = it.next().context("--only needs python,typescript,go,java,csharp,schemathesis,docs")?;
                    o.only = v.split(',').map(str::to_string).collect();
                }
                "--keep" => o.keep = true,
                "--" => {
                    o.schemathesis = it.by_ref().cloned().collect();
                }
                other => bail!(
                    "unknown option `{other}` (contract [--only python,typescript,go,java,csharp,schemathesis,docs] [--keep] [-- SCHEMATHESIS ARGS])"
                ),
            }
        }
        Ok(o)
    }

    fn wants(&self, step: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == step)
    }
}

/// The workspace's target directory (`CARGO_TARGET_DIR` when set).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                crate::root().join(d)
            }
        }
        None => crate::root().join("target"),
    }
}

/// Where the default model is cached: the same folder as server/tests (one fetch in CI).
pub fn model_cache_dir() -> PathBuf {
    crate::root().join("target/vtserver-cache")
}

/// Builds `vtserver` (debug) and returns the path of the binary.
pub fn build_server() -> Result<PathBuf> {
    crate::sh(
        "cargo",
        &["build", "--quiet", "-p", "vtserver", "--bin", "vtserver"],
    )?;
    let bin = target_dir().join("debug/vtserver");
    if !bin.exists() {
        bail!("{} was not built", bin.display());
    }
    Ok(bin)
}

/// A running `vtserver serve`; stopped (TERM, then KILL) when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    pub log: PathBuf,
}

impl Server {
    /// Starts `vtserver serve --addr 127.0.0.1:0 --data-dir DIR` and waits for its
    /// `listening on http://ADDR` line on stdout.
    pub fn start(bin: &Path, data_dir: &Path, log: &Path) -> Result<Server> {
        let log_file = std::fs::File::create(log)?;
        let mut child = Command::new(bin)
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env("VTSERVER_CACHE_DIR", model_cache_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file.try_clone()?)
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        // Reads stdout to the end (into the log), reporting the address once.
        std::thread::spawn(move || {
            let mut log_file = log_file;
            let mut tx = Some(tx);
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = writeln!(log_file, "{line}");
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let addr: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || ".:[]".contains(*c))
                        .collect();
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(addr);
                    }
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            log: log.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(addr) => {
                    server.addr = addr;
                    return Ok(server);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(status) = server.child.try_wait()? {
                        bail!(
                            "vtserver exited before listening ({status}):\n{}",
                            server.tail()
                        );
                    }
                    if Instant::now() > deadline {
                        bail!(
                            "vtserver did not print `listening on` within 300 s:\n{}",
                            server.tail()
                        );
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let _ = server.child.wait();
                    bail!(
                        "vtserver closed its stdout before listening:\n{}",
                        server.tail()
                    );
                }
            }
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The last lines of the server's log.
    pub fn tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(40);
        lines[from..].join("\n")
    }

    /// Still running?
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn stop(&mut self) {
        if !self.alive() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if !self.alive() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `vtserver keys create --data-dir DIR [--test]`: the key it prints.
pub fn create_key(bin: &Path, data_dir: &Path, test: bool) -> Result<String> {
    let mut cmd = Command::new(bin);
    cmd.args(["keys", "create", "--data-dir"]).arg(data_dir);
    if test {
        cmd.arg("--test");
    }
    let out = cmd.output().context("running vtserver keys create")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "vtserver keys create failed ({}):\n{stdout}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let prefix = if test { "vt_test_" } else { "vt_live_" };
    stdout
        .split(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .find(|w| w.starts_with(prefix))
        .map(str::to_string)
        .with_context(|| format!("no {prefix} key in the output of keys create: {stdout:?}"))
}

/// Runs a step's command (in the repo root unless the command sets a directory),
/// streaming its output; Ok(false) when it failed or ran longer than `limit` (then it is
/// killed: a hung stream must not hang CI).
pub fn step(name: &str, cmd: &mut Command, limit: Duration) -> Result<bool> {
    eprintln!("\n== contract: {name}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(crate::root());
    }
    let mut child = cmd
        .spawn()
        .with_context(|| format!("{name}: cannot start {:?}", cmd.get_program()))?;
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status.success());
        }
        if Instant::now() > deadline {
            eprintln!(
                "contract: {name} ran longer than {} s; stopped",
                limit.as_secs()
            );
            let _ = child.kill();
            let _ = child.wait();
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `schemathesis run` on the server's own spec with the live key, every check, seeded, with
/// the given configuration file of tests/contract/schemathesis/ and its hooks.
fn schemathesis(url: &str, live: &str, config: &str, scratch: &Path) -> Command {
    let dir = crate::root().join("tests/contract/schemathesis");
    let mut cmd = Command::new(venv_bin("schemathesis"));
    cmd.arg("--config-file")
        .arg(dir.join(config))
        .arg("run")
        .arg(format!("{url}/openapi.json"))
        .args(["--url", url])
        .args(["--checks", "all"])
        .args(["--seed", SEED])
        .args(["--workers", "1", "--request-timeout", "30"])
        .args(["--generation-database", "none", "--no-color"])
        .args(["--report", "junit", "--report-dir"])
        .arg(scratch)
        .env("NO_COLOR", "1")
        .env("VT_API_KEY", live)
        .env("SCHEMATHESIS_HOOKS", dir.join("hooks.py"))
        .current_dir(scratch);
    cmd
}

/// tests/docs-browser with `node --test`: /docs of the running server in headless Chromium
/// (Debian's `/usr/bin/chromium`, driven by playwright-core from .tools/node).
fn docs_browser(env: &[(&str, &str)]) -> Result<bool> {
    let modules = crate::root().join(".tools/node/node_modules");
    if !modules.join("playwright-core").exists() || !Path::new("/usr/bin/chromium").exists() {
        crate::tools::setup()?;
    }
    let dir = crate::root().join("tests/docs-browser");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    let mut node = Command::new("node");
    node.args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&files)
        .env("SDKGEN_NODE_MODULES", &modules)
        .envs(env.iter().copied());
    step(
        "docs in Chromium (tests/docs-browser)",
        &mut node,
        STEP_LIMIT,
    )
}

pub fn run(args: &[String]) -> Result<()> {
    let opts = Options::parse(args)?;
    if !crate::tools::available() {
        crate::tools::setup()?;
    }
    let bin = build_server()?;
    let cache = model_cache_dir();
    eprintln!("$ vtserver model fetch --cache-dir {}", cache.display());
    let status = Command::new(&bin)
        .args(["model", "fetch", "--cache-dir"])
        .arg(&cache)
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("vtserver model fetch failed ({status})");
    }

    let work = std::env::temp_dir().join(format!("vtserver-contract-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let data_dir = work.join("data");
    std::fs::create_dir_all(&data_dir)?;
    // Keys first: the server may load its key cache at start.
    let live = create_key(&bin, &data_dir, false)?;
    let test = create_key(&bin, &data_dir, true)?;
    let mut server = Server::start(&bin, &data_dir, &work.join("vtserver.log"))?;
    let url = server.url();
    eprintln!(
        "contract: vtserver listening on {url} (data in {})",
        data_dir.display()
    );

    let env = [
        ("VT_BASE_URL", url.as_str()),
        ("VT_API_KEY", live.as_str()),
        ("VT_TEST_API_KEY", test.as_str()),
    ];
    let mut failed = Vec::new();

    if opts.wants("python") {
        let mut cmd = Command::new(venv_bin("pytest"));
        cmd.args([
            "-p",
            "no:cacheprovider",
            "-p",
            "no:asyncio",
            "-q",
            "-rfE",
            "tests/contract/python",
        ])
        .env("PYTHONPATH", crate::root().join("sdks/python/src"))
        .envs(env);
        if !step("pytest (sdks/python)", &mut cmd, STEP_LIMIT)? {
            failed.push("pytest");
        }
    }

    if opts.wants("typescript") {
        let out = target_dir().join("contract/typescript");
        let _ = std::fs::remove_dir_all(&out);
        let mut tsc = Command::new(node_bin("tsc"));
        tsc.args(["-p", "tests/contract/typescript", "--outDir"])
            .arg(&out);
        if !step("tsc (sdks/typescript + tests)", &mut tsc, STEP_LIMIT)? {
            failed.push("tsc");
        } else {
            std::fs::write(out.join("package.json"), "{\"type\": \"module\"}\n")?;
            let tests_dir = out.join("tests/contract/typescript");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&tests_dir)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".test.js"))
                .collect();
            files.sort();
            let mut node = Command::new("node");
            node.args(["--test", "--test-reporter=spec"])
                .args(&files)
                .envs(env);
            if !step("node --test (sdks/typescript)", &mut node, STEP_LIMIT)? {
                failed.push("node --test");
            }
        }
    }

    type Contract = fn(&[(&str, &str)]) -> Result<bool>;
    let sdks: [(&str, Contract); 3] = [
        ("go", crate::lang_go::contract),
        ("java", crate::lang_java::contract),
        ("csharp", crate::lang_csharp::contract),
    ];
    for (lang, contract) in sdks {
        if opts.wants(lang) && !contract(&env)? {
            failed.push(lang);
        }
    }

    if opts.wants("docs") && !docs_browser(&env)? {
        failed.push("docs (browser)");
    }

    if opts.wants("schemathesis") {
        let scratch = work.join("schemathesis");
        std::fs::create_dir_all(&scratch)?;
        // Every implemented operation, every check, all phases.
        let mut cmd = schemathesis(&url, &live, "schemathesis.toml", &scratch);
        cmd.args(["--max-examples", MAX_EXAMPLES])
            .args(["--exclude-by", "/x-vtserver-status == \"not-implemented\""])
            .args(&opts.schemathesis);
        if !step("schemathesis", &mut cmd, STEP_LIMIT)? {
            failed.push("schemathesis");
        }
        // The read operations again, against a completed transcription (fixture.toml).
        eprintln!("\n== contract: schemathesis fixture (a transcribed session)");
        let fixture = Command::new(venv_bin("python"))
            .arg(crate::root().join("tests/contract/schemathesis/fixture.py"))
            .env("PYTHONPATH", crate::root().join("sdks/python/src"))
            .envs(env)
            .stderr(Stdio::inherit())
            .output()
            .context("running tests/contract/schemathesis/fixture.py")?;
        let fixture_id = String::from_utf8_lossy(&fixture.stdout).trim().to_string();
        if !fixture.status.success() || fixture_id.is_empty() {
            failed.push("schemathesis fixture");
        } else {
            let mut cmd = schemathesis(&url, &live, "fixture.toml", &scratch);
            cmd.args(["--max-examples", FIXTURE_EXAMPLES])
                .env("VT_FIXTURE_SESSION", &fixture_id)
                .args(&opts.schemathesis);
            for op in FIXTURE_OPERATIONS {
                cmd.args(["--include-operation-id", op]);
            }
            if !step(
                "schemathesis (completed transcription)",
                &mut cmd,
                STEP_LIMIT,
            )? {
                failed.push("schemathesis (completed transcription)");
            }
        }
    }

    let alive = server.alive();
    if !alive {
        failed.push("vtserver (it exited during the run)");
    }
    if !failed.is_empty() {
        eprintln!(
            "\n-- vtserver log (last lines of {}):\n{}",
            server.log.display(),
            server.tail()
        );
    }
    drop(server);
    if failed.is_empty() && !opts.keep {
        let _ = std::fs::remove_dir_all(&work);
    } else {
        eprintln!(
            "contract: data, server log and reports kept in {}",
            work.display()
        );
    }
    if !failed.is_empty() {
        bail!("contract tests failed: {}", failed.join(", "));
    }
    let ran: Vec<&str> = [
        "python",
        "typescript",
        "go",
        "java",
        "csharp",
        "schemathesis",
        "docs",
    ]
    .into_iter()
    .filter(|s| opts.wants(s))
    .collect();
    eprintln!("contract: {} passed against vtserver", ran.join(", "));
    Ok(())
}
