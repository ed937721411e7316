//! Validation keywords reach the IR (fields, parameters, object and alias types) in every
//! dialect, through references to aliases, and ill-typed ones never fail a load.

use sdkgen_core::ir::*;

fn load(text: &str) -> Api {
    sdkgen_core::load_str("spec.yaml", text)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api
}

fn object<'a>(api: &'a Api, name: &str) -> (&'a TypeDef, &'a ObjectType) {
    let t = api.types.iter().find(|t| t.name.wire == name).unwrap();
    match &t.kind {
        TypeKind::Object(o) => (t, o),
        _ => panic!("{name} is not an object"),
    }
}

fn field<'a>(o: &'a ObjectType, name: &str) -> &'a Field {
    o.fields.iter().find(|f| f.name.wire == name).unwrap()
}

fn bound(v: &str, exclusive: bool) -> Option<Bound> {
    Some(Bound {
        value: v.into(),
        exclusive,
    })
}

const V30: &str = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: lang, in: query, schema: {$ref: '#/components/schemas/Lang'}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Lang: {type: string, pattern: '^[a-z]{2}$', maxLength: 8}
    Tags:
      type: array
      maxItems: 3
      uniqueItems: true
      items: {type: string, minLength: 1}
    Thing:
      type: object
      minProperties: 1
      maxProperties: 5
      properties:
        lang: {$ref: '#/components/schemas/Lang'}
        own: {allOf: [{$ref: '#/components/schemas/Lang'}], maxLength: 4}
        tags: {$ref: '#/components/schemas/Tags'}
        score: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, multipleOf: 0.25}
        meta:
          type: object
          additionalProperties: {type: string, maxLength: 500}
          propertyNames: {maxLength: 40}
        weird: {type: integer, minimum: ten, maxLength: -1, pattern: '(?<=x)y'}
        other: {$ref: '#/components/schemas/Other'}
    Other:
      type: object
      minProperties: 2
      properties: {a: {type: string}}
"#;

#[test]
fn openapi_30() {
    let api = load(V30);
    let (t, o) = object(&api, "Thing");
    assert_eq!(t.constraints.min_properties, Some(1));
    assert_eq!(t.constraints.max_properties, Some(5));
    let lang = &field(o, "lang").constraints;
    assert_eq!(lang.pattern.as_deref(), Some("^[a-z]{2}$"));
    assert_eq!(lang.max_length, Some(8));
    // Own keywords win over the referenced alias's.
    let own = &field(o, "own").constraints;
    assert_eq!(own.max_length, Some(4));
    assert_eq!(own.pattern.as_deref(), Some("^[a-z]{2}$"));
    let tags = &field(o, "tags").constraints;
    assert_eq!(tags.max_items, Some(3));
    assert!(tags.unique_items);
    assert_eq!(tags.items.as_ref().unwrap().min_length, Some(1));
    let score = &field(o, "score").constraints;
    assert_eq!(score.minimum, bound("0", true));
    assert_eq!(score.maximum, bound("1", false));
    assert_eq!(score.multiple_of.as_deref(), Some("0.25"));
    let meta = &field(o, "meta").constraints;
    assert_eq!(meta.values.as_ref().unwrap().max_length, Some(500));
    assert_eq!(meta.property_names.as_ref().unwrap().max_length, Some(40));
    // Ill-typed keywords: carried as text or ignored, never an error.
    let weird = &field(o, "weird").constraints;
    assert_eq!(weird.minimum, bound("ten", false));
    assert_eq!(weird.max_length, None);
    assert_eq!(weird.pattern.as_deref(), Some("(?<=x)y"));
    // A reference to an object type does not take its keywords (the type checks itself).
    assert!(field(o, "other").constraints.is_empty());
    let (other, _) = object(&api, "Other");
    assert_eq!(other.constraints.min_properties, Some(2));
    // Aliases keep their own keywords too.
    let lang_t = api.types.iter().find(|t| t.name.wire == "Lang").unwrap();
    assert_eq!(lang_t.constraints.max_length, Some(8));
    // Parameters.
    let op = api.operations().next().unwrap();
    assert_eq!(op.params[0].constraints.minimum, bound("1", false));
    assert_eq!(op.params[0].constraints.maximum, bound("100", false));
    assert_eq!(
        op.params[1].constraints.pattern.as_deref(),
        Some("^[a-z]{2}$")
    );
}

#[test]
fn openapi_31_numeric_exclusive_bounds() {
    let api = load(
        r#"
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    N:
      type: object
      properties:
        a: {type: [number, 'null'], exclusiveMinimum: 0, exclusiveMaximum: 10}
        b: {type: integer, minimum: 5, exclusiveMinimum: 3}
        c: {type: integer, minimum: 5, exclusiveMinimum: 7}
"#,
    );
    let (_, o) = object(&api, "N");
    assert_eq!(field(o, "a").constraints.minimum, bound("0", true));
    assert_eq!(field(o, "a").constraints.maximum, bound("10", true));
    assert_eq!(field(o, "b").constraints.minimum, bound("5", false));
    assert_eq!(field(o, "c").constraints.minimum, bound("7", true));
}

#[test]
fn swagger_20() {
    let api = load(
        r#"
swagger: "2.0"
info: {title: T, version: "1"}
paths:
  /x:
    get:
      operationId: getX
      parameters:
        - {name: q, in: query, type: string, minLength: 2, pattern: '^a'}
        - {name: n, in: query, type: integer, maximum: 9, exclusiveMaximum: true}
      responses: {'200': {description: ok}}
definitions:
  X:
    type: object
    properties:
      s: {type: string, maxLength: 3}
"#,
    );
    let op = api.operations().next().unwrap();
    assert_eq!(op.params[0].constraints.min_length, Some(2));
    assert_eq!(op.params[0].constraints.pattern.as_deref(), Some("^a"));
    assert_eq!(op.params[1].constraints.maximum, bound("9", true));
    let (_, o) = object(&api, "X");
    assert_eq!(field(o, "s").constraints.max_length, Some(3));
}

#[test]
fn reference_cycles_terminate() {
    let api = load(
        r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
    L: {type: array, items: {$ref: '#/components/schemas/L'}, maxItems: 2}
    H:
      type: object
      properties:
        a: {$ref: '#/components/schemas/A'}
        l: {$ref: '#/components/schemas/L'}
"#,
    );
    let (_, o) = object(&api, "H");
    assert_eq!(field(o, "l").constraints.max_items, Some(2));
}
