//! The transcription engine against a real SQLite file and the real default model: jobs run to
//! `completed` with the spoken words, progress events are stored with increasing ids and
//! non-decreasing percent, cancel stops a running job promptly, jobs left behind by a crash are
//! run again, failures carry their codes.
//!
//! Speech is made at test time with espeak-ng (tools/setup.sh installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use vtserver::db::{self, Db};
use vtserver::jobs::{Jobs, JobsConfig, JobsError};
use vtserver::model;
use vtserver::transcribe::Model;
use vtserver::wire;

fn model() -> Arc<Model> {
    static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vtserver-cache");
            let path = model::prepare_default(&cache, &|_| {}).unwrap();
            Arc::new(Model::load(&path).unwrap())
        })
        .clone()
}

/// Tests that run whisper take turns: two at once would oversubscribe the cores.
async fn heavy() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}

fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vtserver-jobs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// espeak-ng speaks `text` into a WAV file (22.05 kHz; the engine resamples).
fn speak(text: &str, path: &Path) {
    let ok = Command::new("espeak-ng")
        .arg("-w")
        .arg(path)
        .arg(text)
        .status();
    assert!(
        matches!(ok, Ok(s) if s.success()),
        "espeak-ng is needed (tools/setup.sh installs it): {ok:?}"
    );
}

const SENTENCE: &str = "The quick brown fox jumps over the lazy dog. Transcription works.";

/// About 40 s of speech.
fn long_text() -> String {
    let parts = [
        "The quick brown fox jumps over the lazy dog.",
        "Transcription works on this server.",
        "We measure the time it takes to transcribe a long recording.",
        "Every sentence adds a few more seconds of speech to the clip.",
    ];
    let mut s = String::new();
    for i in 0..4 {
        for p in parts {
            s.push_str(p);
            s.push(' ');
        }
        s.push_str(&format!("That was round number {}. ", i + 1));
    }
    s
}

struct Env {
    dir: PathBuf,
    db: Db,
    jobs: Jobs,
}

fn start(dir: &Path, workers: usize) -> (Db, Jobs) {
    let db = Db::open(&dir.join("vtserver.db")).unwrap();
    let jobs = Jobs::start(
        db.clone(),
        JobsConfig {
            data_dir: dir.to_owned(),
            workers,
            threads_per_job: 1,
        },
        model(),
    )
    .unwrap();
    (db, jobs)
}

fn env(name: &str) -> Env {
    let dir = data_dir(name);
    let (db, jobs) = start(&dir, 1);
    Env { dir, db, jobs }
}

/// Inserts a session (status `uploaded`) with an upload whose media file is `media` (copied
/// under `media/<session>/`); returns the session id.
fn session_with_media(dir: &Path, db: &Db, media: Option<&Path>) -> String {
    let session = uuid::Uuid::new_v4().to_string();
    let upload = uuid::Uuid::new_v4().to_string();
    let now = db::now();
    let conn = db.blocking().unwrap();
    conn.execute(
        "INSERT INTO sessions (id, livemode, name, status, metadata, upload_id, created_at, updated_at)
         VALUES (?1, 0, 'test', ?2, '{}', ?3, ?4, ?4)",
        rusqlite::params![
            session,
            if media.is_some() { "uploaded" } else { "created" },
            media.map(|_| upload.clone()),
            now
        ],
    )
    .unwrap();
    if let Some(media) = media {
        let ext = media.extension().unwrap().to_str().unwrap();
        let rel = format!("media/{session}/{upload}.{ext}");
        std::fs::create_dir_all(dir.join(format!("media/{session}"))).unwrap();
        std::fs::copy(media, dir.join(&rel)).unwrap();
        conn.execute(
            "INSERT INTO uploads (id, session_id, filename, content_type, size_bytes,
                 duration_seconds, checksum_sha256, path, created_at)
             VALUES (?1, ?2, 'clip', 'audio/wav', 1, 1.0, '', ?3, ?4)",
            rusqlite::params![upload, session, rel, now],
        )
        .unwrap();
    }
    session
}

