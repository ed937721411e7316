//! What the generated request builders send, as the spec asks (found by `cargo xtask corpus
//! --wire` against Prism).

const REQUIRED_BODY: &str = r#"
openapi: 3.0.3
info: {title: Bodies, version: "1"}
paths:
  /access_requests:
    post:
      tags: [access_requests]
      operationId: createAccessRequest
      parameters: [{name: opt_pretty, in: query, schema: {type: boolean}}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, properties: {data: {type: object, properties: {note: {type: string}}}}}
      responses: {"204": {description: created}}
  /drafts:
    post:
      tags: [access_requests]
      operationId: createDraft
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {note: {type: string}}}
      responses: {"204": {description: created}}
"#;

fn resource(text: &str, file: &str) -> String {
    let loaded = sdkgen_core::load_str("spec.yaml", text).expect("spec loads");
    sdkgen_csharp::generate(&loaded.api, None)
        .into_iter()
        .find(|f| f.path.ends_with(file))
        .unwrap_or_else(|| panic!("no {file}"))
        .contents
}

/// A required body whose object requires nothing is still sent (`{}`) when the caller passes
/// no parameters: Prism (and the spec) reject the request without one. An optional body is
/// left out.
#[test]
fn a_required_body_is_sent_without_parameters() {
    let src = resource(REQUIRED_BODY, "AccessRequestsResource.cs");
    let create = src
        .split("private ApiRequest BuildCreateRequest(")
        .nth(1)
        .expect("the builder of createAccessRequest");
    let create = &create[..create.find("\n        }\n").unwrap()];
    assert!(
        create.contains("parameters = parameters ?? new AccessRequestsCreateParams();"),
        "{create}"
    );
    assert!(!create.contains("if (parameters != null)"), "{create}");
    assert!(
        create.contains("request.SetJsonBody(parameters);"),
        "{create}"
    );
    let draft = src
        .split("private ApiRequest BuildCreateDraftRequest(")
        .nth(1)
        .expect("the builder of createDraft");
    let draft = &draft[..draft.find("\n        }\n").unwrap()];
    assert!(draft.contains("if (parameters != null)"), "{draft}");
    assert!(!draft.contains("??"), "{draft}");
}
