//! Spec tree -> IR. Reads OpenAPI 3.0/3.1 (Swagger 2.0 is upgraded first) tolerantly: a
//! construct it cannot express degrades to a looser type with a warning at its pointer.

mod group;
mod ops;
pub(crate) mod schema;
mod views;

use crate::diag::Diagnostics;
use crate::ir::*;
use crate::load::{Loc, Store};
use serde_json::Value;
use std::collections::{HashMap, HashSet, VecDeque};

/// Borrows the node at a location through a shared document handle kept in `$doc`, so the
/// node can be read while `self` is borrowed mutably (no deep clones of subtrees).
macro_rules! node {
    ($self:ident, $doc:ident, $loc:expr) => {{
        $doc = $self.store.rc($loc.doc);
        crate::load::pointer_get(&$doc.root, &$loc.pointer)
    }};
}
pub(crate) use node;

pub(crate) struct Lowerer {
    pub store: Store,
    pub diags: Diagnostics,
    pub types: Vec<TypeDef>,
    pub by_loc: HashMap<Loc, TypeId>,
    pub nullable_ids: HashSet<TypeId>,
    /// Named types reserved but not yet lowered.
    pub pending: VecDeque<(Loc, TypeId)>,
    /// Name inline schemas after their `title` (off: titles are often prose).
    pub use_titles: bool,
    /// Inline schemas already lowered (or being lowered), by location: a schema reached again
    /// (through `allOf` merging, which copies the properties of the parts it refers to) is the
    /// same type, so each location is lowered once and mutually recursive shapes cannot
    /// expand into an exponential tree.
    pub inline: HashMap<Loc, TypeRef>,
    /// Steps of schema work done so far, and the most allowed (see [`work_budget`]).
    pub work: u64,
    pub budget: u64,
}

/// Schema work allowed for documents of `nodes` JSON nodes in all: generous for any shape
/// that lowers in linear time, so hitting it means a blow-up that the memo did not catch.
pub(crate) fn work_budget(nodes: u64) -> u64 {
    100_000 + 64 * nodes
}

/// How many JSON nodes a tree holds.
fn count_nodes(v: &Value) -> u64 {
    let mut n = 0u64;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        match v {
            Value::Array(a) => stack.extend(a.iter()),
            Value::Object(o) => stack.extend(o.values()),
            _ => {}
        }
    }
    n
}

impl Lowerer {
    /// Counts one step of schema work at `loc`; false once the budget is spent (reported
    /// once, as an error: the IR would be incomplete).
    pub fn spend(&mut self, loc: &Loc) -> bool {
        self.work += 1;
        if self.work <= self.budget {
            return true;
        }
        if self.work == self.budget + 1 {
            self.error(
                loc,
                format!(
                    "the schemas expand beyond the work budget ({} steps for this spec's size); \
                     lowering stopped here",
                    self.budget
                ),
            );
        }
        false
    }

    pub fn warn(&mut self, loc: &Loc, msg: impl Into<String>) {
        let file = self.store.doc(loc.doc).name.clone();
        self.diags.warn(&file, &loc.pointer, msg);
    }

    pub fn error(&mut self, loc: &Loc, msg: impl Into<String>) {
        let file = self.store.doc(loc.doc).name.clone();
        self.diags.error(&file, &loc.pointer, msg);
    }

