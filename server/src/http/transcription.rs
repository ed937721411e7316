//! Transcription endpoints over the engine ([`crate::jobs`]): start, get, cancel, the progress
//! stream (server-sent events), the transcript and its exports, and session analytics.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;

use super::auth::Caller;
use super::error::ApiError;
use super::extract::{ApiJson, ApiQuery, Id};
use super::sessions::require;
use super::state::AppState;
use super::wire;
use crate::jobs::JobsError;
use crate::{analytics, export};

pub async fn start(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiJson(options): ApiJson<wire::TranscriptionOptions>,
) -> Result<(StatusCode, Json<wire::TranscriptionJob>), ApiError> {
    let job = state
        .jobs
        .enqueue(&id, caller.livemode, options)
        .await
        .map_err(|e| match e {
            JobsError::SessionNotFound => super::sessions::no_session(&id),
            e => e.into(),
        })?;
    Ok((StatusCode::ACCEPTED, Json(job)))
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<wire::TranscriptionJob>, ApiError> {
    require(&state, &caller, &id).await?;
    state
        .jobs
        .latest(&id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::conflict("The session has no transcription job yet."))
}

pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<wire::TranscriptionJob>, ApiError> {
    require(&state, &caller, &id).await?;
    Ok(Json(state.jobs.cancel(&id).await?))
}

pub async fn progress(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    require(&state, &caller, &id).await?;
    let last = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let stream = state.jobs.subscribe(&id, last).await.map_err(|e| match e {
        JobsError::NoJob => ApiError::conflict(
            "The session has no transcription job; start one with POST .../transcribe.",
        ),
        e => e.into(),
    })?;
    let events = stream.map(|(event_id, ev)| {
        let stage = serde_json::to_value(ev.stage)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let data = serde_json::to_string(&ev).unwrap_or_default();
        Ok::<_, Infallible>(
            Event::default()
                .id(event_id.to_string())
                .event(stage)
                .data(data),
        )
    });
    let mut res = Sse::new(events)
        .keep_alive(
            KeepAlive::new()
                .interval(Duration::from_secs(15))
                .text("keep-alive"),
        )
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, "no-cache".parse().expect("static"));
    Ok(res)
}

pub async fn transcript(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
    ApiQuery(q): ApiQuery<wire::GetTranscriptQuery>,
) -> Result<Response, ApiError> {
    require(&state, &caller, &id).await?;
    let Some(t) = state.jobs.transcript(&id).await? else {
        return Err(ApiError::conflict(
            "The session has no completed transcript yet.",
        ));
    };
    let text =
        |ct: &'static str, body: String| ([(header::CONTENT_TYPE, ct)], body).into_response();
    Ok(match q.format.unwrap_or(wire::TranscriptFormat::Json) {
        wire::TranscriptFormat::Json => Json(t).into_response(),
        wire::TranscriptFormat::Srt => text("application/x-subrip", export::srt(&t)),
        wire::TranscriptFormat::Vtt => text("text/vtt; charset=utf-8", export::vtt(&t)),
        wire::TranscriptFormat::Txt => text("text/plain; charset=utf-8", export::txt(&t)),
    })
}

pub async fn analytics(
    State(state): State<AppState>,
    caller: Caller,
    Id(id): Id,
) -> Result<Json<wire::SessionAnalytics>, ApiError> {
    require(&state, &caller, &id).await?;
    let Some((t, job)) = state.jobs.completed(&id).await? else {
        return Err(ApiError::conflict(
            "The session has no completed transcript yet.",
        ));
    };
    Ok(Json(analytics::compute(&t, &job)))
}
