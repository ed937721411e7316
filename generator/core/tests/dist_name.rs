//! `info.x-sdk-dist-name` names the package in registries; an invalid one is reported.

fn load(text: &str) -> sdkgen_core::Loaded {
    sdkgen_core::load_str("spec.yaml", text).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
}

fn spec(ext: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: Ex, version: \"1\"{ext}}}\npaths: {{}}\n")
}

#[test]
fn dist_name_is_read_from_info() {
    let l = load(&spec(", x-sdk-dist-name: videotranscriber-sdk"));
    assert_eq!(l.api.dist_name.as_deref(), Some("videotranscriber-sdk"));
    assert!(load(&spec("")).api.dist_name.is_none());
}

#[test]
fn invalid_dist_names_are_reported_and_ignored() {
    for bad in ["\"Video Transcriber\"", "\"-x\"", "\"\"", "42", "\"a/b\""] {
        let l = load(&spec(&format!(", x-sdk-dist-name: {bad}")));
        assert!(l.api.dist_name.is_none(), "{bad}");
        let text = format!("{:?}", l.diagnostics);
        assert!(text.contains("x-sdk-dist-name"), "{bad}: {text}");
    }
}

#[test]
fn local_server_is_found_by_host() {
    let servers = |urls: &[&str]| {
        let list: Vec<String> = urls.iter().map(|u| format!("{{url: \"{u}\"}}")).collect();
        format!(
            "openapi: 3.1.0\ninfo: {{title: Ex, version: \"1\"}}\nservers: [{}]\npaths: {{}}\n",
            list.join(", ")
        )
    };
    let at = |urls: &[&str]| load(&servers(urls)).api.local_server();
    assert_eq!(
        at(&["https://api.example.com", "http://127.0.0.1:8080/v1"]),
        Some(1)
    );
    assert_eq!(at(&["http://localhost", "http://[::1]:80"]), Some(0));
    assert_eq!(at(&["http://[::1]:80"]), Some(0));
    assert_eq!(
        at(&["https://localhost.example.com", "https://api.example.com"]),
        None
    );
}
