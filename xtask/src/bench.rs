//! `cargo xtask bench`: per spec and language (all five SDKs), load time, generation time,
//! files and lines written, the stripe and whole-corpus totals against the targets of issue 4 (median of several runs, release build recommended: `cargo xtask bench` builds
//! xtask in whatever profile cargo was invoked with; the alias runs it in dev, so use
//! `cargo run --release -p xtask -- bench` for numbers worth comparing).

use anyhow::Result;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn run(args: &[String]) -> Result<()> {
    if args.first().map(String::as_str) == Some("server") {
        return crate::bench_server::run(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("diff") {
        return crate::bench_diff::run(5);
    }
    let mut specs_dir = crate::corpus::default_specs();
    let mut runs = 3usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--specs" => specs_dir = it.next().map(Into::into).unwrap_or(specs_dir),
            "--runs" => runs = it.next().and_then(|x| x.parse().ok()).unwrap_or(runs),
            _ => {}
        }
    }
    if cfg!(debug_assertions) {
        eprintln!("bench: WARNING: debug build; run `cargo run --release -p xtask -- bench` for real numbers");
    }
    let mut specs = crate::corpus::list_specs(&specs_dir).unwrap_or_default();
    specs.insert(0, crate::gen::spec_path());
    let langs = crate::corpus::ALL_LANGS;
    let mut head = String::from("| spec | load ms |");
    let mut rule = String::from("|---|---:|");
    for l in langs {
        head.push_str(&format!(" {l} gen ms | {l} files | {l} lines |"));
        rule.push_str("---:|---:|---:|");
    }
    println!("{head} all five written ms | python import+client ms |");
    println!("{rule}---:|---:|");
    let out_root = crate::root().join("target/bench-out");
    // Load + generate all five + write, per spec (median): the corpus total is their sum.
    let mut corpus_total = Duration::ZERO;
    let mut stripe_total = None;
    for spec in &specs {
        let name = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let mut loads = Vec::new();
        let mut api = None;
        for _ in 0..runs {
            let t = Instant::now();
            api = Some(crate::gen::load(spec)?);
            loads.push(t.elapsed());
        }
        let api = api.unwrap();
        let mut row = format!("| {name} | {:.0} |", median(loads).as_secs_f64() * 1e3);
        for lang in langs {
            let mut gens = Vec::new();
            let mut files = Vec::new();
            for _ in 0..runs {
                let t = Instant::now();
                files = crate::gen::generate(lang, &api)?;
                gens.push(t.elapsed());
            }
            let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
            row.push_str(&format!(
                " {:.0} | {} | {} |",
                median(gens).as_secs_f64() * 1e3,
                files.len(),
                lines
            ));
        }
        // End to end as a pipeline runs it: load once, then each language generated and
        // written on its own thread (the emitters are pure, so they share the IR).
        let mut totals = Vec::new();
        for _ in 0..runs {
            let dir = out_root.join(&name);
            let _ = std::fs::remove_dir_all(&dir);
            let t = Instant::now();
            let api = crate::gen::load(spec)?;
            std::thread::scope(|s| -> Result<()> {
                let jobs: Vec<_> = langs
                    .iter()
                    .map(|lang| {
                        let (api, dir) = (&api, dir.join(lang));
                        s.spawn(move || {
                            crate::gen::write_all(&dir, &crate::gen::generate(lang, api)?)
                        })
                    })
                    .collect();
                for j in jobs {
                    j.join()
                        .map_err(|_| anyhow::anyhow!("a generator thread panicked"))??;
                }
                Ok(())
            })?;
            totals.push(t.elapsed());
        }
        let total = median(totals);
        if *spec != crate::gen::spec_path() {
            corpus_total += total;
        }
        if name == "stripe_2023" {
            stripe_total = Some(total);
        }
        row.push_str(&format!(" {:.0} |", total.as_secs_f64() * 1e3));
        let import = python_import_ms(&out_root.join(&name).join("python"))
            .map(|ms| format!("{ms:.0}"))
            .unwrap_or_else(|e| format!("n/a ({e})"));
        row.push_str(&format!(" {import} |"));
        println!("{row}");
    }
    println!();
    if let Some(t) = stripe_total {
        println!(
            "stripe_2023, load + all five SDKs generated and written: {:.2} s (target < 2.5 s): {}",
            t.as_secs_f64(),
            verdict(t < Duration::from_millis(2500))
        );
    }
    println!(
        "corpus ({} specs) x 5 languages, load + generate + write: {:.2} s (target < 30 s): {}",
        specs.len() - 1,
        corpus_total.as_secs_f64(),
        verdict(corpus_total < Duration::from_secs(30))
    );
    crate::bench_diff::run(runs.max(3))?;
    if !args.iter().any(|a| a == "--no-criterion") {
        crate::sh("cargo", &["bench", "-p", "sdkgen", "--bench", "generate"])?;
    }
    Ok(())
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

/// Wall time of `import <pkg>; <pkg>.Client(api_key=...)` beyond a bare interpreter start,
/// median of 7 runs, with the venv's interpreter (httpx and pydantic installed).
fn python_import_ms(dir: &std::path::Path) -> Result<f64> {
    let src = dir.join("src");
    let pkg = std::fs::read_dir(&src)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.join("__init__.py").exists())
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .ok_or_else(|| anyhow::anyhow!("no package under src/"))?;
    let python = crate::tools::venv_bin("python");
    let time = |code: &str| -> Result<Duration> {
        let mut v = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            let st = std::process::Command::new(&python)
                .args(["-c", code])
                .env("PYTHONPATH", &src)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .status()?;
            anyhow::ensure!(st.success(), "python failed");
            v.push(t.elapsed());
        }
        Ok(median(v))
    };
    // Warm the bytecode cache once so the numbers are what a user sees after install.
    let code = format!(
        "import {pkg}\nB = 'http://127.0.0.1:9'\nfor kw in ({{'api_key': 'k'}}, {{'username': 'u', 'password': 'p'}}, {{}}):\n    try:\n        {pkg}.Client(base_url=B, **kw)\n        break\n    except TypeError:\n        pass\nelse:\n    raise SystemExit('no client constructor matched')"
    );
    std::process::Command::new(&python)
        .args([
            "-c",
            "import compileall, sys; compileall.compile_dir(sys.argv[1], quiet=1)",
            src.to_str().unwrap_or("."),
        ])
        .status()?;
    let bare = time("pass")?;
    let full = time(&code)?;
    Ok((full.as_secs_f64() - bare.as_secs_f64()) * 1e3)
}
