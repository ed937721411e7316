//! The README of the generated package.

use crate::model::{Package, Returns};
use askama::Template;

#[derive(Template)]
#[template(path = "README.md")]
struct ReadmeMd<'a> {
    pkg: &'a Package,
    first_call: String,
    first_await: String,
    default_server: String,
    pager_call: String,
    stream_call: String,
    upload_call: Option<String>,
    with_options: String,
    auth_table: String,
    auth_code: Option<String>,
}

/// Making a client with the first scheme's options (and basic's, when another scheme).
fn auth_code(pkg: &Package) -> Option<String> {
    let c = &pkg.client;
    let with = |props: &[String]| -> String {
        props
            .iter()
            .map(|p| format!("{p} = \"...\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let schemes = &pkg.auth.model.schemes;
    let first = pkg.auth.names.first()?;
    let mut out = format!(
        "// Options not given come from their environment variables.\nvar client = new {c}(new ClientOptions {{ {} }});",
        with(first)
    );
    if let Some(i) = (1..schemes.len()).find(|&i| schemes[i].is_basic()) {
        out.push_str(&format!(
            "\nvar withPassword = new {c}(new ClientOptions {{ {} }});",
            with(&pkg.auth.names[i])
        ));
    }
    Some(out)
}

pub fn readme(pkg: &Package) -> String {
    let call = pkg.resources.iter().find_map(|r| {
        r.methods
            .iter()
            .find(|m| m.path_params.is_empty() && !m.params.as_ref().is_some_and(|p| p.1))
            .map(|m| (r, m))
    });
    let with_options = match call {
        Some((r, m)) => format!("await client.{}.{}(options: options);", r.prop, m.name),
        None => "// await client.<Resource>.<Method>Async(..., options: options);".to_string(),
    };
    let (first_call, first_await) = match call {
        Some((r, m)) => {
            let expr = format!("await client.{}.{}()", r.prop, m.name);
            let line = match &m.returns {
                Returns::Empty => format!("{expr};"),
                Returns::Page { .. } => format!(
                    "var page = {expr};\nforeach (var item in page.Items)\n{{\n    Console.WriteLine(item);\n}}"
                ),
                _ => format!("var result = {expr};\nConsole.WriteLine(result);"),
            };
            (line, format!("{expr};"))
        }
        None => (
            "// await client.<Resource>.<Method>Async(...);".to_string(),
            "// await client.<Resource>.<Method>Async(...);".to_string(),
        ),
    };
    let default_server = match pkg.environments.as_ref().and_then(|e| e.members.first()) {
        Some((_, url, _)) => format!("`{url}`"),
        None => "`http://localhost`".to_string(),
    };
    let args = |m: &crate::model::Method| {
        m.path_params
            .iter()
            .map(|p| p.local.trim_start_matches('@').to_string())
            .chain(
                m.params
                    .iter()
                    .filter(|p| p.1)
                    .map(|p| format!("new {}()", p.0)),
            )
            .collect::<Vec<_>>()
            .join(", ")
    };
    let find = |pred: &dyn Fn(&crate::model::Method) -> bool| {
        pkg.resources
            .iter()
            .find_map(|r| r.methods.iter().find(|m| pred(m)).map(|m| (r, m)))
    };
    let pager_call = match find(&|m| m.auto.is_some()) {
        Some((r, m)) => format!(
            "client.{}.{}({})",
            r.prop,
            m.auto.as_deref().unwrap_or_default(),
            args(m)
        ),
        None => "client.Resource.ListAutoPaging()".to_string(),
    };
    let stream_call = match find(&|m| matches!(m.returns, Returns::Stream(_))) {
        Some((r, m)) => format!("client.{}.{}({})", r.prop, m.name, args(m)),
        None => "client.Resource.StreamAsync(id)".to_string(),
    };
    let upload_call = pkg.resources.iter().find_map(|r| {
        r.methods.iter().find_map(|m| {
            let (class, _) = m.params.as_ref()?;
            let model = r.params.iter().find(|p| &p.name == class)?;
            let crate::model::ModelKind::Object(props) = &model.kind else {
                return None;
            };
            let file = props.iter().find(|p| p.ty == "UploadFile")?;
            let a = m
                .path_params
                .iter()
                .map(|p| p.local.trim_start_matches('@').to_string())
                .chain([format!(
                    "new {class} {{ {} = UploadFile.FromPath(\"clip.mp4\") }}",
                    file.name
                )])
                .collect::<Vec<_>>()
                .join(", ");
            Some(format!("client.{}.{}({a})", r.prop, m.name))
        })
    });
    ReadmeMd {
        pkg,
        auth_table: pkg.auth.model.readme_markdown(|o| auth_option_md(pkg, o)),
        auth_code: auth_code(pkg),
        with_options,
        upload_call,
        pager_call,
        stream_call,
        first_call,
        first_await,
        default_server,
    }
    .render()
    .expect("README.md renders")
}

/// A credential option as the README and the reference spell it (`` `ApiKey` ``).
pub fn auth_option_md(pkg: &Package, o: &sdkgen_core::auth::AuthOption) -> String {
    format!("`{}`", pkg.auth.name(o))
}
