//! Request extractors that check requests against the spec and answer with problems naming the
//! field: JSON bodies ([`ApiJson`]), query strings ([`ApiQuery`]) and UUID path ids ([`Id`]).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::wire;

/// Types with the generated `validate` method.
pub trait Validate {
    fn validate(&self, path: &str, errors: &mut Vec<wire::ValidationError>);
}

macro_rules! validate_impl {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate(&self, path: &str, errors: &mut Vec<wire::ValidationError>) {
                <$t>::validate(self, path, errors)
            }
        }
    )*};
}

validate_impl!(
    wire::SessionCreate,
    wire::SessionUpdate,
    wire::ApiKeyCreate,
    wire::TranscriptionOptions,
    wire::ListSessionsQuery,
    wire::ListApiKeysQuery,
    wire::GetTranscriptQuery
);

/// The dot path of a serde_path_to_error path (`metadata.team`, `vocabulary.3`), plus the field
/// a "missing field" message names.
fn field_path(path: &serde_path_to_error::Path, message: &str) -> String {
    use serde_path_to_error::Segment;
    let mut parts: Vec<String> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some(name) = rest.split('`').next() {
            parts.push(name.to_string());
        }
    }
    parts.join(".")
}

/// Strips serde's " at line 1 column 9" suffix.
fn clean_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Parses and validates a JSON body: 415 unless the content type is JSON, 400 for malformed JSON,
/// 422 naming the field for wrong types, missing required fields and constraint violations.
pub fn parse_json<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    let malformed = |e: serde_json::Error| {
        ApiError::bad_request(format!(
            "The request body is not valid JSON: {}",
            clean_message(&e.to_string())
        ))
    };
    // Bodies are objects; serde would accept an array for a struct.
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        serde_json::from_slice::<serde::de::IgnoredAny>(bytes).map_err(malformed)?;
        return Err(ApiError::invalid_field("body", "must be a JSON object"));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let inner = e.inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(ApiError::bad_request(format!(
                    "The request body is not valid JSON: {}",
                    clean_message(&inner.to_string())
                )));
            }
            let message = clean_message(&inner.to_string());
            let mut field = field_path(e.path(), &message);
            if field.is_empty() {
                field = "body".into();
            }
            return Err(ApiError::invalid_field(field, message));
        }
    };
    if let Err(e) = de.end() {
        return Err(ApiError::bad_request(format!(
            "The request body is not valid JSON: {}",
            clean_message(&e.to_string())
        )));
    }
    let mut errors = Vec::new();
    value.validate("", &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(value)
}

/// A JSON request body, checked against the spec.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Validate> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let is_json = essence == "application/json"
            || (essence.starts_with("application/") && essence.ends_with("+json"));
        if !is_json {
            return Err(ApiError::unsupported_media(if ct.is_empty() {
                "The request body must be JSON (Content-Type: application/json).".to_string()
            } else {
                format!(
                    "The request body must be JSON (Content-Type: application/json), not '{ct}'."
                )
            }));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large("The JSON body is too large.")
            } else {
                ApiError::bad_request(format!("The request body could not be read: {e}"))
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// A query string, checked against the spec: 400 naming the parameter (the status every
/// operation with query parameters documents).
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Validate> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        let value: T = serde_path_to_error::deserialize(de).map_err(|e| {
            let message = clean_message(&e.inner().to_string());
            let mut field = field_path(e.path(), &message);
            if field.is_empty() {
                field = "query".into();
            }
            ApiError::bad_params(vec![wire::ValidationError { field, message }])
        })?;
        let mut errors = Vec::new();
        value.validate("", &mut errors);
        if !errors.is_empty() {
            return Err(ApiError::bad_params(errors));
        }
        Ok(ApiQuery(value))
    }
}

/// A UUID path id (`session_id`, `api_key_id`), in canonical lowercase form. A malformed one
/// names no resource: 404.
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found("No such resource."))?;
        match uuid::Uuid::try_parse(&raw) {
            Ok(u) if raw.len() == 36 => Ok(Id(u.hyphenated().to_string())),
            _ => Err(ApiError::not_found(format!("No resource with id '{raw}'."))),
        }
    }
}
