"""Cursor pagination: pages that fetch the next one as you iterate."""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    TypeVar,
)

from ._types import as_dict, as_list

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, FinalRequest, PageInfo, SyncAPIClient

__all__ = ["AsyncPage", "AsyncPager", "SyncPage"]

_T = TypeVar("_T")


class _Page(Generic[_T]):
    def __init__(
        self, req: FinalRequest, info: PageInfo, data: object, strict: bool = False
    ) -> None:
        self._req = req
        self._info = info
        from ._models import parse

        self.data: Dict[str, object] = as_dict(data) or {}
        raw_items = as_list(self.data.get(info.items_field)) or []
        self._raw_items = raw_items
        what = f"an item of {req.method} {req.path}"
        self.items: List[_T] = [
            parse(info.item, item, strict=strict, what=what) for item in raw_items
        ]

    @property
    def next_cursor(self) -> Optional[str]:
        """The cursor of the next page, or ``None`` on the last page."""
        info = self._info
        if (
            info.has_more_field is not None
            and self.data.get(info.has_more_field) is False
        ):
            return None
        cursor: object = None
        if info.cursor_field is not None:
            cursor = self.data.get(info.cursor_field)
        elif info.last_item_field is not None and self._raw_items:
            last = as_dict(self._raw_items[-1])
            if last is not None:
                cursor = last.get(info.last_item_field)
        if cursor is None or cursor == "":
            return None
        return str(cursor)

    def has_next_page(self) -> bool:
        return self.next_cursor is not None and bool(self.items)

    def _next_request(self) -> FinalRequest:
        cursor = self.next_cursor
        if cursor is None:
            raise StopIteration
        return self._req.with_query(self._info.cursor_param, cursor)


class SyncPage(_Page[_T]):
    """One page of results. Iterating it yields every item of every following page."""

    def __init__(
        self, client: SyncAPIClient, req: FinalRequest, info: PageInfo, data: object
    ) -> None:
        super().__init__(req, info, data, client.strict_response_validation)
        self._client = client

    def get_next_page(self) -> SyncPage[_T]:
        """Fetches the next page; check :meth:`has_next_page` first."""
        page: SyncPage[_T] = self._client.request(
            self._next_request(), cast_to=None, page=self._info
        )
        return page

    def iter_pages(self) -> Iterator[SyncPage[_T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_Page[_T]):
    """One page of results. ``async for`` over it yields every item of every page."""

    def __init__(
        self, client: AsyncAPIClient, req: FinalRequest, info: PageInfo, data: object
    ) -> None:
        super().__init__(req, info, data, client.strict_response_validation)
        self._client = client

    async def get_next_page(self) -> AsyncPage[_T]:
        """Fetches the next page; check :meth:`has_next_page` first."""
        page: AsyncPage[_T] = await self._client.request(
            self._next_request(), cast_to=None, page=self._info
        )
        return page

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPager(Generic[_T]):
    """Returned by async list methods: ``await`` it for the first page, or ``async for``
    over it for every item of every page."""

    def __init__(
        self, client: AsyncAPIClient, req: FinalRequest, info: PageInfo
    ) -> None:
        self._client = client
        self._req = req
        self._info = info

    def __await__(self) -> Generator[Any, None, AsyncPage[_T]]:
        return self._first().__await__()

    async def _first(self) -> AsyncPage[_T]:
        page: AsyncPage[_T] = await self._client.request(
            self._req, cast_to=None, page=self._info
        )
        return page

    async def __aiter__(self) -> AsyncIterator[_T]:
        page = await self._first()
        async for item in page:
            yield item
