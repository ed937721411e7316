//! C# naming: casing, keywords, reserved names, string literals and XML doc escaping. The
//! ONE place where identifiers are made valid C#.

use heck::{ToLowerCamelCase, ToUpperCamelCase};

/// C# keywords and contextual keywords (escaping a contextual one with `@` is harmless).
pub const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
    "add",
    "alias",
    "ascending",
    "async",
    "await",
    "by",
    "descending",
    "dynamic",
    "equals",
    "from",
    "get",
    "global",
    "group",
    "into",
    "join",
    "let",
    "nameof",
    "on",
    "orderby",
    "partial",
    "remove",
    "select",
    "set",
    "unmanaged",
    "value",
    "var",
    "when",
    "where",
    "yield",
    "record",
    "init",
    "with",
    "and",
    "or",
    "not",
];

/// Type names generated code and the runtime refer to unqualified, besides the runtime's own
/// (those are collected from the runtime sources by `model::runtime_names`).
pub const RESERVED_TYPES: &[&str] = &[
    "System",
    "Newtonsoft",
    "Microsoft",
    "Core",
    "Object",
    "String",
    "Task",
    "List",
    "Dictionary",
    "IDictionary",
    "IList",
    "IReadOnlyList",
    "IReadOnlyDictionary",
    "IEnumerable",
    "IEquatable",
    "Exception",
    "Type",
    "Attribute",
    "ObsoleteAttribute",
    "Obsolete",
    "DateTime",
    "DateTimeOffset",
    "TimeSpan",
    "Guid",
    "Uri",
    "Math",
    "Convert",
    "Tuple",
    "CancellationToken",
    "JToken",
    "JObject",
    "JArray",
    "JValue",
    "JsonConvert",
    "JsonConverter",
    "JsonConverterAttribute",
    "JsonSerializer",
    "JsonReader",
    "JsonWriter",
    "JsonToken",
    "JsonProperty",
    "JsonPropertyAttribute",
    "JsonIgnore",
    "JsonIgnoreAttribute",
    "JsonExtensionData",
    "JsonExtensionDataAttribute",
    "ArgumentNullException",
    "Environment",
    "IDisposable",
    "EditorBrowsable",
    "EditorBrowsableAttribute",
    "EditorBrowsableState",
    "StringComparer",
    "CultureInfo",
    "NotSupportedException",
];

/// Members of `object` (and of the model base class) a generated member must not hide.
pub const OBJECT_MEMBERS: &[&str] = &[
    "Equals",
    "GetHashCode",
    "GetType",
    "ToString",
    "MemberwiseClone",
    "Finalize",
    "ReferenceEquals",
];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Keeps the ASCII letters and digits of each word (C# identifiers are kept ASCII).
fn clean(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one escape rule: empty -> `Value`/`value`, a leading digit gets `_`, a keyword `@`.
pub fn escape(ident: &str, fallback: &str) -> String {
    if ident.is_empty() {
        return fallback.to_string();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{ident}");
    }
    if is_keyword(ident) {
        return format!("@{ident}");
    }
    ident.to_string()
}

/// `PascalCase` type or member name.
pub fn pascal(words: &[String]) -> String {
    escape(&clean(words).to_upper_camel_case(), "Value")
}

/// `camelCase` parameter or local name (keywords get `@`).
pub fn camel(words: &[String]) -> String {
    escape(&clean(words).to_lower_camel_case(), "value")
}

/// A backing field for a property: `_` + the property with a lower-case first letter.
pub fn field_name(prop: &str) -> String {
    let mut c = prop.chars();
    match c.next() {
        Some(f) => format!("_{}{}", f.to_ascii_lowercase(), c.as_str()),
        None => "_value".to_string(),
    }
}

/// The words of the root namespace (shared by every emitter).
pub fn title_words(title: &str) -> Vec<String> {
    sdkgen_core::naming::package_words(title)
}

/// The root namespace: the API's title (or the given package name) in PascalCase.
pub fn namespace(title: &str, name: Option<&str>) -> String {
    let words = match name {
        Some(n) => sdkgen_core::words::split_words(n),
        None => title_words(title),
    };
    let ns = clean(&words).to_upper_camel_case();
    if ns.is_empty() {
        return "Api".to_string();
    }
    if ns.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("Api{ns}");
    }
    if RESERVED_TYPES.contains(&ns.as_str()) {
        return format!("{ns}Api");
    }
    ns
}

/// A C# string literal; non-ASCII characters are written as `\u` escapes.
pub fn string_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

/// Text safe inside an XML doc comment: `&`, `<`, `>` escaped; characters C# treats as line
/// breaks, and other control characters, become spaces.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{fffe}' | '\u{ffff}' => out.push(' '),
            '\t' => out.push_str("    "),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------- type mapping

use sdkgen_core::ir::{Literal, Primitive};

/// The C# type of a primitive and whether it is a value type (which takes `?` when optional).
pub fn prim(p: Primitive) -> (String, bool) {
    let (s, v) = match p {
        Primitive::String | Primitive::Date | Primitive::Uuid => ("string", false),
        Primitive::DateTime => ("DateTimeOffset", true),
        Primitive::Base64 => ("byte[]", false),
        Primitive::Binary => ("UploadFile", false),
        Primitive::Integer | Primitive::Int64 => ("long", true),
        Primitive::Number => ("double", true),
        Primitive::Boolean => ("bool", true),
    };
    (s.to_string(), v)
}

/// The JSON kind of a primitive, for matching union variants.
pub fn prim_kind(p: Primitive) -> &'static str {
    match p {
        Primitive::Integer | Primitive::Int64 => "integer",
        Primitive::Number => "number",
        Primitive::Boolean => "boolean",
        _ => "string",
    }
}

/// The C# type of a constant and whether it is a value type.
pub fn literal_type(l: &Literal) -> (String, bool) {
    match l {
        Literal::String(_) => ("string".into(), false),
        Literal::Integer(_) => ("long".into(), true),
        Literal::Number(_) => ("double".into(), true),
        Literal::Boolean(_) => ("bool".into(), true),
        Literal::Null | Literal::Json(_) => ("JToken".into(), false),
    }
}

/// The name of a union variant holding a primitive.
pub fn variant_name(p: Primitive) -> &'static str {
    match p {
        Primitive::String | Primitive::Date | Primitive::Uuid => "Text",
        Primitive::DateTime => "Timestamp",
        Primitive::Base64 => "Bytes",
        Primitive::Binary => "File",
        Primitive::Integer | Primitive::Int64 => "Long",
        Primitive::Number => "Double",
        Primitive::Boolean => "Bool",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        sdkgen_core::words::split_words(s)
    }

    #[test]
    fn casing_and_escapes() {
        assert_eq!(pascal(&w("session_list")), "SessionList");
        assert_eq!(camel(&w("session_id")), "sessionId");
        assert_eq!(camel(&w("class")), "@class");
        assert_eq!(pascal(&w("2fa")), "_2fa");
        assert_eq!(pascal(&w("")), "Value");
        assert_eq!(field_name("Description"), "_description");
        assert_eq!(namespace("Video Transcriber API", None), "VideoTranscriber");
        assert_eq!(namespace("System", None), "SystemApi");
        assert_eq!(string_lit("a\"b\\é"), "\"a\\\"b\\\\\\u00e9\"");
        assert_eq!(xml_escape("a < b & c"), "a &lt; b &amp; c");
    }
}
