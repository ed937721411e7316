//! Each breaking class on a small pair of specs: the rule, its level, the operation and
//! pointers into both specs. Changes reached through `$ref`s, allOf and oneOf are found and
//! reported once per operation.

use sdkgen_diff::{diff_on, Change, Level};

fn load(text: &str) -> sdkgen_core::ir::Api {
    let dir =
        std::env::temp_dir().join(format!("sdkgen-diff-{}-{}", std::process::id(), text.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!(
        "{:x}.yaml",
        text.bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
    ));
    std::fs::write(&p, text).unwrap();
    sdkgen_core::load_path(&p)
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
        .api
}

/// A spec with one `POST /things/{id}` operation whose parts are given.
fn spec(params: &str, body: &str, responses: &str, schemas: &str, extra_op: &str) -> String {
    format!(
        r#"openapi: 3.1.0
info: {{title: T, version: "1"}}
paths:
  /things/{{id}}:
    post:
      operationId: updateThing
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
{params}
{body}
      responses:
{responses}
{extra_op}
components:
  schemas:
    Thing:
      type: object
      required: [id, status]
      properties:
        id: {{type: string}}
        status: {{$ref: '#/components/schemas/Status'}}
        size: {{type: integer}}
{schemas}
    Status:
      type: string
      enum: [active, done]
"#
    )
}

const OK: &str = "        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}";

fn changes(old: &str, new: &str) -> Vec<Change> {
    diff_on(&load(old), &load(new), Some("2026-12-02"))
}

fn has(cs: &[Change], id: &str) -> Change {
    cs.iter()
        .find(|c| c.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no `{id}` in {cs:#?}"))
}

#[test]
fn identical_specs_have_no_changes() {
    let s = spec("", "", OK, "", "");
    assert!(changes(&s, &s).is_empty());
}

#[test]
fn operation_removed_and_added() {
    let extra = "  /other:\n    get:\n      operationId: other\n      responses: {'204': {description: none}}";
    let a = spec("", "", OK, "", extra);
    let b = spec("", "", OK, "", "");
    let c = has(&changes(&a, &b), "operation-removed");
    assert_eq!(c.level, Level::Breaking);
    assert_eq!(c.operation, "GET /other");
    assert_eq!(c.old_pointer, "/paths/~1other/get");
    assert_eq!(c.new_pointer, "");
    let c = has(&changes(&b, &a), "operation-added");
    assert_eq!(c.level, Level::Info);
}

#[test]
fn parameters_added_required_made_required_and_moved() {
    let a = spec(
        "        - {name: q, in: query, schema: {type: string}}",
        "",
        OK,
        "",
        "",
    );
    let b = spec("        - {name: q, in: query, required: true, schema: {type: string}}\n        - {name: r, in: query, required: true, schema: {type: string}}", "", OK, "", "");
    let cs = changes(&a, &b);
    let c = has(&cs, "parameter-became-required");
    assert_eq!(c.operation, "POST /things/{id}");
    assert_eq!(c.old_pointer, "/paths/~1things~1{id}/post/parameters/1");
    assert_eq!(has(&cs, "parameter-added-required").level, Level::Breaking);
    let moved = spec(
        "        - {name: q, in: header, schema: {type: string}}",
        "",
        OK,
        "",
        "",
    );
    assert_eq!(
        has(&changes(&a, &moved), "parameter-moved").level,
        Level::Breaking
    );
}

#[test]
fn request_property_added_required_made_required_and_type_changed() {
    let body = |req: &str, ty: &str| {
        format!("      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              type: object\n              required: [{req}]\n              properties:\n                name: {{type: string}}\n                count: {{type: {ty}}}")
    };
    let a = spec("", &body("name", "integer"), OK, "", "");
    let b = spec("", &body("name, count", "string"), OK, "", "");
    let cs = changes(&a, &b);
    assert_eq!(
        has(&cs, "request-property-became-required").level,
        Level::Breaking
    );
    let t = has(&cs, "request-type-changed");
    assert!(t.message.contains("`count`"), "{}", t.message);
}

#[test]
fn response_property_removed_optional_nullable_through_refs_reported_once() {
    // Thing is reached twice (the response and an array of it): each change once.
    let twice = "        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  one: {$ref: '#/components/schemas/Thing'}\n                  many: {type: array, items: {$ref: '#/components/schemas/Thing'}}";
    let a = spec("", "", twice, "", "");
    let b = spec("", "", twice, "", "")
        .replace("required: [id, status]", "required: [id]")
        .replace("size: {type: integer}", "extra: {type: string}")
        .replace("id: {type: string}", "id: {type: [string, 'null']}");
    let cs = changes(&a, &b);
    for id in [
        "response-property-removed",
        "response-property-became-optional",
        "response-became-nullable",
    ] {
        let n = cs.iter().filter(|c| c.id == id).count();
        assert_eq!(n, 1, "{id} reported {n} times: {cs:#?}");
        assert_eq!(has(&cs, id).level, Level::Breaking);
    }
    assert_eq!(
        has(&cs, "response-property-removed").old_pointer,
        "/components/schemas/Thing/properties/size"
    );
}

#[test]
fn enum_values_by_direction() {
    let q = "        - {name: s, in: query, schema: {$ref: '#/components/schemas/Status'}}";
    let a = spec(q, "", OK, "", "");
    let b = spec(q, "", OK, "", "").replace("enum: [active, done]", "enum: [active, archived]");
    let cs = changes(&a, &b);
    assert_eq!(
        has(&cs, "request-enum-value-removed").level,
        Level::Breaking
    );
    assert_eq!(has(&cs, "response-enum-value-added").level, Level::Breaking);
    assert_eq!(has(&cs, "response-enum-value-removed").level, Level::Info);
}

#[test]
fn format_default_security_status_and_media_type() {
    let a = spec("        - {name: since, in: query, schema: {type: string, format: date}}\n        - {name: limit, in: query, schema: {type: integer, default: 10}}", "", OK, "", "");
    let b = spec("        - {name: since, in: query, schema: {type: string, format: date-time}}\n        - {name: limit, in: query, schema: {type: integer, default: 20}}", "", &OK.replace("'200'", "'201'").replace("application/json", "application/xml"), "", "")
        .replace("      responses:", "      security: [{key: []}]\n      responses:");
    let b = b.replace(
        "components:\n",
        "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n",
    );
    let cs = changes(&a, &b);
    assert_eq!(has(&cs, "parameter-format-changed").level, Level::Breaking);
    assert_eq!(has(&cs, "parameter-default-changed").level, Level::Warning);
    assert_eq!(has(&cs, "security-added").level, Level::Breaking);
    assert_eq!(has(&cs, "success-status-removed").level, Level::Breaking);
}

#[test]
fn media_type_removed_and_union_variants() {
    let two = "        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}\n            text/csv:\n              schema: {type: string}";
    let pets_a = "    Pet:\n      oneOf:\n        - {$ref: '#/components/schemas/Cat'}\n        - {$ref: '#/components/schemas/Dog'}\n    Cat: {type: object, properties: {meow: {type: boolean}}}\n    Dog: {type: object, properties: {bark: {type: boolean}}}";
    let pets_b = "    Pet:\n      oneOf:\n        - {$ref: '#/components/schemas/Cat'}\n        - {$ref: '#/components/schemas/Dog'}\n        - {$ref: '#/components/schemas/Cow'}\n    Cat: {type: object, properties: {meow: {type: string}}}\n    Dog: {type: object, properties: {bark: {type: boolean}}}\n    Cow: {type: object, properties: {moo: {type: boolean}}}";
    let one = "        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Pet'}";
    let a = spec("", "", two, pets_a, "");
    let b = spec("", "", one, pets_b, "");
    let cs = changes(&a, &b);
    assert_eq!(
        has(&cs, "response-media-type-removed").level,
        Level::Breaking
    );
    assert_eq!(
        has(&cs, "response-union-variant-added").level,
        Level::Breaking
    );
    // Inside the oneOf: Cat.meow changed type.
    assert!(has(&cs, "response-type-changed").message.contains("meow"));
}

#[test]
fn all_of_is_followed() {
    let body = "      requestBody:\n        content:\n          application/json:\n            schema:\n              allOf:\n                - {$ref: '#/components/schemas/Base'}\n                - {type: object, properties: {note: {type: string}}}";
    let a = spec(
        "",
        body,
        OK,
        "    Base: {type: object, properties: {tag: {type: string}}}",
        "",
    );
    let b = spec(
        "",
        body,
        OK,
        "    Base: {type: object, required: [tag], properties: {tag: {type: string}}}",
        "",
    );
    assert_eq!(
        has(&changes(&a, &b), "request-property-became-required").level,
        Level::Breaking
    );
}

#[test]
fn our_spec_v1_to_v2_matches_its_change_list() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/openapi");
    let old = sdkgen_core::load_path(&root.join("v1.yaml")).unwrap().api;
    let new = sdkgen_core::load_path(&root.join("v2.yaml")).unwrap().api;
    let cs = diff_on(&old, &new, Some("2026-12-02"));
    // spec/openapi/CHANGES.md, "Breaking changes" 1-5.
    let find = |id: &str, op: &str, text: &str| {
        assert!(
            cs.iter()
                .any(|c| c.id == id && c.operation == op && c.message.contains(text)),
            "expected {id} on {op} mentioning {text}"
        )
    };
    find(
        "response-property-removed",
        "GET /api/v2/sessions/{session_id}",
        "session_name",
    );
    find(
        "request-property-added-required",
        "POST /api/v2/sessions",
        "`name`",
    );
    find(
        "request-property-became-required",
        "POST /api/v2/sessions/{session_id}/transcribe",
        "language",
    );
    find(
        "operation-removed-before-sunset",
        "GET /api/v1/sessions/{session_id}/captions",
        "2026-12-31",
    );
    find(
        "response-enum-value-added",
        "GET /api/v2/sessions",
        "cancelled",
    );
    find(
        "response-type-widened",
        "GET /api/v2/sessions/{session_id}/transcript",
        "duration_seconds",
    );
    find(
        "response-became-nullable",
        "POST /api/v2/sessions/{session_id}/transcribe",
        "max_speakers",
    );
    find("base-path-changed", "", "/api/v2");
    assert_eq!(sdkgen_diff::semver_bump(&cs), "major");
}

/// `POST /things/{id}`: the path parameter's schema, a body property `code`'s schema and the
/// body's example.
fn constrained(param: &str, code: &str, example: &str) -> String {
    format!(
        r#"openapi: 3.1.0
info: {{title: T, version: "1"}}
paths:
  /things/{{id}}:
    post:
      operationId: updateThing
      parameters:
        - {{name: id, in: path, required: true, schema: {param}}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                code: {code}
            example: {example}
      responses:
        '204': {{description: none}}
"#
    )
}

/// The ids of the constraint rules the pair yields.
fn constraint_rules(old: &str, new: &str) -> Vec<(&'static str, Level, String)> {
    changes(old, new)
        .into_iter()
        .filter(|c| c.id.starts_with("request-constraint"))
        .map(|c| (c.id, c.level, c.message))
        .collect()
}

fn only(rules: &[(&'static str, Level, String)], id: &str) -> String {
    assert_eq!(rules.len(), 1, "{rules:#?}");
    assert_eq!(rules[0].0, id, "{rules:#?}");
    let level = sdkgen_diff::rule(id).unwrap().level;
    assert_eq!(rules[0].1, level);
    rules[0].2.clone()
}

#[test]
fn pattern_added_is_breaking_only_when_a_documented_value_fails_it() {
    let body = ("{type: string}", "{}");
    let old = constrained("{type: string, example: '0'}", body.0, body.1);
    let new = constrained(
        "{type: string, example: '0', pattern: '^(0|[1-9][0-9]*)$'}",
        body.0,
        body.1,
    );
    let m = only(
        &constraint_rules(&old, &new),
        "request-constraint-tightened",
    );
    assert!(m.contains("path parameter `id`"), "{m}");
    // The same pattern where the old example was not a number.
    let old = constrained("{type: string, example: abc}", body.0, body.1);
    let m = only(&constraint_rules(&old, &new), "request-constraint-narrowed");
    assert!(m.contains("\"abc\""), "{m}");
    // Nothing documented: a warning.
    let old = constrained("{type: string}", body.0, body.1);
    let new = constrained("{type: string, pattern: '^[0-9]+$'}", body.0, body.1);
    only(
        &constraint_rules(&old, &new),
        "request-constraint-tightened",
    );
}

#[test]
fn pattern_changed_checks_the_values_the_old_pattern_accepted() {
    let p = |pat: &str| {
        constrained(
            &format!("{{type: string, pattern: '{pat}', enum: [ab, cd]}}"),
            "{type: string}",
            "{}",
        )
    };
    only(
        &constraint_rules(&p("^[a-z]+$"), &p("^[a-d]+$")),
        "request-constraint-tightened",
    );
    let m = only(
        &constraint_rules(&p("^[a-z]+$"), &p("^[a-c]+$")),
        "request-constraint-narrowed",
    );
    assert!(m.contains("\"cd\""), "{m}");
}

#[test]
fn body_examples_and_property_examples_are_documented_values() {
    let param = "{type: string}";
    let old = constrained(param, "{type: string}", "{code: x-1}");
    let new = |pat: &str| {
        constrained(
            param,
            &format!("{{type: string, pattern: '{pat}'}}"),
            "{code: x-1}",
        )
    };
    let m = only(
        &constraint_rules(&old, &new("^[a-z]+$")),
        "request-constraint-narrowed",
    );
    assert!(
        m.contains("`code` in the request body") && m.contains("\"x-1\""),
        "{m}"
    );
    only(
        &constraint_rules(&old, &new("^[a-z]-[0-9]$")),
        "request-constraint-tightened",
    );
    // The property's own example counts too.
    let old = constrained(param, "{type: string, example: ABC}", "{}");
    let new = constrained(
        param,
        "{type: string, example: ABC, pattern: '^[a-z]+$'}",
        "{}",
    );
    only(&constraint_rules(&old, &new), "request-constraint-narrowed");
}

#[test]
fn lengths_bounds_and_item_counts_added() {
    let body = "{type: string}";
    let case = |old: &str, new: &str| {
        constraint_rules(&constrained(old, body, "{}"), &constrained(new, body, "{}"))
    };
    // maxLength added: the example is longer / shorter.
    only(
        &case(
            "{type: string, example: abcdef}",
            "{type: string, example: abcdef, maxLength: 3}",
        ),
        "request-constraint-narrowed",
    );
    only(
        &case(
            "{type: string, example: abcdef}",
            "{type: string, example: abcdef, maxLength: 10}",
        ),
        "request-constraint-tightened",
    );
    // minLength added against an enum value.
    only(
        &case(
            "{type: string, enum: [a, bbb]}",
            "{type: string, enum: [a, bbb], minLength: 2}",
        ),
        "request-constraint-narrowed",
    );
    // maximum added against the default.
    only(
        &case(
            "{type: integer, default: 50}",
            "{type: integer, default: 50, maximum: 10}",
        ),
        "request-constraint-narrowed",
    );
    only(
        &case(
            "{type: integer, default: 50}",
            "{type: integer, default: 50, maximum: 100}",
        ),
        "request-constraint-tightened",
    );
    // An exclusive minimum equal to the example.
    only(
        &case(
            "{type: number, example: 0}",
            "{type: number, example: 0, exclusiveMinimum: 0}",
        ),
        "request-constraint-narrowed",
    );
    // A format's values: a uuid is longer than 10 characters and has letters.
    only(
        &case(
            "{type: string, format: uuid}",
            "{type: string, format: uuid, maxLength: 10}",
        ),
        "request-constraint-narrowed",
    );
    only(
        &case(
            "{type: string, format: uuid}",
            "{type: string, format: uuid, pattern: '^[0-9]+$'}",
        ),
        "request-constraint-narrowed",
    );
    only(
        &case(
            "{type: string, format: uuid}",
            "{type: string, format: uuid, pattern: '^[0-9a-fA-F-]{36}$'}",
        ),
        "request-constraint-tightened",
    );
    // maxItems added to an array property against the body example.
    let items = |c: &str| constrained("{type: string}", c, "{code: [1, 2, 3]}");
    let m = only(
        &constraint_rules(
            &items("{type: array, items: {type: integer}}"),
            &items("{type: array, items: {type: integer}, maxItems: 2}"),
        ),
        "request-constraint-narrowed",
    );
    assert!(m.contains("[1,2,3]"), "{m}");
    // A constraint on the items, against the items of the example.
    only(
        &constraint_rules(
            &items("{type: array, items: {type: integer}}"),
            &items("{type: array, items: {type: integer, maximum: 2}}"),
        ),
        "request-constraint-narrowed",
    );
    only(
        &constraint_rules(
            &items("{type: array, items: {type: integer}}"),
            &items("{type: array, items: {type: integer, maximum: 3}}"),
        ),
        "request-constraint-tightened",
    );
}

#[test]
fn tightening_an_existing_bound_is_breaking_without_examples() {
    let body = "{type: string}";
    let case = |old: &str, new: &str| {
        constraint_rules(&constrained(old, body, "{}"), &constrained(new, body, "{}"))
    };
    let m = only(
        &case(
            "{type: string, maxLength: 10}",
            "{type: string, maxLength: 5}",
        ),
        "request-constraint-narrowed",
    );
    assert!(m.contains("the old bound 10"), "{m}");
    only(
        &case("{type: integer, minimum: 1}", "{type: integer, minimum: 2}"),
        "request-constraint-narrowed",
    );
    only(
        &case(
            "{type: integer, multipleOf: 2}",
            "{type: integer, multipleOf: 4}",
        ),
        "request-constraint-narrowed",
    );
    // Looser is no change for requests.
    assert!(case(
        "{type: string, maxLength: 5}",
        "{type: string, maxLength: 10}"
    )
    .is_empty());
    assert!(case(
        "{type: integer, multipleOf: 4}",
        "{type: integer, multipleOf: 2}"
    )
    .is_empty());
}

#[test]
fn a_pattern_the_engine_cannot_compile_is_a_warning_with_a_note() {
    let body = "{type: string}";
    let old = constrained("{type: string, example: abc}", body, "{}");
    let new = constrained(
        "{type: string, example: abc, pattern: '^(?!abc)'}",
        body,
        "{}",
    );
    let m = only(
        &constraint_rules(&old, &new),
        "request-constraint-tightened",
    );
    assert!(m.contains("not checked"), "{m}");
}
