//! `sdkgen docs`: the site is written, `--coverage` prints JSON and `--min` sets the exit code.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn sdkgen(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sdkgen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn docs_writes_the_site() {
    let out = std::env::temp_dir().join(format!("sdkgen-docs-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let (code, _, err) = sdkgen(&[
        "docs",
        "spec/openapi/v2.yaml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 4 files"), "{err}");
    for f in [
        "index.html",
        "assets/docs.js",
        "assets/docs.css",
        "assets/data.js",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn coverage_reports_and_min_fails_below() {
    let (code, json, err) = sdkgen(&["docs", "spec/openapi/v2.yaml", "--coverage", "--min", "100"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["percent"], 100.0);
    assert!(err.contains("operations  100.0% (47/47)"), "{err}");

    // A fixture with gaps: below --min exits 1 and names the missing ones.
    let (code, json, err) = sdkgen(&[
        "docs",
        "spec/fixtures/recursive.yaml",
        "--coverage",
        "--min",
        "100",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    if v["percent"] == 100.0 {
        assert_eq!(code, 0);
    } else {
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("is below --min 100%"), "{err}");
        let missing: usize = ["operations", "parameters", "schemas", "fields"]
            .iter()
            .map(|c| v[c]["missing"].as_array().unwrap().len())
            .sum();
        assert!(missing > 0);
    }

    // `--out` or `--coverage` is needed.
    let (code, _, _) = sdkgen(&["docs", "spec/openapi/v2.yaml"]);
    assert_eq!(code, 2);
}
