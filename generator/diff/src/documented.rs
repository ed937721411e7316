//! What the old spec documents as an accepted value (its examples, defaults, enum values, a
//! sample of its format), and whether such a value still passes a tightened constraint.
//! A stricter request constraint is breaking only where it rejects one of these: a `pattern`
//! added to ids that every documented id already matches changes nothing a client sends.

use regex::{Regex, RegexBuilder};
use sdkgen_core::ir::{Bound, Literal};
use serde_json::Value;
use std::collections::HashMap;

/// At most this many documented values are kept per place (examples of large bodies can
/// repeat one field many times).
const MAX_VALUES: usize = 64;

/// The JSON value of a spec literal.
pub(crate) fn literal_value(l: &Literal) -> Option<Value> {
    match l {
        Literal::String(s) => Some(Value::String(s.clone())),
        Literal::Integer(s) | Literal::Number(s) | Literal::Json(s) => serde_json::from_str(s).ok(),
        Literal::Boolean(b) => Some(Value::Bool(*b)),
        Literal::Null => Some(Value::Null),
    }
}

/// A value every implementation of a string `format` accepts, for the formats whose values
/// have one canonical spelling worth checking a pattern or a length against.
pub(crate) fn format_sample(format: &str) -> Option<&'static str> {
    Some(match format.to_ascii_lowercase().as_str() {
        "uuid" => "123e4567-e89b-12d3-a456-426614174000",
        "date-time" => "2024-01-31T12:00:00Z",
        "date" => "2024-01-31",
        "time" => "12:00:00",
        "email" => "user@example.com",
        "uri" | "url" => "https://example.com/path",
        "hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        _ => return None,
    })
}

/// The values found at `segs` (wire names as `compare::At` builds them: `data[]`, `meta{}`,
/// `<Variant>`) inside each root value.
pub(crate) fn values_at(roots: &[Value], segs: &[String]) -> Vec<Value> {
    let mut cur: Vec<&Value> = roots.iter().collect();
    for seg in segs {
        let mut name = seg.as_str();
        let mut suffixes = Vec::new();
        loop {
            if let Some(n) = name.strip_suffix("[]") {
                suffixes.push(true);
                name = n;
            } else if let Some(n) = name.strip_suffix("{}") {
                suffixes.push(false);
                name = n;
            } else {
                break;
            }
        }
        let variant = name.starts_with('<') && name.ends_with('>');
        if !name.is_empty() && !variant {
            cur = cur.into_iter().filter_map(|v| v.get(name)).collect();
        }
        for array in suffixes.into_iter().rev() {
            cur = cur
                .into_iter()
                .flat_map(|v| -> Box<dyn Iterator<Item = &Value>> {
                    match (array, v) {
                        (true, Value::Array(a)) => Box::new(a.iter()),
                        (false, Value::Object(o)) => Box::new(o.values()),
                        _ => Box::new(std::iter::empty()),
                    }
                })
                .collect();
        }
        cur.truncate(MAX_VALUES);
    }
    cur.into_iter().cloned().collect()
}

/// The elements of array values (`[]`) or the values of object values (`{}`).
pub(crate) fn inner(values: &[Value], array: bool) -> Vec<Value> {
    let mut out: Vec<Value> = values
        .iter()
        .flat_map(|v| match (array, v) {
            (true, Value::Array(a)) => a.clone(),
            (false, Value::Object(o)) => o.values().cloned().collect(),
            _ => Vec::new(),
        })
        .collect();
    out.truncate(MAX_VALUES);
    out
}

/// Adds `v` unless already present, up to the limit.
pub(crate) fn push(out: &mut Vec<Value>, v: Value) {
    if out.len() < MAX_VALUES && !out.contains(&v) {
        out.push(v);
    }
}

/// A number, from a JSON number or (parameters are often documented as text) a numeric string.
pub(crate) fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// The size a length keyword measures: characters of a string (`minLength`), items of an
/// array (`minItems`), properties of an object (`minProperties`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    Chars,
    Items,
    Properties,
}

impl Measure {
    pub(crate) fn of(self, v: &Value) -> Option<u64> {
        match (self, v) {
            (Measure::Chars, Value::String(s)) => Some(s.chars().count() as u64),
            (Measure::Items, Value::Array(a)) => Some(a.len() as u64),
            (Measure::Properties, Value::Object(o)) => Some(o.len() as u64),
            _ => None,
        }
    }
}

/// Whether `x` passes a bound (`lower`: a minimum).
pub(crate) fn within(x: f64, bound: &Bound, lower: bool) -> bool {
    let Ok(b) = bound.value.trim().parse::<f64>() else {
        return true;
    };
    match (lower, bound.exclusive) {
        (true, false) => x >= b,
        (true, true) => x > b,
        (false, false) => x <= b,
        (false, true) => x < b,
    }
}

/// Whether `x` is a multiple of `m` (within floating-point error).
pub(crate) fn multiple(x: f64, m: f64) -> bool {
    if m <= 0.0 || !m.is_finite() {
        return true;
    }
    let q = x / m;
    (q - q.round()).abs() < 1e-9 * q.abs().max(1.0)
}

/// Whether an array holds the same value twice.
pub(crate) fn has_duplicates(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.iter().enumerate().any(|(i, x)| a[..i].contains(x)),
        _ => false,
    }
}

/// Patterns compiled once per diff. Patterns are ECMA-262 regular expressions; the ones the
/// `regex` crate cannot compile (look-around, back-references) or that would compile too
/// large are kept as the error, and their values are not checked.
#[derive(Default)]
pub(crate) struct Patterns {
    cache: HashMap<String, Result<Regex, String>>,
}

impl Patterns {
    pub(crate) fn get(&mut self, pattern: &str) -> &Result<Regex, String> {
        self.cache
            .entry(pattern.to_string())
            .or_insert_with(|| compile(pattern))
    }
}

fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .dfa_size_limit(1 << 20)
        .nest_limit(64)
        .build()
        .map_err(|e| {
            let text = e.to_string();
            // The engine's message spans lines (the pattern, a caret, the reason): keep the reason.
            let reason = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("unsupported syntax")
                .trim()
                .trim_start_matches("error: ")
                .to_string();
            reason
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_at_descends_arrays_maps_and_variants() {
        let roots = vec![json!({"data": [{"id": "a"}, {"id": "b"}], "meta": {"x": {"n": 1}}})];
        let segs = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            values_at(&roots, &segs(&["data[]", "id"])),
            vec![json!("a"), json!("b")]
        );
        assert_eq!(
            values_at(&roots, &segs(&["meta{}", "<Thing>", "n"])),
            vec![json!(1)]
        );
        assert!(values_at(&roots, &segs(&["missing", "id"])).is_empty());
    }

    #[test]
    fn bounds_and_multiples() {
        let b = |v: &str, exclusive| Bound {
            value: v.into(),
            exclusive,
        };
        assert!(within(1.0, &b("1", false), true));
        assert!(!within(1.0, &b("1", true), true));
        assert!(!within(11.0, &b("10", false), false));
        assert!(multiple(0.3, 0.1));
        assert!(!multiple(5.0, 2.0));
        assert!(has_duplicates(&json!([1, 2, 1])));
        assert!(!has_duplicates(&json!([1, 2])));
    }

    #[test]
    fn unsupported_patterns_are_errors_not_panics() {
        let mut p = Patterns::default();
        assert!(p.get("^(?!x)").is_err());
        assert!(p.get("(a)\\1").is_err());
        assert!(p.get("^[0-9]+$").as_ref().unwrap().is_match("12"));
    }
}
