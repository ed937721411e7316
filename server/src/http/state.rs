//! The state every handler sees, and the server configuration.

use std::path::PathBuf;
use std::sync::Arc;

use super::auth::KeyCache;
use crate::db::Db;
use crate::jobs::Jobs;

/// Default upload limit: 2 GiB.
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The server configuration the handlers need.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data directory: `vtserver.db`, `media/`, `tmp/`.
    pub data_dir: PathBuf,
    /// The largest accepted upload, in bytes (the file part).
    pub max_upload_bytes: u64,
}

impl Config {
    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }
    pub fn tmp_dir(&self) -> PathBuf {
        self.data_dir.join("tmp")
    }
}

/// Shared by all handlers; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub jobs: Jobs,
    pub config: Arc<Config>,
    pub keys: Arc<KeyCache>,
    /// The spec as served at `/openapi.json` (converted once at startup).
    pub spec_json: Arc<[u8]>,
}

impl AppState {
    /// Builds the state over an open database and a started engine; loads the API key cache.
    pub async fn new(db: Db, jobs: Jobs, config: Config) -> anyhow::Result<AppState> {
        let keys = db.call(|c| KeyCache::load(c)).await?;
        let spec: serde_json::Value = serde_yaml_ng::from_str(super::SPEC_YAML)?;
        let spec_json = serde_json::to_vec(&spec)?;
        Ok(AppState {
            db,
            jobs,
            config: Arc::new(config),
            keys: Arc::new(keys),
            spec_json: spec_json.into(),
        })
    }
}
