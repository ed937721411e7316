//! Sessions: create, list (newest first, cursor pagination, filters), get, update (JSON
//! merge-patch), delete. Every query filters by the caller's mode (test keys see test data only).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};

use super::auth::Caller;
use super::error::ApiError;
use super::extract::{ApiJson, ApiQuery, Id};
use super::state::AppState;
use super::wire;
use crate::db;

/// The columns [`session_row`] reads (sessions `s` left-joined with its upload `u`).
pub const SESSION_SELECT: &str = "SELECT s.id, s.name, s.description, s.status, s.language,
    s.duration_seconds, s.metadata, s.livemode, s.created_at, s.updated_at, s.seq,
    u.id, u.filename, u.content_type, u.size_bytes, u.duration_seconds, u.checksum_sha256,
    u.language_hint, u.created_at
    FROM sessions s LEFT JOIN uploads u ON u.id = s.upload_id";

/// A session row and its `seq` (the pagination key).
pub fn session_row(r: &Row<'_>) -> rusqlite::Result<(wire::Session, i64)> {
    let id: String = r.get(0)?;
    let metadata: String = r.get(6)?;
    let video = match r.get::<_, Option<String>>(11)? {
        None => None,
        Some(upload_id) => Some(wire::VideoUpload {
            id: upload_id,
            object: Default::default(),
            session_id: id.clone(),
            filename: r.get(12)?,
            content_type: r.get(13)?,
            size_bytes: r.get(14)?,
            duration_seconds: r.get(15)?,
            checksum_sha256: r.get(16)?,
            language_hint: r.get(17)?,
            created_at: r.get(18)?,
        }),
    };
    let status: String = r.get(3)?;
    Ok((
        wire::Session {
            id,
            object: Default::default(),
            name: r.get(1)?,
            description: r.get(2)?,
            status: wire::SessionStatus::from_wire(&status).unwrap_or(wire::SessionStatus::Failed),
            language: r.get(4)?,
            duration_seconds: r.get(5)?,
            video,
            metadata: serde_json::from_str(&metadata).unwrap_or_default(),
            livemode: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        },
        r.get(10)?,
    ))
}

/// One session of the caller's mode.
pub fn find(
    conn: &rusqlite::Connection,
    id: &str,
    livemode: bool,
) -> rusqlite::Result<Option<wire::Session>> {
    conn.prepare_cached(&format!(
        "{SESSION_SELECT} WHERE s.id = ?1 AND s.livemode = ?2"
    ))?
    .query_row(params![id, livemode], session_row)
    .optional()
    .map(|o| o.map(|(s, _)| s))
}

pub fn no_session(id: &str) -> ApiError {
    ApiError::not_found(format!("No session with id '{id}'."))
}

/// 404 unless the session exists in the caller's mode.
pub async fn require(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<wire::Session, ApiError> {
    state
        .db
        .read_now(|c| find(c, id, caller.livemode))?
        .ok_or_else(|| no_session(id))
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<wire::SessionCreate>,
) -> Result<Response, ApiError> {
    let id = uuid::Uuid::new_v4().to_string();
    let metadata = serde_json::to_string(&body.metadata.clone().unwrap_or_default())
        .map_err(ApiError::internal)?;
    let live = caller.livemode;
    let sid = id.clone();
    let session = state
        .db
        .call(move |c| {
            let now = db::now();
            c.prepare_cached(
                "INSERT INTO sessions (id, livemode, name, description, status, language,
                     metadata, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'created', ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                sid,
                live,
                body.name,
                body.description,
                body.language,
                metadata,
                now
            ])?;
            find(c, &sid, live)
        })
        .await?
        .ok_or_else(|| ApiError::internal("the new session vanished"))?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v2/sessions/{id}"))],
        Json(session),
    )
        .into_response())
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<wire::Session>, ApiError> {
    require(&state, &caller, &id).await.map(Json)
}

/// An opaque cursor: the `seq` of the last session (or key) of the previous page.
pub fn encode_cursor(kind: &str, seq: i64) -> String {
    format!("{kind}_{}", hex(format!("v1:{seq}").as_bytes()))
}

