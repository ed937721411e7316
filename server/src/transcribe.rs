//! Speech to text with whisper.cpp (whisper-rs): 16 kHz mono samples in, timed segments out.
//!
//! One [`Model`] (one `WhisperContext`, the weights) is loaded per process and shared by all
//! worker threads (`Model` is `Send + Sync`; wrap it in an `Arc`). A run needs a whisper
//! [`State`] (KV caches and compute buffers, ~200 MB for tiny.en, slow to allocate): each worker
//! thread keeps its own and reuses it ([`Model::run_with`]); [`Model::run`] makes a fresh one.
//! Jobs never share mutable state and no lock is held during inference.
//!
//! # Options ([`Options`])
//! - `language`: a BCP 47 tag (only its primary subtag is given to whisper: `en-US` -> `en`) or
//!   `None` to detect it. On an English-only model (tiny.en, the default) `auto` means `en`, any
//!   other language is refused ([`OptionError`] on `language`), and so is `translate`
//!   ([`OptionError`] on `translate`); the HTTP layer answers both with 422 naming the field.
//!   [`Model::check`] does this before a job is queued. The language the transcript is in (the
//!   detected one, or `en` when translating) is returned in [`Transcription::language`].
//! - `tier` ([`Tier`]), the spec's `model` option:
//!   - `fast`: greedy decoding (best_of 1) without the temperature fallback (a window is decoded
//!     once, never re-sampled);
//!   - `standard` (default): greedy decoding with whisper.cpp's temperature fallback
//!     (+0.2 steps when a window looks like a repetition loop or has a low log-probability),
//!     sampling 2 candidates per fallback step (best_of 2);
//!   - `accurate`: beam search, beam width 5, with the temperature fallback (about 1.5x the
//!     time of greedy on this machine, see conventions/whisper.md).
//!
//!   On clean speech the fallback rarely triggers, so `fast` and `standard` then cost the same.
//! - `word_timestamps`: whisper's token timestamps; tokens are merged into words at the tokens
//!   that start with a space (whisper's BPE marks word starts that way); a word's times are its
//!   first token's start and its last token's end (clamped into the segment), its probability is
//!   the mean of its tokens' probabilities.
//! - `vocabulary`: the words and phrases are joined with `, ` and given to whisper as the prompt
//!   of the first window (the same as whisper.cpp's `initial_prompt`), at most 200 tokens.
//! - Diarization: there is no diarization model here; the job layer sets no speakers.
//!
//! # Callbacks ([`Hooks`])
//! - `progress(percent)`: 0..=100 of the samples processed, never decreasing; fed by whisper's
//!   progress callback (once per 30 s window) and by the end time of each new segment, so it
//!   moves several times per window.
//! - `segment(&Segment, percent)`: each segment as soon as whisper finalizes it, in order, with
//!   the progress including it (the progress callback is not called for that step).
//! - `abort`: an `AtomicBool` that whisper.cpp 1.8.3 reads before and after each 30 s window's
//!   encoder pass and after each decoder step (its abort and encoder-begin callbacks; a graph
//!   computation itself cannot be interrupted): setting it stops a run within at most one
//!   encoder pass (tiny.en: ~0.2-0.5 s per window and thread count on this machine, quiet),
//!   usually within a decoder step (milliseconds), and [`Model::run`] then returns
//!   [`TranscribeError::Aborted`].
//!
//! Non-speech markers whisper emits on silence (`[BLANK_AUDIO]`, `(silence)`, ...) and empty
//! segments are dropped from the output; when nothing is left, the output has no segments (the
//! job layer reports `no_speech_detected`).

use std::ffi::{c_int, c_void, CStr};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{anyhow, Result};
use whisper_rs::whisper_rs_sys as sys;
use whisper_rs::{
    FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters, WhisperState,
    WhisperSysContext, WhisperSysState,
};

/// The sample rate [`Model::run`] expects.
pub const SAMPLE_RATE: usize = 16_000;

/// Most prompt tokens taken from the vocabulary (whisper's own limit is half the text context).
const MAX_PROMPT_TOKENS: usize = 200;