    /// `info.x-sdk-dist-name`: a registry name valid on both PyPI and npm (lowercase ASCII
    /// letters and digits, `-` `_` `.` between them, at most 100 characters); anything else is
    /// reported and ignored.
    fn dist_name(&mut self, at: &Loc, info: &Value) -> Option<String> {
        let v = info.get("x-sdk-dist-name")?;
        let ok = v.as_str().filter(|s| {
            let b = s.as_bytes();
            !b.is_empty()
                && b.len() <= 100
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"-_.".contains(c))
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
        });
        if ok.is_none() {
            self.warn(
                at,
                "`x-sdk-dist-name` must be lowercase letters and digits with `-`, `_` or `.` between them; ignored",
            );
        }
        ok.map(str::to_string)
    }

    /// Resolves a `$ref` found at `at`, reporting failures (and cycles of pure references).
    pub fn follow_ref(&mut self, at: &Loc, reference: &str) -> Option<Loc> {
        match self.store.resolve_ref(at.doc, reference) {
            Ok(loc) if loc == *at => {
                self.warn(
                    at,
                    format!("`{reference}` refers to itself; degraded to any value"),
                );
                None
            }
            Ok(loc) => Some(loc),
            Err(msg) => {
                self.warn(at, format!("{msg}; degraded to any value"));
                None
            }
        }
    }

    /// Follows a chain of `$ref`s of a non-schema object (parameter, response, body).
    pub fn resolve_object(&mut self, loc: &Loc) -> Option<(Loc, Value)> {
        let mut cur = loc.clone();
        for _ in 0..32 {
            let v = self.store.get(&cur)?.clone();
            match v.get("$ref").and_then(Value::as_str) {
                Some(r) => cur = self.follow_ref(&cur, r)?,
                None => return Some((cur, v)),
            }
        }
        self.warn(loc, "reference chain too long or cyclic");
        None
    }
}

/// Lowers the document at index `root` of `store` into the IR, with at most `budget` steps of
/// schema work (`None`: [`work_budget`] of the documents' size).
pub fn lower(store: Store, root: usize, budget: Option<u64>) -> (Api, Diagnostics) {
    let nodes = store.docs.iter().map(|d| count_nodes(&d.root)).sum();
    let mut l = Lowerer {
        store,
        diags: Diagnostics::default(),
        types: Vec::new(),
        by_loc: HashMap::new(),
        nullable_ids: HashSet::new(),
        pending: VecDeque::new(),
        use_titles: false,
        inline: HashMap::new(),
        work: 0,
        budget: budget.unwrap_or_else(|| work_budget(nodes)),
    };
    let rloc = Loc {
        doc: root,
        pointer: String::new(),
    };
    let doc = l.store.get(&rloc).cloned().unwrap_or(Value::Null);

    let version = doc.get("openapi").and_then(Value::as_str).unwrap_or("");
    if !(version.starts_with("3.0") || version.starts_with("3.1") || version.starts_with("3.2")) {
        l.error(
            &rloc.child("openapi"),
            format!("unsupported OpenAPI version `{version}` (3.0, 3.1 and Swagger 2.0 are read)"),
        );
    }
    let info = doc.get("info").cloned().unwrap_or(Value::Null);
    if info.is_null() {
        l.warn(&rloc.child("info"), "missing `info`");
    }
    let title = info
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("API")
        .to_string();
    let api_version = match info.get("version") {
        Some(Value::String(s)) => s.clone(),
        Some(other) if !other.is_null() => other.to_string(),
        _ => "0.0.0".to_string(),
    };
    let docs = Docs {
        summary: info
            .get("summary")
            .and_then(Value::as_str)
            .map(str::to_string),
        description: info
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        deprecated: false,
        sunset: None,
    };
    let dist_name = l.dist_name(&rloc.child("info").child("x-sdk-dist-name"), &info);
    let servers = servers(&doc);
    let security_schemes = l.security_schemes(&rloc);
    let security = security_requirements(doc.get("security")).unwrap_or_default();

    // Declared component schemas first, so their names and ids come before synthesized ones.
    if let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        let keys: Vec<String> = schemas.keys().cloned().collect();
        for k in keys {
            let loc = rloc.child("components").child("schemas").child(&k);
            l.named_at(&loc, 0);
        }
    }
    l.drain();
    let operations = l.operations(&rloc, &doc);
    let groups = l.group(operations, &doc);
    let webhooks = l.webhooks(&rloc, &doc);
    l.drain();

    let Lowerer {
        types,
        diags,
        store,
        ..
    } = l;
    let mut diags = diags;
    for d in &mut diags.items {
        if let Some(doc) = store.docs.iter().find(|x| x.name == d.file) {
            d.line = doc.line_of(&d.pointer);
        }
    }
    let mut api = Api {
        title,
        version: api_version,
        docs,
        servers,
        security_schemes,
        security,
        groups,
        types,
        webhooks,
        dist_name,
    };
    views::split(&mut api);
    (api, diags)
}

