"""The HTTP core: request building, retries, error mapping and response parsing."""

from __future__ import annotations

import contextvars
import json
import logging
import os
import sys
import time
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    cast,
)
from urllib.parse import quote, urlencode

if TYPE_CHECKING:
    import httpx

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    make_status_error,
)
from ._types import NOT_GIVEN, NotGiven, Timeout, as_dict, as_list

__all__ = [
    "AsyncAPIClient",
    "Credential",
    "FinalRequest",
    "PageInfo",
    "SyncAPIClient",
    "path_param",
]

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# 409 (a state conflict) and 501 (not implemented) do not change by waiting.
RETRY_STATUSES = frozenset({408, 429})
NEVER_RETRY_STATUSES = frozenset({501})

_SyncT = TypeVar("_SyncT", bound="SyncAPIClient")
_AsyncT = TypeVar("_AsyncT", bound="AsyncAPIClient")
_R = TypeVar("_R")

RequestHook = Callable[["httpx.Request"], None]
ResponseHook = Callable[["httpx.Response"], None]


class Credential:
    """How one security scheme's credential is sent: headers, query parameters, cookies."""

    __slots__ = ("cookies", "headers", "params")

    def __init__(
        self,
        *,
        headers: Optional[Mapping[str, str]] = None,
        query: Optional[Mapping[str, str]] = None,
        cookies: Optional[Mapping[str, str]] = None,
    ) -> None:
        self.headers = dict(headers or {})
        self.params = dict(query or {})
        self.cookies = dict(cookies or {})

    def __repr__(self) -> str:
        # Never the secret itself.
        parts = [*self.headers, *self.params, *self.cookies]
        return f"Credential({', '.join(parts)})"

    @classmethod
    def bearer(cls, token: str) -> Credential:
        """`Authorization: Bearer <token>`."""
        return cls(headers={"Authorization": f"Bearer {token}"})

    @classmethod
    def basic(cls, username: str, password: str) -> Credential:
        """HTTP basic authentication."""
        import base64

        pair = base64.b64encode(f"{username}:{password}".encode()).decode()
        return cls(headers={"Authorization": f"Basic {pair}"})

    @classmethod
    def header(cls, name: str, value: str) -> Credential:
        """A key in a header."""
        return cls(headers={name: value})

    @classmethod
    def query(cls, name: str, value: str) -> Credential:
        """A key in a query parameter."""
        return cls(query={name: value})

    @classmethod
    def cookie(cls, name: str, value: str) -> Credential:
        """A key in a cookie."""
        return cls(cookies={name: value})


def select_credentials(
    credentials: Mapping[str, Credential],
    security: Sequence[Sequence[str]],
) -> List[Credential]:
    """The credentials to send: those of the first alternative of `security` that names
    schemes and has every one of them configured; none when no alternative qualifies."""
    for alternative in security:
        if alternative and all(key in credentials for key in alternative):
            return [credentials[key] for key in alternative]
    return []


raw_mode: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "raw_mode", default=False
)


