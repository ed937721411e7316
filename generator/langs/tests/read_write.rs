//! Docs samples build request views (spec/fixtures/read_write.yaml): a required read-only
//! property (`id`, `created_at`) is never sent, a required write-only one (`password`) is,
//! in every language. The samples compile against the SDKs in each emitter's fixture tests.

mod common;

fn api() -> sdkgen_core::ir::Api {
    common::fixture("read_write.yaml")
}

#[test]
fn samples_send_write_only_properties_and_no_read_only_ones() {
    let api = api();
    let all = sdkgen_langs::samples(&api, None);
    for lang in common::LANGS {
        let code = |op: &str| common::sample(&all, lang, op);
        for op in ["createPet", "createOwner", "createAdoption"] {
            let c = code(op);
            let lower = c.to_lowercase();
            assert!(!lower.contains("created"), "{lang} {op}:\n{c}");
            assert!(!lower.contains("receipt"), "{lang} {op}:\n{c}");
            assert!(
                !lower.contains("\"id\"") && !lower.contains(" id"),
                "{lang} {op}:\n{c}"
            );
        }
        let owner = code("createOwner");
        if lang == "typescript" {
            // As prettier lays it out: members one level in, nested literals one more.
            assert!(
                owner.contains("  pets: [\n    {\n      name: \"Rex\",\n    },\n  ],\n"),
                "{owner}"
            );
        }
        assert!(
            owner.to_lowercase().contains("password"),
            "{lang}:\n{owner}"
        );
        println!("{lang}:\n{owner}\n");
    }
}
