//! `sdkgen diff`: compares two versions of an API on the IR and classifies every change as
//! breaking, warning or info, with a stable rule id, the operation it applies to, a JSON
//! pointer into each spec and a one-line message.
//!
//! Operations are matched by method and path (path parameters compared by position, not by
//! name; a version prefix that every path of one side carries is set aside). Types are
//! compared structurally through `$ref`s (the IR's named types), aliases, `allOf` (merged
//! into objects by the loader) and unions, in the direction the data flows: what a client
//! sends (request) may only widen, what it receives (response) may only narrow. A change
//! reached twice inside one operation is reported once.

mod changelog;
mod compare;
mod documented;
mod migrate;
mod output;
mod rules;

pub use changelog::changelog;
pub use migrate::{after_snippets, migration_guide};
pub use output::{render, Format};
pub use rules::{rule, Rule, Section, RULES};

use sdkgen_core::ir::Api;
use serde::Serialize;

/// How much a change hurts a client built against the old version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Breaking,
    Warning,
    Info,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// Which part of an operation a change is in.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Part {
    /// The operation as a whole (or the API).
    #[default]
    Operation,
    /// A parameter (its wire name).
    Param(String),
    Request,
    Response,
    /// An error response (its status).
    Error(String),
}

/// Where a change is, in terms a migration guide can turn into code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    pub part: Part,
    /// Wire names from the part's root to the property (`data[]`, `status`).
    pub path: Vec<String>,
    /// The enum value added or removed.
    pub value: Option<sdkgen_core::ir::Literal>,
    /// The operationId in the old and the new spec (empty where the operation is absent).
    pub old_operation: String,
    pub new_operation: String,
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Stable rule id (`operation-removed`, `response-property-became-nullable`...).
    pub id: &'static str,
    pub level: Level,
    /// `METHOD /path` (the new path when both exist), or empty for API-wide changes.
    pub operation: String,
    /// JSON pointer into the old spec (empty when the thing is new).
    pub old_pointer: String,
    /// JSON pointer into the new spec (empty when the thing is gone).
    pub new_pointer: String,
    pub message: String,
    /// Structured location (not serialized: the JSON keeps the documented keys).
    #[serde(skip)]
    pub site: Site,
}

/// Every change from `old` to `new`, breaking first, then by operation and rule. Sunset
/// dates (`x-sunset`) are judged against today's date (UTC).
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    diff_on(old, new, Some(&today()))
}

/// [`diff`] as of a given date (`YYYY-MM-DD`), or ignoring sunset dates with `None`.
pub fn diff_on(old: &Api, new: &Api, today: Option<&str>) -> Vec<Change> {
    let mut out = compare::Differ::new(old, new, today.map(str::to_string)).run();
    out.sort_by(|a, b| {
        (
            a.level,
            &a.operation,
            a.id,
            &a.old_pointer,
            &a.new_pointer,
            &a.message,
        )
            .cmp(&(
                b.level,
                &b.operation,
                b.id,
                &b.old_pointer,
                &b.new_pointer,
                &b.message,
            ))
    });
    out.dedup();
    out
}

/// Today's date in UTC as `YYYY-MM-DD` (from the system clock).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date((secs / 86_400) as i64)
}

/// Days since 1970-01-01 -> `YYYY-MM-DD` (Howard Hinnant's civil-from-days).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The semantic-version bump the changes call for: `major` with any breaking change,
/// `minor` with additions or deprecations, else `patch`.
pub fn semver_bump(changes: &[Change]) -> &'static str {
    if changes.iter().any(|c| c.level == Level::Breaking) {
        "major"
    } else if changes.iter().any(|c| rule(c.id).is_some_and(|r| r.minor)) {
        "minor"
    } else {
        "patch"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(20_424), "2025-12-02");
        assert_eq!(super::civil_date(11_016), "2000-02-29");
    }
}
