//! `audio::decode_to_16k_mono` on media files made at test time: sox and espeak-ng make the
//! audio, ffmpeg muxes it (with a black video track where the container is a video one).
//! No binary fixtures are committed; tools/setup.sh installs the three tools.

use std::path::{Path, PathBuf};
use std::process::Command;

use vtserver::audio::{decode_to_16k_mono, AudioError};
use vtserver::{model, transcribe::Model};

/// A scratch directory, removed when the test ends (pass or fail).
struct Workdir(PathBuf);

impl Workdir {
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn workdir(name: &str) -> Workdir {
    let dir = std::env::temp_dir().join(format!("vtserver-audio-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Workdir(dir)
}

fn run(program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).output();
    match out {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!("{program} is needed (tools/setup.sh installs it): {e}"),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A `secs` long 440 Hz tone (sox), at `rate` Hz with `channels` channels, into `file`.
fn tone(file: &Path, rate: u32, channels: u32, secs: f64) {
    run(
        "sox",
        &[
            "-n",
            "-r",
            &rate.to_string(),
            "-c",
            &channels.to_string(),
            "-b",
            "16",
            s(file),
            "synth",
            &secs.to_string(),
            "sine",
            "440",
            "vol",
            "0.5",
        ],
    );
}

/// ffmpeg: `audio` encoded with `codec` into `out`, with a black video track when `video`.
fn mux(audio: &Path, codec: &str, video: bool, out: &Path, extra: &[&str]) {
    let mut args = vec!["-nostdin", "-loglevel", "error", "-y"];
    if video {
        args.extend(["-f", "lavfi", "-i", "color=c=black:s=64x64:r=10"]);
    }
    args.extend(["-i", s(audio)]);
    if video {
        args.extend(["-map", "0:v", "-map", "1:a", "-c:v", "mpeg4", "-shortest"]);
    }
    args.extend(["-c:a", codec]);
    args.extend(extra);
    args.push(s(out));
    run("ffmpeg", &args);
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

/// Decodes `file` and checks the length (within 2% of `secs` × 16000) and that it is not silent.
fn check_decodes(file: &Path, secs: f64) -> Vec<f32> {
    let t = std::time::Instant::now();
    let samples = decode_to_16k_mono(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let expected = secs * 16_000.0;
    let len = samples.len() as f64;
    eprintln!(
        "{}: {} samples (expected {expected}), rms {:.3}, {:?}",
        file.display(),
        samples.len(),
        rms(&samples),
        t.elapsed()
    );
    assert!(
        (len - expected).abs() <= expected * 0.02,
        "{}: {len} samples, expected about {expected}",
        file.display()
    );
    // A 0.5-amplitude sine has an RMS of about 0.35; lossy codecs and resampling keep it close.
    assert!(rms(&samples) > 0.2, "{}: too quiet", file.display());
    assert!(samples.iter().all(|v| v.is_finite() && v.abs() <= 1.5));
    samples
}

#[test]
fn wav_44k_stereo_is_downmixed_and_resampled() {
    let dir = workdir("wav");
    let wav = dir.join("tone.wav");
    tone(&wav, 44_100, 2, 3.0);
    check_decodes(&wav, 3.0);
}

#[test]
fn wav_already_16k_mono_is_passed_through() {
    let dir = workdir("wav16");
    let wav = dir.join("tone16.wav");
    tone(&wav, 16_000, 1, 2.0);
    let samples = check_decodes(&wav, 2.0);
    assert_eq!(samples.len(), 32_000);
}

#[test]
fn flac_48k_decodes() {
    let dir = workdir("flac");
    let flac = dir.join("tone.flac");
    tone(&flac, 48_000, 2, 2.5);
    check_decodes(&flac, 2.5);
}

#[test]
fn mp3_decodes() {
    let dir = workdir("mp3");
    let wav = dir.join("tone.wav");
    tone(&wav, 44_100, 2, 3.0);
    let mp3 = dir.join("tone.mp3");
    mux(&wav, "libmp3lame", false, &mp3, &[]);
    check_decodes(&mp3, 3.0);
}

#[test]
fn aac_in_mp4_mov_and_mkv_with_video_decodes() {
    let dir = workdir("aac");
    let wav = dir.join("tone.wav");
    tone(&wav, 44_100, 2, 3.0);
    for ext in ["mp4", "mov", "mkv"] {
        let out = dir.join(&format!("tone.{ext}"));
        mux(&wav, "aac", true, &out, &["-b:a", "128k"]);
        check_decodes(&out, 3.0);
    }
}

#[test]
fn other_codecs_in_mkv_decode() {
    let dir = workdir("mkv");
    let wav = dir.join("tone.wav");
    tone(&wav, 48_000, 2, 3.0);
    for codec in ["libmp3lame", "flac", "libvorbis", "pcm_s16le"] {
        let out = dir.join(&format!("tone-{codec}.mkv"));
        mux(&wav, codec, true, &out, &[]);
        check_decodes(&out, 3.0);
    }
}

#[test]
fn speech_from_mp4_transcribes() {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vtserver-cache");
    let model_path = model::prepare_default(&cache, &|_| {}).unwrap();
    let dir = workdir("speech");
    let wav = dir.join("speech.wav");
    run(
        "espeak-ng",
        &[
            "-w",
            s(&wav),
            "The quick brown fox jumps over the lazy dog.",
        ],
    );
    let mp4 = dir.join("speech.mp4");
    mux(&wav, "aac", true, &mp4, &["-b:a", "96k"]);
    let samples = decode_to_16k_mono(&mp4).unwrap();
    assert!(rms(&samples) > 0.01, "silent");
    let model = Model::load(&model_path).unwrap();
    let text = model
        .transcribe(&samples, Some("en"), 2)
        .unwrap()
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    eprintln!("transcript: {text:?}");
    for word in ["quick", "over", "lazy", "dog"] {
        assert!(text.contains(word), "`{word}` missing from {text:?}");
    }
}

#[test]
fn opus_in_webm_is_unsupported() {
    let dir = workdir("opus");
    let wav = dir.join("tone.wav");
    tone(&wav, 48_000, 2, 2.0);
    let webm = dir.join("tone.webm");
    mux(&wav, "libopus", false, &webm, &[]);
    let r = decode_to_16k_mono(&webm);
    assert!(matches!(r, Err(AudioError::Unsupported { .. })), "{r:?}");
}

#[test]
fn truncated_mp4_is_corrupt_or_shorter() {
    let dir = workdir("trunc");
    let wav = dir.join("tone.wav");
    tone(&wav, 44_100, 2, 4.0);
    // moov at the end (ffmpeg's default) and at the front (faststart): cut both at half.
    for (name, extra) in [
        ("end", &[][..]),
        ("front", &["-movflags", "+faststart"][..]),
    ] {
        let full = dir.join(&format!("full-{name}.mp4"));
        mux(&wav, "aac", true, &full, extra);
        let bytes = std::fs::read(&full).unwrap();
        let cut = dir.join(&format!("cut-{name}.mp4"));
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        match decode_to_16k_mono(&cut) {
            Err(AudioError::Corrupt { detail }) => eprintln!("{name}: corrupt: {detail}"),
            Ok(samples) => {
                eprintln!("{name}: {} samples", samples.len());
                assert!(samples.len() < 4 * 16_000, "{name}: not shorter");
            }
            Err(e) => panic!("{name}: {e:?}"),
        }
    }
}

#[test]
fn text_named_mp4_is_rejected() {
    let dir = workdir("text");
    let f = dir.join("x.mp4");
    std::fs::write(&f, "this is not a video, just some text\n".repeat(50)).unwrap();
    let r = decode_to_16k_mono(&f);
    assert!(
        matches!(
            r,
            Err(AudioError::Corrupt { .. } | AudioError::Unsupported { .. })
        ),
        "{r:?}"
    );
}

#[test]
fn unknown_content_with_unknown_name_is_unsupported() {
    let dir = workdir("unknown");
    let f = dir.join("x.bin");
    std::fs::write(&f, [0x5au8; 4096]).unwrap();
    let r = decode_to_16k_mono(&f);
    assert!(matches!(r, Err(AudioError::Unsupported { .. })), "{r:?}");
}

#[test]
fn empty_and_missing_files_are_errors() {
    let dir = workdir("empty");
    let f = dir.join("empty.mp4");
    std::fs::write(&f, b"").unwrap();
    let r = decode_to_16k_mono(&f);
    assert!(matches!(r, Err(AudioError::Corrupt { .. })), "{r:?}");
    let r = decode_to_16k_mono(&dir.join("missing.wav"));
    assert!(matches!(r, Err(AudioError::Io(_))), "{r:?}");
}

#[test]
fn video_without_audio_has_no_audio_track() {
    let dir = workdir("noaudio");
    let mp4 = dir.join("video.mp4");
    run(
        "ffmpeg",
        &[
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=64x64:r=10:d=1",
            "-c:v",
            "mpeg4",
            s(&mp4),
        ],
    );
    let r = decode_to_16k_mono(&mp4);
    assert!(
        matches!(
            r,
            Err(AudioError::NoAudioTrack | AudioError::Corrupt { .. })
        ),
        "{r:?}"
    );
}
