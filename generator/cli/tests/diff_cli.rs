//! `sdkgen diff`: output formats and exit codes (0, 1 with --fail-on, 2 on a bad spec).

use std::path::{Path, PathBuf};
use std::process::Command;

fn spec(v: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../spec/openapi/{v}.yaml"))
}

fn sdkgen(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(args)
        .output()
        .expect("runs sdkgen");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn json_output_and_exit_codes() {
    let (v1, v2) = (spec("v1"), spec("v2"));
    let (a, b) = (v1.to_str().unwrap(), v2.to_str().unwrap());
    let (code, out) = sdkgen(&["diff", a, b, "--format", "json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let changes = doc["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        for key in [
            "id",
            "level",
            "operation",
            "old_pointer",
            "new_pointer",
            "message",
        ] {
            assert!(c.get(key).is_some(), "{key} missing in {c}");
        }
        assert!(["breaking", "warning", "info"].contains(&c["level"].as_str().unwrap()));
    }
    assert_eq!(sdkgen(&["diff", a, b, "--fail-on", "breaking"]).0, 1);
    assert_eq!(sdkgen(&["diff", a, a, "--fail-on", "warning"]).0, 0);
    let (code, md) = sdkgen(&["diff", a, b, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(md.starts_with("| level | operation | rule | change |"));
    let bad = std::env::temp_dir().join(format!("sdkgen-bad-{}.yaml", std::process::id()));
    std::fs::write(&bad, "openapi: [").unwrap();
    assert_eq!(sdkgen(&["diff", a, bad.to_str().unwrap()]).0, 2);
}
