//! The HTTP API: [`app`] builds the axum router over an [`AppState`].
//!
//! - Every response carries `X-Request-Id`; every error is an `application/problem+json`
//!   document ([`ApiError`]) whose `instance` is the request path.
//! - Routes: the implemented operations (sessions, upload, transcription, API keys), every
//!   operation the spec marks `x-vtserver-status: not-implemented` answering 501 (read from the
//!   embedded spec, so the route table cannot drift from it), `GET /openapi.json` and
//!   `/openapi.yaml` and the API reference at `/docs/` (no auth), and problem documents for unknown paths (404) and methods (405).

pub mod api_keys;
pub mod auth;
pub mod docs;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod sessions;
pub mod state;
pub mod transcription;
pub mod upload;
pub mod v1;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::Router;

pub(crate) use crate::wire;
pub use error::ApiError;
pub use state::{AppState, Config};

/// The spec, embedded.
pub const SPEC_YAML: &str = include_str!("../../../spec/openapi/v2.yaml");

/// The marker of operations this server does not implement.
pub const NOT_IMPLEMENTED_MARKER: &str = "x-vtserver-status";

/// An operation of the embedded spec: (operationId, method, path, marked not-implemented).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecOperation {
    pub id: String,
    pub method: String,
    pub path: String,
    pub not_implemented: bool,
}

/// The operations of the embedded spec (`paths` only; webhooks are not served).
pub fn spec_operations(spec_yaml: &str) -> anyhow::Result<Vec<SpecOperation>> {
    let spec: serde_json::Value = serde_yaml_ng::from_str(spec_yaml)?;
    let mut out = Vec::new();
    let Some(paths) = spec.get("paths").and_then(|p| p.as_object()) else {
        return Ok(out);
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            if ![
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&method.as_str())
            {
                continue;
            }
            out.push(SpecOperation {
                id: op
                    .get("operationId")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string(),
                method: method.to_uppercase(),
                path: path.clone(),
                not_implemented: op.get(NOT_IMPLEMENTED_MARKER).and_then(|v| v.as_str())
                    == Some("not-implemented"),
            });
        }
    }
    Ok(out)
}

static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids: a random per-process prefix and a counter (unique, cheap).
static REQUEST_PREFIX: LazyLock<String> = LazyLock::new(|| {
    let mut b = [0u8; 6];
    let _ = getrandom::fill(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
});
static REQUEST_COUNTER: AtomicU64 = AtomicU64::new(0);

fn request_id() -> HeaderValue {
    let n = REQUEST_COUNTER.fetch_add(1, Ordering::Relaxed);
    HeaderValue::from_str(&format!("req_{}{n:010x}", *REQUEST_PREFIX)).expect("ascii")
}

/// Renders a pending problem (an [`ApiError`] response) with `path` as its `instance`.
pub(crate) fn render_problem(mut res: Response, path: &str) -> Response {
    if let Some(error::PendingProblem(mut problem)) =
        res.extensions_mut().remove::<error::PendingProblem>()
    {
        problem.instance = Some(path.to_owned());
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        res.headers_mut().remove(header::CONTENT_LENGTH);
        *res.body_mut() = Body::from(body);
    }
    res
}

/// Adds `X-Request-Id` and renders pending problems with the request path as `instance`.
async fn finish(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = render_problem(next.run(req).await, &path);
    res.headers_mut().insert(X_REQUEST_ID.clone(), request_id());
    res
}

static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// The spec's `Idempotency-Key` header (POST operations) is 1 to 255 characters: anything
/// else is a 400 naming the header, before the handler runs.
async fn check_idempotency_key(req: Request, next: Next) -> Response {
    if let Some(value) = req.headers().get(&IDEMPOTENCY_KEY) {
        let len = value.to_str().map_or(usize::MAX, |v| v.chars().count());
        if !(1..=255).contains(&len) {
            return ApiError {
                errors: Some(vec![wire::ValidationError {
                    field: "Idempotency-Key".into(),
                    message: "must be 1 to 255 characters".into(),
                }]),
                ..ApiError::bad_request("Header 'Idempotency-Key' must be 1 to 255 characters.")
            }
            .into_response();
        }
    }
    next.run(req).await
}

async fn not_found() -> ApiError {
    ApiError::not_found("No such route.")
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}

async fn openapi_json(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        Body::from(axum::body::Bytes::from_owner(state.spec_json.clone())),
    )
        .into_response()
}

