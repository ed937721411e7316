//! The transcription engine: a durable job queue in SQLite, a pool of worker threads running
//! whisper, progress events (stored and broadcast live), cancel, and restart recovery.
//!
//! # API (used by the HTTP handlers)
//! ```ignore
//! let model = Arc::new(transcribe::Model::load(&model_path)?);
//! let (workers, threads) = jobs::sizing(cores, cfg_workers, cfg_threads_per_job);
//! let jobs = Jobs::start(db.clone(), JobsConfig { data_dir, workers, threads_per_job: threads }, model)?;
//! jobs.check_options(&opts)?;                                  // sync; JobsError::InvalidOption -> 422
//! jobs.enqueue(&session_id, livemode, opts).await?             // -> wire::TranscriptionJob (202)
//! jobs.cancel(&session_id).await?                              // -> wire::TranscriptionJob (200)
//! jobs.latest(&session_id).await?                              // -> Option<wire::TranscriptionJob>
//! jobs.transcript(&session_id).await?                          // -> Option<wire::Transcript>
//! jobs.completed(&session_id).await?                           // -> Option<(Transcript, TranscriptionJob)>
//! jobs.subscribe(&session_id, last_event_id).await?            // -> impl Stream<Item = (i64, ProgressEvent)>
//! jobs.abort_session(&session_id);                             // before deleting a session
//! jobs.shutdown();                                             // graceful stop (jobs resume next start)
//! ```
//! `Jobs` is `Clone` (an `Arc` inside). All async methods use `Db::call`; they never block the
//! runtime. The session and its `livemode` are checked by the HTTP layer before these calls,
//! except in `enqueue`, which checks `livemode` again.
//!
//! # Errors ([`JobsError`]) and their HTTP statuses
//! `SessionNotFound` 404; `NoJob` (no transcription was ever started) 409 (the session exists,
//! its job does not yet: get, cancel and the progress stream alike); `NoMedia` (no uploaded video) 409; `UploadInProgress` 409; `Active` (a job is
//! queued or running) 409; `NotActive` (cancel of a finished job) 409; `InvalidOption` 422 naming
//! the field (`language`, `translate`); `Db` 500.
//!
//! # Job life
//! `enqueue` validates the options against the model (English-only model: `language` must be
//! `en`/`en-*`/`auto`, no `translate`), fills in the defaults (`model: standard`, `translate`,
//! `word_timestamps`, `diarize` false, `max_speakers: null`, `vocabulary: []`), inserts the job
//! (`queued`, bound to the session's current upload), sets the session `queued` and stores a
//! `queued` event, all in one transaction; a unique index guarantees one active job per session.
//! A worker claims it (`running`, `started_at`, session `transcribing`), decodes the media
//! (`extracting_audio`, 1 %), transcribes (`transcribing`, 5..95 %: an event per new segment
//! carrying the `segment`, and percent-only events at most every 250 ms and only when the
//! percent grew), builds the transcript (`finalizing`, 97 %), then in one transaction stores
//! the transcript, marks the job `completed` (100 %, `processing_time_seconds`) and the session
//! `completed` with the transcript's language, and stores the `completed` event.
//!
//! Stages and session statuses: job `queued` / session `queued`; `running` / `transcribing`;
//! then `completed` | `failed` | `cancelled` for both. `detected_language` is the requested tag
//! when one was given (set at enqueue), else the detected language once transcribed (`en` for
//! `auto` on an English-only model). The transcript's `language` is whisper's code (`en` when
//! translating); `sessions.language` is set to it.
//!
//! Failures end the job `failed` with a [`wire::JobError`] `code`: `media_missing` (the upload's
//! file is gone), `unsupported_media` (a container or codec we cannot decode, e.g. Opus),
//! `audio_decode_failed` (corrupt or truncated media, no audio track), `no_speech_detected`
//! (whisper found no speech: no segments, or only markers like `[BLANK_AUDIO]`),
//! `invalid_options` (the model changed since the job was queued), `transcription_failed`
//! (whisper.cpp error), `interrupted` (the job was interrupted by 3 restarts in a row).
//!
//! Cancel: a queued job is cancelled at once; a running one is marked `cancelled` in the DB at
//! once (job, session, `cancelled` event; the response reflects it) and its abort flag stops
//! whisper at its next check (after the current decoder step or, at worst, the current 30 s
//! window's encoder pass; see `transcribe`); the worker then discards the partial output. Every write of a
//! worker is conditional on its job still being `running`, so a cancelled (or deleted) job
//! gets no further events or status changes.
//!
//! Diarization: there is no diarization model; with `diarize: true` every segment has
//! `speaker: null` (present, as the spec says for unassigned speakers), no `diarizing` stage is
//! emitted, and analytics' `talk_time_by_speaker` is empty.
//!
//! # Events
//! Every event is a row of `progress_events`; its integer id (increasing across all jobs) is the
//! SSE `id:`. `percent` never decreases within a job, also across a re-run after a restart (the
//! re-run reports `max(previous, current)`). [`Jobs::subscribe`] subscribes to the live
//! broadcast first, then reads the stored events (those after `last_event_id`, or only the
//! latest one on a fresh connect) of the session's latest job, then forwards live events of
//! that job with higher ids; a subscriber that falls behind re-reads the gap from the DB. The
//! stream ends after a `completed`, `failed` or `cancelled` event (immediately when the job
//! already ended and nothing is left to replay).
//!
//! # Recovery ([`Jobs::start`])
//! Jobs left `queued` or `running` by a previous process are queued again in their original
//! order (a `queued` event says so; `attempts` counts the runs): their output is recomputed from
//! the media. A job whose media file is gone ends `failed` (`media_missing`) right away; one
//! already started 3 times ends `failed` (`interrupted`).
//!
//! # Threads
//! `workers` threads each run one job at a time with `threads_per_job` whisper threads; see
//! [`sizing`] (never more whisper threads than cores by default: oversubscription is
//! catastrophic, conventions/whisper.md). The model (one `WhisperContext`) is shared; each job
//! has its own whisper state; no lock is held during decoding or inference, and the decoded
//! samples are passed to whisper without copying.

