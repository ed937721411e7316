//! Every Go naming rule in one place: casing with Go's initialisms, escaping of
//! identifiers (keywords, digits, non-ASCII), string literals, struct tags, doc comments
//! and the mapping of IR primitives to Go types.

use sdkgen_core::ir::{Literal, Primitive};

/// Go's keywords.
pub const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

/// Predeclared identifiers, packages the generated code imports, and the runtime's
/// unexported helpers: a local or parameter must shadow none of them.
pub const RESERVED_LOCALS: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex64",
    "complex128",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "context",
    "iter",
    "io",
    "json",
    "http",
    "url",
    "option",
    "ctx",
    "opts",
    "params",
    "body",
    "r",
    "rs",
    "mp",
    "p",
    "err",
    "res",
    "form",
    "newRequest",
    "newMultipart",
    "doJSON",
    "doValue",
    "doText",
    "doBytes",
    "doEmpty",
    "doStream",
    "pages",
    "autoPage",
    "pathValue",
    "tryDecode",
    "decodeMember",
    "noMember",
    "discriminator",
    "isNull",
    "u",
    "path",
    "o",
    "req",
    "cfg",
    "c",
    "addValues",
    "newStream",
];

/// Exported names of the hand-written runtime (package scope).
pub const RUNTIME_NAMES: &[&str] = &[
    "Client",
    "NewClient",
    "APIError",
    "ProblemDetails",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "ContentTooLargeError",
    "UnsupportedMediaTypeError",
    "UnprocessableEntityError",
    "RateLimitError",
    "ClientError",
    "InternalServerError",
    "ConnectionError",
    "Nullable",
    "NewNullable",
    "Null",
    "Ptr",
    "String",
    "Int",
    "Float",
    "Bool",
    "Event",
    "Stream",
    "File",
    "NewFile",
];

const INITIALISMS: &[&str] = &[
    "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id", "ip",
    "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls", "ttl",
    "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf", "xss", "sse",
    "jwt", "sms", "ssl", "sdk",
];

fn clean(word: &str) -> String {
    word.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn cap_word(w: &str) -> String {
    match w {
        "oauth" => return "OAuth".to_string(),
        "ids" => return "IDs".to_string(),
        "urls" => return "URLs".to_string(),
        "apis" => return "APIs".to_string(),
        _ => {}
    }
    // `oauth2` (a scheme's key keeps OAuth and its version together) -> `OAuth2`.
    if let Some(v) = w.strip_prefix("oauth") {
        if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) {
            return format!("OAuth{v}");
        }
    }
    if INITIALISMS.contains(&w) {
        return w.to_ascii_uppercase();
    }
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
        None => String::new(),
    }
}

/// An exported identifier: `SessionID`, `HTTPClient`; `X2fa` when it would start with a
/// digit, `Value` when nothing usable is left.
pub fn exported(words: &[String]) -> String {
    let s: String = words.iter().map(|w| cap_word(&clean(w))).collect();
    if s.is_empty() {
        "Value".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("X{s}")
    } else {
        s
    }
}

/// The tail of an exported identifier after a prefix (`SessionStatus` + `1d`): like
/// `exported`, but a leading digit needs no `X`.
pub fn exported_tail(words: &[String]) -> String {
    let s: String = words.iter().map(|w| cap_word(&clean(w))).collect();
    if s.is_empty() {
        "Value".to_string()
    } else {
        s
    }
}

/// An unexported identifier (locals, parameters): `sessionID`; keywords and reserved
/// names are settled by the caller's allocator, digits get a `v` prefix.
pub fn local(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        let w = clean(w);
        if w.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(&w.to_ascii_lowercase());
        } else {
            out.push_str(&cap_word(&w));
        }
    }
    if out.is_empty() {
        "value".to_string()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{out}")
    } else if KEYWORDS.contains(&out.as_str()) {
        format!("{out}Value")
    } else {
        out
    }
}

/// The package name: lower-case letters and digits of the title's words.
pub fn package_name(words: &[String]) -> String {
    let s: String = words
        .iter()
        .map(|w| clean(w).to_ascii_lowercase())
        .collect();
    if s.is_empty() {
        "sdk".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) || KEYWORDS.contains(&s.as_str()) {
        format!("api{s}")
    } else {
        s
    }
}

/// A file name stem: snake case of ASCII letters and digits.
pub fn snake(words: &[String]) -> String {
    let parts: Vec<String> = words
        .iter()
        .map(|w| clean(w).to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if parts.is_empty() {
        "value".to_string()
    } else {
        parts.join("_")
    }
}

/// A Go interpreted string literal.
pub fn string_lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether encoding/json accepts `name` as a struct tag key (its `isValidTag`).
pub fn valid_json_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| "!#$%&()*+-./:;<=>?@[]^_{|}~ ".contains(c) || c.is_alphanumeric())
}

/// The Go type of a primitive in a JSON model.
pub fn primitive(p: Primitive) -> &'static str {
    match p {
        Primitive::String | Primitive::DateTime | Primitive::Date | Primitive::Uuid => "string",
        Primitive::Base64 | Primitive::Binary => "[]byte",
        Primitive::Integer | Primitive::Int64 => "int64",
        Primitive::Number => "float64",
        Primitive::Boolean => "bool",
    }
}

/// The field name of a primitive member of a union (`Prim.Int`).
pub fn primitive_member(p: Primitive) -> &'static str {
    match p {
        Primitive::Integer | Primitive::Int64 => "Int",
        Primitive::Number => "Float",
        Primitive::Boolean => "Bool",
        Primitive::Base64 | Primitive::Binary => "Bytes",
        _ => "String",
    }
}

