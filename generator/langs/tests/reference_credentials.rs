//! Every SDK's REFERENCE.md says which credentials an operation takes where they differ from
//! the API's default (the README's authentication section points there), spelled as the
//! README spells the client's options (spec/fixtures/auth.yaml).

mod common;

#[test]
fn reference_names_the_credentials_of_operations_that_differ() {
    let api = common::fixture("auth.yaml");
    for lang in ["python", "typescript", "go", "java", "csharp"] {
        let files = sdkgen_langs::generate(lang, &api, None).expect(lang);
        let text = |name: &str| {
            files
                .iter()
                .find(|f| f.path == std::path::Path::new(name))
                .map(|f| f.contents.clone())
                .unwrap_or_else(|| panic!("{lang}: no {name}"))
        };
        let reference = text("REFERENCE.md");
        let readme = text("README.md");
        let notes: Vec<&str> = reference
            .lines()
            .filter(|l| l.starts_with("Credentials: "))
            .collect();
        // getReport (AND), getSession (cookie), getStatus (none), getFeed (optional),
        // getAdmin (OR); listItems uses the default and says nothing.
        assert_eq!(notes.len(), 5, "{lang}:\n{}", notes.join("\n"));
        assert!(
            notes.iter().any(|n| n.contains(" and ")),
            "{lang}: {notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains(", or none")),
            "{lang}: {notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains("sends none")),
            "{lang}: {notes:?}"
        );
        // Each option named in a note is one the README's table lists.
        for n in &notes {
            for option in n.split('`').skip(1).step_by(2) {
                assert!(
                    readme.contains(&format!("`{option}`")),
                    "{lang}: {option} not in the README"
                );
            }
        }
    }
}