/// One timed piece of the transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub start_ms: i64,
    pub end_ms: i64,
    /// The text, without whisper's leading space.
    pub text: String,
    /// The words, when [`Options::word_timestamps`] is set; empty otherwise.
    pub words: Vec<Word>,
}

/// One word with its timing.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub start_ms: i64,
    pub end_ms: i64,
    /// The word as whisper wrote it, with its leading space and attached punctuation.
    pub text: String,
    /// Mean probability of the word's tokens, 0..=1.
    pub probability: f32,
}

/// The speed/accuracy trade-off (the spec's `TranscriptionModel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tier {
    Fast,
    #[default]
    Standard,
    Accurate,
}

/// What to transcribe how.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// A BCP 47 tag, or `None` to detect the language (`auto`).
    pub language: Option<String>,
    pub translate: bool,
    pub word_timestamps: bool,
    pub tier: Tier,
    pub vocabulary: Vec<String>,
}

/// An option the model cannot honour (HTTP 422 naming `field`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct OptionError {
    /// The option's name on the wire: `language` or `translate`.
    pub field: &'static str,
    pub message: String,
}

/// Why a transcription did not produce output.
#[derive(Debug, thiserror::Error)]
pub enum TranscribeError {
    /// The abort flag was set.
    #[error("transcription aborted")]
    Aborted,
    /// No samples were given.
    #[error("no audio samples to transcribe")]
    NoSamples,
    /// An option the model cannot honour.
    #[error(transparent)]
    Option(#[from] OptionError),
    /// whisper.cpp failed.
    #[error("transcription failed: {0}")]
    Whisper(String),
}

/// The result of [`Model::run`].
#[derive(Debug, Clone, PartialEq)]
pub struct Transcription {
    pub segments: Vec<Segment>,
    /// The transcript's language (whisper's code, e.g. `en`): detected, requested, or `en`
    /// when translating.
    pub language: String,
    /// Duration of the samples in milliseconds.
    pub duration_ms: i64,
}

/// The new-segment observer: the segment and the progress (percent) including it.
pub type SegmentFn<'a> = dyn FnMut(&Segment, f32) + 'a;

/// Observers of a running transcription; all optional. See the module documentation.
#[derive(Default)]
pub struct Hooks<'a> {
    pub abort: Option<&'a AtomicBool>,
    pub progress: Option<&'a mut dyn FnMut(f32)>,
    pub segment: Option<&'a mut SegmentFn<'a>>,
}

/// A whisper state for [`Model::run_with`].
pub struct State(WhisperState);

/// A loaded model, shared across worker threads.
pub struct Model {
    ctx: WhisperContext,
}

impl Model {
    /// Loads a ggml whisper model file.
    /// whisper.cpp's own log lines (tens per run) are routed away from stderr.
    pub fn load(path: &Path) -> Result<Model> {
        whisper_rs::install_logging_hooks();
        let p = path
            .to_str()
            .ok_or_else(|| anyhow!("model path is not UTF-8: {}", path.display()))?;
        let ctx = WhisperContext::new_with_params(p, WhisperContextParameters::default())
            .map_err(|e| anyhow!("cannot load whisper model {}: {e}", path.display()))?;
        Ok(Model { ctx })
    }

    /// Whether the model knows languages other than English (tiny.en does not).
    pub fn is_multilingual(&self) -> bool {
        self.ctx.is_multilingual()
    }

