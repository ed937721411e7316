//! The transcription endpoints end to end over real HTTP with the default model: upload an MP4
//! made at test time (espeak-ng + ffmpeg), start, follow the progress stream (SSE) to the end,
//! resume it with Last-Event-ID, read the transcript in every format, analytics, search by
//! transcript text, cancel; and the 404/409/422 answers around them.

mod http_common;

use futures_util::StreamExt;
use http_common::{fields, mp4, problem, speak, Server, Workdir};
use serde_json::{json, Value};

/// Reads a whole SSE response: (id, event, data) per event, and whether comments were seen.
async fn read_events(r: reqwest::Response) -> Vec<(i64, String, Value)> {
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    assert!(r.headers().contains_key("x-request-id"));
    let mut body = r.bytes_stream();
    let mut buf = String::new();
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(300);
    loop {
        let chunk = tokio::time::timeout_at(deadline, body.next())
            .await
            .expect("stream ended in time");
        let Some(chunk) = chunk else { break };
        buf.push_str(std::str::from_utf8(&chunk.unwrap()).unwrap());
        while let Some(i) = buf.find("\n\n") {
            let block: String = buf.drain(..i + 2).collect();
            let (mut id, mut event, mut data) = (None, None, None);
            for line in block.lines() {
                if let Some(v) = line
                    .strip_prefix("id: ")
                    .or_else(|| line.strip_prefix("id:"))
                {
                    id = Some(v.trim().parse::<i64>().unwrap());
                } else if let Some(v) = line
                    .strip_prefix("event: ")
                    .or_else(|| line.strip_prefix("event:"))
                {
                    event = Some(v.trim().to_string());
                } else if let Some(v) = line
                    .strip_prefix("data: ")
                    .or_else(|| line.strip_prefix("data:"))
                {
                    data = Some(serde_json::from_str::<Value>(v).unwrap());
                }
            }
            if let (Some(id), Some(event), Some(data)) = (id, event, data) {
                out.push((id, event, data));
            }
        }
    }
    out
}

