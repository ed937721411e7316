//! The Java docs code of spec/openapi/v2.yaml: every sample (one per operation), and every
//! "After (...)" snippet of the v1 -> v2 migration guide, compile with
//! `javac --release 11 -Xlint:all -Werror` against the sources of sdks/java and the Jackson
//! jars of .tools/m2; the guide names each breaking change of spec/openapi/CHANGES.md in Java
//! identifiers; REFERENCE.md has every method, and each signature it shows is declared in the
//! generated source; a deprecated parameter's builder setter makes javac warn. The javac
//! checks skip (and say so loudly) without javac or .tools/m2 (tools/setup-java.sh).

use std::path::{Path, PathBuf};
use std::process::Command;

use sdkgen_core::ir::Api;
use sdkgen_core::phrase::Phrasebook;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn load(v: &str) -> Api {
    sdkgen_core::load_path(&root().join(format!("spec/openapi/{v}.yaml")))
        .expect("spec loads")
        .api
}

fn guide() -> String {
    let (a, b) = (load("v1"), load("v2"));
    let changes = sdkgen_diff::diff_on(&a, &b, Some("2026-12-02"));
    sdkgen_diff::migration_guide(
        &a,
        &b,
        &changes,
        &sdkgen_java::phrase::phrasebook(&a, None),
        &sdkgen_java::phrase::phrasebook(&b, None),
    )
}

struct Javac {
    cp: String,
}

fn javac() -> Option<Javac> {
    let jackson = root().join(".tools/m2/com/fasterxml/jackson/core");
    let ok = Command::new("javac")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok || !jackson.is_dir() {
        eprintln!(
            "\n!!!!!!!!!! SKIP: javac or .tools/m2 (tools/setup-java.sh) missing !!!!!!!!!!\n"
        );
        return None;
    }
    let mut cp = Vec::new();
    for (artifact, version) in [("jackson-databind", "2.23.0"), ("jackson-core", "2.23.0")] {
        cp.push(jackson.join(format!("{artifact}/{version}/{artifact}-{version}.jar")));
    }
    let ann = std::fs::read_dir(jackson.join("jackson-annotations"))
        .ok()?
        .filter_map(|e| e.ok())
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten())
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "jar"))
        .expect("jackson-annotations jar");
    cp.push(ann);
    let cp = cp
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    Some(Javac { cp })
}

impl Javac {
    /// Compiles `files` (with the extra class path `cp`) into `out`: success and the output.
    fn run(&self, files: &[PathBuf], cp: Option<&Path>, out: &Path) -> (bool, String) {
        let list = out.with_extension("txt");
        let text: String = files
            .iter()
            .map(|p| format!("\"{}\"\n", p.display()))
            .collect();
        std::fs::write(&list, text).unwrap();
        let mut classpath = self.cp.clone();
        if let Some(c) = cp {
            classpath = format!("{}:{classpath}", c.display());
        }
        let o = Command::new("javac")
            .args(["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"])
            .args(["--release", "11", "-encoding", "UTF-8"])
            .args(["-Xlint:all", "-Werror", "-proc:none", "-d"])
            .arg(out)
            .arg("-cp")
            .arg(classpath)
            .arg(format!("@{}", list.display()))
            .output()
            .expect("run javac");
        (
            o.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        )
    }
}

fn java_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            java_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "java") {
            out.push(p);
        }
    }
}

/// Writes `files` under `dir`: their paths.
fn write_all(dir: &Path, files: &[sdkgen_core::emit::File]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|f| {
            let p = dir.join(&f.path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, &f.contents).unwrap();
            p
        })
        .collect()
}

#[test]
fn guide_names_each_breaking_change_in_java() {
    let text = guide();
    for needle in [
        // 1. session_name -> name, in requests and responses
        "Pass `name` to `client.sessions().create` where you passed `sessionName`.",
        "SessionCreate.builder().sessionName(",
        "SessionCreate.builder().name(",
        "System.out.println(result.getName());",
        "System.out.println(result.getSessionName());",
        // 2. language became required
        ".language(\"en\")",
        // 3. the captions endpoint is gone
        "`client.sessions().captions` no longer exists",
        // 4. new enum values
        "if (SessionStatus.CANCELLED.equals(result.getStatus())) {",
        "if (TranscriptionJobStatus.CANCELLED.equals(result.getStatus())) {",
        // 5. widened and nullable types
        "System.out.println(result.getDurationSeconds());",
        "if (result.getOptions().getMaxSpeakers().isPresent()) {",
    ] {
        assert!(text.contains(needle), "no {needle:?} in\n{text}");
    }
    assert!(sdkgen_diff::after_snippets(&text).len() >= 7, "{text}");
}