async fn openapi_yaml() -> Response {
    ([(header::CONTENT_TYPE, "application/yaml")], SPEC_YAML).into_response()
}

fn method_filter(m: &str) -> Option<MethodFilter> {
    Some(match m {
        "GET" => MethodFilter::GET,
        "POST" => MethodFilter::POST,
        "PUT" => MethodFilter::PUT,
        "PATCH" => MethodFilter::PATCH,
        "DELETE" => MethodFilter::DELETE,
        "HEAD" => MethodFilter::HEAD,
        "OPTIONS" => MethodFilter::OPTIONS,
        "TRACE" => MethodFilter::TRACE,
        _ => return None,
    })
}

/// The router of the whole API: v2, and v1 translated to it ([`v1`]).
pub fn app(state: AppState) -> Router {
    v1::wrap(v2_app(state))
}

/// The router of the v2 API.
fn v2_app(state: AppState) -> Router {
    use axum::routing::{delete, get, post};
    let mut routes: BTreeMap<String, MethodRouter<AppState>> = BTreeMap::new();
    let mut add = |path: &str, r: MethodRouter<AppState>| {
        let entry = routes.remove(path).map_or(r.clone(), |old| old.merge(r));
        routes.insert(path.to_string(), entry);
    };
    add(
        "/api/v2/sessions",
        post(sessions::create).get(sessions::list),
    );
    add(
        "/api/v2/sessions/{session_id}",
        get(sessions::get)
            .patch(sessions::update)
            .delete(sessions::delete),
    );
    add(
        "/api/v2/sessions/{session_id}/upload",
        post(upload::upload).layer(DefaultBodyLimit::disable()),
    );
    add(
        "/api/v2/sessions/{session_id}/analytics",
        get(transcription::analytics),
    );
    add(
        "/api/v2/sessions/{session_id}/transcribe",
        post(transcription::start),
    );
    add(
        "/api/v2/sessions/{session_id}/transcription",
        get(transcription::get),
    );
    add(
        "/api/v2/sessions/{session_id}/transcription/cancel",
        post(transcription::cancel),
    );
    add(
        "/api/v2/sessions/{session_id}/progress",
        get(transcription::progress),
    );
    add(
        "/api/v2/sessions/{session_id}/transcript",
        get(transcription::transcript),
    );
    add(
        "/api/v2/api-keys",
        get(api_keys::list).post(api_keys::create),
    );
    add("/api/v2/api-keys/{api_key_id}", delete(api_keys::revoke));
    for op in spec_operations(SPEC_YAML).expect("the embedded spec parses") {
        if !op.not_implemented {
            continue;
        }
        let Some(filter) = method_filter(&op.method) else {
            continue;
        };
        let id = op.id.clone();
        add(
            &op.path,
            on(filter, move || {
                let id = id.clone();
                async move { ApiError::not_implemented(&id) }
            }),
        );
    }
    let mut router = Router::new()
        .route("/openapi.json", get(openapi_json))
        .route("/openapi.yaml", get(openapi_yaml))
        .route("/docs", get(docs::redirect))
        .route("/docs/", get(docs::index))
        .route("/docs/{*path}", get(docs::asset));
    for (path, r) in routes {
        router = router.route(&path, r);
    }
    router
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::layer,
        ))
        .layer(middleware::from_fn(check_idempotency_key))
        .layer(middleware::from_fn(finish))
        .with_state(state)
}
