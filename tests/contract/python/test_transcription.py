"""The whole path a user takes: session -> upload -> transcribe -> progress -> transcript."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import ROBUST_PHRASES
from video_transcriber import APIResponseValidationError, Client, ConflictError

STAGES = [
    "queued",
    "extracting_audio",
    "transcribing",
    "diarizing",
    "finalizing",
    "completed",
]
SRT_TIME = r"\d\d:\d\d:\d\d,\d\d\d --> \d\d:\d\d:\d\d,\d\d\d"
VTT_TIME = r"(\d\d:)?\d\d:\d\d\.\d\d\d --> (\d\d:)?\d\d:\d\d\.\d\d\d"


def words(text: str) -> str:
    """Lower case, punctuation dropped, single spaces: what phrases are matched against."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def test_upload_transcribe_and_export(client: Client, media: dict[str, Path]) -> None:
    clip = media["mp4"]
    session = client.sessions.create(
        name="contract: python sdk", metadata={"suite": "python"}
    )
    assert session.object_ == "session"
    assert session.status == "created"
    assert session.livemode is True
    assert session.video is None
    assert session.metadata == {"suite": "python"}

    upload = client.sessions.upload(session.id, video=clip)
    assert upload.session_id == session.id
    assert upload.filename == "clip.mp4"
    assert upload.size_bytes == clip.stat().st_size
    assert upload.checksum_sha256 == hashlib.sha256(clip.read_bytes()).hexdigest()
    assert upload.duration_seconds is not None and upload.duration_seconds > 2.0

    uploaded = client.sessions.get(session.id)
    assert uploaded.status == "uploaded"
    assert uploaded.video is not None and uploaded.video.id == upload.id

    job = client.sessions.transcribe(session.id, language="en")
    assert job.session_id == session.id
    assert job.status in ("queued", "running", "completed")
    assert job.options.language == "en"

    with client.sessions.progress(session.id) as stream:
        events = list(stream)
    assert events, "the progress stream ended without an event"
    stages = [e.stage for e in events]
    assert stages[-1] == "completed", stages
    assert all(s in STAGES for s in stages), stages
    order = [STAGES.index(s) for s in stages]
    assert order == sorted(order), f"stages out of order: {stages}"
    percents = [e.percent for e in events]
    assert percents == sorted(percents), f"percent decreased: {percents}"
    assert all(0 <= p <= 100 for p in percents)
    assert percents[-1] == 100
    assert {e.job_id for e in events} == {job.id}
    assert {e.session_id for e in events} == {session.id}

    # A new connection replays the latest event (its SSE `event:` name is the stage); resuming
    # after it with Last-Event-ID gives nothing more, and the stream ends.
    with client.sessions.progress(session.id) as stream:
        replay = list(stream.events())
    assert [(e.event, e.id is not None) for e in replay] == [("completed", True)]
    last_id = replay[0].id
    assert last_id is not None
    with client.sessions.progress(session.id, last_event_id=last_id) as stream:
        assert list(stream.events()) == []

    done = client.sessions.transcription(session.id)
    assert done.id == job.id
    assert done.status == "completed"

    transcript = client.sessions.transcript(session.id)
    assert transcript.session_id == session.id
    assert transcript.language == "en"
    text = words(transcript.text)
    for phrase in ROBUST_PHRASES:
        assert phrase in text, f"{phrase!r} missing from {transcript.text!r}"
    assert transcript.segments
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    assert all(s.end >= s.start for s in transcript.segments)
    assert transcript.duration_seconds > 2.0

    # The text renderings come through the `_text` companion of `transcript`.
    srt = client.sessions.with_raw_response.transcript_text(session.id, format="srt")
    assert srt.headers["content-type"].startswith("application/x-subrip")
    assert srt.request_id
    body = srt.parse()
    assert isinstance(body, str) and body == srt.http_response.text
    assert re.match(r"1\r?\n" + SRT_TIME + r"\r?\n\S", body), body
    assert "lazy dog" in words(body)
    cues = re.findall(r"^(\d+)\r?\n" + SRT_TIME, body, flags=re.MULTILINE)
    assert cues == [str(i) for i in range(1, len(cues) + 1)], body

    body = client.sessions.transcript_text(session.id, format="vtt")
    assert body.startswith("WEBVTT"), body
    assert re.search(r"^" + VTT_TIME, body, flags=re.MULTILINE), body
    assert "lazy dog" in words(body)

    # The JSON method asked for text says which method reads it, not a JSON decode error.
    with pytest.raises(APIResponseValidationError, match="transcript_text") as err:
        client.sessions.transcript(session.id, format="srt")
    assert err.value.status_code == 200

    txt = client.sessions.transcript_text(session.id, format="txt")
    assert "transcription works" in words(txt)

    finished = client.sessions.get(session.id)
    assert finished.status == "completed"
    assert finished.language == "en"

    analytics = client.sessions.analytics(session.id)
    assert analytics.session_id == session.id
    assert analytics.word_count >= 6

    # A finished job cannot be cancelled, and the video cannot be replaced.
    with pytest.raises(ConflictError):
        client.sessions.cancel_transcription(session.id)
    with pytest.raises(ConflictError):
        client.sessions.upload(session.id, video=clip)