fn servers(doc: &Value) -> Vec<Server> {
    let mut out: Vec<Server> = Vec::new();
    for s in doc
        .get("servers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        // An empty URL (the spec's own location) names no server a client can reach.
        let Some(url) = s
            .get("url")
            .and_then(Value::as_str)
            .filter(|u| !u.trim().is_empty())
        else {
            continue;
        };
        // Substitute variables with their defaults.
        let mut url = url.to_string();
        if let Some(vars) = s.get("variables").and_then(Value::as_object) {
            for (k, v) in vars {
                let d = v
                    .get("default")
                    .map(|d| {
                        d.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| d.to_string())
                    })
                    .unwrap_or_default();
                url = url.replace(&format!("{{{k}}}"), &d);
            }
        }
        let description = s
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string);
        let name = s
            .get("x-name")
            .and_then(Value::as_str)
            .map(Name::new)
            .unwrap_or_else(|| server_name(&url, description.as_deref(), out.len(), &out));
        out.push(Server {
            url,
            description,
            name,
        });
    }
    out
}

fn server_name(url: &str, description: Option<&str>, index: usize, taken: &[Server]) -> Name {
    let free = |n: &Name| !taken.iter().any(|s| s.name.words == n.words);
    let hay = format!("{} {}", url, description.unwrap_or("")).to_ascii_lowercase();
    for (key, name) in [
        ("sandbox", "sandbox"),
        ("staging", "staging"),
        ("test", "test"),
        ("development", "dev"),
        ("local", "local"),
        ("mock", "mock"),
        ("preview", "preview"),
        ("beta", "beta"),
        ("demo", "demo"),
    ] {
        if hay.contains(key) && free(&Name::new(name)) {
            return Name::new(name);
        }
    }
    if index == 0 {
        return Name::new("production");
    }
    // A label of the host that the other servers lack (`api.eu.example.com` -> `eu`).
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', ':', '?'])
        .next()
        .unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() > 2 {
        for l in &labels[..labels.len() - 2] {
            let lw = l.to_ascii_lowercase();
            if matches!(lw.as_str(), "api" | "www" | "app" | "rest")
                || taken
                    .iter()
                    .any(|s| s.url.to_ascii_lowercase().contains(&format!("{lw}.")))
                || lw.len() < 2
                || !lw.starts_with(|c: char| c.is_ascii_alphabetic())
            {
                continue;
            }
            let n = Name::new(lw);
            if free(&n) {
                return n;
            }
        }
    }
    // A short description (`EU region`, `Mock server`) without filler words.
    if let Some(d) = description {
        let words: Vec<String> = crate::words::split_words(d)
            .into_iter()
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "server" | "servers" | "environment" | "api" | "url" | "the" | "base" | "host"
                )
            })
            .collect();
        if !words.is_empty() && words.len() <= 2 {
            let n = Name::from_words(words);
            if free(&n) {
                return n;
            }
        }
    }
    Name::from_words(vec!["environment".into(), (index + 1).to_string()])
}

/// The scopes named per scheme across all alternatives of a security requirement list.
pub(crate) fn security_scopes(
    v: Option<&Value>,
) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for req in v
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        for (scheme, scopes) in req {
            let list = out.entry(scheme.clone()).or_default();
            for s in scopes
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !list.iter().any(|x| x == s) {
                    list.push(s.to_string());
                }
            }
        }
    }
    out.retain(|_, v| !v.is_empty());
    for v in out.values_mut() {
        v.sort();
    }
    out
}

pub(crate) fn security_requirements(v: Option<&Value>) -> Option<Vec<Vec<String>>> {
    let arr = v?.as_array()?;
    Some(
        arr.iter()
            .filter_map(Value::as_object)
            .map(|m| m.keys().cloned().collect::<Vec<_>>())
            .collect(),
    )
}

