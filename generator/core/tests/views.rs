//! Request and response views (spec/fixtures/read_write.yaml): a schema with `readOnly` or
//! `writeOnly` properties is shaped per direction, requests without read-only properties and
//! responses without write-only ones, and a schema without them stays one type.

use sdkgen_core::ir::{Api, ObjectType, TypeId, TypeKind, TypeRef};

fn api() -> Api {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/fixtures/read_write.yaml");
    sdkgen_core::load_path(&path)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api
}

fn named(t: &TypeRef) -> TypeId {
    match t.non_null() {
        TypeRef::Named { id } => *id,
        TypeRef::Array { items } => named(items),
        other => panic!("not a named type: {other:?}"),
    }
}

fn object(api: &Api, id: TypeId) -> (&str, &ObjectType) {
    let t = api.ty(id);
    match &t.kind {
        TypeKind::Object(o) => (t.name.wire.as_str(), o),
        other => panic!("{} is not an object: {other:?}", t.name.wire),
    }
}

fn fields(o: &ObjectType) -> Vec<&str> {
    o.fields.iter().map(|f| f.name.wire.as_str()).collect()
}

fn op<'a>(api: &'a Api, id: &str) -> &'a sdkgen_core::ir::Operation {
    api.operations()
        .find(|o| o.id.wire == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

fn body(api: &Api, id: &str) -> TypeId {
    named(&op(api, id).body.as_ref().expect("a body").ty)
}

fn response(api: &Api, id: &str) -> TypeId {
    match &op(api, id).response {
        sdkgen_core::ir::ResponseKind::Json { ty } => named(ty),
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn requests_leave_out_read_only_properties_and_responses_write_only_ones() {
    let api = api();
    // Pet goes both ways: the response keeps the name and every property, the request view
    // has neither the required `id` nor `created_at`.
    let (name, pet) = object(&api, response(&api, "createPet"));
    assert_eq!(name, "Pet");
    assert_eq!(fields(pet), ["id", "name", "tag", "created_at"]);
    let (name, pet_in) = object(&api, body(&api, "createPet"));
    assert_eq!(name, "PetInput");
    assert_eq!(fields(pet_in), ["name", "tag"]);
    assert_eq!(response(&api, "listPets"), response(&api, "createPet"));

    // Owner: `password` only in the request, `id` only in the response, and the pets it
    // holds are the views of the same direction.
    let (_, owner) = object(&api, response(&api, "createOwner"));
    assert_eq!(fields(owner), ["id", "email", "pets"]);
    let (_, owner_in) = object(&api, body(&api, "createOwner"));
    assert_eq!(fields(owner_in), ["email", "password", "pets"]);
    assert_eq!(named(&owner.fields[2].ty), response(&api, "createPet"));
    assert_eq!(named(&owner_in.fields[2].ty), body(&api, "createPet"));
}

#[test]
fn types_used_one_way_or_without_flags_are_not_doubled() {
    let api = api();
    // Adoption is only sent: reshaped in place, pointing at the request view of Pet.
    let (name, adoption) = object(&api, body(&api, "createAdoption"));
    assert_eq!(name, "Adoption");
    assert_eq!(fields(adoption), ["pet_id", "pet"]);
    assert_eq!(named(&adoption.fields[1].ty), body(&api, "createPet"));
    // Tag has no flagged property: one type on both sides.
    let (_, pet) = object(&api, response(&api, "createPet"));
    let (_, pet_in) = object(&api, body(&api, "createPet"));
    assert_eq!(named(&pet.fields[2].ty), named(&pet_in.fields[1].ty));
    // Four declared schemas, two of them used both ways with flags: six types.
    assert_eq!(
        api.types.len(),
        6,
        "{:?}",
        api.types.iter().map(|t| &t.name.wire).collect::<Vec<_>>()
    );
}

#[test]
fn a_spec_without_flags_keeps_its_types() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../spec/fixtures/read_write.yaml"),
    )
    .unwrap()
    .replace("readOnly: true", "x-plain: true")
    .replace("writeOnly: true", "x-plain: true");
    let api = sdkgen_core::load_str("plain.yaml", &text)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
        .api;
    assert_eq!(api.types.len(), 4);
    assert_eq!(body(&api, "createPet"), response(&api, "createPet"));
}
