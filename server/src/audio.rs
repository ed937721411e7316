//! Media file in, 16 kHz mono `f32` samples out (what [`crate::transcribe`] takes).
//!
//! Pure Rust: symphonia demuxes and decodes (MP4/MOV/M4A, MKV/WebM, WAV, MP3, FLAC containers;
//! AAC, MP3, FLAC, PCM and Vorbis codecs), channels are downmixed by averaging, and rubato's sinc
//! resampler converts to 16 kHz in fixed-size chunks. Packets are streamed from the file; only
//! the decoded audio is held in memory.
//!
//! Lengths: MP3 encoder delay and padding are trimmed (gapless mode); symphonia 0.5 does not apply
//! MP4 edit lists, so AAC keeps its encoder priming (about 1024 input frames, ~23 ms at 44.1 kHz)
//! and the padding of its last frame, and lossy codecs in MKV may be up to a frame longer.
//!
//! Errors, and how the HTTP layer is meant to map them:
//! - [`AudioError::Unsupported`] (415): no container reader recognises the file and its name does
//!   not claim a supported container, or the audio codec cannot be decoded (e.g. Opus in WebM).
//! - [`AudioError::Corrupt`] (422): the file claims a supported container by its extension but is
//!   not one (e.g. a text file named `x.mp4`), is empty or cut short before any audio, or decodes to
//!   zero samples.
//! - [`AudioError::NoAudioTrack`] (422): a valid container without any audio track.
//! - [`AudioError::Io`] (500, or 404 for a missing file): reading the file failed.
//!
//! Decision on damage after some audio: a packet the codec rejects is skipped (symphonia's
//! recommended practice, one bad frame does not lose the file), and when the demuxer fails
//! mid-stream (e.g. a truncated upload) decoding stops and **the audio decoded so far is
//! returned**. Only when nothing at all was decoded is the file [`AudioError::Corrupt`]. A panic
//! inside the decoders on hostile input is caught and reported as `Corrupt` as well.

use std::fs::File;
use std::io::ErrorKind;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use rubato::{
    Resampler, SincFixedIn, SincInterpolationParameters, SincInterpolationType, WindowFunction,
};
use symphonia::core::audio::{SampleBuffer, SignalSpec};
use symphonia::core::codecs::{CodecType, Decoder, DecoderOptions, CODEC_TYPE_NULL};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::{FormatOptions, FormatReader};
use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// The sample rate the transcriber expects.
pub const TARGET_RATE: u32 = 16_000;

/// Input frames per resampler call.
const CHUNK: usize = 1024;

/// File extensions of the containers we accept: a file named like this that no reader
/// recognises is corrupt rather than of an unsupported type.
const KNOWN_EXTENSIONS: &[&str] = &[
    "mp4", "m4a", "m4v", "mov", "mkv", "mka", "webm", "wav", "wave", "mp3", "flac",
];

/// Why a file could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    /// Unknown container, or an audio codec that cannot be decoded.
    #[error("unsupported media: {detail}")]
    Unsupported { detail: String },
    /// Broken, truncated or mislabelled file, or no audio could be decoded from it.
    #[error("corrupt media: {detail}")]
    Corrupt { detail: String },
    /// The container holds no audio track.
    #[error("the media file has no audio track")]
    NoAudioTrack,
    /// Reading the file failed.
    #[error("cannot read the media file: {0}")]
    Io(#[from] std::io::Error),
}

fn corrupt(detail: impl Into<String>) -> AudioError {
    AudioError::Corrupt {
        detail: detail.into(),
    }
}

fn unsupported(detail: impl Into<String>) -> AudioError {
    AudioError::Unsupported {
        detail: detail.into(),
    }
}

/// Maps a symphonia error met while probing or setting up (before any audio).
fn setup_error(e: SymError, claims_known_container: bool) -> AudioError {
    match e {
        SymError::IoError(io) if io.kind() == ErrorKind::UnexpectedEof => {
            corrupt(format!("file ends early: {io}"))
        }
        SymError::IoError(io) => AudioError::Io(io),
        SymError::Unsupported(what) if claims_known_container => corrupt(format!(
            "not a valid file of the type its name claims: {what}"
        )),
        SymError::Unsupported(what) => unsupported(what),
        other => corrupt(other.to_string()),
    }
}

