"""Error paths through the SDK's typed errors: 400, 401, 404, 409, 415, 422, 501, each a problem
document with the request id."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from video_transcriber import (
    NOT_GIVEN,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    Client,
    ConflictError,
    InternalServerError,
    NotFoundError,
    UnprocessableEntityError,
    UnsupportedMediaTypeError,
)

PROBLEMS = "https://videotranscriber.dev/problems/"


def check_problem(err: APIStatusError, status: int) -> dict[str, object]:
    """The error is an RFC 9457 problem with the status and the request id."""
    assert err.status_code == status
    assert err.request_id, "no X-Request-Id on the error response"
    ctype = err.response.headers["content-type"]
    assert ctype.startswith("application/problem+json"), ctype
    assert err.problem is not None
    assert err.problem.status == status
    assert err.problem.title
    assert err.problem.type and err.problem.type.startswith(PROBLEMS), err.problem.type
    assert err.problem.instance == err.request.url.path
    return err.problem.data


def fields(err: APIStatusError, status: int = 422) -> list[str]:
    """The fields a problem's `errors` name (422 for bodies, 400 for query parameters)."""
    data = check_problem(err, status)
    errors = data.get("errors")
    assert isinstance(errors, list) and errors, data
    out = []
    for e in errors:
        assert isinstance(e, dict) and e.get("message"), data
        out.append(str(e["field"]))
    return out


def test_401_bad_key(base_url: str) -> None:
    for key in ("vt_live_" + "0" * 32, "not-a-key"):
        bad = Client(api_key=key, base_url=base_url, max_retries=0)
        with bad, pytest.raises(AuthenticationError) as info:
            bad.sessions.list()
        check_problem(info.value, 401)
        assert info.value.response.headers["www-authenticate"].startswith("Bearer")


def test_404_unknown_session(client: Client) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(NotFoundError) as info:
        client.sessions.get(missing)
    check_problem(info.value, 404)
    with pytest.raises(NotFoundError) as info:
        client.sessions.transcript(missing)
    check_problem(info.value, 404)


def test_refused_uploads_get_the_answer(
    client: Client, base_url: str, media: dict[str, Path]
) -> None:
    s = client.sessions.create(name="refused uploads")
    bad = Client(api_key="vt_live_" + "0" * 32, base_url=base_url, max_retries=0)
    with bad, pytest.raises(AuthenticationError) as info:
        bad.sessions.upload(s.id, video=media["wav"])
    check_problem(info.value, 401)
    with pytest.raises(NotFoundError) as info:
        client.sessions.upload(str(uuid.uuid4()), video=media["wav"])
    check_problem(info.value, 404)


def test_422_names_the_field(client: Client) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        client.sessions.create(name="")
    assert "name" in fields(info.value)

    with pytest.raises(UnprocessableEntityError) as info:
        client.sessions.create(name=NOT_GIVEN)  # type: ignore[arg-type]
    assert "name" in fields(info.value)

    with pytest.raises(UnprocessableEntityError) as info:
        client.sessions.create(name="x", metadata={"team": "v" * 501})
    assert "metadata.team" in fields(info.value)

    s = client.sessions.create(name="invalid transcription options")
    with pytest.raises(UnprocessableEntityError) as info:
        client.sessions.transcribe(s.id, language="not a language")
    assert "language" in fields(info.value)
    with pytest.raises(UnprocessableEntityError) as info:
        client.sessions.transcribe(s.id, language=NOT_GIVEN)  # type: ignore[arg-type]
    assert "language" in fields(info.value)


def test_400_names_the_query_parameter(client: Client) -> None:
    with pytest.raises(BadRequestError) as info:
        client.sessions.list(limit=0)
    assert "limit" in fields(info.value, 400)
    with pytest.raises(BadRequestError) as info:
        client.sessions.list(cursor="not-a-cursor")
    assert "cursor" in fields(info.value, 400)


def test_409_before_upload(client: Client) -> None:
    s = client.sessions.create(name="nothing uploaded")
    calls = [
        lambda: client.sessions.transcribe(s.id, language="en"),
        lambda: client.sessions.transcription(s.id),
        lambda: client.sessions.cancel_transcription(s.id),
        lambda: client.sessions.transcript(s.id),
        lambda: client.sessions.analytics(s.id),
        lambda: list(client.sessions.progress(s.id)),
    ]
    for call in calls:
        with pytest.raises(ConflictError) as info:
            call()
        check_problem(info.value, 409)


def test_409_second_upload(client: Client, media: dict[str, Path]) -> None:
    s = client.sessions.create(name="uploaded twice")
    client.sessions.upload(s.id, video=media["wav"])
    with pytest.raises(ConflictError) as info:
        client.sessions.upload(s.id, video=media["wav"])
    check_problem(info.value, 409)


def test_415_webm_opus_upload(client: Client, media: dict[str, Path]) -> None:
    s = client.sessions.create(name="opus in webm")
    with pytest.raises(UnsupportedMediaTypeError) as info:
        client.sessions.upload(s.id, video=media["webm"])
    check_problem(info.value, 415)
    after = client.sessions.get(s.id)
    assert after.video is None
    assert after.status in ("created", "failed")


def test_501_not_implemented(client: Client) -> None:
    with pytest.raises(InternalServerError) as info:
        client.webhooks.list()
    data = check_problem(info.value, 501)
    assert data["type"] == PROBLEMS + "not-implemented"
