"""The base class of every model, and lenient parsing of responses."""

from __future__ import annotations

import datetime as _dt
import logging
from typing import Any, Callable, Dict, Optional, Tuple, Type, TypeVar, cast

import pydantic
from pydantic import ConfigDict

from ._types import NotGiven, as_dict, as_list

__all__ = ["BaseModel", "SchemaMismatch", "aliased", "parse", "to_json"]

_T = TypeVar("_T")
log = logging.getLogger(__name__.rsplit(".", 1)[0])


def aliased(**aliases: str) -> ConfigDict:
    """The configuration of a model whose Python field names differ from the wire names.

    Fields are read and written under their wire names and may be given by either name.
    """
    return ConfigDict(
        extra="allow",
        populate_by_name=True,
        defer_build=True,
        protected_namespaces=(),
        alias_generator=_alias_lookup(aliases),
    )


def _alias_lookup(aliases: Dict[str, str]) -> Callable[[str], str]:
    def lookup(name: str) -> str:
        return aliases.get(name, name)

    return lookup


class BaseModel(pydantic.BaseModel):
    """Every response and request object. Unknown fields are kept (``model_extra``)."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        defer_build=True,
        protected_namespaces=(),
    )

    def to_dict(self) -> Dict[str, object]:
        """The object as JSON-ready data, under wire names, without unset fields."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


_adapters: Dict[object, "pydantic.TypeAdapter[Any]"] = {}


class SchemaMismatch(ValueError):
    """Data that does not match its declared type, with every mismatch by path."""


def _adapter(tp: object) -> "pydantic.TypeAdapter[Any]":
    adapter = _adapters.get(tp)
    if adapter is None:
        adapter = pydantic.TypeAdapter(cast(Any, tp))
        _adapters[tp] = adapter
    return adapter


def describe(exc: pydantic.ValidationError, limit: int = 5) -> str:
    """The mismatches of ``exc`` as ``path: message`` (never the values received)."""
    errors = exc.errors(include_url=False, include_input=False)
    parts = [
        f"{'.'.join(str(p) for p in e['loc']) or '(value)'}: {e['msg']}"
        for e in errors[:limit]
    ]
    if len(errors) > limit:
        parts.append(f"and {len(errors) - limit} more")
    return "; ".join(parts)


def parse(
    tp: object, data: object, *, strict: bool = False, what: str = "a response"
) -> Any:
    """Turns decoded JSON into ``tp``.

    Validation is lax: unknown enum values are plain strings and extra fields are kept.
    Data that does not match the declared type is still returned: each part that matches
    is typed (dates, nested models) and the rest kept as received, with a warning on the
    package's logger naming every mismatch by path. With ``strict``, a mismatch raises
    :class:`SchemaMismatch` instead (the clients' ``strict_response_validation``).
    """
    if tp is object or tp is None:
        return data
    try:
        return _adapter(tp).validate_python(data)
    except pydantic.ValidationError as exc:
        if strict:
            raise SchemaMismatch(f"{what} did not match its schema: {describe(exc)}")
        log.warning(
            "%s did not match its schema, kept as received where it differs: %s",
            what,
            describe(exc),
        )
    except Exception as exc:  # schema generation limits (deep recursion...)
        log.debug("cannot validate %r, kept as is: %s", tp, exc)
    try:
        return _construct(tp, data)
    except Exception:
        return data


def _lenient(tp: object, data: object) -> object:
    """``data`` as ``tp`` where it matches, else built part by part."""
    if tp is None:
        return data
    try:
        return _adapter(tp).validate_python(data)
    except Exception:
        return _construct(tp, data)


def _is_model(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


_NO_ARGS: Tuple[object, ...] = ()


def _construct(tp: object, data: object) -> object:
    raw = as_dict(data)
    if _is_model(tp):
        if raw is None:
            return data
        model = cast(Type[pydantic.BaseModel], tp)
        fields: Dict[str, object] = {}
        for name, info in model.model_fields.items():
            key = info.alias or name
            if key in raw:
                fields[name] = _lenient(info.annotation, raw[key])
            elif name in raw:
                fields[name] = _lenient(info.annotation, raw[name])
        aliases = {info.alias or name for name, info in model.model_fields.items()}
        extra = {k: v for k, v in raw.items() if k not in fields and k not in aliases}
        return model.model_construct(None, **fields, **extra)
    args = cast(Tuple[object, ...], getattr(tp, "__args__", _NO_ARGS))
    origin: object = getattr(tp, "__origin__", None)
    items = as_list(data)
    if origin is list and items is not None and args:
        return [_lenient(args[0], item) for item in items]
    if origin is dict and raw is not None and len(args) == 2:
        return {k: _lenient(args[1], v) for k, v in raw.items()}
    if args and raw is not None:
        for arg in args:
            if _is_model(arg):
                try:
                    return cast(Type[pydantic.BaseModel], arg).model_validate(raw)
                except pydantic.ValidationError:
                    continue
        for arg in args:
            if _is_model(arg):
                return _construct(arg, raw)
    return data


def body_fields(value: object) -> Optional[Dict[str, object]]:
    """A form or multipart body as its members by wire name: a mapping as given, a model's
    set fields (files as they are); ``None`` when not given."""
    if value is None or isinstance(value, NotGiven):
        return None
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True)
    raw = as_dict(value)
    if raw is None:
        kind = type(value).__name__
        raise TypeError(f"a body of fields is a mapping or a model, not {kind}")
    return raw


def to_json(value: object) -> object:
    """Request data as JSON-ready values: models under wire names, ``NOT_GIVEN`` dropped."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    raw = as_dict(value)
    if raw is not None:
        return {k: to_json(v) for k, v in raw.items() if not isinstance(v, NotGiven)}
    items = as_list(value)
    if items is not None:
        return [to_json(v) for v in items]
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    return value
