//! The Python emitter: turns the IR into a typed Python package (httpx + pydantic v2).
//!
//! `generate` is pure and deterministic. `naming` settles identifiers, `model` builds the
//! Python view (all collisions resolved by allocators), `layout` lays out long lines the
//! way `ruff format` does, and `render` fills the askama templates.

pub mod layout;
pub mod model;
pub mod naming;
pub mod phrase;
mod render;
pub mod sample;

use sdkgen_core::{emit::File, ir::Api};

/// The generated package for `api`; `name` is the import name (default from the title).
pub fn generate(api: &Api, name: Option<&str>) -> Vec<File> {
    render::package(api, name)
}
