//! The Go emitter of sdkgen: IR -> a Go module (standard library only), laid out exactly
//! as gofmt would by construction.
//!
//! Pipeline: `naming` (casing, initialisms, escaping, type mapping) -> `model` (a view of
//! the API where a `NameAllocator` per scope settled every name) -> `render` (Go text;
//! askama for the README). The hand-written runtime lives in templates/go/ and is copied
//! as it is, with only the package name and module path filled in.

pub mod model;
pub mod naming;
pub mod phrase;
pub mod render;
pub mod sample;

use sdkgen_core::{emit::File, ir::Api};

/// The hand-written runtime, copied verbatim (package name and module path filled in).
const RUNTIME: &[(&str, &str)] = &[
    ("core.go", include_str!("../../../templates/go/core.go")),
    ("errors.go", include_str!("../../../templates/go/errors.go")),
    (
        "nullable.go",
        include_str!("../../../templates/go/nullable.go"),
    ),
    (
        "pagination.go",
        include_str!("../../../templates/go/pagination.go"),
    ),
    ("stream.go", include_str!("../../../templates/go/stream.go")),
    ("upload.go", include_str!("../../../templates/go/upload.go")),
    ("values.go", include_str!("../../../templates/go/values.go")),
    (
        "option/option.go",
        include_str!("../../../templates/go/option/option.go"),
    ),
];

/// Generates the module. Pure and deterministic.
pub fn generate(api: &Api, name: Option<&str>) -> Vec<File> {
    let pkg = model::build(api, name);
    let mut files = vec![
        File::new("go.mod", render::go_mod(&pkg)),
        File::new("README.md", render::readme_md(&pkg)),
        File::new(
            "REFERENCE.md",
            sdkgen_core::reference::render(api, &phrase::phrasebook(api, name)),
        ),
        File::new("client.go", render::client_go(&pkg)),
        File::new("models.go", render::models_go(&pkg)),
    ];
    for (path, text) in RUNTIME {
        files.push(File::new(
            *path,
            text.replace("package __PKG__", &format!("package {}", pkg.name))
                .replace("__MODULE__", &pkg.module),
        ));
    }
    if let Some(text) = render::option_credentials_go(&pkg) {
        files.push(File::new("option/credentials.go", text));
    }
    for s in &pkg.services {
        files.push(File::new(
            format!("{}.go", s.file),
            render::service_go(&pkg, s),
        ));
    }
    for f in &mut files {
        if !f.contents.ends_with('\n') {
            f.contents.push('\n');
        }
    }
    files
}
