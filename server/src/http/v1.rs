//! The v1 API, still served for clients not yet migrated (spec/openapi/v1.yaml, frozen).
//!
//! A request to an operation of the v1 spec is translated to its v2 operation and answered by
//! the v2 router in-process: `/api/v1` becomes `/api/v2`, `session_name` becomes `name` in
//! request bodies, a transcription request without `language` asks for `auto` (v1's default),
//! and `captions` is v2's `transcript`. The answer is translated back (`name` ->
//! `session_name` in sessions and in validation problems, durations in whole seconds, rounded
//! down, as v1 documents them). Every v1 answer says it is deprecated: `Deprecation` (RFC 9745)
//! since v2's release, `Sunset` (RFC 8594) from the operation's `x-sunset` in the v1 spec or
//! else v1's end of life ([`V1_SUNSET`]), and a `Link` to the v2 path with
//! `rel="successor-version"`. Paths that are not v1 operations are not translated (404).

use std::sync::LazyLock;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

/// The v1 spec, embedded.
pub const V1_SPEC_YAML: &str = include_str!("../../../spec/openapi/v1.yaml");

/// When v1 became deprecated: the release of v2.0.0.
pub const V1_DEPRECATED_ON: &str = "2026-12-02";
/// When v1 stops being served, for operations the v1 spec gives no earlier date: one year
/// after v2's release.
pub const V1_SUNSET: &str = "2027-12-02";

/// JSON request bodies larger than this are not translated (v1 has none near it).
const MAX_JSON_BODY: usize = 4 << 20;

#[derive(Debug)]
struct V1Operation {
    method: Method,
    /// Path template segments; `None` for a parameter.
    segments: Vec<Option<String>>,
    /// `x-sunset` of the operation (`YYYY-MM-DD`), when the spec gives one.
    sunset: Option<String>,
}

static OPERATIONS: LazyLock<Vec<V1Operation>> = LazyLock::new(|| {
    let spec: Value = serde_yaml_ng::from_str(V1_SPEC_YAML).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for (path, item) in spec
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, op) in item.as_object().into_iter().flatten() {
            const METHODS: [&str; 8] = [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ];
            if !METHODS.contains(&method.as_str()) || !op.is_object() {
                continue;
            }
            let Ok(method) = Method::from_bytes(method.to_ascii_uppercase().as_bytes()) else {
                continue;
            };
            out.push(V1Operation {
                method,
                segments: path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(|s| (!s.starts_with('{')).then(|| s.to_string()))
                    .collect(),
                sunset: op
                    .get("x-sunset")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            });
        }
    }
    out
});

fn find(method: &Method, path: &str) -> Option<&'static V1Operation> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    OPERATIONS.iter().find(|op| {
        op.method == *method
            && op.segments.len() == segs.len()
            && op
                .segments
                .iter()
                .zip(&segs)
                .all(|(t, s)| t.as_deref().is_none_or(|t| t == *s))
    })
}

/// `YYYY-MM-DD` as an HTTP date (`Thu, 31 Dec 2026 00:00:00 GMT`) and as Unix seconds.
fn http_date(day: &str) -> Option<(String, i64)> {
    let mut it = day.get(..10)?.split('-');
    let (y, m, d) = (
        it.next()?.parse::<i32>().ok()?,
        it.next()?.parse::<u8>().ok()?,
        it.next()?.parse::<u8>().ok()?,
    );
    let date = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
    let at = date.midnight().assume_utc();
    let weekday = date.weekday().to_string();
    let month = date.month().to_string();
    Some((
        format!(
            "{}, {d:02} {} {y:04} 00:00:00 GMT",
            weekday.get(..3)?,
            month.get(..3)?
        ),
        at.unix_timestamp(),
    ))
}

#[derive(Clone)]
struct V1 {
    v2: Router,
}

/// `v2` with the v1 operations in front of it.
pub fn wrap(v2: Router) -> Router {
    let v1 = Router::new()
        .route("/api/v1/{*rest}", any(translate))
        .with_state(V1 { v2: v2.clone() });
    v2.merge(v1)
}

