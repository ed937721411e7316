//! Language-independent naming decisions that every emitter must make the same way.

use crate::ir::Api;

/// The environment variable an SDK reads its API key from: the initials of the title's
/// words (without a trailing "API") when two or more remain, else the one word; then
/// `_API_KEY`. "Video Transcriber API" -> `VT_API_KEY`, "Stripe API" -> `STRIPE_API_KEY`.
pub fn api_key_env_var(api: &Api) -> String {
    let mut words = crate::words::split_words(&api.title);
    if words.len() > 1 && words.last().is_some_and(|w| w == "api") {
        words.pop();
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
        format!("API_{stem}_API_KEY")
    } else {
        format!("{stem}_API_KEY")
    }
}
