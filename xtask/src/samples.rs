//! The docs' code samples of a corpus spec, compiled against the SDK generated for it (the
//! second half of a corpus cell): each language's `samples_<lang>.rs` lays the samples out as
//! a program of that language beside the SDK and runs its compiler and type checker.

use anyhow::Result;
use sdkgen_core::ir::Api;
use std::path::Path;

/// Checks the samples of `api` in `lang` against the SDK in `sdk_dir`; the scratch program
/// goes to `<sdk_dir>.samples/`. Tool output is appended to `log`.
pub fn check(lang: &str, api: &Api, sdk_dir: &Path, log: &mut String) -> Result<()> {
    let Some(samples) = sdkgen_langs::lang_samples(lang, api, None) else {
        return Ok(());
    };
    let mut scratch = sdk_dir.as_os_str().to_owned();
    scratch.push(".samples");
    let scratch = Path::new(&scratch);
    if scratch.exists() {
        std::fs::remove_dir_all(scratch)?;
    }
    std::fs::create_dir_all(scratch)?;
    match lang {
        "python" => crate::samples_python::check(api, &samples, sdk_dir, scratch, log),
        "typescript" => crate::samples_typescript::check(api, &samples, sdk_dir, scratch, log),
        "go" => crate::samples_go::check(api, &samples, sdk_dir, scratch, log),
        "java" => crate::samples_java::check(api, &samples, sdk_dir, scratch, log),
        "csharp" => crate::samples_csharp::check(api, &samples, sdk_dir, scratch, log),
        _ => Ok(()),
    }
}