/// Decodes the audio track of the media file at `path` into 16 kHz mono samples.
///
/// The first audio track that symphonia can decode is used (the container's default track when
/// it is one). See the module documentation for the error cases.
pub fn decode_to_16k_mono(path: &Path) -> Result<Vec<f32>, AudioError> {
    let file = File::open(path)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match catch_unwind(AssertUnwindSafe(|| decode_file(file, ext.as_deref()))) {
        Ok(result) => result,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(corrupt(format!("decoder failed: {msg}")))
        }
    }
}

/// What [`probe`] found out about a media file.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaInfo {
    /// The media type detected from the contents: `video/mp4`, `video/quicktime`, `audio/mp4`,
    /// `video/x-matroska`, `video/webm`, `audio/wav`, `audio/mpeg` or `audio/flac`.
    pub content_type: &'static str,
    /// A file extension for that type (`mp4`, `mov`, `m4a`, `mkv`, `webm`, `wav`, `mp3`, `flac`).
    pub extension: &'static str,
    /// The audio track's duration in seconds.
    pub duration_seconds: f64,
}

/// Packets decoded by [`probe`] to check that the codec accepts the stream.
const PROBE_DECODE_PACKETS: usize = 16;

/// Checks cheaply that `path` is media [`decode_to_16k_mono`] can decode, without decoding it
/// all: the container is recognised, an audio track has a codec we decode, its first packets
/// decode, and every packet can be read (demuxing only, so a truncated file is caught). The
/// duration comes from the track's parameters, or from the packets' timestamps.
///
/// `ext` is the file extension to hint the container with (the upload's file name), since the
/// file itself may be a temporary one; the errors are those of [`decode_to_16k_mono`], and a file
/// whose packets end well before its declared length is [`AudioError::Corrupt`] (truncated).
pub fn probe(path: &Path, ext: Option<&str>) -> Result<MediaInfo, AudioError> {
    let file = File::open(path)?;
    let ext = ext.map(str::to_ascii_lowercase);
    match catch_unwind(AssertUnwindSafe(|| probe_file(file, ext.as_deref()))) {
        Ok(result) => result,
        Err(_) => Err(corrupt("the media could not be parsed")),
    }
}

/// The media type and extension from a file's first bytes.
fn sniff(head: &[u8]) -> (&'static str, &'static str) {
    let at = |i: usize, m: &[u8]| head.get(i..i + m.len()) == Some(m);
    if at(4, b"ftyp") {
        return match head.get(8..12) {
            Some(b"qt  ") => ("video/quicktime", "mov"),
            Some(b"M4A ") | Some(b"M4B ") => ("audio/mp4", "m4a"),
            _ => ("video/mp4", "mp4"),
        };
    }
    if at(0, &[0x1a, 0x45, 0xdf, 0xa3]) {
        return if head.windows(4).any(|w| w == b"webm") {
            ("video/webm", "webm")
        } else {
            ("video/x-matroska", "mkv")
        };
    }
    if at(0, b"RIFF") && at(8, b"WAVE") {
        return ("audio/wav", "wav");
    }
    if at(0, b"fLaC") {
        return ("audio/flac", "flac");
    }
    if at(0, b"ID3") || (head.len() > 1 && head[0] == 0xff && head[1] & 0xe0 == 0xe0) {
        return ("audio/mpeg", "mp3");
    }
    ("application/octet-stream", "bin")
}

