"""Types shared by the runtime and the generated resources."""

from __future__ import annotations

import os
from typing import (
    IO,
    TYPE_CHECKING,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    cast,
)

if TYPE_CHECKING:
    import httpx


class NotGiven:
    """Marks an argument that was not given, as distinct from an explicit ``None``.

    ``None`` is sent as JSON ``null`` where the API allows it; ``NOT_GIVEN`` leaves the
    field out of the request entirely.
    """

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

FileContent = Union[IO[bytes], bytes, "os.PathLike[str]"]
"""File content: an open binary file, raw bytes, or a path to read."""

FileTypes = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
]
"""An upload: content, ``(filename, content)`` or ``(filename, content, content_type)``."""

Headers = Mapping[str, str]
Query = Mapping[str, object]
Body = Mapping[str, object]
Timeout = Union[float, "httpx.Timeout", None]
JSONDict = Dict[str, object]


def as_dict(value: object) -> Optional[Dict[str, object]]:
    """``value`` as a JSON object, or ``None`` when it is not one."""
    if isinstance(value, dict):
        return cast(Dict[str, object], value)
    return None


def as_list(value: object) -> Optional[List[object]]:
    """``value`` as a JSON array (a list or tuple), or ``None`` when it is not one."""
    if isinstance(value, (list, tuple)):
        return list(cast(Sequence[object], value))
    return None
