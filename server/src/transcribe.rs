//! Speech to text with whisper.cpp (whisper-rs): 16 kHz mono samples in, timed segments out.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

/// One timed piece of the transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub start_ms: i64,
    pub end_ms: i64,
    pub text: String,
}

/// A loaded model, reusable across transcriptions.
pub struct Model {
    ctx: WhisperContext,
}

impl Model {
    /// Loads a ggml whisper model file.
    pub fn load(path: &Path) -> Result<Model> {
        let p = path
            .to_str()
            .ok_or_else(|| anyhow!("model path is not UTF-8: {}", path.display()))?;
        let ctx = WhisperContext::new_with_params(p, WhisperContextParameters::default())
            .map_err(|e| anyhow!("cannot load whisper model {}: {e}", path.display()))?;
        Ok(Model { ctx })
    }

    /// Transcribes 16 kHz mono samples in [-1, 1] with greedy decoding on `threads` threads.
    pub fn transcribe(
        &self,
        samples: &[f32],
        language: Option<&str>,
        threads: usize,
    ) -> Result<Vec<Segment>> {
        let mut state = self.ctx.create_state().context("whisper state")?;
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(i32::try_from(threads.max(1)).unwrap_or(1));
        params.set_language(language);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_special(false);
        params.set_print_timestamps(false);
        state
            .full(params, samples)
            .map_err(|e| anyhow!("transcription failed: {e}"))?;
        let mut out = Vec::new();
        for i in 0..state.full_n_segments() {
            let seg = state
                .get_segment(i)
                .ok_or_else(|| anyhow!("segment {i} missing"))?;
            out.push(Segment {
                // whisper.cpp timestamps are in centiseconds.
                start_ms: seg.start_timestamp() * 10,
                end_ms: seg.end_timestamp() * 10,
                text: seg
                    .to_str_lossy()
                    .map_err(|e| anyhow!("segment text: {e}"))?
                    .into_owned(),
            });
        }
        Ok(out)
    }
}