fn probe_file(mut file: File, ext: Option<&str>) -> Result<MediaInfo, AudioError> {
    use std::io::{Read, Seek, SeekFrom};
    let claims_known = ext.is_some_and(|e| KNOWN_EXTENSIONS.contains(&e));
    if file.metadata()?.len() == 0 {
        return Err(corrupt("the file is empty"));
    }
    let mut head = [0u8; 64];
    let n = file.read(&mut head)?;
    file.seek(SeekFrom::Start(0))?;
    let (content_type, extension) = sniff(&head[..n]);
    let mss = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    if let Some(e) = ext {
        hint.with_extension(e);
    } else if extension != "bin" {
        hint.with_extension(extension);
    }
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            mss,
            &FormatOptions {
                enable_gapless: true,
                ..FormatOptions::default()
            },
            &MetadataOptions::default(),
        )
        .map_err(|e| setup_error(e, claims_known || extension != "bin"))?;
    let mut format = probed.format;
    let (track_id, mut decoder) = open_audio_track(format.as_ref())?;
    let params = format
        .tracks()
        .iter()
        .find(|t| t.id == track_id)
        .map(|t| t.codec_params.clone())
        .ok_or(AudioError::NoAudioTrack)?;
    let to_secs = |ts: u64| -> Option<f64> {
        if let Some(tb) = params.time_base {
            let t = tb.calc_time(ts);
            Some(t.seconds as f64 + t.frac)
        } else {
            params.sample_rate.map(|r| ts as f64 / f64::from(r))
        }
    };
    let mut end_ts: u64 = 0;
    let mut decoded_packets = 0usize;
    let mut decoded_frames = 0u64;
    let mut cut_short: Option<String> = None;
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            Err(SymError::IoError(io)) if io.kind() == ErrorKind::UnexpectedEof => break,
            Err(SymError::ResetRequired) => break,
            Err(e) => {
                cut_short = Some(e.to_string());
                break;
            }
        };
        if packet.track_id() != track_id {
            continue;
        }
        end_ts = end_ts.max(packet.ts() + packet.dur());
        if decoded_packets < PROBE_DECODE_PACKETS {
            decoded_packets += 1;
            match decoder.decode(&packet) {
                Ok(d) => decoded_frames += d.frames() as u64,
                Err(SymError::Unsupported(what)) => return Err(unsupported(what)),
                Err(_) => {}
            }
        }
    }
    if decoded_packets == 0 || decoded_frames == 0 {
        return Err(corrupt(match cut_short {
            Some(e) => format!("no audio could be decoded: {e}"),
            None => "no audio could be decoded".to_string(),
        }));
    }
    let demuxed = to_secs(end_ts).unwrap_or(0.0);
    let declared = params.n_frames.and_then(to_secs);
    if let Some(declared) = declared {
        // Allow for priming/padding and rounding; a real cut loses far more.
        if demuxed + 0.5 < declared * 0.98 {
            return Err(corrupt(format!(
                "the file is truncated: its audio ends at {demuxed:.2} s of {declared:.2} s"
            )));
        }
    }
    if let Some(e) = cut_short {
        if declared.is_none() {
            return Err(corrupt(format!("the file is damaged: {e}")));
        }
    }
    Ok(MediaInfo {
        content_type,
        extension,
        duration_seconds: declared.unwrap_or(demuxed).max(0.0),
    })
}

