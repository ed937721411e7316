//! Worker threads: claim a queued job, decode, transcribe, store the result; and the recovery
//! of jobs left behind by a previous process.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{params, Connection};

use super::store::{self, JobRow};
use super::{engine_options, event, wire, Inner, MAX_ATTEMPTS};
use crate::audio::{self, AudioError};
use crate::db;
use crate::transcribe::{self, Hooks, TranscribeError};

/// Percent-only progress events are stored at most this often.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(250);

const PCT_EXTRACTING: f64 = 1.0;
const PCT_TRANSCRIBE_START: f64 = 5.0;
const PCT_TRANSCRIBE_END: f64 = 95.0;
const PCT_FINALIZING: f64 = 97.0;

/// A job failure: code and message of the wire `JobError`.
struct Failure {
    code: &'static str,
    message: String,
}

fn fail(code: &'static str, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

/// Worker loop: runs queued jobs until shutdown.
pub(super) fn run(inner: &Arc<Inner>) {
    // This worker's whisper state, made up front (allocating one takes a noticeable part of a
    // short job) and reused; made again after an error.
    let mut state = inner.model.new_state().ok();
    while let Some(job_id) = inner.next_job() {
        // A panic fails the job instead of taking the worker thread down with it.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_job(inner, &job_id, &mut state)
        }))
        .unwrap_or_else(|panic| {
            state = None;
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Err(anyhow::anyhow!("the worker panicked: {msg}"))
        });
        if state.is_none() {
            state = inner.model.new_state().ok();
        }
        if let Err(e) = outcome {
            eprintln!("vtserver: job {job_id}: {e:#}");
            // Best effort: do not leave the job running forever.
            if let Ok(conn) = inner.db.blocking() {
                let _ = finish_failed(
                    inner,
                    &conn,
                    &job_id,
                    &fail("internal_error", format!("internal error: {e}")),
                );
            }
        }
    }
}

/// Re-queues jobs left queued or running by a previous process; returns their ids in order.
/// Jobs whose media is gone, or that were started [`MAX_ATTEMPTS`] times, end failed.
pub(super) fn recover(inner: &Arc<Inner>) -> anyhow::Result<Vec<String>> {
    let mut conn = inner.db.blocking()?;
    let jobs = store::active_jobs(&conn)?;
    let mut queued = Vec::new();
    for job in jobs {
        let media = media_path(inner, &conn, &job)?;
        let failure = if media.as_ref().is_none_or(|p| !p.is_file()) {
            Some(fail(
                "media_missing",
                "the uploaded video is missing from the server's storage; upload it again",
            ))
        } else if job.status == "running" && job.attempts >= MAX_ATTEMPTS {
            Some(fail(
                "interrupted",
                format!(
                    "the job was interrupted by {} server restarts; start it again",
                    job.attempts
                ),
            ))
        } else {
            None
        };
        if let Some(f) = failure {
            // finish_failed only applies to running jobs: mark it running first.
            conn.execute(
                "UPDATE jobs SET status = 'running' WHERE id = ?1",
                [&job.id],
            )?;
            finish_failed(inner, &conn, &job.id, &f)?;
            continue;
        }
        if job.status == "running" {
            let tx = conn.transaction()?;
            let now = db::now();
            tx.execute(
                "UPDATE jobs SET status = 'queued', started_at = NULL WHERE id = ?1",
                [&job.id],
            )?;
            store::set_session_status(&tx, &job.session_id, "queued", &now)?;
            let ev = event(
                &job,
                wire::ProgressStage::Queued,
                job.progress_percent,
                "Interrupted by a server restart; queued to run again",
                None,
            );
            let id = store::insert_event(&tx, &ev, false)?;
            tx.commit()?;
            if let Some(id) = id {
                inner.publish(id, ev);
            }
        }
        queued.push(job.id);
    }
    Ok(queued)
}

fn media_path(inner: &Inner, conn: &Connection, job: &JobRow) -> rusqlite::Result<Option<PathBuf>> {
    Ok(store::upload_path(conn, &job.upload_id)?.map(|p| inner.config.data_dir.join(p)))
}

/// Unregisters a job's abort flag when the run ends, however it ends.
struct Registration<'a> {
    inner: &'a Inner,
    job_id: String,
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        self.inner
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.job_id);
    }
}

