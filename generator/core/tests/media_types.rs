//! Which encoding a request body gets from its media types: a wildcard media type
//! (Swagger 2.0's `consumes: ["*/*"]`, as Kubernetes has it) with a document schema is
//! JSON; with a binary string it stays raw bytes.

use sdkgen_core::ir::*;

const SPEC: &str = r##"
swagger: "2.0"
info: {title: Media, version: "1"}
paths:
  /namespaces:
    post:
      operationId: createNamespace
      consumes: ["*/*"]
      parameters:
        - {in: body, name: body, required: true, schema: {$ref: '#/definitions/Namespace'}}
      responses: {"200": {description: ok, schema: {$ref: '#/definitions/Namespace'}}}
  /blobs:
    post:
      operationId: putBlob
      consumes: ["*/*"]
      parameters:
        - {in: body, name: body, required: true, schema: {type: string, format: binary}}
      responses: {"204": {description: ok}}
definitions:
  Namespace:
    type: object
    properties:
      name: {type: string}
"##;

fn body<'a>(api: &'a Api, id: &str) -> &'a RequestBody {
    api.operations()
        .find(|o| o.id.wire == id)
        .and_then(|o| o.body.as_ref())
        .unwrap()
}

#[test]
fn a_wildcard_media_type_with_a_document_schema_is_json() {
    let api = sdkgen_core::load_str("spec.yaml", SPEC)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api;
    let ns = body(&api, "createNamespace");
    assert_eq!(ns.encoding, BodyEncoding::Json);
    assert_eq!(ns.media_type, "application/json");
    assert!(matches!(ns.ty, TypeRef::Named { .. }));
    let blob = body(&api, "putBlob");
    assert_eq!(blob.encoding, BodyEncoding::Binary);
    assert_eq!(blob.media_type, "*/*");
}
