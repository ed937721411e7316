//! The C# emitter of sdkgen: IR -> a netstandard2.0 package (C# 7.2, Newtonsoft.Json,
//! `HttpClient`), compiled here by Mono's `mcs` and by any modern .NET SDK.
//!
//! Pipeline: `naming` (casing, keywords, escaping) -> `model` (a view of the API where a
//! `NameAllocator` per scope settled every name) -> `render` (askama file skeletons, members
//! laid out in Allman style). The hand-written runtime (`templates/csharp/runtime/`) is copied
//! into `src/Core/` with its namespace set to `<Namespace>.Core`.

pub mod model;
pub mod naming;
pub mod readme;
pub mod render;

use sdkgen_core::{emit::File, ir::Api};

/// The hand-written runtime, copied verbatim but for its namespace line.
pub const RUNTIME: &[(&str, &str)] = &[
    (
        "ApiObject.cs",
        include_str!("../../../templates/csharp/runtime/ApiObject.cs"),
    ),
    (
        "ApiRequest.cs",
        include_str!("../../../templates/csharp/runtime/ApiRequest.cs"),
    ),
    (
        "ApiResponse.cs",
        include_str!("../../../templates/csharp/runtime/ApiResponse.cs"),
    ),
    (
        "ApiTransport.cs",
        include_str!("../../../templates/csharp/runtime/ApiTransport.cs"),
    ),
    (
        "Errors.cs",
        include_str!("../../../templates/csharp/runtime/Errors.cs"),
    ),
    (
        "Json.cs",
        include_str!("../../../templates/csharp/runtime/Json.cs"),
    ),
    (
        "Options.cs",
        include_str!("../../../templates/csharp/runtime/Options.cs"),
    ),
    (
        "Pagination.cs",
        include_str!("../../../templates/csharp/runtime/Pagination.cs"),
    ),
    (
        "Streaming.cs",
        include_str!("../../../templates/csharp/runtime/Streaming.cs"),
    ),
    (
        "Uploads.cs",
        include_str!("../../../templates/csharp/runtime/Uploads.cs"),
    ),
];

/// The namespace the runtime sources are written in.
const RUNTIME_NS: &str = "namespace SdkgenRuntime";

const GITIGNORE: &str = "bin/\nobj/\n";

/// Generates the package. Pure and deterministic.
pub fn generate(api: &Api, name: Option<&str>) -> Vec<File> {
    let runtime = model::runtime_names(RUNTIME);
    let pkg = model::build(api, name, &runtime);
    let mut files = vec![
        File::new(format!("{}.csproj", pkg.ns), render::csproj(&pkg)),
        File::new("README.md", readme::readme(&pkg)),
        File::new(".gitignore", GITIGNORE),
        File::new(format!("src/{}.cs", pkg.client), render::client_file(&pkg)),
    ];
    for (file, text) in RUNTIME {
        files.push(File::new(
            format!("src/Core/{file}"),
            text.replacen(RUNTIME_NS, &format!("namespace {}.Core", pkg.ns), 1),
        ));
    }
    for r in &pkg.resources {
        files.push(File::new(
            format!("src/Resources/{}.cs", r.file),
            render::resource_file(&pkg, r),
        ));
    }
    for m in &pkg.models {
        files.push(File::new(
            format!("src/Models/{}.cs", m.file),
            render::model_file(&pkg, m),
        ));
    }
    for f in &mut files {
        if !f.contents.ends_with('\n') {
            f.contents.push('\n');
        }
    }
    files
}
