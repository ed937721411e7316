//! Criterion benchmarks of the pipeline: load (parse + lower) and emit, for our own spec and,
//! when the shared corpus is beside the repo, for the largest real spec (stripe_2023.yaml).
//! Run with `cargo bench -p sdkgen` (or as part of `cargo xtask bench`).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn specs() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = vec![("v2".to_string(), root.join("spec/openapi/v2.yaml"))];
    let corpus = std::env::var_os("SDKGEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/specs"));
    let stripe = corpus.join("stripe_2023.yaml");
    if stripe.exists() {
        out.push(("stripe_2023".to_string(), stripe));
    } else {
        eprintln!(
            "bench: {} absent; benchmarking spec/ only",
            stripe.display()
        );
    }
    out
}

fn pipeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for (name, path) in specs() {
        g.bench_function(format!("load/{name}"), |b| {
            b.iter(|| sdkgen_core::load_path(&path).expect("loads"))
        });
        let api = sdkgen_core::load_path(&path).expect("loads").api;
        let emit = |lang: &str, api: &sdkgen_core::ir::Api| {
            sdkgen_langs::generate(lang, api, None).expect("an SDK language")
        };
        for lang in sdkgen_langs::SDK_LANGS {
            g.bench_function(format!("emit_{lang}/{name}"), |b| {
                b.iter(|| emit(lang, &api))
            });
        }
        g.bench_function(format!("load_and_emit_all_five/{name}"), |b| {
            b.iter(|| {
                let api = sdkgen_core::load_path(&path).expect("loads").api;
                sdkgen_langs::SDK_LANGS
                    .iter()
                    .map(|lang| emit(lang, &api).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
