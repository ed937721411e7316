//! Python names: casing from the IR's words, keywords, reserved runtime names, and the one
//! escape rule (a trailing underscore: `class` -> `class_`).

use heck::{ToPascalCase, ToSnakeCase};

/// Python keywords (soft keywords like `type` and `match` are valid identifiers and kept).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "_",
];

/// Builtins and typing names used in annotations of generated code. A field, parameter or
/// method with one of these names would shadow the type inside its class or function.
pub const TYPE_NAMES: &[&str] = &[
    "str", "int", "float", "bool", "bytes", "object", "dict", "list", "tuple", "set", "date",
    "datetime", "cast", "self", "cls", "print", "httpx", "typing", "builtins",
];

/// Builtins used in annotations of generated classes: a field or method with one of these
/// names would shadow the type inside the class body.
pub const ANNOTATION_NAMES: &[&str] = &[
    "str", "int", "float", "bool", "bytes", "object", "date", "datetime", "types",
];

/// Names imported into generated modules; model class names must never take them.
pub const RUNTIME_NAMES: &[&str] = &[
    "Any",
    "Dict",
    "List",
    "Literal",
    "Optional",
    "Union",
    "IO",
    "TYPE_CHECKING",
    "Mapping",
    "BaseModel",
    "ConfigDict",
    "Field",
    "Client",
    "AsyncClient",
    "APIError",
    "APIStatusError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponse",
    "NotGiven",
    "NOT_GIVEN",
    "SyncPage",
    "AsyncPage",
    "AsyncPager",
    "Stream",
    "AsyncStream",
    "FileTypes",
    "FileContent",
    "Headers",
    "Query",
    "Body",
    "Timeout",
    "PageInfo",
    "Problem",
    "SyncAPIClient",
    "AsyncAPIClient",
    "FinalRequest",
    "ServerSentEvent",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APINotImplementedError",
    "APIResponseValidationError",
    "Response",
    "Request",
    "Enum",
];

/// Attributes of pydantic's `BaseModel` (and ours) that a field must not override.
pub const MODEL_ATTRS: &[&str] = &[
    "model_config",
    "model_fields",
    "model_computed_fields",
    "model_extra",
    "model_fields_set",
    "model_construct",
    "model_copy",
    "model_dump",
    "model_dump_json",
    "model_json_schema",
    "model_parametrized_name",
    "model_post_init",
    "model_rebuild",
    "model_validate",
    "model_validate_json",
    "model_validate_strings",
    "model_private",
    "dict",
    "json",
    "parse_obj",
    "parse_raw",
    "parse_file",
    "from_orm",
    "construct",
    "copy",
    "schema",
    "schema_json",
    "validate",
    "update_forward_refs",
    "fields",
    "to_dict",
    "aliased",
];

/// Builtin classes and constants: a model named like one would be resolved to the builtin
/// by pydantic while the module is still being defined.
pub const BUILTIN_CLASSES: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "True",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
];

/// `snake_case` from words; digits-first names get the `n_` prefix.
pub fn snake(words: &[String]) -> String {
    let s = words.join("_").to_snake_case();
    let s = if s.is_empty() { "value".to_string() } else { s };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n_{s}")
    } else {
        s
    }
}

/// `PascalCase` from words; digits-first names get the `N` prefix.
pub fn pascal(words: &[String]) -> String {
    let s = words.join("_").to_pascal_case();
    let s = if s.is_empty() { "Value".to_string() } else { s };
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{s}")
    } else {
        s
    }
}

/// The one escape rule: a keyword or reserved name gets a trailing underscore.
pub fn escape(name: &str, reserved: &[&[&str]]) -> String {
    if KEYWORDS.contains(&name) || reserved.iter().any(|r| r.contains(&name)) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// A Python string literal for any text, quoted as ruff format quotes it.
pub fn py_str(s: &str) -> String {
    // Double quotes unless the text holds more of them than single quotes: the quotes
    // ruff format would pick, so the literal is formatter-clean.
    let quote = if s.matches('"').count() > s.matches('\'').count() {
        '\''
    } else {
        '"'
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Lines of a docstring body (no quotes), escaped, wrapped to fit `indent`.
pub fn doc_lines(text: &str, indent: usize) -> Vec<String> {
    let clean: String = text
        .replace("\r\n", "\n")
        .replace('\t', "    ")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    let clean = clean
        .replace('\\', "\\\\")
        .replace("\"\"\"", "\\\"\\\"\\\"");
    let width = 88usize.saturating_sub(indent).max(40);
    let mut lines = sdkgen_core::text::wrap(&clean, width);
    // Docstrings are dedented by the formatter: drop the common leading indent.
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    for l in &mut lines {
        if l.len() >= common {
            *l = l[common..].to_string();
        }
        *l = l.trim_end().to_string();
    }
    // The formatter re-indents the lines after the first by their common indentation.
    let rest = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    for l in lines.iter_mut().skip(1) {
        if l.len() >= rest {
            *l = l[rest..].to_string();
        }
    }
    if let Some(first) = lines.first_mut() {
        *first = first.trim_start().to_string();
        if first.starts_with('"') {
            first.insert(0, '\\');
        }
    }
    if let Some(last) = lines.last_mut() {
        if last.ends_with('"') {
            last.pop();
            last.push_str("\\\"");
        }
    }
    lines
}

/// A docstring block at `indent` spaces, or nothing for empty docs.
pub fn docstring(text: Option<&str>, indent: usize) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let lines = doc_lines(text, indent + 3);
    if lines.is_empty() || lines.iter().all(|l| l.trim().is_empty()) {
        return Vec::new();
    }
    let pad = " ".repeat(indent);
    if lines.len() == 1 {
        return vec![format!("{pad}\"\"\"{}\"\"\"", lines[0])];
    }
    let mut out = vec![format!("{pad}\"\"\"{}", lines[0])];
    for l in &lines[1..] {
        if l.is_empty() {
            out.push(String::new());
        } else {
            out.push(format!("{pad}{l}"));
        }
    }
    out.push(format!("{pad}\"\"\""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        sdkgen_core::words::split_words(s)
    }

    #[test]
    fn casing_and_escapes() {
        assert_eq!(snake(&w("createSession")), "create_session");
        assert_eq!(pascal(&w("video_session")), "VideoSession");
        assert_eq!(snake(&w("2fa_enabled")), "n_2fa_enabled");
        assert_eq!(pascal(&w("200Response")), "N200Response");
        assert_eq!(escape("class", &[]), "class_");
        assert_eq!(escape("str", &[TYPE_NAMES]), "str_");
        assert_eq!(escape("json", &[MODEL_ATTRS]), "json_");
        assert_eq!(escape("name", &[TYPE_NAMES, MODEL_ATTRS]), "name");
    }

    #[test]
    fn strings_and_docs() {
        assert_eq!(py_str("a\"b\\c\n"), "'a\"b\\\\c\\n'");
        assert_eq!(py_str("a'b\""), "\"a'b\\\"\"");
        let d = docstring(Some("Ends with \"quote\""), 4);
        assert_eq!(d, vec!["    \"\"\"Ends with \"quote\\\"\"\"\"".to_string()]);
        let d = docstring(Some("Has \"\"\" inside\n\nand more"), 0);
        assert_eq!(d[0], "\"\"\"Has \\\"\\\"\\\" inside");
        assert_eq!(d.last().unwrap(), "\"\"\"");
    }
}
