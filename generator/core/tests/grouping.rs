//! Resources and method names for shapes real specs use: operations selected by a path
//! fragment (AWS's `/#X-Amz-Target=Service.Op`), and collections answered with a page object.

use sdkgen_core::load_str;

const SPEC: &str = r##"
openapi: 3.0.0
info: {title: Amazon WorkMail, version: "2017-10-01"}
paths:
  /#X-Amz-Target=WorkMailService.GetImpersonationRole:
    post:
      operationId: GetImpersonationRole
      responses: {"200": {description: ok}}
  /#X-Amz-Target=WorkMailService.ListGroups:
    post:
      operationId: ListGroups
      responses: {"200": {description: ok}}
  /planets:
    get:
      operationId: get-planets
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: string}}
                  meta: {type: object, properties: {total: {type: integer}}}
  /planets/{id}:
    get:
      operationId: get-planets-id
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
"##;

fn methods(group: &str) -> Vec<String> {
    let api = load_str("workmail.yaml", SPEC).expect("loads").api;
    let g = api
        .groups
        .iter()
        .find(|g| g.name.words.join("_") == group)
        .unwrap_or_else(|| {
            panic!(
                "no group {group}: {:?}",
                api.groups
                    .iter()
                    .map(|g| g.name.words.join("_"))
                    .collect::<Vec<_>>()
            )
        });
    g.operations
        .iter()
        .map(|o| o.method_name.words.join("_"))
        .collect()
}

#[test]
fn target_fragments_name_the_resource_after_the_service() {
    assert_eq!(
        methods("work_mail"),
        ["get_impersonation_role", "list_groups"]
    );
}

#[test]
fn a_get_on_a_collection_answered_with_a_page_is_list() {
    assert_eq!(methods("planets"), ["list", "retrieve"]);
}

#[test]
fn servers_are_named_from_their_host_or_description() {
    let spec = r##"
openapi: 3.0.0
info: {title: Regions, version: "1"}
servers:
  - url: https://api.example.com/v1
  - url: https://api.eu.example.com/v1
  - url: https://other.example.org
    description: Mirror
  - url: https://x.example.net
    description: The second production server for the whole world
paths: {}
"##;
    let api = load_str("regions.yaml", spec).expect("loads").api;
    let names: Vec<String> = api.servers.iter().map(|s| s.name.words.join("_")).collect();
    assert_eq!(names, ["production", "eu", "other", "environment_4"]);
}
