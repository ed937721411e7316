//! Bearer API keys: `vt_live_<32 base62>` / `vt_test_<32 base62>`, stored as sha256 hashes, with
//! an in-memory cache (hash -> key) so authenticating a request costs no database access once the
//! key was seen. A key made by `vtserver keys create` while the server runs is found on its
//! first use (a cache miss reads the database). Revocation through the API takes effect at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::state::AppState;
use crate::db::{self, Db};

/// The authenticated caller of a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub key_id: Arc<str>,
    /// `true` for live keys; test keys see only test-mode data.
    pub livemode: bool,
}

struct CachedKey {
    id: Arc<str>,
    livemode: bool,
    /// Unix milliseconds after which the key no longer works.
    expires_at_ms: Option<i64>,
    /// The hour (Unix hours) `last_used_at` was last written for.
    last_used_hour: AtomicI64,
}

/// Valid keys by the sha256 of their secret.
#[derive(Default)]
pub struct KeyCache {
    keys: RwLock<HashMap<[u8; 32], Arc<CachedKey>>>,
}

pub fn hash_secret(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new secret: the mode's prefix and 32 random base62 characters.
pub fn new_secret(livemode: bool) -> String {
    let mut out = String::from(if livemode { "vt_live_" } else { "vt_test_" });
    while out.len() < 8 + 32 {
        let mut buf = [0u8; 64];
        getrandom::fill(&mut buf).expect("the OS random generator works");
        for b in buf {
            // 62 * 4 = 248: reject 248..=255 so every character is equally likely.
            if b < 248 && out.len() < 8 + 32 {
                out.push(BASE62[(b % 62) as usize] as char);
            }
        }
    }
    out
}

/// A stored key, as `api_keys` holds it.
#[derive(Debug, Clone)]
pub struct KeyRow {
    pub id: String,
    pub name: String,
    pub livemode: bool,
    pub last4: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
    pub seq: i64,
}

pub const KEY_COLUMNS: &str =
    "id, name, livemode, last4, created_at, last_used_at, expires_at, revoked_at, seq";

pub fn key_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<KeyRow> {
    Ok(KeyRow {
        id: r.get(0)?,
        name: r.get(1)?,
        livemode: r.get(2)?,
        last4: r.get(3)?,
        created_at: r.get(4)?,
        last_used_at: r.get(5)?,
        expires_at: r.get(6)?,
        revoked_at: r.get(7)?,
        seq: r.get(8)?,
    })
}

/// Inserts a new key; returns its row and secret.
pub fn create_key(
    conn: &Connection,
    name: &str,
    livemode: bool,
    expires_at: Option<&str>,
) -> rusqlite::Result<(KeyRow, String)> {
    let secret = new_secret(livemode);
    let id = uuid::Uuid::new_v4().to_string();
    let now = db::now();
    let last4 = secret[secret.len() - 4..].to_string();
    conn.prepare_cached(
        "INSERT INTO api_keys (id, name, livemode, hash, last4, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        name,
        livemode,
        &hash_secret(&secret)[..],
        last4,
        now,
        expires_at
    ])?;
    let row = conn
        .prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1"))?
        .query_row([&id], key_row)?;
    Ok((row, secret))
}

fn ms(ts: &str) -> Option<i64> {
    db::parse_ts(ts).map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
}

fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

impl KeyCache {
    /// Loads every unrevoked key.
    pub fn load(conn: &Connection) -> rusqlite::Result<KeyCache> {
        let cache = KeyCache::default();
        let mut stmt = conn.prepare(
            "SELECT hash, id, livemode, expires_at FROM api_keys WHERE revoked_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        {
            let mut keys = cache.keys.write().unwrap_or_else(|p| p.into_inner());
            for row in rows {
                let (hash, id, livemode, expires_at) = row?;
                if let Ok(hash) = <[u8; 32]>::try_from(hash.as_slice()) {
                    keys.insert(hash, Arc::new(CachedKey::new(id, livemode, expires_at)));
                }
            }
        }
        Ok(cache)
    }

