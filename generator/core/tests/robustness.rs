//! Bad input is a diagnostic, never a panic or a hang.

use sdkgen_core::{diag::Severity, load_str};

fn errors(name: &str, text: &str) -> Vec<String> {
    match load_str(name, text) {
        Ok(l) => l
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect(),
        Err(f) => f.diagnostics.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn invalid_json_reports_line() {
    let e = errors(
        "bad.json",
        "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,\n}",
    );
    assert_eq!(e.len(), 1);
    assert!(
        e[0].contains("invalid JSON") && e[0].contains("bad.json:3"),
        "{e:?}"
    );
}

#[test]
fn invalid_yaml_reports_line() {
    let e = errors("bad.yaml", "openapi: 3.0.0\npaths:\n  /a: [\n");
    assert!(e[0].contains("invalid YAML"), "{e:?}");
}

#[test]
fn not_openapi() {
    let e = errors("x.yaml", "hello: world\n");
    assert!(e[0].contains("not an OpenAPI document"), "{e:?}");
    let e = errors("x.yaml", "- a\n- b\n");
    assert!(e[0].contains("not an object"), "{e:?}");
    let e = errors("x.yaml", "openapi: 4.0.0\npaths: {}\n");
    assert!(e[0].contains("unsupported OpenAPI version"), "{e:?}");
}

#[test]
fn huge_numbers_load() {
    let spec = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: integer\n      maximum: 18446744073709552000\n      minimum: -9223372036854776000\n      default: 123456789012345678901234567890\n";
    let l = load_str("big.yaml", spec).expect("loads");
    assert_eq!(l.api.types.len(), 1);
}

#[test]
fn broken_refs_and_cycles_degrade_with_warnings() {
    let spec = r##"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
      "paths": {"/a": {"get": {"responses": {"200": {"description": "x",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}},
      "components": {"schemas": {
        "A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"},
        "C": {"allOf": [{"$ref": "#/components/schemas/C"}]},
        "R": {"$ref": "https://example.com/x.json#/Y"},
        "F": {"$ref": "missing-file.yaml#/X"}}}}"##;
    let l = load_str("refs.json", spec).expect("loads with warnings");
    let msgs: Vec<&str> = l.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("points to nothing")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("remote reference")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("cannot read file")),
        "{msgs:?}"
    );
    assert!(
        l.diagnostics.iter().all(|d| d.pointer.starts_with('/')),
        "{:?}",
        l.diagnostics
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut s = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Deep:\n");
    let mut v = String::from("{type: string}");
    for _ in 0..100 {
        v = format!("{{type: array, items: {v}}}");
    }
    s.push_str(&format!("      {v}\n"));
    let _ = load_str("deep.yaml", &s);
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = load_str("deep.json", &json);
    let yaml = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = load_str("deep.yaml", &yaml);
    let yaml_block: String = (0..5_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let _ = load_str("deep-block.yaml", &yaml_block);
    // A billion laughs: aliases expanding exponentially must not hang or exhaust memory.
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        laughs.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(", ")));
    }
    let _ = load_str("laughs.yaml", &laughs);
}

#[test]
fn garbage_never_panics() {
    // Every prefix of a real-looking spec: truncated files are common bad input.
    let spec = include_str!("../../../spec/fixtures/unions.yaml");
    for cut in (0..spec.len()).step_by(7) {
        if spec.is_char_boundary(cut) {
            let _ = load_str("cut.yaml", &spec[..cut]);
        }
    }
    // Wrong types in every position.
    for body in [
        r#"{"openapi":"3.0.0","paths":[]}"#,
        r#"{"openapi":"3.0.0","paths":{"/a":7}}"#,
        r#"{"openapi":"3.0.0","paths":{"/a":{"get":{"parameters":{"x":1},"responses":[]}}}}"#,
        r#"{"openapi":"3.0.0","paths":{"/a/{b}":{"post":{"requestBody":{"content":{"multipart/form-data":{"schema":{"type":"string"}}}},"responses":{"200":{"content":{"text/event-stream":{}}}}}}}}"#,
        r#"{"openapi":"3.0.0","components":{"schemas":{"A":{"type":["string",7],"enum":[1,"a",null],"properties":3,"allOf":{}}}}}"#,
        r#"{"openapi":3.1,"info":[],"servers":{"url":1},"security":"x","components":{"securitySchemes":{"a":{"type":"oauth2","flows":7}}}}"#,
        r##"{"swagger":"2.0","paths":{"/a":{"parameters":[{"$ref":"#/parameters/nope"}],"get":{"parameters":[{"in":"body"}],"responses":{"200":{"$ref":"#/responses/nope"}}}}}}"##,
        r#"{"swagger":"1.2"}"#,
    ] {
        let _ = load_str("w.json", body);
    }
}

/// Replaces every node of real specs, one at a time, with values of the wrong type: the
/// loader must report or degrade, never panic.
#[test]
fn mutated_specs_never_panic() {
    use serde_json::Value;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/fixtures");
    let mut count = 0usize;
    for name in [
        "unions.yaml",
        "names.yaml",
        "recursive.yaml",
        "uploads_streams.yaml",
        "swagger2.json",
    ] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        let doc: Value = if name.ends_with(".json") {
            serde_json::from_str(&text).unwrap()
        } else {
            serde_yaml_ng::from_str(&text).unwrap()
        };
        let mut pointers = Vec::new();
        collect_pointers(&doc, String::new(), &mut pointers);
        for p in &pointers {
            for replacement in [
                Value::Null,
                Value::from(7),
                Value::from("x"),
                Value::Array(vec![]),
                serde_json::json!({"$ref": "#/nope"}),
            ] {
                let mut d = doc.clone();
                if let Some(slot) = d.pointer_mut(p) {
                    *slot = replacement;
                }
                let _ = load_str(&format!("mut-{name}.json"), &d.to_string());
                count += 1;
            }
        }
    }
    assert!(count > 1000, "only {count} mutations");
}

fn collect_pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        serde_json::Value::Object(m) => {
            for (k, c) in m {
                collect_pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        serde_json::Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                collect_pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A reference to a device or a directory is an error, never an endless read.
#[test]
fn references_to_devices_and_directories_are_errors() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let spec = r##"
openapi: 3.0.3
info: {title: Devices, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "/dev/zero#/components/schemas/X"}
  /b:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "/tmp#/components/schemas/Y"}
"##;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(
            match load_str("devices.yaml", spec) {
                Ok(l) => l.diagnostics,
                Err(f) => f.diagnostics,
            }
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        );
    });
    let diags = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("loading a spec that refers to /dev/zero finishes");
    let text = diags.join("\n");
    assert!(
        text.contains("/dev/zero") && text.contains("not a regular file"),
        "{text}"
    );
    assert!(text.contains("/tmp"), "{text}");
    let top = sdkgen_core::load_path(std::path::Path::new("/dev/zero"));
    let Err(f) = top else {
        panic!("/dev/zero loaded")
    };
    assert!(f.diagnostics[0].to_string().contains("not a regular file"));
}
