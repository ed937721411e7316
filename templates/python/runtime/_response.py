"""Raw HTTP responses, and the ``with_raw_response`` wrappers of every method."""

from __future__ import annotations

import functools
from typing import Awaitable, Callable, Generic, Optional, TypeVar, cast

import httpx
from typing_extensions import ParamSpec

from ._base_client import raw_mode

__all__ = ["APIResponse", "async_to_raw_response_wrapper", "to_raw_response_wrapper"]

_T = TypeVar("_T")
_P = ParamSpec("_P")


class APIResponse(Generic[_T]):
    """The HTTP response of one call; :meth:`parse` gives what the method returns."""

    def __init__(self, response: httpx.Response, parser: Callable[[], object]) -> None:
        self.http_response = response
        self._parser = parser
        self._parsed: Optional[_T] = None
        self._done = False

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> Optional[str]:
        """The ``X-Request-Id`` the server gave this response (quote it to support)."""
        headers = self.http_response.headers
        value: Optional[str] = headers.get("x-request-id") or headers.get("request-id")
        return value

    def parse(self) -> _T:
        """The parsed body, as the method would have returned it."""
        if not self._done:
            self._parsed = cast(_T, self._parser())
            self._done = True
        return cast(_T, self._parsed)


def to_raw_response_wrapper(
    func: Callable[_P, _T],
) -> Callable[_P, APIResponse[_T]]:
    """Wraps a method so that it returns the :class:`APIResponse` instead."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        token = raw_mode.set(True)
        try:
            return cast(APIResponse[_T], func(*args, **kwargs))
        finally:
            raw_mode.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_T]],
) -> Callable[_P, Awaitable[APIResponse[_T]]]:
    """Wraps an async method so that it returns the :class:`APIResponse` instead."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        token = raw_mode.set(True)
        try:
            return cast(APIResponse[_T], await func(*args, **kwargs))
        finally:
            raw_mode.reset(token)

    return wrapped
