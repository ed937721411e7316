//! SIGKILL tests of the real `vtserver` binary: nothing accepted is lost across a kill.
//!
//! 1. Killed mid-transcription: after the restart the job runs again and ends `completed` with
//!    the spoken words (or `failed` with a reason), and the session is not stuck.
//! 2. Killed mid-upload (a large body sent slowly over a raw socket): after the restart no file
//!    of that upload is left under `tmp/` or `media/`, and the session is not `uploading`.
//!
//! Media is made at test time (espeak-ng, ffmpeg; tools/setup.sh installs them). HTTP is spoken
//! over `std::net::TcpStream` so that the upload can be cut at an exact point.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn model_path() -> PathBuf {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vtserver-cache");
    vtserver::model::prepare_default(&cache, &|_| {}).unwrap()
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vtserver-restart-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).output();
    match out {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!("{program} is needed (tools/setup.sh installs it): {e}"),
    }
}

/// An MP4 with a black video track and espeak-ng speaking `text`.
fn speech_mp4(dir: &Path, text: &str) -> PathBuf {
    let wav = dir.join("speech.wav");
    let mp4 = dir.join("speech.mp4");
    run("espeak-ng", &["-w", wav.to_str().unwrap(), text]);
    run(
        "ffmpeg",
        &[
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=64x64:r=10",
            "-i",
            wav.to_str().unwrap(),
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "mpeg4",
            "-shortest",
            "-c:a",
            "aac",
            mp4.to_str().unwrap(),
        ],
    );
    mp4
}

/// A running `vtserver serve`.
struct Server {
    child: Child,
    addr: String,
    /// Kept open: the server's stdout stays a live pipe.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Child::kill sends SIGKILL on Unix.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(data: &Path, model: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vtserver"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--workers",
                "1",
                "--threads-per-job",
                "1",
            ])
            .arg("--data-dir")
            .arg(data)
            .arg("--model")
            .arg(model)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("vtserver starts");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server {
            child,
            addr,
            _stdout: stdout,
        }
    }

    /// SIGKILL, and wait for the process to be gone.
    fn kill(self) {
        drop(self);
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        s
    }

    /// One request (`Connection: close`); returns status and body.
    fn request(&self, method: &str, path: &str, key: &str, body: Option<&Value>) -> (u16, Value) {
        let mut s = self.connect();
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {key}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw);
        let (head, rest) = text.split_once("\r\n\r\n").expect("a response head");
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(rest)
        } else {
            rest.to_string()
        };
        (
            status,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        )
    }

    fn multipart_head(&self, path: &str, key: &str, boundary: &str, len: usize) -> String {
        format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {key}\r\n\
             Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len}\r\n\
             Connection: close\r\n\r\n",
            self.addr
        )
    }

    fn upload(&self, key: &str, session: &str, file: &Path) -> (u16, Value) {
        let data = std::fs::read(file).unwrap();
        let boundary = "vtserverboundary42";
        let (pre, post) = part(boundary, "clip.mp4");
        let len = pre.len() + data.len() + post.len();
        let mut s = self.connect();
        let path = format!("/api/v2/sessions/{session}/upload");
        s.write_all(self.multipart_head(&path, key, boundary, len).as_bytes())
            .unwrap();
        s.write_all(pre.as_bytes()).unwrap();
        s.write_all(&data).unwrap();
        s.write_all(post.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw);
        let (head, rest) = text.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, serde_json::from_str(rest).unwrap_or(Value::Null))
    }

    /// Reads the progress stream until an event named `stage` (or the stream ends).
    fn wait_for_event(&self, key: &str, session: &str, stage: &str) -> bool {
        let mut s = self.connect();
        write!(
            s,
            "GET /api/v2/sessions/{session}/progress HTTP/1.1\r\nHost: {}\r\n\
             Authorization: Bearer {key}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut lines = BufReader::new(s).lines();
        while let Some(Ok(line)) = lines.next() {
            if line.trim_end() == format!("event: {stage}") {
                return true;
            }
        }
        false
    }
}

fn part(boundary: &str, filename: &str) -> (String, String) {
    (
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"video\"; filename=\"{filename}\"\r\n\
             Content-Type: video/mp4\r\n\r\n"
        ),
        format!("\r\n--{boundary}--\r\n"),
    )
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&after[..n]);
        rest = &after[n..];
        rest = rest.strip_prefix("\r\n").unwrap_or(rest);
    }
    out
}

