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

/// Offered as JSON and as multipart, a body with file properties goes as multipart (OpenAI's
/// `POST /skills`); one without stays JSON.
#[test]
fn a_body_with_files_prefers_multipart_to_json() {
    let spec = r##"
openapi: 3.1.0
info: {title: Skills, version: "1"}
paths:
  /skills:
    post:
      operationId: createSkill
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Body'}
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Body'}
      responses: {"204": {description: ok}}
  /notes:
    post:
      operationId: createNote
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {text: {type: string}}}
          multipart/form-data:
            schema: {type: object, properties: {text: {type: string}}}
      responses: {"204": {description: ok}}
components:
  schemas:
    Body:
      type: object
      required: [files]
      properties:
        files:
          oneOf:
            - {type: array, items: {type: string, format: binary}}
            - {type: string, format: binary}
"##;
    let api = sdkgen_core::load_str("spec.yaml", spec)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api;
    let skills = body(&api, "createSkill");
    assert_eq!(skills.encoding, BodyEncoding::Multipart);
    assert_eq!(skills.media_type, "multipart/form-data");
    assert_eq!(body(&api, "createNote").encoding, BodyEncoding::Json);
}
