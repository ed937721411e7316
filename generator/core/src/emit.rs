//! What every emitter returns: files as (relative path, contents), pure and deterministic.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative to the output directory.
    pub path: PathBuf,
    pub contents: String,
}

impl File {
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<String>) -> Self {
        File {
            path: path.into(),
            contents: contents.into(),
        }
    }
}