    /// The whisper language code for a requested BCP 47 tag (`None` = auto-detect): `Some(code)`
    /// to force, `None` to detect. `auto` on an English-only model is `en`.
    pub fn resolve_language(
        &self,
        requested: Option<&str>,
    ) -> Result<Option<&'static str>, OptionError> {
        let tag = match requested {
            None => return Ok((!self.is_multilingual()).then_some("en")),
            Some(t) if t.eq_ignore_ascii_case("auto") => {
                return Ok((!self.is_multilingual()).then_some("en"))
            }
            Some(t) => t,
        };
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let code = whisper_rs::get_lang_id(&primary)
            .and_then(whisper_rs::get_lang_str)
            .ok_or_else(|| OptionError {
                field: "language",
                message: format!("`{tag}` is not a language the model knows"),
            })?;
        if !self.is_multilingual() && code != "en" {
            return Err(OptionError {
                field: "language",
                message: format!(
                    "the configured model is English-only: `language` must be `en` or `auto`, not `{tag}`"
                ),
            });
        }
        Ok(Some(code))
    }

    /// Checks that the model can honour `options` (see the module documentation).
    pub fn check(&self, options: &Options) -> Result<(), OptionError> {
        self.resolve_language(options.language.as_deref())?;
        if options.translate && !self.is_multilingual() {
            return Err(OptionError {
                field: "translate",
                message: "the configured model is English-only and cannot translate".into(),
            });
        }
        Ok(())
    }

    /// Transcribes 16 kHz mono samples in [-1, 1] on `threads` threads with the `standard`
    /// tier, no hooks; returns the segments.
    pub fn transcribe(
        &self,
        samples: &[f32],
        language: Option<&str>,
        threads: usize,
    ) -> Result<Vec<Segment>> {
        let options = Options {
            language: language.map(str::to_owned),
            ..Options::default()
        };
        Ok(self
            .run(samples, &options, threads, Hooks::default())?
            .segments)
    }

    /// A new whisper state (KV caches and compute buffers, about 200 MB for tiny.en), reusable
    /// by [`Model::run_with`] for any number of runs, one at a time. Creating one takes time, so
    /// each worker thread keeps its own.
    pub fn new_state(&self) -> Result<State, TranscribeError> {
        self.ctx
            .create_state()
            .map(State)
            .map_err(|e| TranscribeError::Whisper(format!("whisper state: {e}")))
    }

    /// Transcribes 16 kHz mono samples in [-1, 1] on `threads` threads, in a new state.
    pub fn run(
        &self,
        samples: &[f32],
        options: &Options,
        threads: usize,
        hooks: Hooks<'_>,
    ) -> Result<Transcription, TranscribeError> {
        let mut state = self.new_state()?;
        self.run_with(&mut state, samples, options, threads, hooks)
    }

    /// [`Model::run`] in a state from [`Model::new_state`] (of this model). After an error
    /// (including [`TranscribeError::Aborted`]) make a new state rather than reuse this one.
    pub fn run_with(
        &self,
        state: &mut State,
        samples: &[f32],
        options: &Options,
        threads: usize,
        hooks: Hooks<'_>,
    ) -> Result<Transcription, TranscribeError> {
        if samples.is_empty() {
            return Err(TranscribeError::NoSamples);
        }
        self.check(options)?;
        let language = self.resolve_language(options.language.as_deref())?;
        let duration_ms = i64::try_from(samples.len() * 1000 / SAMPLE_RATE).unwrap_or(i64::MAX);
        let state = &mut state.0;
        let mut params = match options.tier {
            Tier::Fast => FullParams::new(SamplingStrategy::Greedy { best_of: 1 }),
            Tier::Standard => FullParams::new(SamplingStrategy::Greedy { best_of: 2 }),
            Tier::Accurate => FullParams::new(SamplingStrategy::BeamSearch {
                beam_size: 5,
                patience: -1.0,
            }),
        };
        if options.tier == Tier::Fast {
            params.set_temperature_inc(0.0);
        }
        params.set_n_threads(c_int::try_from(threads.max(1)).unwrap_or(1));
        params.set_language(Some(language.unwrap_or("auto")));
        params.set_translate(options.translate);
        params.set_token_timestamps(options.word_timestamps);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_special(false);
        params.set_print_timestamps(false);

        let prompt_tokens = if options.vocabulary.is_empty() {
            Vec::new()
        } else {
            let prompt = options.vocabulary.join(", ").replace('\0', " ");
            let mut tokens = self
                .ctx
                .tokenize(&prompt, prompt.len() + 8)
                .map_err(|e| TranscribeError::Whisper(format!("vocabulary: {e}")))?;
            // Keep the end of the prompt, as whisper.cpp does with long prompts.
            if tokens.len() > MAX_PROMPT_TOKENS {
                tokens.drain(..tokens.len() - MAX_PROMPT_TOKENS);
            }
            tokens
        };
        if !prompt_tokens.is_empty() {
            params.set_tokens(&prompt_tokens);
        }

        let mut collector = Collector {
            word_timestamps: options.word_timestamps,
            eot: self.ctx.token_eot(),
            duration_ms: duration_ms.max(1),
            percent: 0.0,
            segments: Vec::new(),
            seen: 0,
            progress: hooks.progress,
            segment: hooks.segment,
        };
        // SAFETY: the callbacks and their user data outlive `state.full` (both live in this
        // frame until it returns); whisper calls the progress and segment callbacks on this
        // thread, one at a time, and the abort callback (possibly on a ggml worker thread) only
        // reads the atomic.
        unsafe {
            params.set_progress_callback(Some(progress_trampoline));
            params.set_progress_callback_user_data((&raw mut collector).cast::<c_void>());
            params.set_new_segment_callback(Some(segment_trampoline));
            params.set_new_segment_callback_user_data((&raw mut collector).cast::<c_void>());
            if let Some(flag) = hooks.abort {
                let flag = std::ptr::from_ref(flag).cast_mut().cast();
                params.set_abort_callback(Some(abort_trampoline));
                params.set_abort_callback_user_data(flag);
                params.set_start_encoder_callback(Some(encoder_begin_trampoline));
                params.set_start_encoder_callback_user_data(flag);
            }
        }
        let result = state.full(params, samples);
        if hooks.abort.is_some_and(|f| f.load(Ordering::Relaxed)) {
            return Err(TranscribeError::Aborted);
        }
        result.map_err(|e| TranscribeError::Whisper(e.to_string()))?;
        collector.report(100.0);

        let detected = whisper_rs::get_lang_str(state.full_lang_id_from_state())
            .or(language)
            .unwrap_or("en");
        let language = if options.translate { "en" } else { detected };
        Ok(Transcription {
            segments: collector.segments,
            language: language.to_string(),
            duration_ms,
        })
    }
}

