//! The Go emitter of sdkgen (in progress).

use sdkgen_core::{emit::File, ir::Api};

/// Generates the package. Pure and deterministic.
pub fn generate(_api: &Api, _name: Option<&str>) -> Vec<File> {
    Vec::new()
}
