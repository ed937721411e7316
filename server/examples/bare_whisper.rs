//! Bare whisper-rs on a media file: the baseline of `cargo xtask bench server`.
//!
//! `bare_whisper MODEL_OR_CACHE_DIR MEDIA [THREADS]` decodes MEDIA to 16 kHz mono (untimed),
//! then times one `whisper_full` call with the parameters vtserver uses for the `standard`
//! tier (greedy, best_of 2, whisper.cpp's temperature fallback, language `en`), without
//! callbacks, progress events or a database. THREADS defaults to the server's default threads
//! per job, min(cores, 4). Prints one JSON line: `{"whisper_seconds", "decode_seconds",
//! "threads", "segments", "text"}`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{anyhow, Context, Result};
use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, media, rest @ ..] = args.as_slice() else {
        return Err(anyhow!(
            "usage: bare_whisper MODEL_OR_CACHE_DIR MEDIA [THREADS]"
        ));
    };
    let model = resolve_model(Path::new(model))?;
    let threads: usize = match rest.first() {
        Some(t) => t.parse().context("THREADS")?,
        None => std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4),
    };
    whisper_rs::install_logging_hooks();

    let t = Instant::now();
    let samples = vtserver::audio::decode_to_16k_mono(Path::new(media))?;
    let decode_seconds = t.elapsed().as_secs_f64();

    let ctx = WhisperContext::new_with_params(
        model.to_str().context("model path")?,
        WhisperContextParameters::default(),
    )
    .map_err(|e| anyhow!("loading {}: {e}", model.display()))?;
    let mut state = ctx.create_state().map_err(|e| anyhow!("state: {e}"))?;
    let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 2 });
    params.set_n_threads(i32::try_from(threads).unwrap_or(1));
    params.set_language(Some("en"));
    params.set_print_progress(false);
    params.set_print_realtime(false);
    params.set_print_special(false);
    params.set_print_timestamps(false);

    let t = Instant::now();
    state
        .full(params, &samples)
        .map_err(|e| anyhow!("whisper: {e}"))?;
    let whisper_seconds = t.elapsed().as_secs_f64();

    let mut text = String::new();
    let n = state.full_n_segments();
    for i in 0..n {
        if let Some(seg) = state.get_segment(i) {
            text.push_str(&seg.to_str_lossy().map_err(|e| anyhow!("{e}"))?);
        }
    }
    let out = serde_json::json!({
        "whisper_seconds": whisper_seconds,
        "decode_seconds": decode_seconds,
        "threads": threads,
        "segments": n,
        "text": text.trim(),
    });
    println!("{out}");
    Ok(())
}

/// A ggml file, or the default model inside a `vtserver model` cache directory.
fn resolve_model(p: &Path) -> Result<PathBuf> {
    if p.is_file() {
        return Ok(p.to_path_buf());
    }
    let found = vtserver::model::default_model_path(p);
    if found.is_file() {
        Ok(found)
    } else {
        Err(anyhow!(
            "no model at {} (run `vtserver model fetch --cache-dir {}`)",
            found.display(),
            p.display()
        ))
    }
}
