//! `GET /docs`: the API reference of the server's own spec (`sdkgen docs`), rendered once
//! from the embedded spec on first request and kept in memory. Same origin as the API, so
//! its try-it sends real requests with no CORS set-up. No auth.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::error::ApiError;
use super::SPEC_YAML;

/// The site: (relative path, contents), or why the spec could not be rendered.
static SITE: LazyLock<Result<Vec<(String, String)>, String>> = LazyLock::new(|| {
    let loaded = sdkgen_core::load_str("v2.yaml", SPEC_YAML)
        .map_err(|e| format!("the embedded spec does not load: {e}"))?;
    let api = &loaded.api;
    Ok(
        sdkgen_docs::generate(api, &sdkgen_langs::samples(api, None))
            .into_iter()
            .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.contents))
            .collect(),
    )
});

fn file(path: &str) -> Response {
    let site = match &*SITE {
        Ok(site) => site,
        Err(e) => return ApiError::internal(e).into_response(),
    };
    match site.iter().find(|(p, _)| p == path) {
        Some((p, text)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, sdkgen_docs::content_type(p)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            text.clone(),
        )
            .into_response(),
        None => ApiError::not_found("No such file in /docs.").into_response(),
    }
}

/// `/docs` -> `/docs/`, so the page's relative asset links resolve under it.
pub async fn redirect() -> Redirect {
    Redirect::permanent("/docs/")
}

pub async fn index() -> Response {
    file("index.html")
}

pub async fn asset(Path(path): Path<String>) -> Response {
    file(&path)
}
