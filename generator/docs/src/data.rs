//! The API as the page reads it: compact JSON (falsy keys left out).
//!
//! Type references: a primitive is its name (`"string"`, `"date-time"`...), `"any"`; a
//! named type is its index in `types`; `{"array": t}`, `{"map": t}`, `{"nullable": t}`,
//! `{"const": value}`.

use serde_json::{json, Map, Value};

use sdkgen_core::ir::{
    Api, BodyEncoding, CursorSource, Docs, Literal, ParamLocation, Primitive, ResponseKind,
    SecurityKind, TypeDef, TypeKind, TypeRef,
};
use sdkgen_core::sample::{literal_json, Samples};

pub fn build(api: &Api, samples: &Samples) -> Value {
    let mut root = Map::new();
    root.insert("title".into(), json!(api.title));
    root.insert("version".into(), json!(api.version));
    put_docs(&mut root, &api.docs);
    root.insert(
        "servers".into(),
        Value::Array(
            api.servers
                .iter()
                .map(|s| {
                    let mut m = Map::new();
                    m.insert("url".into(), json!(s.url));
                    opt(&mut m, "description", s.description.as_deref());
                    Value::Object(m)
                })
                .collect(),
        ),
    );
    root.insert(
        "schemes".into(),
        Value::Array(api.security_schemes.iter().map(scheme).collect()),
    );
    root.insert("security".into(), json!(api.security));
    root.insert(
        "samples".into(),
        Value::Array(
            samples
                .langs
                .iter()
                .map(|l| json!({"lang": l.lang, "label": l.label, "setup": l.setup}))
                .collect(),
        ),
    );
    let mut groups = Vec::new();
    let mut ops = Vec::new();
    for g in &api.groups {
        let mut gm = Map::new();
        gm.insert("name".into(), json!(g.name.wire));
        put_docs(&mut gm, &g.docs);
        let mut idx = Vec::new();
        for op in &g.operations {
            idx.push(json!(ops.len()));
            ops.push(operation(api, op, groups.len(), samples));
        }
        gm.insert("ops".into(), Value::Array(idx));
        groups.push(Value::Object(gm));
    }
    root.insert("groups".into(), Value::Array(groups));
    root.insert("ops".into(), Value::Array(ops));
    root.insert(
        "types".into(),
        Value::Array(api.types.iter().map(type_def).collect()),
    );
    root.insert(
        "webhooks".into(),
        Value::Array(
            api.webhooks
                .iter()
                .map(|w| {
                    let mut m = Map::new();
                    m.insert("name".into(), json!(w.name.wire));
                    put_docs(&mut m, &w.docs);
                    if let Some(t) = &w.ty {
                        m.insert("type".into(), ty(t));
                    }
                    Value::Object(m)
                })
                .collect(),
        ),
    );
    Value::Object(root)
}

fn opt(m: &mut Map<String, Value>, key: &str, v: Option<&str>) {
    if let Some(v) = v {
        if !v.trim().is_empty() {
            m.insert(key.into(), json!(v));
        }
    }
}

fn put_docs(m: &mut Map<String, Value>, d: &Docs) {
    opt(m, "summary", d.summary.as_deref());
    opt(m, "description", d.description.as_deref());
    if d.deprecated {
        m.insert("deprecated".into(), json!(true));
    }
    opt(m, "sunset", d.sunset.as_deref());
}

fn scheme(s: &sdkgen_core::ir::SecurityScheme) -> Value {
    let mut m = Map::new();
    m.insert("key".into(), json!(s.key));
    put_docs(&mut m, &s.docs);
    match &s.kind {
        SecurityKind::Bearer => {
            m.insert("type".into(), json!("bearer"));
        }
        SecurityKind::Basic => {
            m.insert("type".into(), json!("basic"));
        }
        SecurityKind::ApiKey { location, name } => {
            m.insert("type".into(), json!("apiKey"));
            m.insert("in".into(), json!(location.as_str()));
            m.insert("name".into(), json!(name));
        }
        SecurityKind::OAuth2 { flows } => {
            m.insert("type".into(), json!("oauth2"));
            m.insert(
                "flows".into(),
                Value::Array(
                    flows
                        .iter()
                        .map(|f| {
                            let mut fm = Map::new();
                            fm.insert("kind".into(), json!(f.kind));
                            opt(&mut fm, "authorizationUrl", f.authorization_url.as_deref());
                            opt(&mut fm, "tokenUrl", f.token_url.as_deref());
                            fm.insert("scopes".into(), json!(f.scopes));
                            Value::Object(fm)
                        })
                        .collect(),
                ),
            );
        }
        SecurityKind::OpenIdConnect { url } => {
            m.insert("type".into(), json!("openIdConnect"));
            m.insert("url".into(), json!(url));
        }
    }
    Value::Object(m)
}

