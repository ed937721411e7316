//! Runtime behaviour of a generated SDK: builds the packages of
//! spec/fixtures/ts_runtime.yaml and spec/fixtures/auth.yaml (every way of sending
//! credentials) with tsc, then runs tests/ts/runtime.test.mjs with `node --test` against a
//! real HTTP server on 127.0.0.1.

mod common;

use common::{generate, node, repo, run, skip, tool};
use std::process::Command;

#[test]
fn runtime_against_local_server() {
    let (Some(tsc), Some(node)) = (tool("tsc"), node()) else {
        skip("tsc (.tools/node) or node");
        return;
    };
    let dir = generate(&repo().join("spec/fixtures/ts_runtime.yaml"), "runtime");
    // Compile-time checks (open enums, null vs absent, typed pages and events) are
    // compiled together with the package.
    let typetest = repo().join("generator/typescript/tests/ts/typetest.ts");
    std::fs::copy(&typetest, dir.join("src/typetest.ts")).expect("copy typetest.ts");
    run(Command::new(&tsc).args(["-p", "."]), &dir, "tsc build");
    let auth_dir = generate(&repo().join("spec/fixtures/auth.yaml"), "runtime-auth");
    run(
        Command::new(&tsc).args(["-p", "."]),
        &auth_dir,
        "tsc build (auth)",
    );
    let test_file = repo().join("generator/typescript/tests/ts/runtime.test.mjs");
    let out = run(
        Command::new(&node)
            .arg("--test")
            .arg("--test-reporter=spec")
            .arg(&test_file)
            .env("SDK_DIR", &dir)
            .env("AUTH_SDK_DIR", &auth_dir),
        &dir,
        "node --test",
    );
    println!("{out}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&auth_dir);
}
