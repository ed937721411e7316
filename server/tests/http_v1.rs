//! The v1 API over real HTTP: v1 requests and answers (`session_name`, whole seconds, the
//! defaulted `language`, `captions`), translated to and from v2, with `Deprecation`,
//! `Sunset` and `Link: rel="successor-version"` on every v1 answer.

mod http_common;

use http_common::{fields, problem, Server};
use serde_json::json;

fn deprecation_headers(r: &reqwest::Response, sunset: &str, successor: &str) {
    let h = r.headers();
    // RFC 9745: a structured-field date, the release of v2 (2026-12-02).
    assert_eq!(h["deprecation"].to_str().unwrap(), "@1796169600");
    assert_eq!(h["sunset"].to_str().unwrap(), sunset);
    assert_eq!(
        h["link"].to_str().unwrap(),
        format!("<{successor}>; rel=\"successor-version\"")
    );
}

#[tokio::test]
async fn v1_sessions_speak_session_name_and_say_they_are_deprecated() {
    let s = Server::start().await;
    let r = s
        .post_json(
            &s.live,
            "/api/v1/sessions",
            json!({ "session_name": "legacy client", "metadata": { "team": "a" } }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    deprecation_headers(&r, "Thu, 02 Dec 2027 00:00:00 GMT", "/api/v2/sessions");
    assert!(r.headers().contains_key("x-request-id"));
    let made: serde_json::Value = r.json().await.unwrap();
    assert_eq!(made["session_name"], "legacy client");
    assert!(made.get("name").is_none());
    let id = made["id"].as_str().unwrap();

    // The same session through v2 has `name`.
    let v2: serde_json::Value = s
        .get(&s.live, &format!("/api/v2/sessions/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v2["name"], "legacy client");
    assert!(v2.get("deprecation").is_none());

    // Merge-patch through v1, list through v1.
    let r = s
        .http
        .patch(s.url(&format!("/api/v1/sessions/{id}")))
        .bearer_auth(&s.live)
        .json(&json!({ "session_name": "renamed" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["session_name"],
        "renamed"
    );
    let r = s
        .get(&s.live, "/api/v1/sessions?limit=100")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let list: serde_json::Value = r.json().await.unwrap();
    let mine: Vec<&serde_json::Value> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["id"] == id)
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["session_name"], "renamed");

    // A validation problem names v1's field.
    let p = problem(
        s.post_json(&s.live, "/api/v1/sessions", json!({ "session_name": "" }))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(fields(&p), vec!["session_name".to_string()]);
}

#[tokio::test]
async fn v1_transcribe_defaults_language_and_captions_has_its_own_sunset() {
    let s = Server::start().await;
    let made = s.session(&s.live, "no video yet").await;
    let id = made["id"].as_str().unwrap();
    // v1 allowed no `language` (default `auto`): the answer is the state conflict of a
    // session without a video, not a validation problem about `language`.
    let r = s
        .post_json(
            &s.live,
            &format!("/api/v1/sessions/{id}/transcribe"),
            json!({}),
        )
        .send()
        .await
        .unwrap();
    deprecation_headers(
        &r,
        "Thu, 02 Dec 2027 00:00:00 GMT",
        &format!("/api/v2/sessions/{id}/transcribe"),
    );
    problem(r, 409).await;
    // `captions` (deprecated in v1, x-sunset 2026-12-31) is v2's transcript.
    let r = s
        .get(
            &s.live,
            &format!("/api/v1/sessions/{id}/captions?format=srt"),
        )
        .send()
        .await
        .unwrap();
    deprecation_headers(
        &r,
        "Thu, 31 Dec 2026 00:00:00 GMT",
        &format!("/api/v2/sessions/{id}/transcript"),
    );
    problem(r, 409).await;
}

#[tokio::test]
async fn paths_that_are_not_v1_operations_are_not_translated() {
    let s = Server::start().await;
    let made = s.session(&s.live, "x").await;
    let id = made["id"].as_str().unwrap();
    // v2-only operations do not exist under /api/v1.
    for path in [
        format!("/api/v1/sessions/{id}/progress"),
        "/api/v1/analytics/requests".to_string(),
    ] {
        let r = s.get(&s.live, &path).send().await.unwrap();
        assert!(r.headers().get("deprecation").is_none());
        problem(r, 404).await;
    }
}
