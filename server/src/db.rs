//! SQLite storage: one database file (`<data-dir>/vtserver.db`) in WAL mode, foreign keys on,
//! schema migrations applied in order by `PRAGMA user_version`, and a small connection pool usable
//! from async code ([`Db::call`], on tokio's blocking pool) and from worker threads
//! ([`Db::blocking`]).
//!
//! Migrations are the SQL files in `server/migrations/`, listed in [`MIGRATIONS`]: migration `i`
//! (0-based) brings `user_version` from `i` to `i + 1`, in one transaction.
//!
//! Timestamps are stored as RFC 3339 UTC text with millisecond precision and a `Z`
//! (`2025-03-14T09:14:31.000Z`, see [`now`] and [`format_ts`]), so text order is time order.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use tokio::sync::Semaphore;

/// The schema migrations, in order. Append only; never edit one that has shipped.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_jobs.sql"),
    include_str!("../migrations/0003_idempotency.sql"),
];

/// An error from [`Db::call`].
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database task failed: {0}")]
    Task(String),
}

/// A handle on the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    /// Bounds the connections used at once by async callers (and so tokio's blocking threads).
    permits: Semaphore,
    max_idle: usize,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.inner.path)
            .finish()
    }
}

fn open_conn(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL: readers never block the writer. FULL: a committed transaction survives power loss too.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
    )?;
    // The bundled SQLite is built with STAT4, which marks statements whose plan could depend on
    // a bound value for re-preparation whenever a parameter is re-bound: every execution of a
    // cached statement was parsed and planned again. The query planner stability guarantee
    // keeps the plan made at prepare time (ours do not depend on the values).
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Applies the pending [`MIGRATIONS`] to `conn`.
fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version as usize > MIGRATIONS.len() {
        anyhow::bail!(
            "the database is at schema version {version}, newer than this vtserver knows ({}); \
             use a newer vtserver",
            MIGRATIONS.len()
        );
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .map_err(|e| anyhow::anyhow!("migration {} failed: {e}", i + 1))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

impl Db {
    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    pub fn open(path: &Path) -> anyhow::Result<Db> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Db::open_with(path, (cores * 2).max(4))
    }

    /// [`Db::open`] with at most `pool` connections in use by async callers at once.
    pub fn open_with(path: &Path, pool: usize) -> anyhow::Result<Db> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let mut conn = open_conn(path)
            .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", path.display()))?;
        migrate(&mut conn)?;
        Ok(Db {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                idle: Mutex::new(vec![conn]),
                permits: Semaphore::new(pool),
                max_idle: pool + 4,
            }),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Runs `f` with a pooled connection on tokio's blocking thread pool.
    pub async fn call<R, F>(&self, f: F) -> Result<R, DbError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<R> + Send + 'static,
    {
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|e| DbError::Task(e.to_string()))?;
        let db = self.clone();
        match tokio::task::spawn_blocking(move || {
            let mut conn = db.blocking_inner()?;
            f(&mut conn)
        })
        .await
        {
            Ok(r) => r.map_err(DbError::Sqlite),
            Err(e) => Err(DbError::Task(e.to_string())),
        }
    }

    /// Runs `f` at once on the calling thread with a pooled connection, skipping the hand-off
    /// to the blocking pool that [`Db::call`] makes. Only for short reads by primary key on the
    /// request path (WAL readers never wait for the writer); everything else uses [`Db::call`].
    pub fn read_now<R>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<R>,
    ) -> Result<R, DbError> {
        let conn = self.blocking_inner()?;
        Ok(f(&conn)?)
    }

    /// A pooled connection for synchronous code (worker threads); returned to the pool on drop.
    /// Never call this on an async task's thread: use [`Db::call`] there.
    pub fn blocking(&self) -> anyhow::Result<PooledConn> {
        self.blocking_inner()
            .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))
    }

    fn blocking_inner(&self) -> rusqlite::Result<PooledConn> {
        let conn = self
            .inner
            .idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop();
        let conn = match conn {
            Some(c) => c,
            None => open_conn(&self.inner.path)?,
        };
        Ok(PooledConn {
            conn: Some(conn),
            db: self.clone(),
        })
    }
}

/// A connection borrowed from a [`Db`]'s pool.
pub struct PooledConn {
    conn: Option<Connection>,
    db: Db,
}

impl Deref for PooledConn {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("connection present until drop")
    }
}

impl DerefMut for PooledConn {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("connection present until drop")
    }
}

impl Drop for PooledConn {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // A connection left inside a transaction (a panic mid-way) is not reused.
            if !conn.is_autocommit() {
                return;
            }
            let mut idle = self.db.inner.idle.lock().unwrap_or_else(|p| p.into_inner());
            if idle.len() < self.db.inner.max_idle {
                idle.push(conn);
            }
        }
    }
}

/// The current time as stored: RFC 3339 UTC, milliseconds, `Z`.
pub fn now() -> String {
    format_ts(OffsetDateTime::now_utc())
}

/// Formats `t` as stored: RFC 3339 UTC, milliseconds, `Z` (`2025-03-14T09:14:31.000Z`).
pub fn format_ts(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// Parses an RFC 3339 timestamp (any offset).
pub fn parse_ts(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vtserver-db-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[tokio::test]
    async fn opens_migrates_and_reopens() {
        let dir = tmp("open");
        let path = dir.join("vtserver.db");
        let db = Db::open(&path).unwrap();
        let v: i64 = db
            .call(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
            .await
            .unwrap();
        assert_eq!(v as usize, MIGRATIONS.len());
        let mode: String = db
            .call(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0)))
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = db
            .blocking()
            .unwrap()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(db);
        // A second open finds the schema current and does nothing.
        Db::open(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn cached_statements_are_not_reprepared_on_each_run() {
        let dir = tmp("reprepare");
        let db = Db::open(&dir.join("vtserver.db")).unwrap();
        let c = db.blocking().unwrap();
        c.execute(
            "INSERT INTO sessions (id, livemode, name, status, created_at, updated_at)
             VALUES ('a', 1, 'n', 'created', 'x', 'x')",
            [],
        )
        .unwrap();
        let sql = format!(
            "{} WHERE s.id = ?1 AND s.livemode = ?2",
            crate::http::sessions::SESSION_SELECT
        );
        for _ in 0..3 {
            let mut st = c.prepare_cached(&sql).unwrap();
            st.query_row(rusqlite::params!["a", true], |_| Ok(()))
                .unwrap();
            assert_eq!(st.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
        drop(c);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn timestamps_sort_as_text() {
        let t = parse_ts("2025-03-14T10:14:31.5+01:00").unwrap();
        assert_eq!(format_ts(t), "2025-03-14T09:14:31.500Z");
        assert!(parse_ts("yesterday").is_none());
        assert_eq!(now().len(), 24);
    }
}
