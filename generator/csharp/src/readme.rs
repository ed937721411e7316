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
}

pub fn readme(pkg: &Package) -> String {
    let call = pkg.resources.iter().find_map(|r| {
        r.methods
            .iter()
            .find(|m| m.path_params.is_empty() && !m.params.as_ref().is_some_and(|p| p.1))
            .map(|m| (r, m))
    });
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
    ReadmeMd {
        pkg,
        first_call,
        first_await,
        default_server,
    }
    .render()
    .expect("README.md renders")
}
