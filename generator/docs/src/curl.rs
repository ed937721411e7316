//! curl samples: the raw HTTP request of each operation, required parameters and body
//! fields filled with plausible values, credentials from the SDKs' environment variable.

use serde_json::Value;

use sdkgen_core::ir::{
    Api, BodyEncoding, Operation, ParamLocation, Primitive, SecurityKind, TypeKind, TypeRef,
};
use sdkgen_core::naming::{api_key_env_var, env_var};
use sdkgen_core::sample::{body_example, field_example, param_example, LangSamples, Sample};

/// Stands for the key's variable in the URL until the URL is quoted.
const KEY_MARK: &str = "\u{1}KEY\u{1}";

pub fn samples(api: &Api) -> LangSamples {
    let key = api_key_env_var(api);
    LangSamples {
        lang: "curl".into(),
        label: "curl".into(),
        setup: format!("export {key}=\"<your API key>\""),
        samples: api
            .operations()
            .map(|op| Sample {
                operation: op.id.wire.clone(),
                code: sample(api, op),
            })
            .collect(),
    }
}

/// Text inside a double-quoted shell word.
fn dq(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if matches!(c, '"' | '\\' | '`' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A single-quoted shell word.
fn sq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(","),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn sample(api: &Api, op: &Operation) -> String {
    let base = api
        .servers
        .first()
        .map(|s| s.url.trim_end_matches('/').to_string())
        .unwrap_or_else(|| "http://localhost".into());
    let mut path = op.path.clone();
    let mut query: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for p in &op.params {
        if !p.required || p.location == ParamLocation::Path && !path.contains('{') {
            continue;
        }
        let text = scalar(&param_example(api, p));
        match p.location {
            ParamLocation::Path => {
                path = path.replace(&format!("{{{}}}", p.name.wire), &encode(&text));
            }
            ParamLocation::Query => {
                query.push(format!("{}={}", encode(&p.name.wire), encode(&text)));
            }
            ParamLocation::Header => {
                lines.push(format!("-H \"{}: {}\"", dq(&p.name.wire), dq(&text)));
            }
            ParamLocation::Cookie => {
                lines.push(format!("-b \"{}={}\"", dq(&p.name.wire), dq(&text)));
            }
        }
    }
    // Credentials: the first scheme of the first alternative that names one.
    let security = op.security.as_ref().unwrap_or(&api.security);
    let scheme = security
        .iter()
        .flat_map(|alt| alt.first())
        .find_map(|k| api.security_schemes.iter().find(|s| &s.key == k));
    let key = format!("${}", api_key_env_var(api));
    match scheme.map(|s| &s.kind) {
        None => {}
        Some(SecurityKind::Basic) => lines.insert(
            0,
            format!(
                "-u \"${}:${}\"",
                env_var(api, "USERNAME"),
                env_var(api, "PASSWORD")
            ),
        ),
        Some(SecurityKind::ApiKey { location, name }) => match location {
            ParamLocation::Query => query.insert(0, format!("{}={KEY_MARK}", encode(name))),
            ParamLocation::Cookie => lines.insert(0, format!("-b \"{}={key}\"", dq(name))),
            _ => lines.insert(0, format!("-H \"{}: {key}\"", dq(name))),
        },
        Some(_) => lines.insert(0, format!("-H \"Authorization: Bearer {key}\"")),
    }
    if let Some(b) = &op.body {
        match b.encoding {
            BodyEncoding::Json => {
                let v = body_example(api, b, false);
                lines.push("-H \"Content-Type: application/json\"".into());
                let text = serde_json::to_string_pretty(&v).unwrap_or_default();
                lines.push(format!("-d {}", sq(&text)));
            }
            BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded => {
                let multipart = b.encoding == BodyEncoding::Multipart;
                for f in object_fields(api, &b.ty) {
                    if !f.required || f.read_only {
                        continue;
                    }
                    let flag = if multipart { "-F" } else { "--data-urlencode" };
                    if matches!(
                        f.ty.non_null(),
                        TypeRef::Primitive {
                            ty: Primitive::Binary
                        }
                    ) {
                        lines.push(format!("-F \"{}=@file.bin\"", dq(&f.name.wire)));
                        continue;
                    }
                    let v = field_example(api, f);
                    let text = match &v {
                        Value::Object(_) => v.to_string(),
                        other => scalar(other),
                    };
                    lines.push(format!("{flag} {}", sq(&format!("{}={text}", f.name.wire))));
                }
            }
            BodyEncoding::Binary => {
                lines.push(format!("-H \"Content-Type: {}\"", dq(&b.media_type)));
                lines.push("--data-binary @file.bin".into());
            }
            BodyEncoding::Text => {
                lines.push(format!("-H \"Content-Type: {}\"", dq(&b.media_type)));
                lines.push("--data-binary 'text'".into());
            }
        }
    }
    let mut url = format!("{base}{path}");
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    let method = op.method.as_str();
    let head = if method == "GET" {
        format!("curl \"{}\"", dq(&url))
    } else {
        format!("curl -X {method} \"{}\"", dq(&url))
    }
    .replace(KEY_MARK, &key);
    let mut out = head;
    for l in lines {
        out.push_str(" \\\n  ");
        out.push_str(&l);
    }
    out
}

fn object_fields<'a>(api: &'a Api, t: &TypeRef) -> &'a [sdkgen_core::ir::Field] {
    let mut cur = t.clone();
    for _ in 0..16 {
        match cur {
            TypeRef::Named { id } => match api.types.get(id.0).map(|d| &d.kind) {
                Some(TypeKind::Object(o)) => return &o.fields,
                Some(TypeKind::Alias { target }) => cur = target.clone(),
                _ => return &[],
            },
            _ => return &[],
        }
    }
    &[]
}
