//! TypeScript naming: casing over heck, reserved words, runtime names, string and
//! property-key quoting, and the ONE escape rule for identifiers.

use heck::{ToKebabCase, ToLowerCamelCase, ToUpperCamelCase};

/// JavaScript/TypeScript reserved words (including strict mode and contextual type
/// keywords that cannot name a type).
pub const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "arguments",
    "eval",
    "any",
    "boolean",
    "never",
    "number",
    "object",
    "string",
    "symbol",
    "undefined",
    "unknown",
    "bigint",
    "type",
    "as",
    "async",
    "declare",
    "from",
    "of",
    "satisfies",
    "keyof",
    "infer",
    "is",
    "asserts",
    "readonly",
    "unique",
    "global",
    "module",
    "namespace",
    "require",
];

/// Global and runtime names the generated code refers to, or that users expect to keep
/// their built-in meaning: never used for a generated export.
pub const RESERVED_TYPES: &[&str] = &[
    // ECMAScript globals and utility types
    "Object",
    "Function",
    "Array",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "BigInt",
    "Date",
    "RegExp",
    "Error",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "Promise",
    "PromiseLike",
    "JSON",
    "Math",
    "Record",
    "Partial",
    "Required",
    "Readonly",
    "Pick",
    "Omit",
    "Exclude",
    "Extract",
    "NonNullable",
    "ReturnType",
    "Parameters",
    "Awaited",
    "Iterable",
    "AsyncIterable",
    "Iterator",
    "AsyncIterator",
    "Generator",
    "AsyncGenerator",
    "ArrayBuffer",
    "Uint8Array",
    "DataView",
    "Proxy",
    "Reflect",
    "Intl",
    "Infinity",
    "NaN",
    "globalThis",
    "TemplateStringsArray",
    // web platform globals used by the runtime
    "Response",
    "Request",
    "Headers",
    "Blob",
    "File",
    "FormData",
    "URL",
    "URLSearchParams",
    "ReadableStream",
    "AbortSignal",
    "AbortController",
    "TextDecoder",
    "TextEncoder",
    "Event",
    "EventTarget",
    "BodyInit",
    "RequestInit",
    "fetch",
    "crypto",
    "console",
    "process",
    "setTimeout",
    "clearTimeout",
    // the SDK runtime
    "Client",
    "ClientOptions",
    "BaseClient",
    "CoreOptions",
    "APIError",
    "APIConnectionError",
    "APIConnectionTimeoutError",
    "APIUserAbortError",
    "APIStatusError",
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
    "APIPromise",
    "WithResponse",
    "Page",
    "PagePromise",
    "PageInfo",
    "Stream",
    "ServerSentEvent",
    "SSEParser",
    "Uploadable",
    "FileParts",
    "RequestOptions",
    "RequestSpec",
    "PageRequestSpec",
    "QueryStyle",
    "Credential",
    "Security",
    "bearer",
    "basic",
    "apiKey",
    "ParamKey",
    "Logger",
    "Hooks",
    "Environment",
    "ENVIRONMENTS",
    "path",
    "readEnv",
];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The one escape rule: a leading digit gets a `_` prefix, a reserved word a `_` suffix.
pub fn escape(ident: &str) -> String {
    if ident.is_empty() {
        return "value".to_string();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{ident}");
    }
    if is_keyword(ident) {
        return format!("{ident}_");
    }
    ident.to_string()
}

fn joined(words: &[String]) -> String {
    words.join(" ")
}

/// `PascalCase` type name.
pub fn pascal(words: &[String]) -> String {
    escape(&joined(words).to_upper_camel_case())
}

/// `camelCase` member / variable name.
pub fn camel(words: &[String]) -> String {
    escape(&joined(words).to_lower_camel_case())
}

/// `kebab-case` file name.
pub fn kebab(words: &[String]) -> String {
    joined(words).to_kebab_case()
}

/// The words of the package name (shared by every emitter).
pub fn title_words(title: &str) -> Vec<String> {
    sdkgen_core::naming::package_words(title)
}

/// An environment variable of the SDK: `VT_API_KEY`, `VT_BASE_URL`... The API key name
/// comes from `sdkgen_core::naming::api_key_env_var`, shared with the other emitters;
/// the other variables use the same prefix.
pub fn env_var(api: &sdkgen_core::ir::Api, suffix: &str) -> String {
    sdkgen_core::naming::env_var(api, suffix)
}

/// Whether `s` can be written as an unquoted property key (an ES5 identifier name).
pub fn is_identifier_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A string literal the way prettier writes it: double quotes unless the text holds
/// more double than single quotes.
pub fn string_lit(s: &str) -> String {
    let doubles = s.matches('"').count();
    let singles = s.matches('\'').count();
    let q = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// A property key: bare when it is an identifier name, else a string literal.
pub fn prop_key(wire: &str) -> String {
    if is_identifier_name(wire) {
        wire.to_string()
    } else {
        string_lit(wire)
    }
}

/// Text safe inside a `/** ... */` comment.
pub fn doc_escape(s: &str) -> String {
    s.replace("*/", "*\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        sdkgen_core::words::split_words(s)
    }

    #[test]
    fn casing() {
        assert_eq!(pascal(&w("session_list")), "SessionList");
        assert_eq!(camel(&w("cancel_transcription")), "cancelTranscription");
        assert_eq!(camel(&w("session_id")), "sessionId");
        assert_eq!(kebab(&w("RateLimits")), "rate-limits");
    }

    #[test]
    fn escapes_digits_and_keywords() {
        assert_eq!(pascal(&w("2fa_settings")), "_2faSettings");
        assert_eq!(camel(&w("2fa")), "_2fa");
        assert_eq!(camel(&w("default")), "default_");
        assert_eq!(camel(&w("delete")), "delete_");
        assert_eq!(escape("class"), "class_");
    }

    fn api(title: &str) -> sdkgen_core::ir::Api {
        sdkgen_core::ir::Api {
            title: title.into(),
            version: "1".into(),
            docs: Default::default(),
            servers: vec![],
            security_schemes: vec![],
            security: vec![],
            groups: vec![],
            types: vec![],
            webhooks: vec![],
            dist_name: None,
        }
    }

    #[test]
    fn env_vars() {
        assert_eq!(
            env_var(&api("Video Transcriber API"), "API_KEY"),
            "VT_API_KEY"
        );
        assert_eq!(
            env_var(&api("Video Transcriber API"), "BASE_URL"),
            "VT_BASE_URL"
        );
        assert_eq!(env_var(&api("Stripe API"), "API_KEY"), "STRIPE_API_KEY");
        assert_eq!(env_var(&api("Stripe"), "BASE_URL"), "STRIPE_BASE_URL");
    }

    #[test]
    fn quoting() {
        assert_eq!(prop_key("session_id"), "session_id");
        assert_eq!(prop_key("X-Request-Id"), "\"X-Request-Id\"");
        assert_eq!(prop_key("2fa"), "\"2fa\"");
        assert_eq!(prop_key("$ref"), "$ref");
        assert_eq!(string_lit("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_lit("it's"), "\"it's\"");
        assert_eq!(doc_escape("a */ b"), "a *\\/ b");
    }
}
