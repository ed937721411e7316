"""Sessions through the SDK: pagination, merge-patch updates, delete, test-mode isolation."""

from __future__ import annotations

import time
import uuid

import pytest
from video_transcriber import Client, NotFoundError


def test_auto_pagination_sees_every_session_once_newest_first(client: Client) -> None:
    tag = f"page-{uuid.uuid4().hex[:8]}"
    created = []
    for i in range(7):
        created.append(client.sessions.create(name=f"{tag}-{i}").id)
        time.sleep(0.005)  # distinct created_at (millisecond precision)

    first = client.sessions.list(limit=2)
    assert len(first.items) == 2
    assert first.has_next_page()

    everything = list(client.sessions.list(limit=2))  # every page, fetched as needed
    ids = [s.id for s in everything]
    assert len(ids) == len(set(ids)), "a session was returned twice"
    mine = [s.id for s in everything if s.name.startswith(tag)]
    assert mine == list(reversed(created)), "not every session, or not newest first"
    stamps = [s.created_at for s in everything]
    assert stamps == sorted(stamps, reverse=True)

    pages = list(client.sessions.list(limit=3).iter_pages())
    assert all(len(p.items) <= 3 for p in pages)
    assert [s.id for p in pages for s in p.items] == ids


def test_update_is_a_merge_patch(client: Client) -> None:
    s = client.sessions.create(
        name="patch me", description="before", language="en", metadata={"a": "1"}
    )
    renamed = client.sessions.update(s.id, name="patched")
    assert renamed.name == "patched"
    assert renamed.description == "before"
    assert renamed.language == "en"
    assert renamed.metadata == {"a": "1"}
    assert renamed.updated_at >= s.updated_at

    cleared = client.sessions.update(s.id, description=None, language=None)
    assert cleared.description is None
    assert cleared.language is None
    assert cleared.name == "patched"
    assert cleared.metadata == {"a": "1"}

    replaced = client.sessions.update(s.id, metadata={"b": "2"})
    assert replaced.metadata == {"b": "2"}
    assert client.sessions.update(s.id, metadata=None).metadata == {}

    again = client.sessions.get(s.id)
    assert (again.name, again.description, again.metadata) == ("patched", None, {})


def test_delete(client: Client) -> None:
    s = client.sessions.create(name="delete me")
    assert client.sessions.delete(s.id) is None
    with pytest.raises(NotFoundError):
        client.sessions.get(s.id)
    with pytest.raises(NotFoundError):
        client.sessions.delete(s.id)
    assert s.id not in {x.id for x in client.sessions.list(limit=100)}


def test_test_mode_keys_see_only_test_data(client: Client, test_client: Client) -> None:
    live = client.sessions.create(name="live data")
    sandbox = test_client.sessions.create(name="sandbox data")
    assert live.livemode is True
    assert sandbox.livemode is False

    test_ids = set()
    for s in test_client.sessions.list(limit=50):
        assert s.livemode is False
        test_ids.add(s.id)
    assert sandbox.id in test_ids
    assert live.id not in test_ids
    assert sandbox.id not in {s.id for s in client.sessions.list(limit=50)}

    with pytest.raises(NotFoundError):
        test_client.sessions.get(live.id)
    with pytest.raises(NotFoundError):
        client.sessions.get(sandbox.id)
    with pytest.raises(NotFoundError):
        test_client.sessions.delete(live.id)
    assert client.sessions.get(live.id).id == live.id


def test_deprecated_search_warns_and_still_works(client: Client) -> None:
    tag = f"legacy-{uuid.uuid4().hex[:8]}"
    made = client.sessions.create(name=f"{tag} interview").id
    with pytest.warns(DeprecationWarning, match="`search` is deprecated.*2026-06-30"):
        found = [s.id for s in client.sessions.list(search=tag)]
    assert made in found