fn prim_str(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "string",
        Primitive::DateTime => "date-time",
        Primitive::Date => "date",
        Primitive::Uuid => "uuid",
        Primitive::Base64 => "base64",
        Primitive::Binary => "binary",
        Primitive::Integer => "integer",
        Primitive::Int64 => "int64",
        Primitive::Number => "number",
        Primitive::Boolean => "boolean",
    }
}

pub fn ty(t: &TypeRef) -> Value {
    match t {
        TypeRef::Primitive { ty } => json!(prim_str(*ty)),
        TypeRef::Named { id } => json!(id.0),
        TypeRef::Array { items } => json!({ "array": ty(items) }),
        TypeRef::Map { values } => json!({ "map": ty(values) }),
        TypeRef::Nullable { inner } => json!({ "nullable": ty(inner) }),
        TypeRef::Literal { value } => json!({ "const": literal_json(value) }),
        TypeRef::Any => json!("any"),
    }
}

fn constraints(m: &mut Map<String, Value>, c: &sdkgen_core::ir::Constraints) {
    if !c.is_empty() {
        if let Ok(v) = serde_json::to_value(c) {
            m.insert("constraints".into(), v);
        }
    }
}

fn default(m: &mut Map<String, Value>, d: Option<&Literal>) {
    if let Some(d) = d {
        m.insert("default".into(), literal_json(d));
    }
}

fn operation(api: &Api, op: &sdkgen_core::ir::Operation, group: usize, samples: &Samples) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(op.id.wire));
    m.insert("group".into(), json!(group));
    m.insert("method".into(), json!(op.method.as_str()));
    m.insert("path".into(), json!(op.path));
    put_docs(&mut m, &op.docs);
    m.insert("pointer".into(), json!(op.pointer));
    let params: Vec<Value> = op
        .params
        .iter()
        .map(|p| {
            let mut pm = Map::new();
            pm.insert("name".into(), json!(p.name.wire));
            pm.insert("in".into(), json!(p.location.as_str()));
            if p.required {
                pm.insert("required".into(), json!(true));
            }
            pm.insert("type".into(), ty(&p.ty));
            put_docs(&mut pm, &p.docs);
            default(&mut pm, p.default.as_ref());
            if let Some(x) = &p.example {
                pm.insert("example".into(), x.clone());
            }
            opt(&mut pm, "format", p.format.as_deref());
            constraints(&mut pm, &p.constraints);
            if p.location == ParamLocation::Query && !p.explode {
                pm.insert("explode".into(), json!(false));
            }
            if p.style == sdkgen_core::ir::ParamStyle::DeepObject {
                pm.insert("deepObject".into(), json!(true));
            }
            Value::Object(pm)
        })
        .collect();
    if !params.is_empty() {
        m.insert("params".into(), Value::Array(params));
    }
    if let Some(b) = &op.body {
        let mut bm = Map::new();
        bm.insert("media".into(), json!(b.media_type));
        bm.insert(
            "encoding".into(),
            json!(match b.encoding {
                BodyEncoding::Json => "json",
                BodyEncoding::Multipart => "multipart",
                BodyEncoding::FormUrlEncoded => "form",
                BodyEncoding::Binary => "binary",
                BodyEncoding::Text => "text",
            }),
        );
        if b.required {
            bm.insert("required".into(), json!(true));
        }
        bm.insert("type".into(), ty(&b.ty));
        put_docs(&mut bm, &b.docs);
        if !b.examples.is_empty() {
            bm.insert("examples".into(), examples(&b.examples));
        }
        m.insert("body".into(), Value::Object(bm));
    }
    m.insert(
        "response".into(),
        match &op.response {
            ResponseKind::Empty => json!({"kind": "empty"}),
            ResponseKind::Json { ty: t } => json!({"kind": "json", "type": ty(t)}),
            ResponseKind::EventStream { ty: t } => {
                json!({"kind": "event-stream", "type": ty(t)})
            }
            ResponseKind::Text { media_type } => json!({"kind": "text", "media": media_type}),
            ResponseKind::Binary { media_type } => {
                json!({"kind": "binary", "media": media_type})
            }
        },
    );
    if !op.responses.is_empty() {
        m.insert(
            "responses".into(),
            Value::Array(
                op.responses
                    .iter()
                    .map(|r| {
                        let mut rm = Map::new();
                        rm.insert("status".into(), json!(r.status));
                        rm.insert("media".into(), json!(r.media_types));
                        if !r.examples.is_empty() {
                            rm.insert("examples".into(), examples(&r.examples));
                        }
                        Value::Object(rm)
                    })
                    .collect(),
            ),
        );
    }
    if !op.errors.is_empty() {
        m.insert(
            "errors".into(),
            Value::Array(
                op.errors
                    .iter()
                    .map(|e| {
                        let mut em = Map::new();
                        em.insert("status".into(), json!(e.status));
                        if let Some(t) = &e.ty {
                            em.insert("type".into(), ty(t));
                        }
                        put_docs(&mut em, &e.docs);
                        Value::Object(em)
                    })
                    .collect(),
            ),
        );
    }
    let security = op.security.as_ref().unwrap_or(&api.security);
    m.insert("security".into(), json!(security));
    if !op.scopes.is_empty() {
        m.insert("scopes".into(), json!(op.scopes));
    }
    if let Some(p) = &op.pagination {
        let mut pm = Map::new();
        pm.insert("cursorParam".into(), json!(p.cursor_param));
        pm.insert("itemsField".into(), json!(p.items_field));
        match &p.next_cursor {
            CursorSource::ResponseField(f) => pm.insert("nextCursorField".into(), json!(f)),
            CursorSource::LastItemField(f) => pm.insert("lastItemField".into(), json!(f)),
        };
        if let Some(h) = &p.has_more_field {
            pm.insert("hasMoreField".into(), json!(h));
        }
        m.insert("pagination".into(), Value::Object(pm));
    }
    let mut sm = Map::new();
    for l in &samples.langs {
        if let Some(s) = l.samples.iter().find(|s| s.operation == op.id.wire) {
            sm.insert(l.lang.clone(), json!(s.code));
        }
    }
    m.insert("samples".into(), Value::Object(sm));
    Value::Object(m)
}

