//! Swagger 2.0 -> OpenAPI 3.0 shape, on the raw tree, before lowering. Lowering then reads
//! one model (3.0 and 3.1 differences are handled where schemas are read).

use serde_json::{json, Map, Value};

/// True when the document declares `swagger: "2.0"`.
pub fn is_swagger2(root: &Value) -> bool {
    root.get("swagger").is_some()
}

/// Rewrites a Swagger 2.0 document in place into the OpenAPI 3.0 layout.
pub fn swagger2_to_openapi3(root: &mut Value) {
    let Some(obj) = root.as_object_mut() else {
        return;
    };
    let global_consumes = string_list(obj.get("consumes"));
    let global_produces = string_list(obj.get("produces"));
    let shared_params = obj.remove("parameters").unwrap_or(Value::Null);
    let shared_responses = obj.remove("responses").unwrap_or(Value::Null);

    // servers
    let host = obj.get("host").and_then(Value::as_str).map(str::to_string);
    let base = obj
        .get("basePath")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let schemes = string_list(obj.get("schemes"));
    let mut servers = Vec::new();
    if let Some(host) = host {
        let schemes = if schemes.is_empty() {
            vec!["https".to_string()]
        } else {
            schemes
        };
        for s in schemes {
            servers.push(json!({ "url": format!("{s}://{host}{base}") }));
        }
    } else if !base.is_empty() {
        servers.push(json!({ "url": base }));
    }
    obj.insert("servers".into(), Value::Array(servers));
    obj.remove("swagger");
    obj.insert("openapi".into(), Value::String("3.0.3".into()));

    // components
    let mut components = Map::new();
    if let Some(defs) = obj.remove("definitions") {
        components.insert("schemas".into(), defs);
    }
    if let Some(Value::Object(secs)) = obj.remove("securityDefinitions") {
        let mut out = Map::new();
        for (k, v) in secs {
            out.insert(k, upgrade_security_scheme(v));
        }
        components.insert("securitySchemes".into(), Value::Object(out));
    }
    if let Value::Object(resps) = &shared_responses {
        let mut out = Map::new();
        for (k, v) in resps {
            out.insert(k.clone(), upgrade_response(v.clone(), &global_produces));
        }
        components.insert("responses".into(), Value::Object(out));
    }
    obj.insert("components".into(), Value::Object(components));

    // operations
    if let Some(Value::Object(paths)) = obj.get_mut("paths") {
        for (_, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            let path_params = item.remove("parameters");
            for (method, op) in item.iter_mut() {
                if !is_method(method) {
                    continue;
                }
                let Some(op) = op.as_object_mut() else {
                    continue;
                };
                upgrade_operation(
                    op,
                    path_params.as_ref(),
                    &shared_params,
                    &shared_responses,
                    &global_consumes,
                    &global_produces,
                );
            }
        }
    }
    rewrite_refs(root);
}

