//! Runtime behaviour of a generated Java SDK: generates the package of
//! spec/fixtures/ts_runtime.yaml, adds tests/java/RuntimeTest.java (JUnit 5) and runs
//! `mvn -o test` against a real HTTP server on 127.0.0.1 (com.sun.net.httpserver): retries
//! with Retry-After, errors, pagination, SSE, uploads, forms, enums, nullable fields. The
//! package of spec/openapi/v2.yaml (named `companion`) joins it with tests/java/CompanionTest.java:
//! the text companion of a JSON operation (`transcriptText`). The package of
//! spec/fixtures/auth.yaml joins them with tests/java/AuthTest.java: which credentials each
//! operation sends (alternatives, combinations, none, optional), with `VAULT_APP_ID` set in
//! the environment of the tests.
//! Skips (and says why) when Java, Maven or the offline repository of tools/setup-java.sh
//! is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("-version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn runtime_against_local_server() {
    let root = repo();
    let m2 = root.join(".tools/m2");
    if !have("javac") || !have("mvn") || !m2.join(".sdkgen-java").is_file() {
        println!("SKIP: javac, mvn or .tools/m2 (tools/setup-java.sh) missing");
        return;
    }
    let spec = root.join("spec/fixtures/ts_runtime.yaml");
    let loaded = sdkgen_core::load_path(&spec).expect("fixture loads");
    let files = sdkgen_java::generate(&loaded.api, None);
    let dir = root.join("target/java-runtime-test");
    let _ = std::fs::remove_dir_all(&dir);
    for f in &files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &f.contents).unwrap();
    }
    let test_dir = dir.join("src/test/java/com/videotranscriber");
    std::fs::create_dir_all(&test_dir).unwrap();
    std::fs::copy(
        root.join("generator/java/tests/java/RuntimeTest.java"),
        test_dir.join("RuntimeTest.java"),
    )
    .unwrap();
    // The v2 API as package com.companion, its sources beside the fixture's.
    let v2 = sdkgen_core::load_path(&root.join("spec/openapi/v2.yaml")).expect("v2 loads");
    for f in sdkgen_java::generate(&v2.api, Some("companion")) {
        if !f.path.starts_with("src/main/java") {
            continue;
        }
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &f.contents).unwrap();
    }
    let companion_dir = dir.join("src/test/java/com/companion");
    std::fs::create_dir_all(&companion_dir).unwrap();
    std::fs::copy(
        root.join("generator/java/tests/java/CompanionTest.java"),
        companion_dir.join("CompanionTest.java"),
    )
    .unwrap();
    // The auth fixture as package com.vault, its test beside it.
    let auth = sdkgen_core::load_path(&root.join("spec/fixtures/auth.yaml")).expect("auth loads");
    let auth_model = sdkgen_core::auth::AuthModel::new(&auth.api);
    for f in sdkgen_java::generate(&auth.api, None) {
        if !f.path.starts_with("src/main/java") {
            continue;
        }
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &f.contents).unwrap();
    }
    let auth_dir = dir.join("src/test/java/com/vault");
    std::fs::create_dir_all(&auth_dir).unwrap();
    std::fs::copy(
        root.join("generator/java/tests/java/AuthTest.java"),
        auth_dir.join("AuthTest.java"),
    )
    .unwrap();
    let mut mvn = Command::new("mvn");
    for (_, o) in auth_model.options() {
        mvn.env_remove(&o.env);
    }
    let out = mvn
        .env("VAULT_APP_ID", "env-app")
        .current_dir(&dir)
        .args(["-o", "-B"])
        .arg(format!("-Dmaven.repo.local={}", m2.display()))
        .arg("-Dsurefire.printSummary=true")
        .arg("test")
        .output()
        .expect("run mvn");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for line in text.lines() {
        if line.contains("Tests run") || line.contains("ERROR") || line.contains("FAIL") {
            println!("{line}");
        }
    }
    assert!(out.status.success(), "mvn test failed:\n{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("Tests run: 3, Failures: 0, Errors: 0")
                && l.contains("com.companion.CompanionTest")),
        "CompanionTest did not run:\n{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("Tests run: 8, Failures: 0, Errors: 0")
                && l.contains("com.vault.AuthTest")),
        "AuthTest did not run:\n{text}"
    );
}
