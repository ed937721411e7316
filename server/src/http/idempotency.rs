//! `Idempotency-Key` on POST requests: the first response (2xx and 4xx, not 5xx or 401) to a key is
//! stored for 24 hours, scoped to the credential that sent it; a retry with the same key and
//! the same body gets that response again (with `Idempotent-Replayed: true`) without running the
//! operation twice; the same key with another method, path or body is a 409.
//!
//! Not stored: uploads (multipart bodies of any size; a second upload is a 409 by the session's
//! state anyway) and API key creation (the response carries the secret, which is never stored).

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::state::AppState;
use crate::db;

/// Request bodies larger than this are not buffered for hashing (JSON bodies are far smaller).
const MAX_BODY: usize = 2 << 20;
/// Responses larger than this are not stored.
const MAX_RESPONSE: usize = 1 << 20;

fn applies(req: &Request) -> bool {
    let path = req.uri().path();
    req.method() == Method::POST
        && req.headers().contains_key("idempotency-key")
        && req.headers().contains_key(header::AUTHORIZATION)
        && !path.ends_with("/upload")
        && !path.starts_with("/api/v2/api-keys")
}

struct Stored {
    method: String,
    path: String,
    body_hash: Vec<u8>,
    status: u16,
    content_type: Option<String>,
    location: Option<String>,
    body: Vec<u8>,
}

pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !applies(&req) {
        return next.run(req).await;
    }
    let key = req.headers()["idempotency-key"]
        .to_str()
        .unwrap_or("")
        .to_string();
    let scope: Vec<u8> = Sha256::digest(req.headers()[header::AUTHORIZATION].as_bytes()).to_vec();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return ApiError::too_large("The request body is too large.").into_response(),
    };
    let body_hash = Sha256::digest(&bytes).to_vec();
    let since = db::format_ts(time::OffsetDateTime::now_utc() - time::Duration::hours(24));
    let (s2, k2) = (scope.clone(), key.clone());
    let found = state
        .db
        .call(move |c| {
            c.prepare_cached(
                "SELECT method, path, body_hash, status, content_type, location, body
                 FROM idempotency WHERE scope = ?1 AND key = ?2 AND created_at >= ?3",
            )?
            .query_row(params![s2, k2, since], |r| {
                Ok(Stored {
                    method: r.get(0)?,
                    path: r.get(1)?,
                    body_hash: r.get(2)?,
                    status: r.get(3)?,
                    content_type: r.get(4)?,
                    location: r.get(5)?,
                    body: r.get(6)?,
                })
            })
            .optional()
        })
        .await;
    let found = match found {
        Ok(f) => f,
        Err(e) => return ApiError::from(e).into_response(),
    };
    if let Some(s) = found {
        if s.method != method || s.path != path || s.body_hash != body_hash {
            return ApiError::conflict(
                "This Idempotency-Key was used with a different request; use a new key.",
            )
            .into_response();
        }
        let mut res = Response::new(Body::from(s.body));
        *res.status_mut() = StatusCode::from_u16(s.status).unwrap_or(StatusCode::OK);
        let h = res.headers_mut();
        if let Some(ct) = s.content_type.and_then(|v| HeaderValue::from_str(&v).ok()) {
            h.insert(header::CONTENT_TYPE, ct);
        }
        if let Some(l) = s.location.and_then(|v| HeaderValue::from_str(&v).ok()) {
            h.insert(header::LOCATION, l);
        }
        h.insert("idempotent-replayed", HeaderValue::from_static("true"));
        return res;
    }
    let res = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    // Server errors may go away on a retry; a 401 stores nothing for credentials that are not
    // valid (nor lets unauthenticated clients write to the database).
    if res.status().is_server_error() || res.status() == StatusCode::UNAUTHORIZED {
        return res;
    }
    // Problems are rendered by the outer middleware: render this one now so it can be stored.
    let res = super::render_problem(res, &path);
    let (parts, body) = res.into_parts();
    let Ok(out) = to_bytes(body, MAX_RESPONSE).await else {
        return ApiError::internal("an idempotent response could not be buffered").into_response();
    };
    let header = |n: header::HeaderName| {
        parts
            .headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let row = (
        scope,
        key,
        method,
        path,
        body_hash,
        parts.status.as_u16(),
        header(header::CONTENT_TYPE),
        header(header::LOCATION),
        out.to_vec(),
    );
    let _ = state
        .db
        .call(move |c| {
            c.prepare_cached(
                "INSERT OR IGNORE INTO idempotency
                     (scope, key, method, path, body_hash, status, content_type, location, body,
                      created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                row.0,
                row.1,
                row.2,
                row.3,
                row.4,
                row.5,
                row.6,
                row.7,
                row.8,
                db::now()
            ])
        })
        .await;
    Response::from_parts(parts, Body::from(out))
}

/// Forgets stored responses older than 24 hours (at startup).
pub fn prune(conn: &rusqlite::Connection) -> rusqlite::Result<usize> {
    let since = db::format_ts(time::OffsetDateTime::now_utc() - time::Duration::hours(24));
    conn.execute("DELETE FROM idempotency WHERE created_at < ?1", [since])
}
