//! The generated wire types (src/wire.rs, from spec/openapi/v2.yaml): serde shapes
//! (absent vs null vs value, consts, closed enums) and `validate` paths and messages.

use serde_json::json;
use vtserver::wire::*;

fn errors_of(f: impl FnOnce(&mut Vec<ValidationError>)) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    f(&mut errors);
    errors.into_iter().map(|e| (e.field, e.message)).collect()
}

fn fields(errors: &[(String, String)]) -> Vec<&str> {
    errors.iter().map(|(f, _)| f.as_str()).collect()
}

#[test]
fn merge_patch_tells_absent_from_null() {
    let absent: SessionUpdate = serde_json::from_value(json!({"name": "x"})).unwrap();
    assert_eq!(absent.description, None);
    let null: SessionUpdate = serde_json::from_value(json!({"description": null})).unwrap();
    assert_eq!(null.description, Some(None));
    let value: SessionUpdate = serde_json::from_value(json!({"description": "d"})).unwrap();
    assert_eq!(value.description, Some(Some("d".to_string())));
    // Serialization keeps the three states.
    assert_eq!(
        serde_json::to_value(&null).unwrap(),
        json!({"description": null})
    );
    assert_eq!(serde_json::to_value(&absent).unwrap(), json!({"name": "x"}));
    // `name` is optional but not nullable: `null` is a type error, not "absent".
    assert!(serde_json::from_value::<SessionUpdate>(json!({"name": null})).is_err());
}

#[test]
fn min_properties_of_a_patch() {
    let empty: SessionUpdate = serde_json::from_value(json!({})).unwrap();
    assert_eq!(empty, SessionUpdate::default());
    let e = errors_of(|errs| empty.validate("", errs));
    assert_eq!(
        e,
        [("".to_string(), "must have at least 1 property".to_string())]
    );
    let null_only: SessionUpdate = serde_json::from_value(json!({"metadata": null})).unwrap();
    assert!(errors_of(|errs| null_only.validate("", errs)).is_empty());
}

#[test]
fn consts_and_closed_enums() {
    assert_eq!(
        serde_json::to_value(SessionObject::default()).unwrap(),
        json!("session")
    );
    assert!(serde_json::from_value::<SessionObject>(json!("sessions")).is_err());
    assert_eq!(
        serde_json::to_value(SessionStatus::Transcribing).unwrap(),
        json!("transcribing")
    );
    assert_eq!(
        SessionStatus::from_wire("queued"),
        Some(SessionStatus::Queued)
    );
    assert_eq!(SessionStatus::Failed.as_str(), "failed");
    assert!(serde_json::from_value::<SessionStatus>(json!("paused")).is_err());
}

#[test]
fn a_session_round_trips_and_required_nullable_fields_must_be_present() {
    let session = Session {
        id: "6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11".into(),
        object: SessionObject::default(),
        name: "Quarterly all-hands".into(),
        description: None,
        status: SessionStatus::Created,
        language: Some("en".into()),
        duration_seconds: None,
        video: None,
        metadata: [("team".to_string(), "people-ops".to_string())].into(),
        livemode: false,
        created_at: "2025-03-14T09:14:31Z".into(),
        updated_at: "2025-03-14T09:14:31Z".into(),
    };
    let v = serde_json::to_value(&session).unwrap();
    assert_eq!(v["object"], "session");
    assert_eq!(v["description"], serde_json::Value::Null);
    assert_eq!(v["video"], serde_json::Value::Null);
    let back: Session = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(back, session);
    let mut missing = v;
    missing.as_object_mut().unwrap().remove("description");
    assert!(serde_json::from_value::<Session>(missing).is_err());
}

#[test]
fn nested_paths_and_alias_constraints() {
    let create: SessionCreate = serde_json::from_value(json!({
        "name": "",
        "language": "EN",
        "metadata": {"team": "x".repeat(501), "k".repeat(41): "v"}
    }))
    .unwrap();
    let e = errors_of(|errs| create.validate("", errs));
    let mut f = fields(&e);
    f.sort();
    let long_key = format!("metadata.{}", "k".repeat(41));
    assert_eq!(f, ["language", long_key.as_str(), "metadata.team", "name"]);

    let opts: TranscriptionOptions = serde_json::from_value(json!({
        "language": "english!",
        "max_speakers": 0,
        "vocabulary": ["a", "b", "c", ""]
    }))
    .unwrap();
    let e = errors_of(|errs| opts.validate("", errs));
    assert_eq!(
        fields(&e),
        ["language", "max_speakers", "vocabulary.3"],
        "{e:?}"
    );
    assert!(e[1].1.contains("greater than or equal to 1"), "{e:?}");
    // A prefix for bodies nested in something else.
    let e = errors_of(|errs| opts.validate("options", errs));
    assert_eq!(e[2].0, "options.vocabulary.3");

    let ok: TranscriptionOptions =
        serde_json::from_value(json!({"language": "auto", "max_speakers": null})).unwrap();
    assert!(errors_of(|errs| ok.validate("", errs)).is_empty());
}

#[test]
fn query_structs() {
    let q: ListSessionsQuery = serde_urlencoded::from_str("limit=500&status=queued").unwrap();
    assert_eq!(q.limit, Some(500));
    assert_eq!(q.status, Some(SessionStatus::Queued));
    let e = errors_of(|errs| q.validate("", errs));
    assert_eq!(fields(&e), ["limit"]);
    let q: GetTranscriptQuery = serde_urlencoded::from_str("").unwrap();
    assert_eq!(q, GetTranscriptQuery::default());
}

#[test]
fn operations_table() {
    let create = OPERATIONS.iter().find(|o| o.id == "createSession").unwrap();
    assert_eq!((create.method, create.path), ("POST", "/api/v2/sessions"));
    assert!(OPERATIONS.len() >= 15);
}