/// State shared by the progress and new-segment callbacks of one run.
struct Collector<'a> {
    word_timestamps: bool,
    eot: c_int,
    duration_ms: i64,
    percent: f32,
    segments: Vec<Segment>,
    /// whisper segments read so far (including dropped non-speech ones).
    seen: c_int,
    progress: Option<&'a mut dyn FnMut(f32)>,
    segment: Option<&'a mut SegmentFn<'a>>,
}

impl Collector<'_> {
    fn report(&mut self, percent: f32) {
        let percent = percent.clamp(0.0, 100.0);
        if percent > self.percent || (percent == 100.0 && self.percent < 100.0) {
            self.percent = percent;
            if let Some(cb) = self.progress.as_mut() {
                cb(percent);
            }
        }
    }

    /// Reads the segments whisper has finalized since the last call.
    ///
    /// # Safety
    /// `ctx` and `state` must be the live pointers whisper passes to its callbacks.
    unsafe fn read_new(&mut self, ctx: *mut WhisperSysContext, state: *mut WhisperSysState) {
        let n = sys::whisper_full_n_segments_from_state(state);
        while self.seen < n {
            let i = self.seen;
            self.seen += 1;
            let seg = read_segment(ctx, state, i, self.word_timestamps, self.eot);
            if is_non_speech(&seg.text) {
                continue;
            }
            // The segment carries the progress it makes: no separate progress call.
            #[allow(clippy::cast_precision_loss)]
            let done = (seg.end_ms as f32 * 100.0 / self.duration_ms as f32).clamp(0.0, 100.0);
            self.percent = self.percent.max(done);
            if let Some(cb) = self.segment.as_mut() {
                cb(&seg, self.percent);
            }
            self.segments.push(seg);
        }
    }
}

unsafe extern "C" fn progress_trampoline(
    _ctx: *mut WhisperSysContext,
    _state: *mut WhisperSysState,
    progress: c_int,
    user_data: *mut c_void,
) {
    let collector = &mut *user_data.cast::<Collector<'_>>();
    #[allow(clippy::cast_precision_loss)]
    collector.report(progress as f32);
}

unsafe extern "C" fn segment_trampoline(
    ctx: *mut WhisperSysContext,
    state: *mut WhisperSysState,
    _n_new: c_int,
    user_data: *mut c_void,
) {
    let collector = &mut *user_data.cast::<Collector<'_>>();
    collector.read_new(ctx, state);
}

