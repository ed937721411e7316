//! The comparison itself: operations, parameters, bodies, responses, security, and types in
//! the direction the data flows.

use crate::documented::{self, Measure, Patterns};
use crate::{rule, Change, Part, Site};
use sdkgen_core::ir::{
    Api, Constraints, EnumType, Field, Literal, ObjectType, Operation, Param, ParamLocation,
    Primitive, ResponseKind, TypeDef, TypeKind, TypeRef, UnionType,
};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Which way a value travels: what a client sends may only accept more in the new
/// version; what it receives may only hold less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Dir {
    Request,
    Response,
}

impl Dir {
    fn word(self) -> &'static str {
        match self {
            Dir::Request => "request",
            Dir::Response => "response",
        }
    }
}

/// Where a change is: the description of the root (`the request body`, `the 200 response`,
/// `query parameter `limit``), the property path below it, and a pointer into each spec.
#[derive(Debug, Clone)]
struct At {
    root: String,
    path: String,
    /// `path` as wire segments (`data[]`, `status`), for migration guides.
    segs: Vec<String>,
    part: Part,
    old: String,
    new: String,
}

impl At {
    fn describe(&self) -> String {
        if self.path.is_empty() {
            self.root.clone()
        } else {
            format!("`{}` in {}", self.path, self.root)
        }
    }

    fn child(&self, seg: &str, old: &str, new: &str) -> At {
        let path = if self.path.is_empty() {
            seg.to_string()
        } else if seg.starts_with('[') || seg.starts_with('{') {
            format!("{}{seg}", self.path)
        } else {
            format!("{}.{seg}", self.path)
        };
        let mut segs = self.segs.clone();
        match segs.last_mut() {
            Some(last) if seg.starts_with('[') || seg.starts_with('{') => last.push_str(seg),
            _ => segs.push(seg.to_string()),
        }
        At {
            root: self.root.clone(),
            path,
            segs,
            part: self.part.clone(),
            old: if old.is_empty() {
                self.old.clone()
            } else {
                old.to_string()
            },
            new: if new.is_empty() {
                self.new.clone()
            } else {
                new.to_string()
            },
        }
    }
}

pub(crate) struct Differ<'a> {
    old: &'a Api,
    new: &'a Api,
    out: Vec<Change>,
    /// Per operation: (rule, old pointer, new pointer) already reported.
    reported: HashSet<(&'static str, String, String, String)>,
    /// Per operation: named type pairs already walked, per direction.
    walked: HashSet<(usize, usize, Dir)>,
    op: String,
    /// operationIds of the operation being compared in each spec (empty when absent).
    ids: (String, String),
    /// Today's date (`YYYY-MM-DD`), for sunset dates; `None` ignores them.
    today: Option<String>,
    /// The old request body's examples of the operation being compared.
    body_examples: Vec<Value>,
    patterns: Patterns,
}

/// The path with parameter names blanked (`/a/{}/b`), without a trailing slash.
fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    while out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

/// The leading path segments every operation's path shares (never a whole path).
fn common_prefix(api: &Api) -> Vec<String> {
    let mut prefix: Option<Vec<String>> = None;
    for op in api.operations() {
        let segs: Vec<String> = op
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let keep = segs.len().saturating_sub(1);
        prefix = Some(match prefix {
            None => segs[..keep].to_vec(),
            Some(p) => p
                .iter()
                .zip(segs[..keep].iter())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.clone())
                .collect(),
        });
    }
    let mut p = prefix.unwrap_or_default();
    // Only literal segments form a prefix.
    while p.last().is_some_and(|s| s.contains('{')) {
        p.pop();
    }
    p
}

fn strip(path: &str, prefix: &[String]) -> String {
    let mut rest = path;
    for seg in prefix {
        let with = format!("/{seg}");
        match rest.strip_prefix(&with) {
            Some(r) => rest = r,
            None => return path.to_string(),
        }
    }
    if rest.is_empty() {
        "/".to_string()
    } else {
        rest.to_string()
    }
}

fn keyed<'a>(api: &'a Api, prefix: &[String]) -> BTreeMap<(String, String), &'a Operation> {
    api.operations()
        .map(|op| {
            (
                (
                    op.method.as_str().to_string(),
                    shape(&strip(&op.path, prefix)),
                ),
                op,
            )
        })
        .collect()
}

/// Resolves aliases and strips `Nullable`, saying whether null was allowed on the way.
fn resolve<'a>(api: &'a Api, mut t: &'a TypeRef) -> (&'a TypeRef, bool) {
    let mut nullable = false;
    for _ in 0..64 {
        match t {
            TypeRef::Nullable { inner } => {
                nullable = true;
                t = inner;
            }
            TypeRef::Named { id } => match &api.ty(*id).kind {
                TypeKind::Alias { target } => t = target,
                _ => return (t, nullable),
            },
            TypeRef::Literal {
                value: Literal::Null,
            } => return (t, true),
            _ => return (t, nullable),
        }
    }
    (t, nullable)
}

/// What the old spec documents as accepted for one value: its example, its default, its enum
/// values or constant, and a sample of its format.
fn documented_values(
    api: &Api,
    ty: &TypeRef,
    example: Option<&Value>,
    default: Option<&Literal>,
    format: Option<&str>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for v in example
        .cloned()
        .into_iter()
        .chain(default.and_then(documented::literal_value))
    {
        documented::push(&mut out, v);
    }
    let format = match resolve(api, ty).0 {
        TypeRef::Named { id } => {
            if let TypeKind::Enum(e) = &api.ty(*id).kind {
                for v in e
                    .values
                    .iter()
                    .filter_map(|v| documented::literal_value(&v.value))
                {
                    documented::push(&mut out, v);
                }
            }
            format
        }
        TypeRef::Literal { value } => {
            if let Some(v) = documented::literal_value(value) {
                documented::push(&mut out, v);
            }
            format
        }
        TypeRef::Primitive { ty } => format.or(match ty {
            Primitive::Uuid => Some("uuid"),
            Primitive::DateTime => Some("date-time"),
            Primitive::Date => Some("date"),
            _ => None,
        }),
        _ => format,
    };
    if let Some(sample) = format.and_then(documented::format_sample) {
        documented::push(&mut out, Value::from(sample));
    }
    out
}

