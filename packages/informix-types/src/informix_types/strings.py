"""Character columns: CHAR/NCHAR, VARCHAR/NVARCHAR, LVARCHAR, and the UDT envelope.

Tuple forms (sqli-facts §2.8 and §3, recorded from IDS 12.10/14.10/15; JDBC ``IfxRowColumn``):

- CHAR(n), NCHAR(n): exactly n bytes, blank padded; NULL has a 0x00 first byte. The padding is
  kept, as JDBC's ``getString`` keeps it.
- VARCHAR, NVARCHAR: ``[u8 len][bytes]`` (capability bit 13); NULL is length 1 with a single
  0x00 byte.
- LVARCHAR and every UDT (BOOLEAN, BLOB/CLOB locators, ROW, collections) travel in an envelope
  ``[u8 indicator][i32 len][bytes]`` without pad; indicator 1 is NULL and the length is still
  there.

Bind forms (JDBC ``IfxChar.toIfx``, ``IfxLvarchar.toIfx``; values.py): CHAR data is
``[short len][bytes]``, LVARCHAR ``[int len][bytes]``.
"""

from __future__ import annotations

import struct

from informix_wire.errors import DataError

ENVELOPE = struct.Struct(">Bi")
ENVELOPE_NULL = b"\x01\x00\x00\x00\x00"
VARCHAR_NULL = b"\x01\x00"
#: CHAR bind data is ``[short len]``-prefixed, so longer strings are bound as LVARCHAR.
CHAR_BIND_LIMIT = 0x7FFF


def to_bytes(value: object, encoding: str, what: str) -> bytes:
    if isinstance(value, str):
        try:
            return value.encode(encoding)
        except UnicodeEncodeError as exc:
            raise DataError(f"{what} value cannot be encoded in {encoding}: {exc}") from None
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    raise DataError(f"{what} takes str, not {type(value).__name__}")


def decode_text(data: bytes | memoryview, encoding: str) -> str:
    try:
        return str(data, encoding)
    except UnicodeDecodeError as exc:
        raise DataError(f"text is not valid {encoding}: {exc}") from None


def char_to_tuple(value: object, width: int, encoding: str) -> bytes:
    if value is None:
        return bytes(width)
    data = to_bytes(value, encoding, "CHAR")
    if len(data) > width:
        data = data[:width]  # the server truncates to the column width (sqli-facts §3)
    return data.ljust(width, b" ")


def varchar_to_tuple(value: object, limit: int, encoding: str) -> bytes:
    if value is None:
        return VARCHAR_NULL
    data = to_bytes(value, encoding, "VARCHAR")[: min(limit, 255)]
    return bytes([len(data)]) + data


def envelope(data: bytes | None) -> bytes:
    if data is None:
        return ENVELOPE_NULL
    return ENVELOPE.pack(0, len(data)) + data