    /// Adds a key just created.
    pub fn insert(&self, secret: &str, row: &KeyRow) {
        self.keys.write().unwrap_or_else(|p| p.into_inner()).insert(
            hash_secret(secret),
            Arc::new(CachedKey::new(
                row.id.clone(),
                row.livemode,
                row.expires_at.clone(),
            )),
        );
    }

    /// Forgets a revoked key.
    pub fn remove_id(&self, id: &str) {
        self.keys
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, k| &*k.id != id);
    }

    fn get(&self, hash: &[u8; 32]) -> Option<Arc<CachedKey>> {
        self.keys
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(hash)
            .cloned()
    }
}

impl CachedKey {
    fn new(id: String, livemode: bool, expires_at: Option<String>) -> CachedKey {
        CachedKey {
            id: id.into(),
            livemode,
            expires_at_ms: expires_at.as_deref().and_then(ms),
            last_used_hour: AtomicI64::new(0),
        }
    }
}

/// Authenticates a bearer secret.
pub async fn authenticate(state: &AppState, secret: &str) -> Result<Caller, ApiError> {
    if !(secret.starts_with("vt_live_") || secret.starts_with("vt_test_")) {
        return Err(ApiError::unauthorized(
            "The API key is malformed; it starts with vt_live_ or vt_test_.",
        ));
    }
    let hash = hash_secret(secret);
    let key = match state.keys.get(&hash) {
        Some(k) => k,
        None => {
            let found = state
                .db
                .call(move |c| {
                    c.prepare_cached(
                        "SELECT id, livemode, expires_at FROM api_keys
                         WHERE hash = ?1 AND revoked_at IS NULL",
                    )?
                    .query_row([&hash[..]], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
                })
                .await?;
            let Some((id, livemode, expires_at)) = found else {
                return Err(ApiError::unauthorized(
                    "The API key is invalid or has been revoked.",
                ));
            };
            let key = Arc::new(CachedKey::new(id, livemode, expires_at));
            state
                .keys
                .keys
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .insert(hash, key.clone());
            key
        }
    };
    let now = now_ms();
    if key.expires_at_ms.is_some_and(|e| now >= e) {
        return Err(ApiError::unauthorized("The API key has expired."));
    }
    touch(&state.db, &key, now);
    Ok(Caller {
        key_id: key.id.clone(),
        livemode: key.livemode,
    })
}

/// Records `last_used_at` (to the hour) at most once per key and hour, off the request path.
fn touch(db: &Db, key: &CachedKey, now_ms: i64) {
    let hour = now_ms / 3_600_000;
    let prev = key.last_used_hour.load(Ordering::Relaxed);
    if prev == hour
        || key
            .last_used_hour
            .compare_exchange(prev, hour, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
    {
        return;
    }
    let ts = time::OffsetDateTime::from_unix_timestamp(hour * 3600)
        .map(db::format_ts)
        .unwrap_or_else(|_| db::now());
    let id = key.id.to_string();
    let db = db.clone();
    tokio::spawn(async move {
        let _ = db
            .call(move |c| {
                c.prepare_cached(
                    "UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1
                     AND (last_used_at IS NULL OR last_used_at < ?2)",
                )?
                .execute(params![id, ts])
            })
            .await;
    });
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Err(ApiError::unauthorized(
                "No API key was sent; send it as 'Authorization: Bearer <key>'.",
            ));
        };
        let value = value.to_str().unwrap_or("");
        let secret = match value.split_once(' ') {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
            _ => {
                return Err(ApiError::unauthorized(
                    "The Authorization header must use the Bearer scheme.",
                ))
            }
        };
        authenticate(state, secret).await
    }
}

/// Reads one key row by id (any mode).
pub fn find_key(conn: &Connection, id: &str) -> rusqlite::Result<Option<KeyRow>> {
    conn.prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1"))?
        .query_row([id], key_row)
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_have_the_spec_shape() {
        let s = new_secret(true);
        assert!(s.starts_with("vt_live_") && s.len() == 40, "{s}");
        assert!(s[8..].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(new_secret(false).starts_with("vt_test_"));
        assert_ne!(new_secret(true), new_secret(true));
    }
}
