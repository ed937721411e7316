"""The errors raised by the client."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Dict, Optional, Type

from ._types import as_dict

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APINotImplementedError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "Problem",
    "RateLimitError",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
]


class Problem:
    """An RFC 9457 problem document (``application/problem+json``), when the error has one."""

    def __init__(self, data: Dict[str, object]) -> None:
        self.data = data
        self.type = _opt_str(data.get("type"))
        self.title = _opt_str(data.get("title"))
        self.detail = _opt_str(data.get("detail"))
        self.instance = _opt_str(data.get("instance"))
        status = data.get("status")
        self.status = status if isinstance(status, int) else None

    def __repr__(self) -> str:
        return f"Problem(title={self.title!r}, detail={self.detail!r})"


def _opt_str(value: object) -> Optional[str]:
    return value if isinstance(value, str) else None


class APIError(Exception):
    """Base class of every error raised by this client."""

    message: str
    request: httpx.Request
    body: object
    """The decoded JSON body of the error response (or its text), when there is one."""

    def __init__(
        self, message: str, request: httpx.Request, *, body: object = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    """The request could not reach the server (DNS, refused connection, TLS...).

    The message names the request (method and URL) and the cause; the exception that
    caused it is also chained as ``__cause__``.
    """

    def __init__(
        self,
        request: httpx.Request,
        message: str = "Connection error",
        *,
        cause: Optional[BaseException] = None,
    ) -> None:
        # Without the query string, which may carry a credential.
        text = f"{message}: {request.method} {request.url.copy_with(query=None)}"
        if cause is not None:
            detail = str(cause)
            text = f"{text} ({type(cause).__name__}{': ' + detail if detail else ''})"
        super().__init__(text, request)


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(
        self, request: httpx.Request, *, cause: Optional[BaseException] = None
    ) -> None:
        super().__init__(request, "Request timed out", cause=cause)


class APIResponseValidationError(APIError):
    """A successful response this SDK cannot read as the method's result: another media
    type than the method reads, invalid JSON, or (with ``strict_response_validation``) data
    that does not match the response schema."""

    response: httpx.Response
    status_code: int

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status code."""

    response: httpx.Response
    status_code: int
    request_id: Optional[str]
    problem: Optional[Problem]

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        headers = response.headers
        self.request_id = headers.get("x-request-id") or headers.get("request-id")
        self.problem = None
        data = as_dict(body)
        if data is not None:
            self.problem = Problem(data)


class BadRequestError(APIStatusError):
    """HTTP 400."""


class AuthenticationError(APIStatusError):
    """HTTP 401."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class ConflictError(APIStatusError):
    """HTTP 409."""


class PayloadTooLargeError(APIStatusError):
    """HTTP 413."""


class UnsupportedMediaTypeError(APIStatusError):
    """HTTP 415."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429."""


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


class APINotImplementedError(InternalServerError):
    """HTTP 501: the server does not implement this operation (yet); retrying will not help.

    A subclass of :class:`InternalServerError`, so code catching 5xx still catches it. Not
    named ``NotImplementedError``, which would shadow the Python built-in.
    """


_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    501: APINotImplementedError,
}


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Builds the error matching ``response``'s status code (its body must be read)."""
    body: object
    try:
        body = json.loads(response.text) if response.content else None
    except ValueError:
        body = response.text
    message = f"HTTP {response.status_code}"
    data = as_dict(body)
    if data is not None:
        for key in ("detail", "title", "message", "error"):
            value = data.get(key)
            if isinstance(value, str):
                message = f"{message}: {value}"
                break
    elif isinstance(body, str) and body:
        message = f"{message}: {body[:200]}"
    cls = _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = InternalServerError if response.status_code >= 500 else APIStatusError
    return cls(message, response=response, body=body)