/// Emits the events of one running job: monotonic percent, stored only while the job runs.
struct Reporter<'a> {
    inner: &'a Inner,
    conn: &'a Connection,
    job: &'a JobRow,
    percent: f64,
    last_write: Instant,
    abort: &'a AtomicBool,
}

impl Reporter<'_> {
    /// Stores and publishes an event; a job no longer running sets the abort flag.
    fn emit(
        &mut self,
        stage: wire::ProgressStage,
        percent: f64,
        message: &str,
        segment: Option<wire::Segment>,
    ) -> rusqlite::Result<()> {
        self.percent = self.percent.max(percent.clamp(0.0, 100.0));
        let ev = event(self.job, stage, self.percent, message, segment);
        let tx = self.conn.unchecked_transaction()?;
        let id = store::insert_event(&tx, &ev, true)?;
        if id.is_some() {
            tx.prepare_cached(
                "UPDATE jobs SET progress_percent = MAX(progress_percent, ?2) WHERE id = ?1",
            )?
            .execute(params![self.job.id, self.percent])?;
        }
        tx.commit()?;
        self.last_write = Instant::now();
        match id {
            Some(id) => self.inner.publish(id, ev),
            None => self.abort.store(true, Ordering::SeqCst),
        }
        Ok(())
    }

    /// A percent-only update during transcription, throttled.
    fn progress(&mut self, percent: f64) {
        if percent > self.percent && self.last_write.elapsed() >= PROGRESS_INTERVAL {
            let _ = self.emit(
                wire::ProgressStage::Transcribing,
                percent,
                "Transcribing audio",
                None,
            );
        }
    }
}

fn transcribe_percent(p: f32) -> f64 {
    PCT_TRANSCRIBE_START
        + f64::from(p.clamp(0.0, 100.0)) * (PCT_TRANSCRIBE_END - PCT_TRANSCRIBE_START) / 100.0
}

fn wire_segment(i: usize, s: &transcribe::Segment, words: bool, diarize: bool) -> wire::Segment {
    let secs = |ms: i64| ms.max(0) as f64 / 1000.0;
    wire::Segment {
        id: i64::try_from(i).unwrap_or(i64::MAX),
        start: secs(s.start_ms),
        end: secs(s.end_ms),
        text: s.text.clone(),
        words: words.then(|| {
            s.words
                .iter()
                .map(|w| wire::Word {
                    word: w.text.clone(),
                    start: secs(w.start_ms),
                    end: secs(w.end_ms),
                    probability: f64::from(w.probability),
                })
                .collect()
        }),
        speaker: diarize.then_some(None),
    }
}

/// Sets a connection's `synchronous` to NORMAL while it lives, then back to FULL (db.rs's
/// setting). In WAL mode NORMAL commits do not fsync: a killed process loses nothing, a power
/// loss at most the last progress events of a job that is then run again anyway. Results and
/// status changes are committed under FULL.
struct RelaxedSync<'a>(&'a Connection);

impl<'a> RelaxedSync<'a> {
    fn new(conn: &'a Connection) -> rusqlite::Result<Self> {
        conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        Ok(RelaxedSync(conn))
    }
}

impl Drop for RelaxedSync<'_> {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("PRAGMA synchronous = FULL");
    }
}

