//! The route table against spec/openapi/v2.yaml: exactly the operations marked
//! `x-vtserver-status: not-implemented` answer 501 (a problem), every other operation is served;
//! the spec itself is served at /openapi.json and /openapi.yaml without auth.

mod http_common;

use http_common::{problem, Server};
use serde_json::Value;

/// The operations of the repository's spec file (read independently of the server's copy).
fn spec_operations() -> Vec<(String, String, String, bool)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/openapi/v2.yaml"
    ))
    .unwrap();
    let spec: Value = serde_yaml_ng::from_str(&text).unwrap();
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let marked =
                op.get("x-vtserver-status").and_then(|v| v.as_str()) == Some("not-implemented");
            if marked {
                assert!(
                    op["responses"].get("501").is_some(),
                    "{method} {path} is marked but documents no 501"
                );
            }
            out.push((
                op["operationId"].as_str().unwrap().to_string(),
                method.to_uppercase(),
                path.clone(),
                marked,
            ));
        }
    }
    out
}

/// A concrete path for a template: UUIDs for ids, slugs for slug parameters.
fn concrete(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            if seg.starts_with('{') {
                if seg.contains("plugin") || seg.contains("package") {
                    "some-plugin".to_string()
                } else {
                    "6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11".to_string()
                }
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn exactly_the_marked_operations_answer_501() {
    let ops = spec_operations();
    let marked: Vec<_> = ops.iter().filter(|o| o.3).collect();
    let served: Vec<_> = ops.iter().filter(|o| !o.3).map(|o| o.0.as_str()).collect();
    assert!(!marked.is_empty(), "the spec marks no operation");
    let mut expected_served = vec![
        "createSession",
        "listSessions",
        "getSession",
        "updateSession",
        "deleteSession",
        "uploadSessionVideo",
        "getSessionAnalytics",
        "startTranscription",
        "getTranscription",
        "cancelTranscription",
        "streamTranscriptionProgress",
        "getTranscript",
        "listApiKeys",
        "createApiKey",
        "revokeApiKey",
    ];
    let mut served_sorted = served.clone();
    served_sorted.sort();
    expected_served.sort();
    assert_eq!(served_sorted, expected_served);
    let s = Server::start().await;
    for (id, method, path, is_marked) in &ops {
        let url = s.url(&concrete(path));
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let r = s
            .http
            .request(m, &url)
            .bearer_auth(&s.live)
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        if *is_marked {
            let p = problem(r, 501).await;
            assert!(p["detail"].as_str().unwrap().contains(id.as_str()), "{p}");
            assert_eq!(
                p["type"],
                "https://videotranscriber.dev/problems/not-implemented"
            );
        } else {
            assert_ne!(
                r.status(),
                501,
                "{id} ({method} {path}) is not marked but answers 501"
            );
            assert_ne!(r.status(), 405, "{id} ({method} {path}) is not routed");
            assert!(r.headers().contains_key("x-request-id"));
        }
    }
}

#[tokio::test]
async fn the_spec_is_served_without_auth() {
    let s = Server::start().await;
    let r = s.http.get(s.url("/openapi.json")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["openapi"], "3.1.0");
    assert!(v["paths"]["/api/v2/sessions"].is_object());
    let r = s.http.get(s.url("/openapi.yaml")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    assert!(text.starts_with("openapi: 3.1.0"));
}
