//! Session analytics computed from a completed transcript and its job ([`compute`]).
//!
//! - `word_count`: the whitespace-separated words of the segments' text that contain a letter or
//!   digit (a lone `-` is not a word).
//! - Speech time: the union of the segments' `[start, end]` intervals (overlapping or touching
//!   segments are merged, so nothing is counted twice), clipped to `[0, duration]`.
//! - `speaking_rate_wpm`: `word_count` per minute of speech time; 0 without speech time.
//! - `silence_ratio`: `1 - speech / duration`, clamped to `[0, 1]`; 0 when the duration is 0.
//! - `talk_time_by_speaker`: per speaker label of the segments (only jobs run with `diarize` have
//!   labels; vtserver has no diarization model, so its transcripts have none and the list is
//!   empty): the union of that speaker's segments, their words, and the share of all labelled
//!   talk time; longest first, ties by label.
//! - `processing_time_seconds`: the job's, 0 if it has none.

use crate::wire;

/// Computes the analytics of `transcript` (its job is `job`), stamped with the current time.
pub fn compute(
    transcript: &wire::Transcript,
    job: &wire::TranscriptionJob,
) -> wire::SessionAnalytics {
    compute_at(transcript, job, crate::db::now())
}

/// [`compute`] with a given `computed_at`.
pub fn compute_at(
    transcript: &wire::Transcript,
    job: &wire::TranscriptionJob,
    computed_at: String,
) -> wire::SessionAnalytics {
    let duration = finite_non_negative(transcript.duration_seconds);
    let word_count: usize = transcript.segments.iter().map(|s| words(&s.text)).sum();
    let speech = union_seconds(transcript.segments.iter(), duration);
    let speaking_rate_wpm = if speech > 0.0 {
        word_count as f64 * 60.0 / speech
    } else {
        0.0
    };
    let silence_ratio = if duration > 0.0 {
        (1.0 - speech / duration).clamp(0.0, 1.0)
    } else {
        0.0
    };

    let mut speakers: Vec<(&str, Vec<&wire::Segment>)> = Vec::new();
    for seg in &transcript.segments {
        if let Some(Some(label)) = &seg.speaker {
            match speakers.iter_mut().find(|(l, _)| l == label) {
                Some((_, segs)) => segs.push(seg),
                None => speakers.push((label, vec![seg])),
            }
        }
    }
    let mut talk: Vec<(String, f64, usize)> = speakers
        .into_iter()
        .map(|(label, segs)| {
            let seconds = union_seconds(segs.iter().copied(), duration);
            let n = segs.iter().map(|s| words(&s.text)).sum();
            (label.to_string(), seconds, n)
        })
        .collect();
    talk.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: f64 = talk.iter().map(|t| t.1).sum();
    let talk_time_by_speaker = talk
        .into_iter()
        .map(|(speaker, seconds, n)| wire::SpeakerTalkTime {
            speaker,
            talk_time_seconds: seconds,
            word_count: i64::try_from(n).unwrap_or(i64::MAX),
            share: if total > 0.0 {
                (seconds / total).clamp(0.0, 1.0)
            } else {
                0.0
            },
        })
        .collect();

    wire::SessionAnalytics {
        object: Default::default(),
        session_id: transcript.session_id.clone(),
        word_count: i64::try_from(word_count).unwrap_or(i64::MAX),
        duration_seconds: duration,
        speaking_rate_wpm,
        silence_ratio,
        talk_time_by_speaker,
        processing_time_seconds: job.processing_time_seconds.map_or(0.0, finite_non_negative),
        computed_at,
    }
}