fn run_job(
    inner: &Arc<Inner>,
    job_id: &str,
    state: &mut Option<transcribe::State>,
) -> anyhow::Result<()> {
    let abort = Arc::new(AtomicBool::new(false));
    let conn = inner.db.blocking()?;
    let Some(job) = store::job(&conn, job_id)? else {
        return Ok(()); // deleted with its session
    };
    // Register the abort flag before claiming, so a cancel right after the claim finds it.
    inner
        .running
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(job.id.clone(), (job.session_id.clone(), abort.clone()));
    let _registration = Registration {
        inner,
        job_id: job.id.clone(),
    };
    let started = time::OffsetDateTime::now_utc();
    {
        let tx = conn.unchecked_transaction()?;
        let n = tx.execute(
            "UPDATE jobs SET status = 'running', started_at = ?2, attempts = attempts + 1
             WHERE id = ?1 AND status = 'queued'",
            params![job.id, db::format_ts(started)],
        )?;
        if n == 0 {
            return Ok(()); // cancelled while queued
        }
        store::set_session_status(
            &tx,
            &job.session_id,
            "transcribing",
            &db::format_ts(started),
        )?;
        tx.commit()?;
    }
    let options: wire::TranscriptionOptions = serde_json::from_str(&job.options)?;
    let engine = engine_options(&options);
    let relaxed = RelaxedSync::new(&conn)?;
    let mut rep = Reporter {
        inner,
        conn: &conn,
        job: &job,
        percent: job.progress_percent,
        last_write: Instant::now(),
        abort: &abort,
    };

    rep.emit(
        wire::ProgressStage::ExtractingAudio,
        PCT_EXTRACTING,
        "Extracting audio",
        None,
    )?;
    let samples = match media_path(inner, &conn, &job)? {
        Some(path) if path.is_file() => audio::decode_to_16k_mono(&path).map_err(|e| match e {
            AudioError::Unsupported { .. } => fail("unsupported_media", e.to_string()),
            AudioError::Io(ref io) if io.kind() == std::io::ErrorKind::NotFound => fail(
                "media_missing",
                "the uploaded video is missing from the server's storage",
            ),
            _ => fail("audio_decode_failed", e.to_string()),
        }),
        _ => Err(fail(
            "media_missing",
            "the uploaded video is missing from the server's storage; upload it again",
        )),
    };
    let samples = match samples {
        Ok(s) => s,
        Err(f) => return finish_failed(inner, &conn, &job.id, &f),
    };
    if abort.load(Ordering::SeqCst) {
        return aborted(inner, &conn, &job);
    }

    // The language is known before transcribing unless it is detected.
    let forced = inner
        .model
        .resolve_language(engine.language.as_deref())
        .ok()
        .flatten();
    if job.detected_language.is_none() {
        if let Some(lang) = forced {
            conn.execute(
                "UPDATE jobs SET detected_language = ?2 WHERE id = ?1 AND status = 'running'",
                params![job.id, lang],
            )?;
        }
    }
    rep.emit(
        wire::ProgressStage::Transcribing,
        PCT_TRANSCRIBE_START,
        "Transcribing audio",
        None,
    )?;

    let words = engine.word_timestamps;
    let diarize = options.diarize.unwrap_or(false);
    let mut n_segments = 0usize;
    let rep = std::cell::RefCell::new(rep);
    let mut on_progress = |p: f32| rep.borrow_mut().progress(transcribe_percent(p));
    let mut on_segment = |s: &transcribe::Segment, p: f32| {
        let seg = wire_segment(n_segments, s, words, diarize);
        n_segments += 1;
        let pct = transcribe_percent(p);
        let _ = rep.borrow_mut().emit(
            wire::ProgressStage::Transcribing,
            pct,
            "Transcribing audio",
            Some(seg),
        );
    };
    let result = match state.take() {
        Some(s) => Ok(s),
        None => inner.model.new_state(),
    }
    .and_then(|mut st| {
        let r = inner.model.run_with(
            &mut st,
            &samples,
            &engine,
            inner.config.threads_per_job,
            Hooks {
                abort: Some(&abort),
                progress: Some(&mut on_progress),
                segment: Some(&mut on_segment),
            },
        );
        if r.is_ok() {
            *state = Some(st);
        }
        r
    });
    let mut rep = rep.into_inner();
    let duration_seconds = samples.len() as f64 / transcribe::SAMPLE_RATE as f64;
    drop(samples);
    let tr = match result {
        Ok(tr) => tr,
        Err(TranscribeError::Aborted) => return aborted(inner, &conn, &job),
        Err(TranscribeError::Option(e)) => {
            return finish_failed(
                inner,
                &conn,
                &job.id,
                &fail("invalid_options", e.to_string()),
            )
        }
        Err(TranscribeError::NoSamples) => {
            return finish_failed(
                inner,
                &conn,
                &job.id,
                &fail("no_speech_detected", "the media has no audio samples"),
            )
        }
        Err(e @ TranscribeError::Whisper(_)) => {
            return finish_failed(
                inner,
                &conn,
                &job.id,
                &fail("transcription_failed", e.to_string()),
            )
        }
    };
    if tr.segments.is_empty() {
        return finish_failed(
            inner,
            &conn,
            &job.id,
            &fail(
                "no_speech_detected",
                "no speech was detected in the media's audio",
            ),
        );
    }

    rep.emit(
        wire::ProgressStage::Finalizing,
        PCT_FINALIZING,
        "Finalizing transcript",
        None,
    )?;
    let segments: Vec<wire::Segment> = tr
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| wire_segment(i, s, words, diarize))
        .collect();
    let transcript = wire::Transcript {
        object: Default::default(),
        session_id: job.session_id.clone(),
        text: segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        language: tr.language.clone(),
        duration_seconds,
        segments,
    };
    let detected = job
        .detected_language
        .clone()
        .unwrap_or_else(|| tr.language.clone());
    let finished = time::OffsetDateTime::now_utc();
    let now = db::format_ts(finished);
    // Processing time from the stored (millisecond) timestamps, as the API shows them.
    let processing = db::parse_ts(&db::format_ts(started))
        .map_or(0.0, |s| {
            (db::parse_ts(&now).unwrap_or(finished) - s).as_seconds_f64()
        })
        .max(0.0);

    drop(relaxed);
    let tx = conn.unchecked_transaction()?;
    let n = tx.execute(
        "UPDATE jobs SET status = 'completed', progress_percent = 100, completed_at = ?2,
             processing_time_seconds = ?3, detected_language = ?4, error_code = NULL,
             error_message = NULL
         WHERE id = ?1 AND status = 'running'",
        params![job.id, now, processing, detected],
    )?;
    if n == 0 {
        return Ok(()); // cancelled or deleted meanwhile: output discarded
    }
    store::insert_transcript(&tx, &job.id, &transcript, &now)?;
    tx.execute(
        "UPDATE sessions SET status = 'completed', language = ?2, updated_at = ?3,
             duration_seconds = COALESCE(duration_seconds, ?4)
         WHERE id = ?1",
        params![job.session_id, tr.language, now, duration_seconds],
    )?;
    let ev = event(
        &job,
        wire::ProgressStage::Completed,
        100.0,
        "Transcription completed",
        None,
    );
    let id = store::insert_event(&tx, &ev, false)?;
    tx.commit()?;
    if let Some(id) = id {
        inner.publish(id, ev);
    }
    Ok(())
}

