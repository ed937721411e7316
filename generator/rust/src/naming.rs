//! Rust names: casing from the IR's words, keywords, names the generated module uses
//! itself, and the one escape rule (raw identifiers: `type` -> `r#type`; the few keywords
//! that cannot be raw take a trailing underscore: `self` -> `self_`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use sdkgen_core::ir::Primitive;

/// Strict and reserved keywords of Rust 2021.
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Type names the generated module refers to unqualified (prelude and imports): a spec
/// type must never shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Iterator",
    "ToString",
    "ToOwned",
    "Fn",
    "FnMut",
    "FnOnce",
    "Drop",
    "AsRef",
    "BTreeMap",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "LazyLock",
    "Regex",
    "Value",
    "FromStr",
    "Operation",
    "OPERATIONS",
    "Self",
];

/// `UpperCamelCase` from words; never starts with a digit.
pub fn upper_camel(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        let mut cs = w.chars().filter(|c| c.is_ascii_alphanumeric());
        if let Some(f) = cs.next() {
            out.push(f.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// `snake_case` from words; never starts with a digit.
pub fn snake(words: &[String]) -> String {
    let parts: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = parts.join("_");
    if out.is_empty() {
        out.push_str("value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "n_");
    }
    out
}

/// The identifier for a (field, variant, type) name: raw when it is a keyword.
pub fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The spelling an identifier has after escaping (used to detect collisions).
pub fn escaped(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// Upper-case constant name (`SCREAMING_SNAKE`).
pub fn screaming(words: &[String]) -> String {
    snake(words).to_ascii_uppercase()
}

/// The Rust type of a primitive: strings stay `String` whatever their format (the wire
/// text is kept as sent), integers are `i64` (`int32` included), numbers `f64`.
pub fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String
        | Primitive::DateTime
        | Primitive::Date
        | Primitive::Uuid
        | Primitive::Base64
        | Primitive::Binary => quote!(String),
        Primitive::Integer | Primitive::Int64 => quote!(i64),
        Primitive::Number => quote!(f64),
        Primitive::Boolean => quote!(bool),
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
        assert_eq!(upper_camel(&w("session_status")), "SessionStatus");
        assert_eq!(upper_camel(&w("1080p")), "V1080p");
        assert_eq!(snake(&w("createdAt")), "created_at");
        assert_eq!(snake(&w("3d")), "n_3d");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("name").to_string(), "name");
    }
}
