//! The `vtserver serve` binary: configuration from the environment, the one stdout line with the
//! real port of `--addr 127.0.0.1:0`, and a graceful stop on SIGTERM.

mod http_common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use http_common::Workdir;

#[test]
fn serve_prints_its_address_and_stops_on_sigterm() {
    let w = Workdir::new("serve");
    let model = http_common::model_path();
    let data = w.join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_vtserver"))
        .args(["keys", "create", "--name", "t"])
        .env("VTSERVER_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(out.status.success());
    let key = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vtserver"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("VTSERVER_DATA_DIR", &data)
        .env("VTSERVER_MODEL", &model)
        .env("VTSERVER_WORKERS", "1")
        .env("VTSERVER_THREADS_PER_JOB", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
        "{base}"
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let r = http
            .get(format!("{base}/api/v2/sessions"))
            .bearer_auth(&key)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let r = http
            .get(format!("{base}/openapi.json"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    });
    assert!(data.join("vtserver.db").exists());
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "still running after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    // Nothing else was printed on stdout.
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "");
}
