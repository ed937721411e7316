"""A transcribed session for schemathesis, made through the Python SDK; prints its id.

`cargo xtask contract` passes the id to schemathesis (VT_FIXTURE_SESSION), so the operations
that read a session's job, progress, transcript and analytics are also tested against a real,
completed transcription instead of only against unknown ids.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from video_transcriber import Client

SENTENCE = "The transcription works. The quick brown fox jumps over the lazy dog."


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        wav, mp4 = Path(d) / "speech.wav", Path(d) / "fixture.mp4"
        subprocess.run(["espeak-ng", "-w", str(wav), SENTENCE], check=True)
        subprocess.run(
            ["ffmpeg", "-nostdin", "-y", "-loglevel", "error",
             "-f", "lavfi", "-i", "color=c=black:s=160x120:r=10", "-i", str(wav),
             "-shortest", "-c:v", "mpeg4", "-c:a", "aac", str(mp4)],
            check=True,
        )  # fmt: skip
        with Client(max_retries=0) as client:
            session = client.sessions.create(name="schemathesis fixture")
            client.sessions.upload(session.id, video=mp4)
            client.sessions.transcribe(session.id, language="en", word_timestamps=True)
            with client.sessions.progress(session.id) as stream:
                stages = [event.stage for event in stream]
            if stages[-1:] != ["completed"]:
                sys.exit(f"the fixture's transcription did not complete: {stages}")
    print(session.id)


if __name__ == "__main__":
    main()