fn options(language: &str) -> wire::TranscriptionOptions {
    serde_json::from_value(serde_json::json!({ "language": language })).unwrap()
}

fn session_status(db: &Db, session: &str) -> (String, Option<String>) {
    db.blocking()
        .unwrap()
        .query_row(
            "SELECT status, language FROM sessions WHERE id = ?1",
            [session],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn stage(ev: &wire::ProgressEvent) -> String {
    serde_json::to_value(ev.stage)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Follows the session's progress stream to its end (bounded by `limit`).
async fn follow(
    jobs: &Jobs,
    session: &str,
    last: Option<i64>,
    limit: Duration,
) -> Vec<(i64, wire::ProgressEvent)> {
    let stream = jobs.subscribe(session, last).await.unwrap();
    tokio::time::timeout(limit, stream.collect::<Vec<_>>())
        .await
        .expect("the progress stream ends")
}

fn assert_well_ordered(events: &[(i64, wire::ProgressEvent)]) {
    for w in events.windows(2) {
        assert!(w[1].0 > w[0].0, "ids increase: {} then {}", w[0].0, w[1].0);
        assert!(
            w[1].1.percent >= w[0].1.percent,
            "percent never decreases: {} then {}",
            w[0].1.percent,
            w[1].1.percent
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_runs_to_completed_with_the_words() {
    let _g = heavy().await;
    let e = env("complete");
    let clip = e.dir.join("clip.wav");
    speak(SENTENCE, &clip);
    let session = session_with_media(&e.dir, &e.db, Some(&clip));

    let mut opts = options("auto");
    opts.word_timestamps = Some(true);
    opts.diarize = Some(true);
    let job = e.jobs.enqueue(&session, false, opts).await.unwrap();
    assert_eq!(job.status.as_str(), "queued");
    assert_eq!(job.options.model, Some(wire::TranscriptionModel::Standard));
    assert_eq!(job.options.translate, Some(false));
    // `queued`, unless the idle worker already took it.
    let st = session_status(&e.db, &session).0;
    assert!(st == "queued" || st == "transcribing", "{st}");

    // One active job per session.
    let again = e.jobs.enqueue(&session, false, options("en")).await;
    assert!(matches!(again, Err(JobsError::Active { .. })), "{again:?}");

    let events = follow(&e.jobs, &session, Some(0), Duration::from_secs(120)).await;
    let stages: Vec<String> = events.iter().map(|(_, ev)| stage(ev)).collect();
    eprintln!("stages: {stages:?}");
    assert_well_ordered(&events);
    assert_eq!(stages.first().unwrap(), "queued");
    assert_eq!(stages.last().unwrap(), "completed");
    for s in ["extracting_audio", "transcribing", "finalizing"] {
        assert!(stages.iter().any(|x| x == s), "{s} in {stages:?}");
    }
    assert_eq!(events.last().unwrap().1.percent, 100.0);
    let live_segments: Vec<&wire::Segment> = events
        .iter()
        .filter_map(|(_, ev)| ev.segment.as_ref())
        .collect();
    assert!(!live_segments.is_empty(), "segments are streamed");

    let (transcript, job) = e.jobs.completed(&session).await.unwrap().unwrap();
    eprintln!("transcript: {:?}", transcript.text);
    let text = transcript.text.to_lowercase();
    assert!(text.contains("lazy dog"), "{text:?}");
    assert!(text.contains("transcription works"), "{text:?}");
    assert_eq!(transcript.language, "en");
    assert!(transcript.duration_seconds > 2.0);
    assert_eq!(live_segments.len(), transcript.segments.len());
    for (i, seg) in transcript.segments.iter().enumerate() {
        assert_eq!(seg.id, i as i64);
        assert!(seg.end >= seg.start);
        assert_eq!(seg.speaker, Some(None), "diarize: speaker present and null");
        let words = seg.words.as_ref().expect("word timestamps");
        assert!(!words.is_empty());
        for w in words {
            assert!((0.0..=1.0).contains(&w.probability), "{w:?}");
            assert!(
                w.start <= w.end && w.start >= seg.start && w.end <= seg.end,
                "{w:?} in {seg:?}"
            );
        }
    }
    let all_words: String = transcript
        .segments
        .iter()
        .flat_map(|s| s.words.clone().unwrap())
        .map(|w| w.word)
        .collect();
    assert!(
        all_words.to_lowercase().contains("lazy dog"),
        "{all_words:?}"
    );

    assert_eq!(job.status.as_str(), "completed");
    assert_eq!(job.progress_percent, 100.0);
    assert_eq!(job.detected_language.as_deref(), Some("en"));
    assert!(job.started_at.is_some() && job.completed_at.is_some());
    assert!(job.processing_time_seconds.unwrap() > 0.0);
    assert_eq!(
        session_status(&e.db, &session),
        ("completed".into(), Some("en".into()))
    );

    // Replays: a fresh connect gets the latest event only; Last-Event-ID gets the rest.
    let fresh = follow(&e.jobs, &session, None, Duration::from_secs(5)).await;
    assert_eq!(fresh.len(), 1);
    assert_eq!(stage(&fresh[0].1), "completed");
    let mid = events[events.len() / 2].0;
    let resumed = follow(&e.jobs, &session, Some(mid), Duration::from_secs(5)).await;
    assert_eq!(
        resumed.iter().map(|r| r.0).collect::<Vec<_>>(),
        events
            .iter()
            .map(|r| r.0)
            .filter(|&id| id > mid)
            .collect::<Vec<_>>()
    );
    let past_end = follow(
        &e.jobs,
        &session,
        Some(events.last().unwrap().0),
        Duration::from_secs(5),
    )
    .await;
    assert!(past_end.is_empty());

    // Cancelling a finished job is a conflict.
    assert!(matches!(
        e.jobs.cancel(&session).await,
        Err(JobsError::NotActive { .. })
    ));
    e.jobs.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_stops_a_running_job_promptly() {
    let _g = heavy().await;
    let e = env("cancel");
    let long = e.dir.join("long.wav");
    speak(&long_text(), &long);
    let short = e.dir.join("short.wav");
    speak(SENTENCE, &short);
    let s1 = session_with_media(&e.dir, &e.db, Some(&long));
    let s2 = session_with_media(&e.dir, &e.db, Some(&short));

    // The full run, for comparison.
    let t = Instant::now();
    e.jobs.enqueue(&s1, false, options("en")).await.unwrap();
    let events = follow(&e.jobs, &s1, Some(0), Duration::from_secs(300)).await;
    let full = t.elapsed();
    assert_eq!(stage(&events.last().unwrap().1), "completed");
    eprintln!("full run: {full:.2?}");

    // Again, cancelled as soon as it transcribes.
    e.jobs.enqueue(&s1, false, options("en")).await.unwrap();
    let mut stream = Box::pin(e.jobs.subscribe(&s1, Some(0)).await.unwrap());
    let mut seen = Vec::new();
    while let Some((id, ev)) = stream.next().await {
        let st = stage(&ev);
        seen.push((id, ev));
        if st == "transcribing" {
            break;
        }
    }
    // The second session's job waits for the only worker.
    e.jobs.enqueue(&s2, false, options("en")).await.unwrap();
    let cancelled_at = Instant::now();
    let job = e.jobs.cancel(&s1).await.unwrap();
    assert_eq!(job.status.as_str(), "cancelled");
    assert!(job.completed_at.is_some());
    let rest: Vec<_> = tokio::time::timeout(Duration::from_secs(30), stream.collect::<Vec<_>>())
        .await
        .unwrap();
    assert_eq!(stage(&rest.last().unwrap().1), "cancelled");
    seen.extend(rest);
    assert_well_ordered(&seen);
    assert_eq!(session_status(&e.db, &s1).0, "cancelled");

    // The worker is free again as soon as whisper stopped: the next job starts.
    let mut next = Box::pin(e.jobs.subscribe(&s2, Some(0)).await.unwrap());
    while let Some((_, ev)) = next.next().await {
        if stage(&ev) == "extracting_audio" {
            break;
        }
    }
    let freed = cancelled_at.elapsed();
    eprintln!("worker freed {freed:.2?} after cancel (full run {full:.2?})");
    assert!(
        freed < full / 4,
        "cancel took {freed:?}, a full run {full:?}"
    );
    // No transcript of the cancelled job; its events stop at `cancelled`.
    assert!(e.jobs.transcript(&s1).await.unwrap().is_none());
    let after = follow(
        &e.jobs,
        &s1,
        Some(seen.last().unwrap().0),
        Duration::from_secs(5),
    )
    .await;
    assert!(after.is_empty(), "{after:?}");
    let done = follow(&e.jobs, &s2, Some(0), Duration::from_secs(120)).await;
    assert_eq!(stage(&done.last().unwrap().1), "completed");
    // The cancelled job's row did not move after the cancel.
    let j = e.jobs.latest(&s1).await.unwrap().unwrap();
    assert_eq!(j.status.as_str(), "cancelled");
    e.jobs.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_left_by_a_crash_run_again() {
    let _g = heavy().await;
    let dir = data_dir("recover");
    let clip = dir.join("clip.wav");
    speak(SENTENCE, &clip);
    let db = Db::open(&dir.join("vtserver.db")).unwrap();
    let running = session_with_media(&dir, &db, Some(&clip));
    let queued = session_with_media(&dir, &db, Some(&clip));
    let gone = session_with_media(&dir, &db, Some(&clip));
    let tired = session_with_media(&dir, &db, Some(&clip));
    std::fs::remove_dir_all(dir.join(format!("media/{gone}"))).unwrap();
    // Rows as a killed process leaves them.
    let conn = db.blocking().unwrap();
    let now = db::now();
    for (session, status, pct, attempts) in [
        (&running, "running", 42.0, 1),
        (&queued, "queued", 0.0, 0),
        (&gone, "running", 10.0, 1),
        (&tired, "running", 50.0, 3),
    ] {
        let upload: String = conn
            .query_row(
                "SELECT upload_id FROM sessions WHERE id = ?1",
                [session],
                |r| r.get(0),
            )
            .unwrap();
        conn.execute(
            "INSERT INTO jobs (id, session_id, livemode, status, options, upload_id,
                 progress_percent, attempts, created_at, started_at)
             VALUES (?1, ?2, 0, ?3, '{\"language\":\"en\"}', ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                uuid::Uuid::new_v4().to_string(),
                session,
                status,
                upload,
                pct,
                attempts,
                now,
                (status == "running").then(|| now.clone())
            ],
        )
        .unwrap();
        conn.execute(
            "UPDATE sessions SET status = ?2 WHERE id = ?1",
            rusqlite::params![
                session,
                if status == "running" {
                    "transcribing"
                } else {
                    "queued"
                }
            ],
        )
        .unwrap();
    }
    drop(conn);

    let (db, jobs) = start(&dir, 1);
    for session in [&running, &queued] {
        let events = follow(&jobs, session, Some(0), Duration::from_secs(120)).await;
        assert_well_ordered(&events);
        assert_eq!(stage(&events.last().unwrap().1), "completed", "{events:?}");
        let text = jobs
            .transcript(session)
            .await
            .unwrap()
            .unwrap()
            .text
            .to_lowercase();
        assert!(text.contains("lazy dog"), "{text:?}");
        assert_eq!(session_status(&db, session).0, "completed");
    }
    // The interrupted job never reports less than it had reached.
    let events = follow(&jobs, &running, Some(0), Duration::from_secs(5)).await;
    assert!(
        events.iter().all(|(_, ev)| ev.percent >= 42.0),
        "{events:?}"
    );
    assert!(events[0].1.message.contains("restart"), "{:?}", events[0].1);

    for (session, code) in [(&gone, "media_missing"), (&tired, "interrupted")] {
        let job = jobs.latest(session).await.unwrap().unwrap();
        assert_eq!(job.status.as_str(), "failed");
        let err = job.error.expect("a failed job has an error");
        assert_eq!(err.code, code);
        assert!(!err.message.is_empty());
        assert_eq!(session_status(&db, session).0, "failed");
        let events = follow(&jobs, session, None, Duration::from_secs(5)).await;
        assert_eq!(stage(&events[0].1), "failed");
    }
    jobs.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_and_media_are_checked() {
    let e = env("checks");
    let clip = e.dir.join("clip.wav");
    speak("Hello.", &clip);
    let session = session_with_media(&e.dir, &e.db, Some(&clip));

    // tiny.en is English-only.
    match e.jobs.enqueue(&session, false, options("de")).await {
        Err(JobsError::InvalidOption(o)) => assert_eq!(o.field, "language"),
        other => panic!("{other:?}"),
    }
    let mut o = options("en");
    o.translate = Some(true);
    match e.jobs.enqueue(&session, false, o).await {
        Err(JobsError::InvalidOption(o)) => assert_eq!(o.field, "translate"),
        other => panic!("{other:?}"),
    }
    e.jobs.check_options(&options("en-US")).unwrap();
    e.jobs.check_options(&options("auto")).unwrap();
    // Wrong mode, missing session, no media.
    assert!(matches!(
        e.jobs.enqueue(&session, true, options("en")).await,
        Err(JobsError::SessionNotFound)
    ));
    let empty = session_with_media(&e.dir, &e.db, None);
    assert!(matches!(
        e.jobs.enqueue(&empty, false, options("en")).await,
        Err(JobsError::NoMedia)
    ));
    assert!(matches!(e.jobs.cancel(&empty).await, Err(JobsError::NoJob)));
    assert!(matches!(
        e.jobs.subscribe(&empty, None).await,
        Err(JobsError::NoJob)
    ));
    assert!(e.jobs.latest(&empty).await.unwrap().is_none());

    // A text file named .mp4 fails as audio_decode_failed, without crashing anything.
    let fake = e.dir.join("fake.mp4");
    std::fs::write(&fake, "this is not a video").unwrap();
    let bad = session_with_media(&e.dir, &e.db, Some(&fake));
    e.jobs.enqueue(&bad, false, options("en")).await.unwrap();
    let events = follow(&e.jobs, &bad, Some(0), Duration::from_secs(60)).await;
    assert_eq!(stage(&events.last().unwrap().1), "failed");
    let job = e.jobs.latest(&bad).await.unwrap().unwrap();
    assert_eq!(job.error.unwrap().code, "audio_decode_failed");
    assert_eq!(session_status(&e.db, &bad).0, "failed");
    e.jobs.shutdown();
}

/// `cargo test --release -p vtserver --test jobs -- --ignored overhead --nocapture`: the job's
/// `processing_time_seconds` (decode, whisper with hooks, events, DB) against bare whisper on
/// the same samples, options (`standard`, `en`) and threads, alternating, medians of 5. The
/// official figure is `cargo xtask bench server`; this one isolates the engine from HTTP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn overhead_against_bare_whisper() {
    let _g = heavy().await;
    // Threads as the server's default, or VTSERVER_THREADS_PER_JOB.
    let threads = std::env::var("VTSERVER_THREADS_PER_JOB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(4)
        });
    let dir = data_dir("overhead");
    let db = Db::open(&dir.join("vtserver.db")).unwrap();
    let jobs = Jobs::start(
        db.clone(),
        JobsConfig {
            data_dir: dir.clone(),
            workers: 1,
            threads_per_job: threads,
        },
        model(),
    )
    .unwrap();
    // An MP4 (AAC audio, black video), as uploads usually are.
    let wav = dir.join("long.wav");
    speak(&long_text(), &wav);
    let clip = dir.join("long.mp4");
    let ok = Command::new("ffmpeg")
        .args(["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .arg("color=c=black:s=64x64:r=10")
        .arg("-i")
        .arg(&wav)
        .args([
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "mpeg4",
            "-shortest",
            "-c:a",
            "aac",
        ])
        .arg(&clip)
        .status();
    assert!(matches!(ok, Ok(s) if s.success()), "ffmpeg: {ok:?}");
    let samples = vtserver::audio::decode_to_16k_mono(&clip).unwrap();
    let m = model();
    let mut state = m.new_state().unwrap();
    let opts = vtserver::transcribe::Options {
        language: Some("en".into()),
        ..Default::default()
    };
    let (mut bare, mut engine) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let t = Instant::now();
        m.run_with(&mut state, &samples, &opts, threads, Default::default())
            .unwrap();
        bare.push(t.elapsed().as_secs_f64());
        let session = session_with_media(&dir, &db, Some(&clip));
        jobs.enqueue(&session, false, options("en")).await.unwrap();
        follow(&jobs, &session, Some(0), Duration::from_secs(300)).await;
        let job = jobs.latest(&session).await.unwrap().unwrap();
        engine.push(job.processing_time_seconds.unwrap());
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    eprintln!("bare {bare:.3?}\nengine {engine:.3?}");
    let (b, e) = (median(bare), median(engine));
    eprintln!(
        "{:.1} s clip, {threads} threads: bare whisper {b:.3} s, engine job {e:.3} s, overhead {:+.1}%",
        samples.len() as f64 / 16_000.0,
        (e / b - 1.0) * 100.0
    );
    jobs.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_session_stops_its_job_and_ends_its_stream() {
    let _g = heavy().await;
    let e = env("delete");
    let long = e.dir.join("long.wav");
    speak(&long_text(), &long);
    let session = session_with_media(&e.dir, &e.db, Some(&long));
    e.jobs
        .enqueue(&session, false, options("en"))
        .await
        .unwrap();
    let mut stream = Box::pin(e.jobs.subscribe(&session, Some(0)).await.unwrap());
    while let Some((_, ev)) = stream.next().await {
        if stage(&ev) == "transcribing" {
            break;
        }
    }
    // What the HTTP layer does on DELETE: stop the job, then delete the row (cascading).
    e.jobs.abort_session(&session);
    e.db.blocking()
        .unwrap()
        .execute("DELETE FROM sessions WHERE id = ?1", [&session])
        .unwrap();
    let t = Instant::now();
    let rest: Vec<_> = tokio::time::timeout(Duration::from_secs(60), stream.collect::<Vec<_>>())
        .await
        .expect("the stream of a deleted session ends");
    eprintln!(
        "stream ended {:.1?} after the delete, {} more events",
        t.elapsed(),
        rest.len()
    );
    assert!(
        rest.iter().all(|(_, ev)| stage(ev) == "transcribing"),
        "{rest:?}"
    );
    assert!(e.jobs.latest(&session).await.unwrap().is_none());
    // The worker is free for the next job.
    let clip = e.dir.join("clip.wav");
    speak(SENTENCE, &clip);
    let next = session_with_media(&e.dir, &e.db, Some(&clip));
    e.jobs.enqueue(&next, false, options("en")).await.unwrap();
    let events = follow(&e.jobs, &next, Some(0), Duration::from_secs(120)).await;
    assert_eq!(stage(&events.last().unwrap().1), "completed");
    e.jobs.shutdown();
}
