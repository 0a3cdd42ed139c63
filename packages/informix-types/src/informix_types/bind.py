"""Python values to SQ_BIND parameters (``bind_value``, ``bind_as``) and typed values back to Python
(``decode_typed``: fast-path results on the client, bound parameters on the test server).

A parameter is ``TypedValue(type, data, precision)`` with ``data`` framed as
``informix_wire.messages.values`` documents. Choices, with their sources:

- int: INTEGER (prec 0x0A00) when it fits 32 bits, else BIGINT (prec 0x1300), else DECIMAL
  (JDBC ``IfxInteger``/``IfxBigInt.getEncodedLength``; sqli-facts §2.8). The most negative value
  of each is its NULL, so it moves up a size.
- bool: CHAR ``'t'``/``'f'``; binding type 45 or 41 makes a real server wait forever (sqli-facts
  §3 "Binding").
- Decimal: DECIMAL, data ``[short len][packed]`` and precision = the value's scale, as JDBC's
  ``IfxSqli.sendBind`` sends ``IfxDecimal.getScale()``; a negative exponent is made 0.
- str: CHAR ``[short len][bytes]`` up to 32767 bytes, longer as LVARCHAR ``[int len][bytes]``.
- bytes: BYTE with a 56-byte descriptor; the content rides after the parameters in SQ_BBIND/
  SQ_BLOB blocks, which the driver sends from :attr:`BlobTypedValue.content`.
- datetime: DATETIME YEAR TO FRACTION(5) (0x130F, JDBC's Timestamp form), digits as JDBC lays them
  out; an aware datetime is converted to UTC first. date: DATE. time: DATETIME HOUR TO SECOND
  like JDBC's Time (HOUR TO FRACTION(5) when it has microseconds); an aware time is refused.
- timedelta: INTERVAL DAY(9) TO FRACTION(5) (0x144F); IntervalYM: INTERVAL YEAR(9) TO MONTH
  (0x0B02) (sqli-facts §2.8).
- ROW/collection values (set/frozenset SET, list LIST, CollectionValue its kind, tuple/RowValue/
  mapping ROW): SENDRECV (44) named by the type text (``set(integer not null)``) with the binary
  form JDBC sends for a ``java.util.Collection``/``Struct`` (``IfxCollection``/``IfxRow.fromObject``
  set type 44, ``IfxSqli.sendBind`` writes owner, name, precision 0 and ``IfxComplex.toIfx``); the
  type comes from the elements (``composite_infer``).
- None: type CHAR, indicator -1, no data (sqli-facts §2.8 "NULL bind").
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from informix_types import (
    composite_binary,
    composite_infer,
    decimals,
    lobs,
    numeric,
    strings,
    temporal,
    typenames,
)
from informix_types.values import (
    BlobDescriptor,
    BlobLocator,
    ClobLocator,
    IntervalYM,
)
from informix_wire.errors import DataError, NotSupportedError
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TypeCode

INT_PRECISION = 0x0A00
SMALLINT_PRECISION = 0x0500
BIGINT_PRECISION = 0x1300
_S16 = struct.Struct(">h")
_S32 = struct.Struct(">i")
_S64 = struct.Struct(">q")


@dataclass(slots=True)
class BlobTypedValue(TypedValue):
    """A BYTE/TEXT parameter: the descriptor in ``data``, the bytes to stream in ``content``."""

    content: bytes = b""


def _short_framed(data: bytes) -> bytes:
    if len(data) > 0x7FFF:
        raise DataError(f"value of {len(data)} bytes is too long for a short-length field")
    return _S16.pack(len(data)) + data


def _int_framed(data: bytes) -> bytes:
    return _S32.pack(len(data)) + data


def null_value() -> TypedValue:
    return TypedValue(TypeCode.CHAR, None, 0, indicator=-1)


def bind_value(value: object, encoding: str) -> TypedValue:
    """One SQ_BIND parameter for a Python value, its SQL type chosen from the value."""
    if value is None:
        return null_value()
    if isinstance(value, bool):
        return TypedValue(TypeCode.CHAR, _short_framed(b"t" if value else b"f"))
    if isinstance(value, int):
        return _bind_int(value)
    if isinstance(value, float):
        return TypedValue(TypeCode.FLOAT, numeric.encode_float(value))
    if isinstance(value, Decimal):
        return bind_decimal(value)
    if isinstance(value, str):
        return _bind_text(strings.to_bytes(value, encoding, "string"))
    if isinstance(value, bytes | bytearray | memoryview):
        return bind_byte(bytes(value), text=False)
    if isinstance(value, dt.datetime):
        return _bind_temporal(
            TypeCode.DATETIME, temporal.encode_datetime, value, temporal.DATETIME_FULL
        )
    if isinstance(value, dt.date):
        return TypedValue(TypeCode.DATE, _S32.pack(temporal.days_from_date(value)))
    if isinstance(value, dt.time):
        word = temporal.TIME_FULL if value.microsecond else temporal.TIME_SECONDS
        return _bind_temporal(TypeCode.DATETIME, temporal.encode_datetime, value, word)
    if isinstance(value, dt.timedelta):
        return _bind_temporal(
            TypeCode.INTERVAL, temporal.encode_interval, value, temporal.INTERVAL_DF_FULL
        )
    if isinstance(value, IntervalYM):
        return _bind_temporal(
            TypeCode.INTERVAL, temporal.encode_interval, value, temporal.INTERVAL_YM_FULL
        )
    if composite_infer.is_composite(value):
        return bind_composite(value, composite_infer.node_for(value), encoding)
    if isinstance(value, BlobLocator):
        return lobs.bind_locator(value)
    raise NotSupportedError(f"cannot bind a {type(value).__name__} value")


def bind_composite(value: object, node: typenames.TypeNode, encoding: str) -> TypedValue:
    """A ROW/collection parameter of the type ``node`` (JDBC's form, see the module docstring)."""
    data = composite_binary.encode(value, node, encoding)
    name = strings.to_bytes(node.text(), encoding, "type name")
    return TypedValue(TypeCode.SENDRECV, data, 0, type_name=name)


def _bind_int(value: int) -> TypedValue:
    if numeric.INT_NULL < value <= 0x7FFFFFFF:
        return TypedValue(TypeCode.INT, _S32.pack(value), INT_PRECISION)
    if numeric.BIGINT_NULL < value <= 0x7FFFFFFFFFFFFFFF:
        return TypedValue(TypeCode.BIGINT, _S64.pack(value), BIGINT_PRECISION)
    return bind_decimal(Decimal(value))


def bind_decimal(value: Decimal, type_code: int = TypeCode.DECIMAL) -> TypedValue:
    """The packed form carries its own base-100 exponent, so ``1.5E+100`` goes as is (IDS
    floating DECIMAL reaches 10**125); ``decimals.encode`` refuses what the format cannot hold."""
    data = decimals.encode(value)
    scale = -value.as_tuple().exponent  # type: ignore[operator]
    return TypedValue(type_code, _short_framed(data), max(scale, 0))


def _bind_text(data: bytes) -> TypedValue:
    if len(data) <= strings.CHAR_BIND_LIMIT:
        return TypedValue(TypeCode.CHAR, _short_framed(data))
    return TypedValue(TypeCode.LVARCHAR, _int_framed(data), type_name=b"lvarchar")


def bind_byte(content: bytes, text: bool) -> BlobTypedValue:
    code = TypeCode.TEXT if text else TypeCode.BYTE
    return BlobTypedValue(code, lobs.descriptor_for(len(content)), content=content)


def _bind_temporal(
    code: int, encode: Callable[..., bytes], value: object, qualifier: int
) -> TypedValue:
    return TypedValue(code, _short_framed(encode(value, qualifier)), qualifier)


def bind_as(
    value: object, type_code: int, encoding: str, qualifier: int | None = None
) -> TypedValue:
    """One SQ_BIND parameter of an explicit SQL type (e.g. SMALLINT, INT8, MONEY, NCHAR, DATETIME
    HOUR TO MINUTE); ``qualifier`` is the precision word of DECIMAL/DATETIME/INTERVAL."""
    if value is None:
        return TypedValue(type_code, None, 0, indicator=-1)
    base = type_code & 0xFF
    if base == TypeCode.SMALLINT:
        data = _S16.pack(numeric.check_int(value, 16, "SMALLINT"))
        return TypedValue(base, data, SMALLINT_PRECISION)
    if base in (TypeCode.INT, TypeCode.SERIAL):
        return TypedValue(base, _S32.pack(numeric.check_int(value, 32, "INTEGER")), INT_PRECISION)
    if base in (TypeCode.BIGINT, TypeCode.BIGSERIAL):
        data = _S64.pack(numeric.check_int(value, 64, "BIGINT"))
        return TypedValue(base, data, BIGINT_PRECISION)
    if base in (TypeCode.INT8, TypeCode.SERIAL8):
        data = numeric.encode_int8(numeric.check_int(value, 65, "INT8"))
        return TypedValue(base, data, BIGINT_PRECISION)
    if base == TypeCode.FLOAT:
        return TypedValue(base, numeric.encode_float(value))
    if base == TypeCode.SMALLFLOAT:
        return TypedValue(base, numeric.encode_smallfloat(value))
    if base in (TypeCode.DECIMAL, TypeCode.MONEY):
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if qualifier is not None:
            data = decimals.encode(number, qualifier)
            return TypedValue(base, _short_framed(data), qualifier & 0xFF)
        return bind_decimal(number, base)
    if base in (TypeCode.CHAR, TypeCode.NCHAR, TypeCode.VARCHAR, TypeCode.NVCHAR):
        return TypedValue(base, _short_framed(strings.to_bytes(value, encoding, "CHAR")))
    if base == TypeCode.LVARCHAR:
        data = strings.to_bytes(value, encoding, "LVARCHAR")
        return TypedValue(base, _int_framed(data), type_name=b"lvarchar")
    if base == TypeCode.DATE:
        if not isinstance(value, dt.date):
            raise DataError(f"DATE takes a date, not {type(value).__name__}")
        day = value.date() if isinstance(value, dt.datetime) else value
        return TypedValue(base, _S32.pack(temporal.days_from_date(day)))
    if base == TypeCode.DATETIME:
        word = temporal.DATETIME_FULL if qualifier is None else qualifier
        return _bind_temporal(base, temporal.encode_datetime, value, word)
    if base == TypeCode.INTERVAL:
        default = (
            temporal.INTERVAL_YM_FULL
            if isinstance(value, IntervalYM)
            else temporal.INTERVAL_DF_FULL
        )
        word = default if qualifier is None else qualifier
        return _bind_temporal(base, temporal.encode_interval, value, word)
    if base in (TypeCode.BYTE, TypeCode.TEXT):
        if isinstance(value, str):
            value = value.encode(encoding)
        if not isinstance(value, bytes | bytearray | memoryview):
            raise DataError(f"BYTE/TEXT takes bytes, not {type(value).__name__}")
        return bind_byte(bytes(value), text=base == TypeCode.TEXT)
    raise NotSupportedError(f"binding as SQL type {type_code} is not supported")


# ---------------------------------------------------------------------------------------------
# TypedValue -> Python


def decode_typed(value: TypedValue, encoding: str) -> object:
    """The Python value of one typed value (a fast-path result or a bound parameter)."""
    data = value.data
    if data is None or value.indicator == -1:
        return None
    try:
        return _decode(value, data, encoding)
    except (struct.error, IndexError, ValueError, OverflowError) as exc:
        raise DataError(f"malformed value of SQL type {value.type}: {exc}") from None


def _decode(value: TypedValue, data: bytes, encoding: str) -> object:
    base = value.type & 0xFF
    fixed = _FIXED_DECODERS.get(base)
    if fixed is not None:
        return fixed(data)
    if base in (TypeCode.CHAR, TypeCode.NCHAR, TypeCode.VARCHAR, TypeCode.NVCHAR):
        return strings.decode_text(_short_body(data), encoding)
    if base in (TypeCode.DECIMAL, TypeCode.MONEY):
        scale = value.precision & 0xFF
        return decimals.decode(_short_body(data), scale if scale else decimals.FLOATING_SCALE)
    if base == TypeCode.DATETIME:
        return temporal.decode_datetime(_short_body(data), value.precision)
    if base == TypeCode.INTERVAL:
        return temporal.decode_interval(_short_body(data), value.precision)
    if base in (TypeCode.BYTE, TypeCode.TEXT):
        return lobs.descriptor(data, base == TypeCode.TEXT)
    if base == TypeCode.SENDRECV and value.type_name.lower() in (b"blob", b"clob"):
        # A BLOB/CLOB parameter as JDBC binds it (lobs.bind_locator), before the composite check.
        return lobs.locator(_int_body(data), value.type_name.lower() == b"clob")
    if base in _COMPOSITE_CODES or (
        base in (TypeCode.SENDRECV, TypeCode.UDTVAR, TypeCode.UDTFIXED)
        and composite_binary.is_binary_form(data)
    ):
        return composite_binary.decode(data, encoding)[0]
    if base in (TypeCode.LVARCHAR, TypeCode.UDTVAR, TypeCode.UDTFIXED, TypeCode.BOOL):
        return _decode_udt(base, value.type_name.lower(), _int_body(data), encoding)
    return bytes(data)


_COMPOSITE_CODES = frozenset(
    {TypeCode.SET, TypeCode.MULTISET, TypeCode.LIST, TypeCode.ROW, TypeCode.COLLECTION}
)


def _decode_udt(base: int, name: bytes, body: bytes, encoding: str) -> object:
    if base == TypeCode.BOOL or name == b"boolean":
        if len(body) != 1 or body[0] not in b"tTfF\x00\x01":
            raise DataError(f"BOOLEAN value {body!r}")
        return body[0] in b"tT\x01"
    if base == TypeCode.LVARCHAR or name == b"lvarchar":
        return strings.decode_text(body, encoding)
    if name in (b"blob", b"clob"):
        clob = name == b"clob"
        if len(body) == lobs.LOCATOR_SIZE:
            return ClobLocator(body) if clob else BlobLocator(body)
        return lobs.locator(body, clob)
    return body


def _short_body(data: bytes) -> bytes:
    (n,) = _S16.unpack_from(data)
    if n < 0 or n != len(data) - 2:
        raise DataError(f"value length {n} does not match its {len(data) - 2} data bytes")
    return data[2:]


def _int_body(data: bytes) -> bytes:
    (n,) = _S32.unpack_from(data)
    if n < 0 or n != len(data) - 4:
        raise DataError(f"value length {n} does not match its {len(data) - 4} data bytes")
    return data[4:]


def _sentinel(form: struct.Struct, null: int) -> Callable[[bytes], Any]:
    def decode(data: bytes) -> Any:
        (v,) = form.unpack(data)
        return None if v == null else v

    return decode


def _float(form: struct.Struct, null: bytes) -> Callable[[bytes], Any]:
    def decode(data: bytes) -> Any:
        return None if data == null else form.unpack(data)[0]

    return decode


def _date(data: bytes) -> dt.date | None:
    return temporal.date_from_days(_S32.unpack(data)[0])


def _descriptor(data: bytes) -> BlobDescriptor | None:
    return lobs.descriptor(data, False)


_FIXED_DECODERS: dict[int, Callable[[bytes], Any]] = {
    TypeCode.SMALLINT: _sentinel(_S16, numeric.SMALLINT_NULL),
    TypeCode.INT: _sentinel(_S32, numeric.INT_NULL),
    TypeCode.SERIAL: _sentinel(_S32, numeric.INT_NULL),
    TypeCode.BIGINT: _sentinel(_S64, numeric.BIGINT_NULL),
    TypeCode.BIGSERIAL: _sentinel(_S64, numeric.BIGINT_NULL),
    TypeCode.INT8: numeric.decode_int8,
    TypeCode.SERIAL8: numeric.decode_int8,
    TypeCode.FLOAT: _float(struct.Struct(">d"), numeric.FLOAT_NULL),
    TypeCode.SMALLFLOAT: _float(struct.Struct(">f"), numeric.SMALLFLOAT_NULL),
    TypeCode.DATE: _date,
}