#[test]
fn reference_has_every_method_and_declared_signatures() {
    let api = load("v2");
    let files = sdkgen_java::generate(&api, None);
    let get = |suffix: &str| {
        files
            .iter()
            .find(|f| f.path.to_string_lossy().ends_with(suffix))
            .map(|f| f.contents.clone())
            .unwrap_or_else(|| panic!("no {suffix}"))
    };
    let reference = get("REFERENCE.md");
    assert!(get("README.md").contains("[REFERENCE.md](REFERENCE.md)"));
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace("( ", "(")
            .replace(" )", ")")
    };
    let source: String = files
        .iter()
        .filter(|f| f.path.to_string_lossy().contains("/resources/"))
        .map(|f| norm(&f.contents))
        .collect::<Vec<_>>()
        .join("\n");
    let book = sdkgen_java::phrase::phrasebook(&api, None);
    let mut count = 0;
    for op in api.operations() {
        let id = &op.id.wire;
        let method = book
            .method(id)
            .unwrap_or_else(|| panic!("no method for {id}"));
        assert!(
            reference.contains(&format!("\n### {method}\n")),
            "REFERENCE.md has no heading for {method}"
        );
        let sig = book
            .signature(id)
            .unwrap_or_else(|| panic!("no signature of {id}"));
        assert!(
            reference.contains(&sig),
            "REFERENCE.md lacks the signature of {id}"
        );
        let mut decls = 0;
        let mut pending = String::new();
        for line in sig.lines() {
            if line == "@Deprecated" {
                pending = "@Deprecated ".into();
                continue;
            }
            let decl = norm(&format!("{pending}{line}"));
            pending.clear();
            assert!(
                source.contains(&format!("{decl} {{")),
                "{decl:?} is not declared in the resources"
            );
            decls += 1;
        }
        assert!(decls >= 2, "{id}: {sig}");
        if op.docs.deprecated {
            assert!(sig.starts_with("@Deprecated\n"), "{sig}");
        }
        count += 1;
    }
    assert!(count > 40, "{count} operations");
    // The companion is part of its operation's signature.
    let sig = book.signature("getTranscript").unwrap();
    assert!(
        sig.contains(
            "public String transcriptText(String sessionId, SessionsTranscriptParams params)"
        ),
        "{sig}"
    );
}

#[test]
fn deprecated_parameter_setter_is_deprecated() {
    let api = load("v2");
    let files = sdkgen_java::generate(&api, None);
    let params = files
        .iter()
        .find(|f| {
            f.path
                .to_string_lossy()
                .ends_with("models/SessionsListParams.java")
        })
        .expect("SessionsListParams");
    let text = &params.contents;
    let at = text
        .find("public Builder search(String search)")
        .expect("search setter");
    let before = &text[..at];
    let doc = &before[before.rfind("/**").unwrap()..];
    assert!(
        doc.contains("@deprecated")
            && doc.contains("2026-06-30")
            && doc.ends_with("@Deprecated\n    "),
        "{doc}"
    );
    // Only the deprecated parameter: q replaces it and is not deprecated.
    let q = text.find("public Builder q(String q)").expect("q setter");
    assert!(!text[..q].ends_with("@Deprecated\n    "));
    // Getters stay usable without a warning (the resource reads them).
    assert!(!text.contains("@Deprecated\n  public Optional<String> getSearch()"));
}

#[test]
fn docs_code_compiles_against_sdks_java() {
    let Some(javac) = javac() else {
        return;
    };
    let root = root();
    let sdk = root.join("sdks/java/src/main/java");
    if !sdk.is_dir() {
        panic!("sdks/java is missing: generate it first");
    }
    let base = root.join("target/java-docs-test");
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    let classes = base.join("sdk");
    let mut files = Vec::new();
    java_files(&sdk, &mut files);
    let (ok, out) = javac.run(&files, None, &classes);
    assert!(ok, "sdks/java does not compile:\n{out}");

    // Every sample of v2.
    let api = load("v2");
    let lang = sdkgen_java::sample::lang_samples(&api, None);
    assert_eq!(lang.lang, "java");
    assert_eq!(lang.samples.len(), api.operations().count());
    let program = sdkgen_java::sample::samples_program(&api, &lang, "samples").unwrap();
    assert_eq!(program.len(), lang.samples.len() + 1);
    let dir = base.join("src");
    let files = write_all(&dir, &program);
    let (ok, out) = javac.run(&files, Some(&classes), &base.join("samples"));
    assert!(ok, "the samples do not compile:\n{out}");

    // Every "After" snippet of the migration guide.
    let text = guide();
    let blocks = sdkgen_diff::after_snippets(&text);
    let book = sdkgen_java::phrase::phrasebook(&api, None);
    let labels: Vec<String> = (0..blocks.len()).map(|i| format!("After {i}")).collect();
    let snippets: Vec<sdkgen_java::sample::Snippet> = blocks
        .iter()
        .zip(&labels)
        .map(|(code, label)| sdkgen_java::sample::Snippet {
            label,
            code,
            deprecated: false,
        })
        .collect();
    let program = sdkgen_java::sample::program("after", &book.setup(), &snippets).unwrap();
    let files = write_all(&dir, &program);
    let (ok, out) = javac.run(&files, Some(&classes), &base.join("after"));
    assert!(
        ok,
        "the guide's After snippets do not compile:\n{text}\n{out}"
    );

    // Setting the deprecated parameter is a compiler warning (an error with -Werror).
    let client_import = lang
        .setup
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("import "))
        .and_then(|l| l.strip_suffix(';'))
        .expect("the set-up imports the client");
    let (pkg, client) = client_import.rsplit_once('.').unwrap();
    let src = format!(
        "package samples;\n\nimport {pkg}.{client};\nimport {pkg}.models.Session;\nimport {pkg}.models.SessionsListParams;\n\nfinal class Search {{\n  static void run({client} client) {{\n    for (Session s : client.sessions().list(SessionsListParams.builder().search(\"x\").build())) {{\n      System.out.println(s);\n    }}\n  }}\n}}\n"
    );
    let file = write_all(
        &dir,
        &[sdkgen_core::emit::File::new("samples/Search.java", src)],
    );
    let (ok, out) = javac.run(&file, Some(&classes), &base.join("search"));
    assert!(
        !ok && out.contains("[deprecation] search(String)"),
        "setting the deprecated `search` parameter compiled without a deprecation warning:\n{out}"
    );
}
