//! placeholder
use sdkgen_core::{emit::File, ir::Api};

pub fn generate(_api: &Api, _name: Option<&str>) -> Vec<File> {
    Vec::new()
}
