//! The TypeScript emitter of sdkgen: IR -> a complete npm package (native `fetch`, no
//! runtime dependencies), formatted exactly as prettier would by construction.
//!
//! Pipeline: `naming` (casing, keywords, quoting) -> `model` (a view of the API where a
//! `NameAllocator` per scope settled every name) -> `render` (askama templates for file
//! skeletons, the prettier-like printer of `doc` for code blocks).

pub mod doc;
pub mod model;
pub mod naming;
pub mod phrase;
pub mod render;
pub mod sample;
pub mod types;

use sdkgen_core::{emit::File, ir::Api};

/// The hand-written runtime, copied verbatim.
const CORE: &[(&str, &str)] = &[
    (
        "api-promise.ts",
        include_str!("../../../templates/typescript/core/api-promise.ts"),
    ),
    (
        "client.ts",
        include_str!("../../../templates/typescript/core/client.ts"),
    ),
    (
        "errors.ts",
        include_str!("../../../templates/typescript/core/errors.ts"),
    ),
    (
        "pagination.ts",
        include_str!("../../../templates/typescript/core/pagination.ts"),
    ),
    (
        "streaming.ts",
        include_str!("../../../templates/typescript/core/streaming.ts"),
    ),
    (
        "uploads.ts",
        include_str!("../../../templates/typescript/core/uploads.ts"),
    ),
];

const GITIGNORE: &str = "node_modules/\ndist/\n";

/// Generates the package. Pure and deterministic.
pub fn generate(api: &Api, name: Option<&str>) -> Vec<File> {
    let pkg = model::build(api, name);
    let mut files = vec![
        File::new("package.json", render::package_json(&pkg)),
        File::new("tsconfig.json", render::tsconfig_json()),
        File::new("README.md", render::readme_md(&pkg, api)),
        File::new(
            "REFERENCE.md",
            sdkgen_core::reference::render(api, &phrase::of_package(api, &pkg)),
        ),
        File::new(".gitignore", GITIGNORE),
        // The reference's tables stay compact and its code blocks are declarations, not
        // modules: it is documentation, kept out of prettier's Markdown formatting.
        File::new(".prettierignore", "dist/\nREFERENCE.md\n"),
        File::new("src/index.ts", render::index_ts(&pkg)),
        File::new("src/client.ts", render::client_ts(&pkg)),
        File::new("src/models.ts", render::models_ts(&pkg)),
    ];
    for (name, text) in CORE {
        files.push(File::new(format!("src/core/{name}"), *text));
    }
    for r in &pkg.resources {
        files.push(File::new(
            format!("src/resources/{}.ts", r.file),
            render::resource_ts(r),
        ));
    }
    for f in &mut files {
        if !f.contents.ends_with('\n') {
            f.contents.push('\n');
        }
    }
    files
}