#[tokio::test]
async fn upload_transcribe_follow_and_export() {
    let w = Workdir::new("e2e");
    speak(
        "Transcription works. The lazy dog sleeps in the sun.",
        &w.join("s.wav"),
    );
    mp4(&w.join("s.wav"), &w.join("s.mp4"), &[]);
    let s = Server::start().await;
    let sid = s.session(&s.live, "e2e").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let base = format!("/api/v2/sessions/{sid}");

    // Nothing to transcribe yet.
    problem(
        s.post_json(
            &s.live,
            &format!("{base}/transcribe"),
            json!({"language": "en"}),
        )
        .send()
        .await
        .unwrap(),
        409,
    )
    .await;
    assert_eq!(
        s.upload(&s.live, &sid, &w.join("s.mp4"), "s.mp4")
            .await
            .status(),
        201
    );
    // No job yet: the session exists, its job does not (409, like transcript and analytics).
    problem(
        s.get(&s.live, &format!("{base}/transcription"))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    problem(
        s.post_json(&s.live, &format!("{base}/transcription/cancel"), json!({}))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    problem(
        s.get(&s.live, &format!("{base}/progress"))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    problem(
        s.get(&s.live, &format!("{base}/transcript"))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    problem(
        s.get(&s.live, &format!("{base}/analytics"))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    // Options are checked, the field named.
    for (body, field) in [
        (json!({}), "language"),
        (json!({"language": "en", "model": "huge"}), "model"),
        (json!({"language": "en", "translate": "yes"}), "translate"),
        (json!({"language": "de"}), "language"),
        (json!({"language": "en", "translate": true}), "translate"),
    ] {
        let p = problem(
            s.post_json(&s.live, &format!("{base}/transcribe"), body.clone())
                .send()
                .await
                .unwrap(),
            422,
        )
        .await;
        assert_eq!(fields(&p), vec![field.to_string()], "{body}: {p}");
    }
    problem(
        s.get(&s.live, &format!("{base}/transcript?format=pdf"))
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;

    let r = s
        .post_json(
            &s.live,
            &format!("{base}/transcribe"),
            json!({"language": "en"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["object"], "transcription_job");
    assert_eq!(job["status"], "queued");
    assert_eq!(job["options"]["model"], "standard");
    // One active job per session.
    problem(
        s.post_json(
            &s.live,
            &format!("{base}/transcribe"),
            json!({"language": "en"}),
        )
        .send()
        .await
        .unwrap(),
        409,
    )
    .await;

    let events = read_events(
        s.get(&s.live, &format!("{base}/progress"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!events.is_empty());
    let (last_id, last_event, last_data) = events.last().unwrap().clone();
    assert_eq!(last_event, "completed", "{events:?}");
    assert_eq!(last_data["percent"], 100.0);
    let mut prev = (0, 0.0);
    for (id, event, data) in &events {
        assert_eq!(data["stage"].as_str().unwrap(), event);
        assert_eq!(data["job_id"], job["id"]);
        assert!(*id > prev.0);
        assert!(data["percent"].as_f64().unwrap() >= prev.1);
        prev = (*id, data["percent"].as_f64().unwrap());
    }
    // Resume after the first event: the rest, without gaps, then the end.
    if events.len() > 1 {
        let r = s
            .get(&s.live, &format!("{base}/progress"))
            .header("last-event-id", events[0].0.to_string())
            .send()
            .await
            .unwrap();
        let resumed = read_events(r).await;
        let ids: Vec<_> = resumed.iter().map(|e| e.0).collect();
        let expected: Vec<_> = events[1..].iter().map(|e| e.0).collect();
        assert_eq!(ids, expected);
    }
    // A fresh connect after the end replays the last event and closes.
    let again = read_events(
        s.get(&s.live, &format!("{base}/progress"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(again.last().unwrap().0, last_id);

    let job: Value = s
        .get(&s.live, &format!("{base}/transcription"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(job["status"], "completed");
    let sess: Value = s
        .get(&s.live, &base)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sess["status"], "completed");

    let r = s
        .get(&s.live, &format!("{base}/transcript"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "application/json");
    let t: Value = r.json().await.unwrap();
    let text = t["text"].as_str().unwrap().to_lowercase();
    eprintln!("transcript: {text:?}");
    assert!(text.contains("transcription works"), "{text}");
    assert!(text.contains("lazy"), "{text}");
    assert!(!t["segments"].as_array().unwrap().is_empty());
    for (format, ct, start) in [
        ("srt", "application/x-subrip", "1\n00:00:"),
        ("vtt", "text/vtt; charset=utf-8", "WEBVTT"),
        ("txt", "text/plain; charset=utf-8", ""),
        ("json", "application/json", "{"),
    ] {
        let r = s
            .get(&s.live, &format!("{base}/transcript?format={format}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], ct, "{format}");
        let body = r.text().await.unwrap();
        assert!(body.starts_with(start), "{format}: {body}");
        assert!(body.to_lowercase().contains("lazy"), "{format}: {body}");
    }
    let a: Value = s
        .get(&s.live, &format!("{base}/analytics"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(a["object"], "session_analytics");
    assert!(a["word_count"].as_i64().unwrap() >= 5, "{a}");
    // q searches transcript text.
    s.session(&s.live, "another").await;
    let list: Value = s
        .get(&s.live, "/api/v2/sessions?q=LAZY")
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
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![sid.as_str()]);
    let list: Value = s
        .get(&s.live, "/api/v2/sessions?search=lazy")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(list["data"].as_array().unwrap().is_empty());
    // Finished: cancel is a conflict; test keys see none of it.
    problem(
        s.post_json(&s.live, &format!("{base}/transcription/cancel"), json!({}))
            .send()
            .await
            .unwrap(),
        409,
    )
    .await;
    problem(
        s.get(&s.test, &format!("{base}/transcript"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;

    // Again, cancelled right away; then deleted.
    let r = s
        .post_json(
            &s.live,
            &format!("{base}/transcribe"),
            json!({"language": "auto"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 202);
    let r = s
        .http
        .post(s.url(&format!("{base}/transcription/cancel")))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let job: Value = r.json().await.unwrap();
    assert_eq!(job["status"], "cancelled");
    let sess: Value = s
        .get(&s.live, &base)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sess["status"], "cancelled");
    let events = read_events(
        s.get(&s.live, &format!("{base}/progress"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(events.last().unwrap().1, "cancelled");
    let r = s
        .http
        .delete(s.url(&base))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    problem(
        s.get(&s.live, &format!("{base}/transcription"))
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
}