impl Lowerer {
    fn security_schemes(&mut self, root: &Loc) -> Vec<SecurityScheme> {
        let mut out = Vec::new();
        let Some(schemes) = self
            .store
            .get(&root.child("components").child("securitySchemes"))
            .and_then(Value::as_object)
            .cloned()
        else {
            return out;
        };
        for (key, _) in schemes {
            let loc = root
                .child("components")
                .child("securitySchemes")
                .child(&key);
            let Some((_, v)) = self.resolve_object(&loc) else {
                continue;
            };
            let ty = v.get("type").and_then(Value::as_str).unwrap_or("");
            let kind = match ty {
                "http" => match v
                    .get("scheme")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("basic") => SecurityKind::Basic,
                    _ => SecurityKind::Bearer,
                },
                "apiKey" => {
                    let location = match v.get("in").and_then(Value::as_str) {
                        Some("query") => ParamLocation::Query,
                        Some("cookie") => ParamLocation::Cookie,
                        _ => ParamLocation::Header,
                    };
                    let name = v
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or("Authorization")
                        .to_string();
                    SecurityKind::ApiKey { location, name }
                }
                "oauth2" => {
                    let flows = v
                        .get("flows")
                        .and_then(Value::as_object)
                        .map(|f| {
                            f.iter()
                                .map(|(k, fl)| OAuthFlow {
                                    kind: k.clone(),
                                    authorization_url: fl
                                        .get("authorizationUrl")
                                        .and_then(Value::as_str)
                                        .map(str::to_string),
                                    token_url: fl
                                        .get("tokenUrl")
                                        .and_then(Value::as_str)
                                        .map(str::to_string),
                                    scopes: fl
                                        .get("scopes")
                                        .and_then(Value::as_object)
                                        .map(|s| {
                                            s.iter()
                                                .map(|(a, b)| {
                                                    (
                                                        a.clone(),
                                                        b.as_str().unwrap_or("").to_string(),
                                                    )
                                                })
                                                .collect()
                                        })
                                        .unwrap_or_default(),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    SecurityKind::OAuth2 { flows }
                }
                "openIdConnect" => SecurityKind::OpenIdConnect {
                    url: v
                        .get("openIdConnectUrl")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                },
                other => {
                    self.warn(
                        &loc,
                        format!("security scheme type `{other}` is not supported; it is ignored"),
                    );
                    continue;
                }
            };
            out.push(SecurityScheme {
                key,
                docs: schema::docs_of(&v),
                kind,
            });
        }
        out
    }

    fn webhooks(&mut self, root: &Loc, doc: &Value) -> Vec<Webhook> {
        let mut out = Vec::new();
        let Some(hooks) = doc.get("webhooks").and_then(Value::as_object) else {
            return out;
        };
        for (name, _) in hooks.clone() {
            let loc = root.child("webhooks").child(&name);
            let Some((iloc, item)) = self.resolve_object(&loc) else {
                continue;
            };
            let Some((method, op)) = item
                .as_object()
                .and_then(|m| m.iter().find(|(k, _)| crate::upgrade::is_method(k)))
                .map(|(k, v)| (k.clone(), v.clone()))
            else {
                continue;
            };
            let oloc = iloc.child(&method);
            let mut docs = schema::docs_of(&op);
            docs.summary = op
                .get("summary")
                .and_then(Value::as_str)
                .map(str::to_string);
            let hint = schema::Hint(crate::words::split_words(&name)).child("event");
            let ty = self
                .body_schema(&oloc.child("requestBody"))
                .map(|(sloc, _)| self.schema(&sloc, &hint, 0));
            out.push(Webhook {
                name: Name::new(name),
                docs,
                ty,
            });
        }
        out
    }

    /// The JSON schema of a request body, if any: (schema location, media type).
    fn body_schema(&mut self, loc: &Loc) -> Option<(Loc, String)> {
        let (bloc, body) = self.resolve_object(loc)?;
        let content = body.get("content")?.as_object()?;
        let media = content
            .keys()
            .find(|k| k.contains("json"))
            .or_else(|| content.keys().next())?
            .clone();
        let sloc = bloc.child("content").child(&media).child("schema");
        self.store.get(&sloc)?;
        Some((sloc, media))
    }
}
