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

/// The words every emitter derives its package, module and namespace names from: those of
/// [`package_title`] without "API", "the" and "SDK" (`["api"]` when nothing else is left).
pub fn package_words(title: &str) -> Vec<String> {
    if !title.chars().any(char::is_alphanumeric) {
        return vec!["api".to_string()];
    }
    let words: Vec<String> = crate::words::split_words(&package_title(title))
        .into_iter()
        .filter(|w| !matches!(w.as_str(), "api" | "the" | "sdk"))
        .collect();
    if words.is_empty() {
        vec!["api".to_string()]
    } else {
        words
    }
}

/// The part of an API's title that package, module and namespace names are derived from:
/// the title itself when it has at most three words besides "API" and "the"; else the short
/// name a maintainer would pick: the text before a subtitle (`:`, ` - `, `|`, `+`, `(`...),
/// without possessives and filler words ("official", "OpenAPI", "spec", "extension",
/// "REST"...), a capitalised compound kept as one word (`GitHub`), at most three words.
/// "GitHub's official OpenAPI spec + Octokit extension" -> "github".
pub fn package_title(title: &str) -> String {
    let plain = |w: &String| w != "api" && w != "the";
    if crate::words::split_words(title)
        .iter()
        .filter(|w| plain(w))
        .count()
        <= 3
    {
        return title.to_string();
    }
    let mut head = title;
    for sep in [
        ":", " - ", " – ", " — ", "|", "+", "(", "[", ",", " for ", " with ", " by ",
    ] {
        if let Some(i) = head.find(sep) {
            if !head[..i].trim().is_empty() {
                head = &head[..i];
            }
        }
    }
    const FILLER: [&str; 31] = [
        "official",
        "unofficial",
        "open",
        "openapi",
        "swagger",
        "spec",
        "specs",
        "specification",
        "api",
        "apis",
        "rest",
        "restful",
        "http",
        "json",
        "the",
        "a",
        "an",
        "of",
        "and",
        "extension",
        "extensions",
        "description",
        "descriptions",
        "definition",
        "definitions",
        "documentation",
        "reference",
        "public",
        "sdk",
        "service",
        "version",
    ];
    let short = |text: &str| {
        let mut words: Vec<String> = Vec::new();
        for token in text.split_whitespace() {
            let token = token
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches("'")
                .trim_end_matches('.');
            // Initialisms (`U.S.`) as one word.
            let undotted = token.replace('.', "");
            let token = if token.contains('.') && undotted.chars().all(|c| c.is_ascii_alphabetic())
            {
                undotted.as_str()
            } else {
                token
            };
            let lower = token.to_ascii_lowercase();
            let is_version = lower.starts_with('v')
                && lower[1..].chars().all(|c| c.is_ascii_digit() || c == '.');
            // Punctuation alone (`—`, `&`) is no word of a name.
            let punctuation = !token.chars().any(char::is_alphanumeric);
            if FILLER.contains(&lower.as_str()) || is_version || punctuation {
                continue;
            }
            // `GitHub`, `OpenAI`: one word; `video_transcriber`, `Foo-Bar`: its parts.
            if token.chars().all(|c| c.is_ascii_alphanumeric()) {
                words.push(lower);
            } else {
                words.extend(crate::words::split_words(token));
            }
        }
        words.retain(|w| !FILLER.contains(&w.as_str()));
        words.truncate(3);
        words
    };
    // The head alone may be all filler ("The Official (unofficial) Example"): then the
    // words of the whole title.
    let mut words = short(head);
    if words.is_empty() {
        words = short(title);
    }
    if words.is_empty() {
        return title.to_string();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::package_title;

    #[test]
    fn long_titles_become_short_package_titles() {
        let short = |t: &str| package_title(t);
        assert_eq!(
            short("GitHub's official OpenAPI spec + Octokit extension"),
            "github"
        );
        assert_eq!(short("GitHub v3 REST API"), "github");
        assert_eq!(
            short("Amazon Simple Storage Service (S3) API Reference"),
            "amazon simple storage"
        );
        assert_eq!(
            short("The Official Spotify Web API: tracks and playlists"),
            "spotify web"
        );
        // Titles of the APIs.guru directory and of shared/specs: three words at most, each
        // letters and digits only (valid in every ecosystem once cased).
        for title in [
            "Language Understanding Intelligent Service (LUIS) Endpoint API for running predictions",
            "U.S. EPA Enforcement and Compliance History Online (ECHO) - Clean Air Act",
            "The Punjab State Board of Technical Education & Industrial Training",
            "Use a [New Version](https://icons8.github.io/icons8-docs/) Instead",
            "Mastodon API Specification (https://github.com/mastodon/mastodon)",
            "Text Analytics & Sentiment Analysis API | api.text2data.com",
            "Spotify Web API with fixes and improvements from sonallux",
            "Wowza Streaming Cloud REST API Reference Documentation",
            "Bajaj Allianz General Insurance Company Ltd. (BAGIC)",
            "Event Notification API Specification - TPP Endpoints",
            "The Jira Cloud platform REST API",
            "Discord HTTP API (Preview)",
            "Twilio - Lookups",
        ] {
            let words: Vec<String> = crate::words::split_words(&package_title(title))
                .into_iter()
                .filter(|w| w != "api" && w != "the")
                .collect();
            assert!(
                (1..=3).contains(&words.len()),
                "{title} -> {words:?}"
            );
            assert!(
                words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphanumeric())),
                "{title} -> {words:?}"
            );
        }
        assert_eq!(
            short("U.S. EPA Enforcement and Compliance History Online (ECHO) - Clean Air Act"),
            "us epa enforcement"
        );
        // Three words or fewer are kept as written.
        assert_eq!(short("Video Transcriber API"), "Video Transcriber API");
        assert_eq!(short("OpenAI API"), "OpenAI API");
    }
}