pub fn is_method(m: &str) -> bool {
    matches!(
        m,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

fn string_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn upgrade_security_scheme(v: Value) -> Value {
    let Value::Object(mut m) = v else { return v };
    match m.get("type").and_then(Value::as_str) {
        Some("basic") => {
            m.insert("type".into(), json!("http"));
            m.insert("scheme".into(), json!("basic"));
        }
        Some("oauth2") => {
            let flow = m
                .remove("flow")
                .and_then(|f| f.as_str().map(str::to_string))
                .unwrap_or_default();
            let name = match flow.as_str() {
                "accessCode" => "authorizationCode",
                "application" => "clientCredentials",
                "implicit" => "implicit",
                "password" => "password",
                _ => "clientCredentials",
            };
            let mut f = Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(x) = m.remove(key) {
                    f.insert(key.into(), x);
                }
            }
            m.insert("flows".into(), json!({ name: Value::Object(f) }));
        }
        _ => {}
    }
    Value::Object(m)
}

fn upgrade_operation(
    op: &mut Map<String, Value>,
    path_params: Option<&Value>,
    shared_params: &Value,
    shared_responses: &Value,
    global_consumes: &[String],
    global_produces: &[String],
) {
    let consumes = op
        .remove("consumes")
        .map(|c| string_list(Some(&c)))
        .unwrap_or_else(|| global_consumes.to_vec());
    let produces = op
        .remove("produces")
        .map(|c| string_list(Some(&c)))
        .unwrap_or_else(|| global_produces.to_vec());

    // Effective parameters: path-level ones overridden by operation-level ones.
    let mut params: Vec<Value> = Vec::new();
    let resolve = |p: &Value| -> Value {
        if let Some(r) = p.get("$ref").and_then(Value::as_str) {
            if let Some(name) = r.strip_prefix("#/parameters/") {
                let name = crate::diag::unescape_token(name);
                if let Some(found) = shared_params.get(&name) {
                    return found.clone();
                }
            }
        }
        p.clone()
    };
    let op_params: Vec<Value> = op
        .remove("parameters")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(resolve)
        .collect();
    let key = |p: &Value| (p.get("name").cloned(), p.get("in").cloned());
    if let Some(pp) = path_params.and_then(Value::as_array) {
        for p in pp.iter().map(resolve) {
            if !op_params.iter().any(|o| key(o) == key(&p)) {
                params.push(p);
            }
        }
    }
    params.extend(op_params);

    let mut new_params = Vec::new();
    let mut form_props = Map::new();
    let mut form_required = Vec::new();
    let mut has_file = false;
    for p in params {
        let Value::Object(mut p) = p else { continue };
        match p.get("in").and_then(Value::as_str) {
            Some("body") => {
                let media = consumes
                    .iter()
                    .find(|c| c.contains("json"))
                    .cloned()
                    .or_else(|| consumes.first().cloned())
                    .unwrap_or_else(|| "application/json".into());
                let mut body = Map::new();
                if let Some(d) = p.remove("description") {
                    body.insert("description".into(), d);
                }
                if let Some(r) = p.remove("required") {
                    body.insert("required".into(), r);
                }
                let schema = p.remove("schema").unwrap_or(json!({}));
                body.insert("content".into(), json!({ media: { "schema": schema } }));
                op.insert("requestBody".into(), Value::Object(body));
            }
            Some("formData") => {
                let name = p
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("field")
                    .to_string();
                if p.get("required").and_then(Value::as_bool) == Some(true) {
                    form_required.push(Value::String(name.clone()));
                }
                if p.get("type").and_then(Value::as_str) == Some("file") {
                    has_file = true;
                }
                form_props.insert(name, param_schema(&mut p));
            }
            Some(_) => {
                let schema = param_schema(&mut p);
                if let Some(cf) = p.remove("collectionFormat") {
                    p.insert("explode".into(), Value::Bool(cf == "multi"));
                }
                p.insert("schema".into(), schema);
                new_params.push(Value::Object(p));
            }
            None => new_params.push(Value::Object(p)),
        }
    }
    if !form_props.is_empty() {
        let media = if has_file || consumes.iter().any(|c| c.starts_with("multipart/")) {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let mut schema = json!({ "type": "object", "properties": Value::Object(form_props) });
        if !form_required.is_empty() {
            schema["required"] = Value::Array(form_required);
        }
        op.insert(
            "requestBody".into(),
            json!({ "content": { media: { "schema": schema } } }),
        );
    }
    op.insert("parameters".into(), Value::Array(new_params));

    if let Some(Value::Object(resps)) = op.get_mut("responses") {
        for (_, r) in resps.iter_mut() {
            if let Some(name) = r
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|s| s.strip_prefix("#/responses/"))
            {
                let name = crate::diag::unescape_token(name);
                if let Some(found) = shared_responses.get(&name) {
                    *r = found.clone();
                }
            }
            *r = upgrade_response(r.clone(), &produces);
        }
    }
}

/// Moves 2.0 inline parameter typing (`type`, `format`, `items`, `enum`...) into a schema.
fn param_schema(p: &mut Map<String, Value>) -> Value {
    let mut schema = Map::new();
    for key in [
        "type",
        "format",
        "items",
        "enum",
        "default",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "multipleOf",
    ] {
        if let Some(v) = p.remove(key) {
            schema.insert(key.into(), v);
        }
    }
    if let Some(x) = p.remove("x-example") {
        p.insert("example".into(), x);
    }
    if let Some(d) = p.get("description") {
        schema.insert("description".into(), d.clone());
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".into(), json!("string"));
        schema.insert("format".into(), json!("binary"));
    }
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        if items.get("type").and_then(Value::as_str) == Some("file") {
            items.insert("type".into(), json!("string"));
            items.insert("format".into(), json!("binary"));
        }
    }
    Value::Object(schema)
}

fn upgrade_response(r: Value, produces: &[String]) -> Value {
    let Value::Object(mut r) = r else { return r };
    if r.contains_key("$ref") {
        return Value::Object(r);
    }
    if let Some(schema) = r.remove("schema") {
        let is_file = schema.get("type").and_then(Value::as_str) == Some("file");
        let media = if is_file {
            produces
                .iter()
                .find(|p| !p.contains("json"))
                .cloned()
                .unwrap_or_else(|| "application/octet-stream".into())
        } else {
            produces
                .iter()
                .find(|c| c.contains("json"))
                .cloned()
                .or_else(|| produces.first().cloned())
                .unwrap_or_else(|| "application/json".into())
        };
        let schema = if is_file {
            json!({"type": "string", "format": "binary"})
        } else {
            schema
        };
        r.insert("content".into(), json!({ media: { "schema": schema } }));
    }
    if let Some(Value::Object(headers)) = r.get_mut("headers") {
        for (_, h) in headers.iter_mut() {
            if let Value::Object(hm) = h {
                let schema = param_schema(hm);
                hm.insert("schema".into(), schema);
            }
        }
    }
    // 2.0 `examples` (media type -> value) become each media type's `example`.
    if let Some(Value::Object(examples)) = r.remove("examples") {
        if let Some(Value::Object(content)) = r.get_mut("content") {
            for (media, value) in examples {
                if let Some(Value::Object(m)) = content.get_mut(&media) {
                    m.insert("example".into(), value);
                }
            }
        }
    }
    Value::Object(r)
}

/// Points 2.0 `$ref`s at their 3.0 homes, and turns `x-nullable` into `nullable`.
fn rewrite_refs(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                if let Some(rest) = r.strip_prefix("#/definitions/") {
                    *r = format!("#/components/schemas/{rest}");
                } else if let Some(rest) = r.strip_prefix("#/responses/") {
                    *r = format!("#/components/responses/{rest}");
                }
            }
            if let Some(x) = m.remove("x-nullable") {
                m.insert("nullable".into(), x);
            }
            if m.get("type").and_then(Value::as_str) == Some("file") {
                m.insert("type".into(), json!("string"));
                m.insert("format".into(), json!("binary"));
            }
            for (_, c) in m.iter_mut() {
                rewrite_refs(c);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}