/// The field name of a literal member of a union; `None` for null and JSON literals.
pub fn literal_member(l: &Literal) -> Option<&'static str> {
    match l {
        Literal::Integer(_) => Some("Int"),
        Literal::Number(_) => Some("Float"),
        Literal::Boolean(_) => Some("Bool"),
        Literal::String(_) => Some("String"),
        _ => None,
    }
}

/// The Go type of a literal's value.
pub fn literal_type(l: &Literal) -> &'static str {
    match l {
        Literal::String(_) => "string",
        Literal::Integer(_) => "int64",
        Literal::Number(_) => "float64",
        Literal::Boolean(_) => "bool",
        Literal::Null | Literal::Json(_) => "any",
    }
}

/// A Go float literal for spec text, when the text is one.
pub fn float_lit(s: &str) -> Option<String> {
    let ok = s.parse::<f64>().is_ok_and(|f| f.is_finite())
        && s.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        && s.chars().any(|c| c.is_ascii_digit());
    ok.then(|| {
        let t = s.trim_start_matches('+');
        if t.starts_with('.') {
            format!("0{t}")
        } else if t.starts_with("-.") {
            format!("-0{}", &t[1..])
        } else {
            t.to_string()
        }
    })
}

/// Doc comment lines (`// ...`) at an indentation, laid out so gofmt's doc comment
/// reformatting leaves them as they are: plain paragraphs (no code blocks or lists),
/// old-style headings written as `# Heading`.
pub fn doc_lines(text: &str, indent: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let mut l = raw.replace('\t', "    ").trim().to_string();
        l = l
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
            .collect();
        // gofmt's doc comment printer turns `` and '' into typographic quotes.
        l = l.replace("``", "\u{201c}").replace("''", "\u{201d}");
        if let Some(rest) = list_marker(&l) {
            l = rest;
        }
        if let Some(text) = markdown_heading(&l) {
            // A Markdown heading becomes a Go doc heading: its own paragraph.
            if lines.last().is_some_and(|p| !p.is_empty()) {
                lines.push(String::new());
            }
            lines.push(format!("# {text}"));
            lines.push(String::new());
            continue;
        }
        if l.is_empty() {
            if lines.last().is_some_and(|p| !p.is_empty()) {
                lines.push(String::new());
            }
        } else {
            lines.push(l);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    // Old-style headings become `# Heading`, as gofmt would rewrite them.
    let n = lines.len();
    let mut out_lines = lines.clone();
    for i in 0..n {
        if i >= 2
            && lines[i - 1].is_empty()
            && i + 2 < n
            && lines[i + 1].is_empty()
            && is_old_heading(&lines[i])
        {
            out_lines[i] = format!("# {}", lines[i]);
        }
    }
    // `#` lines that gofmt would take as headings stay as they are; other lines whose
    // text starts with `#` are harmless.
    let mut out = String::new();
    for l in out_lines {
        if l.is_empty() {
            out.push_str(&format!("{indent}//\n"));
        } else {
            out.push_str(&format!("{indent}// {l}\n"));
        }
    }
    out
}

/// The text of a Markdown ATX heading (`## Authentication` -> `Authentication`).
fn markdown_heading(l: &str) -> Option<String> {
    let hashes = l.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &l[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A line that starts like a list item loses its marker's list meaning: `- x` -> `– x`,
/// `1. x` -> `(1) x`.
fn list_marker(l: &str) -> Option<String> {
    let first = l.chars().next()?;
    if matches!(first, '-' | '*' | '+' | '•') {
        let rest = &l[first.len_utf8()..];
        if rest.is_empty() || rest.starts_with(' ') {
            return Some(format!("–{rest}"));
        }
        return None;
    }
    let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && digits.len() < l.len() {
        let rest = &l[digits.len()..];
        let mark = rest.chars().next()?;
        if (mark == '.' || mark == ')') && (rest.len() == 1 || rest[1..].starts_with(' ')) {
            return Some(format!("({digits}){}", &rest[1..]));
        }
    }
    None
}

/// go/doc/comment's isOldHeading, for one line whose neighbours are blank.
fn is_old_heading(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !first.is_alphabetic() || !first.is_uppercase() {
        return false;
    }
    let last = line.chars().last().unwrap_or(' ');
    if !last.is_alphanumeric() {
        return false;
    }
    if line.contains(|c: char| ";:!?+*/=[]{}_^°&§~%#@<\">\\".contains(c)) {
        return false;
    }
    let mut b = line;
    while let Some(i) = b.find('\'') {
        b = &b[i + 1..];
        if !(b == "s" || b.starts_with("s ")) {
            return false;
        }
    }
    let mut b = line;
    while let Some(i) = b.find('.') {
        b = &b[i + 1..];
        if b.is_empty() || b.starts_with(' ') {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        sdkgen_core::words::split_words(s)
    }

    #[test]
    fn casing() {
        assert_eq!(exported(&w("session_id")), "SessionID");
        assert_eq!(exported(&w("2fa")), "X2fa");
        assert_eq!(exported(&["with".into(), "oauth2".into()]), "WithOAuth2");
        assert_eq!(exported(&["oauthx".into()]), "Oauthx");
        assert_eq!(exported(&w("")), "Value");
        assert_eq!(local(&w("session_id")), "sessionID");
        assert_eq!(local(&w("type")), "typeValue");
        assert_eq!(package_name(&w("Video Transcriber")), "videotranscriber");
    }

    #[test]
    fn docs() {
        let d = doc_lines(
            "Title\n\nAuthentication\n\nSend a key.\n- one\n  2. two",
            "",
        );
        assert_eq!(
            d,
            "// Title\n//\n// # Authentication\n//\n// Send a key.\n// – one\n// (2) two\n"
        );
    }
}
