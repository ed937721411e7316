//! Uploads over real HTTP, with media made at test time: a stored MP4, the size limit (413),
//! unsupported (415) and broken or audio-less media (422), a client that disconnects mid-upload,
//! state conflicts, and the startup recovery of an upload interrupted by a crash.

mod http_common;

use std::io::Write;
use std::time::Duration;

use http_common::{fields, mp4, mp4_no_audio, problem, tone, webm_opus, Server, Workdir};
use serde_json::Value;
use sha2::Digest;

async fn status(s: &Server, sid: &str) -> String {
    let v: Value = s
        .get(&s.live, &format!("/api/v2/sessions/{sid}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    v["status"].as_str().unwrap().to_string()
}

fn media_files(s: &Server) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(s.data_dir().join("media")) {
        for d in rd {
            for f in std::fs::read_dir(d.unwrap().path()).unwrap() {
                out.push(f.unwrap().path());
            }
        }
    }
    out
}

#[tokio::test]
async fn an_mp4_is_stored_probed_and_hashed() {
    let w = Workdir::new("up-ok");
    tone(&w.join("t.wav"), 3.0);
    mp4(&w.join("t.wav"), &w.join("clip.mp4"), &[]);
    let s = Server::start().await;
    let sid = s.session(&s.live, "up").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let bytes = std::fs::read(w.join("clip.mp4")).unwrap();
    let form = reqwest::multipart::Form::new()
        .text("language_hint", "de")
        .part(
            "video",
            reqwest::multipart::Part::bytes(bytes.clone())
                .file_name("dir/My clip.mp4")
                .mime_str("application/octet-stream")
                .unwrap(),
        );
    let r = s
        .http
        .post(s.url(&format!("/api/v2/sessions/{sid}/upload")))
        .bearer_auth(&s.live)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let u: Value = r.json().await.unwrap();
    assert_eq!(u["object"], "video_upload");
    assert_eq!(u["session_id"], sid.as_str());
    assert_eq!(u["filename"], "My clip.mp4");
    assert_eq!(u["content_type"], "video/mp4");
    assert_eq!(u["size_bytes"], bytes.len() as u64);
    assert_eq!(u["language_hint"], "de");
    let d = u["duration_seconds"].as_f64().unwrap();
    assert!((2.8..3.3).contains(&d), "{d}");
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(u["checksum_sha256"], sha.as_str());
    // The session moved on, with the video, its duration and the hint as language.
    let sess: Value = s
        .get(&s.live, &format!("/api/v2/sessions/{sid}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(sess["status"], "uploaded");
    assert_eq!(sess["video"], u);
    assert_eq!(sess["duration_seconds"].as_f64().unwrap(), d);
    assert_eq!(sess["language"], "de");
    // On disk under media/<session>/, nothing left in tmp/.
    let files = media_files(&s);
    assert_eq!(files.len(), 1);
    assert!(files[0].starts_with(s.data_dir().join("media").join(&sid)));
    assert_eq!(std::fs::read(&files[0]).unwrap(), bytes);
    assert!(s.tmp_files().is_empty());
    // A second upload while `uploaded`: 409.
    let r = s
        .upload(&s.live, &sid, &w.join("clip.mp4"), "clip.mp4")
        .await;
    problem(r, 409).await;
    // Delete removes the media directory.
    let r = s
        .http
        .delete(s.url(&format!("/api/v2/sessions/{sid}")))
        .bearer_auth(&s.live)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(!s.data_dir().join("media").join(&sid).exists());
}

#[tokio::test]
async fn over_the_limit_is_413_and_leaves_nothing() {
    let w = Workdir::new("up-big");
    tone(&w.join("t.wav"), 2.0);
    let size = std::fs::metadata(w.join("t.wav")).unwrap().len();
    let s = Server::start_with(size - 1).await;
    let sid = s.session(&s.live, "big").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = problem(
        s.upload(&s.live, &sid, &w.join("t.wav"), "t.wav").await,
        413,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("limited"), "{p}");
    assert!(s.tmp_files().is_empty());
    assert!(media_files(&s).is_empty());
    assert_eq!(status(&s, &sid).await, "created");
    // Exactly at the limit is fine.
    let s2 = Server::start_with(size).await;
    let sid2 = s2.session(&s2.live, "fits").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = s2.upload(&s2.live, &sid2, &w.join("t.wav"), "t.wav").await;
    assert_eq!(r.status(), 201);
    let u: Value = r.json().await.unwrap();
    assert_eq!(u["content_type"], "audio/wav");
}

#[tokio::test]
async fn unsupported_and_broken_media_are_refused() {
    let w = Workdir::new("up-bad");
    tone(&w.join("t.wav"), 4.0);
    webm_opus(&w.join("t.wav"), &w.join("opus.webm"));
    mp4_no_audio(&w.join("silent.mp4"));
    mp4(
        &w.join("t.wav"),
        &w.join("front.mp4"),
        &["-movflags", "+faststart"],
    );
    let full = std::fs::read(w.join("front.mp4")).unwrap();
    std::fs::write(w.join("cut.mp4"), &full[..full.len() / 2]).unwrap();
    mp4(&w.join("t.wav"), &w.join("end.mp4"), &[]);
    let full = std::fs::read(w.join("end.mp4")).unwrap();
    std::fs::write(w.join("cut-end.mp4"), &full[..full.len() / 2]).unwrap();
    std::fs::write(
        w.join("notes.mp4"),
        "just some text, not a video\n".repeat(100),
    )
    .unwrap();

    let s = Server::start().await;
    let sid = s.session(&s.live, "bad").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = problem(
        s.upload(&s.live, &sid, &w.join("opus.webm"), "opus.webm")
            .await,
        415,
    )
    .await;
    eprintln!("opus: {}", p["detail"]);
    for (file, name) in [
        ("notes.mp4", "notes.mp4"),
        ("silent.mp4", "silent.mp4"),
        ("cut.mp4", "cut.mp4"),
        ("cut-end.mp4", "cut-end.mp4"),
    ] {
        let p = problem(s.upload(&s.live, &sid, &w.join(file), name).await, 422).await;
        assert_eq!(fields(&p), vec!["video"], "{file}: {p}");
        eprintln!("{file}: {}", p["detail"]);
    }
    assert!(s.tmp_files().is_empty());
    assert!(media_files(&s).is_empty());
    assert_eq!(status(&s, &sid).await, "created");
    // Form problems: no video part, bad hint, not multipart.
    let form = reqwest::multipart::Form::new().text("language_hint", "en");
    let r = s
        .http
        .post(s.url(&format!("/api/v2/sessions/{sid}/upload")))
        .bearer_auth(&s.live)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&problem(r, 422).await), vec!["video"]);
    let form = reqwest::multipart::Form::new()
        .text("language_hint", "English")
        .part(
            "video",
            reqwest::multipart::Part::bytes(std::fs::read(w.join("t.wav")).unwrap())
                .file_name("t.wav"),
        );
    let r = s
        .http
        .post(s.url(&format!("/api/v2/sessions/{sid}/upload")))
        .bearer_auth(&s.live)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(fields(&problem(r, 422).await), vec!["language_hint"]);
    let r = s
        .http
        .post(s.url(&format!("/api/v2/sessions/{sid}/upload")))
        .bearer_auth(&s.live)
        .header("content-type", "video/mp4")
        .body(std::fs::read(w.join("end.mp4")).unwrap())
        .send()
        .await
        .unwrap();
    problem(r, 415).await;
    assert_eq!(status(&s, &sid).await, "created");
    assert!(s.tmp_files().is_empty());
    // Other sessions' ids and other modes: 404.
    let r = s.upload(&s.test, &sid, &w.join("t.wav"), "t.wav").await;
    problem(r, 404).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_disconnects_mid_upload_leaves_no_file() {
    let s = Server::start().await;
    let sid = s.session(&s.live, "cut").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut sock = std::net::TcpStream::connect(s.addr).unwrap();
    let boundary = "XyZbOuNdArY";
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"video\"; filename=\"big.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
    );
    let total = 50 * 1024 * 1024;
    write!(
        sock,
        "POST /api/v2/sessions/{sid}/upload HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n{head}",
        s.addr,
        s.live,
        head.len() + total + boundary.len() + 8
    )
    .unwrap();
    let chunk = vec![0x42u8; 1 << 20];
    for _ in 0..5 {
        sock.write_all(&chunk).unwrap();
    }
    sock.flush().unwrap();
    // The upload is under way: the session says so and a part file exists.
    let mut seen_part = false;
    for _ in 0..100 {
        if !s.tmp_files().is_empty() && status(&s, &sid).await == "uploading" {
            seen_part = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(seen_part, "the upload never started");
    drop(sock);
    // Gone: no part file, no media, the session back to `created`.
    let mut clean = false;
    for _ in 0..200 {
        if s.tmp_files().is_empty() && status(&s, &sid).await == "created" {
            clean = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        clean,
        "tmp: {:?}, status {}",
        s.tmp_files(),
        status(&s, &sid).await
    );
    assert!(media_files(&s).is_empty());
}

#[tokio::test]
async fn startup_recovery_rolls_back_an_interrupted_upload() {
    let s = Server::start().await;
    let sid = s.session(&s.live, "crashed").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let failed = s.session(&s.live, "was failed").await["id"]
        .as_str()
        .unwrap()
        .to_string();
    // What a SIGKILL mid-upload leaves: sessions in `uploading`, a part file, maybe an orphan
    // media file (killed between the rename and the commit).
    {
        let c = s.state.db.blocking().unwrap();
        c.execute(
            "UPDATE sessions SET prev_status = status, status = 'uploading' WHERE id = ?1",
            [&sid],
        )
        .unwrap();
        c.execute(
            "UPDATE sessions SET prev_status = 'failed', status = 'uploading' WHERE id = ?1",
            [&failed],
        )
        .unwrap();
    }
    let tmp = s.data_dir().join("tmp");
    std::fs::write(tmp.join("abc.part"), b"half a file").unwrap();
    let orphan_dir = s.data_dir().join("media").join(&sid);
    std::fs::create_dir_all(&orphan_dir).unwrap();
    std::fs::write(orphan_dir.join("orphan.mp4"), b"x").unwrap();
    let config = vtserver::http::Config {
        data_dir: s.data_dir(),
        max_upload_bytes: 1 << 30,
    };
    let n = vtserver::http::upload::recover(&s.state.db, &config).unwrap();
    assert_eq!(n, 2);
    assert!(s.tmp_files().is_empty());
    assert!(!orphan_dir.join("orphan.mp4").exists());
    assert_eq!(status(&s, &sid).await, "created");
    assert_eq!(status(&s, &failed).await, "failed");
    let reason: Option<String> = s
        .state
        .db
        .blocking()
        .unwrap()
        .query_row(
            "SELECT status_reason FROM sessions WHERE id = ?1",
            [&sid],
            |r| r.get(0),
        )
        .unwrap();
    assert!(reason.unwrap().contains("interrupted"));
}

#[tokio::test]
async fn every_accepted_container_is_detected_with_its_duration() {
    let w = Workdir::new("up-formats");
    let wav = w.join("t.wav");
    tone(&wav, 3.0);
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let ff = |args: &[&str]| {
        let mut all = vec!["-nostdin", "-loglevel", "error", "-y"];
        all.extend_from_slice(args);
        http_common::run("ffmpeg", &all);
    };
    let video = ["-f", "lavfi", "-i", "color=c=black:s=64x64:r=10"];
    let mov = s(&w.join("t.mov"));
    let mkv = s(&w.join("t.mkv"));
    let mp3 = s(&w.join("t.mp3"));
    let flac = s(&w.join("t.flac"));
    let m4a = s(&w.join("t.m4a"));
    let wav_s = s(&wav);
    let mux = ["-map", "0:v", "-map", "1:a", "-c:v", "mpeg4", "-shortest"];
    ff(&[
        &video[..],
        &["-i", &wav_s],
        &mux[..],
        &["-c:a", "aac", &mov],
    ]
    .concat());
    ff(&[
        &video[..],
        &["-i", &wav_s],
        &mux[..],
        &["-c:a", "aac", &mkv],
    ]
    .concat());
    ff(&["-i", &wav_s, "-c:a", "libmp3lame", &mp3]);
    ff(&["-i", &wav_s, "-c:a", "flac", &flac]);
    ff(&["-i", &wav_s, "-c:a", "aac", &m4a]);
    let server = Server::start().await;
    for (file, ct) in [
        ("t.mov", "video/quicktime"),
        ("t.mkv", "video/x-matroska"),
        ("t.mp3", "audio/mpeg"),
        ("t.flac", "audio/flac"),
        ("t.m4a", "audio/mp4"),
        ("t.wav", "audio/wav"),
    ] {
        let sid = server.session(&server.live, file).await["id"]
            .as_str()
            .unwrap()
            .to_string();
        // The declared name does not matter: the type comes from the contents.
        let r = server
            .upload(&server.live, &sid, &w.join(file), "upload.bin")
            .await;
        assert_eq!(r.status(), 201, "{file}");
        let u: Value = r.json().await.unwrap();
        assert_eq!(u["content_type"], ct, "{file}");
        let d = u["duration_seconds"].as_f64().unwrap();
        assert!((2.7..3.4).contains(&d), "{file}: {d}");
        let stored = media_files(&server)
            .into_iter()
            .any(|p| p.to_str().unwrap().contains(&sid));
        assert!(stored, "{file}");
    }
}
