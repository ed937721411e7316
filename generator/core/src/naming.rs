//! Language-independent naming decisions that every emitter must make the same way.

use crate::ir::Api;

/// The prefix of an SDK's environment variables: the title's words without "api" and
/// "the"; their initials when two or more remain, else the one word; upper-cased.
/// "Video Transcriber API" -> `VT`, "Stripe API" -> `STRIPE`, "OpenAI API" -> `OPENAI`.
pub fn env_prefix(api: &Api) -> String {
    let mut words: Vec<String> = crate::words::split_words(&api.title)
        .into_iter()
        .filter(|w| w != "api" && w != "the")
        .collect();
    if words.is_empty() {
        words.push("api".to_string());
    }
    let stem = if words.len() >= 2 {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
    } else {
        words.concat()
    };
    let stem = stem.to_ascii_uppercase();
    if stem.starts_with(|c: char| c.is_ascii_digit()) {
        format!("API_{stem}")
    } else {
        stem
    }
}

/// The environment variable an SDK reads its API key from: `<prefix>_API_KEY`.
pub fn api_key_env_var(api: &Api) -> String {
    format!("{}_API_KEY", env_prefix(api))
}

/// Another environment variable of an SDK, with the same prefix (`VT_BASE_URL`).
pub fn env_var(api: &Api, suffix: &str) -> String {
    format!("{}_{suffix}", env_prefix(api))
}