def path_param(value: object) -> str:
    """A path parameter, percent-encoded."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    return quote(str(value), safe="")


class PageInfo:
    """How a paginated operation finds its items and its next cursor."""

    def __init__(
        self,
        *,
        cursor_param: str,
        items_field: str,
        item: object,
        cursor_field: Optional[str] = None,
        last_item_field: Optional[str] = None,
        has_more_field: Optional[str] = None,
    ) -> None:
        self.cursor_param = cursor_param
        self.items_field = items_field
        self.item = item
        self.cursor_field = cursor_field
        self.last_item_field = last_item_field
        self.has_more_field = has_more_field


class FinalRequest:
    """Everything needed to send (and re-send) one call."""

    def __init__(
        self,
        *,
        method: str,
        path: str,
        query: Optional[Mapping[str, object]],
        headers: Optional[Mapping[str, object]],
        json_body: object,
        form: Optional[Mapping[str, object]],
        multipart: Optional[Mapping[str, object]],
        content: Union[bytes, str, None, NotGiven],
        content_type: Optional[str],
        comma_keys: Sequence[str],
        deep_keys: Sequence[str] = (),
        timeout: Union[Timeout, NotGiven],
        max_retries: Union[int, NotGiven],
        idempotency_key: Optional[str],
        extra_headers: Optional[Mapping[str, str]],
        extra_query: Optional[Mapping[str, object]],
        extra_body: Optional[Mapping[str, object]],
        security: Optional[Sequence[Sequence[str]]] = None,
        cookies: Optional[Mapping[str, object]] = None,
    ) -> None:
        self.security = security
        self.cookies = dict(cookies or {})
        self.method = method
        self.path = path
        self.query = dict(query or {})
        self.headers = dict(headers or {})
        self.json_body = json_body
        self.form = form
        self.multipart = multipart
        self.content = content
        self.content_type = content_type
        self.comma_keys = comma_keys
        self.deep_keys = deep_keys
        self.timeout = timeout
        self.max_retries = max_retries
        self.idempotency_key = idempotency_key
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body

    def with_query(self, key: str, value: object) -> FinalRequest:
        clone = FinalRequest.__new__(FinalRequest)
        clone.__dict__.update(self.__dict__)
        clone.query = {**self.query, key: value}
        clone.idempotency_key = None
        return clone


def _query_value(value: object) -> Union[str, List[str], None]:
    from ._models import to_json

    if value is None or isinstance(value, NotGiven):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    items = as_list(value)
    if items is not None:
        return [str(_query_value(v)) for v in items]
    if isinstance(value, (str, int, float)):
        return str(value)
    converted = to_json(value)
    return converted if isinstance(converted, str) else json.dumps(converted)


def _part_text(value: object) -> str:
    """A multipart field's text: a string as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def _file_tuple(
    value: object,
) -> Tuple[Optional[str], Union[bytes, IO[bytes]], Optional[str]]:
    if isinstance(value, tuple):
        parts = cast(Tuple[object, ...], value)
        name = parts[0] if isinstance(parts[0], str) else None
        _, content, ctype = _file_tuple(parts[1])
        if len(parts) > 2 and isinstance(parts[2], str):
            ctype = parts[2]
        return name, content, ctype
    if isinstance(value, os.PathLike):
        path = os.fspath(cast("os.PathLike[str]", value))
        with open(path, "rb") as f:
            return os.path.basename(path), f.read(), None
    if isinstance(value, (bytes, bytearray)):
        return "upload", bytes(value), None
    if hasattr(value, "read"):
        file = cast(IO[bytes], value)
        name = getattr(file, "name", None)
        return (
            os.path.basename(name) if isinstance(name, str) else "upload",
            file,
            None,
        )
    return None, str(value).encode(), None


def _flatten_form(prefix: str, value: object, out: List[Tuple[str, str]]) -> None:
    """Form fields: arrays of scalars repeat their key (``a=1&a=2``, OpenAPI's default
    ``form`` style), nested objects and arrays of objects use brackets (``a[b]=1``,
    ``a[0][b]=1``), as the other SDKs send them."""
    obj = as_dict(value)
    if obj is not None:
        for key, item in obj.items():
            _flatten_form(f"{prefix}[{key}]" if prefix else key, item, out)
        return
    items = as_list(value)
    if items is not None:
        for i, item in enumerate(items):
            nested = as_dict(item) is not None or as_list(item) is not None
            _flatten_form(f"{prefix}[{i}]" if nested else prefix, item, out)
        return
    if isinstance(value, bool):
        out.append((prefix, "true" if value else "false"))
    elif value is None:
        out.append((prefix, ""))
    else:
        out.append((prefix, str(value)))


def _is_tuple(value: object) -> bool:
    return isinstance(value, tuple)


def _is_file(value: object) -> bool:
    return isinstance(value, (bytes, bytearray, os.PathLike, tuple)) or hasattr(
        value, "read"
    )


