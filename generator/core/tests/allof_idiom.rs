//! `allOf` holding one typed part (usually a `$ref`) and parts that only annotate it is that
//! part's type with the annotations, not a new empty model (APIs.guru's AWS specs describe
//! every reference this way).

use sdkgen_core::ir::{Literal, Primitive, TypeKind, TypeRef};
use sdkgen_core::load_str;

const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Mail, version: "1"}
paths:
  /roles:
    post:
      operationId: createRole
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Role"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Role"}
components:
  schemas:
    RoleId:
      type: string
      pattern: "^[a-z0-9-]+$"
      minLength: 1
    Role:
      type: object
      required: [RoleId]
      properties:
        RoleId:
          allOf:
            - $ref: "#/components/schemas/RoleId"
            - description: The role's identifier.
              readOnly: true
              example: role-1
        Kind:
          allOf:
            - $ref: "#/components/schemas/RoleId"
          description: What kind.
          default: admin
          deprecated: true
        Maybe:
          allOf:
            - $ref: "#/components/schemas/RoleId"
            - nullable: true
              title: Maybe
        Merged:
          allOf:
            - $ref: "#/components/schemas/RoleId"
            - type: object
              properties:
                extra: {type: string}
"##;

#[test]
fn allof_ref_with_annotation_parts_is_the_referenced_type() {
    let loaded = load_str("mail.yaml", SPEC).expect("loads");
    let api = &loaded.api;
    let (role_id, _) = api
        .types
        .iter()
        .enumerate()
        .find(|(_, t)| t.name.wire == "RoleId")
        .expect("RoleId");
    let role = api
        .types
        .iter()
        .find(|t| t.name.wire == "Role")
        .expect("Role");
    let TypeKind::Object(obj) = &role.kind else {
        panic!("Role is {:?}", role.kind)
    };
    let field = |n: &str| obj.fields.iter().find(|f| f.name.wire == n).expect(n);

    let id = field("RoleId");
    assert_eq!(
        id.ty,
        TypeRef::named(sdkgen_core::ir::TypeId(role_id)),
        "{:?}",
        id.ty
    );
    assert_eq!(
        id.docs.description.as_deref(),
        Some("The role's identifier.")
    );
    assert!(id.read_only);
    assert_eq!(id.example, Some(serde_json::json!("role-1")));
    assert_eq!(id.constraints.pattern.as_deref(), Some("^[a-z0-9-]+$"));

    let kind = field("Kind");
    assert_eq!(kind.ty, TypeRef::named(sdkgen_core::ir::TypeId(role_id)));
    assert_eq!(kind.docs.description.as_deref(), Some("What kind."));
    assert!(kind.docs.deprecated);
    assert_eq!(kind.default, Some(Literal::String("admin".into())));

    let maybe = field("Maybe");
    assert_eq!(
        maybe.ty,
        TypeRef::named(sdkgen_core::ir::TypeId(role_id)).nullable()
    );

    // A part with properties of its own is a real merge: a new object.
    let merged = field("Merged");
    let TypeRef::Named { id } = &merged.ty else {
        panic!("{:?}", merged.ty)
    };
    assert!(matches!(api.ty(*id).kind, TypeKind::Object(_)));

    // No empty object was made for the annotated references.
    let empty_objects = api
        .types
        .iter()
        .filter(|t| matches!(&t.kind, TypeKind::Object(o) if o.fields.is_empty() && o.additional.is_none()))
        .count();
    assert_eq!(empty_objects, 0);
    // RoleId stays an alias of a string.
    assert!(matches!(
        api.types[role_id].kind,
        TypeKind::Alias {
            target: TypeRef::Primitive {
                ty: Primitive::String
            }
        }
    ));
}

/// `required` beside (or inside) the parts makes properties of the referenced object
/// required: a new object, not the reference (DigitalOcean's request bodies).
#[test]
fn allof_ref_with_required_names_is_a_merge() {
    let spec = r##"
openapi: 3.0.3
info: {title: Projects, version: "1"}
paths:
  /projects:
    post:
      operationId: createProject
      requestBody:
        required: true
        content:
          application/json:
            schema:
              allOf:
                - $ref: "#/components/schemas/ProjectBase"
              required: [name, purpose]
      responses:
        "200": {description: ok}
components:
  schemas:
    ProjectBase:
      type: object
      properties:
        name: {type: string}
        purpose: {type: string}
        description: {type: string}
"##;
    let loaded = load_str("projects.yaml", spec).expect("loads");
    let api = &loaded.api;
    let op = api
        .operations()
        .find(|o| o.id.wire == "createProject")
        .unwrap();
    let TypeRef::Named { id } = &op.body.as_ref().unwrap().ty else {
        panic!("{:?}", op.body)
    };
    let TypeKind::Object(obj) = &api.ty(*id).kind else {
        panic!("{:?}", api.ty(*id).kind)
    };
    let required: Vec<&str> = obj
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.wire.as_str())
        .collect();
    assert_eq!(required, ["name", "purpose"]);
    // The declared base keeps its own (optional) view.
    let base = api
        .types
        .iter()
        .find(|t| t.name.wire == "ProjectBase")
        .unwrap();
    let TypeKind::Object(b) = &base.kind else {
        panic!()
    };
    assert!(b.fields.iter().all(|f| !f.required));
}
