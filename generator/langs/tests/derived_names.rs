//! The names each SDK derives from an API's title (Python distribution and import package,
//! npm package, Go module, Java group and package, C# namespace) are short (at most three
//! words besides a prefix that makes a leading digit valid) and valid in their ecosystem, for
//! the titles of the corpus specs (../shared/specs), the fixtures, and real titles of the
//! APIs.guru directory that are long, possessive, numbered or not ASCII.

use std::path::{Path, PathBuf};

const HARD_TITLES: &[&str] = &[
    "GitHub's official OpenAPI spec + Octokit extension",
    "GitHub v3 REST API",
    "Microsoft Azure Network Management Client – Virtual WAN",
    "Amazon WorkMail",
    "AWS Lambda (2015-03-31)",
    "1Password Connect",
    "3D Edge Cases",
    "Türkiye Kamu Hizmetleri",
    "Île-de-France Mobilités",
    "Swagger Petstore - OpenAPI 3.0",
    "The Official (unofficial) Example — REST API v2",
    "httpbin.org",
    "class",
    "API",
    "",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn titles() -> Vec<String> {
    let mut out: Vec<String> = HARD_TITLES.iter().map(|s| s.to_string()).collect();
    for dir in [root().join("spec/fixtures"), root().join("../shared/specs")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut specs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        specs.sort();
        for spec in specs {
            if !matches!(
                spec.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            ) {
                continue;
            }
            if let Ok(loaded) = sdkgen_core::load_path(&spec) {
                out.push(loaded.api.title);
            }
        }
    }
    out
}

fn spec_for(title: &str) -> sdkgen_core::ir::Api {
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let text =
        format!("openapi: 3.0.3\ninfo: {{title: \"{quoted}\", version: \"1\"}}\npaths: {{}}\n");
    sdkgen_core::load_str("title.yaml", &text)
        .unwrap_or_else(|f| panic!("{title:?}: {:?}", f.diagnostics))
        .api
}

fn file<'a>(files: &'a [sdkgen_core::emit::File], path: &str) -> &'a str {
    files
        .iter()
        .find(|f| f.path == Path::new(path))
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

/// The value after `key` on the first line that starts with it, unquoted.
fn value_of(text: &str, key: &str, end: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("no {key} in:\n{text}"));
    let rest = &line[key.len()..];
    rest.split(end)
        .next()
        .unwrap_or(rest)
        .trim_matches(|c| c == '"' || c == ' ' || c == ',')
        .to_string()
}

/// Words of a name, without the prefix that makes a leading digit valid.
fn words(name: &str) -> Vec<String> {
    let mut w = sdkgen_core::words::split_words(name);
    if w.len() > 1 && matches!(w[0].as_str(), "n" | "v" | "api") {
        w.remove(0);
    }
    w
}

fn short(what: &str, title: &str, name: &str) {
    let w = words(name);
    assert!(
        !w.iter()
            .any(|w| w == "minus" || w == "plus" || w == "value"),
        "{title:?}: the {what} `{name}` spells out punctuation"
    );
    assert!(
        w.len() <= 3,
        "{title:?}: the {what} `{name}` has {} words",
        w.len()
    );
}

fn identifier(s: &str, lower: bool) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic() && (!lower || c.is_ascii_lowercase()))
        && chars.all(|c| {
            c == '_'
                || c.is_ascii_digit()
                || c.is_ascii_alphabetic() && (!lower || c.is_ascii_lowercase())
        })
}

fn check(title: &str) {
    let api = spec_for(title);
    let gen = |lang: &str| sdkgen_langs::generate(lang, &api, None).expect(lang);

    // Python: a PEP 508 distribution name, and an import package that is an identifier.
    let py = gen("python");
    let dist = value_of(file(&py, "pyproject.toml"), "name =", "\n");
    let dist_ok = !dist.is_empty()
        && dist
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        && dist.starts_with(|c: char| c.is_ascii_alphanumeric())
        && dist.ends_with(|c: char| c.is_ascii_alphanumeric());
    assert!(dist_ok, "{title:?}: Python distribution `{dist}`");
    short("Python distribution", title, &dist);
    let pkg = py
        .iter()
        .find_map(|f| {
            let mut parts = f.path.components();
            (parts.next()?.as_os_str() == "src")
                .then(|| parts.next())
                .flatten()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
        })
        .expect("a package under src/");
    assert!(
        identifier(&pkg, true) && !sdkgen_python::naming::KEYWORDS.contains(&pkg.as_str()),
        "{title:?}: Python package `{pkg}`"
    );
    short("Python package", title, &pkg);

    // npm: lower case, URL-safe, at most 214 characters, not starting with `.` or `_`.
    let ts = gen("typescript");
    let npm = value_of(file(&ts, "package.json"), "\"name\":", "\n");
    assert!(
        !npm.is_empty()
            && npm.len() <= 214
            && !npm.starts_with(['.', '_'])
            && npm
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~@/".contains(c)),
        "{title:?}: npm package `{npm}`"
    );
    short("npm package", title, &npm);

    // Go: a module path whose last element is lower case letters, digits and `-._~`; the
    // package clause an identifier.
    let go = gen("go");
    let module = value_of(file(&go, "go.mod"), "module ", "\n");
    let last = module.rsplit('/').next().unwrap_or(&module);
    assert!(
        !last.is_empty()
            && last
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c)),
        "{title:?}: Go module `{module}`"
    );
    short("Go module", title, last.trim_end_matches("-go"));
    let package = value_of(file(&go, "client.go"), "package ", "\n");
    assert!(
        identifier(&package, true),
        "{title:?}: Go package `{package}`"
    );
    short("Go package", title, &package);

    // Java: every element of the package an identifier that is not a keyword.
    let java = gen("java");
    let group = value_of(file(&java, "pom.xml"), "<groupId>", "<");
    for part in group.split('.') {
        assert!(
            identifier(part, true) && !sdkgen_java::naming::KEYWORDS.contains(&part),
            "{title:?}: Java package `{group}`"
        );
    }
    short(
        "Java package",
        title,
        group.rsplit('.').next().unwrap_or(&group),
    );

    // C#: a dotted PascalCase namespace of identifiers.
    let cs = gen("csharp");
    let client = cs
        .iter()
        .find(|f| {
            f.path.to_string_lossy().ends_with("Client.cs")
                && f.path.parent() == Some(Path::new("src"))
        })
        .expect("the C# client");
    let ns = value_of(&client.contents, "namespace ", "\n")
        .trim_end_matches(';')
        .to_string();
    for part in ns.split('.') {
        assert!(
            identifier(part, false) && part.starts_with(|c: char| c.is_ascii_uppercase()),
            "{title:?}: C# namespace `{ns}`"
        );
    }
    short("C# namespace", title, &ns);
}

#[test]
fn derived_package_names_are_short_and_valid() {
    let titles = titles();
    assert!(titles.len() >= HARD_TITLES.len());
    for t in &titles {
        check(t);
    }
    println!("{} titles checked", titles.len());
}
