//! Where the external checkers live (installed by tools/setup.sh into .tools/).

use anyhow::Result;
use std::path::PathBuf;

pub fn setup() -> Result<()> {
    crate::sh("bash", &["tools/setup.sh"])
}

pub fn venv_bin(name: &str) -> PathBuf {
    crate::root().join(".tools/venv/bin").join(name)
}

pub fn node_bin(name: &str) -> PathBuf {
    crate::root()
        .join(".tools/node/node_modules/.bin")
        .join(name)
}

pub fn available() -> bool {
    venv_bin("ruff").exists() && node_bin("tsc").exists()
}