async fn translate(State(v1): State<V1>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let Some(op) = find(req.method(), &path) else {
        // Not a v1 operation: the v2 router answers (404, 405) with its usual problems.
        return v1.v2.oneshot(req).await.unwrap_or_else(|e| match e {});
    };
    let rest = path.strip_prefix("/api/v1").unwrap_or(&path);
    let mut v2_path = format!("/api/v2{rest}");
    if let Some(id) = rest
        .strip_prefix("/sessions/")
        .and_then(|r| r.strip_suffix("/captions"))
    {
        v2_path = format!("/api/v2/sessions/{id}/transcript");
    }
    let sessions_body =
        rest == "/sessions" || rest.starts_with("/sessions/") && rest.matches('/').count() == 2;
    let transcribe = rest.ends_with("/transcribe");
    let (mut parts, body) = req.into_parts();
    let query = parts
        .uri
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    parts.uri = match format!("{v2_path}{query}").parse() {
        Ok(u) => u,
        Err(_) => return super::ApiError::not_found("No such route.").into_response_v1(),
    };
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    let body = if is_json && (sessions_body || transcribe) {
        let Ok(bytes) = to_bytes(body, MAX_JSON_BODY).await else {
            return super::ApiError::bad_request("The request body is too large or unreadable.")
                .into_response_v1();
        };
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(mut m)) => {
                if sessions_body {
                    if let Some(v) = m.remove("session_name") {
                        m.insert("name".into(), v);
                    }
                }
                if transcribe && !m.contains_key("language") {
                    m.insert("language".into(), Value::String("auto".into()));
                }
                let out = serde_json::to_vec(&Value::Object(m)).unwrap_or_default();
                parts.headers.remove(header::CONTENT_LENGTH);
                Body::from(out)
            }
            // Not an object: v2 rejects it with the right problem.
            _ => Body::from(bytes),
        }
    } else if transcribe
        && parts
            .headers
            .get(header::CONTENT_LENGTH)
            .is_none_or(|v| v == "0")
    {
        // v1 allowed an empty body (every option defaulted).
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        parts.headers.remove(header::CONTENT_LENGTH);
        Body::from("{\"language\":\"auto\"}")
    } else {
        body
    };
    // A fresh request: the outer route's `{*rest}` match must not reach v2's extractors.
    let mut inner = Request::new(body);
    *inner.method_mut() = parts.method;
    *inner.uri_mut() = parts.uri;
    *inner.version_mut() = parts.version;
    *inner.headers_mut() = parts.headers;
    let res = v1.v2.oneshot(inner).await.unwrap_or_else(|e| match e {});
    let mut res = back(res, sessions_body).await;
    let h = res.headers_mut();
    if let Some((_, ts)) = http_date(V1_DEPRECATED_ON) {
        if let Ok(v) = HeaderValue::from_str(&format!("@{ts}")) {
            h.insert("deprecation", v);
        }
    }
    let sunset = op.sunset.as_deref().unwrap_or(V1_SUNSET);
    if let Some((date, _)) = http_date(sunset) {
        if let Ok(v) = HeaderValue::from_str(&date) {
            h.insert("sunset", v);
        }
    }
    if let Ok(v) = HeaderValue::from_str(&format!("<{v2_path}>; rel=\"successor-version\"")) {
        h.append(header::LINK, v);
    }
    res
}

/// Translates a v2 answer for a v1 client (JSON bodies only; streams and files pass).
async fn back(res: Response, sessions_body: bool) -> Response {
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if !is_json {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut v) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    to_v1(&mut v);
    // Validation problems of a session body name v1's field.
    if sessions_body {
        for e in v
            .get_mut("errors")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if e.get("field").and_then(Value::as_str) == Some("name") {
                e["field"] = Value::String("session_name".into());
            }
        }
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(
        parts,
        Body::from(serde_json::to_vec(&v).unwrap_or_default()),
    )
}

/// Sessions get `session_name`; sessions and transcripts whole-second durations.
fn to_v1(v: &mut Value) {
    match v {
        Value::Array(a) => a.iter_mut().for_each(to_v1),
        Value::Object(m) => {
            let kind = m.get("object").and_then(Value::as_str).map(str::to_string);
            if matches!(kind.as_deref(), Some("session")) {
                if let Some(name) = m.remove("name") {
                    m.insert("session_name".into(), name);
                }
            }
            if matches!(kind.as_deref(), Some("session" | "transcript")) {
                if let Some(d) = m.get("duration_seconds").and_then(Value::as_f64) {
                    m.insert("duration_seconds".into(), Value::from(d.floor() as i64));
                }
            }
            m.values_mut().for_each(to_v1);
        }
        _ => {}
    }
}

/// Whether the v1 spec has an operation for this method and path (for tests).
pub fn is_v1_operation(method: &Method, path: &str) -> bool {
    find(method, path).is_some()
}

impl super::ApiError {
    fn into_response_v1(self) -> Response {
        axum::response::IntoResponse::into_response(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_and_v1_operations() {
        assert_eq!(
            http_date("2026-12-31"),
            Some(("Thu, 31 Dec 2026 00:00:00 GMT".to_string(), 1_798_675_200))
        );
        assert!(is_v1_operation(
            &Method::GET,
            "/api/v1/sessions/s_1/captions"
        ));
        assert!(is_v1_operation(&Method::POST, "/api/v1/sessions"));
        assert!(!is_v1_operation(
            &Method::GET,
            "/api/v1/sessions/s_1/progress"
        ));
        assert!(!is_v1_operation(&Method::PUT, "/api/v1/sessions"));
    }
}