fn finite_non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Seconds covered by the union of the segments' intervals, clipped to `[0, duration]` (no
/// upper clip when `duration` is 0, i.e. unknown).
fn union_seconds<'a>(segs: impl Iterator<Item = &'a wire::Segment>, duration: f64) -> f64 {
    let upper = if duration > 0.0 {
        duration
    } else {
        f64::INFINITY
    };
    let mut spans: Vec<(f64, f64)> = segs
        .map(|s| {
            let a = finite_non_negative(s.start).min(upper);
            let b = finite_non_negative(s.end).min(upper);
            (a, b.max(a))
        })
        .filter(|(a, b)| b > a)
        .collect();
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut total = 0.0;
    let mut cur: Option<(f64, f64)> = None;
    for (a, b) in spans {
        match cur.as_mut() {
            Some(c) if a <= c.1 => c.1 = c.1.max(b),
            _ => {
                if let Some((ca, cb)) = cur.replace((a, b)) {
                    total += cb - ca;
                }
            }
        }
    }
    if let Some((ca, cb)) = cur {
        total += cb - ca;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(start: f64, end: f64, text: &str, speaker: Option<&str>) -> wire::Segment {
        wire::Segment {
            id: 0,
            start,
            end,
            text: text.into(),
            words: None,
            speaker: speaker.map(|s| Some(s.to_string())),
        }
    }

    fn transcript(duration: f64, segments: Vec<wire::Segment>) -> wire::Transcript {
        wire::Transcript {
            object: Default::default(),
            session_id: "s".into(),
            text: String::new(),
            language: "en".into(),
            duration_seconds: duration,
            segments,
        }
    }

    fn job(processing: Option<f64>) -> wire::TranscriptionJob {
        wire::TranscriptionJob {
            id: "j".into(),
            object: Default::default(),
            session_id: "s".into(),
            status: wire::TranscriptionJobStatus::Completed,
            options: wire::TranscriptionOptions {
                language: "en".into(),
                model: None,
                translate: None,
                word_timestamps: None,
                diarize: None,
                max_speakers: None,
                vocabulary: None,
            },
            detected_language: Some("en".into()),
            progress_percent: 100.0,
            error: None,
            created_at: "2025-01-01T00:00:00.000Z".into(),
            started_at: None,
            completed_at: None,
            processing_time_seconds: processing,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn counts_rate_and_silence() {
        let t = transcript(
            60.0,
            vec![
                seg(0.0, 10.0, "one two three - four", None),
                seg(20.0, 30.0, " five six ", None),
            ],
        );
        let a = compute_at(&t, &job(Some(2.5)), "now".into());
        assert_eq!(a.word_count, 6);
        assert!(close(a.speaking_rate_wpm, 6.0 * 60.0 / 20.0));
        assert!(close(a.silence_ratio, 40.0 / 60.0));
        assert!(a.talk_time_by_speaker.is_empty());
        assert!(close(a.processing_time_seconds, 2.5));
        assert_eq!(a.computed_at, "now");
        assert!(close(a.duration_seconds, 60.0));
    }

    #[test]
    fn overlapping_segments_are_merged() {
        let t = transcript(
            10.0,
            vec![
                seg(0.0, 4.0, "a b", None),
                seg(2.0, 6.0, "c d", None),
                seg(6.0, 7.0, "e", None),
                seg(5.0, 5.5, "f", None),
            ],
        );
        let a = compute_at(&t, &job(None), "now".into());
        // Union: [0, 7] = 7 s.
        assert!(close(a.silence_ratio, 0.3));
        assert!(close(a.speaking_rate_wpm, 6.0 * 60.0 / 7.0));
        assert!(close(a.processing_time_seconds, 0.0));
    }

    #[test]
    fn silence_ratio_is_clamped_and_safe() {
        // Segments beyond the duration: clipped, silence 0, never negative.
        let t = transcript(5.0, vec![seg(0.0, 9.0, "x", None)]);
        let a = compute_at(&t, &job(None), "now".into());
        assert!(close(a.silence_ratio, 0.0));
        assert!(close(a.speaking_rate_wpm, 12.0));
        // Empty transcript, zero duration.
        let a = compute_at(&transcript(0.0, vec![]), &job(None), "now".into());
        assert_eq!(a.word_count, 0);
        assert!(close(a.speaking_rate_wpm, 0.0));
        assert!(close(a.silence_ratio, 0.0));
        // No segments at all: all silence.
        let a = compute_at(&transcript(8.0, vec![]), &job(None), "now".into());
        assert!(close(a.silence_ratio, 1.0));
        // NaN times are ignored.
        let t = transcript(4.0, vec![seg(f64::NAN, 2.0, "x", None)]);
        let a = compute_at(&t, &job(None), "now".into());
        assert!(close(a.silence_ratio, 0.5));
    }

    #[test]
    fn talk_time_by_speaker_longest_first() {
        let t = transcript(
            30.0,
            vec![
                seg(0.0, 5.0, "hello there", Some("SPEAKER_00")),
                seg(5.0, 15.0, "a long answer here", Some("SPEAKER_01")),
                seg(15.0, 17.0, "ok", Some("SPEAKER_00")),
                seg(17.0, 18.0, "unknown", None),
            ],
        );
        let a = compute_at(&t, &job(None), "now".into());
        let s = &a.talk_time_by_speaker;
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].speaker, "SPEAKER_01");
        assert!(close(s[0].talk_time_seconds, 10.0));
        assert_eq!(s[0].word_count, 4);
        assert!(close(s[0].share, 10.0 / 17.0));
        assert_eq!(s[1].speaker, "SPEAKER_00");
        assert!(close(s[1].talk_time_seconds, 7.0));
        assert_eq!(s[1].word_count, 3);
        assert!(close(s[0].share + s[1].share, 1.0));
        assert_eq!(a.word_count, 8);
    }
}
