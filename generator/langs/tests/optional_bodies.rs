//! Every language's docs sample sends an optional body whose object has required properties,
//! with those filled (a request the spec accepts), and leaves out the optional properties and
//! a body with nothing required (spec/fixtures/optional_bodies.yaml). The samples compile in
//! each emitter's fixture tests.

mod common;

fn api() -> sdkgen_core::ir::Api {
    common::fixture("optional_bodies.yaml")
}

#[test]
fn samples_fill_the_required_properties_of_optional_bodies() {
    let api = api();
    let all = sdkgen_langs::samples(&api, None);
    for lang in common::LANGS {
        let code = |op: &str| common::sample(&all, lang, op);
        // `name` and `username` are filled with "Example", `email` with an address,
        // `radius_km` with 1; `moons` and `nickname` are optional.
        let planet = code("createPlanet");
        assert!(planet.contains("\"Example\""), "{lang}:\n{planet}");
        assert!(planet.contains('1'), "{lang}:\n{planet}");
        assert!(
            !planet.to_lowercase().contains("moons"),
            "{lang}:\n{planet}"
        );
        let user = code("createUser");
        assert!(user.contains("\"Example\""), "{lang}:\n{user}");
        assert!(user.contains("jane@example.com"), "{lang}:\n{user}");
        assert!(!user.to_lowercase().contains("nickname"), "{lang}:\n{user}");
        // Nothing required: no body fields.
        let patch = code("updatePlanet");
        assert!(!patch.contains("\"Example\""), "{lang}:\n{patch}");
    }
}
