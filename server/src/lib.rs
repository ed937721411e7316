//! vtserver: reference server for the video-transcription API.
//!
//! So far: media decoding to 16 kHz mono ([`audio`]), the embedded default whisper model
//! ([`model`]), transcription with whisper.cpp ([`transcribe`]) and the command line ([`cli`]).

pub mod audio;
pub mod cli;
pub mod db;
pub mod model;
pub mod transcribe;
