//! Transcript renderings: SubRip (`srt`), WebVTT (`vtt`) and plain text (`txt`).
//!
//! - Times are rounded to the millisecond; negative times are 0, and a cue never ends before it
//!   starts. Hours are not limited to two digits.
//! - A segment whose text is empty (after trimming) gives no cue; cues are numbered from 1 over
//!   the cues written.
//! - Cue text: line breaks inside a segment are kept (CRLF and CR become LF) but blank lines
//!   are dropped, since a blank line ends a cue; `-->` is written `->`, since it marks a timing
//!   line. WebVTT also escapes `&`, `<` and `>` as character references.
//! - `txt`: one line per segment (line breaks inside a segment become spaces), each ending in
//!   `\n`; an empty transcript is the empty string.

use std::fmt::Write as _;

use crate::wire;

/// SubRip: `1\n00:00:01,000 --> 00:00:02,500\ntext\n`, cues separated by a blank line.
pub fn srt(t: &wire::Transcript) -> String {
    let mut out = String::new();
    for (n, (seg, text)) in cues(t).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let (start, end) = times(seg);
        let _ = writeln!(
            out,
            "{}\n{} --> {}\n{}",
            n + 1,
            timestamp(start, ','),
            timestamp(end, ','),
            text
        );
    }
    out
}

/// WebVTT: a `WEBVTT` header, then cues `00:00:01.000 --> 00:00:02.500\ntext\n`, each preceded by
/// a blank line.
pub fn vtt(t: &wire::Transcript) -> String {
    let mut out = String::from("WEBVTT\n");
    for (seg, text) in cues(t) {
        let (start, end) = times(seg);
        let text = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let _ = write!(
            out,
            "\n{} --> {}\n{}\n",
            timestamp(start, '.'),
            timestamp(end, '.'),
            text
        );
    }
    out
}

/// Plain text: one segment per line.
pub fn txt(t: &wire::Transcript) -> String {
    let mut out = String::new();
    for seg in &t.segments {
        let line = seg.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The segments that make cues, with their cleaned text.
fn cues(t: &wire::Transcript) -> impl Iterator<Item = (&wire::Segment, String)> {
    t.segments.iter().filter_map(|seg| {
        let text = cue_text(&seg.text);
        (!text.is_empty()).then_some((seg, text))
    })
}

fn cue_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|l| l.trim().replace("-->", "->"))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Start and end in whole milliseconds, end >= start >= 0.
fn times(seg: &wire::Segment) -> (u64, u64) {
    let ms = |s: f64| {
        if s.is_finite() && s > 0.0 {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = (s * 1000.0).round() as u64;
            v
        } else {
            0
        }
    };
    let start = ms(seg.start);
    (start, ms(seg.end).max(start))
}

/// `HH:MM:SS<sep>mmm`.
fn timestamp(ms: u64, sep: char) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, milli) = (rest / 1000, rest % 1000);
    format!("{h:02}:{m:02}:{s:02}{sep}{milli:03}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(id: i64, start: f64, end: f64, text: &str) -> wire::Segment {
        wire::Segment {
            id,
            start,
            end,
            text: text.into(),
            words: None,
            speaker: None,
        }
    }

    fn transcript(segments: Vec<wire::Segment>) -> wire::Transcript {
        wire::Transcript {
            object: Default::default(),
            session_id: "6f1c2a4e-8b0d-4d47-9a53-2f7a1b9e0c11".into(),
            text: segments
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
                .join(" "),
            language: "en".into(),
            duration_seconds: segments.last().map_or(0.0, |s| s.end),
            segments,
        }
    }

    #[test]
    fn srt_cues() {
        let t = transcript(vec![
            seg(0, 0.0, 2.48, "Welcome to the all-hands."),
            seg(1, 2.9, 6.1, " Revenue grew. "),
        ]);
        assert_eq!(
            srt(&t),
            "1\n00:00:00,000 --> 00:00:02,480\nWelcome to the all-hands.\n\n\
             2\n00:00:02,900 --> 00:00:06,100\nRevenue grew.\n"
        );
    }

    #[test]
    fn vtt_cues() {
        let t = transcript(vec![
            seg(0, 0.0, 2.48, "Welcome."),
            seg(1, 2.9, 6.1, "Fish & <chips>"),
        ]);
        assert_eq!(
            vtt(&t),
            "WEBVTT\n\n00:00:00.000 --> 00:00:02.480\nWelcome.\n\n\
             00:00:02.900 --> 00:00:06.100\nFish &amp; &lt;chips&gt;\n"
        );
    }

    #[test]
    fn txt_lines() {
        let t = transcript(vec![
            seg(0, 0.0, 1.0, " One.\nstill one"),
            seg(1, 1.0, 2.0, "   "),
            seg(2, 2.0, 3.0, "Two."),
        ]);
        assert_eq!(txt(&t), "One. still one\nTwo.\n");
    }

    #[test]
    fn hour_rollover_and_rounding() {
        let t = transcript(vec![
            seg(0, 3599.9995, 3600.0, "edge"),
            seg(1, 3661.001, 36_000.0 * 10.0 + 0.25, "long"),
        ]);
        let s = srt(&t);
        assert!(s.contains("01:00:00,000 --> 01:00:00,000\nedge"), "{s}");
        assert!(s.contains("01:01:01,001 --> 100:00:00,250\nlong"), "{s}");
        assert!(vtt(&t).contains("01:01:01.001 --> 100:00:00.250"));
        assert_eq!(timestamp(59_999, ','), "00:00:59,999");
        assert_eq!(timestamp(60_000, '.'), "00:01:00.000");
    }

    #[test]
    fn empty_transcript() {
        let t = transcript(vec![]);
        assert_eq!(srt(&t), "");
        assert_eq!(vtt(&t), "WEBVTT\n");
        assert_eq!(txt(&t), "");
    }

    #[test]
    fn arrows_newlines_and_bad_times_cannot_break_cues() {
        let t = transcript(vec![
            seg(0, -1.0, f64::NAN, "a --> b\r\n\r\nsecond line\n\n"),
            seg(1, 5.0, 4.0, ""),
            seg(2, 5.0, 4.0, "backwards"),
        ]);
        assert_eq!(
            srt(&t),
            "1\n00:00:00,000 --> 00:00:00,000\na -> b\nsecond line\n\n\
             2\n00:00:05,000 --> 00:00:05,000\nbackwards\n"
        );
        let v = vtt(&t);
        assert_eq!(
            v,
            "WEBVTT\n\n00:00:00.000 --> 00:00:00.000\na -&gt; b\nsecond line\n\n\
             00:00:05.000 --> 00:00:05.000\nbackwards\n"
        );
        // Every cue has exactly one timing line.
        assert_eq!(v.matches("-->").count(), 2);
    }
}
