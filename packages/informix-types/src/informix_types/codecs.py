"""One tuple codec per described column: how its bytes are laid out, turned into a Python value,
and produced from one (for the test server).

The planner (``planner``) reads these specs once per result shape and compiles a row decoder from
them; nothing here runs per cell except the small converters.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from informix_types import decimals, lobs, numeric, packed, strings, temporal
from informix_types.kinds import Kind, kind_of
from informix_wire.errors import DataError
from informix_wire.messages.describe import Column

#: How a column's bytes are delimited in a tuple; a SELF column's ``read`` finds its own end.
FIXED, VARCHAR, ENVELOPE, SELF = "fixed", "varchar", "envelope", "self"


@dataclass(frozen=True)
class ColumnCodec:
    """``layout`` FIXED: ``fmt`` is the struct code of the column's ``width`` bytes; ``sentinel``
    (if not None) is the unpacked value that means NULL, and ``convert`` (if not None) maps the
    unpacked value (NULL included) to Python. VARCHAR and ENVELOPE: ``convert`` gets the data
    bytes (NULL already handled). SELF: ``read(payload, offset)`` returns the value and where it
    ends. ``encode`` builds the tuple bytes from a Python value."""

    kind: Kind
    layout: str
    encode: Callable[[Any], bytes]
    width: int = 0
    fmt: str = ""
    sentinel: object = None
    convert: Callable[[Any], Any] | None = None
    #: An expression the planner may inline instead of calling ``convert``: ``{v}`` is the raw
    #: cell, ``names`` what it refers to. Errors it raises become DataError.
    inline: str = ""
    names: tuple[tuple[str, object], ...] = ()
    read: Callable[[Any, int], tuple[Any, int]] | None = None


def _nan_is_null(value: float) -> float | None:
    return None if value != value else value


def _fixed_int(kind: Kind, fmt: str, sentinel: int, bits: int, name: str) -> ColumnCodec:
    form = struct.Struct(">" + fmt)

    def encode(value: Any) -> bytes:
        if value is None:
            return form.pack(sentinel)
        return form.pack(numeric.check_int(value, bits, name))

    return ColumnCodec(kind, FIXED, encode, form.size, fmt, sentinel)


def _float_codec(kind: Kind) -> ColumnCodec:
    if kind is Kind.FLOAT:
        null, enc, fmt = numeric.FLOAT_NULL, numeric.encode_float, "d"
    else:
        null, enc, fmt = numeric.SMALLFLOAT_NULL, numeric.encode_smallfloat, "f"

    def encode(value: Any) -> bytes:
        return null if value is None else enc(value)

    return ColumnCodec(kind, FIXED, encode, len(null), fmt, convert=_nan_is_null)


def _raw(
    kind: Kind, width: int, convert: Callable[[Any], Any], encode: Callable[[Any], bytes]
) -> ColumnCodec:
    return ColumnCodec(kind, FIXED, encode, width, f"{width}s", convert=convert)


def codec_for(column: Column, encoding: str) -> ColumnCodec:
    """The tuple codec of one described column."""
    kind = kind_of(column)
    length = column.encoded_length
    if kind is Kind.INT:
        return _fixed_int(kind, "i", numeric.INT_NULL, 32, "INTEGER")
    if kind is Kind.SMALLINT:
        return _fixed_int(kind, "h", numeric.SMALLINT_NULL, 16, "SMALLINT")
    if kind is Kind.BIGINT:
        return _fixed_int(kind, "q", numeric.BIGINT_NULL, 64, "BIGINT")
    if kind in (Kind.FLOAT, Kind.SMALLFLOAT):
        return _float_codec(kind)
    if kind is Kind.INT8:
        return _raw(kind, 10, numeric.decode_int8, _encode_int8)
    if kind is Kind.DATE:
        return ColumnCodec(
            kind,
            FIXED,
            _encode_date,
            4,
            "i",
            convert=temporal.date_from_days,
            inline=f"None if {{v}} == {temporal.DATE_NULL} else _fromordinal({{v}} + _DATE0)",
            names=(("_fromordinal", dt.date.fromordinal), ("_DATE0", temporal.DATE_ORIGIN)),
        )
    if kind is Kind.CHAR:
        return _char_codec(length, encoding)
    if kind is Kind.DECIMAL:
        return _decimal_codec(length)
    if kind is Kind.DATETIME:
        return _temporal_codec(kind, length, temporal.decode_datetime, temporal.encode_datetime)
    if kind is Kind.INTERVAL:
        return _temporal_codec(kind, length, temporal.decode_interval, temporal.encode_interval)
    if kind in (Kind.BYTE, Kind.TEXT):
        text = kind is Kind.TEXT
        return _raw(
            kind,
            lobs.DESCRIPTOR_SIZE,
            lambda data: lobs.descriptor(data, text),
            _encode_descriptor,
        )
    if kind is Kind.VARCHAR:
        limit = length & 0xFF or 255

        def decode_varchar(data: Any) -> str:
            return strings.decode_text(data, encoding)

        return ColumnCodec(
            kind,
            VARCHAR,
            lambda v: strings.varchar_to_tuple(v, limit, encoding),
            convert=decode_varchar,
            inline="str({v}, _ENCODING)",
            names=(("_ENCODING", encoding),),
        )
    if kind is Kind.COMPOSITE:
        from informix_types import composite_tuple  # it reads elements with these codecs

        return composite_tuple.codec(column, encoding)
    if kind in (Kind.LVARCHAR, Kind.BOOLEAN, Kind.BLOB, Kind.CLOB, Kind.UDT):
        return _envelope_codec(kind, column, encoding)
    if kind is Kind.NULL:
        return ColumnCodec(kind, FIXED, lambda v: b"", 0, "0s", convert=lambda raw: None)
    return _raw(kind, length, bytes, lambda v: _raw_bytes(v, length))


def _raw_bytes(value: Any, width: int) -> bytes:
    if value is None:
        return bytes(width)
    if not isinstance(value, bytes | bytearray) or len(value) != width:
        raise DataError(f"column of unknown type takes {width} raw bytes")
    return bytes(value)


def _encode_int8(value: Any) -> bytes:
    if value is None:
        return numeric.encode_int8(None)
    return numeric.encode_int8(numeric.check_int(value, 65, "INT8"))


def _encode_date(value: Any) -> bytes:
    if value is None:
        return struct.pack(">i", temporal.DATE_NULL)
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise DataError(f"a DATE column takes a date, not {type(value).__name__}")
    return struct.pack(">i", temporal.days_from_date(value))


def _encode_descriptor(value: Any) -> bytes:
    if value is None:
        return lobs.null_descriptor()
    if isinstance(value, bytes | bytearray) and len(value) == lobs.DESCRIPTOR_SIZE:
        return bytes(value)
    if hasattr(value, "data") and len(value.data) == lobs.DESCRIPTOR_SIZE:
        return bytes(value.data)
    raise DataError("a BYTE/TEXT column in a tuple holds a 56-byte descriptor")


def _char_codec(width: int, encoding: str) -> ColumnCodec:
    def decode_char(raw: bytes) -> str | None:
        if raw[:1] == b"\0":
            return None
        return strings.decode_text(raw, encoding)

    def encode(value: Any) -> bytes:
        return strings.char_to_tuple(value, width, encoding)

    return _raw(Kind.CHAR, width, decode_char, encode)


def _decimal_codec(qualifier: int) -> ColumnCodec:
    width = packed.tuple_width(qualifier)
    decode = decimals.decoder(qualifier & 0xFF, width - 1)

    def encode(value: Any) -> bytes:
        if value is not None and not isinstance(value, Decimal):
            value = _as_decimal(value)
        return decimals.to_tuple(value, qualifier)

    return _raw(Kind.DECIMAL, width, decode, encode)


def _as_decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise DataError(f"a DECIMAL column takes a Decimal, not {type(value).__name__}")
    try:
        return Decimal(repr(value) if isinstance(value, float) else value)
    except ArithmeticError:
        raise DataError(f"{value!r} is not a number") from None


def _temporal_codec(
    kind: Kind,
    qualifier: int,
    decode: Callable[[bytes, int], Any],
    encode_value: Callable[..., bytes],
) -> ColumnCodec:
    width = packed.tuple_width(qualifier)

    def convert(raw: bytes) -> Any:
        return decode(raw, qualifier)

    def encode(value: Any) -> bytes:
        if value is None:
            return bytes(width)
        data = encode_value(value, qualifier, normalize=True)
        return data + bytes(width - len(data))

    return _raw(kind, width, convert, encode)


def _envelope_codec(kind: Kind, column: Column, encoding: str) -> ColumnCodec:
    convert: Callable[[Any], Any]
    to_data: Callable[[Any], bytes]
    if kind is Kind.BOOLEAN:
        convert, to_data = _decode_bool, _encode_bool
    elif kind in (Kind.BLOB, Kind.CLOB):
        clob = kind is Kind.CLOB

        def convert(data: Any) -> Any:
            return lobs.locator(data, clob)

        to_data = lobs.locator_data
    elif kind is Kind.LVARCHAR:

        def convert(data: Any) -> Any:
            return strings.decode_text(data, encoding)

        def to_data(value: Any) -> bytes:
            return strings.to_bytes(value, encoding, "LVARCHAR")

    else:
        convert = bytes

        def to_data(value: Any) -> bytes:
            if not isinstance(value, bytes | bytearray | memoryview):
                raise DataError(f"a UDT column takes bytes, not {type(value).__name__}")
            return bytes(value)

    def encode(value: Any) -> bytes:
        return strings.envelope(None if value is None else to_data(value))

    return ColumnCodec(kind, ENVELOPE, encode, convert=convert)


def _decode_bool(data: Any) -> bool:
    """BOOLEAN data is one byte: 1/0 as JDBC ``IfxBoolean.fromIfx`` reads and ``toIfxTuple``
    writes it; the peer driver recorded 't'/'f' (sqli-facts §2.8), which we accept too."""
    if len(data) != 1:
        raise DataError(f"BOOLEAN value of {len(data)} bytes")
    byte = data[0]
    if byte in (0x74, 0x54, 1):
        return True
    if byte in (0x66, 0x46, 0):
        return False
    raise DataError(f"BOOLEAN byte {byte:#x} is neither 't' nor 'f'")


def _encode_bool(value: Any) -> bytes:
    if not isinstance(value, bool | int):
        raise DataError(f"a BOOLEAN column takes a bool, not {type(value).__name__}")
    return b"\x01" if value else b"\x00"  # JDBC IfxBoolean.toIfx: a 1/0 byte
