//! API keys over real HTTP: create, list (pagination, mode, include_revoked), revoke, and the
//! rules between keys (self-revocation 409, test keys cannot touch live keys 403, revoked 401).

mod http_common;

use http_common::{fields, problem, Server};
use serde_json::{json, Value};

#[tokio::test]
async fn create_list_and_revoke() {
    let s = Server::start().await;
    let r = s
        .post_json(
            &s.live,
            "/api/v2/api-keys",
            json!({"name": "CI", "mode": "test"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let k: Value = r.json().await.unwrap();
    let secret = k["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("vt_test_") && secret.len() == 40, "{k}");
    assert_eq!(k["object"], "api_key");
    assert_eq!(k["mode"], "test");
    assert_eq!(k["prefix"], "vt_test_");
    assert_eq!(k["last4"].as_str().unwrap(), &secret[36..]);
    assert_eq!(k["revoked_at"], Value::Null);
    // The new key works at once and sees test data only.
    let r = s.get(&secret, "/api/v2/sessions").send().await.unwrap();
    assert_eq!(r.status(), 200);
    // Default mode is live.
    let r = s
        .post_json(&s.live, "/api/v2/api-keys", json!({"name": "prod"}))
        .send()
        .await
        .unwrap();
    let live2: Value = r.json().await.unwrap();
    assert_eq!(live2["mode"], "live");
    assert!(live2["secret"].as_str().unwrap().starts_with("vt_live_"));

    // Listing: newest first, secrets never shown.
    let list: Value = s
        .get(&s.live, "/api/v2/api-keys")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<_> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["prod", "CI", "test", "live"]);
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x.get("secret").is_none()));
    let list: Value = s
        .get(&s.live, "/api/v2/api-keys?mode=test")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<_> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["CI", "test"]);
    // Pages of 1.
    let mut seen = Vec::new();
    let mut url = "/api/v2/api-keys?limit=1".to_string();
    loop {
        let page: Value = s
            .get(&s.live, &url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        seen.extend(
            page["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["name"].as_str().unwrap().to_string()),
        );
        if page["has_more"] != true {
            break;
        }
        url = format!(
            "/api/v2/api-keys?limit=1&cursor={}",
            page["next_cursor"].as_str().unwrap()
        );
    }
    assert_eq!(seen, vec!["prod", "CI", "test", "live"]);

    // Revoke: 200 with revoked_at; the key stops working; listed only with include_revoked.
    let id = k["id"].as_str().unwrap();
    let r = s
        .http
        .delete(s.url(&format!("/api/v2/api-keys/{id}")))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let revoked: Value = r.json().await.unwrap();
    assert!(revoked["revoked_at"].is_string());
    assert!(revoked.get("secret").is_none());
    problem(
        s.get(&secret, "/api/v2/sessions").send().await.unwrap(),
        401,
    )
    .await;
    let list: Value = s
        .get(&s.live, "/api/v2/api-keys?mode=test")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let list: Value = s
        .get(&s.live, "/api/v2/api-keys?mode=test&include_revoked=true")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 2);
    // Unknown ids: 404.
    let r = s
        .http
        .delete(s.url("/api/v2/api-keys/6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11"))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
}

#[tokio::test]
async fn rules_between_keys() {
    let s = Server::start().await;
    // A key cannot revoke itself.
    let list: Value = s
        .get(&s.live, "/api/v2/api-keys?mode=live")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let live_id = list["data"][0]["id"].as_str().unwrap().to_string();
    let r = s
        .http
        .delete(s.url(&format!("/api/v2/api-keys/{live_id}")))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    problem(r, 409).await;
    // A test key cannot create, list or revoke live keys.
    let r = s
        .post_json(
            &s.test,
            "/api/v2/api-keys",
            json!({"name": "x", "mode": "live"}),
        )
        .send()
        .await
        .unwrap();
    problem(r, 403).await;
    let r = s
        .post_json(&s.test, "/api/v2/api-keys", json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    problem(r, 403).await;
    problem(
        s.get(&s.test, "/api/v2/api-keys?mode=live")
            .send()
            .await
            .unwrap(),
        403,
    )
    .await;
    let r = s
        .http
        .delete(s.url(&format!("/api/v2/api-keys/{live_id}")))
        .bearer_auth(&s.test)
        .send()
        .await
        .unwrap();
    problem(r, 403).await;
    // ... but sees and makes test keys.
    let r = s
        .post_json(
            &s.test,
            "/api/v2/api-keys",
            json!({"name": "t2", "mode": "test"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let list: Value = s
        .get(&s.test, "/api/v2/api-keys")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["mode"] == "test"));
    assert_eq!(list["data"].as_array().unwrap().len(), 2);
    // Validation.
    let p = problem(
        s.post_json(
            &s.live,
            "/api/v2/api-keys",
            json!({"name": "x", "mode": "prod"}),
        )
        .send()
        .await
        .unwrap(),
        422,
    )
    .await;
    assert_eq!(fields(&p), vec!["mode"]);
    let p = problem(
        s.post_json(&s.live, "/api/v2/api-keys", json!({"mode": "test"}))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(fields(&p), vec!["name"]);
    let p = problem(
        s.post_json(
            &s.live,
            "/api/v2/api-keys",
            json!({"name": "x", "expires_at": "2001-01-01T00:00:00Z"}),
        )
        .send()
        .await
        .unwrap(),
        422,
    )
    .await;
    assert_eq!(fields(&p), vec!["expires_at"]);
    let p = problem(
        s.get(&s.live, "/api/v2/api-keys?include_revoked=maybe")
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
    assert_eq!(fields(&p), vec!["include_revoked"]);
    // An expiring key works until it expires.
    let r = s
        .post_json(
            &s.live,
            "/api/v2/api-keys",
            json!({"name": "short", "expires_at": "2999-01-01T00:00:00Z"}),
        )
        .send()
        .await
        .unwrap();
    let k: Value = r.json().await.unwrap();
    assert_eq!(k["expires_at"], "2999-01-01T00:00:00.000Z");
    assert_eq!(
        s.get(k["secret"].as_str().unwrap(), "/api/v2/sessions")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn keys_made_by_the_cli_work_on_a_running_server() {
    let s = Server::start().await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vtserver"))
        .args([
            "keys",
            "create",
            "--test",
            "--name",
            "from cli",
            "--data-dir",
        ])
        .arg(s.data_dir())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let secret = stdout.trim_end_matches('\n');
    assert!(
        !secret.contains('\n'),
        "only the secret on stdout: {stdout:?}"
    );
    assert!(
        secret.starts_with("vt_test_") && secret.len() == 40,
        "{secret}"
    );
    let r = s.get(secret, "/api/v2/sessions").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let list: Value = s
        .get(&s.live, "/api/v2/api-keys?mode=test")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"][0]["name"], "from cli");
}
