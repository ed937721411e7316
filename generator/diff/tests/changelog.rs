//! The changelog of spec/ v1 -> v2: Keep a Changelog sections in order, breaking entries first
//! in each and marked, a shared schema change listed once with every operation it reaches, and
//! the semantic-version bump.

#[test]
fn changelog_of_our_spec() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/openapi");
    let old = sdkgen_core::load_path(&root.join("v1.yaml")).unwrap().api;
    let new = sdkgen_core::load_path(&root.join("v2.yaml")).unwrap().api;
    let changes = sdkgen_diff::diff_on(&old, &new, Some("2026-12-02"));
    let text = sdkgen_diff::changelog(&old, &new, &changes);
    assert!(
        text.contains("## Video Transcriber API 2.0.0 (from 1.6.0)"),
        "{text}"
    );
    assert!(text.contains("call for a **major** version"));
    let pos = |h: &str| text.find(h).unwrap_or_else(|| panic!("no {h} in\n{text}"));
    assert!(pos("### Added") < pos("### Changed"));
    assert!(pos("### Changed") < pos("### Deprecated"));
    assert!(pos("### Deprecated") < pos("### Removed"));
    // In every section, breaking entries come first.
    for section in text.split("\n### ").skip(1) {
        let levels: Vec<u8> = section
            .lines()
            .filter(|l| l.starts_with("- "))
            .map(|l| {
                if l.starts_with("- **Breaking:**") {
                    0
                } else if l.starts_with("- **Warning:**") {
                    1
                } else {
                    2
                }
            })
            .collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{section}");
    }
    // The removed `session_name` of the shared Session schema: one entry, four operations.
    let removed: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("session_name") && l.contains("response-property-removed"))
        .collect();
    assert_eq!(removed.len(), 1, "{removed:?}");
    assert!(
        removed[0].contains("`GET /api/v2/sessions`")
            && removed[0].contains("`POST /api/v2/sessions`")
    );
    assert!(text.contains("query parameter `search` is deprecated"));
}
