//! `POST /api/v2/sessions/{id}/upload`: a multipart form with the file in part `video` and an
//! optional `language_hint`.
//!
//! The file streams to `<data-dir>/tmp/<random>.part` in 1 MiB blocks written (and hashed) on the
//! blocking pool, so memory stays flat whatever the size; more than `max_upload_bytes` is a 413.
//! Then the file is fsynced, probed ([`crate::audio::probe`]: 415 for a codec or container we do
//! not decode, 422 for corrupt, truncated or audio-less media), renamed to
//! `media/<session>/<upload>.<ext>` (directory fsynced) and only then recorded in the database,
//! in one transaction with the session's move to `uploaded`.
//!
//! While the upload runs the session is `uploading`; any failure, and a client that disconnects
//! mid-way (the handler is dropped), removes the part file and puts the session back in the state
//! it had. A process killed mid-upload leaves at most a part file and a session in `uploading`:
//! [`recover`] (at startup) empties `tmp/`, returns such sessions to their previous state with a
//! reason, and removes media files no upload row refers to.

use std::io::Write;
use std::path::{Path, PathBuf};

use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, StatusCode};
use axum::Json;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::auth::Caller;
use super::error::ApiError;
use super::extract::Id;
use super::state::{AppState, Config};
use super::wire;
use crate::audio::{self, AudioError};
use crate::db::{self, Db};

/// Bytes buffered before a write to the part file.
const BLOCK: usize = 1 << 20;

/// Puts the session back (and removes the part file) unless the upload completed.
struct Guard {
    db: Db,
    session_id: String,
    part: Option<PathBuf>,
    armed: bool,
}

const REVERT_SQL: &str = "UPDATE sessions SET status = COALESCE(prev_status, 'created'),
    prev_status = NULL, updated_at = ?2 WHERE id = ?1 AND status = 'uploading'";

impl Guard {
    async fn revert(mut self) {
        self.armed = false;
        if let Some(p) = self.part.take() {
            let _ = std::fs::remove_file(p);
        }
        let id = self.session_id.clone();
        let _ = self
            .db
            .call(move |c| c.execute(REVERT_SQL, params![id, db::now()]))
            .await;
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        if let Some(p) = self.part.take() {
            let _ = std::fs::remove_file(p);
        }
        let db = self.db.clone();
        let id = self.session_id.clone();
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                let _ = db
                    .call(move |c| c.execute(REVERT_SQL, params![id, db::now()]))
                    .await;
            });
        }
    }
}

/// The part file being written, with its running hash.
struct PartWriter {
    file: Option<(std::fs::File, Sha256)>,
    buf: Vec<u8>,
    size: u64,
}

impl PartWriter {
    async fn flush(&mut self) -> Result<(), ApiError> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let (mut file, mut hasher) = self.file.take().expect("file present");
        let buf = std::mem::take(&mut self.buf);
        let (file, hasher, mut buf) = tokio::task::spawn_blocking(move || {
            hasher.update(&buf);
            file.write_all(&buf).map(|()| (file, hasher, buf))
        })
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)?;
        buf.clear();
        self.buf = buf;
        self.file = Some((file, hasher));
        Ok(())
    }

    async fn push(&mut self, chunk: &[u8]) -> Result<(), ApiError> {
        self.buf.extend_from_slice(chunk);
        if self.buf.len() >= BLOCK {
            self.flush().await?;
        }
        Ok(())
    }

    /// Flushes, fsyncs and returns the hex sha256.
    async fn finish(mut self) -> Result<String, ApiError> {
        self.flush().await?;
        let (file, hasher) = self.file.take().expect("file present");
        tokio::task::spawn_blocking(move || file.sync_all())
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
        Ok(hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    }
}

fn too_large(max: u64) -> ApiError {
    ApiError::too_large(format!("Uploads are limited to {}.", human(max)))
}

