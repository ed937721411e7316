"""Credentials as the spec's security requirements say, against a real HTTP server.

The SDK is generated from spec/fixtures/auth.yaml into the directory named by PY_AUTH_SDK
(the Rust test `auth_pytest` sets it). Every operation of that API answers what it received.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(os.environ["PY_AUTH_SDK"]) / "src"))

from vault import AsyncClient, Client  # noqa: E402

CREDENTIAL_VARS = [
    "VAULT_API_KEY",
    "VAULT_USERNAME",
    "VAULT_PASSWORD",
    "VAULT_APP_ID",
    "VAULT_APP_SECRET",
    "VAULT_SESSION_COOKIE",
    "VAULT_PARTNER_KEY",
    "VAULT_OAUTH",
]


class Echo(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        seen = {
            "authorization": self.headers.get("Authorization"),
            "app_id": self.headers.get("X-App-Id"),
            "partner_key": self.headers.get("X-Partner-Key"),
            "cookie": self.headers.get("Cookie"),
            "query": self.path.partition("?")[2],
        }
        body = json.dumps({k: v for k, v in seen.items() if v}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CREDENTIAL_VARS:
        monkeypatch.delenv(name, raising=False)


def test_default_requirements_take_bearer_or_basic(base_url: str) -> None:
    bearer = Client(api_key="tok", base_url=base_url)
    assert bearer.items.list().authorization == "Bearer tok"
    basic = Client(username="u", password="p", base_url=base_url)
    expected = "Basic " + base64.b64encode(b"u:p").decode()
    assert basic.items.list().authorization == expected
    both = Client(api_key="tok", username="u", password="p", base_url=base_url)
    assert both.items.list().authorization == "Bearer tok", "the first alternative wins"
    none = Client(base_url=base_url)
    assert none.items.list().authorization is None


def test_combined_schemes_are_sent_together_or_not_at_all(base_url: str) -> None:
    client = Client(app_id="app", app_secret="s3cret", base_url=base_url)
    seen = client.reports.retrieve()
    assert seen.app_id == "app"
    assert seen.query == "app_secret=s3cret"
    half = Client(app_id="app", base_url=base_url)
    seen = half.reports.retrieve()
    assert seen.app_id is None and not seen.query, "AND: both or neither"


def test_cookie_key(base_url: str) -> None:
    client = Client(session_cookie="c00kie", api_key="tok", base_url=base_url)
    seen = client.session.retrieve()
    assert seen.cookie == "SESSION=c00kie"
    assert seen.authorization is None, "getSession takes only the cookie"


def test_operation_without_security_sends_nothing(base_url: str) -> None:
    client = Client(api_key="tok", app_id="app", app_secret="s", base_url=base_url)
    seen = client.status.retrieve()
    assert seen.authorization is None and seen.app_id is None and not seen.query


def test_optional_credentials(base_url: str) -> None:
    assert Client(base_url=base_url).feed.retrieve().partner_key is None
    seen = Client(partner_key="pk", base_url=base_url).feed.retrieve()
    assert seen.partner_key == "pk"


def test_alternatives_in_order(base_url: str) -> None:
    both = Client(oauth="at", api_key="tok", base_url=base_url)
    assert both.admin.retrieve().authorization == "Bearer at"
    key_only = Client(api_key="tok", base_url=base_url)
    assert key_only.admin.retrieve().authorization == "Bearer tok"


def test_options_default_to_environment(
    base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VAULT_APP_ID", "from-env")
    monkeypatch.setenv("VAULT_APP_SECRET", "env-secret")
    seen = Client(base_url=base_url).reports.retrieve()
    assert seen.app_id == "from-env"
    assert seen.query == "app_secret=env-secret"


def test_secrets_stay_out_of_repr(base_url: str) -> None:
    client = Client(api_key="tok-secret", base_url=base_url)
    assert "tok-secret" not in repr(client._credentials)


def test_async_client_selects_the_same_way(base_url: str) -> None:
    import asyncio

    async def go() -> None:
        async with AsyncClient(oauth="at", api_key="tok", base_url=base_url) as c:
            assert (await c.admin.retrieve()).authorization == "Bearer at"
            assert (await c.status.retrieve()).authorization is None

    asyncio.run(go())