fn describe_type(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::Primitive { ty } => prim_name(*ty).to_string(),
        TypeRef::Named { id } => {
            let d = api.ty(*id);
            let kind = match d.kind {
                TypeKind::Object(_) => "object",
                TypeKind::Enum(_) => "enum",
                TypeKind::Union(_) => "union",
                TypeKind::Alias { .. } => "alias",
            };
            format!("{kind} {}", d.name.wire)
        }
        TypeRef::Array { items } => format!("array of {}", describe_type(api, items)),
        TypeRef::Map { values } => format!("map of {}", describe_type(api, values)),
        TypeRef::Nullable { inner } => format!("{} or null", describe_type(api, inner)),
        TypeRef::Literal { value } => format!("the constant {}", literal_text(value)),
        TypeRef::Any => "any value".to_string(),
    }
}

fn prim_name(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "string",
        Primitive::DateTime => "string (date-time)",
        Primitive::Date => "string (date)",
        Primitive::Uuid => "string (uuid)",
        Primitive::Base64 => "string (byte)",
        Primitive::Binary => "string (binary)",
        Primitive::Integer => "integer",
        Primitive::Int64 => "integer (int64)",
        Primitive::Number => "number",
        Primitive::Boolean => "boolean",
    }
}

fn literal_text(l: &Literal) -> String {
    match l {
        Literal::String(s) => format!("\"{s}\""),
        Literal::Integer(s) | Literal::Number(s) | Literal::Json(s) => s.clone(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Null => "null".to_string(),
    }
}

fn stringish(p: Primitive) -> bool {
    matches!(
        p,
        Primitive::String
            | Primitive::DateTime
            | Primitive::Date
            | Primitive::Uuid
            | Primitive::Base64
            | Primitive::Binary
    )
}

/// `a` -> `b` for numbers: Some(true) when every `a` value is a `b` value (widening).
fn numeric_widens(a: Primitive, b: Primitive) -> Option<bool> {
    use Primitive::*;
    let rank = |p| match p {
        Integer => Some(0),
        Int64 => Some(1),
        Number => Some(2),
        _ => None,
    };
    Some(rank(a)? < rank(b)?)
}

fn param_key(p: &Param) -> String {
    match p.location {
        ParamLocation::Header => p.name.wire.to_ascii_lowercase(),
        _ => p.name.wire.clone(),
    }
}

/// How a changed constraint treats what the old spec documented.
enum Verdict {
    /// Accepts at least what it accepted before.
    Looser,
    /// Stricter, and rejects this documented value or old bound.
    Rejects(String),
    /// Stricter, but every documented value still fits.
    Fits,
    /// Stricter; the documented values could not be checked (the reason).
    Unchecked(String),
}

impl Verdict {
    fn of(rejected: Option<String>) -> Verdict {
        rejected.map_or(Verdict::Fits, Verdict::Rejects)
    }
}

fn num(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok()
}

impl<'a> Differ<'a> {
    pub(crate) fn new(old: &'a Api, new: &'a Api, today: Option<String>) -> Self {
        Differ {
            old,
            new,
            out: Vec::new(),
            reported: HashSet::new(),
            walked: HashSet::new(),
            op: String::new(),
            ids: Default::default(),
            today,
            body_examples: Vec::new(),
            patterns: Patterns::default(),
        }
    }

    fn emit(&mut self, id: &'static str, old: &str, new: &str, message: String) {
        self.emit_site(id, old, new, message, Site::default());
    }

    fn emit_site(
        &mut self,
        id: &'static str,
        old: &str,
        new: &str,
        message: String,
        mut site: Site,
    ) {
        let Some(r) = rule(id) else {
            debug_assert!(false, "unknown rule {id}");
            return;
        };
        let value = site.value.as_ref().map(literal_text).unwrap_or_default();
        if !self
            .reported
            .insert((id, old.to_string(), new.to_string(), value))
        {
            return;
        }
        site.old_operation = self.ids.0.clone();
        site.new_operation = self.ids.1.clone();
        self.out.push(Change {
            id,
            level: r.level,
            operation: self.op.clone(),
            old_pointer: old.to_string(),
            new_pointer: new.to_string(),
            message,
            site,
        });
    }

    fn emit_at(&mut self, id: &'static str, at: &At, message: String) {
        self.emit_value(id, at, message, None);
    }

    fn emit_value(&mut self, id: &'static str, at: &At, message: String, value: Option<Literal>) {
        let (o, n) = (at.old.clone(), at.new.clone());
        let site = Site {
            part: at.part.clone(),
            path: at.segs.clone(),
            value,
            ..Site::default()
        };
        self.emit_site(id, &o, &n, message, site);
    }

    fn begin(&mut self, op: String) {
        self.op = op;
        self.ids = Default::default();
        self.body_examples.clear();
        self.reported.clear();
        self.walked.clear();
    }

    pub(crate) fn run(mut self) -> Vec<Change> {
        // Match with and without a shared prefix set aside; keep whichever matches more.
        let (po, pn) = (common_prefix(self.old), common_prefix(self.new));
        let plain = (keyed(self.old, &[]), keyed(self.new, &[]));
        let stripped = (keyed(self.old, &po), keyed(self.new, &pn));
        let matches = |m: &(BTreeMap<_, _>, BTreeMap<_, _>)| {
            m.0.keys().filter(|k| m.1.contains_key(*k)).count()
        };
        let use_stripped = po != pn && matches(&stripped) > matches(&plain);
        let (olds, news) = if use_stripped { stripped } else { plain };
        if use_stripped {
            self.begin(String::new());
            self.emit(
                "base-path-changed",
                "/paths",
                "/paths",
                format!(
                    "paths moved from `/{}` to `/{}`",
                    po.join("/"),
                    pn.join("/")
                ),
            );
        }
        // Operations unmatched by path but sharing method and operationId: moved.
        let mut moved: HashMap<(String, String), (String, String)> = HashMap::new();
        {
            let by_id: HashMap<(String, &str), &(String, String)> = news
                .iter()
                .filter(|(k, _)| !olds.contains_key(*k))
                .map(|(k, op)| ((k.0.clone(), op.id.wire.as_str()), k))
                .collect();
            for (k, op) in &olds {
                if news.contains_key(k) {
                    continue;
                }
                if let Some(nk) = by_id.get(&(k.0.clone(), op.id.wire.as_str())) {
                    moved.insert(k.clone(), (*nk).clone());
                }
            }
        }
        let moved_to: HashSet<&(String, String)> = moved.values().collect();
        for (k, o) in &olds {
            let target = if news.contains_key(k) {
                Some(k)
            } else {
                moved.get(k)
            };
            match target.and_then(|t| news.get(t)) {
                Some(n) => self.operation(o, n),
                None => {
                    self.begin(format!("{} {}", o.method.as_str(), o.path));
                    self.ids.0 = o.id.wire.clone();
                    let path_gone = !news.keys().any(|(_, p)| *p == k.1);
                    let sunset = o.docs.sunset.as_deref().map(|s| s.get(..10).unwrap_or(s));
                    let early = match (sunset, self.today.as_deref()) {
                        (Some(s), Some(t)) => s > t,
                        _ => false,
                    };
                    let (id, what) = if o.docs.deprecated && early {
                        ("operation-removed-before-sunset", "deprecated operation")
                    } else if o.docs.deprecated {
                        (
                            "operation-removed-after-deprecation",
                            "deprecated operation",
                        )
                    } else {
                        ("operation-removed", "operation")
                    };
                    let mut detail = if path_gone {
                        " (the path is gone)".to_string()
                    } else {
                        String::new()
                    };
                    if early {
                        detail.push_str(&format!(
                            " before its sunset date {}",
                            sunset.unwrap_or_default()
                        ));
                    }
                    self.emit(
                        id,
                        &o.pointer,
                        "",
                        format!("{what} `{}` was removed{detail}", o.id.wire),
                    );
                }
            }
        }
        for (k, n) in &news {
            if olds.contains_key(k) || moved_to.contains(k) {
                continue;
            }
            self.begin(format!("{} {}", n.method.as_str(), n.path));
            self.ids.1 = n.id.wire.clone();
            self.emit(
                "operation-added",
                "",
                &n.pointer,
                format!("new operation `{}`", n.id.wire),
            );
        }
        self.out
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        self.begin(format!("{} {}", n.method.as_str(), n.path));
        self.ids = (o.id.wire.clone(), n.id.wire.clone());
        if shape(&o.path) != shape(&n.path) && o.path != n.path {
            // Reached through the operationId: the path itself changed.
            let prefix_only = shape(&strip(&o.path, &common_prefix(self.old)))
                == shape(&strip(&n.path, &common_prefix(self.new)));
            if !prefix_only {
                // Reported where it breaks: at the old path.
                let here =
                    std::mem::replace(&mut self.op, format!("{} {}", o.method.as_str(), o.path));
                self.emit(
                    "operation-removed",
                    &o.pointer,
                    &n.pointer,
                    format!(
                        "operation `{}` moved from `{}` to `{}`: calls to the old path fail",
                        o.id.wire, o.path, n.path
                    ),
                );
                self.op = here;
            }
        }
        if o.id.wire != n.id.wire {
            self.emit(
                "operation-id-changed",
                &o.pointer,
                &n.pointer,
                format!("operationId `{}` became `{}`", o.id.wire, n.id.wire),
            );
        }
        if !o.docs.deprecated && n.docs.deprecated {
            let sunset = n
                .docs
                .sunset
                .as_deref()
                .map(|s| format!(" (sunset {s})"))
                .unwrap_or_default();
            self.emit(
                "operation-deprecated",
                &o.pointer,
                &n.pointer,
                format!("operation `{}` is deprecated{sunset}", n.id.wire),
            );
        }
        self.params(o, n);
        self.body(o, n);
        self.responses(o, n);
        self.security(o, n);
    }

    fn params(&mut self, o: &Operation, n: &Operation) {
        // Path parameters by position: renaming one changes nothing for a client.
        let opath: Vec<&Param> = o
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .collect();
        let npath: Vec<&Param> = n
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .collect();
        for (a, b) in opath.iter().zip(npath.iter()) {
            self.param(a, b);
        }
        let key = |p: &Param| (p.location, param_key(p));
        let on: Vec<&Param> = o
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .collect();
        let nn: Vec<&Param> = n
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .collect();
        let mut used = HashSet::new();
        for a in &on {
            if let Some(b) = nn.iter().find(|b| key(b) == key(a)) {
                used.insert(key(b));
                self.param(a, b);
                continue;
            }
            let moved = nn
                .iter()
                .chain(npath.iter())
                .find(|b| b.name.wire.eq_ignore_ascii_case(&a.name.wire))
                .filter(|b| !on.iter().any(|x| key(x) == key(b)));
            if let Some(b) = moved {
                used.insert(key(b));
                self.emit(
                    "parameter-moved",
                    &a.pointer,
                    &b.pointer,
                    format!(
                        "parameter `{}` moved from the {} to the {}",
                        a.name.wire,
                        a.location.as_str(),
                        b.location.as_str()
                    ),
                );
                continue;
            }
            self.emit(
                "parameter-removed",
                &a.pointer,
                "",
                format!(
                    "{} parameter `{}` was removed",
                    a.location.as_str(),
                    a.name.wire
                ),
            );
        }
        for b in &nn {
            if used.contains(&key(b)) || on.iter().any(|a| key(a) == key(b)) {
                continue;
            }
            let (id, what) = if b.required {
                ("parameter-added-required", "new required")
            } else {
                ("parameter-added", "new optional")
            };
            self.emit(
                id,
                "",
                &b.pointer,
                format!("{what} {} parameter `{}`", b.location.as_str(), b.name.wire),
            );
        }
    }

    fn param(&mut self, a: &Param, b: &Param) {
        let at = At {
            root: format!("{} parameter `{}`", b.location.as_str(), b.name.wire),
            path: String::new(),
            segs: Vec::new(),
            part: Part::Param(b.name.wire.clone()),
            old: a.pointer.clone(),
            new: b.pointer.clone(),
        };
        if !a.required && b.required {
            self.emit_at(
                "parameter-became-required",
                &at,
                format!("{} became required", at.root),
            );
        } else if a.required && !b.required {
            self.emit_at(
                "parameter-became-optional",
                &at,
                format!("{} became optional", at.root),
            );
        }
        if !a.docs.deprecated && b.docs.deprecated {
            self.emit_at(
                "parameter-deprecated",
                &at,
                format!("{} is deprecated", at.root),
            );
        }
        if a.default != b.default && a.default.is_some() {
            self.emit_at(
                "parameter-default-changed",
                &at,
                format!(
                    "the default of {} changed from {} to {}",
                    at.root,
                    a.default
                        .as_ref()
                        .map(literal_text)
                        .unwrap_or("none".into()),
                    b.default
                        .as_ref()
                        .map(literal_text)
                        .unwrap_or("none".into())
                ),
            );
        }
        if a.format != b.format && b.format.is_some() {
            self.emit_at(
                "parameter-format-changed",
                &at,
                format!(
                    "the format of {} changed from {} to {}",
                    at.root,
                    a.format.as_deref().unwrap_or("none"),
                    b.format.as_deref().unwrap_or("none")
                ),
            );
        }
        let docs = documented_values(
            self.old,
            &a.ty,
            a.example.as_ref(),
            a.default.as_ref(),
            a.format.as_deref(),
        );
        self.constraints(Dir::Request, &a.constraints, &b.constraints, &at, &docs);
        self.types(Dir::Request, &a.ty, &b.ty, &at);
    }

    fn body(&mut self, o: &Operation, n: &Operation) {
        match (&o.body, &n.body) {
            (None, Some(b)) if b.required => self.emit(
                "request-body-added-required",
                &o.pointer,
                &n.pointer,
                "a required request body was added".into(),
            ),
            (Some(_), None) => self.emit(
                "request-body-removed",
                &o.pointer,
                &n.pointer,
                "the request body was removed".into(),
            ),
            (Some(a), Some(b)) => {
                let at = At {
                    root: "the request body".into(),
                    path: String::new(),
                    segs: Vec::new(),
                    part: Part::Request,
                    old: format!("{}/requestBody", o.pointer),
                    new: format!("{}/requestBody", n.pointer),
                };
                if !a.required && b.required {
                    self.emit_at(
                        "request-body-became-required",
                        &at,
                        "the request body became required".into(),
                    );
                }
                if !a.media_type.eq_ignore_ascii_case(&b.media_type) {
                    self.emit_at(
                        "request-media-type-removed",
                        &at,
                        format!(
                            "the request body is sent as `{}` instead of `{}`",
                            b.media_type, a.media_type
                        ),
                    );
                } else {
                    self.body_examples = a.examples.iter().map(|e| e.value.clone()).collect();
                    self.types(Dir::Request, &a.ty, &b.ty, &at);
                    self.body_examples.clear();
                }
            }
            _ => {}
        }
    }

    fn responses(&mut self, o: &Operation, n: &Operation) {
        let success = |s: &str| s.starts_with('2');
        for r in o.responses.iter().filter(|r| success(&r.status)) {
            match n.responses.iter().find(|x| x.status == r.status) {
                None => self.emit(
                    "success-status-removed",
                    &r.pointer,
                    &n.pointer,
                    format!("success status {} is no longer returned", r.status),
                ),
                Some(x) => {
                    for m in &r.media_types {
                        if !x.media_types.iter().any(|y| y.eq_ignore_ascii_case(m)) {
                            self.emit(
                                "response-media-type-removed",
                                &r.pointer,
                                &x.pointer,
                                format!("the {} response no longer comes as `{m}`", r.status),
                            );
                        }
                    }
                }
            }
        }
        for r in n.responses.iter().filter(|r| success(&r.status)) {
            if !o.responses.iter().any(|x| x.status == r.status) {
                self.emit(
                    "success-status-added",
                    &o.pointer,
                    &r.pointer,
                    format!("new success status {}", r.status),
                );
            }
        }
        let ostatus = o
            .responses
            .iter()
            .find(|r| success(&r.status))
            .map(|r| (r.status.clone(), r.pointer.clone()))
            .unwrap_or_else(|| ("success".into(), o.pointer.clone()));
        let nstatus = n
            .responses
            .iter()
            .find(|r| success(&r.status))
            .map(|r| (r.status.clone(), r.pointer.clone()))
            .unwrap_or_else(|| ("success".into(), n.pointer.clone()));
        let at = At {
            root: format!("the {} response", nstatus.0),
            path: String::new(),
            segs: Vec::new(),
            part: Part::Response,
            old: ostatus.1,
            new: nstatus.1,
        };
        let kind = |k: &ResponseKind| match k {
            ResponseKind::Empty => "no body",
            ResponseKind::Json { .. } => "JSON",
            ResponseKind::EventStream { .. } => "an event stream",
            ResponseKind::Text { .. } => "text",
            ResponseKind::Binary { .. } => "bytes",
        };
        match (&o.response, &n.response) {
            (ResponseKind::Json { ty: a }, ResponseKind::Json { ty: b })
            | (ResponseKind::EventStream { ty: a }, ResponseKind::EventStream { ty: b }) => {
                self.types(Dir::Response, a, b, &at)
            }
            (ResponseKind::Empty, _) => {}
            (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => {}
            (a, b) => self.emit_at(
                "response-kind-changed",
                &at,
                format!("{} is {} instead of {}", at.root, kind(b), kind(a)),
            ),
        }
        for e in &o.errors {
            match n.errors.iter().find(|x| x.status == e.status) {
                None => self.emit(
                    "error-status-removed",
                    &o.pointer,
                    &n.pointer,
                    format!("error status {} is no longer documented", e.status),
                ),
                Some(x) => {
                    if let (Some(a), Some(b)) = (&e.ty, &x.ty) {
                        let ptr = |op: &Operation, s: &str| {
                            op.responses
                                .iter()
                                .find(|r| r.status == s)
                                .map(|r| r.pointer.clone())
                                .unwrap_or_else(|| op.pointer.clone())
                        };
                        let at = At {
                            root: format!("the {} response", e.status),
                            path: String::new(),
                            segs: Vec::new(),
                            part: Part::Error(e.status.clone()),
                            old: ptr(o, &e.status),
                            new: ptr(n, &x.status),
                        };
                        self.types(Dir::Response, a, b, &at);
                    }
                }
            }
        }
        for x in &n.errors {
            if !o.errors.iter().any(|e| e.status == x.status) {
                self.emit(
                    "error-status-added",
                    &o.pointer,
                    &n.pointer,
                    format!("new documented error status {}", x.status),
                );
            }
        }
    }

    fn security(&mut self, o: &Operation, n: &Operation) {
        let effective = |api: &Api, op: &Operation| -> Vec<Vec<String>> {
            let mut reqs = op.security.clone().unwrap_or_else(|| api.security.clone());
            for r in &mut reqs {
                r.sort();
            }
            reqs
        };
        let (a, b) = (effective(self.old, o), effective(self.new, n));
        let open = |r: &[Vec<String>]| r.is_empty() || r.iter().any(Vec::is_empty);
        match (open(&a), open(&b)) {
            (true, false) => self.emit(
                "security-added",
                &o.pointer,
                &n.pointer,
                format!(
                    "credentials are now required ({})",
                    b.iter()
                        .map(|r| r.join(" + "))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            ),
            (false, true) => self.emit(
                "security-removed",
                &o.pointer,
                &n.pointer,
                "credentials are no longer required".into(),
            ),
            (false, false) => {
                let kept: Vec<&Vec<String>> = a.iter().filter(|r| b.contains(r)).collect();
                if kept.is_empty() {
                    self.emit(
                        "security-scheme-changed",
                        &o.pointer,
                        &n.pointer,
                        format!(
                            "the accepted credentials changed from {} to {}",
                            a.iter()
                                .map(|r| r.join(" + "))
                                .collect::<Vec<_>>()
                                .join(" or "),
                            b.iter()
                                .map(|r| r.join(" + "))
                                .collect::<Vec<_>>()
                                .join(" or ")
                        ),
                    );
                }
                for (scheme, scopes) in &n.scopes {
                    let before = o.scopes.get(scheme);
                    if !a.iter().flatten().any(|s| s == scheme) {
                        continue;
                    }
                    for s in scopes {
                        if !before.is_some_and(|v| v.contains(s)) {
                            self.emit(
                                "security-scope-added",
                                &o.pointer,
                                &n.pointer,
                                format!("`{scheme}` now needs the scope `{s}`"),
                            );
                        }
                    }
                }
            }
            (true, true) => {}
        }
    }

    /// Compares validation keywords. A request constraint that became stricter is breaking
    /// when the old spec documented a value it now rejects (`docs`: the old side's example,
    /// default, enum values, format sample, and the body examples at this place), or when it
    /// tightens a bound the old spec already had (the old bound documented the values between
    /// the two); otherwise it is a warning (`request-constraint-tightened`).
    fn constraints(&mut self, dir: Dir, a: &Constraints, b: &Constraints, at: &At, docs: &[Value]) {
        let mut docs = docs.to_vec();
        if dir == Dir::Request && at.part == Part::Request {
            for v in documented::values_at(&self.body_examples, &at.segs) {
                documented::push(&mut docs, v);
            }
        }
        let mut notes: Vec<(String, Verdict)> = Vec::new();
        let show = |v: &Value| {
            let t = v.to_string();
            if t.chars().count() > 60 {
                format!("{}...", t.chars().take(57).collect::<String>())
            } else {
                t
            }
        };
        // (keyword, measure, old, new, true when a larger value is stricter)
        let counts = [
            (
                "minLength",
                Measure::Chars,
                a.min_length,
                b.min_length,
                true,
            ),
            (
                "maxLength",
                Measure::Chars,
                a.max_length,
                b.max_length,
                false,
            ),
            ("minItems", Measure::Items, a.min_items, b.min_items, true),
            ("maxItems", Measure::Items, a.max_items, b.max_items, false),
            (
                "minProperties",
                Measure::Properties,
                a.min_properties,
                b.min_properties,
                true,
            ),
            (
                "maxProperties",
                Measure::Properties,
                a.max_properties,
                b.max_properties,
                false,
            ),
        ];
        for (kw, measure, x, y, larger_stricter) in counts {
            let text = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or("none".into());
            let verdict = match (x, y) {
                (x, y) if x == y => continue,
                (_, None) => Verdict::Looser,
                (Some(x), Some(y)) if (y > x) != larger_stricter => Verdict::Looser,
                (Some(x), Some(_)) => Verdict::Rejects(format!("the old bound {x}")),
                (None, Some(y)) => Verdict::of(
                    docs.iter()
                        .find(|v| {
                            measure
                                .of(v)
                                .is_some_and(|n| if larger_stricter { n < y } else { n > y })
                        })
                        .map(|v| format!("the documented value {}", show(v))),
                ),
            };
            notes.push((format!("{kw} {} -> {}", text(x), text(y)), verdict));
        }
        let mut range: Vec<(String, Verdict)> = Vec::new();
        for (kw, x, y, lower) in [
            ("minimum", &a.minimum, &b.minimum, true),
            ("maximum", &a.maximum, &b.maximum, false),
        ] {
            let verdict = match (x, y) {
                (x, y) if x == y => continue,
                (_, None) => Verdict::Looser,
                (Some(x), Some(y)) => match (num(&x.value), num(&y.value)) {
                    (Some(p), Some(q)) if p == q && (x.exclusive || !y.exclusive) => {
                        Verdict::Looser
                    }
                    (Some(p), Some(q)) if p != q && (q > p) != lower => Verdict::Looser,
                    _ => Verdict::Rejects(format!("the old bound {}", x.value)),
                },
                (None, Some(y)) => Verdict::of(
                    docs.iter()
                        .find(|v| {
                            documented::number(v).is_some_and(|n| !documented::within(n, y, lower))
                        })
                        .map(|v| format!("the documented value {}", show(v))),
                ),
            };
            let text = |v: &Option<sdkgen_core::ir::Bound>| {
                v.as_ref()
                    .map(|b| {
                        if b.exclusive {
                            format!("{} (exclusive)", b.value)
                        } else {
                            b.value.clone()
                        }
                    })
                    .unwrap_or("none".into())
            };
            range.push((format!("{kw} {} -> {}", text(x), text(y)), verdict));
        }
        for (text, verdict) in range {
            match (dir, verdict) {
                (Dir::Request, Verdict::Looser) => {}
                (Dir::Request, v) => self.tightened(at, &text, v),
                (Dir::Response, Verdict::Looser) => self.emit_at(
                    "response-range-widened",
                    at,
                    format!("{}: {text}", at.describe()),
                ),
                _ => {}
            }
        }
        if a.pattern != b.pattern {
            let text = format!(
                "pattern {} -> {}",
                a.pattern.as_deref().unwrap_or("none"),
                b.pattern.as_deref().unwrap_or("none")
            );
            let verdict = match &b.pattern {
                None => Verdict::Looser,
                Some(_) if dir == Dir::Response => Verdict::Fits,
                Some(new) => {
                    let old = a
                        .pattern
                        .as_ref()
                        .and_then(|p| self.patterns.get(p).as_ref().ok().cloned());
                    match self.patterns.get(new) {
                        Err(e) => Verdict::Unchecked(e.clone()),
                        Ok(re) => Verdict::of(
                            docs.iter()
                                .filter_map(Value::as_str)
                                .find(|s| {
                                    old.as_ref().is_none_or(|o| o.is_match(s)) && !re.is_match(s)
                                })
                                .map(|s| format!("the documented value {}", show(&Value::from(s)))),
                        ),
                    }
                }
            };
            notes.push((text, verdict));
        }
        if a.multiple_of != b.multiple_of {
            let text = format!(
                "multipleOf {} -> {}",
                a.multiple_of.as_deref().unwrap_or("none"),
                b.multiple_of.as_deref().unwrap_or("none")
            );
            let verdict = match (
                a.multiple_of.as_deref().map(num),
                b.multiple_of.as_deref().map(num),
            ) {
                (_, None) => Verdict::Looser,
                (Some(Some(m)), Some(Some(n))) if documented::multiple(m, n) => Verdict::Looser,
                (Some(_), Some(_)) => Verdict::Rejects(format!(
                    "the old step {}",
                    a.multiple_of.as_deref().unwrap_or_default()
                )),
                (None, Some(n)) => Verdict::of(
                    docs.iter()
                        .find(|v| {
                            documented::number(v)
                                .is_some_and(|x| n.is_some_and(|n| !documented::multiple(x, n)))
                        })
                        .map(|v| format!("the documented value {}", show(v))),
                ),
            };
            notes.push((text, verdict));
        }
        if a.unique_items != b.unique_items {
            let verdict = if b.unique_items {
                Verdict::of(
                    docs.iter()
                        .find(|v| documented::has_duplicates(v))
                        .map(|v| format!("the documented value {}", show(v))),
                )
            } else {
                Verdict::Looser
            };
            notes.push((format!("uniqueItems -> {}", b.unique_items), verdict));
        }
        for (text, verdict) in notes {
            match (dir, verdict) {
                (Dir::Request, Verdict::Looser) => {}
                (Dir::Request, v) => self.tightened(at, &text, v),
                (Dir::Response, Verdict::Looser) => self.emit_at(
                    "response-constraint-widened",
                    at,
                    format!("{}: {text}", at.describe()),
                ),
                _ => {}
            }
        }
        let empty = Constraints::default();
        for (x, y, seg, array) in [
            (&a.items, &b.items, "[]", true),
            (&a.values, &b.values, "{}", false),
        ] {
            if x.is_some() || y.is_some() {
                let (x, y) = (
                    x.as_deref().unwrap_or(&empty),
                    y.as_deref().unwrap_or(&empty),
                );
                if x != y {
                    let inner = documented::inner(&docs, array);
                    self.constraints(dir, x, y, &at.child(seg, "", ""), &inner);
                }
            }
        }
    }

    /// A request constraint became stricter: breaking when it rejects a value or bound the
    /// old spec documented, else a warning (nothing documented is rejected, or the pattern
    /// cannot be checked).
    fn tightened(&mut self, at: &At, text: &str, verdict: Verdict) {
        let place = at.describe();
        match verdict {
            Verdict::Looser => {}
            Verdict::Rejects(r) => self.emit_at(
                "request-constraint-narrowed",
                at,
                format!("{place}: {text} rejects {r}"),
            ),
            Verdict::Fits => self.emit_at(
                "request-constraint-tightened",
                at,
                format!("{place}: {text} (no value the old spec documented is rejected)"),
            ),
            Verdict::Unchecked(e) => self.emit_at(
                "request-constraint-tightened",
                at,
                format!("{place}: {text} (not checked against documented values: {e})"),
            ),
        }
    }

    fn types(&mut self, dir: Dir, a: &TypeRef, b: &TypeRef, at: &At) {
        let (old, new) = (self.old, self.new);
        let (x, xn) = resolve(old, a);
        let (y, yn) = resolve(new, b);
        let d = dir.word();
        match (xn, yn, dir) {
            (false, true, Dir::Response) if !matches!(y, TypeRef::Any) => self.emit_at(
                "response-became-nullable",
                at,
                format!("{} may now be null", at.describe()),
            ),
            (false, true, Dir::Request) => self.emit_at(
                "request-became-nullable",
                at,
                format!("{} now accepts null", at.describe()),
            ),
            (true, false, Dir::Request) if !matches!(y, TypeRef::Any) => self.emit_at(
                "request-became-not-nullable",
                at,
                format!("{} no longer accepts null", at.describe()),
            ),
            (true, false, Dir::Response) => self.emit_at(
                "response-became-not-nullable",
                at,
                format!("{} is no longer null", at.describe()),
            ),
            _ => {}
        }
        let changed = |s: &mut Self| {
            let id = if dir == Dir::Request {
                "request-type-changed"
            } else {
                "response-type-changed"
            };
            let msg = format!(
                "{} changed type from {} to {}",
                at.describe(),
                describe_type(old, x),
                describe_type(new, y)
            );
            s.emit_at(id, at, msg);
        };
        let widened = |s: &mut Self| {
            let (id, verb) = match dir {
                Dir::Request => ("request-type-widened", "accepts"),
                Dir::Response => ("response-type-widened", "may now hold"),
            };
            let msg = format!(
                "{} {verb} {} (was {})",
                at.describe(),
                describe_type(new, y),
                describe_type(old, x)
            );
            s.emit_at(id, at, msg);
        };
        let narrowed = |s: &mut Self| {
            let id = match dir {
                Dir::Request => "request-type-narrowed",
                Dir::Response => "response-type-narrowed",
            };
            let msg = format!(
                "{} is limited to {} (was {})",
                at.describe(),
                describe_type(new, y),
                describe_type(old, x)
            );
            s.emit_at(id, at, msg);
        };
        let is_union = |api: &Api, t: &TypeRef| matches!(t, TypeRef::Named { id } if matches!(api.ty(*id).kind, TypeKind::Union(_)));
        match (is_union(old, x), is_union(new, y)) {
            (false, true) if !matches!(x, TypeRef::Any) => {
                return self.single_to_union(dir, x, y, at)
            }
            (true, false) if !matches!(y, TypeRef::Any) => {
                return self.union_to_single(dir, x, y, at)
            }
            _ => {}
        }
        match (x, y) {
            (TypeRef::Any, TypeRef::Any) => {}
            (
                TypeRef::Literal {
                    value: Literal::Null,
                },
                _,
            )
            | (
                _,
                TypeRef::Literal {
                    value: Literal::Null,
                },
            ) => {}
            (TypeRef::Any, _) => narrowed(self),
            (_, TypeRef::Any) => widened(self),
            (TypeRef::Named { id: i }, TypeRef::Named { id: j }) => {
                if !self.walked.insert((i.0, j.0, dir)) {
                    return;
                }
                let (ti, tj) = (old.ty(*i), new.ty(*j));
                // Inside a named type, pointers name the type: a change to a shared
                // schema has the same pointers in every operation that reaches it.
                let at = At {
                    root: at.root.clone(),
                    path: at.path.clone(),
                    segs: at.segs.clone(),
                    part: at.part.clone(),
                    old: ti.origin.clone(),
                    new: tj.origin.clone(),
                };
                match (&ti.kind, &tj.kind) {
                    (TypeKind::Object(p), TypeKind::Object(q)) => self.object(dir, p, q, &at),
                    (TypeKind::Enum(p), TypeKind::Enum(q)) => {
                        self.enumeration(dir, p, q, ti, tj, &at)
                    }
                    (TypeKind::Union(p), TypeKind::Union(q)) => self.union(dir, p, q, &at),
                    _ => changed(self),
                }
            }
            (TypeRef::Named { id }, TypeRef::Primitive { .. } | TypeRef::Literal { .. })
                if matches!(old.ty(*id).kind, TypeKind::Enum(_)) =>
            {
                match dir {
                    Dir::Request => widened(self),
                    Dir::Response => self.emit_at(
                        "response-became-not-enum",
                        at,
                        format!(
                            "{} is no longer limited to the values of enum {}",
                            at.describe(),
                            old.ty(*id).name.wire
                        ),
                    ),
                }
            }
            (TypeRef::Primitive { .. } | TypeRef::Literal { .. }, TypeRef::Named { id })
                if matches!(new.ty(*id).kind, TypeKind::Enum(_)) =>
            {
                match dir {
                    Dir::Request => self.emit_at(
                        "request-became-enum",
                        at,
                        format!(
                            "{} is limited to the values of enum {}",
                            at.describe(),
                            new.ty(*id).name.wire
                        ),
                    ),
                    Dir::Response => narrowed(self),
                }
            }
            (TypeRef::Array { items: p }, TypeRef::Array { items: q }) => {
                let at = at.child("[]", "", "");
                self.types(dir, p, q, &at)
            }
            (TypeRef::Map { values: p }, TypeRef::Map { values: q }) => {
                let at = at.child("{}", "", "");
                self.types(dir, p, q, &at)
            }
            (TypeRef::Primitive { ty: p }, TypeRef::Primitive { ty: q }) => {
                if p == q {
                    return;
                }
                if let Some(w) = numeric_widens(*p, *q) {
                    if w {
                        widened(self)
                    } else {
                        narrowed(self)
                    }
                } else if stringish(*p) && stringish(*q) {
                    let to_plain = *q == Primitive::String;
                    match (dir, to_plain) {
                        (Dir::Request, true) => widened(self),
                        (Dir::Response, false) | (Dir::Request, false) => {
                            let id = if dir == Dir::Request {
                                "request-format-changed"
                            } else {
                                "response-format-changed"
                            };
                            self.emit_at(
                                id,
                                at,
                                format!(
                                    "{} changed format from {} to {}",
                                    at.describe(),
                                    prim_name(*p),
                                    prim_name(*q)
                                ),
                            );
                        }
                        (Dir::Response, true) => {
                            self.emit_at(
                                "response-format-changed",
                                at,
                                format!(
                                    "{} changed format from {} to {}",
                                    at.describe(),
                                    prim_name(*p),
                                    prim_name(*q)
                                ),
                            );
                        }
                    }
                } else {
                    changed(self)
                }
            }
            (TypeRef::Literal { value: p }, TypeRef::Literal { value: q }) => {
                if p != q {
                    changed(self)
                }
            }
            (TypeRef::Literal { .. }, TypeRef::Primitive { .. }) => match dir {
                Dir::Request => widened(self),
                Dir::Response => self.emit_at(
                    "response-became-not-enum",
                    at,
                    format!("{} is no longer a constant", at.describe()),
                ),
            },
            (TypeRef::Primitive { .. }, TypeRef::Literal { .. }) => match dir {
                Dir::Request => self.emit_at(
                    "request-became-enum",
                    at,
                    format!("{} became a constant", at.describe()),
                ),
                Dir::Response => narrowed(self),
            },
            _ => changed(self),
        }
        let _ = d;
    }

    fn object(&mut self, dir: Dir, p: &ObjectType, q: &ObjectType, at: &At) {
        let d = dir.word();
        let skip = |f: &Field| match dir {
            Dir::Request => f.read_only,
            Dir::Response => f.write_only,
        };
        for f in &p.fields {
            let Some(g) = q.fields.iter().find(|g| g.name.wire == f.name.wire) else {
                if skip(f) {
                    continue;
                }
                let fat = at.child(&f.name.wire, &f.pointer, "");
                let fat = At {
                    new: at.new.clone(),
                    ..fat
                };
                let id = match dir {
                    Dir::Request => "request-property-removed",
                    Dir::Response => "response-property-removed",
                };
                self.emit_at(
                    id,
                    &fat,
                    format!("{d} property {} was removed", fat.describe()),
                );
                continue;
            };
            if skip(f) && skip(g) {
                continue;
            }
            let fat = at.child(&f.name.wire, &f.pointer, &g.pointer);
            match dir {
                Dir::Request if !f.required && g.required && !g.read_only => self.emit_at(
                    "request-property-became-required",
                    &fat,
                    format!("request property {} became required", fat.describe()),
                ),
                Dir::Response if f.required && !g.required && !g.write_only => self.emit_at(
                    "response-property-became-optional",
                    &fat,
                    format!("response property {} may now be absent", fat.describe()),
                ),
                _ => {}
            }
            if !f.docs.deprecated && g.docs.deprecated {
                let id = match dir {
                    Dir::Request => "request-property-deprecated",
                    Dir::Response => "response-property-deprecated",
                };
                self.emit_at(
                    id,
                    &fat,
                    format!("{d} property {} is deprecated", fat.describe()),
                );
            }
            if dir == Dir::Request && f.default != g.default && f.default.is_some() {
                self.emit_at(
                    "request-property-default-changed",
                    &fat,
                    format!(
                        "the default of {} changed from {} to {}",
                        fat.describe(),
                        f.default
                            .as_ref()
                            .map(literal_text)
                            .unwrap_or("none".into()),
                        g.default
                            .as_ref()
                            .map(literal_text)
                            .unwrap_or("none".into())
                    ),
                );
            }
            if f.format != g.format {
                let report = match dir {
                    Dir::Request => g.format.is_some(),
                    Dir::Response => f.format.is_some(),
                };
                if report {
                    let id = match dir {
                        Dir::Request => "request-format-changed",
                        Dir::Response => "response-format-changed",
                    };
                    self.emit_at(
                        id,
                        &fat,
                        format!(
                            "the format of {} changed from {} to {}",
                            fat.describe(),
                            f.format.as_deref().unwrap_or("none"),
                            g.format.as_deref().unwrap_or("none")
                        ),
                    );
                }
            }
            let docs = match dir {
                Dir::Request => documented_values(
                    self.old,
                    &f.ty,
                    f.example.as_ref(),
                    f.default.as_ref(),
                    f.format.as_deref(),
                ),
                Dir::Response => Vec::new(),
            };
            self.constraints(dir, &f.constraints, &g.constraints, &fat, &docs);
            self.types(dir, &f.ty, &g.ty, &fat);
        }
        for g in &q.fields {
            if p.fields.iter().any(|f| f.name.wire == g.name.wire) || skip(g) {
                continue;
            }
            let fat = at.child(&g.name.wire, "", &g.pointer);
            let fat = At {
                old: at.old.clone(),
                ..fat
            };
            match dir {
                Dir::Request if g.required => self.emit_at(
                    "request-property-added-required",
                    &fat,
                    format!("new required request property {}", fat.describe()),
                ),
                Dir::Request => self.emit_at(
                    "request-property-added",
                    &fat,
                    format!("new optional request property {}", fat.describe()),
                ),
                Dir::Response => self.emit_at(
                    "response-property-added",
                    &fat,
                    format!("new response property {}", fat.describe()),
                ),
            }
        }
        match (&p.additional, &q.additional) {
            (Some(x), Some(y)) => {
                let at = at.child("{}", "", "");
                self.types(dir, x, y, &at)
            }
            (Some(_), None) if dir == Dir::Request => self.emit_at(
                "request-type-narrowed",
                at,
                format!("{} no longer accepts additional properties", at.describe()),
            ),
            _ => {}
        }
    }

    fn enumeration(
        &mut self,
        dir: Dir,
        p: &EnumType,
        q: &EnumType,
        ti: &TypeDef,
        tj: &TypeDef,
        at: &At,
    ) {
        let _ = ti;
        for v in &p.values {
            if !q.values.iter().any(|w| w.value == v.value) {
                let id = match dir {
                    Dir::Request => "request-enum-value-removed",
                    Dir::Response => "response-enum-value-removed",
                };
                self.emit_value(
                    id,
                    at,
                    format!(
                        "enum {} ({}) no longer has the value {}",
                        tj.name.wire,
                        at.describe(),
                        literal_text(&v.value)
                    ),
                    Some(v.value.clone()),
                );
            }
        }
        for w in &q.values {
            if !p.values.iter().any(|v| v.value == w.value) {
                let id = match dir {
                    Dir::Request => "request-enum-value-added",
                    Dir::Response => "response-enum-value-added",
                };
                self.emit_value(
                    id,
                    at,
                    format!(
                        "enum {} ({}) has the new value {}",
                        tj.name.wire,
                        at.describe(),
                        literal_text(&w.value)
                    ),
                    Some(w.value.clone()),
                );
            }
        }
    }

    fn variant_key(api: &Api, u: &UnionType, i: usize) -> String {
        let v = &u.variants[i];
        if let Some(tag) = v.tags.first() {
            return format!("tag:{tag}");
        }
        let (t, _) = resolve(api, &v.ty);
        match t {
            TypeRef::Named { id } => format!("named:{}", api.ty(*id).name.wire),
            TypeRef::Primitive { ty } => format!("prim:{}", prim_name(*ty)),
            TypeRef::Array { .. } => "array".into(),
            TypeRef::Map { .. } => "map".into(),
            TypeRef::Literal { value } => format!("lit:{}", literal_text(value)),
            TypeRef::Any => "any".into(),
            TypeRef::Nullable { .. } => "nullable".into(),
        }
    }

    fn union(&mut self, dir: Dir, p: &UnionType, q: &UnionType, at: &At) {
        let (old, new) = (self.old, self.new);
        let pk: Vec<String> = (0..p.variants.len())
            .map(|i| Self::variant_key(old, p, i))
            .collect();
        let qk: Vec<String> = (0..q.variants.len())
            .map(|i| Self::variant_key(new, q, i))
            .collect();
        for (i, k) in pk.iter().enumerate() {
            match qk.iter().position(|x| x == k) {
                Some(j) => {
                    let vat = at.child(&format!("<{}>", k.split(':').nth(1).unwrap_or(k)), "", "");
                    let vat = At {
                        path: at.path.clone(),
                        segs: at.segs.clone(),
                        ..vat
                    };
                    self.types(dir, &p.variants[i].ty, &q.variants[j].ty, &vat);
                }
                None => {
                    let id = match dir {
                        Dir::Request => "request-union-variant-removed",
                        Dir::Response => "response-union-variant-removed",
                    };
                    self.emit_at(
                        id,
                        at,
                        format!(
                            "{} no longer has the variant {}",
                            at.describe(),
                            k.split_once(':').map(|x| x.1).unwrap_or(k)
                        ),
                    );
                }
            }
        }
        for k in &qk {
            if !pk.contains(k) {
                let id = match dir {
                    Dir::Request => "request-union-variant-added",
                    Dir::Response => "response-union-variant-added",
                };
                self.emit_at(
                    id,
                    at,
                    format!(
                        "{} has the new variant {}",
                        at.describe(),
                        k.split_once(':').map(|x| x.1).unwrap_or(k)
                    ),
                );
            }
        }
    }

    /// Old: one type; new: a union (a oneOf/anyOf around it, or something else).
    fn single_to_union(&mut self, dir: Dir, x: &TypeRef, y: &TypeRef, at: &At) {
        let id = match dir {
            Dir::Request => "request-union-variant-added",
            Dir::Response => "response-union-variant-added",
        };
        self.emit_at(
            id,
            at,
            format!(
                "{} became {} (was {})",
                at.describe(),
                describe_type(self.new, y),
                describe_type(self.old, x)
            ),
        );
    }

    /// Old: a union; new: one type.
    fn union_to_single(&mut self, dir: Dir, x: &TypeRef, y: &TypeRef, at: &At) {
        let id = match dir {
            Dir::Request => "request-union-variant-removed",
            Dir::Response => "response-union-variant-removed",
        };
        self.emit_at(
            id,
            at,
            format!(
                "{} became {} (was {})",
                at.describe(),
                describe_type(self.new, y),
                describe_type(self.old, x)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_blank_parameter_names() {
        assert_eq!(shape("/a/{id}/b/"), "/a/{}/b");
        assert_eq!(shape("/"), "/");
        assert_eq!(strip("/api/v1/x", &["api".into(), "v1".into()]), "/x");
        assert_eq!(strip("/other", &["api".into()]), "/other");
    }
}
