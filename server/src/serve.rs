//! `vtserver serve`: opens the data directory, recovers interrupted uploads, loads the model,
//! starts the transcription engine and serves the API until SIGINT/SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::db::Db;
use crate::http::{self, AppState, Config};
use crate::jobs::{self, Jobs, JobsConfig};
use crate::transcribe::Model;

/// Everything `serve` is configured with.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: String,
    pub data_dir: PathBuf,
    pub workers: Option<usize>,
    pub threads_per_job: Option<usize>,
    pub max_upload_bytes: u64,
}

/// The database file inside a data directory.
pub fn db_path(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("vtserver.db")
}

/// Opens the data directory, recovers interrupted uploads and starts the engine over `model`.
/// Used by `serve` and by the tests (which serve [`http::app`] themselves).
pub async fn build(config: &ServeConfig, model: Arc<Model>) -> Result<AppState> {
    std::fs::create_dir_all(&config.data_dir).with_context(|| {
        format!(
            "cannot create the data directory {}",
            config.data_dir.display()
        )
    })?;
    let db = Db::open(&db_path(&config.data_dir))?;
    let http_config = Config {
        data_dir: config.data_dir.clone(),
        max_upload_bytes: config.max_upload_bytes,
    };
    let n = http::upload::recover(&db, &http_config)?;
    if n > 0 {
        eprintln!("vtserver: {n} interrupted upload(s) rolled back");
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (workers, threads_per_job) = jobs::sizing(cores, config.workers, config.threads_per_job);
    let jobs = Jobs::start(
        db.clone(),
        JobsConfig {
            data_dir: config.data_dir.clone(),
            workers,
            threads_per_job,
        },
        model,
    )?;
    AppState::new(db, jobs, http_config).await
}

/// A listening socket with a deep accept queue: thousands of clients connecting at once (the
/// load test opens 10,000) overflow the default backlog of 1024, and every dropped SYN costs its
/// client a retransmission timeout of a second or more. The kernel caps the depth at
/// `net.core.somaxconn`.
pub fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(65_535)
}

/// Resolves when SIGINT or SIGTERM arrives.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Serves until SIGINT/SIGTERM: prints `listening on http://ADDR` on stdout once bound, then
/// stops accepting, lets requests in flight finish (at most 10 s; progress streams are cut),
/// and stops the engine (interrupted jobs resume at the next start).
pub fn serve(config: ServeConfig, model_path: PathBuf) -> Result<()> {
    let model = Arc::new(
        Model::load(&model_path)
            .with_context(|| format!("cannot load the model {}", model_path.display()))?,
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let state = build(&config, model).await?;
        let jobs = state.jobs.clone();
        let addr: SocketAddr = tokio::net::lookup_host(&config.addr)
            .await
            .with_context(|| format!("cannot resolve the address {}", config.addr))?
            .next()
            .with_context(|| format!("no address for {}", config.addr))?;
        let listener = listen(addr).with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            writeln!(out, "listening on http://{local}")?;
            out.flush()?;
        }
        let (tx, rx) = tokio::sync::watch::channel(false);
        use axum::serve::ListenerExt;
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = axum::serve(listener, http::app(state)).with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = tx.send(true);
        });
        let mut rx2 = rx.clone();
        let deadline = async move {
            let _ = rx2.wait_for(|v| *v).await;
            tokio::time::sleep(Duration::from_secs(10)).await;
        };
        tokio::select! {
            r = server => r?,
            _ = deadline => eprintln!("vtserver: connections still open after 10 s; stopping"),
        }
        jobs.shutdown();
        eprintln!("vtserver: stopped");
        anyhow::Ok(())
    })
}
