//! Shared by the `http_*` tests: a real vtserver (`vtserver::http::app`) on 127.0.0.1 with a
//! fresh data directory (real SQLite file), the default model (cached like tests/transcribe.rs
//! does), keys made the way `vtserver keys create` makes them, and media made at test time.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

use vtserver::http::AppState;
use vtserver::serve::ServeConfig;
use vtserver::transcribe::Model;

/// The default model, prepared into target/vtserver-cache like tests/transcribe.rs does.
pub fn model_path() -> PathBuf {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vtserver-cache");
    vtserver::model::prepare_default(&cache, &|_| {}).unwrap()
}

pub fn model() -> Arc<Model> {
    static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Arc::new(Model::load(&model_path()).unwrap()))
        .clone()
}

/// A scratch directory, removed on drop.
pub struct Workdir(pub PathBuf);

impl Workdir {
    pub fn new(name: &str) -> Workdir {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("vtserver-http-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Workdir(dir)
    }
    pub fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct Server {
    pub base: String,
    pub addr: std::net::SocketAddr,
    pub state: AppState,
    pub live: String,
    pub test: String,
    pub http: reqwest::Client,
    pub dir: Workdir,
}

impl Server {
    pub async fn start() -> Server {
        Server::start_with(vtserver::http::state::DEFAULT_MAX_UPLOAD_BYTES).await
    }

    pub async fn start_with(max_upload_bytes: u64) -> Server {
        let dir = Workdir::new("srv");
        let config = ServeConfig {
            addr: "127.0.0.1:0".into(),
            data_dir: dir.join("data"),
            workers: Some(1),
            threads_per_job: Some(2),
            max_upload_bytes,
        };
        let state = vtserver::serve::build(&config, model()).await.unwrap();
        let live = state.new_key("live", true);
        let test = state.new_key("test", false);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = vtserver::http::app(state.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server {
            base: format!("http://{addr}"),
            addr,
            state,
            live,
            test,
            http: reqwest::Client::new(),
            dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    pub fn get(&self, key: &str, path: &str) -> reqwest::RequestBuilder {
        self.http.get(self.url(path)).bearer_auth(key)
    }

    pub fn post_json(
        &self,
        key: &str,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::RequestBuilder {
        self.http.post(self.url(path)).bearer_auth(key).json(&body)
    }

    /// Creates a session, returns its JSON.
    pub async fn session(&self, key: &str, name: &str) -> serde_json::Value {
        let r = self
            .post_json(key, "/api/v2/sessions", serde_json::json!({ "name": name }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        r.json().await.unwrap()
    }

    /// Uploads `file` (as `filename`) to the session.
    pub async fn upload(
        &self,
        key: &str,
        sid: &str,
        file: &Path,
        filename: &str,
    ) -> reqwest::Response {
        let bytes = std::fs::read(file).unwrap();
        let form = reqwest::multipart::Form::new().part(
            "video",
            reqwest::multipart::Part::bytes(bytes).file_name(filename.to_string()),
        );
        self.http
            .post(self.url(&format!("/api/v2/sessions/{sid}/upload")))
            .bearer_auth(key)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// The files left in `tmp/`.
    pub fn tmp_files(&self) -> Vec<PathBuf> {
        match std::fs::read_dir(self.data_dir().join("tmp")) {
            Ok(rd) => rd.map(|e| e.unwrap().path()).collect(),
            Err(_) => vec![],
        }
    }
}

/// A key, created the way `vtserver keys create` does.
pub trait NewKey {
    fn new_key(&self, name: &str, live: bool) -> String;
}

impl NewKey for AppState {
    fn new_key(&self, name: &str, live: bool) -> String {
        let conn = self.db.blocking().unwrap();
        vtserver::http::auth::create_key(&conn, name, live, None)
            .unwrap()
            .1
    }
}

/// Asserts a problem response: status, content type, X-Request-Id; returns the body.
pub async fn problem(r: reqwest::Response, status: u16) -> serde_json::Value {
    assert_eq!(r.status().as_u16(), status, "{:?}", r.headers());
    assert!(r.headers().contains_key("x-request-id"));
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["status"], status);
    assert!(body["type"]
        .as_str()
        .unwrap()
        .starts_with("https://videotranscriber.dev/problems/"));
    assert!(body["title"].is_string());
    body
}

/// The fields named by a problem's `errors`.
pub fn fields(p: &serde_json::Value) -> Vec<String> {
    p["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn run(program: &str, args: &[&str]) {
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

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// espeak-ng speaks `text` into a WAV file.
pub fn speak(text: &str, wav: &Path) {
    run("espeak-ng", &["-w", s(wav), text]);
}

/// A `secs` long tone WAV (sox).
pub fn tone(wav: &Path, secs: f64) {
    run(
        "sox",
        &[
            "-n",
            "-r",
            "44100",
            "-c",
            "2",
            "-b",
            "16",
            s(wav),
            "synth",
            &secs.to_string(),
            "sine",
            "440",
            "vol",
            "0.5",
        ],
    );
}

/// `audio` muxed with a black video track into an MP4 (AAC audio).
pub fn mp4(audio: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        "color=c=black:s=64x64:r=10",
        "-i",
        s(audio),
        "-map",
        "0:v",
        "-map",
        "1:a",
        "-c:v",
        "mpeg4",
        "-c:a",
        "aac",
        "-shortest",
    ];
    args.extend_from_slice(extra);
    args.push(s(out));
    run("ffmpeg", &args);
}

/// `audio` as Opus in WebM (unsupported).
pub fn webm_opus(audio: &Path, out: &Path) {
    run(
        "ffmpeg",
        &[
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-i",
            s(audio),
            "-c:a",
            "libopus",
            s(out),
        ],
    );
}

/// A 1 s video without audio.
pub fn mp4_no_audio(out: &Path) {
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
            "color=c=black:s=64x64:r=10:d=1",
            "-c:v",
            "mpeg4",
            s(out),
        ],
    );
}