unsafe extern "C" fn abort_trampoline(user_data: *mut c_void) -> bool {
    (*user_data.cast::<AtomicBool>()).load(Ordering::Relaxed)
}

/// Called before each 30 s window's encoder: `false` stops the run.
unsafe extern "C" fn encoder_begin_trampoline(
    _ctx: *mut WhisperSysContext,
    _state: *mut WhisperSysState,
    user_data: *mut c_void,
) -> bool {
    !(*user_data.cast::<AtomicBool>()).load(Ordering::Relaxed)
}

/// Whisper's markers for non-speech (`[BLANK_AUDIO]`, `(music)`, `[ Silence ]`) or nothing.
fn is_non_speech(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || (t.starts_with('[') && t.ends_with(']') && !t[1..].contains('['))
        || (t.starts_with('(') && t.ends_with(')') && !t[1..].contains('('))
}

unsafe fn cstr_bytes<'a>(p: *const std::ffi::c_char) -> &'a [u8] {
    if p.is_null() {
        &[]
    } else {
        CStr::from_ptr(p).to_bytes()
    }
}

/// Reads segment `i` (timestamps in centiseconds -> ms) and, if asked, its words.
unsafe fn read_segment(
    ctx: *mut WhisperSysContext,
    state: *mut WhisperSysState,
    i: c_int,
    words: bool,
    eot: c_int,
) -> Segment {
    let start_ms = sys::whisper_full_get_segment_t0_from_state(state, i) * 10;
    let end_ms = (sys::whisper_full_get_segment_t1_from_state(state, i) * 10).max(start_ms);
    let text = String::from_utf8_lossy(cstr_bytes(sys::whisper_full_get_segment_text_from_state(
        state, i,
    )))
    .trim()
    .to_string();
    let mut out = Segment {
        start_ms,
        end_ms,
        text,
        words: Vec::new(),
    };
    if !words {
        return out;
    }
    // (bytes, start, end, probability sum, token count) of the word being built.
    let mut cur: Option<(Vec<u8>, i64, i64, f32, u32)> = None;
    let finish = |w: (Vec<u8>, i64, i64, f32, u32), out: &mut Vec<Word>| {
        let (bytes, t0, t1, psum, n) = w;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let start = t0.clamp(start_ms, end_ms);
        #[allow(clippy::cast_precision_loss)]
        out.push(Word {
            start_ms: start,
            end_ms: t1.clamp(start, end_ms),
            text: String::from_utf8_lossy(&bytes).into_owned(),
            probability: (psum / n.max(1) as f32).clamp(0.0, 1.0),
        });
    };
    let n_tokens = sys::whisper_full_n_tokens_from_state(state, i);
    let mut list = Vec::new();
    for j in 0..n_tokens {
        let data = sys::whisper_full_get_token_data_from_state(state, i, j);
        if data.id >= eot {
            continue; // special tokens: timestamps, [_BEG_], <|endoftext|>, ...
        }
        let bytes = cstr_bytes(sys::whisper_full_get_token_text_from_state(
            ctx, state, i, j,
        ));
        let (t0, t1) = (data.t0 * 10, data.t1 * 10);
        let starts_word = bytes.first() == Some(&b' ');
        match cur.as_mut() {
            Some(w) if !starts_word => {
                w.0.extend_from_slice(bytes);
                w.2 = w.2.max(t1);
                w.3 += data.p;
                w.4 += 1;
            }
            _ => {
                if let Some(w) = cur.take() {
                    finish(w, &mut list);
                }
                cur = Some((bytes.to_vec(), t0, t1, data.p, 1));
            }
        }
    }
    if let Some(w) = cur.take() {
        finish(w, &mut list);
    }
    out.words = list;
    out
}

#[cfg(test)]
mod tests {
    use super::is_non_speech;

    #[test]
    fn non_speech_markers() {
        assert!(is_non_speech(" [BLANK_AUDIO]"));
        assert!(is_non_speech("(silence)"));
        assert!(is_non_speech("  "));
        assert!(!is_non_speech(" The lazy dog."));
        assert!(!is_non_speech("[a] and [b]"));
    }
}