pub fn decode_cursor(kind: &str, cursor: &str) -> Result<i64, ApiError> {
    let bad = || {
        ApiError::bad_params(vec![wire::ValidationError {
            field: "cursor".into(),
            message: "is not a cursor this endpoint returned".into(),
        }])
    };
    let rest = cursor
        .strip_prefix(kind)
        .and_then(|r| r.strip_prefix('_'))
        .ok_or_else(bad)?;
    let bytes = unhex(rest).ok_or_else(bad)?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    text.strip_prefix("v1:")
        .and_then(|n| n.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(bad)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 64 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// `%`, `_` and `\` escaped for `LIKE ... ESCAPE '\'`, wrapped in `%`.
pub fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

fn timestamp_param(name: &str, value: &Option<String>) -> Result<Option<String>, ApiError> {
    match value {
        None => Ok(None),
        Some(v) => db::parse_ts(v)
            .map(|t| Some(db::format_ts(t)))
            .ok_or_else(|| {
                ApiError::bad_params(vec![wire::ValidationError {
                    field: name.into(),
                    message: "must be an RFC 3339 date-time (e.g. 2025-01-01T00:00:00Z)".into(),
                }])
            }),
    }
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<wire::ListSessionsQuery>,
) -> Result<Json<wire::SessionList>, ApiError> {
    let limit = q.limit.unwrap_or(20);
    let after = timestamp_param("created_after", &q.created_after)?;
    let before = timestamp_param("created_before", &q.created_before)?;
    let mut sql = format!("{SESSION_SELECT} WHERE s.livemode = ?");
    let mut args: Vec<rusqlite::types::Value> = vec![caller.livemode.into()];
    if let Some(c) = &q.cursor {
        sql.push_str(" AND s.seq < ?");
        args.push(decode_cursor("sess", c)?.into());
    }
    if let Some(status) = q.status {
        sql.push_str(" AND s.status = ?");
        args.push(status.as_str().to_string().into());
    }
    if let Some(t) = after {
        sql.push_str(" AND s.created_at >= ?");
        args.push(t.into());
    }
    if let Some(t) = before {
        sql.push_str(" AND s.created_at < ?");
        args.push(t.into());
    }
    if let Some(text) = &q.q {
        let p = like_pattern(text);
        sql.push_str(
            " AND (s.name LIKE ? ESCAPE '\\' OR s.description LIKE ? ESCAPE '\\'
               OR EXISTS (SELECT 1 FROM transcripts t WHERE t.session_id = s.id
                          AND json_extract(t.data, '$.text') LIKE ? ESCAPE '\\'))",
        );
        args.extend([p.clone().into(), p.clone().into(), p.into()]);
    }
    if let Some(text) = &q.search {
        sql.push_str(" AND s.name LIKE ? ESCAPE '\\'");
        args.push(like_pattern(text).into());
    }
    sql.push_str(" ORDER BY s.seq DESC LIMIT ?");
    args.push((limit + 1).into());
    let mut rows = state
        .db
        .call(move |c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args), session_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })
        .await?;
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        rows.last().map(|(_, seq)| encode_cursor("sess", *seq))
    } else {
        None
    };
    Ok(Json(wire::SessionList {
        data: rows.into_iter().map(|(s, _)| s).collect(),
        next_cursor,
        has_more,
    }))
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(patch): ApiJson<wire::SessionUpdate>,
) -> Result<Json<wire::Session>, ApiError> {
    let live = caller.livemode;
    let sid = id.clone();
    let metadata = match &patch.metadata {
        None => None,
        Some(m) => Some(
            serde_json::to_string(&m.clone().unwrap_or_default()).map_err(ApiError::internal)?,
        ),
    };
    let updated = state
        .db
        .call(move |c| {
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM sessions WHERE id = ?1 AND livemode = ?2",
                    params![sid, live],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_none() {
                return Ok(None);
            }
            let now = db::now();
            if let Some(name) = &patch.name {
                tx.execute(
                    "UPDATE sessions SET name = ?2 WHERE id = ?1",
                    params![sid, name],
                )?;
            }
            if let Some(d) = &patch.description {
                tx.execute(
                    "UPDATE sessions SET description = ?2 WHERE id = ?1",
                    params![sid, d],
                )?;
            }
            if let Some(l) = &patch.language {
                tx.execute(
                    "UPDATE sessions SET language = ?2 WHERE id = ?1",
                    params![sid, l],
                )?;
            }
            if let Some(m) = &metadata {
                tx.execute(
                    "UPDATE sessions SET metadata = ?2 WHERE id = ?1",
                    params![sid, m],
                )?;
            }
            tx.execute(
                "UPDATE sessions SET updated_at = ?2 WHERE id = ?1",
                params![sid, now],
            )?;
            let s = find(&tx, &sid, live)?;
            tx.commit()?;
            Ok(s)
        })
        .await?;
    updated.map(Json).ok_or_else(|| no_session(&id))
}

pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let live = caller.livemode;
    let sid = id.clone();
    let exists = state
        .db
        .call(move |c| {
            c.query_row(
                "SELECT 1 FROM sessions WHERE id = ?1 AND livemode = ?2",
                params![sid, live],
                |_| Ok(()),
            )
            .optional()
        })
        .await?;
    if exists.is_none() {
        return Err(no_session(&id));
    }
    // Stop a running job first; its rows go with the session (ON DELETE CASCADE).
    state.jobs.abort_session(&id);
    let sid = id.clone();
    state
        .db
        .call(move |c| {
            c.execute(
                "DELETE FROM sessions WHERE id = ?1 AND livemode = ?2",
                params![sid, live],
            )
        })
        .await?;
    let dir = state.config.media_dir().join(&id);
    let _ = tokio::task::spawn_blocking(move || std::fs::remove_dir_all(dir)).await;
    Ok(StatusCode::NO_CONTENT)
}
