"""The one place the core calls ``informix_types``: row decoders, bind values, column metadata and
locale codecs, with conversion failures turned into PEP 249 errors that name the parameter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import informix_types
from informix_db._core.wire import RowDecoder
from informix_wire.errors import DataError, Error, ProgrammingError
from informix_wire.messages.describe import Column
from informix_wire.messages.values import TypedValue


def row_decoder(columns: Sequence[Column], encoding: str) -> RowDecoder:
    """A decoder from one TUPLE payload to a tuple, planned once per DESCRIBE."""
    decode: RowDecoder = informix_types.row_decoder(list(columns), encoding)
    return decode


def bind_value(value: Any, encoding: str, index: int) -> TypedValue:
    """One SQ_BIND value; a value of an unsupported type or out of range names its position."""
    try:
        typed: TypedValue = informix_types.bind_value(value, encoding)
    except Error as exc:
        exc.args = (f"parameter {index + 1}: {exc.args[0] if exc.args else exc}",)
        raise
    except (TypeError, ValueError, OverflowError) as exc:
        cls = ProgrammingError if isinstance(exc, TypeError) else DataError
        raise cls(f"parameter {index + 1} ({type(value).__name__}): {exc}") from exc
    return typed


def column_info(column: Column) -> Any:
    """``informix_types.column_info``: type name, sizes, precision, scale, nullability."""
    return informix_types.column_info(column)


def python_codec(locale: str) -> str:
    """The Python codec of an Informix locale name (``en_US.utf8`` -> ``utf-8``)."""
    codec: str = informix_types.python_codec(locale)
    return codec
