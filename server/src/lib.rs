//! vtserver: reference server for the video-transcription API.
//!
//! So far: the embedded default whisper model ([`model`]) and the command line ([`cli`]).

pub mod cli;
pub mod model;
