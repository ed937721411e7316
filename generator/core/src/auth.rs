//! How a generated client sends credentials: one rule for every SDK language.
//!
//! The primary scheme is the first non-basic one the API's default requirements name (else the
//! first declared); it takes the client's API key. HTTP basic, when declared, adds a username
//! and password.

use crate::ir::{Api, ParamLocation, SecurityKind, SecurityScheme};

/// Where the client's key goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenAuth {
    /// `Authorization: Bearer <key>` (also OAuth 2.0 and OpenID Connect tokens).
    Bearer,
    /// A header with this name.
    Header(String),
    /// A query parameter with this name.
    Query(String),
    /// A cookie with this name.
    Cookie(String),
}

/// The credentials a client takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAuth {
    /// The primary token scheme, used with the API key.
    pub token: Option<TokenAuth>,
    /// Whether HTTP basic auth (`username`/`password`) is supported.
    pub basic: bool,
    /// The primary scheme's description.
    pub docs: Option<String>,
}

/// The client credentials of `api`.
pub fn client_auth(api: &Api) -> ClientAuth {
    let find = |key: &str| api.security_schemes.iter().find(|s| s.key == key);
    let mut ordered: Vec<&SecurityScheme> = Vec::new();
    for key in api.security.iter().flatten() {
        if let Some(s) = find(key) {
            if !ordered.iter().any(|o| o.key == s.key) {
                ordered.push(s);
            }
        }
    }
    for s in &api.security_schemes {
        if !ordered.iter().any(|o| o.key == s.key) {
            ordered.push(s);
        }
    }
    let primary = ordered
        .iter()
        .find(|s| !matches!(s.kind, SecurityKind::Basic));
    let token = primary.map(|s| match &s.kind {
        SecurityKind::ApiKey {
            location: ParamLocation::Header,
            name,
        } => TokenAuth::Header(name.clone()),
        SecurityKind::ApiKey {
            location: ParamLocation::Query,
            name,
        } => TokenAuth::Query(name.clone()),
        SecurityKind::ApiKey {
            location: ParamLocation::Cookie,
            name,
        } => TokenAuth::Cookie(name.clone()),
        _ => TokenAuth::Bearer,
    });
    ClientAuth {
        token,
        basic: api
            .security_schemes
            .iter()
            .any(|s| matches!(s.kind, SecurityKind::Basic)),
        docs: primary.and_then(|s| s.docs.text()),
    }
}
