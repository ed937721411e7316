//! A spec that loads, through every SDK emitter: the language view of the IR, the rendered
//! package, and the docs samples. Nothing may panic, hang or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdkgen_core::emit::File;
use sdkgen_core::ir::Api;
use sdkgen_core::sample::LangSamples;

type Emitter = (
    fn(&Api, Option<&str>) -> Vec<File>,
    fn(&Api, Option<&str>) -> LangSamples,
);

const EMITTERS: [Emitter; 5] = [
    (sdkgen_python::generate, sdkgen_python::sample::lang_samples),
    (
        sdkgen_typescript::generate,
        sdkgen_typescript::sample::lang_samples,
    ),
    (sdkgen_go::generate, sdkgen_go::sample::lang_samples),
    (sdkgen_java::generate, sdkgen_java::sample::lang_samples),
    (sdkgen_csharp::generate, sdkgen_csharp::sample::lang_samples),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = sdkgen_core::load_str("/nonexistent-sdkgen-fuzz/spec.yaml", text) else {
        return;
    };
    for (generate, samples) in EMITTERS {
        std::hint::black_box(generate(&loaded.api, None));
        std::hint::black_box(samples(&loaded.api, None));
    }
});