fn human(n: u64) -> String {
    const GIB: u64 = 1 << 30;
    const MIB: u64 = 1 << 20;
    if n >= GIB && n.is_multiple_of(GIB) {
        format!("{} GiB", n / GIB)
    } else if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// How much of a refused upload's body is read (and dropped) before answering.
const DRAIN_LIMIT: usize = 64 << 20;

/// Reads and drops what is left of an upload refused before its body was read (up to
/// [`DRAIN_LIMIT`] bytes, for at most 10 s), so that a client still sending its body gets the
/// answer instead of a reset connection (Node's fetch fails with EPIPE otherwise).
async fn refuse(req: Request, error: ApiError) -> ApiError {
    use futures_util::StreamExt;
    let mut body = req.into_body().into_data_stream();
    let drain = async {
        let mut read = 0usize;
        while let Some(Ok(chunk)) = body.next().await {
            read += chunk.len();
            if read >= DRAIN_LIMIT {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), drain).await;
    error
}

pub async fn upload(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    id: Result<Id, ApiError>,
    req: Request,
) -> Result<(StatusCode, Json<wire::VideoUpload>), ApiError> {
    let (caller, id) = match (caller, id) {
        (Ok(caller), Ok(Id(id))) => (caller, id),
        (Err(e), _) | (_, Err(e)) => return Err(refuse(req, e).await),
    };
    let max = state.config.max_upload_bytes;
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !ct.starts_with("multipart/form-data") {
        let e = ApiError::unsupported_media(
            "Upload the video as multipart/form-data with the file in the part 'video'.",
        );
        return Err(refuse(req, e).await);
    }
    // The form's overhead beyond the file is small: refuse an announced body far over the limit
    // before reading it.
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > max.saturating_add(1 << 20)) {
        return Err(too_large(max));
    }
    // created|failed -> uploading, remembering the previous state.
    let (sid, live) = (id.clone(), caller.livemode);
    let current: Option<String> = state
        .db
        .call(move |c| {
            let n = c
                .prepare_cached(
                    "UPDATE sessions SET prev_status = status, status = 'uploading', updated_at = ?3
                     WHERE id = ?1 AND livemode = ?2 AND status IN ('created', 'failed')",
                )?
                .execute(params![sid, live, db::now()])?;
            if n == 1 {
                return Ok(Some("ok".to_string()));
            }
            c.query_row(
                "SELECT status FROM sessions WHERE id = ?1 AND livemode = ?2",
                params![sid, live],
                |r| r.get(0),
            )
            .optional()
        })
        .await?;
    match current.as_deref() {
        None => return Err(refuse(req, super::sessions::no_session(&id)).await),
        Some("ok") => {}
        Some(status) => {
            let e = ApiError::conflict(format!(
                "The session is '{status}'; a video can be uploaded only in the 'created' or 'failed' state."
            ));
            return Err(refuse(req, e).await);
        }
    }
    let mut guard = Guard {
        db: state.db.clone(),
        session_id: id.clone(),
        part: None,
        armed: true,
    };
    match receive(&state, &id, req, &mut guard).await {
        Ok(upload) => {
            guard.armed = false;
            Ok((StatusCode::CREATED, Json(upload)))
        }
        Err(e) => {
            guard.revert().await;
            Err(e)
        }
    }
}

async fn receive(
    state: &AppState,
    session_id: &str,
    req: Request,
    guard: &mut Guard,
) -> Result<wire::VideoUpload, ApiError> {
    let config = state.config.clone();
    let max = config.max_upload_bytes;
    let mut form = Multipart::from_request(req, state).await.map_err(|e| {
        ApiError::unsupported_media(format!("The body is not a multipart/form-data form: {e}"))
    })?;
    let form_err = |e: axum::extract::multipart::MultipartError| {
        ApiError::bad_request(format!("The multipart body could not be read: {e}"))
    };
    let mut video: Option<(String, u64, String)> = None;
    let mut hint: Option<String> = None;
    while let Some(mut field) = form.next_field().await.map_err(form_err)? {
        match field.name() {
            Some("video") => {
                if video.is_some() {
                    return Err(ApiError::invalid_field("video", "must be sent once"));
                }
                let filename = field
                    .file_name()
                    .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f).to_string())
                    .filter(|f| !f.is_empty())
                    .unwrap_or_else(|| "video".to_string());
                let tmp = config.tmp_dir();
                let part = tmp.join(format!("{}.part", uuid::Uuid::new_v4().simple()));
                guard.part = Some(part.clone());
                let file = tokio::task::spawn_blocking(move || {
                    std::fs::create_dir_all(&tmp)?;
                    std::fs::File::create(&part)
                })
                .await
                .map_err(ApiError::internal)?
                .map_err(ApiError::internal)?;
                let mut w = PartWriter {
                    file: Some((file, Sha256::new())),
                    buf: Vec::with_capacity(BLOCK + 64 * 1024),
                    size: 0,
                };
                while let Some(chunk) = field.chunk().await.map_err(form_err)? {
                    w.size += chunk.len() as u64;
                    if w.size > max {
                        return Err(too_large(max));
                    }
                    w.push(&chunk).await?;
                }
                let size = w.size;
                let sha = w.finish().await?;
                video = Some((filename, size, sha));
            }
            Some("language_hint") => {
                let text = field.text().await.map_err(form_err)?;
                hint = Some(text);
            }
            _ => {
                // Unknown parts are read and ignored.
                while field.chunk().await.map_err(form_err)?.is_some() {}
            }
        }
    }
    let mut errors = Vec::new();
    if video.is_none() {
        errors.push(wire::ValidationError {
            field: "video".into(),
            message: "is required (a file part named 'video')".into(),
        });
    }
    // The form's constraints, checked by the generated type (the file part is not text).
    wire::SessionUploadRequest {
        video: String::new(),
        language_hint: hint.clone(),
    }
    .validate("", &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let (filename, size, sha) = video.expect("checked");
    if size == 0 {
        return Err(ApiError::invalid_field("video", "is empty"));
    }
    let part = guard.part.clone().expect("part written");
    let ext = Path::new(&filename)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_owned);
    let probe_path = part.clone();
    let info = tokio::task::spawn_blocking(move || audio::probe(&probe_path, ext.as_deref()))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| match e {
            AudioError::Unsupported { detail } => ApiError::unsupported_media(format!(
                "The file's container or audio codec is not supported ({detail}); upload MP4, MOV or MKV with AAC, MP3, FLAC or PCM audio, or a WAV/MP3/FLAC file."
            )),
            AudioError::Corrupt { detail } => ApiError::invalid_field(
                "video",
                format!("is not readable media ({detail})"),
            ),
            AudioError::NoAudioTrack => ApiError::invalid_field("video", "has no audio track"),
            AudioError::Io(e) => ApiError::internal(e),
        })?;
    // Into place: media/<session>/<upload>.<ext>, then the directory entry made durable.
    let upload_id = uuid::Uuid::new_v4().to_string();
    let rel = format!("media/{session_id}/{upload_id}.{}", info.extension);
    let dest = config.data_dir.join(&rel);
    let (src, dst) = (part.clone(), dest.clone());
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        let dir = dst.parent().expect("media path has a parent");
        std::fs::create_dir_all(dir)?;
        std::fs::rename(&src, &dst)?;
        std::fs::File::open(dir)?.sync_all()
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    guard.part = Some(dest.clone());
    let upload = wire::VideoUpload {
        id: upload_id,
        object: Default::default(),
        session_id: session_id.to_string(),
        filename,
        content_type: info.content_type.to_string(),
        size_bytes: size as i64,
        duration_seconds: info.duration_seconds,
        checksum_sha256: sha,
        language_hint: hint,
        created_at: db::now(),
    };
    let u = upload.clone();
    let stored =
        state
            .db
            .call(move |c| {
                let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let status: Option<String> = tx
                    .query_row(
                        "SELECT status FROM sessions WHERE id = ?1",
                        [&u.session_id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if status.as_deref() != Some("uploading") {
                    return Ok(false);
                }
                tx.execute(
                    "INSERT INTO uploads (id, session_id, filename, content_type, size_bytes,
                     duration_seconds, checksum_sha256, language_hint, path, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        u.id,
                        u.session_id,
                        u.filename,
                        u.content_type,
                        u.size_bytes,
                        u.duration_seconds,
                        u.checksum_sha256,
                        u.language_hint,
                        rel,
                        u.created_at
                    ],
                )?;
                tx.execute(
                "UPDATE sessions SET status = 'uploaded', prev_status = NULL, status_reason = NULL,
                     upload_id = ?2, duration_seconds = ?3,
                     language = COALESCE(language, ?4), updated_at = ?5
                 WHERE id = ?1",
                params![u.session_id, u.id, u.duration_seconds, u.language_hint, u.created_at],
            )?;
                tx.commit()?;
                Ok(true)
            })
            .await?;
    if !stored {
        return Err(super::sessions::no_session(session_id));
    }
    guard.part = None;
    Ok(upload)
}

