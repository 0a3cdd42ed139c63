"""A ROW/collection column in a tuple: the binary form JDBC reads (``composite_binary``), or the
text envelope the peer driver recorded (``composite``), told apart by their first bytes.

Binary: ``[i32 n][i32 0][s16 0]...``: byte 0 is 0 (values are far below 16 MB) and bytes 4..7 are
the zero int. Text: ``[u8 null][i32 len][text]``: a NULL has byte 0 = 1 and is 5 bytes long; any
other value has its first character (``R``, ``S``, ``M`` or ``L``) at byte 5. So byte 0 = 1 means
a NULL text value, a non-zero byte 5 a text value, and anything else the binary form
(JDBC ``IfxRowColumn.setOffsetInTuple`` steps over the binary form by its leading int).

The test server writes the binary form, typed by the column's extended name
(``set(integer not null)``); IDS sends the same to JDBC, and this driver negotiates what JDBC
negotiates.
"""

from __future__ import annotations

import struct
from typing import Any

from informix_types import composite, composite_binary, strings, typenames
from informix_types.codecs import SELF, ColumnCodec
from informix_types.kinds import Kind
from informix_wire.errors import DataError
from informix_wire.messages.describe import Column

_LENGTH = struct.Struct(">i")
_TEXT_NULL_SIZE = 5


def codec(column: Column, encoding: str) -> ColumnCodec:
    """The tuple codec of one ROW/collection column."""
    name = column.extended_name.decode(encoding, "replace")
    node = typenames.parse_composite(name)

    def read(payload: Any, offset: int) -> tuple[Any, int]:
        if payload[offset] == 1:
            return None, offset + _TEXT_NULL_SIZE
        if len(payload) > offset + 5 and payload[offset + 5] != 0:
            (size,) = _LENGTH.unpack_from(payload, offset + 1)
            end = offset + 5 + size
            if size < 0 or end > len(payload):
                raise DataError(f"ROW/collection text of {size} bytes overruns the row")
            text = strings.decode_text(payload[offset + 5 : end], encoding)
            return composite.parse(text, node), end
        (size,) = _LENGTH.unpack_from(payload, offset)
        end = offset + 4 + size
        if size < 0 or end > len(payload):
            raise DataError(f"ROW/collection value of {size} bytes overruns the row")
        value, _ = composite_binary.decode(payload[offset:end], encoding)
        return value, end

    def encode(value: Any) -> bytes:
        if node is None:
            raise DataError(f"cannot write a value of the type {name!r}")
        return composite_binary.encode(value, node, encoding)

    return ColumnCodec(Kind.COMPOSITE, SELF, encode, read=read)
