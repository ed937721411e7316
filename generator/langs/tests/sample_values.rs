//! Docs samples are requests the spec accepts beyond their required properties
//! (spec/fixtures/sample_values.yaml), in every language: a variant of an undiscriminated
//! oneOf that has no required properties is told apart by its optional `type` (`{}` would
//! match every variant, which `oneOf` forbids), and an array of unique items with
//! `minItems: 2` holds two distinct values that keep the items' pattern. The samples
//! compile against the SDKs in each emitter's fixture tests.

mod common;

#[test]
fn samples_tell_variants_apart_and_fill_unique_arrays() {
    let api = common::fixture("sample_values.yaml");
    let all = sdkgen_langs::samples(&api, None);
    for lang in common::LANGS {
        let code = |op: &str| common::sample(&all, lang, op);
        let pay = code("createPayment");
        assert!(
            pay.contains("\"ach\"") || pay.contains(".Ach"),
            "{lang}:\n{pay}"
        );
        let del = code("bulkDeleteMessages");
        assert!(
            del.contains("\"0\"") && del.contains("\"1\""),
            "{lang}:\n{del}"
        );
    }
}
