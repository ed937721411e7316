//! API keys: list (cursor pagination, `mode`, `include_revoked`), create, revoke.
//! A test key sees and manages only test keys (403 for live ones); a key cannot revoke itself
//! (409).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use rusqlite::{params, params_from_iter};

use super::auth::{self, Caller, KeyRow, KEY_COLUMNS};
use super::error::ApiError;
use super::extract::{ApiJson, ApiQuery, Id};
use super::sessions::{decode_cursor, encode_cursor};
use super::state::AppState;
use super::wire;
use crate::db;

fn mode(livemode: bool) -> wire::ApiKeyMode {
    if livemode {
        wire::ApiKeyMode::Live
    } else {
        wire::ApiKeyMode::Test
    }
}

fn prefix(livemode: bool) -> &'static str {
    if livemode {
        "vt_live_"
    } else {
        "vt_test_"
    }
}

pub fn to_wire(k: KeyRow) -> wire::ApiKey {
    wire::ApiKey {
        id: k.id,
        object: Default::default(),
        name: k.name,
        mode: mode(k.livemode),
        prefix: prefix(k.livemode).to_string(),
        last4: k.last4,
        created_at: k.created_at,
        last_used_at: k.last_used_at,
        expires_at: k.expires_at,
        revoked_at: k.revoked_at,
    }
}

fn test_key_forbidden() -> ApiError {
    ApiError::forbidden("A test-mode key cannot manage live-mode keys; use a live key.")
}

pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ApiQuery(q): ApiQuery<wire::ListApiKeysQuery>,
) -> Result<Json<wire::ApiKeyList>, ApiError> {
    let limit = q.limit.unwrap_or(20);
    let want_live = match q.mode {
        Some(wire::ApiKeyMode::Live) => Some(true),
        Some(wire::ApiKeyMode::Test) => Some(false),
        None => None,
    };
    if !caller.livemode && want_live == Some(true) {
        return Err(test_key_forbidden());
    }
    // A test key lists test keys only.
    let want_live = if caller.livemode {
        want_live
    } else {
        Some(false)
    };
    let mut sql = format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE 1 = 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(live) = want_live {
        sql.push_str(" AND livemode = ?");
        args.push(live.into());
    }
    if !q.include_revoked.unwrap_or(false) {
        sql.push_str(" AND revoked_at IS NULL");
    }
    if let Some(c) = &q.cursor {
        sql.push_str(" AND seq < ?");
        args.push(decode_cursor("key", c)?.into());
    }
    sql.push_str(" ORDER BY seq DESC LIMIT ?");
    args.push((limit + 1).into());
    let mut rows = state
        .db
        .call(move |c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args), auth::key_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })
        .await?;
    let has_more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        rows.last().map(|k| encode_cursor("key", k.seq))
    } else {
        None
    };
    Ok(Json(wire::ApiKeyList {
        data: rows.into_iter().map(to_wire).collect(),
        next_cursor,
        has_more,
    }))
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(body): ApiJson<wire::ApiKeyCreate>,
) -> Result<(StatusCode, Json<wire::ApiKeyWithSecret>), ApiError> {
    let livemode = !matches!(body.mode, Some(wire::ApiKeyMode::Test));
    if livemode && !caller.livemode {
        return Err(test_key_forbidden());
    }
    let expires_at = match body.expires_at.flatten() {
        None => None,
        Some(t) => match db::parse_ts(&t) {
            Some(t) if t > time::OffsetDateTime::now_utc() => Some(db::format_ts(t)),
            Some(_) => {
                return Err(ApiError::invalid_field(
                    "expires_at",
                    "must be in the future",
                ))
            }
            None => {
                return Err(ApiError::invalid_field(
                    "expires_at",
                    "must be an RFC 3339 date-time",
                ))
            }
        },
    };
    let name = body.name;
    let (row, secret) = state
        .db
        .call(move |c| auth::create_key(c, &name, livemode, expires_at.as_deref()))
        .await?;
    state.keys.insert(&secret, &row);
    let k = to_wire(row);
    Ok((
        StatusCode::CREATED,
        Json(wire::ApiKeyWithSecret {
            id: k.id,
            object: Default::default(),
            name: k.name,
            mode: k.mode,
            prefix: k.prefix,
            last4: k.last4,
            created_at: k.created_at,
            last_used_at: k.last_used_at,
            expires_at: k.expires_at,
            revoked_at: k.revoked_at,
            secret,
        }),
    ))
}

pub async fn revoke(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<wire::ApiKey>, ApiError> {
    let not_found = || ApiError::not_found(format!("No API key with id '{id}'."));
    let kid = id.clone();
    let Some(key) = state.db.call(move |c| auth::find_key(c, &kid)).await? else {
        return Err(not_found());
    };
    if key.livemode && !caller.livemode {
        // A test key does not learn whether a live key exists... but the id was valid: 403.
        return Err(test_key_forbidden());
    }
    if *caller.key_id == *key.id {
        return Err(ApiError::conflict(
            "A key cannot revoke itself; revoke it with another key.",
        ));
    }
    if key.revoked_at.is_some() {
        return Ok(Json(to_wire(key)));
    }
    let kid = id.clone();
    let row = state
        .db
        .call(move |c| {
            c.execute(
                "UPDATE api_keys SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                params![kid, db::now()],
            )?;
            auth::find_key(c, &kid)
        })
        .await?
        .ok_or_else(not_found)?;
    state.keys.remove_id(&id);
    Ok(Json(to_wire(row)))
}