/// The abort flag was set: by cancel (the DB already says `cancelled`), by a session delete
/// (the rows are gone), or by shutdown (the job goes back to `queued` for the next start).
fn aborted(inner: &Inner, conn: &Connection, job: &JobRow) -> anyhow::Result<()> {
    if inner.shutdown.load(Ordering::SeqCst) {
        let tx = conn.unchecked_transaction()?;
        let n = tx.execute(
            "UPDATE jobs SET status = 'queued', started_at = NULL WHERE id = ?1 AND status = 'running'",
            [&job.id],
        )?;
        if n == 1 {
            store::set_session_status(&tx, &job.session_id, "queued", &db::now())?;
        }
        tx.commit()?;
    }
    Ok(())
}

/// Ends a running job `failed` with the session, storing the `failed` event.
fn finish_failed(
    inner: &Inner,
    conn: &Connection,
    job_id: &str,
    f: &Failure,
) -> anyhow::Result<()> {
    let tx = conn.unchecked_transaction()?;
    let Some(job) = store::job(&tx, job_id)? else {
        return Ok(());
    };
    let finished = time::OffsetDateTime::now_utc();
    let now = db::format_ts(finished);
    let processing = job
        .started_at
        .as_deref()
        .and_then(db::parse_ts)
        .map(|s| (finished - s).as_seconds_f64().max(0.0));
    let n = tx.execute(
        "UPDATE jobs SET status = 'failed', completed_at = ?2, processing_time_seconds = ?3,
             error_code = ?4, error_message = ?5
         WHERE id = ?1 AND status = 'running'",
        params![job.id, now, processing, f.code, f.message],
    )?;
    if n == 0 {
        return Ok(());
    }
    store::set_session_status(&tx, &job.session_id, "failed", &now)?;
    let ev = event(
        &job,
        wire::ProgressStage::Failed,
        job.progress_percent,
        format!("Failed: {}", f.message),
        None,
    );
    let id = store::insert_event(&tx, &ev, false)?;
    tx.commit()?;
    if let Some(id) = id {
        inner.publish(id, ev);
    }
    Ok(())
}
