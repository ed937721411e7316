"""Server-sent events (``text/event-stream``) as iterators of typed events."""

from __future__ import annotations

import json
from typing import AsyncIterator, Generic, Iterator, List, Optional, TypeVar

import httpx

from ._models import parse

__all__ = ["AsyncStream", "ServerSentEvent", "Stream"]

_T = TypeVar("_T")


class ServerSentEvent:
    """One raw event: ``data`` lines joined by newlines, plus ``event``, ``id``, ``retry``."""

    def __init__(
        self,
        *,
        data: str,
        event: Optional[str] = None,
        id: Optional[str] = None,
        retry: Optional[int] = None,
    ) -> None:
        self.data = data
        self.event = event
        self.id = id
        self.retry = retry

    def json(self) -> object:
        return json.loads(self.data)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r})"


class SSEDecoder:
    """Incremental decoder following the WHATWG event-stream rules."""

    def __init__(self) -> None:
        self._data: List[str] = []
        self._event: Optional[str] = None
        self._id: Optional[str] = None
        self._retry: Optional[int] = None
        self.last_event_id: Optional[str] = None

    def decode(self, line: str) -> Optional[ServerSentEvent]:
        """Feeds one line (without its line ending); returns an event when one ends."""
        if not line:
            if not self._data and self._event is None and self._id is None:
                return None
            event = ServerSentEvent(
                data="\n".join(self._data),
                event=self._event,
                id=self._id,
                retry=self._retry,
            )
            self._data, self._event, self._id, self._retry = [], None, None, None
            return event
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._id = value
                self.last_event_id = value
        elif name == "retry":
            if value.isdigit():
                self._retry = int(value)
        return None


def _what(response: httpx.Response) -> str:
    return f"an event of {response.request.method} {response.request.url.path}"


class Stream(Generic[_T]):
    """Iterates the events of a streaming response, decoded into the event type."""

    def __init__(self, response: httpx.Response, event_type: object) -> None:
        self.response = response
        self._event_type = event_type

    def events(self) -> Iterator[ServerSentEvent]:
        """The raw events."""
        decoder = SSEDecoder()
        try:
            for line in self.response.iter_lines():
                event = decoder.decode(line)
                if event is not None:
                    yield event
            event = decoder.decode("")
            if event is not None:
                yield event
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[_T]:
        for event in self.events():
            if event.data == "[DONE]":
                break
            if not event.data:
                continue
            item: _T = parse(self._event_type, event.json(), what=_what(self.response))
            yield item

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Stream[_T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncStream(Generic[_T]):
    """Async-iterates the events of a streaming response, decoded into the event type."""

    def __init__(self, response: httpx.Response, event_type: object) -> None:
        self.response = response
        self._event_type = event_type

    async def events(self) -> AsyncIterator[ServerSentEvent]:
        """The raw events."""
        decoder = SSEDecoder()
        try:
            async for line in self.response.aiter_lines():
                event = decoder.decode(line)
                if event is not None:
                    yield event
            event = decoder.decode("")
            if event is not None:
                yield event
        finally:
            await self.response.aclose()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for event in self.events():
            if event.data == "[DONE]":
                break
            if not event.data:
                continue
            item: _T = parse(self._event_type, event.json(), what=_what(self.response))
            yield item

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
