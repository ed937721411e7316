"""Every Python code block of sdks/python/README.md, run as written against vtserver.

A reader copies these blocks; each must run with only VT_API_KEY and VT_BASE_URL set (as
`cargo xtask contract` sets them). A block that uses `client` or `Client` without an import
runs after the README's first block (the import and `client = Client()`). Files a block opens
(`open("file.bin", "rb")`, `Path("talk.mp4")`) are created first in a scratch directory,
the block's working directory.

Outcomes: the block completes, or the server answers the request it sent with 404 (the
samples use placeholder ids), 409 (a state the fresh server is not in), 415 (the scratch
file is not a video) or 501 (an operation vtserver does not serve). Anything else fails:
a TypeError from a wrong argument name, a 400 or 422 (the sample's request is invalid), a
decode error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from video_transcriber import APIStatusError

README = Path(__file__).resolve().parents[3] / "sdks" / "python" / "README.md"
ACCEPTED_STATUSES = {404, 409, 415, 501}
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
OPENED = re.compile(r"""(?:open|Path)\(\s*["']([^"'/]+)["']""")


def blocks() -> list[str]:
    return FENCE.findall(README.read_text(encoding="utf-8"))


def test_readme_has_python_blocks() -> None:
    found = blocks()
    assert len(found) >= 5, found
    assert "client = Client()" in found[0]


@pytest.mark.parametrize("index", range(len(blocks())))
def test_readme_block_runs(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    all_blocks = blocks()
    code = all_blocks[index]
    imports_client = re.search(
        r"^from \S+ import .*\b(?:Async)?Client\b", code, re.MULTILINE
    )
    uses_client = re.search(r"\b[Cc]lient\b", code) and not imports_client
    if index > 0 and uses_client:
        code = all_blocks[0] + "\n" + code
    for name in OPENED.findall(code):
        (tmp_path / name).write_bytes(b"not a video\n")
    monkeypatch.chdir(tmp_path)
    # The readme's clients read the key and the server from the environment, as a user's do.
    assert os.environ.get("VT_API_KEY") and os.environ.get("VT_BASE_URL")
    namespace: dict[str, object] = {"__name__": f"readme_block_{index}"}
    try:
        exec(compile(code, f"README.md block {index}", "exec"), namespace)  # noqa: S102
    except APIStatusError as err:
        if err.status_code not in ACCEPTED_STATUSES:
            pytest.fail(f"block {index} got {err.status_code}: {err}\n---\n{code}")
    finally:
        client = namespace.get("client")
        close = getattr(client, "close", None)
        if callable(close):
            close()
