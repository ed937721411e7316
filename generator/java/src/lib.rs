//! The Java emitter of sdkgen: IR -> a Maven project (Java 11, `java.net.http`, Jackson's tree
//! model), laid out exactly as google-java-format would by construction.
//!
//! Pipeline: `naming` (casing, keywords, literals, Javadoc, line layout) -> `model` (a view of
//! the API where a `NameAllocator` per scope settled every name) -> `render` (Java text;
//! askama templates for pom.xml and README.md). The runtime in templates/java/core is copied
//! as it is, with its package name set.

pub mod model;
pub mod naming;
pub mod phrase;
pub mod render;
pub mod sample;

use askama::Template;
use sdkgen_core::{emit::File, ir::Api};

/// The hand-written runtime, copied verbatim (package `sdkgen.runtime` renamed).
const CORE: &[(&str, &str)] = &[
    (
        "ApiConnectionException",
        include_str!("../../../templates/java/core/ApiConnectionException.java"),
    ),
    (
        "ApiException",
        include_str!("../../../templates/java/core/ApiException.java"),
    ),
    (
        "ApiTimeoutException",
        include_str!("../../../templates/java/core/ApiTimeoutException.java"),
    ),
    (
        "AuthenticationException",
        include_str!("../../../templates/java/core/AuthenticationException.java"),
    ),
    (
        "BadRequestException",
        include_str!("../../../templates/java/core/BadRequestException.java"),
    ),
    (
        "ClientErrorException",
        include_str!("../../../templates/java/core/ClientErrorException.java"),
    ),
    (
        "ClientOptions",
        include_str!("../../../templates/java/core/ClientOptions.java"),
    ),
    (
        "ConflictException",
        include_str!("../../../templates/java/core/ConflictException.java"),
    ),
    (
        "Credential",
        include_str!("../../../templates/java/core/Credential.java"),
    ),
    (
        "Decoder",
        include_str!("../../../templates/java/core/Decoder.java"),
    ),
    (
        "Decoders",
        include_str!("../../../templates/java/core/Decoders.java"),
    ),
    (
        "EventStream",
        include_str!("../../../templates/java/core/EventStream.java"),
    ),
    (
        "FileUpload",
        include_str!("../../../templates/java/core/FileUpload.java"),
    ),
    (
        "HttpCore",
        include_str!("../../../templates/java/core/HttpCore.java"),
    ),
    (
        "InternalServerException",
        include_str!("../../../templates/java/core/InternalServerException.java"),
    ),
    (
        "Json",
        include_str!("../../../templates/java/core/Json.java"),
    ),
    (
        "JsonModel",
        include_str!("../../../templates/java/core/JsonModel.java"),
    ),
    (
        "NotFoundException",
        include_str!("../../../templates/java/core/NotFoundException.java"),
    ),
    (
        "NotImplementedException",
        include_str!("../../../templates/java/core/NotImplementedException.java"),
    ),
    (
        "Nullable",
        include_str!("../../../templates/java/core/Nullable.java"),
    ),
    (
        "Page",
        include_str!("../../../templates/java/core/Page.java"),
    ),
    (
        "Pagination",
        include_str!("../../../templates/java/core/Pagination.java"),
    ),
    (
        "PermissionDeniedException",
        include_str!("../../../templates/java/core/PermissionDeniedException.java"),
    ),
    (
        "RateLimitException",
        include_str!("../../../templates/java/core/RateLimitException.java"),
    ),
    (
        "RequestOptions",
        include_str!("../../../templates/java/core/RequestOptions.java"),
    ),
    (
        "RequestSpec",
        include_str!("../../../templates/java/core/RequestSpec.java"),
    ),
    (
        "Response",
        include_str!("../../../templates/java/core/Response.java"),
    ),
    (
        "SdkException",
        include_str!("../../../templates/java/core/SdkException.java"),
    ),
    (
        "ServerSentEvent",
        include_str!("../../../templates/java/core/ServerSentEvent.java"),
    ),
    (
        "UnprocessableEntityException",
        include_str!("../../../templates/java/core/UnprocessableEntityException.java"),
    ),
    (
        "UnsupportedMediaTypeException",
        include_str!("../../../templates/java/core/UnsupportedMediaTypeException.java"),
    ),
];

#[derive(Template)]
#[template(path = "pom.xml", escape = "xml")]
struct Pom<'a> {
    group_id: &'a str,
    artifact_id: &'a str,
    version: &'a str,
    title: &'a str,
}

#[derive(Template)]
#[template(path = "README.md", escape = "none")]
struct Readme<'a> {
    pkg: &'a model::Package,
    group_id: &'a str,
    artifact_id: &'a str,
    version: &'a str,
    auth_table: String,
    auth_code: String,
    example: Option<Example>,
    page_example: Option<String>,
    stream_example: Option<String>,
    upload_example: Option<String>,
}

