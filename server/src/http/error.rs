//! [`ApiError`]: every error response, rendered as the spec's `application/problem+json`
//! (`wire::Problem`), `type` = `https://videotranscriber.dev/problems/<slug>`, `instance` = the
//! request path (filled in by [`super::finish_problem`] from the request).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::wire;
use crate::db::DbError;
use crate::jobs::JobsError;

/// The problem type URI prefix.
pub const PROBLEM_BASE: &str = "https://videotranscriber.dev/problems/";

/// An error answered as a problem document.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub slug: &'static str,
    pub title: &'static str,
    pub detail: String,
    pub errors: Option<Vec<wire::ValidationError>>,
}

/// Marks a response as a problem whose `instance` is still to be set to the request path.
#[derive(Clone)]
pub(crate) struct PendingProblem(pub wire::Problem);

impl ApiError {
    pub fn new(
        status: StatusCode,
        slug: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            slug,
            title,
            detail: detail.into(),
            errors: None,
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Bad request",
            detail,
        )
    }

    /// 400 naming the fields (query parameters) at fault.
    pub fn bad_params(errors: Vec<wire::ValidationError>) -> Self {
        let detail = describe(&errors, "Query parameter");
        ApiError {
            errors: Some(errors),
            ..Self::bad_request(detail)
        }
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Unauthorized",
            detail,
        )
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "Forbidden", detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "Not found", detail)
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "invalid-state", "Conflict", detail)
    }

    pub fn too_large(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            "Payload too large",
            detail,
        )
    }

    pub fn unsupported_media(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            detail,
        )
    }

    /// 422 with one error per invalid field.
    pub fn validation(errors: Vec<wire::ValidationError>) -> Self {
        let detail = match errors.len() {
            1 => format!(
                "1 field is invalid: {} {}.",
                errors[0].field, errors[0].message
            ),
            n => format!("{n} fields are invalid."),
        };
        ApiError {
            errors: Some(errors),
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Validation failed",
                detail,
            )
        }
    }

    /// 422 for one field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::validation(vec![wire::ValidationError {
            field: field.into(),
            message: message.into(),
        }])
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("vtserver: internal error: {detail}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Internal server error",
            "The request could not be completed. Quote the X-Request-Id when contacting support.",
        )
    }

    pub fn not_implemented(operation: &str) -> Self {
        Self::new(
            StatusCode::NOT_IMPLEMENTED,
            "not-implemented",
            "Not implemented",
            format!("The operation '{operation}' is not implemented by this server."),
        )
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method not allowed",
            "This path does not support the request's method.",
        )
    }

    /// The problem document (without `instance`).
    pub fn problem(&self) -> wire::Problem {
        wire::Problem {
            r#type: format!("{PROBLEM_BASE}{}", self.slug),
            title: self.title.to_string(),
            status: i64::from(self.status.as_u16()),
            detail: Some(self.detail.clone()),
            instance: None,
            errors: self.errors.clone(),
        }
    }
}

fn describe(errors: &[wire::ValidationError], what: &str) -> String {
    match errors {
        [one] => format!("{what} '{}' {}.", one.field, one.message),
        _ => {
            let names: Vec<_> = errors.iter().map(|e| format!("'{}'", e.field)).collect();
            format!("{what}s {} are invalid.", names.join(", "))
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.title,
            self.detail
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"vtserver\""),
            );
        }
        res.extensions_mut().insert(PendingProblem(self.problem()));
        res
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        ApiError::internal(e)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

impl From<JobsError> for ApiError {
    fn from(e: JobsError) -> Self {
        match e {
            JobsError::SessionNotFound => ApiError::not_found("No such session."),
            JobsError::NoJob => ApiError::conflict("The session has no transcription job yet."),
            JobsError::NoMedia => ApiError::conflict(
                "The session has no uploaded video; upload one with POST /api/v2/sessions/{session_id}/upload first.",
            ),
            JobsError::UploadInProgress => ApiError::conflict("The session's video is still being uploaded."),
            JobsError::Active { status } => ApiError::conflict(format!(
                "A transcription job is already {status} for this session; cancel it first."
            )),
            JobsError::NotActive { status } => {
                ApiError::conflict(format!("The transcription job is already {status}."))
            }
            JobsError::InvalidOption(o) => ApiError::invalid_field(o.field, o.message),
            JobsError::Db(e) => ApiError::internal(e),
        }
    }
}
