//! The default model, as prepared by `model::prepare_default`, transcribes real speech:
//! espeak-ng speaks a sentence, sox makes it 16 kHz mono, whisper.cpp must give the words back.

use std::path::{Path, PathBuf};
use std::process::Command;

use vtserver::{model, transcribe::Model};

fn speak(text: &str, dir: &Path) -> Vec<f32> {
    let raw = dir.join("speech.wav");
    let wav = dir.join("speech16k.wav");
    let ok = Command::new("espeak-ng")
        .arg("-w")
        .arg(&raw)
        .arg(text)
        .status();
    assert!(
        matches!(ok, Ok(s) if s.success()),
        "espeak-ng is needed (tools/setup.sh installs it): {ok:?}"
    );
    let ok = Command::new("sox")
        .arg(&raw)
        .args(["-r", "16000", "-c", "1", "-b", "16"])
        .arg(&wav)
        .status();
    assert!(
        matches!(ok, Ok(s) if s.success()),
        "sox is needed (tools/setup.sh installs it): {ok:?}"
    );
    let mut reader = hound::WavReader::open(&wav).unwrap();
    assert_eq!(reader.spec().sample_rate, 16_000);
    reader
        .samples::<i16>()
        .map(|s| f32::from(s.unwrap()) / 32768.0)
        .collect()
}

#[test]
fn default_model_gives_the_spoken_words_back() {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vtserver-cache");
    let path = model::prepare_default(&cache, &|_| {}).unwrap();
    let dir = std::env::temp_dir().join(format!("vtserver-speech-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let samples = speak("The quick brown fox jumps over the lazy dog.", &dir);
    let model = Model::load(&path).unwrap();
    let segments = model.transcribe(&samples, Some("en"), 2).unwrap();
    let text: String = segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    eprintln!("transcript: {text:?}");
    for word in ["quick", "over", "lazy", "dog"] {
        assert!(text.contains(word), "`{word}` missing from {text:?}");
    }
    assert!(segments.iter().all(|s| s.end_ms >= s.start_ms));
    assert!(
        segments.last().is_some_and(|s| s.end_ms > 1_000),
        "{segments:?}"
    );
}

#[test]
fn a_file_that_is_not_a_model_is_an_error() {
    let dir = std::env::temp_dir().join(format!("vtserver-notmodel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("model.bin");
    std::fs::write(&p, b"definitely not ggml").unwrap();
    assert!(Model::load(&p).is_err());
}
