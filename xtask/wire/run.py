"""Runs the docs samples of `samples.py` against a mock server (`cargo xtask corpus --wire`).

Usage: python run.py LIMIT SECONDS. The client the samples build reads its base URL and
credentials from the environment. Each sample runs alone: one line per sample on stdout,
`WIRE {"index": i, "outcome": ok|rejected|parse|error, ...}`. A sample is done when its
call returned (or it printed its first result: one page, one event), so a paginated list
never walks more pages than the first. The SDK keeps a response that does not validate
(logging it at debug level) rather than raising; that log makes the outcome `parse`.
"""

import importlib
import json
import logging
import signal
import sys
from types import FrameType
from typing import Any, Dict, List, Optional, Tuple


class Printed(Exception):
    """A sample printed its first result."""


class Timeout(Exception):
    """A sample ran out of time."""


def stop_at_print(*args: object, **kwargs: object) -> None:
    raise Printed()


def alarm(signum: int, frame: Optional[FrameType]) -> None:
    raise Timeout()


class Invalid(logging.Handler):
    """Collects the SDK's messages about responses that did not validate."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "did not match its schema" in message or "cannot validate" in message:
            self.messages.append(message)


def clip(text: str, n: int = 600) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "..."


def main() -> None:
    limit, seconds = int(sys.argv[1]), int(sys.argv[2])
    import samples  # builds the client

    package = samples.Client.__module__.split(".")[0]
    errors = importlib.import_module(package + "._exceptions")
    invalid = Invalid()
    logger = logging.getLogger(package)
    logger.addHandler(invalid)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    setattr(samples, "print", stop_at_print)
    signal.signal(signal.SIGALRM, alarm)
    found: List[Tuple[int, Any]] = []
    for name, fn in vars(samples).items():
        if name.startswith("sample_") and callable(fn):
            found.append((int(name.split("_")[1]), fn))
    found.sort(key=lambda x: x[0])
    for index, fn in found[:limit] if limit > 0 else found:
        invalid.messages.clear()
        out: Dict[str, object] = {"index": index}
        signal.alarm(seconds)
        try:
            fn()
            out["outcome"] = "ok"
        except Printed:
            out["outcome"] = "ok"
        except errors.APIStatusError as e:
            out["outcome"] = "rejected"
            out["status"] = e.status_code
            out["violations"] = clip(e.response.headers.get("sl-violations") or "")
            out["body"] = clip(e.response.text)
        except errors.APIResponseValidationError as e:
            out["outcome"] = "parse"
            out["error"] = clip(str(e))
        except Timeout:
            out["outcome"] = "error"
            out["error"] = f"no answer within {seconds}s"
        except Exception as e:  # noqa: BLE001 - every other failure is reported as it is
            out["outcome"] = "error"
            out["error"] = clip(f"{type(e).__name__}: {e}")
        finally:
            signal.alarm(0)
        if out["outcome"] == "ok" and invalid.messages:
            out["outcome"] = "parse"
            out["error"] = clip(invalid.messages[0])
        sys.stdout.write("WIRE " + json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
