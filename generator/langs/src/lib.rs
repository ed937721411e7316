//! Every language sdkgen emits, behind one set of entry points: a package, the code samples
//! of the API reference, the migration guide between two versions. The CLI, xtask and
//! vtserver go through here, so a language is added in one place.

use sdkgen_core::emit::File;
use sdkgen_core::ir::Api;
use sdkgen_core::sample::{LangSamples, Samples};
use sdkgen_diff::Change;

/// The SDK languages, in the order docs and guides list them.
pub const SDK_LANGS: [&str; 5] = ["python", "typescript", "go", "java", "csharp"];

/// The files of the package for `lang` (an SDK language, or `rust`: serde wire types for a
/// server); `None` for a language sdkgen does not emit. `name` overrides the package name.
pub fn generate(lang: &str, api: &Api, name: Option<&str>) -> Option<Vec<File>> {
    Some(match lang {
        "python" => sdkgen_python::generate(api, name),
        "typescript" => sdkgen_typescript::generate(api, name),
        "go" => sdkgen_go::generate(api, name),
        "java" => sdkgen_java::generate(api, name),
        "csharp" => sdkgen_csharp::generate(api, name),
        "rust" => sdkgen_rust::generate(api, name),
        _ => return None,
    })
}

/// The code samples of every operation in SDK language `lang`.
pub fn lang_samples(lang: &str, api: &Api, name: Option<&str>) -> Option<LangSamples> {
    Some(match lang {
        "python" => sdkgen_python::sample::lang_samples(api, name),
        "typescript" => sdkgen_typescript::sample::lang_samples(api, name),
        "go" => sdkgen_go::sample::lang_samples(api, name),
        "java" => sdkgen_java::sample::lang_samples(api, name),
        "csharp" => sdkgen_csharp::sample::lang_samples(api, name),
        _ => return None,
    })
}

/// The samples of all SDK languages, for `sdkgen_docs::generate` (which adds curl).
pub fn samples(api: &Api, name: Option<&str>) -> Samples {
    let mut all = Samples::default();
    for lang in SDK_LANGS {
        if let Some(s) = lang_samples(lang, api, name) {
            all.add(s);
        }
    }
    all
}

/// The migration guide from `old` to `new` for the users of the `lang` SDK, given the
/// changes between them (`sdkgen_diff::diff`).
pub fn migration_guide(
    lang: &str,
    old: &Api,
    new: &Api,
    changes: &[Change],
    name: Option<&str>,
) -> Option<String> {
    macro_rules! guide {
        ($m:path) => {{
            use $m as phrase;
            sdkgen_diff::migration_guide(
                old,
                new,
                changes,
                &phrase::phrasebook(old, name),
                &phrase::phrasebook(new, name),
            )
        }};
    }
    Some(match lang {
        "python" => guide!(sdkgen_python::phrase),
        "typescript" => guide!(sdkgen_typescript::phrase),
        "go" => guide!(sdkgen_go::phrase),
        "java" => guide!(sdkgen_java::phrase),
        "csharp" => guide!(sdkgen_csharp::phrase),
        _ => return None,
    })
}
