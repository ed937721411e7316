//! The rule table: every change `sdkgen diff` reports has one of these ids. Ids are stable:
//! release pipelines key on them.

use crate::Level::{self, Breaking, Info, Warning};

/// A kind of change.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    /// The Keep a Changelog section it belongs to.
    pub section: Section,
    /// Calls for at least a minor version (an addition or a deprecation).
    pub minor: bool,
    pub description: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Added,
    Changed,
    Deprecated,
    Removed,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Added => "Added",
            Section::Changed => "Changed",
            Section::Deprecated => "Deprecated",
            Section::Removed => "Removed",
        }
    }
}

macro_rules! rules {
    ($($id:literal, $level:ident, $section:ident, $minor:literal, $desc:literal;)*) => {
        /// Every rule, in documentation order.
        pub const RULES: &[Rule] = &[$(Rule {
            id: $id,
            level: $level,
            section: Section::$section,
            minor: $minor,
            description: $desc,
        }),*];
    };
}

rules! {
    // Operations
    "operation-removed", Breaking, Removed, false, "an operation was removed without being deprecated first";
    "operation-removed-before-sunset", Breaking, Removed, false, "a deprecated operation was removed before its sunset date";
    "operation-removed-after-deprecation", Warning, Removed, false, "a deprecated operation was removed";
    "operation-added", Info, Added, true, "a new operation";
    "operation-deprecated", Info, Deprecated, true, "an operation became deprecated";
    "operation-id-changed", Warning, Changed, false, "the operationId changed (generated method names may change)";
    "base-path-changed", Info, Changed, false, "every path moved under a new prefix";
    // Parameters
    "parameter-removed", Warning, Removed, false, "a parameter was removed (the server may now reject or ignore it)";
    "parameter-added-required", Breaking, Changed, false, "a new required parameter";
    "parameter-added", Info, Added, true, "a new optional parameter";
    "parameter-became-required", Breaking, Changed, false, "an optional parameter became required";
    "parameter-became-optional", Info, Changed, false, "a required parameter became optional";
    "parameter-moved", Breaking, Changed, false, "a parameter moved to another location (query, header, path, cookie)";
    "parameter-deprecated", Info, Deprecated, true, "a parameter became deprecated";
    "parameter-default-changed", Warning, Changed, false, "the default value of a parameter changed";
    "parameter-format-changed", Breaking, Changed, false, "the format of a parameter changed";
    // Request bodies
    "request-body-added-required", Breaking, Changed, false, "a required request body was added";
    "request-body-became-required", Breaking, Changed, false, "the request body became required";
    "request-body-removed", Warning, Removed, false, "the request body was removed";
    "request-media-type-removed", Breaking, Changed, false, "the request body no longer accepts a media type";
    "request-property-added-required", Breaking, Changed, false, "a new required property in a request";
    "request-property-added", Info, Added, true, "a new optional property in a request";
    "request-property-became-required", Breaking, Changed, false, "an optional request property became required";
    "request-property-removed", Warning, Removed, false, "a request property was removed";
    "request-property-deprecated", Info, Deprecated, true, "a request property became deprecated";
    "request-property-default-changed", Warning, Changed, false, "the default value of a request property changed";
    // Types, in whichever position (the id's prefix says request or response)
    "request-type-changed", Breaking, Changed, false, "a request value's type changed";
    "request-type-narrowed", Breaking, Changed, false, "a request value accepts less than before";
    "request-type-widened", Info, Changed, false, "a request value accepts more than before";
    "request-became-not-nullable", Breaking, Changed, false, "a request value no longer accepts null";
    "request-became-nullable", Info, Changed, false, "a request value now accepts null";
    "request-format-changed", Breaking, Changed, false, "the format of a request value changed";
    "request-enum-value-removed", Breaking, Removed, false, "a request enum no longer accepts a value";
    "request-enum-value-added", Info, Added, true, "a request enum accepts a new value";
    "request-became-enum", Breaking, Changed, false, "a request value became an enum";
    "request-constraint-narrowed", Breaking, Changed, false, "a request value's bounds, length, pattern or item count became stricter and reject a value the old spec documented (an example, default, enum value, format, or the old bound)";
    "request-constraint-tightened", Warning, Changed, false, "a request value's bounds, length, pattern or item count became stricter, but no value the old spec documented is rejected (or a pattern could not be checked)";
    "request-union-variant-removed", Breaking, Removed, false, "a request union lost a variant";
    "request-union-variant-added", Info, Added, true, "a request union gained a variant";
    "response-type-changed", Breaking, Changed, false, "a response value's type changed";
    "response-type-widened", Breaking, Changed, false, "a response value may now hold values of another type";
    "response-type-narrowed", Info, Changed, false, "a response value's type became narrower";
    "response-became-nullable", Breaking, Changed, false, "a response value may now be null";
    "response-became-not-nullable", Info, Changed, false, "a response value is no longer null";
    "response-format-changed", Breaking, Changed, false, "the format of a response value changed";
    "response-enum-value-added", Breaking, Changed, false, "a response enum may return a new value (breaks exhaustive matching of a closed enum)";
    "response-enum-value-removed", Info, Changed, false, "a response enum no longer returns a value";
    "response-became-not-enum", Warning, Changed, false, "a response value is no longer limited to an enum";
    "response-range-widened", Breaking, Changed, false, "a response number's minimum or maximum was lowered, raised or removed (values may no longer fit the client's type or checks)";
    "response-constraint-widened", Warning, Changed, false, "a response value's bounds, length, pattern or item count became looser";
    "response-union-variant-added", Breaking, Changed, false, "a response union may return a new variant";
    "response-union-variant-removed", Info, Changed, false, "a response union no longer returns a variant";
    "response-property-removed", Breaking, Removed, false, "a response property was removed";
    "response-property-became-optional", Breaking, Changed, false, "a required response property became optional";
    "response-property-added", Info, Added, true, "a new response property";
    "response-property-deprecated", Info, Deprecated, true, "a response property became deprecated";
    // Responses
    "success-status-removed", Breaking, Changed, false, "a success status code is no longer returned";
    "success-status-added", Info, Added, false, "a new success status code";
    "response-media-type-removed", Breaking, Changed, false, "a success response no longer comes in a media type";
    "response-kind-changed", Breaking, Changed, false, "the success response's kind changed (JSON, stream, text, bytes, none)";
    "error-status-added", Info, Added, false, "a new documented error status";
    "error-status-removed", Info, Changed, false, "an error status is no longer documented";
    // Security
    "security-added", Breaking, Changed, false, "an operation that needed no credentials now needs them";
    "security-scheme-changed", Breaking, Changed, false, "an operation accepts other credentials than before";
    "security-scope-added", Breaking, Changed, false, "an operation needs an OAuth scope it did not need";
    "security-removed", Info, Changed, false, "an operation no longer needs credentials";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(r
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
        }
    }
}
