//! Sessions over real HTTP: auth, test-mode isolation, CRUD, merge-patch, validation problems,
//! pagination with filters, routing problems.

mod http_common;

use http_common::{fields, problem, Server};
use serde_json::{json, Value};

#[tokio::test]
async fn auth_is_required_and_bad_keys_get_401_with_a_challenge() {
    let s = Server::start().await;
    for auth in [
        None,
        Some("Bearer vt_live_nope"),
        Some("Basic abc"),
        Some("Bearer nonsense"),
    ] {
        let mut r = s.http.get(s.url("/api/v2/sessions"));
        if let Some(a) = auth {
            r = r.header("authorization", a);
        }
        let r = r.send().await.unwrap();
        assert!(r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer"));
        problem(r, 401).await;
    }
    let r = s.get(&s.live, "/api/v2/sessions").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn test_keys_see_only_test_data() {
    let s = Server::start().await;
    let live = s.session(&s.live, "live one").await;
    let test = s.session(&s.test, "test one").await;
    assert_eq!(live["livemode"], true);
    assert_eq!(test["livemode"], false);
    let lid = live["id"].as_str().unwrap();
    let tid = test["id"].as_str().unwrap();
    // Not visible across modes, for any operation.
    problem(
        s.get(&s.test, &format!("/api/v2/sessions/{lid}"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    problem(
        s.get(&s.live, &format!("/api/v2/sessions/{tid}"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
    let r = s
        .http
        .patch(s.url(&format!("/api/v2/sessions/{lid}")))
        .bearer_auth(&s.test)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
    let r = s
        .http
        .delete(s.url(&format!("/api/v2/sessions/{lid}")))
        .bearer_auth(&s.test)
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
    let r = s
        .get(&s.test, &format!("/api/v2/sessions/{lid}/transcription"))
        .send()
        .await
        .unwrap();
    problem(r, 404).await;
    let list: Value = s
        .get(&s.test, "/api/v2/sessions")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<_> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(tid)]);
    let list: Value = s
        .get(&s.live, "/api/v2/sessions")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<_> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(lid)]);
}

#[tokio::test]
async fn crud_and_merge_patch() {
    let s = Server::start().await;
    let r = s
        .post_json(
            &s.live,
            "/api/v2/sessions",
            json!({"name": "All hands", "description": "Q3", "language": "en", "metadata": {"team": "ops"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(loc, format!("/api/v2/sessions/{id}"));
    assert_eq!(created["object"], "session");
    assert_eq!(created["status"], "created");
    assert_eq!(created["video"], Value::Null);
    assert_eq!(created["duration_seconds"], Value::Null);
    assert_eq!(created["metadata"], json!({"team": "ops"}));

    let got: Value = s
        .get(&s.live, &loc)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got, created);

    // Merge-patch: omitted fields unchanged, null clears.
    let r = s
        .http
        .patch(s.url(&loc))
        .bearer_auth(&s.live)
        .header("content-type", "application/merge-patch+json")
        .body(r#"{"description": null, "language": null, "name": "Renamed"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let patched: Value = r.json().await.unwrap();
    assert_eq!(patched["name"], "Renamed");
    assert_eq!(patched["description"], Value::Null);
    assert_eq!(patched["language"], Value::Null);
    assert_eq!(patched["metadata"], json!({"team": "ops"}));
    assert!(patched["updated_at"].as_str() >= created["updated_at"].as_str());
    let r = s
        .http
        .patch(s.url(&loc))
        .bearer_auth(&s.live)
        .json(&json!({"metadata": null}))
        .send()
        .await
        .unwrap();
    let patched: Value = r.json().await.unwrap();
    assert_eq!(patched["metadata"], json!({}));
    assert_eq!(patched["name"], "Renamed");
    let r = s
        .http
        .patch(s.url(&loc))
        .bearer_auth(&s.live)
        .json(&json!({"metadata": {"a": "b"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.json::<Value>().await.unwrap()["metadata"],
        json!({"a": "b"})
    );
    // At least one field; name cannot be cleared.
    let p = problem(
        s.http
            .patch(s.url(&loc))
            .bearer_auth(&s.live)
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(fields(&p), vec![""]);
    let p = problem(
        s.http
            .patch(s.url(&loc))
            .bearer_auth(&s.live)
            .json(&json!({"name": null}))
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    assert_eq!(fields(&p), vec!["name"]);

    let r = s
        .http
        .delete(s.url(&loc))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(r.headers().contains_key("x-request-id"));
    problem(s.get(&s.live, &loc).send().await.unwrap(), 404).await;
    problem(
        s.http
            .delete(s.url(&loc))
            .bearer_auth(&s.live)
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
}

#[tokio::test]
async fn bodies_are_validated_with_the_field_named() {
    let s = Server::start().await;
    let post = |body: &'static str, ct: &'static str| {
        s.http
            .post(s.url("/api/v2/sessions"))
            .bearer_auth(&s.live)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    // Malformed JSON: 400.
    problem(post("{\"name\": ", "application/json").await.unwrap(), 400).await;
    problem(
        post("{\"name\": \"a\"} trailing", "application/json")
            .await
            .unwrap(),
        400,
    )
    .await;
    // Not JSON: 415.
    problem(
        post("name=a", "application/x-www-form-urlencoded")
            .await
            .unwrap(),
        415,
    )
    .await;
    problem(
        s.http
            .post(s.url("/api/v2/sessions"))
            .bearer_auth(&s.live)
            .body("{}")
            .send()
            .await
            .unwrap(),
        415,
    )
    .await;
    // Missing, wrongly typed, out-of-range fields: 422 naming them.
    for (body, field) in [
        ("{}", "name"),
        ("{\"name\": 5}", "name"),
        ("{\"name\": \"\"}", "name"),
        ("{\"name\": \"a\", \"language\": \"English\"}", "language"),
        (
            "{\"name\": \"a\", \"metadata\": {\"team\": 3}}",
            "metadata.team",
        ),
        ("{\"name\": \"a\", \"description\": [1]}", "description"),
        ("[1, 2]", "body"),
    ] {
        let p = problem(post(body, "application/json").await.unwrap(), 422).await;
        assert_eq!(fields(&p), vec![field.to_string()], "{body}: {p}");
        assert_eq!(
            p["type"],
            "https://videotranscriber.dev/problems/validation"
        );
    }
    let long = json!({"name": "n".repeat(201), "metadata": {"team": "x".repeat(501)}});
    let p = problem(
        s.post_json(&s.live, "/api/v2/sessions", long)
            .send()
            .await
            .unwrap(),
        422,
    )
    .await;
    let mut f = fields(&p);
    f.sort();
    assert_eq!(f, vec!["metadata.team", "name"]);
    assert_eq!(p["instance"], "/api/v2/sessions");
}

#[tokio::test]
async fn routing_problems() {
    let s = Server::start().await;
    // Malformed ids name no session: 404.
    for path in [
        "/api/v2/sessions/not-a-uuid",
        "/api/v2/sessions/6f1c2a4e8b0d4d479a532f7a1b9e0c11",
    ] {
        problem(s.get(&s.live, path).send().await.unwrap(), 404).await;
    }
    problem(s.get(&s.live, "/api/v2/nothing").send().await.unwrap(), 404).await;
    problem(s.get(&s.live, "/").send().await.unwrap(), 404).await;
    let r = s
        .http
        .put(s.url("/api/v2/sessions"))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    problem(r, 405).await;
    let r = s
        .http
        .post(s.url("/api/v2/api-keys/6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11"))
        .send()
        .await
        .unwrap();
    problem(r, 405).await;
}

async fn page(s: &Server, query: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut url = format!("/api/v2/sessions?limit=3{query}");
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let r = s.get(&s.live, &url).send().await.unwrap();
        assert_eq!(r.status(), 200, "{url}");
        let body: Value = r.json().await.unwrap();
        let data = body["data"].as_array().unwrap();
        assert!(data.len() <= 3);
        names.extend(data.iter().map(|x| x["name"].as_str().unwrap().to_string()));
        pages += 1;
        assert!(pages < 50);
        if body["has_more"] == true {
            cursor = Some(body["next_cursor"].as_str().unwrap().to_string());
        } else {
            assert_eq!(body["next_cursor"], Value::Null);
            break;
        }
    }
    names
}

#[tokio::test]
async fn pagination_newest_first_with_filters() {
    let s = Server::start().await;
    let mut created = Vec::new();
    for i in 0..10 {
        let body = if i % 2 == 0 {
            json!({"name": format!("even {i}"), "description": format!("about Kubernetes {i}")})
        } else {
            json!({"name": format!("odd_{i}")})
        };
        let r = s
            .post_json(&s.live, "/api/v2/sessions", body)
            .send()
            .await
            .unwrap();
        created.push(r.json::<Value>().await.unwrap());
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    }
    let all = page(&s, "").await;
    let expected: Vec<String> = created
        .iter()
        .rev()
        .map(|x| x["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all, expected);
    // Default limit 20 covers all 10 on one page.
    let body: Value = s
        .get(&s.live, "/api/v2/sessions")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["data"].as_array().unwrap().len(), 10);
    assert_eq!(body["has_more"], false);

    // q: names and descriptions (case-insensitive); search: names only; LIKE wildcards literal.
    assert_eq!(
        page(&s, "&q=kubernetes").await,
        vec!["even 8", "even 6", "even 4", "even 2", "even 0"]
    );
    assert_eq!(page(&s, "&search=kubernetes").await, Vec::<String>::new());
    assert_eq!(
        page(&s, "&search=ODD").await,
        vec!["odd_9", "odd_7", "odd_5", "odd_3", "odd_1"]
    );
    assert_eq!(
        page(&s, "&q=d_").await,
        vec!["odd_9", "odd_7", "odd_5", "odd_3", "odd_1"]
    );
    assert_eq!(page(&s, "&q=%25").await, Vec::<String>::new());
    assert_eq!(page(&s, "&status=created&q=even").await.len(), 5);
    assert!(page(&s, "&status=completed").await.is_empty());
    // Time window: created_after inclusive, created_before exclusive.
    let t3 = created[3]["created_at"].as_str().unwrap();
    let t7 = created[7]["created_at"].as_str().unwrap();
    let window = page(&s, &format!("&created_after={t3}&created_before={t7}")).await;
    assert_eq!(window, vec!["even 6", "odd_5", "even 4", "odd_3"]);

    // Stable under inserts: a new session does not shift later pages.
    let first: Value = s
        .get(&s.live, "/api/v2/sessions?limit=4")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    s.session(&s.live, "newer").await;
    let second: Value = s
        .get(
            &s.live,
            &format!("/api/v2/sessions?limit=4&cursor={cursor}"),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let names: Vec<_> = second["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["odd_5", "even 4", "odd_3", "even 2"]);
}

#[tokio::test]
async fn bad_query_parameters_are_400_naming_the_parameter() {
    let s = Server::start().await;
    for (q, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("status=done", "status"),
        ("created_after=yesterday", "created_after"),
        ("created_before=2025-13-01T00:00:00Z", "created_before"),
        ("cursor=garbage", "cursor"),
        ("q=", "q"),
    ] {
        let p = problem(
            s.get(&s.live, &format!("/api/v2/sessions?{q}"))
                .send()
                .await
                .unwrap(),
            400,
        )
        .await;
        assert_eq!(fields(&p), vec![field.to_string()], "{q}: {p}");
        assert!(p["detail"].as_str().unwrap().contains(field), "{p}");
    }
    let r = s
        .get(&s.live, "/api/v2/sessions?limit=100&unknown=1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn idempotency_keys_replay_the_first_response() {
    let s = Server::start().await;
    let create = |key: &'static str, idem: &'static str, name: &'static str| {
        s.http
            .post(s.url("/api/v2/sessions"))
            .bearer_auth(key)
            .header("idempotency-key", idem)
            .json(&json!({ "name": name }))
            .send()
    };
    let live: &'static str = Box::leak(s.live.clone().into_boxed_str());
    let test: &'static str = Box::leak(s.test.clone().into_boxed_str());
    let first = create(live, "k-1", "once").await.unwrap();
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let loc = first.headers()["location"].clone();
    let first: Value = first.json().await.unwrap();
    let again = create(live, "k-1", "once").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.headers()["location"], loc);
    assert!(again.headers().contains_key("x-request-id"));
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    // Another body with the same key: 409; another key: a new session; another credential:
    // its own key space.
    problem(create(live, "k-1", "twice").await.unwrap(), 409).await;
    assert_eq!(create(live, "k-2", "once").await.unwrap().status(), 201);
    let other: Value = create(test, "k-1", "once")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(other["id"], first["id"]);
    let list: Value = s
        .get(&s.live, "/api/v2/sessions")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 2);
    // A rejected request is replayed as rejected; a bad key is a 400 naming the header.
    let p1 = problem(create(live, "k-3", "").await.unwrap(), 422).await;
    let p2 = problem(create(live, "k-3", "").await.unwrap(), 422).await;
    assert_eq!(p1, p2);
    let r = s
        .http
        .post(s.url("/api/v2/sessions"))
        .bearer_auth(&s.live)
        .header("idempotency-key", "x".repeat(256))
        .json(&json!({"name": "n"}))
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&problem(r, 400).await), vec!["Idempotency-Key"]);
}
