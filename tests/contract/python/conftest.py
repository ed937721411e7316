"""Contract tests of the generated Python SDK (sdks/python) against a running vtserver.

`cargo xtask contract` starts the server on a fresh data directory and runs these with
VT_BASE_URL, VT_API_KEY (live) and VT_TEST_API_KEY (test mode) set. The media is made
here, at test time: espeak-ng speaks a sentence, ffmpeg muxes it with a black video track.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "sdks" / "python" / "src"))

from video_transcriber import Client

# tiny.en gets these through reliably under greedy decoding (conventions/whisper.md).
SENTENCE = "The transcription works. The quick brown fox jumps over the lazy dog."
ROBUST_PHRASES = ("transcription works", "lazy dog")


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise pytest.UsageError(
            f"{name} is not set: run the contract tests with `cargo xtask contract`, "
            "which starts vtserver and creates the keys"
        )
    return value


def pytest_configure(config: pytest.Config) -> None:
    for name in ("VT_BASE_URL", "VT_API_KEY", "VT_TEST_API_KEY"):
        _env(name)


@pytest.fixture(scope="session")
def base_url() -> str:
    return _env("VT_BASE_URL")


@pytest.fixture(scope="session")
def client() -> Iterator[Client]:
    # Key and URL come from VT_API_KEY / VT_BASE_URL, as a user's would. No retries:
    # every status the server gives must be seen as it is.
    with Client(max_retries=0, timeout=120.0) as c:
        yield c


@pytest.fixture(scope="session")
def test_client() -> Iterator[Client]:
    with Client(api_key=_env("VT_TEST_API_KEY"), max_retries=0, timeout=120.0) as c:
        yield c


def _run(*args: str) -> None:
    tool = args[0]
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is needed (tools/setup.sh installs it)")
    subprocess.run(args, check=True, capture_output=True)


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """speech.wav (espeak-ng), clip.mp4 (black video + AAC), clip.webm (Opus)."""
    d = tmp_path_factory.mktemp("media")
    wav, mp4, webm = d / "speech.wav", d / "clip.mp4", d / "clip.webm"
    _run("espeak-ng", "-s", "150", "-w", str(wav), SENTENCE)
    _run(
        "ffmpeg", "-nostdin", "-y", "-loglevel", "error",
        "-f", "lavfi", "-i", "color=c=black:s=160x120:r=10",
        "-i", str(wav),
        "-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-b:a", "64k",
        "-movflags", "+faststart", str(mp4),
    )  # fmt: skip
    _run(
        "ffmpeg", "-nostdin", "-y", "-loglevel", "error",
        "-i", str(wav), "-c:a", "libopus", "-b:a", "32k", str(webm),
    )  # fmt: skip
    return {"wav": wav, "mp4": mp4, "webm": webm}