class _BaseClient:
    def __init__(
        self,
        *,
        base_url: str,
        timeout: Timeout,
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
        credentials: Mapping[str, Credential],
        security: Sequence[Sequence[str]],
        on_request: Optional[RequestHook],
        on_response: Optional[ResponseHook],
        logger: str,
        user_agent: str,
        strict_response_validation: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.strict_response_validation = strict_response_validation
        self.timeout = timeout
        self.max_retries = max_retries
        self.default_headers = dict(default_headers or {})
        self.default_query = dict(default_query or {})
        self._credentials = dict(credentials)
        self._security = security
        self._on_request = on_request
        self._on_response = on_response
        self._log = logging.getLogger(logger)
        self._user_agent = f"{user_agent} Python/{sys.version.split()[0]}"

    def _parse(self, response: httpx.Response, cast_to: object, data: object) -> object:
        from ._models import parse

        request = response.request
        what = f"the response of {request.method} {request.url.path}"
        return self._checked(
            response,
            lambda: parse(
                cast_to, data, strict=self.strict_response_validation, what=what
            ),
        )

    def _checked(self, response: httpx.Response, build: Callable[[], _R]) -> _R:
        """``build()``, with a strict schema mismatch raised as the response's error."""
        from ._models import SchemaMismatch

        try:
            return build()
        except SchemaMismatch as exc:
            raise APIResponseValidationError(
                str(exc), response=response, body=None
            ) from None

    def _build(self, req: FinalRequest, retries_taken: int) -> httpx.Request:
        import httpx

        from ._models import to_json

        chosen = select_credentials(
            self._credentials,
            self._security if req.security is None else req.security,
        )
        auth_headers: Dict[str, str] = {}
        auth_query: Dict[str, str] = {}
        cookie_pairs: List[str] = []
        for credential in chosen:
            auth_headers.update(credential.headers)
            auth_query.update(credential.params)
            cookie_pairs.extend(f"{k}={v}" for k, v in credential.cookies.items())
        headers: Dict[str, str] = {
            "Accept": "application/json",
            "User-Agent": self._user_agent,
            **auth_headers,
            **self.default_headers,
        }
        for key, value in req.headers.items():
            # Simple style, as the query spells scalars: `true`, lists joined by commas.
            text = _query_value(value)
            if text is not None:
                headers[key] = text if isinstance(text, str) else ",".join(text)
        if req.idempotency_key is not None:
            headers["Idempotency-Key"] = req.idempotency_key
        if retries_taken:
            headers["X-Retry-Count"] = str(retries_taken)
        headers.update(req.extra_headers or {})
        for key, value in req.cookies.items():
            if value is not None and not isinstance(value, NotGiven):
                cookie_pairs.append(f"{key}={_cookie_value(to_json(value))}")
        if cookie_pairs:
            cookies = [headers["Cookie"]] if headers.get("Cookie") else []
            headers["Cookie"] = "; ".join([*cookie_pairs, *cookies])
        params: Dict[str, Union[str, List[str]]] = {}
        merged = {**auth_query, **self.default_query, **req.query}
        merged.update(req.extra_query or {})
        for key, value in merged.items():
            obj = as_dict(to_json(value))
            if obj is not None and key not in req.comma_keys:
                # Objects: deepObject nests them (`created[gt]=1`); form style (the default)
                # spreads their properties into the query (`gt=1`).
                pairs: List[Tuple[str, str]] = []
                _flatten_form(key if key in req.deep_keys else "", obj, pairs)
                for name, text in pairs:
                    params[name] = text
                continue
            converted = _query_value(value)
            if converted is None:
                continue
            if isinstance(converted, list) and key in req.comma_keys:
                converted = ",".join(converted)
            params[key] = converted
        url = self.base_url + req.path
        kwargs: Dict[str, Any] = {}
        if req.multipart is not None:
            # Fields go as parts without a file name, beside the files: a request without
            # a file is still multipart/form-data (httpx sends `data` alone urlencoded).
            parts: List[Tuple[str, Any]] = []
            for key, value in req.multipart.items():
                if value is None or isinstance(value, NotGiven):
                    continue
                vals = None if _is_tuple(value) else as_list(value)
                if vals is not None and all(_is_file(v) for v in vals):
                    parts.extend((key, _file_tuple(v)) for v in vals)
                elif _is_file(value):
                    parts.append((key, _file_tuple(value)))
                else:
                    value_json = to_json(value)
                    listed = as_list(value_json)
                    items: List[object] = [value_json] if listed is None else listed
                    parts.extend((key, (None, _part_text(v))) for v in items)
            for key, value in (req.extra_body or {}).items():
                parts.append((key, (None, str(value))))
            kwargs["files"] = parts
        elif req.form is not None:
            form: List[Tuple[str, str]] = []
            _flatten_form("", to_json({**req.form, **(req.extra_body or {})}), form)
            kwargs["content"] = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif req.content is not None and not isinstance(req.content, NotGiven):
            kwargs["content"] = req.content
            if req.content_type:
                headers.setdefault("Content-Type", req.content_type)
        elif not isinstance(req.json_body, NotGiven) or req.extra_body:
            body = to_json(req.json_body)
            if req.extra_body and isinstance(body, dict):
                body = {**body, **to_json(req.extra_body)}  # type: ignore[dict-item]
            kwargs["content"] = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        timeout = self.timeout if isinstance(req.timeout, NotGiven) else req.timeout
        return httpx.Request(
            req.method,
            url,
            params=params,
            headers=headers,
            extensions={"timeout": httpx.Timeout(timeout).as_dict()},
            **kwargs,
        )

    def _prepare(self, req: FinalRequest) -> FinalRequest:
        if req.method in ("POST", "PATCH") and req.idempotency_key is None:
            import uuid

            req.idempotency_key = f"sdk-{uuid.uuid4()}"
        return req

    def _max_retries(self, req: FinalRequest) -> int:
        if isinstance(req.max_retries, NotGiven):
            return self.max_retries
        return req.max_retries

    def _should_retry(self, response: httpx.Response) -> bool:
        should = response.headers.get("x-should-retry")
        if should == "true":
            return True
        if should == "false":
            return False
        status = response.status_code
        if status in NEVER_RETRY_STATUSES:
            return False
        return status in RETRY_STATUSES or status >= 500

    def _retry_delay(
        self, retries_taken: int, response: Optional[httpx.Response]
    ) -> float:
        if response is not None:
            header = response.headers.get("retry-after")
            if header:
                try:
                    seconds = float(header)
                    return min(max(seconds, 0.0), 60.0)
                except ValueError:
                    import email.utils

                    try:
                        parsed = email.utils.parsedate_to_datetime(header)
                    except (TypeError, ValueError):
                        parsed = None
                    if parsed is not None:
                        wait: float = parsed.timestamp() - time.time()
                        return min(max(wait, 0.0), 60.0)
        delay = min(INITIAL_RETRY_DELAY * (2.0**retries_taken), MAX_RETRY_DELAY)
        import random

        return delay * (1 - 0.25 * random.random())

    def _hooks(self, request: httpx.Request) -> None:
        self._log.debug("HTTP request: %s %s", request.method, request.url)
        if self._on_request is not None:
            self._on_request(request)

    def _seen(self, response: httpx.Response) -> None:
        self._log.debug(
            'HTTP response: %s %s "%s"',
            response.request.method,
            response.request.url,
            response.status_code,
        )
        if self._on_response is not None:
            self._on_response(response)


class SyncAPIClient(_BaseClient):
    """The synchronous transport."""

    def __init__(self, *, http_client: Optional[httpx.Client], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._http: Optional[httpx.Client] = http_client

    @property
    def _client(self) -> httpx.Client:
        if self._http is None:
            import httpx

            self._http = httpx.Client()
        return self._http

    def close(self) -> None:
        """Closes the connection pool."""
        if self._http is not None:
            self._http.close()

    def __enter__(self: _SyncT) -> _SyncT:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, req: FinalRequest, *, stream: bool = False) -> httpx.Response:
        """Sends ``req``, retrying as configured, and raises for error statuses."""
        import httpx

        req = self._prepare(req)
        max_retries = self._max_retries(req)
        retries_taken = 0
        while True:
            request = self._build(req, retries_taken)
            self._hooks(request)
            try:
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                if retries_taken < max_retries:
                    time.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APITimeoutError(request, cause=exc) from exc
            except httpx.TransportError as exc:
                if retries_taken < max_retries:
                    time.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APIConnectionError(request, cause=exc) from exc
            self._seen(response)
            if response.is_success:
                if not stream:
                    response.read()
                return response
            response.read()
            response.close()
            if retries_taken < max_retries and self._should_retry(response):
                delay = self._retry_delay(retries_taken, response)
                self._log.info("retrying %s in %.2fs", request.url, delay)
                time.sleep(delay)
                retries_taken += 1
                continue
            raise make_status_error(response)

    def request(
        self,
        req: FinalRequest,
        *,
        cast_to: object,
        kind: str = "json",
        page: Optional[PageInfo] = None,
        other_media: Optional[str] = None,
    ) -> Any:
        """Sends ``req`` and turns the response into the method's return value."""
        from ._response import APIResponse

        raw = raw_mode.get()
        response = self.send(req, stream=kind == "stream")
        result: APIResponse[object] = APIResponse(
            response,
            lambda: self._process(req, response, cast_to, kind, page, other_media),
        )
        return result if raw else result.parse()

    def _process(
        self,
        req: FinalRequest,
        response: httpx.Response,
        cast_to: object,
        kind: str,
        page: Optional[PageInfo],
        other_media: Optional[str] = None,
    ) -> object:
        from ._pagination import SyncPage
        from ._streaming import Stream

        if kind == "stream":
            stream: Stream[object] = Stream(response, cast_to)
            return stream
        if kind == "text":
            return response.text
        if kind == "bytes":
            return response.content
        if kind == "empty" or not response.content:
            return None
        data = _json_body(response, other_media)
        if page is not None:
            sync_page: SyncPage[object] = self._checked(
                response, lambda: SyncPage(self, req, page, data)
            )
            return sync_page
        return self._parse(response, cast_to, data)


class AsyncAPIClient(_BaseClient):
    """The asynchronous transport."""

    def __init__(
        self, *, http_client: Optional[httpx.AsyncClient], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._http: Optional[httpx.AsyncClient] = http_client

    @property
    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            import httpx

            self._http = httpx.AsyncClient()
        return self._http

    async def close(self) -> None:
        """Closes the connection pool."""
        if self._http is not None:
            await self._http.aclose()

    async def __aenter__(self: _AsyncT) -> _AsyncT:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def send(self, req: FinalRequest, *, stream: bool = False) -> httpx.Response:
        """Sends ``req``, retrying as configured, and raises for error statuses."""
        import asyncio

        import httpx

        req = self._prepare(req)
        max_retries = self._max_retries(req)
        retries_taken = 0
        while True:
            request = self._build(req, retries_taken)
            self._hooks(request)
            try:
                response = await self._client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                if retries_taken < max_retries:
                    await asyncio.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APITimeoutError(request, cause=exc) from exc
            except httpx.TransportError as exc:
                if retries_taken < max_retries:
                    await asyncio.sleep(self._retry_delay(retries_taken, None))
                    retries_taken += 1
                    continue
                raise APIConnectionError(request, cause=exc) from exc
            self._seen(response)
            if response.is_success:
                if not stream:
                    await response.aread()
                return response
            await response.aread()
            await response.aclose()
            if retries_taken < max_retries and self._should_retry(response):
                delay = self._retry_delay(retries_taken, response)
                self._log.info("retrying %s in %.2fs", request.url, delay)
                await asyncio.sleep(delay)
                retries_taken += 1
                continue
            raise make_status_error(response)

    async def request(
        self,
        req: FinalRequest,
        *,
        cast_to: object,
        kind: str = "json",
        page: Optional[PageInfo] = None,
        other_media: Optional[str] = None,
    ) -> Any:
        """Sends ``req`` and turns the response into the method's return value."""
        from ._response import APIResponse

        raw = raw_mode.get()
        response = await self.send(req, stream=kind == "stream")
        result: APIResponse[object] = APIResponse(
            response,
            lambda: self._process(req, response, cast_to, kind, page, other_media),
        )
        return result if raw else result.parse()

    def _process(
        self,
        req: FinalRequest,
        response: httpx.Response,
        cast_to: object,
        kind: str,
        page: Optional[PageInfo],
        other_media: Optional[str] = None,
    ) -> object:
        from ._pagination import AsyncPage
        from ._streaming import AsyncStream

        if kind == "stream":
            astream: AsyncStream[object] = AsyncStream(response, cast_to)
            return astream
        if kind == "text":
            return response.text
        if kind == "bytes":
            return response.content
        if kind == "empty" or not response.content:
            return None
        data = _json_body(response, other_media)
        if page is not None:
            async_page: AsyncPage[object] = self._checked(
                response, lambda: AsyncPage(self, req, page, data)
            )
            return async_page
        return self._parse(response, cast_to, data)


def _json_body(response: httpx.Response, other_media: Optional[str]) -> object:
    """The decoded JSON of a response a method reads as JSON; a clear error otherwise
    (another media type, such as `format=srt`, names the method that reads it)."""
    try:
        return response.json()
    except ValueError as exc:
        media = response.headers.get("content-type", "").split(";")[0].strip()
        url = response.request.url.copy_with(query=None)
        message = (
            f"{response.request.method} {url} answered `{media or 'no content type'}`"
        )
        if media.lower() == "application/json" or media.lower().endswith("+json"):
            message = f"{message} that is not valid JSON ({exc})"
        else:
            message = f"{message}, not JSON"
            if other_media:
                message = f"{message}; `{other_media}` reads that media type"
        raise APIResponseValidationError(
            message, response=response, body=response.text
        ) from exc


def _cookie_value(value: object) -> str:
    """A cookie parameter's value (form style: lists joined by commas), with the
    characters a cookie value cannot hold percent-encoded."""
    items = as_list(value)
    if items is not None:
        text = ",".join(_cookie_text(v) for v in items)
    else:
        text = _cookie_text(value)
    return quote(text, safe="!#$%&'()*+,-./:<=>?@[]^_`{|}~")


def _cookie_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def request_options(
    *,
    method: str,
    path: str,
    query: Optional[Mapping[str, object]] = None,
    headers: Optional[Mapping[str, object]] = None,
    cookies: Optional[Mapping[str, object]] = None,
    json_body: object = NOT_GIVEN,
    form: object = None,
    multipart: object = None,
    content: Union[bytes, str, None, NotGiven] = None,
    content_type: Optional[str] = None,
    comma_keys: Sequence[str] = (),
    deep_keys: Sequence[str] = (),
    extra_headers: Optional[Mapping[str, str]] = None,
    extra_query: Optional[Mapping[str, object]] = None,
    extra_body: Optional[Mapping[str, object]] = None,
    timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
    max_retries: Union[int, NotGiven] = NOT_GIVEN,
    idempotency_key: Optional[str] = None,
    security: Optional[Sequence[Sequence[str]]] = None,
) -> FinalRequest:
    """Collects a generated method's arguments into a :class:`FinalRequest`.

    `security`: the operation's requirements when they are not the client's default. A form
    or multipart body is a mapping or a model (a body taken whole); not given, none is sent."""
    from ._models import body_fields

    return FinalRequest(
        security=security,
        method=method,
        path=path,
        query=query,
        headers=headers,
        cookies=cookies,
        json_body=json_body,
        form=body_fields(form),
        multipart=body_fields(multipart),
        content=content,
        content_type=content_type,
        comma_keys=comma_keys,
        deep_keys=deep_keys,
        timeout=timeout,
        max_retries=max_retries,
        idempotency_key=idempotency_key,
        extra_headers=extra_headers,
        extra_query=extra_query,
        extra_body=extra_body,
    )
