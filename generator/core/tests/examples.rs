//! Examples reach the IR from every place a spec puts them (parameter `example` and
//! `examples`, schema `example` and 3.1 `examples`, media type `example` and `examples`
//! through `$ref`, Swagger 2.0 `x-example` and response `examples`), and samples use them
//! only when they are values of their type.

use sdkgen_core::ir::*;
use sdkgen_core::sample::{body_example, example_value, fits, param_example};
use serde_json::json;

fn load(text: &str) -> Api {
    sdkgen_core::load_str("spec.yaml", text)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations().find(|o| o.id.wire == id).unwrap()
}

fn param<'a>(o: &'a Operation, name: &str) -> &'a Param {
    o.params.iter().find(|p| p.name.wire == name).unwrap()
}

const SPEC: &str = r##"
openapi: 3.1.0
info: {title: Ex, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: q, in: query, schema: {type: string}, example: cats}
        - name: limit
          in: query
          schema: {type: integer}
          examples:
            small: {$ref: '#/components/examples/Ten'}
        - {name: since, in: query, schema: {type: string, examples: ["2024-05-01"]}}
        - {name: page, in: query, schema: {type: integer}, example: "two"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
              examples:
                one: {summary: A thing, value: {id: t1, name: Rex, kind: dog}}
                far: {externalValue: 'https://example.com/x.json'}
            text/csv:
              schema: {type: string}
              example: "id,name\nt1,Rex\n"
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingCreate'}
            examples:
              wrong: {value: {name: 3}}
              right: {summary: Named, value: {name: Rex, kind: cat, size: 2}}
      responses:
        "204": {description: done}
components:
  examples:
    Ten: {value: 10}
  schemas:
    Kind: {type: string, enum: [dog, cat]}
    Thing:
      type: object
      required: [id, name]
      properties:
        id: {type: string, readOnly: true, example: t9}
        name: {type: string, example: Rex}
        kind: {$ref: '#/components/schemas/Kind'}
    ThingCreate:
      type: object
      required: [name, size]
      properties:
        name: {type: string, examples: [Fido]}
        kind: {$ref: '#/components/schemas/Kind'}
        size: {type: integer, example: 1.5}
"##;

#[test]
fn parameter_examples_come_from_every_place() {
    let api = load(SPEC);
    let o = op(&api, "listThings");
    assert_eq!(param(o, "q").example, Some(json!("cats")));
    assert_eq!(param(o, "limit").example, Some(json!(10)));
    assert_eq!(param(o, "since").example, Some(json!("2024-05-01")));
    // Kept as written, but samples do not use an example of the wrong type.
    assert_eq!(param(o, "page").example, Some(json!("two")));
    assert_eq!(param_example(&api, param(o, "q")), json!("cats"));
    assert_eq!(param_example(&api, param(o, "limit")), json!(10));
    assert_eq!(param_example(&api, param(o, "page")), json!(1));
}

#[test]
fn response_examples_by_media_type_without_external_values() {
    let api = load(SPEC);
    let ok = &op(&api, "listThings").responses[0];
    let got: Vec<(&str, Option<&str>, Option<&str>)> = ok
        .examples
        .iter()
        .map(|e| {
            (
                e.media_type.as_str(),
                e.name.as_deref(),
                e.summary.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("application/json", Some("one"), Some("A thing")),
            ("text/csv", None, None)
        ]
    );
}

#[test]
fn body_examples_are_used_only_when_they_fit() {
    let api = load(SPEC);
    let b = op(&api, "createThing").body.as_ref().unwrap();
    assert_eq!(b.examples.len(), 2);
    assert_eq!(
        body_example(&api, b, false),
        json!({"name": "Rex", "kind": "cat", "size": 2})
    );
    // Field examples: `Fido` from a 3.1 `examples` array; `size`'s 1.5 is no integer.
    assert_eq!(
        example_value(&api, &b.ty, "body", None, None, false),
        json!({"name": "Fido", "size": 1})
    );
}

#[test]
fn fits_follows_types() {
    let api = load(SPEC);
    let thing = TypeRef::Named {
        id: TypeId(
            api.types
                .iter()
                .position(|t| t.name.wire == "Thing")
                .unwrap(),
        ),
    };
    assert!(fits(&api, &thing, &json!({"name": "Rex"})));
    assert!(
        !fits(&api, &thing, &json!({"name": "Rex", "id": "t1"})),
        "read-only"
    );
    assert!(
        !fits(&api, &thing, &json!({"name": "Rex", "kind": "cow"})),
        "enum"
    );
    assert!(
        !fits(&api, &thing, &json!({"name": "Rex", "age": 3})),
        "unknown key"
    );
    assert!(!fits(&api, &thing, &json!({})), "required");
    let ints = TypeRef::Array {
        items: Box::new(TypeRef::prim(Primitive::Integer)),
    };
    assert!(fits(&api, &ints, &json!([1, 2])));
    assert!(!fits(&api, &ints, &json!([1, 2.5])));
}

#[test]
fn swagger2_examples_are_upgraded() {
    let api = load(
        r##"
swagger: "2.0"
info: {title: Ex, version: "1"}
produces: [application/json]
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: q, in: query, type: string, x-example: dogs}
      responses:
        "200":
          description: ok
          schema: {type: object, properties: {n: {type: integer}}}
          examples:
            application/json: {n: 4}
"##,
    );
    let o = op(&api, "listThings");
    assert_eq!(param(o, "q").example, Some(json!("dogs")));
    assert_eq!(o.responses[0].examples[0].value, json!({"n": 4}));
    assert_eq!(o.responses[0].examples[0].media_type, "application/json");
}

/// spec/fixtures/sample_values.yaml: an undiscriminated oneOf variant without required
/// properties is sampled with the optional enum that tells it apart (`{}` fits both), and
/// unique items with `minItems: 2` are two distinct values of the items' pattern.
#[test]
fn samples_are_values_the_schema_accepts() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/fixtures/sample_values.yaml");
    let api = load(&std::fs::read_to_string(path).unwrap());
    let body = |id: &str| body_example(&api, op(&api, id).body.as_ref().unwrap(), false);
    assert_eq!(body("createPayment"), json!({"method": {"type": "ach"}}));
    assert_eq!(body("bulkDeleteMessages"), json!({"messages": ["0", "1"]}));
}
