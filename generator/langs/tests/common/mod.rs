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

/// The languages with docs samples.
#[allow(dead_code)] // not every test binary uses every helper
pub const LANGS: [&str; 5] = ["python", "typescript", "go", "java", "csharp"];

/// The docs sample of operation `op` in `lang`.
#[allow(dead_code)]
pub fn sample(all: &sdkgen_core::sample::Samples, lang: &str, op: &str) -> String {
    all.get(lang, op)
        .unwrap_or_else(|| panic!("{lang}: no sample of {op}"))
        .to_string()
}