mod events;
mod store;
mod worker;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use futures_util::Stream;
use tokio::sync::broadcast;

use crate::db::{self, Db, DbError};
use crate::transcribe::{self, Model, OptionError};
pub(crate) use crate::wire;

pub use events::StoredEvent;

/// How many runs a job gets before a restart loop gives up on it.
const MAX_ATTEMPTS: i64 = 3;

/// Engine configuration.
#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// The data directory (upload paths in the DB are relative to it).
    pub data_dir: PathBuf,
    /// Worker threads (jobs at once), at least 1.
    pub workers: usize,
    /// whisper threads per job, at least 1.
    pub threads_per_job: usize,
}

/// Default pool sizing for `cores` cores: `threads_per_job = min(cores, 4)`,
/// `workers = max(1, cores / threads_per_job)`; configured values win (each at least 1).
pub fn sizing(
    cores: usize,
    workers: Option<usize>,
    threads_per_job: Option<usize>,
) -> (usize, usize) {
    let cores = cores.max(1);
    let threads = threads_per_job.unwrap_or(cores.min(4)).max(1);
    let workers = workers.unwrap_or((cores / threads).max(1)).max(1);
    (workers, threads)
}

/// Why an engine call failed; see the module documentation for the HTTP statuses.
#[derive(Debug, thiserror::Error)]
pub enum JobsError {
    #[error("session not found")]
    SessionNotFound,
    #[error("the session has no transcription job")]
    NoJob,
    #[error("the session has no uploaded video to transcribe")]
    NoMedia,
    #[error("the session's video is still being uploaded")]
    UploadInProgress,
    #[error("a transcription job is already {status} for this session")]
    Active { status: String },
    #[error("the transcription job is already {status}")]
    NotActive { status: String },
    #[error("{0}")]
    InvalidOption(#[from] OptionError),
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<rusqlite::Error> for JobsError {
    fn from(e: rusqlite::Error) -> Self {
        JobsError::Db(DbError::Sqlite(e))
    }
}

/// The engine handle; cheap to clone.
#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) db: Db,
    pub(crate) config: JobsConfig,
    pub(crate) model: Arc<Model>,
    queue: Mutex<VecDeque<String>>,
    wake: Condvar,
    /// Running jobs: job id -> (session id, abort flag).
    pub(crate) running: Mutex<HashMap<String, (String, Arc<AtomicBool>)>>,
    pub(crate) events: broadcast::Sender<Arc<StoredEvent>>,
    pub(crate) shutdown: AtomicBool,
}

impl Inner {
    /// Blocks until a job id is queued; `None` on shutdown.
    pub(crate) fn next_job(&self) -> Option<String> {
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if self.shutdown.load(Ordering::SeqCst) {
                return None;
            }
            if let Some(id) = q.pop_front() {
                return Some(id);
            }
            q = self.wake.wait(q).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn push(&self, job_id: String) {
        self.queue
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push_back(job_id);
        self.wake.notify_one();
    }

    /// Publishes a stored event to live subscribers.
    pub(crate) fn publish(&self, id: i64, event: wire::ProgressEvent) {
        let _ = self.events.send(Arc::new(StoredEvent { id, event }));
    }
}

/// A progress event as the wire carries it, for a job's current state.
pub(crate) fn event(
    job: &store::JobRow,
    stage: wire::ProgressStage,
    percent: f64,
    message: impl Into<String>,
    segment: Option<wire::Segment>,
) -> wire::ProgressEvent {
    wire::ProgressEvent {
        session_id: job.session_id.clone(),
        job_id: job.id.clone(),
        stage,
        percent: percent.clamp(0.0, 100.0),
        message: message.into(),
        segment,
        emitted_at: db::now(),
    }
}

/// The engine's view of the wire options.
pub fn engine_options(o: &wire::TranscriptionOptions) -> transcribe::Options {
    transcribe::Options {
        language: (!o.language.eq_ignore_ascii_case("auto")).then(|| o.language.clone()),
        translate: o.translate.unwrap_or(false),
        word_timestamps: o.word_timestamps.unwrap_or(false),
        tier: match o.model {
            Some(wire::TranscriptionModel::Fast) => transcribe::Tier::Fast,
            Some(wire::TranscriptionModel::Accurate) => transcribe::Tier::Accurate,
            _ => transcribe::Tier::Standard,
        },
        vocabulary: o.vocabulary.clone().unwrap_or_default(),
    }
}

/// `o` with the spec's defaults filled in.
pub fn with_defaults(mut o: wire::TranscriptionOptions) -> wire::TranscriptionOptions {
    o.model.get_or_insert(wire::TranscriptionModel::Standard);
    o.translate.get_or_insert(false);
    o.word_timestamps.get_or_insert(false);
    o.diarize.get_or_insert(false);
    o.max_speakers.get_or_insert(None);
    o.vocabulary.get_or_insert_with(Vec::new);
    o
}

impl Jobs {
    /// Starts the worker threads and recovers the jobs a previous process left queued or
    /// running (see the module documentation).
    pub fn start(db: Db, config: JobsConfig, model: Arc<Model>) -> anyhow::Result<Jobs> {
        let (events, _) = broadcast::channel(1024);
        let mut config = config;
        config.workers = config.workers.max(1);
        config.threads_per_job = config.threads_per_job.max(1);
        let inner = Arc::new(Inner {
            db,
            config,
            model,
            queue: Mutex::new(VecDeque::new()),
            wake: Condvar::new(),
            running: Mutex::new(HashMap::new()),
            events,
            shutdown: AtomicBool::new(false),
        });
        for id in worker::recover(&inner)? {
            inner.push(id);
        }
        for i in 0..inner.config.workers {
            let inner = inner.clone();
            std::thread::Builder::new()
                .name(format!("vt-worker-{i}"))
                .spawn(move || worker::run(&inner))?;
        }
        Ok(Jobs { inner })
    }

