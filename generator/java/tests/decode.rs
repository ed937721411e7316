//! Responses decode without losing anything: the package of tests/fixtures/variants.yaml,
//! compiled with tests/java/DecodeMain.java (javac, no Maven), which decodes JSON documents
//! and checks the variant each becomes and that it encodes back to the same JSON. Skips (and
//! says why) without javac or the Jackson jars of tools/setup-java.sh.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

#[test]
fn variants_and_nulls_round_trip() {
    let root = repo();
    let jackson = root.join(".tools/m2/com/fasterxml/jackson/core");
    if Command::new("javac").arg("-version").output().is_err() || !jackson.is_dir() {
        println!("SKIP: javac or .tools/m2 (tools/setup-java.sh) missing");
        return;
    }
    let mut cp = Vec::new();
    for (artifact, version) in [("jackson-databind", "2.23.0"), ("jackson-core", "2.23.0")] {
        cp.push(jackson.join(format!("{artifact}/{version}/{artifact}-{version}.jar")));
    }
    let ann = std::fs::read_dir(jackson.join("jackson-annotations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .flat_map(|d| std::fs::read_dir(d.path()).unwrap().filter_map(|e| e.ok()))
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "jar"))
        .expect("jackson-annotations jar");
    cp.push(ann);
    let cp = cp
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    let spec = root.join("generator/java/tests/fixtures/variants.yaml");
    let loaded = sdkgen_core::load_path(&spec).expect("fixture loads");
    let dir = root.join("target/java-decode-test");
    let _ = std::fs::remove_dir_all(&dir);
    let mut list = String::new();
    for f in sdkgen_java::generate(&loaded.api, Some("variants")) {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, &f.contents).unwrap();
        if p.extension().is_some_and(|x| x == "java") {
            list.push_str(&format!("\"{}\"\n", p.display()));
        }
    }
    let main = dir.join("test/DecodeMain.java");
    std::fs::create_dir_all(main.parent().unwrap()).unwrap();
    std::fs::copy(
        root.join("generator/java/tests/java/DecodeMain.java"),
        &main,
    )
    .unwrap();
    list.push_str(&format!("\"{}\"\n", main.display()));
    std::fs::write(dir.join("sources.txt"), list).unwrap();
    let out = Command::new("javac")
        .args(["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"])
        .args(["--release", "11", "-encoding", "UTF-8", "-proc:none", "-d"])
        .arg(dir.join("classes"))
        .arg("-cp")
        .arg(&cp)
        .arg(format!("@{}", dir.join("sources.txt").display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "javac:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("java")
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp"])
        .arg(format!("{}:{cp}", dir.join("classes").display()))
        .arg("DecodeMain")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "DecodeMain:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
