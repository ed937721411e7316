"""Runtime tests of a generated SDK against a real HTTP server on 127.0.0.1.

The SDK is generated from spec/fixtures/py_runtime.yaml into the directory named by
PY_RUNTIME_SDK (the Rust test `runtime_pytest` sets it); when unset, it is generated here
with target/debug/sdkgen.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[4]


def _sdk_dir() -> Path:
    given = os.environ.get("PY_RUNTIME_SDK")
    if given:
        return Path(given)
    out = Path(tempfile.mkdtemp(prefix="py_runtime_sdk_"))
    subprocess.run(
        [
            str(ROOT / "target/debug/sdkgen"),
            "generate",
            str(ROOT / "spec/fixtures/py_runtime.yaml"),
            "--lang",
            "python",
            "--out",
            str(out),
        ],
        check=True,
    )
    return out


SDK = _sdk_dir()
sys.path.insert(0, str(SDK / "src"))

import py_runtime  # noqa: E402
from py_runtime import (  # noqa: E402
    AsyncClient,
    Client,
    InternalServerError,
    NotFoundError,
    RateLimitError,
)

ITEMS = [{"id": f"it_{i}", "name": f"Item {i}", "status": "active"} for i in range(6)]


class State:
    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self.fail_next: List[Tuple[int, Dict[str, str]]] = []


class Handler(BaseHTTPRequestHandler):
    state: State

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _record(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.state.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body,
            }
        )
        return body

    def _send(
        self,
        status: int,
        payload: Any,
        *,
        ctype: str = "application/json",
        headers: Dict[str, str] | None = None,
    ) -> None:
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Request-Id", f"req_{len(self.state.requests)}")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _maybe_fail(self) -> bool:
        if self.state.fail_next:
            status, headers = self.state.fail_next.pop(0)
            self._send(status, {"title": "Slow down"}, headers=headers)
            return True
        return False

    def do_GET(self) -> None:  # noqa: N802
        self._record()
        if self._maybe_fail():
            return
        path, _, query = self.path.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        if path == "/items":
            start = int(params.get("cursor", "0"))
            limit = int(params.get("limit", "2"))
            page = ITEMS[start : start + limit]
            nxt = start + limit
            more = nxt < len(ITEMS)
            self._send(
                200,
                {
                    "data": page,
                    "next_cursor": str(nxt) if more else None,
                    "has_more": more,
                },
            )
        elif path == "/events":
            after = params.get("starting_after")
            start = 0 if after is None else int(after.split("_")[1]) + 1
            page = ITEMS[start : start + 2]
            self._send(200, {"data": page, "has_more": start + 2 < len(ITEMS)})
        elif path == "/items/it_1":
            self._send(
                200,
                {
                    "id": "it_1",
                    "name": "One",
                    "status": "frozen",
                    "createdAt": "2024-05-01T10:00:00Z",
                    "brand_new_field": {"x": 1},
                },
            )
        elif path == "/items/it_broken":
            # `name` is required but missing; the rest matches.
            self._send(
                200,
                {"id": "it_broken", "status": "active", "createdAt": "2024-05-01T10:00:00Z"},
            )
        elif path.startswith("/items/"):
            self._send(
                404,
                {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No such item"},
                ctype="application/problem+json",
            )
        elif path == "/progress":
            stream = (
                b": keep-alive comment\n\n"
                b"event: progress\nid: 1\nretry: 1500\ndata: {\"percent\": 10,\n"
                b"data:  \"stage\": \"upload\"}\n\n"
                b"data: {\"percent\": 100, \"stage\": \"done\"}\n\n"
            )
            self._send(200, stream, ctype="text/event-stream")
        elif path == "/preferences":
            self._send(200, {"cookie": self.headers.get("Cookie")})
        elif path == "/health":
            self._send(200, {"ok": True})
        elif path == "/export":
            self._send(200, b"id,name\nit_0,Item 0\n", ctype="text/csv")
        elif path == "/report":
            if params.get("format") == "csv":
                self._send(200, b"total\n6\n", ctype="text/csv")
            else:
                self._send(200, {"total": 6})
        else:
            self._send(404, {"title": "no route"})

    def do_POST(self) -> None:  # noqa: N802
        body = self._record()
        if self._maybe_fail():
            return
        if self.path == "/items":
            data = json.loads(body)
            self._send(201, {"id": "it_new", "status": "active", **data})
        elif self.path == "/notes":
            ctype = self.headers["Content-Type"]
            msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + body
            )
            texts = [
                part.get_content().strip()
                for part in msg.iter_parts()
                if part.get_param("name", header="content-disposition") == "text"
            ] if msg.is_multipart() else []
            self._send(201, {"text": texts[0] if texts else None, "content_type": ctype})
        elif self.path.startswith("/tokens/"):
            self._send(200, {"access_token": f"{self.headers['Content-Type']}|{body.decode()}"})
        elif self.path == "/tokens":
            assert self.headers["Content-Type"] == "application/x-www-form-urlencoded"
            self._send(200, {"access_token": body.decode()})
        elif self.path == "/uploads":
            ctype = self.headers["Content-Type"]
            msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + body
            )
            parts = {
                part.get_param("name", header="content-disposition"): part
                for part in msg.iter_parts()
            }
            file_part = parts["file"]
            content = file_part.get_payload(decode=True)
            self._send(
                201,
                {
                    "id": "up_1",
                    "size": len(content),
                    "title": parts["title"].get_content().strip() if "title" in parts else None,
                    "filename": file_part.get_filename(),
                },
            )
        else:
            self._send(404, {"title": "no route"})

    def do_PATCH(self) -> None:  # noqa: N802
        body = self._record()
        data = json.loads(body)
        self._send(200, {"id": "it_1", "name": "One", "status": "active", **data})


@pytest.fixture()
def server() -> Iterator[Tuple[str, State]]:
    state = State()
    handler = type("H", (Handler,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_auth_header_from_argument_and_env(server: Tuple[str, State], monkeypatch: pytest.MonkeyPatch) -> None:
    url, state = server
    Client(api_key="sk_arg", base_url=url).items.retrieve("it_1")
    assert state.requests[-1]["headers"]["authorization"] == "Bearer sk_arg"
    monkeypatch.setenv("PR_API_KEY", "sk_env")
    Client(base_url=url).items.retrieve("it_1")
    assert state.requests[-1]["headers"]["authorization"] == "Bearer sk_env"


def test_operation_without_security_sends_no_credentials(server: Tuple[str, State]) -> None:
    url, state = server
    Client(api_key="sk_arg", base_url=url).health.check()
    assert "authorization" not in state.requests[-1]["headers"]
    Client(api_key="sk_arg", base_url=url).items.retrieve("it_1")
    assert state.requests[-1]["headers"]["authorization"] == "Bearer sk_arg"


def test_query_objects_deep_and_form_styles(server: Tuple[str, State]) -> None:
    from urllib.parse import parse_qs, urlsplit

    url, state = server
    client = Client(api_key="sk", base_url=url)
    client.items.list(created={"gt": 1, "lt": 5}, labels={"team": "a"}, limit=2)
    query = parse_qs(urlsplit(state.requests[-1]["path"]).query)
    assert query["created[gt]"] == ["1"] and query["created[lt]"] == ["5"]
    assert query["team"] == ["a"] and "labels" not in query


def test_retry_after_then_success_reuses_idempotency_key(server: Tuple[str, State]) -> None:
    url, state = server
    state.fail_next = [(429, {"Retry-After": "0"}), (503, {"Retry-After": "0"})]
    client = Client(api_key="k", base_url=url)
    item = client.items.create(name="Weekly sync")
    assert item.name == "Weekly sync"
    assert len(state.requests) == 3
    keys = {r["headers"]["idempotency-key"] for r in state.requests}
    assert len(keys) == 1 and next(iter(keys))
    assert state.requests[1]["headers"]["x-retry-count"] == "1"


def test_retry_after_http_date(server: Tuple[str, State]) -> None:
    url, state = server
    state.fail_next = [(429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})]
    start = time.monotonic()
    Client(api_key="k", base_url=url).items.retrieve("it_1")
    assert time.monotonic() - start < 2
    assert len(state.requests) == 2


def test_retries_exhausted_and_per_request_max_retries(server: Tuple[str, State]) -> None:
    url, state = server
    state.fail_next = [(429, {"Retry-After": "0"})] * 5
    client = Client(api_key="k", base_url=url, max_retries=1)
    with pytest.raises(RateLimitError) as err:
        client.items.retrieve("it_1")
    assert err.value.status_code == 429
    assert len(state.requests) == 2
    state.fail_next = [(500, {})]
    with pytest.raises(InternalServerError):
        client.items.retrieve("it_1", max_retries=0)


def test_409_and_501_are_not_retried(server: Tuple[str, State]) -> None:
    url, state = server
    client = Client(api_key="k", base_url=url, max_retries=3)
    for status in (409, 501):
        state.requests.clear()
        state.fail_next = [(status, {"Retry-After": "0"})]
        with pytest.raises(py_runtime.APIStatusError) as err:
            client.items.retrieve("it_1")
        assert err.value.status_code == status
        assert len(state.requests) == 1, f"{status} was retried"


def test_error_classes_carry_request_id_and_problem(server: Tuple[str, State]) -> None:
    url, _ = server
    client = Client(api_key="k", base_url=url)
    with pytest.raises(NotFoundError) as err:
        client.items.retrieve("missing")
    e = err.value
    assert isinstance(e, py_runtime.APIStatusError) and isinstance(e, py_runtime.APIError)
    assert e.status_code == 404
    assert e.request_id and e.request_id.startswith("req_")
    assert e.problem is not None and e.problem.title == "Not Found"
    assert e.problem.detail == "No such item"
    assert isinstance(e.body, dict) and e.body["status"] == 404
    assert e.response.status_code == 404


def test_connection_error_names_the_request_and_the_cause() -> None:
    client = Client(api_key="k", base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(py_runtime.APIConnectionError) as err:
        client.items.retrieve("it_1", extra_query={"token": "secret"})
    message = str(err.value)
    assert "GET http://127.0.0.1:9/items/it_1" in message, message
    assert "ConnectError" in message, message
    assert "secret" not in message, message


def test_501_is_its_own_error_class(server: Tuple[str, State]) -> None:
    url, state = server
    state.fail_next = [(501, {})]
    with pytest.raises(py_runtime.APINotImplementedError) as err:
        Client(api_key="k", base_url=url).items.retrieve("it_1")
    assert isinstance(err.value, InternalServerError)
    assert err.value.status_code == 501


def test_json_method_given_another_media_type_names_the_text_method(
    server: Tuple[str, State],
) -> None:
    url, _ = server
    client = Client(api_key="k", base_url=url)
    assert client.items.get_report().total == 6
    with pytest.raises(py_runtime.APIResponseValidationError) as err:
        client.items.get_report(format="csv")
    message = str(err.value)
    assert "text/csv" in message and "`get_report_text`" in message, message
    assert err.value.status_code == 200
    assert client.items.get_report_text(format="csv") == "total\n6\n"


def test_retry_docs_do_not_promise_409() -> None:
    doc = Client.__init__.__doc__ or Client.__doc__ or ""
    assert "max_retries" in doc
    line = next(x for x in doc.splitlines() if "max_retries" in x)
    assert "409" not in line, line


def test_pagination_sync_three_pages(server: Tuple[str, State]) -> None:
    url, state = server
    client = Client(api_key="k", base_url=url)
    page = client.items.list(limit=2)
    assert [i.id for i in page.items] == ["it_0", "it_1"]
    assert [i.id for i in page] == [f"it_{i}" for i in range(6)]
    assert len([r for r in state.requests if r["path"].startswith("/items?")]) == 3
    ids = [i.id for i in client.events.list(limit=2)]
    assert ids == [f"it_{i}" for i in range(6)]
    assert "starting_after=it_3" in state.requests[-1]["path"]


def test_pagination_async_three_pages(server: Tuple[str, State]) -> None:
    url, _ = server

    async def run() -> Tuple[List[str], List[str], List[str]]:
        async with AsyncClient(api_key="k", base_url=url) as client:
            ids = [i.id async for i in client.items.list(limit=2)]
            first = await client.items.list(limit=2)
            events = [i.id async for i in client.events.list()]
            return ids, [i.id for i in first.items], events

    ids, first, events = asyncio.run(run())
    assert ids == [f"it_{i}" for i in range(6)]
    assert first == ["it_0", "it_1"]
    assert events == [f"it_{i}" for i in range(6)]


def test_multipart_upload_path_bytes_tuple(server: Tuple[str, State], tmp_path: Path) -> None:
    url, state = server
    client = Client(api_key="k", base_url=url)
    video = tmp_path / "talk.mp4"
    video.write_bytes(b"\x00\x01video-bytes")
    up = client.uploads.create(file=video, title="Talk")
    assert up.size == len(b"\x00\x01video-bytes")
    assert up.title == "Talk"
    assert up.model_extra is not None and up.model_extra["filename"] == "talk.mp4"
    up = client.uploads.create(file=("a.bin", b"abc", "application/octet-stream"))
    assert up.size == 3 and up.model_extra is not None
    assert up.model_extra["filename"] == "a.bin"
    with open(video, "rb") as f:
        assert client.uploads.create(file=f).size == 13
    assert state.requests[-1]["headers"]["content-type"].startswith("multipart/form-data")


def test_multipart_without_files_is_still_multipart(server: Tuple[str, State]) -> None:
    url, _ = server
    note = Client(api_key="k", base_url=url).notes.create(text="hello")
    assert (note.content_type or "").startswith("multipart/form-data")
    assert note.text == "hello"


def test_form_urlencoded_body(server: Tuple[str, State]) -> None:
    url, _ = server
    token = Client(api_key="k", base_url=url).tokens.create(
        grant_type="client_credentials", scope=["a", "b"], metadata={"k": "v"}
    )
    from urllib.parse import parse_qsl

    assert parse_qsl(token.access_token or "") == [
        ("grant_type", "client_credentials"),
        ("scope", "a"),
        ("scope", "b"),
        ("metadata[k]", "v"),
    ]


def test_form_fields_repeat_scalar_arrays_and_bracket_nested_ones() -> None:
    from py_runtime._base_client import _flatten_form  # pyright: ignore[reportPrivateUsage]

    out: List[Tuple[str, str]] = []
    _flatten_form("", {"ids": [1, 2], "rows": [{"n": "a"}, [True]], "m": {"k": None}}, out)
    assert out == [
        ("ids", "1"),
        ("ids", "2"),
        ("rows[0][n]", "a"),
        ("rows[1]", "true"),
        ("m[k]", ""),
    ]


def test_form_body_taken_whole_may_be_left_out(server: Tuple[str, State]) -> None:
    url, _ = server
    tokens = Client(api_key="k", base_url=url).tokens
    assert tokens.update("t1").access_token == "None|"
    sent = tokens.update("t1", scope="q", body={"scope": "s"}).access_token
    assert sent == "application/x-www-form-urlencoded|scope=s"
    model = py_runtime.types.UpdateTokenRequest(scope="m")
    sent = tokens.update("t1", body=model).access_token
    assert sent == "application/x-www-form-urlencoded|scope=m"


def test_sse_stream_sync_and_async(server: Tuple[str, State]) -> None:
    url, _ = server
    events = list(Client(api_key="k", base_url=url).progress.stream())
    assert [(e.percent, e.stage) for e in events] == [(10, "upload"), (100, "done")]

    async def run() -> List[int]:
        async with AsyncClient(api_key="k", base_url=url) as client:
            stream = await client.progress.stream()
            return [e.percent async for e in stream]

    assert asyncio.run(run()) == [10, 100]


def test_sse_decoder_fields() -> None:
    from py_runtime._streaming import SSEDecoder

    d = SSEDecoder()
    out = [d.decode(line) for line in ["event: a", "id: 7", "retry: 30", "data: x", "data: y", ""]]
    ev = out[-1]
    assert ev is not None and ev.event == "a" and ev.id == "7" and ev.retry == 30
    assert ev.data == "x\ny"
    assert d.decode(": comment") is None


def test_patch_explicit_null_vs_absent(server: Tuple[str, State]) -> None:
    url, state = server
    client = Client(api_key="k", base_url=url)
    client.items.update("it_1", description=None)
    assert json.loads(state.requests[-1]["body"]) == {"description": None}
    client.items.update("it_1", name="Renamed")
    assert json.loads(state.requests[-1]["body"]) == {"name": "Renamed"}


def test_unknown_enum_and_extra_fields(server: Tuple[str, State]) -> None:
    url, _ = server
    item = Client(api_key="k", base_url=url).items.retrieve("it_1")
    assert item.status == "frozen"
    assert item.created_at is not None and item.created_at.year == 2024
    assert item.model_extra is not None and item.model_extra["brand_new_field"] == {"x": 1}


def test_raw_response_and_text(server: Tuple[str, State]) -> None:
    url, state = server
    client = Client(api_key="k", base_url=url)
    raw = client.items.with_raw_response.retrieve("it_1")
    assert raw.status_code == 200 and raw.request_id
    assert raw.parse().id == "it_1"
    assert client.items.export().startswith("id,name")
    # A method reading text asks for its media type, not the default JSON.
    assert state.requests[-1]["headers"]["accept"] == "text/csv"
    list(client.progress.stream())
    assert state.requests[-1]["headers"]["accept"] == "text/event-stream"
    # Header parameters in the simple style: booleans as JSON spells them, lists joined.
    client.items.export(x_dry_run=True, x_columns=["id", "name"])
    assert state.requests[-1]["headers"]["x-dry-run"] == "true"
    assert state.requests[-1]["headers"]["x-columns"] == "id,name"


def test_hooks_and_extra_options(server: Tuple[str, State]) -> None:
    url, state = server
    seen: List[str] = []
    client = Client(
        api_key="k",
        base_url=url,
        on_request=lambda r: seen.append(r.method),
        on_response=lambda r: seen.append(str(r.status_code)),
    )
    client.items.retrieve("it_1", extra_headers={"X-Trace": "t"}, extra_query={"debug": "1"})
    assert seen == ["GET", "200"]
    assert state.requests[-1]["headers"]["x-trace"] == "t"
    assert "debug=1" in state.requests[-1]["path"]


def test_lazy_import_is_fast() -> None:
    code = (
        "import time; t=time.perf_counter(); import py_runtime; "
        "c = py_runtime.Client(api_key='k'); "
        "import sys; print(time.perf_counter()-t, 'py_runtime.types' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(SDK / "src")},
    ).stdout.split()
    assert float(out[0]) < 0.3
    assert out[1] == "False"


def test_mismatched_response_is_typed_where_it_matches_and_warned(
    server: Tuple[str, State], caplog: pytest.LogCaptureFixture
) -> None:
    import datetime
    import logging

    url, _ = server
    with caplog.at_level(logging.WARNING, logger="py_runtime"):
        item = Client(api_key="k", base_url=url).items.retrieve("it_broken")
    assert item.id == "it_broken"
    assert isinstance(item.created_at, datetime.datetime)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        "GET /items/it_broken" in w and "name: Field required" in w for w in warnings
    ), warnings


def test_nested_mismatch_keeps_the_rest_typed(caplog: pytest.LogCaptureFixture) -> None:
    import datetime
    import logging

    from py_runtime import types
    from py_runtime._models import parse

    good = {"id": "a", "name": "A", "status": "active"}
    bad = {"id": "b", "status": "active", "createdAt": "2024-05-01T10:00:00Z"}
    with caplog.at_level(logging.WARNING, logger="py_runtime"):
        page = parse(types.ItemList, {"data": [good, bad], "has_more": False})
    assert isinstance(page, types.ItemList)
    assert isinstance(page.data[0], types.Item) and page.data[0].name == "A"
    assert isinstance(page.data[1], types.Item)
    assert isinstance(page.data[1].created_at, datetime.datetime)
    assert any("data.1.name: Field required" in r.getMessage() for r in caplog.records)


def test_strict_response_validation_raises(server: Tuple[str, State]) -> None:
    url, _ = server
    client = Client(api_key="k", base_url=url, strict_response_validation=True)
    assert client.items.retrieve("it_1").name == "One"
    with pytest.raises(py_runtime.APIResponseValidationError) as err:
        client.items.retrieve("it_broken")
    assert "name: Field required" in str(err.value)
    assert err.value.status_code == 200


def test_cookie_parameters(server: Tuple[str, State]) -> None:
    url, _ = server
    client = Client(api_key="k", base_url=url)
    got = client.preferences.retrieve(theme="dark mode; x", ids=[1, 2])
    assert got.cookie == "theme=dark%20mode%3B%20x; ids=1,2"
    assert client.preferences.retrieve().cookie is None
    got = client.preferences.retrieve(theme="light", extra_headers={"Cookie": "a=b"})
    assert got.cookie == "theme=light; a=b"
