//! Any bytes as a spec (JSON or YAML, OpenAPI 3.x or Swagger 2.0): load, upgrade and lower
//! to the IR, then print every diagnostic with its line. Nothing may panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A directory that does not exist: relative `$ref`s to other files resolve to nothing.
    let diagnostics = match sdkgen_core::load_str("/nonexistent-sdkgen-fuzz/spec.yaml", text) {
        Ok(loaded) => loaded.diagnostics,
        Err(failure) => failure.diagnostics,
    };
    for d in &diagnostics {
        std::hint::black_box(d.to_string());
    }
});