    /// The loaded model.
    pub fn model(&self) -> &Arc<Model> {
        &self.inner.model
    }

    /// Checks options against the model (422 naming the field on error).
    pub fn check_options(&self, options: &wire::TranscriptionOptions) -> Result<(), JobsError> {
        self.inner.model.check(&engine_options(options))?;
        Ok(())
    }

    /// Queues a transcription of the session's current upload.
    pub async fn enqueue(
        &self,
        session_id: &str,
        livemode: bool,
        options: wire::TranscriptionOptions,
    ) -> Result<wire::TranscriptionJob, JobsError> {
        self.check_options(&options)?;
        let options = with_defaults(options);
        let detected =
            (!options.language.eq_ignore_ascii_case("auto")).then(|| options.language.clone());
        let options_json = serde_json::to_string(&options).expect("wire options serialize");
        let session_id = session_id.to_string();
        let inner = self.inner.clone();
        let result = self
            .inner
            .db
            .call(move |conn| {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let Some(session) = store::session_info(&tx, &session_id, livemode)? else {
                    return Ok(Err(JobsError::SessionNotFound));
                };
                if session.status == "uploading" {
                    return Ok(Err(JobsError::UploadInProgress));
                }
                let Some(upload_id) = session.upload_id else {
                    return Ok(Err(JobsError::NoMedia));
                };
                if let Some(j) = store::latest_job(&tx, &session_id)? {
                    if j.is_active() {
                        return Ok(Err(JobsError::Active { status: j.status }));
                    }
                }
                let now = db::now();
                let job = store::JobRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    session_id: session_id.clone(),
                    livemode,
                    status: "queued".into(),
                    options: options_json,
                    upload_id,
                    detected_language: detected,
                    progress_percent: 0.0,
                    error_code: None,
                    error_message: None,
                    attempts: 0,
                    created_at: now.clone(),
                    started_at: None,
                    completed_at: None,
                    processing_time_seconds: None,
                };
                store::insert_job(&tx, &job)?;
                store::set_session_status(&tx, &session_id, "queued", &now)?;
                let ev = event(
                    &job,
                    wire::ProgressStage::Queued,
                    0.0,
                    "Waiting for a worker",
                    None,
                );
                let id = store::insert_event(&tx, &ev, false)?;
                tx.commit()?;
                if let Some(id) = id {
                    inner.publish(id, ev);
                }
                Ok(Ok(job))
            })
            .await??;
        let wire_job = result.to_wire();
        self.inner.push(result.id);
        Ok(wire_job)
    }

