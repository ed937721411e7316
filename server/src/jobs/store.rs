//! SQL of the engine (tables of `migrations/0002_jobs.sql`, plus status/language updates of
//! `sessions`). Synchronous functions over a connection or transaction, used from worker
//! threads and from `Db::call`.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::wire;

/// A row of `jobs`.
#[derive(Debug, Clone)]
pub struct JobRow {
    pub id: String,
    pub session_id: String,
    pub livemode: bool,
    pub status: String,
    pub options: String,
    pub upload_id: String,
    pub detected_language: Option<String>,
    pub progress_percent: f64,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub attempts: i64,
    pub created_at: String,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    pub processing_time_seconds: Option<f64>,
}

const JOB_COLUMNS: &str =
    "id, session_id, livemode, status, options, upload_id, detected_language, \
     progress_percent, error_code, error_message, attempts, created_at, started_at, completed_at, \
     processing_time_seconds";

fn job_row(r: &Row<'_>) -> rusqlite::Result<JobRow> {
    Ok(JobRow {
        id: r.get(0)?,
        session_id: r.get(1)?,
        livemode: r.get(2)?,
        status: r.get(3)?,
        options: r.get(4)?,
        upload_id: r.get(5)?,
        detected_language: r.get(6)?,
        progress_percent: r.get(7)?,
        error_code: r.get(8)?,
        error_message: r.get(9)?,
        attempts: r.get(10)?,
        created_at: r.get(11)?,
        started_at: r.get(12)?,
        completed_at: r.get(13)?,
        processing_time_seconds: r.get(14)?,
    })
}

impl JobRow {
    pub fn is_active(&self) -> bool {
        self.status == "queued" || self.status == "running"
    }

    /// The wire representation.
    pub fn to_wire(&self) -> wire::TranscriptionJob {
        let status = match self.status.as_str() {
            "queued" => wire::TranscriptionJobStatus::Queued,
            "running" => wire::TranscriptionJobStatus::Running,
            "completed" => wire::TranscriptionJobStatus::Completed,
            "cancelled" => wire::TranscriptionJobStatus::Cancelled,
            _ => wire::TranscriptionJobStatus::Failed,
        };
        let options = serde_json::from_str(&self.options).unwrap_or_else(|_| {
            // Written by this engine from the wire type; unreadable only if hand-edited.
            wire::TranscriptionOptions {
                language: "auto".into(),
                model: None,
                translate: None,
                word_timestamps: None,
                diarize: None,
                max_speakers: None,
                vocabulary: None,
            }
        });
        let error = match (&self.error_code, &self.error_message) {
            (Some(code), message) if self.status == "failed" => Some(wire::JobError {
                code: code.clone(),
                message: message.clone().unwrap_or_default(),
            }),
            _ => None,
        };
        wire::TranscriptionJob {
            id: self.id.clone(),
            object: Default::default(),
            session_id: self.session_id.clone(),
            status,
            options,
            detected_language: self.detected_language.clone(),
            progress_percent: self.progress_percent.clamp(0.0, 100.0),
            error,
            created_at: self.created_at.clone(),
            started_at: self.started_at.clone(),
            completed_at: self.completed_at.clone(),
            processing_time_seconds: self.processing_time_seconds.map(|s| s.max(0.0)),
        }
    }
}

pub fn job(conn: &Connection, id: &str) -> rusqlite::Result<Option<JobRow>> {
    conn.prepare_cached(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"))?
        .query_row([id], job_row)
        .optional()
}

/// The session's most recent job.
pub fn latest_job(conn: &Connection, session_id: &str) -> rusqlite::Result<Option<JobRow>> {
    conn.prepare_cached(&format!(
        "SELECT {JOB_COLUMNS} FROM jobs WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1"
    ))?
    .query_row([session_id], job_row)
    .optional()
}

/// Jobs left `queued` or `running`, oldest first.
pub fn active_jobs(conn: &Connection) -> rusqlite::Result<Vec<JobRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {JOB_COLUMNS} FROM jobs WHERE status IN ('queued', 'running') ORDER BY seq"
    ))?;
    let rows = stmt.query_map([], job_row)?;
    rows.collect()
}

pub fn insert_job(conn: &Connection, j: &JobRow) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO jobs (id, session_id, livemode, status, options, upload_id, detected_language,
             progress_percent, attempts, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            j.id,
            j.session_id,
            j.livemode,
            j.status,
            j.options,
            j.upload_id,
            j.detected_language,
            j.progress_percent,
            j.attempts,
            j.created_at
        ],
    )?;
    Ok(())
}

/// Sets a session's status (and `updated_at`).
pub fn set_session_status(
    conn: &Connection,
    session_id: &str,
    status: &str,
    now: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE sessions SET status = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![session_id, status, now])?;
    Ok(())
}