/// Code snippets for the README from the API's own operations.
fn snippets(pkg: &model::Package) -> (Option<String>, Option<String>, Option<String>) {
    use sdkgen_core::ir::{BodyEncoding, ResponseKind};
    let types = render::types_outside(pkg);
    let mut page = None;
    let mut stream = None;
    let mut upload = None;
    for r in &pkg.resources {
        for m in &r.methods {
            let args: Vec<String> = m
                .path_params
                .iter()
                .map(|_| "\"...\"".to_string())
                .collect();
            let call = format!("client.{}().{}", r.accessor, m.name);
            let simple = !matches!(m.params_class, Some((_, true))) && m.op.body.is_none();
            if page.is_none() && simple && m.op.pagination.is_some() {
                if let ResponseKind::Json { .. } = m.op.response {
                    let item = m.op.pagination.as_ref().map(|p| &p.item).unwrap();
                    let ty = types.jtype(item, &mut Default::default());
                    page = Some(format!(
                        "for ({ty} item : {call}({})) {{\n  System.out.println(item);\n}}",
                        args.join(", ")
                    ));
                }
            }
            if stream.is_none() && simple {
                if let ResponseKind::EventStream { ty } = &m.op.response {
                    let ty = types.jtype(ty, &mut Default::default());
                    stream = Some(format!(
                        "try (EventStream<{ty}> events = {call}({})) {{\n  for ({ty} event : events) {{\n    System.out.println(event);\n  }}\n}}",
                        args.join(", ")
                    ));
                }
            }
            if upload.is_none() && !matches!(m.params_class, Some((_, true))) {
                if let Some(b) = &m.op.body {
                    if b.encoding == BodyEncoding::Multipart {
                        if let Some((class, setter)) = render::file_field(pkg, &b.ty) {
                            let mut a = args.clone();
                            a.push(format!(
                                "{class}.builder().{setter}(FileUpload.of(Path.of(\"clip.mp4\"))).build()"
                            ));
                            upload = Some(format!("var result = {call}({});", a.join(", ")));
                        }
                    }
                }
            }
        }
    }
    (page, stream, upload)
}

/// The builder method of a credential option.
/// A credential option as the README and the reference spell it (`` `.apiKey(...)` ``).
pub(crate) fn auth_option_md(
    pkg: &model::Package,
    option: &sdkgen_core::auth::AuthOption,
) -> String {
    format!("`.{}(...)`", option_ident(pkg, option))
}

fn option_ident(pkg: &model::Package, option: &sdkgen_core::auth::AuthOption) -> String {
    pkg.auth
        .schemes
        .iter()
        .zip(&pkg.auth_names)
        .flat_map(|(s, n)| s.options.iter().zip(n))
        .find(|(o, _)| *o == option)
        .map(|(_, n)| n.ident.clone())
        .unwrap_or_default()
}

/// The README's client creation: with the first scheme's options, with basic authentication
/// when that is another scheme, and from the environment alone.
fn auth_code(pkg: &model::Package) -> String {
    let c = &pkg.client;
    let mut out = format!(
        "import {}.{c};\n\n// Options not given come from their environment variables; {} overrides the base URL.\n",
        pkg.package, pkg.env_base_url
    );
    let with = |names: &[model::OptionNames]| -> String {
        names
            .iter()
            .map(|n| format!(".{}(\"...\")", n.ident))
            .collect()
    };
    let schemes: Vec<_> = pkg.auth.schemes.iter().zip(&pkg.auth_names).collect();
    if let Some((_, n)) = schemes.first() {
        out.push_str(&format!("{c} client = {c}.builder(){}.build();\n", with(n)));
        if let Some((_, n)) = schemes.iter().skip(1).find(|(s, _)| s.is_basic()) {
            out.push_str(&format!(
                "{c} withPassword = {c}.builder(){}.build();\n",
                with(n)
            ));
        }
    }
    out.push_str(&format!("{c} fromEnv = {c}.fromEnv();"));
    out
}

struct Example {
    accessor: String,
    method: String,
}

/// Generates the package. Pure and deterministic.
pub fn generate(api: &Api, name: Option<&str>) -> Vec<File> {
    let pkg = model::build(api, name);
    let base = format!("src/main/java/{}", render::package_path(&pkg));
    let example = pkg.resources.iter().find_map(|r| {
        r.methods
            .iter()
            .find(|m| {
                m.path_params.is_empty()
                    && m.op.body.is_none()
                    && !matches!(m.params_class, Some((_, true)))
            })
            .map(|m| Example {
                accessor: r.accessor.clone(),
                method: m.name.clone(),
            })
    });
    let pom = Pom {
        group_id: &pkg.group_id,
        artifact_id: &pkg.artifact_id,
        version: &pkg.version,
        title: &pkg.api.title,
    }
    .render()
    .unwrap_or_default();
    let (page_example, stream_example, upload_example) = snippets(&pkg);
    let readme = Readme {
        pkg: &pkg,
        group_id: &pkg.group_id,
        artifact_id: &pkg.artifact_id,
        version: &pkg.version,
        auth_table: pkg.auth.readme_markdown(|o| auth_option_md(&pkg, o)),
        auth_code: auth_code(&pkg),
        example,
        page_example,
        stream_example,
        upload_example,
    }
    .render()
    .unwrap_or_default();
    let mut files = vec![
        File::new("pom.xml", pom),
        File::new("README.md", readme),
        File::new(
            "REFERENCE.md",
            sdkgen_core::reference::render(api, &phrase::of_package(api, &pkg)),
        ),
        File::new(".gitignore", "target/\n"),
        File::new(format!("{base}/{}.java", pkg.client), render::client(&pkg)),
    ];
    if !pkg.environments.is_empty() {
        files.push(File::new(
            format!("{base}/Environment.java"),
            render::environment(&pkg),
        ));
    }
    let core_pkg = format!("package {}.core;", pkg.package);
    for (name, text) in CORE {
        files.push(File::new(
            format!("{base}/core/{name}.java"),
            text.replacen("package sdkgen.runtime;", &core_pkg, 1),
        ));
    }
    for m in &pkg.models {
        files.push(File::new(
            format!("{base}/models/{}.java", m.name),
            render::model(&pkg, m),
        ));
    }
    for r in &pkg.resources {
        files.push(File::new(
            format!("{base}/resources/{}.java", r.class),
            render::resource(&pkg, r),
        ));
    }
    for f in &mut files {
        if !f.contents.ends_with('\n') {
            f.contents.push('\n');
        }
    }
    files
}