fn decode_file(file: File, ext: Option<&str>) -> Result<Vec<f32>, AudioError> {
    let claims_known = ext.is_some_and(|e| KNOWN_EXTENSIONS.contains(&e));
    if file.metadata()?.len() == 0 {
        return Err(corrupt("the file is empty"));
    }
    let mss = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    if let Some(e) = ext {
        hint.with_extension(e);
    }
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            mss,
            &FormatOptions {
                enable_gapless: true,
                ..FormatOptions::default()
            },
            &MetadataOptions::default(),
        )
        .map_err(|e| setup_error(e, claims_known))?;
    let mut format = probed.format;
    let (track_id, mut decoder) = open_audio_track(format.as_ref())?;

    let mut out = Output::default();
    let mut sample_buf: Option<SampleBuffer<f32>> = None;
    let mut last_error: Option<String> = None;
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            // The normal end of the stream, or a file cut short: keep what we have.
            Err(SymError::IoError(io)) if io.kind() == ErrorKind::UnexpectedEof => break,
            // A new chained stream would need a new decoder; we take the first one only.
            Err(SymError::ResetRequired) => break,
            Err(SymError::IoError(io)) if out.decoded_frames() == 0 => {
                return Err(AudioError::Io(io))
            }
            Err(e) => {
                // Demuxer damage mid-stream: return what was decoded so far (or Corrupt below).
                last_error = Some(e.to_string());
                break;
            }
        };
        if packet.track_id() != track_id {
            continue;
        }
        let decoded = match decoder.decode(&packet) {
            Ok(d) => d,
            Err(SymError::DecodeError(e)) => {
                // One damaged packet: skip it.
                last_error = Some(e.to_string());
                continue;
            }
            Err(SymError::IoError(io)) if io.kind() == ErrorKind::UnexpectedEof => {
                last_error = Some(io.to_string());
                continue;
            }
            Err(SymError::Unsupported(what)) if out.decoded_frames() == 0 => {
                return Err(unsupported(what))
            }
            Err(e) => {
                last_error = Some(e.to_string());
                break;
            }
        };
        if decoded.frames() == 0 {
            continue;
        }
        let spec = *decoded.spec();
        let needed = decoded.capacity() as u64;
        let buf = match &mut sample_buf {
            Some(b) if b.capacity() as u64 >= needed * spec.channels.count() as u64 => b,
            _ => sample_buf.insert(SampleBuffer::new(needed, spec)),
        };
        buf.copy_interleaved_ref(decoded);
        out.push_interleaved(buf.samples(), spec)?;
    }
    if out.decoded_frames() == 0 {
        return Err(corrupt(match last_error {
            Some(e) => format!("no audio could be decoded: {e}"),
            None => "no audio could be decoded".to_string(),
        }));
    }
    out.finish()
}

/// Picks the track to decode: the default track if it is a decodable audio track, else the
/// first decodable audio track. Tracks with neither a sample rate nor a channel layout nor a
/// known codec (video, subtitles) are not audio.
fn open_audio_track(format: &dyn FormatReader) -> Result<(u32, Box<dyn Decoder>), AudioError> {
    let default_id = format.default_track().map(|t| t.id);
    let mut tracks: Vec<_> = format
        .tracks()
        .iter()
        .filter(|t| {
            let p = &t.codec_params;
            p.codec != CODEC_TYPE_NULL || p.sample_rate.is_some() || p.channels.is_some()
        })
        .collect();
    if tracks.is_empty() {
        return Err(AudioError::NoAudioTrack);
    }
    tracks.sort_by_key(|t| Some(t.id) != default_id);
    let mut first_error = None;
    for track in tracks {
        let mut params = track.codec_params.clone();
        if params.max_frames_per_packet.is_none() && is_pcm(params.codec) {
            // symphonia's MKV reader does not give a packet size for PCM, which its PCM decoder
            // needs to size its buffer: allow packets of up to 10 s (ffmpeg writes far smaller
            // blocks); a longer one would be cut, not overrun.
            params.max_frames_per_packet =
                Some(u64::from(params.sample_rate.unwrap_or(48_000)) * 10);
        }
        match symphonia::default::get_codecs().make(&params, &DecoderOptions::default()) {
            Ok(decoder) => return Ok((track.id, decoder)),
            Err(e) => {
                let codec = symphonia::default::get_codecs()
                    .get_codec(track.codec_params.codec)
                    .map(|d| d.short_name.to_string())
                    .unwrap_or_else(|| format!("{}", track.codec_params.codec));
                first_error.get_or_insert(match e {
                    SymError::Unsupported(what) => {
                        unsupported(format!("cannot decode the audio codec ({codec}): {what}"))
                    }
                    other => corrupt(format!("audio track ({codec}): {other}")),
                });
            }
        }
    }
    Err(first_error.unwrap_or(AudioError::NoAudioTrack))
}

fn is_pcm(codec: CodecType) -> bool {
    use symphonia::core::codecs::*;
    [
        CODEC_TYPE_PCM_S16LE,
        CODEC_TYPE_PCM_S16BE,
        CODEC_TYPE_PCM_S24LE,
        CODEC_TYPE_PCM_S24BE,
        CODEC_TYPE_PCM_S32LE,
        CODEC_TYPE_PCM_S32BE,
        CODEC_TYPE_PCM_U8,
        CODEC_TYPE_PCM_S8,
        CODEC_TYPE_PCM_F32LE,
        CODEC_TYPE_PCM_F32BE,
        CODEC_TYPE_PCM_F64LE,
        CODEC_TYPE_PCM_F64BE,
    ]
    .contains(&codec)
}