/// The name a type is shown under: the spec's for declared types, else PascalCase words.
pub fn display_name(t: &TypeDef) -> String {
    if t.declared {
        t.name.wire.clone()
    } else {
        t.name
            .words
            .iter()
            .map(|w| {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            })
            .collect()
    }
}

/// The spec's examples of a body: `{media, name?, summary?, value}` each.
fn examples(list: &[sdkgen_core::ir::Example]) -> Value {
    Value::Array(
        list.iter()
            .map(|e| {
                let mut m = Map::new();
                m.insert("media".into(), json!(e.media_type));
                opt(&mut m, "name", e.name.as_deref());
                opt(&mut m, "summary", e.summary.as_deref());
                m.insert("value".into(), e.value.clone());
                Value::Object(m)
            })
            .collect(),
    )
}

fn type_def(t: &TypeDef) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(display_name(t)));
    if !t.declared {
        m.insert("inline".into(), json!(true));
    }
    put_docs(&mut m, &t.docs);
    m.insert("origin".into(), json!(t.origin));
    constraints(&mut m, &t.constraints);
    match &t.kind {
        TypeKind::Object(o) => {
            m.insert("kind".into(), json!("object"));
            m.insert(
                "fields".into(),
                Value::Array(
                    o.fields
                        .iter()
                        .map(|f| {
                            let mut fm = Map::new();
                            fm.insert("name".into(), json!(f.name.wire));
                            fm.insert("type".into(), ty(&f.ty));
                            if f.required {
                                fm.insert("required".into(), json!(true));
                            }
                            if f.read_only {
                                fm.insert("readOnly".into(), json!(true));
                            }
                            if f.write_only {
                                fm.insert("writeOnly".into(), json!(true));
                            }
                            put_docs(&mut fm, &f.docs);
                            default(&mut fm, f.default.as_ref());
                            if let Some(x) = &f.example {
                                fm.insert("example".into(), x.clone());
                            }
                            opt(&mut fm, "format", f.format.as_deref());
                            constraints(&mut fm, &f.constraints);
                            Value::Object(fm)
                        })
                        .collect(),
                ),
            );
            if let Some(a) = &o.additional {
                m.insert("additional".into(), ty(a));
            }
        }
        TypeKind::Enum(e) => {
            m.insert("kind".into(), json!("enum"));
            m.insert("base".into(), json!(prim_str(e.base)));
            m.insert(
                "values".into(),
                Value::Array(
                    e.values
                        .iter()
                        .map(|v| {
                            let mut vm = Map::new();
                            vm.insert("value".into(), literal_json(&v.value));
                            put_docs(&mut vm, &v.docs);
                            Value::Object(vm)
                        })
                        .collect(),
                ),
            );
        }
        TypeKind::Union(u) => {
            m.insert("kind".into(), json!("union"));
            if let Some(d) = &u.discriminator {
                m.insert("discriminator".into(), json!(d));
            }
            m.insert(
                "variants".into(),
                Value::Array(
                    u.variants
                        .iter()
                        .map(|v| {
                            if v.tags.is_empty() {
                                json!({"type": ty(&v.ty)})
                            } else {
                                json!({"type": ty(&v.ty), "tags": v.tags})
                            }
                        })
                        .collect(),
                ),
            );
        }
        TypeKind::Alias { target } => {
            m.insert("kind".into(), json!("alias"));
            m.insert("target".into(), ty(target));
        }
    }
    Value::Object(m)
}