/// What [`session_for_job`] tells about a session.
pub struct SessionInfo {
    pub status: String,
    pub upload_id: Option<String>,
}

pub fn session_info(
    conn: &Connection,
    session_id: &str,
    livemode: bool,
) -> rusqlite::Result<Option<SessionInfo>> {
    conn.prepare_cached("SELECT status, upload_id FROM sessions WHERE id = ?1 AND livemode = ?2")?
        .query_row(params![session_id, livemode], |r| {
            Ok(SessionInfo {
                status: r.get(0)?,
                upload_id: r.get(1)?,
            })
        })
        .optional()
}

/// The stored path (relative to the data directory) of an upload.
pub fn upload_path(conn: &Connection, upload_id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT path FROM uploads WHERE id = ?1")?
        .query_row([upload_id], |r| r.get(0))
        .optional()
}

/// Stores a progress event; returns its id. With `only_if_running`, the event is stored only
/// while the job is `running` (a job cancelled or deleted meanwhile gets no more events):
/// `None` then.
pub fn insert_event(
    conn: &Connection,
    ev: &wire::ProgressEvent,
    only_if_running: bool,
) -> rusqlite::Result<Option<i64>> {
    let data =
        serde_json::to_string(ev).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    let stage = stage_name(ev.stage);
    let n = if only_if_running {
        conn.prepare_cached(
            "INSERT INTO progress_events (job_id, stage, data)
             SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM jobs WHERE id = ?1 AND status = 'running')",
        )?
        .execute(params![ev.job_id, stage, data])?
    } else {
        conn.prepare_cached(
            "INSERT INTO progress_events (job_id, stage, data) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![ev.job_id, stage, data])?
    };
    Ok((n == 1).then(|| conn.last_insert_rowid()))
}

fn event_row(r: &Row<'_>) -> rusqlite::Result<(i64, wire::ProgressEvent)> {
    let id: i64 = r.get(0)?;
    let data: String = r.get(1)?;
    let ev = serde_json::from_str(&data).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, e.into())
    })?;
    Ok((id, ev))
}

/// The job's events with an id above `after`, in order.
pub fn events_after(
    conn: &Connection,
    job_id: &str,
    after: i64,
) -> rusqlite::Result<Vec<(i64, wire::ProgressEvent)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, data FROM progress_events WHERE job_id = ?1 AND id > ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![job_id, after], event_row)?;
    rows.collect()
}

/// The job's latest event.
pub fn last_event(
    conn: &Connection,
    job_id: &str,
) -> rusqlite::Result<Option<(i64, wire::ProgressEvent)>> {
    conn.prepare_cached(
        "SELECT id, data FROM progress_events WHERE job_id = ?1 ORDER BY id DESC LIMIT 1",
    )?
    .query_row([job_id], event_row)
    .optional()
}

/// The transcript of a job.
pub fn transcript(conn: &Connection, job_id: &str) -> rusqlite::Result<Option<wire::Transcript>> {
    let data: Option<String> = conn
        .prepare_cached("SELECT data FROM transcripts WHERE job_id = ?1")?
        .query_row([job_id], |r| r.get(0))
        .optional()?;
    data.map(|d| {
        serde_json::from_str(&d).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
    })
    .transpose()
}

/// Stores `t` as the transcript of `job_id`, dropping the session's older transcripts.
pub fn insert_transcript(
    conn: &Connection,
    job_id: &str,
    t: &wire::Transcript,
    now: &str,
) -> rusqlite::Result<()> {
    let data =
        serde_json::to_string(t).map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    conn.execute(
        "DELETE FROM transcripts WHERE session_id = ?1",
        [&t.session_id],
    )?;
    conn.execute(
        "INSERT INTO transcripts (job_id, session_id, data, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![job_id, t.session_id, data, now],
    )?;
    Ok(())
}

pub fn stage_name(s: wire::ProgressStage) -> &'static str {
    match s {
        wire::ProgressStage::Queued => "queued",
        wire::ProgressStage::ExtractingAudio => "extracting_audio",
        wire::ProgressStage::Transcribing => "transcribing",
        wire::ProgressStage::Diarizing => "diarizing",
        wire::ProgressStage::Finalizing => "finalizing",
        wire::ProgressStage::Completed => "completed",
        wire::ProgressStage::Failed => "failed",
        wire::ProgressStage::Cancelled => "cancelled",
    }
}

pub fn is_terminal(s: wire::ProgressStage) -> bool {
    matches!(
        s,
        wire::ProgressStage::Completed
            | wire::ProgressStage::Failed
            | wire::ProgressStage::Cancelled
    )
}
