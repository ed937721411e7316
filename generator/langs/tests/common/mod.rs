//! Helpers shared by the tests of this crate.

/// The IR of `spec/fixtures/<name>`.
pub fn fixture(name: &str) -> sdkgen_core::ir::Api {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/fixtures")
        .join(name);
    sdkgen_core::load_path(&path)
        .unwrap_or_else(|f| panic!("{name}: {:#?}", f.diagnostics))
        .api
}