    /// Cancels the session's queued or running job.
    pub async fn cancel(&self, session_id: &str) -> Result<wire::TranscriptionJob, JobsError> {
        let session_id = session_id.to_string();
        let inner = self.inner.clone();
        let job = self
            .inner
            .db
            .call(move |conn| {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let Some(mut job) = store::latest_job(&tx, &session_id)? else {
                    return Ok(Err(JobsError::NoJob));
                };
                if !job.is_active() {
                    return Ok(Err(JobsError::NotActive { status: job.status }));
                }
                let now = time::OffsetDateTime::now_utc();
                let now_s = db::format_ts(now);
                job.processing_time_seconds = job
                    .started_at
                    .as_deref()
                    .and_then(db::parse_ts)
                    .map(|s| ((now - s).as_seconds_f64()).max(0.0));
                job.status = "cancelled".into();
                job.completed_at = Some(now_s.clone());
                tx.execute(
                    "UPDATE jobs SET status = 'cancelled', completed_at = ?2,
                         processing_time_seconds = ?3 WHERE id = ?1",
                    rusqlite::params![job.id, now_s, job.processing_time_seconds],
                )?;
                store::set_session_status(&tx, &job.session_id, "cancelled", &now_s)?;
                let ev = event(
                    &job,
                    wire::ProgressStage::Cancelled,
                    job.progress_percent,
                    "Cancelled",
                    None,
                );
                let id = store::insert_event(&tx, &ev, false)?;
                tx.commit()?;
                if let Some(id) = id {
                    inner.publish(id, ev);
                }
                Ok(Ok(job))
            })
            .await??;
        // Stop it if a worker runs it; a queued one is skipped when a worker pops it.
        if let Some((_, flag)) = self
            .inner
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&job.id)
        {
            flag.store(true, Ordering::SeqCst);
        }
        self.inner
            .queue
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|id| id != &job.id);
        Ok(job.to_wire())
    }

    /// The session's most recent job, whatever its status.
    pub async fn latest(
        &self,
        session_id: &str,
    ) -> Result<Option<wire::TranscriptionJob>, JobsError> {
        let session_id = session_id.to_string();
        let job = self
            .inner
            .db
            .call(move |conn| store::latest_job(conn, &session_id))
            .await?;
        Ok(job.map(|j| j.to_wire()))
    }

    /// The transcript and job of the session's most recent job, if that job completed.
    pub async fn completed(
        &self,
        session_id: &str,
    ) -> Result<Option<(wire::Transcript, wire::TranscriptionJob)>, JobsError> {
        let session_id = session_id.to_string();
        Ok(self
            .inner
            .db
            .call(move |conn| {
                let Some(job) = store::latest_job(conn, &session_id)? else {
                    return Ok(None);
                };
                if job.status != "completed" {
                    return Ok(None);
                }
                Ok(store::transcript(conn, &job.id)?.map(|t| (t, job.to_wire())))
            })
            .await?)
    }

    /// The transcript of the session's most recent job, if that job completed.
    pub async fn transcript(
        &self,
        session_id: &str,
    ) -> Result<Option<wire::Transcript>, JobsError> {
        Ok(self.completed(session_id).await?.map(|(t, _)| t))
    }

    /// The progress events of the session's latest job: stored ones after `last_event_id` (or
    /// only the latest one when `None`), then live ones; ends after the terminal event.
    pub async fn subscribe(
        &self,
        session_id: &str,
        last_event_id: Option<i64>,
    ) -> Result<impl Stream<Item = (i64, wire::ProgressEvent)> + Send + 'static, JobsError> {
        events::subscribe(self.inner.clone(), session_id.to_string(), last_event_id).await
    }

    /// Stops the running job of a session about to be deleted (its rows go with the session).
    pub fn abort_session(&self, session_id: &str) {
        for (sid, flag) in self
            .inner
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
        {
            if sid == session_id {
                flag.store(true, Ordering::SeqCst);
            }
        }
    }

    /// Stops the workers: running jobs are aborted and left for the next start to run again.
    /// Returns at once; workers exit within milliseconds.
    pub fn shutdown(&self) {
        self.inner.shutdown.store(true, Ordering::SeqCst);
        for (_, flag) in self
            .inner
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
        {
            flag.store(true, Ordering::SeqCst);
        }
        let _q = self.inner.queue.lock().unwrap_or_else(|p| p.into_inner());
        self.inner.wake.notify_all();
    }
}
