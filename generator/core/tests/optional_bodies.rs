//! A docs sample sends an optional body when its object has required properties, with
//! those filled (spec/fixtures/optional_bodies.yaml), and leaves out one that has none.

use sdkgen_core::ir::*;
use sdkgen_core::sample::{body_sampled, field_sampled};

fn api() -> Api {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/fixtures/optional_bodies.yaml");
    sdkgen_core::load_path(&path)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api
}

fn body<'a>(api: &'a Api, id: &str) -> &'a RequestBody {
    let op = api.operations().find(|o| o.id.wire == id).unwrap();
    let b = op.body.as_ref().unwrap();
    assert!(!b.required, "{id}: the fixture's bodies are optional");
    b
}

fn sampled_fields(api: &Api, id: &str) -> Vec<String> {
    let b = body(api, id);
    let TypeRef::Named { id: t } = &b.ty else {
        panic!("{id}: body is not a named type");
    };
    let TypeKind::Object(o) = &api.ty(*t).kind else {
        panic!("{id}: body is not an object");
    };
    o.fields
        .iter()
        .filter(|f| field_sampled(api, b, f))
        .map(|f| f.name.wire.clone())
        .collect()
}

#[test]
fn optional_bodies_with_required_properties_are_sampled() {
    let api = api();
    assert!(body_sampled(&api, body(&api, "createPlanet")));
    assert_eq!(sampled_fields(&api, "createPlanet"), ["name", "radius_km"]);
    assert!(body_sampled(&api, body(&api, "createUser")));
    assert_eq!(sampled_fields(&api, "createUser"), ["username", "email"]);
}

#[test]
fn optional_bodies_without_required_properties_are_not() {
    let api = api();
    assert!(!body_sampled(&api, body(&api, "updatePlanet")));
    assert!(sampled_fields(&api, "updatePlanet").is_empty());
    assert!(!body_sampled(&api, body(&api, "createUsers")));
}