/// Downmixes and resamples decoded audio as it arrives.
#[derive(Default)]
struct Output {
    rate: Option<u32>,
    resampler: Option<SincFixedIn<f32>>,
    /// Mono input not yet given to the resampler (all of it when no resampling is needed).
    pending: Vec<f32>,
    frames_in: u64,
    out: Vec<f32>,
}

impl Output {
    fn decoded_frames(&self) -> u64 {
        self.frames_in
    }

    fn push_interleaved(&mut self, samples: &[f32], spec: SignalSpec) -> Result<(), AudioError> {
        let channels = spec.channels.count();
        if channels == 0 {
            return Err(corrupt("audio with zero channels"));
        }
        match self.rate {
            None => self.start(spec.rate)?,
            Some(r) if r != spec.rate => {
                return Err(unsupported(format!(
                    "sample rate changes mid-stream ({r} Hz to {} Hz)",
                    spec.rate
                )))
            }
            Some(_) => {}
        }
        let scale = 1.0 / channels as f32;
        self.pending.extend(
            samples
                .chunks_exact(channels)
                .map(|frame| frame.iter().sum::<f32>() * scale),
        );
        self.frames_in += (samples.len() / channels) as u64;
        self.drain_full_chunks()
    }

    fn start(&mut self, rate: u32) -> Result<(), AudioError> {
        if rate == 0 {
            return Err(corrupt("audio track with a sample rate of 0 Hz"));
        }
        self.rate = Some(rate);
        if rate != TARGET_RATE {
            let params = SincInterpolationParameters {
                sinc_len: 128,
                f_cutoff: 0.925,
                oversampling_factor: 128,
                interpolation: SincInterpolationType::Linear,
                window: WindowFunction::BlackmanHarris2,
            };
            let ratio = f64::from(TARGET_RATE) / f64::from(rate);
            let resampler = SincFixedIn::<f32>::new(ratio, 1.0, params, CHUNK, 1)
                .map_err(|e| unsupported(format!("cannot resample from {rate} Hz: {e}")))?;
            self.resampler = Some(resampler);
        }
        Ok(())
    }

    fn drain_full_chunks(&mut self) -> Result<(), AudioError> {
        let Some(resampler) = self.resampler.as_mut() else {
            self.out.append(&mut self.pending);
            return Ok(());
        };
        let mut used = 0;
        while self.pending.len() - used >= resampler.input_frames_next() {
            let n = resampler.input_frames_next();
            let chunk = &self.pending[used..used + n];
            let res = resampler
                .process(&[chunk], None)
                .map_err(|e| corrupt(format!("resampling failed: {e}")))?;
            self.out.extend_from_slice(&res[0]);
            used += n;
        }
        self.pending.drain(..used);
        Ok(())
    }

    /// Resamples the rest, drops the resampler's delay and trims to the exact output length.
    fn finish(mut self) -> Result<Vec<f32>, AudioError> {
        let (Some(rate), Some(mut resampler)) = (self.rate, self.resampler.take()) else {
            self.out.append(&mut self.pending);
            return Ok(self.out);
        };
        let expected = (self.frames_in * u64::from(TARGET_RATE)).div_ceil(u64::from(rate)) as usize;
        let delay = resampler.output_delay();
        let err = |e: rubato::ResampleError| corrupt(format!("resampling failed: {e}"));
        if !self.pending.is_empty() {
            let res = resampler
                .process_partial(Some(&[&self.pending[..]]), None)
                .map_err(err)?;
            self.out.extend_from_slice(&res[0]);
        }
        while self.out.len() < expected + delay {
            let res = resampler
                .process_partial(None::<&[&[f32]]>, None)
                .map_err(err)?;
            if res[0].is_empty() {
                break;
            }
            self.out.extend_from_slice(&res[0]);
        }
        let mut out = self.out.split_off(delay.min(self.out.len()));
        out.truncate(expected);
        Ok(out)
    }
}