/// Startup recovery of interrupted uploads: empties `tmp/`, returns sessions left `uploading`
/// to their previous state (`created` or `failed`) with a reason, and removes media files that
/// no upload row refers to (a crash between the rename and the commit). Returns the number of
/// sessions put back.
pub fn recover(db: &Db, config: &Config) -> anyhow::Result<usize> {
    let tmp = config.tmp_dir();
    if tmp.exists() {
        for entry in std::fs::read_dir(&tmp)? {
            let p = entry?.path();
            if p.is_dir() {
                std::fs::remove_dir_all(&p)?;
            } else {
                std::fs::remove_file(&p)?;
            }
        }
    }
    std::fs::create_dir_all(&tmp)?;
    let conn = db.blocking()?;
    super::idempotency::prune(&conn)?;
    let n = conn.execute(
        "UPDATE sessions SET status = COALESCE(prev_status, 'created'), prev_status = NULL,
             status_reason = 'the upload was interrupted (the server stopped); upload the video again',
             updated_at = ?1
         WHERE status = 'uploading'",
        [db::now()],
    )?;
    let media = config.media_dir();
    if media.exists() {
        let mut stmt = conn.prepare("SELECT 1 FROM uploads WHERE path = ?1")?;
        for dir in std::fs::read_dir(&media)? {
            let dir = dir?;
            if !dir.file_type()?.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(dir.path())? {
                let f = f?;
                let rel = format!(
                    "media/{}/{}",
                    dir.file_name().to_string_lossy(),
                    f.file_name().to_string_lossy()
                );
                if stmt.query_row([&rel], |_| Ok(())).optional()?.is_none() {
                    let _ = std::fs::remove_file(f.path());
                }
            }
        }
    }
    Ok(n)
}
