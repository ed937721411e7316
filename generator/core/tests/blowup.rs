//! Work and memory grow about linearly with the spec, whatever its shape: mutually recursive
//! shapes reached through `allOf` merging used to expand into an exponential tree of inline
//! types (APIs.guru's AWS specs ran for minutes past 700 MB). What still blows up stops at a
//! work budget with a diagnostic.

use sdkgen_core::diag::Severity;
use sdkgen_core::{load_str, load_str_with_budget};
use serde_json::{json, Map, Value};

/// `n` shapes; each has `k` properties that are inline objects merging (`allOf`) another
/// shape with a property of their own, so every shape reaches every other through inline
/// schemas only: lowered naively, the tree has about k^depth nodes.
fn recursive_shapes(n: usize, k: usize) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        let mut props = Map::new();
        for j in 0..k {
            let target = (i * 7 + j * 3 + 1) % n;
            props.insert(
                format!("p{j}"),
                json!({
                    "allOf": [
                        {"$ref": format!("#/components/schemas/Shape{target}")},
                        {"type": "object", "properties": {"note": {"type": "string"}}}
                    ]
                }),
            );
        }
        props.insert("id".into(), json!({"type": "string"}));
        schemas.insert(
            format!("Shape{i}"),
            json!({"type": "object", "properties": Value::Object(props)}),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Shapes", "version": "1"},
        "paths": {
            "/shapes/{id}": {
                "get": {
                    "operationId": "getShape",
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Shape0"}}}}}
                }
            }
        },
        "components": {"schemas": Value::Object(schemas)}
    })
    .to_string()
}

#[test]
fn mutually_recursive_allof_shapes_lower_in_linear_size() {
    for n in [10usize, 40] {
        let k = 3;
        let started = std::time::Instant::now();
        let loaded = load_str("shapes.json", &recursive_shapes(n, k)).expect("loads");
        // One declared type per shape and one inline merged object per property at most.
        let types = loaded.api.types.len();
        assert!(
            types <= n * (k + 1) + 1,
            "{n} shapes gave {types} types (expected at most {})",
            n * (k + 1) + 1
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{n} shapes took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_blow_up_past_the_work_budget_is_an_error_diagnostic() {
    let spec = recursive_shapes(10, 3);
    let err = load_str_with_budget("shapes.json", &spec, Some(50)).expect_err("budget of 50");
    let d = err
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert!(d.to_string().contains("work budget"), "{d}");
    // The default budget is far above what this spec needs.
    assert!(load_str_with_budget("shapes.json", &spec, None).is_ok());
}