fn create_key(data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_vtserver"))
        .args(["keys", "create", "--data-dir"])
        .arg(data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn create_session(srv: &Server, key: &str) -> String {
    let (status, s) = srv.request(
        "POST",
        "/api/v2/sessions",
        key,
        Some(&json!({"name": "kill"})),
    );
    assert_eq!(status, 201, "{s}");
    s["id"].as_str().unwrap().to_string()
}

/// About 40 s of speech, so that a kill lands in the middle of the transcription.
fn long_text() -> String {
    let mut s = String::new();
    for i in 0..4 {
        s.push_str(
            "The quick brown fox jumps over the lazy dog. Transcription works on this server. \
             We measure the time it takes to transcribe a long recording. ",
        );
        s.push_str(&format!("That was round number {}. ", i + 1));
    }
    s
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn killed_mid_transcription_the_job_finishes_after_restart() {
    let dir = workdir("transcribe");
    let data = dir.join("data");
    let model = model_path();
    let clip = speech_mp4(&dir, &long_text());
    let key = create_key(&data);

    let srv = Server::start(&data, &model);
    let session = create_session(&srv, &key);
    let (status, up) = srv.upload(&key, &session, &clip);
    assert_eq!(status, 201, "{up}");
    let (status, job) = srv.request(
        "POST",
        &format!("/api/v2/sessions/{session}/transcribe"),
        &key,
        Some(&json!({"language": "en"})),
    );
    assert_eq!(status, 202, "{job}");
    assert!(srv.wait_for_event(&key, &session, "transcribing"));
    std::thread::sleep(Duration::from_millis(300));
    let (_, before) = srv.request(
        "GET",
        &format!("/api/v2/sessions/{session}/transcription"),
        &key,
        None,
    );
    assert_eq!(before["status"], "running", "killed mid-run: {before}");
    srv.kill();

    let srv = Server::start(&data, &model);
    let t = Instant::now();
    let (_, session_now) = srv.request("GET", &format!("/api/v2/sessions/{session}"), &key, None);
    assert!(
        ["queued", "transcribing"].contains(&session_now["status"].as_str().unwrap()),
        "{session_now}"
    );
    // Follow the progress stream to its end.
    let ended = srv.wait_for_event(&key, &session, "completed");
    let (_, job) = srv.request(
        "GET",
        &format!("/api/v2/sessions/{session}/transcription"),
        &key,
        None,
    );
    eprintln!("after restart: {:.1?}, job {job}", t.elapsed());
    assert_eq!(job["id"], before["id"], "the same job ran again");
    match job["status"].as_str().unwrap() {
        "completed" => {
            assert!(ended);
            let (status, tr) = srv.request(
                "GET",
                &format!("/api/v2/sessions/{session}/transcript"),
                &key,
                None,
            );
            assert_eq!(status, 200, "{tr}");
            let text = tr["text"].as_str().unwrap().to_lowercase();
            assert!(text.contains("lazy dog"), "{text:?}");
            assert!(text.contains("transcription works"), "{text:?}");
            let (_, s) = srv.request("GET", &format!("/api/v2/sessions/{session}"), &key, None);
            assert_eq!(s["status"], "completed");
        }
        "failed" => {
            let msg = job["error"]["message"].as_str().unwrap_or("");
            assert!(!msg.is_empty(), "a failed job says why: {job}");
        }
        other => panic!("the job ended {other}: {job}"),
    }
    srv.kill();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn killed_mid_upload_leaves_no_file_and_no_stuck_session() {
    let dir = workdir("upload");
    let data = dir.join("data");
    let model = model_path();
    let key = create_key(&data);
    let srv = Server::start(&data, &model);
    let session = create_session(&srv, &key);

    // Announce 64 MiB, send 8 MiB slowly, then kill the server with the body half sent.
    let boundary = "vtserverboundary42";
    let (pre, post) = part(boundary, "big.mp4");
    let total = 64 << 20;
    let mut s = srv.connect();
    let path = format!("/api/v2/sessions/{session}/upload");
    s.write_all(
        srv.multipart_head(&path, &key, boundary, pre.len() + total + post.len())
            .as_bytes(),
    )
    .unwrap();
    s.write_all(pre.as_bytes()).unwrap();
    let chunk = vec![0x42u8; 256 << 10];
    let mut sent = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen_uploading = false;
    while sent < (8 << 20) && Instant::now() < deadline {
        s.write_all(&chunk).unwrap();
        sent += chunk.len();
        std::thread::sleep(Duration::from_millis(20));
        if !seen_uploading && sent >= (2 << 20) {
            let (_, sess) = srv.request("GET", &format!("/api/v2/sessions/{session}"), &key, None);
            seen_uploading = sess["status"] == "uploading";
        }
    }
    assert!(
        seen_uploading,
        "the session is `uploading` while the body arrives"
    );
    let part_files = files_under(&data.join("tmp"));
    assert!(!part_files.is_empty(), "the upload streams to tmp/");
    srv.kill();
    drop(s);

    let srv = Server::start(&data, &model);
    assert!(files_under(&data.join("tmp")).is_empty(), "tmp/ emptied");
    assert!(
        files_under(&data.join("media")).is_empty(),
        "{:?}",
        files_under(&data.join("media"))
    );
    let (status, sess) = srv.request("GET", &format!("/api/v2/sessions/{session}"), &key, None);
    assert_eq!(status, 200);
    assert_eq!(sess["status"], "created", "{sess}");
    // The session takes a new upload.
    let clip = speech_mp4(&dir, "Transcription works.");
    let (status, up) = srv.upload(&key, &session, &clip);
    assert_eq!(status, 201, "{up}");
    srv.kill();
    let _ = std::fs::remove_dir_all(&dir);
}
