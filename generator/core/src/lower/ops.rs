//! Paths and operations -> IR operations (parameters, bodies, responses, pagination).

use super::schema::{docs_of, literal_of, Hint};
use super::Lowerer;
use crate::ir::*;
use crate::load::Loc;
use crate::upgrade::is_method;
use serde_json::Value;

/// An operation before grouping, with what grouping needs to know.
pub(crate) struct RawOp {
    pub op: Operation,
    pub tags: Vec<String>,
    pub sdk_group: Option<String>,
    pub sdk_name: Option<String>,
}

const METHODS: [(&str, HttpMethod); 8] = [
    ("get", HttpMethod::Get),
    ("put", HttpMethod::Put),
    ("post", HttpMethod::Post),
    ("delete", HttpMethod::Delete),
    ("options", HttpMethod::Options),
    ("head", HttpMethod::Head),
    ("patch", HttpMethod::Patch),
    ("trace", HttpMethod::Trace),
];

impl Lowerer {
    pub(crate) fn operations(&mut self, root: &Loc, doc: &Value) -> Vec<RawOp> {
        let mut out = Vec::new();
        let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
            self.warn(&root.child("paths"), "the spec has no `paths`");
            return out;
        };
        let mut seen_ids = std::collections::HashSet::new();
        for path in paths.keys() {
            let ploc = root.child("paths").child(path);
            let Some((iloc, item)) = self.resolve_object(&ploc) else {
                continue;
            };
            let Some(item_map) = item.as_object() else {
                continue;
            };
            for (key, method) in METHODS {
                let Some(opv) = item_map.get(key) else {
                    continue;
                };
                if !opv.is_object() {
                    continue;
                }
                let oloc = iloc.child(key);
                if let Some(op) =
                    self.operation(&iloc, &oloc, &item, opv, path, method, doc, &mut seen_ids)
                {
                    out.push(op);
                }
            }
            for k in item_map.keys() {
                if !is_method(k)
                    && !matches!(
                        k.as_str(),
                        "parameters" | "summary" | "description" | "servers" | "$ref"
                    )
                    && !k.starts_with("x-")
                {
                    self.warn(
                        &iloc.child(k),
                        format!("unknown path item key `{k}` ignored"),
                    );
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        iloc: &Loc,
        oloc: &Loc,
        item: &Value,
        opv: &Value,
        path: &str,
        method: HttpMethod,
        doc: &Value,
        seen_ids: &mut std::collections::HashSet<String>,
    ) -> Option<RawOp> {
        let op_id_raw = opv
            .get("operationId")
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty());
        let mut id = match op_id_raw {
            Some(s) => Name::new(s),
            None => synthesize_id(method, path),
        };
        if !seen_ids.insert(id.words.join("_")) {
            self.warn(
                oloc,
                format!(
                    "duplicate operationId `{}`; renamed from its method and path",
                    id.wire
                ),
            );
            id = synthesize_id(method, path);
            seen_ids.insert(id.words.join("_"));
        }
        let mut docs = docs_of(opv);
        docs.summary = opv
            .get("summary")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let hint = Hint(id.words.clone());

        // Parameters: path-level, overridden by operation-level with the same (name, in).
        let mut raw_params: Vec<(Loc, Value)> = Vec::new();
        for (base, v) in [(iloc, item), (oloc, opv)] {
            let n = v
                .get("parameters")
                .and_then(Value::as_array)
                .map(Vec::len)
                .unwrap_or(0);
            for i in 0..n {
                let loc = base.child("parameters").index(i);
                let Some((rl, p)) = self.resolve_object(&loc) else {
                    continue;
                };
                let key = (p.get("name").cloned(), p.get("in").cloned());
                raw_params.retain(|(_, q)| (q.get("name").cloned(), q.get("in").cloned()) != key);
                raw_params.push((rl, p));
            }
        }
        let mut params = Vec::new();
        for (ploc, p) in raw_params {
            if let Some(param) = self.param(&ploc, &p, &hint) {
                params.push(param);
            }
        }
        // Path parameters named in the template but not declared: strings.
        for seg in path_params(path) {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.name.wire == seg)
            {
                self.warn(
                    oloc,
                    format!("path parameter `{seg}` is not declared; assumed to be a string"),
                );
                params.push(Param {
                    name: Name::new(seg),
                    location: ParamLocation::Path,
                    ty: TypeRef::prim(Primitive::String),
                    required: true,
                    docs: Docs::default(),
                    default: None,
                    constraints: Constraints::default(),
                    explode: false,
                    style: ParamStyle::Simple,
                    format: None,
                    example: None,
                    pointer: self.store.describe(oloc),
                });
            }
        }
        let order = path_params(path);
        params.retain(|p| p.location != ParamLocation::Path || order.contains(&p.name.wire));
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => order.iter().position(|x| *x == p.name.wire).unwrap_or(0),
            _ => usize::MAX,
        });

        let body = if opv.get("requestBody").is_some() {
            self.request_body(&oloc.child("requestBody"), &hint)
        } else {
            None
        };
        let (response, errors, responses) = self.responses(oloc, opv, &hint);
        let pagination = self.pagination(oloc, opv, &params, &response);
        let security = super::security_requirements(opv.get("security"));
        let scopes = super::security_scopes(opv.get("security").or_else(|| doc.get("security")));

        Some(RawOp {
            op: Operation {
                method_name: id.clone(),
                id,
                method,
                path: path.to_string(),
                docs,
                params,
                body,
                response,
                errors,
                pagination,
                security,
                pointer: self.store.describe(oloc),
                responses,
                scopes,
            },
            tags: opv
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            sdk_group: opv
                .get("x-sdk-group")
                .and_then(Value::as_str)
                .map(str::to_string),
            sdk_name: opv
                .get("x-sdk-name")
                .and_then(Value::as_str)
                .map(str::to_string),
        })
    }

    fn param(&mut self, loc: &Loc, p: &Value, hint: &Hint) -> Option<Param> {
        let Some(name) = p.get("name").and_then(Value::as_str) else {
            self.warn(loc, "parameter without a name ignored");
            return None;
        };
        let location = match p.get("in").and_then(Value::as_str) {
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            Some("header") => ParamLocation::Header,
            Some("cookie") => ParamLocation::Cookie,
            other => {
                self.warn(
                    loc,
                    format!("parameter `{name}` has unsupported location {other:?}; ignored"),
                );
                return None;
            }
        };
        if location == ParamLocation::Header
            && matches!(
                name.to_ascii_lowercase().as_str(),
                "accept" | "content-type" | "authorization"
            )
        {
            return None;
        }
        let phint = hint.child(name);
        let sloc = if p.get("schema").is_some() {
            Some(loc.child("schema"))
        } else if let Some(content) = p.get("content").and_then(Value::as_object) {
            content
                .keys()
                .next()
                .map(|m| loc.child("content").child(m).child("schema"))
        } else {
            None
        };
        let ty = match &sloc {
            Some(sloc) => self.schema(sloc, &phint, 0),
            None if p.get("content").is_some() => TypeRef::Any,
            None => TypeRef::prim(Primitive::String),
        };
        let constraints = match &sloc {
            Some(sloc) => self.constraints_at(sloc, 0),
            None => Constraints::default(),
        };
        let schema = p.get("schema").cloned().unwrap_or(Value::Null);
        let format = match &sloc {
            Some(sloc) => {
                let target = self.deref_chain(sloc);
                self.store
                    .get(&target)
                    .and_then(|s| s.get("format"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }
            None => None,
        };
        let style = match p.get("style").and_then(Value::as_str) {
            Some("form") => ParamStyle::Form,
            Some("simple") => ParamStyle::Simple,
            Some("label") => ParamStyle::Label,
            Some("matrix") => ParamStyle::Matrix,
            Some("spaceDelimited") => ParamStyle::SpaceDelimited,
            Some("pipeDelimited") => ParamStyle::PipeDelimited,
            Some("deepObject") => ParamStyle::DeepObject,
            Some(other) => {
                self.warn(
                    &loc.child("style"),
                    format!("unknown parameter style `{other}`; the location's default is used"),
                );
                default_style(location)
            }
            None => default_style(location),
        };
        let explode = p
            .get("explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == ParamStyle::Form);
        let mut docs = docs_of(p);
        if docs.description.is_none() {
            docs.description = docs_of(&schema).description;
        }
        let example = p
            .get("example")
            .cloned()
            .or_else(|| self.first_named_example(&loc.child("examples")))
            .or_else(|| {
                let s = self.deref_chain(sloc.as_ref()?);
                schema_example(self.store.get(&s)?)
            });
        Some(Param {
            name: Name::new(name),
            location,
            ty,
            required: location == ParamLocation::Path
                || p.get("required").and_then(Value::as_bool).unwrap_or(false),
            docs,
            default: schema.get("default").map(literal_of),
            constraints,
            explode,
            style,
            format,
            example,
            pointer: self.store.describe(loc),
        })
    }

    fn request_body(&mut self, loc: &Loc, hint: &Hint) -> Option<RequestBody> {
        let (bloc, body) = self.resolve_object(loc)?;
        let content = body.get("content").and_then(Value::as_object)?;
        let pick = |pred: &dyn Fn(&str) -> bool| {
            content
                .keys()
                .find(|k| pred(&k.to_ascii_lowercase()))
                .cloned()
        };
        // JSON first, also when multipart is offered beside it. (Preferring multipart for
        // bodies with file properties was tried and reverted: the SDKs type a file inside a
        // union as bytes, so OpenAI's samples stopped type-checking.)
        let (media, encoding) =
            if let Some(m) = pick(&|k| k.starts_with("application/json") || k.contains("+json")) {
                (m, BodyEncoding::Json)
            } else if let Some(m) = pick(&|k| k.contains("json")) {
                (m, BodyEncoding::Json)
            } else if let Some(m) = pick(&|k| k.starts_with("multipart/")) {
                (m, BodyEncoding::Multipart)
            } else if let Some(m) = pick(&|k| k.starts_with("application/x-www-form-urlencoded")) {
                (m, BodyEncoding::FormUrlEncoded)
            } else if let Some(m) = pick(&|k| k.starts_with("text/")) {
                (m, BodyEncoding::Text)
            } else if let Some(m) = pick(&|k| k == "*/*" || k == "application/*")
                .filter(|m| content.get(m).is_some_and(|c| structured(c.get("schema"))))
            {
                // Any media type, and a schema that is not raw bytes (Swagger 2.0's
                // `consumes: ["*/*"]`): the document goes as JSON.
                (m, BodyEncoding::Json)
            } else if let Some(m) = content.keys().next().cloned() {
                (m, BodyEncoding::Binary)
            } else {
                return None;
            };
        let sloc = bloc.child("content").child(&media).child("schema");
        let bhint = Hint(hint.0.clone()).child("request");
        let mut ty = if self.store.get(&sloc).is_some() {
            self.schema(&sloc, &bhint, 0)
        } else {
            match encoding {
                BodyEncoding::Json => TypeRef::Any,
                BodyEncoding::Text => TypeRef::prim(Primitive::String),
                _ => TypeRef::prim(Primitive::Binary),
            }
        };
        let mut encoding = encoding;
        if matches!(
            encoding,
            BodyEncoding::Multipart | BodyEncoding::FormUrlEncoded
        ) && !self.is_object(&ty)
        {
            self.warn(
                &sloc,
                "form body is not an object schema; sent as raw bytes instead",
            );
            encoding = BodyEncoding::Binary;
            ty = TypeRef::prim(Primitive::Binary);
        }
        if encoding == BodyEncoding::Binary {
            ty = TypeRef::prim(Primitive::Binary);
        }
        let mut docs = docs_of(&body);
        if docs.description.is_none() {
            if let Some(s) = self.store.get(&sloc).cloned() {
                docs.description = docs_of(&s).description;
            }
        }
        let examples = self.media_examples(&bloc.child("content").child(&media), &media);
        let media_type = if encoding == BodyEncoding::Json && media.contains('*') {
            "application/json".to_string()
        } else {
            media
        };
        Some(RequestBody {
            encoding,
            ty,
            required: body
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            docs,
            media_type,
            examples,
        })
    }

    /// The examples of a media type object: its `example`, else each of its `examples`
    /// (followed through `$ref`; entries with only an `externalValue` are left out, since
    /// nothing is fetched), else its schema's example.
    fn media_examples(&mut self, mloc: &Loc, media: &str) -> Vec<Example> {
        let Some(m) = self.store.get(mloc).cloned() else {
            return Vec::new();
        };
        let one = |name: Option<String>, summary: Option<String>, value: Value| Example {
            media_type: media.to_string(),
            name,
            summary,
            value,
        };
        if let Some(v) = m.get("example") {
            return vec![one(None, None, v.clone())];
        }
        let mut out = Vec::new();
        if let Some(map) = m.get("examples").and_then(Value::as_object) {
            for key in map.keys() {
                let Some((_, ex)) = self.resolve_object(&mloc.child("examples").child(key)) else {
                    continue;
                };
                if let Some(v) = ex.get("value") {
                    let summary = ex
                        .get("summary")
                        .and_then(Value::as_str)
                        .map(str::to_string);
                    out.push(one(Some(key.clone()), summary, v.clone()));
                }
            }
        }
        if out.is_empty() {
            let sloc = self.deref_chain(&mloc.child("schema"));
            if let Some(v) = self.store.get(&sloc).and_then(schema_example) {
                out.push(one(None, None, v));
            }
        }
        out
    }

    /// The value of the first entry of an `examples` map (a parameter's).
    fn first_named_example(&mut self, loc: &Loc) -> Option<Value> {
        let map = self.store.get(loc)?.as_object()?.clone();
        map.keys().find_map(|k| {
            let (_, ex) = self.resolve_object(&loc.child(k))?;
            ex.get("value").cloned()
        })
    }

    /// True when `ty` is a named object type (through aliases).
    pub(crate) fn is_object(&mut self, ty: &TypeRef) -> bool {
        self.drain();
        let mut cur = ty.clone();
        for _ in 0..16 {
            match cur {
                TypeRef::Named { id } => match &self.types[id.0].kind {
                    TypeKind::Object(_) => return true,
                    TypeKind::Alias { target } => cur = target.clone(),
                    _ => return false,
                },
                _ => return false,
            }
        }
        false
    }

    fn responses(
        &mut self,
        oloc: &Loc,
        opv: &Value,
        hint: &Hint,
    ) -> (ResponseKind, Vec<ErrorResponse>, Vec<ResponseInfo>) {
        let mut errors = Vec::new();
        let Some(resps) = opv.get("responses").and_then(Value::as_object) else {
            return (ResponseKind::Empty, errors, Vec::new());
        };
        let mut codes: Vec<String> = resps.keys().cloned().collect();
        let mut infos = Vec::new();
        for code in &codes {
            let rloc = oloc.child("responses").child(code);
            let (pointer, media_types, examples) = match self.resolve_object(&rloc) {
                Some((rl, r)) => {
                    let media_types: Vec<String> = r
                        .get("content")
                        .and_then(Value::as_object)
                        .map(|c| c.keys().cloned().collect())
                        .unwrap_or_default();
                    let mut examples = Vec::new();
                    for m in &media_types {
                        examples.extend(self.media_examples(&rl.child("content").child(m), m));
                    }
                    (self.store.describe(&rl), media_types, examples)
                }
                None => (self.store.describe(&rloc), Vec::new(), Vec::new()),
            };
            infos.push(ResponseInfo {
                status: code.clone(),
                media_types,
                examples,
                pointer,
            });
        }
        let success = codes
            .iter()
            .filter(|c| c.starts_with('2'))
            .min_by_key(|c| {
                if c.as_str() == "204" {
                    1000
                } else {
                    c.chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                        .parse::<u32>()
                        .unwrap_or(299)
                }
            })
            .cloned()
            .or_else(|| {
                if codes
                    .iter()
                    .any(|c| c.starts_with('2') || c.starts_with('1') || c.starts_with('3'))
                {
                    None
                } else {
                    codes.iter().find(|c| *c == "default").cloned()
                }
            });
        let response = match &success {
            Some(code) => {
                let rloc = oloc.child("responses").child(code);
                self.response_kind(&rloc, &Hint(hint.0.clone()).child("response"))
            }
            None => ResponseKind::Empty,
        };
        codes.retain(|c| {
            c.starts_with('4')
                || c.starts_with('5')
                || (c == "default" && success.as_deref() != Some("default"))
        });
        for code in codes {
            let rloc = oloc.child("responses").child(&code);
            let Some((rl, r)) = self.resolve_object(&rloc) else {
                continue;
            };
            let ty = match r.get("content").and_then(Value::as_object) {
                Some(c) => match c.keys().find(|k| k.contains("json")).cloned() {
                    Some(m) if c.get(&m).and_then(|x| x.get("schema")).is_some() => {
                        Some(self.schema(
                            &rl.child("content").child(&m).child("schema"),
                            &Hint(hint.0.clone()).child(&format!("error {code}")),
                            0,
                        ))
                    }
                    _ => None,
                },
                None => None,
            };
            errors.push(ErrorResponse {
                status: code,
                ty,
                docs: docs_of(&r),
            });
        }
        (response, errors, infos)
    }

    fn response_kind(&mut self, rloc: &Loc, hint: &Hint) -> ResponseKind {
        let Some((rl, r)) = self.resolve_object(rloc) else {
            return ResponseKind::Empty;
        };
        let Some(content) = r.get("content").and_then(Value::as_object) else {
            return ResponseKind::Empty;
        };
        if content.is_empty() {
            return ResponseKind::Empty;
        }
        let keys: Vec<String> = content.keys().cloned().collect();
        let lower = |k: &String| k.to_ascii_lowercase();
        if let Some(m) = keys
            .iter()
            .find(|k| lower(k).starts_with("text/event-stream"))
        {
            let mloc = rl.child("content").child(m);
            let media = content.get(m).cloned().unwrap_or(Value::Null);
            let mut sloc = if media.get("itemSchema").is_some() {
                mloc.child("itemSchema")
            } else {
                mloc.child("schema")
            };
            // An event described as a whole (OpenAPI 3.2's way: `data` is a string with
            // `contentMediaType` and `contentSchema`): the events' type is the data's.
            let data = self
                .store
                .get(&sloc)
                .and_then(|s| s.get("properties"))
                .and_then(|p| p.get("data"));
            if data.is_some_and(|d| d.get("contentSchema").is_some()) {
                sloc = sloc
                    .child("properties")
                    .child("data")
                    .child("contentSchema");
            }
            let ty = if self.store.get(&sloc).is_some() {
                self.schema(&sloc, &hint.child("event"), 0)
            } else {
                TypeRef::Any
            };
            return ResponseKind::EventStream { ty };
        }
        if let Some(m) = keys
            .iter()
            .find(|k| lower(k).contains("json"))
            .or_else(|| keys.iter().find(|k| k.as_str() == "*/*"))
        {
            let sloc = rl.child("content").child(m).child("schema");
            if self.store.get(&sloc).is_some() {
                let ty = self.schema(&sloc, hint, 0);
                if ty == TypeRef::prim(Primitive::Binary) {
                    return ResponseKind::Binary {
                        media_type: m.clone(),
                    };
                }
                return ResponseKind::Json { ty };
            }
            return ResponseKind::Json { ty: TypeRef::Any };
        }
        let m = &keys[0];
        let l = lower(m);
        let sloc = rl.child("content").child(m).child("schema");
        let is_binary = self
            .store
            .get(&sloc)
            .and_then(|s| s.get("format"))
            .and_then(Value::as_str)
            == Some("binary");
        if (l.starts_with("text/")
            || l.contains("xml")
            || l.contains("subrip")
            || l.contains("csv"))
            && !is_binary
        {
            ResponseKind::Text {
                media_type: m.clone(),
            }
        } else {
            ResponseKind::Binary {
                media_type: m.clone(),
            }
        }
    }

    fn pagination(
        &mut self,
        oloc: &Loc,
        opv: &Value,
        params: &[Param],
        response: &ResponseKind,
    ) -> Option<Pagination> {
        let ResponseKind::Json { ty } = response else {
            return None;
        };
        let fields = self.object_fields(ty)?;
        let field_ty = |name: &str| {
            fields
                .iter()
                .find(|f| f.name.wire == name)
                .map(|f| f.ty.clone())
        };
        let items_of = |name: &str| match field_ty(name).map(|t| t.non_null().clone()) {
            Some(TypeRef::Array { items }) => Some(*items),
            _ => None,
        };
        if let Some(x) = opv.get("x-pagination") {
            let get = |k: &str| x.get(k).and_then(Value::as_str).map(str::to_string);
            let cursor_param = get("cursor_param").unwrap_or_else(|| "cursor".into());
            let items_field = get("items_field").unwrap_or_else(|| "data".into());
            let Some(item) = items_of(&items_field) else {
                self.warn(&oloc.child("x-pagination"), format!("`items_field` `{items_field}` is not an array field of the response; pagination ignored"));
                return None;
            };
            let next = match (get("next_cursor_field"), get("last_item_field")) {
                (Some(f), _) => CursorSource::ResponseField(f),
                (None, Some(f)) => CursorSource::LastItemField(f),
                (None, None) => CursorSource::ResponseField("next_cursor".into()),
            };
            return Some(Pagination {
                cursor_param,
                next_cursor: next,
                items_field,
                item,
                has_more_field: get("has_more_field"),
            });
        }
        // Heuristics for common cursor shapes.
        let query = |n: &str| {
            params
                .iter()
                .any(|p| p.location == ParamLocation::Query && p.name.wire == n)
        };
        let items_field = ["data", "items", "results", "entries", "records"]
            .into_iter()
            .find(|f| items_of(f).is_some())?
            .to_string();
        let item = items_of(&items_field)?;
        let has_more_field = ["has_more", "hasMore"]
            .into_iter()
            .find(|f| field_ty(f).is_some())
            .map(str::to_string);
        for (param, field) in [
            ("cursor", "next_cursor"),
            ("cursor", "cursor"),
            ("page_token", "next_page_token"),
            ("pageToken", "nextPageToken"),
            ("after", "next_cursor"),
            ("continuation_token", "continuation_token"),
        ] {
            if query(param) && field_ty(field).is_some() {
                return Some(Pagination {
                    cursor_param: param.into(),
                    next_cursor: CursorSource::ResponseField(field.into()),
                    items_field,
                    item,
                    has_more_field,
                });
            }
        }
        if query("starting_after")
            && has_more_field.is_some()
            && self
                .object_fields(&item)
                .is_some_and(|f| f.iter().any(|x| x.name.wire == "id"))
        {
            return Some(Pagination {
                cursor_param: "starting_after".into(),
                next_cursor: CursorSource::LastItemField("id".into()),
                items_field,
                item,
                has_more_field,
            });
        }
        None
    }

    /// The fields of a named object type (through aliases and nullability).
    pub(crate) fn object_fields(&mut self, ty: &TypeRef) -> Option<Vec<Field>> {
        self.drain();
        let mut cur = ty.non_null().clone();
        for _ in 0..16 {
            match cur {
                TypeRef::Named { id } => match &self.types[id.0].kind {
                    TypeKind::Object(o) => return Some(o.fields.clone()),
                    TypeKind::Alias { target } => cur = target.non_null().clone(),
                    _ => return None,
                },
                _ => return None,
            }
        }
        None
    }
}

fn default_style(location: ParamLocation) -> ParamStyle {
    match location {
        ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
        ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
    }
}

/// `{a}` and `{b}` of `/x/{a}/y/{b}`, in order.
pub(crate) fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + end];
        if !name.is_empty() && !out.iter().any(|x| x == name) {
            out.push(name.to_string());
        }
        rest = &rest[start + end + 1..];
    }
    out
}

/// `GET /users/{id}/posts` -> `get_users_id_posts`-like words.
fn synthesize_id(method: HttpMethod, path: &str) -> Name {
    let mut words = vec![method.as_str().to_ascii_lowercase()];
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('{') {
            words.push("by".into());
        }
        words.extend(crate::words::split_words(seg));
    }
    Name::from_words(words)
}

/// A schema's `example`, or the first of its (JSON Schema) `examples` array.
pub(crate) fn schema_example(schema: &Value) -> Option<Value> {
    schema
        .get("example")
        .cloned()
        .or_else(|| schema.get("examples")?.as_array()?.first().cloned())
}

/// True when a media type's `schema` describes a document rather than raw bytes: a
/// reference, or any schema but a string (`format: binary` or none at all).
fn structured(schema: Option<&Value>) -> bool {
    let Some(s) = schema.and_then(Value::as_object) else {
        return false;
    };
    if s.contains_key("$ref") {
        return true;
    }
    match s.get("type").and_then(Value::as_str) {
        Some("string") | None => {
            s.contains_key("properties") || s.contains_key("allOf") || s.contains_key("oneOf")
        }
        Some(_) => true,
    }
}
