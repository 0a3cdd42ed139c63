"""Integer and floating-point columns: widths, NULL sentinels and the INT8 form.

Sources: IBM JDBC ``IfxToJavaType`` / ``JavaToIfxType`` (``IfxToJavaSmallInt``, ``IfxToJavaInt``,
``IfxToJavaLongBigInt``, ``IfxToJavaLongInt``/``JavaToIfxLongInt`` for INT8) and sqli-facts §2.8:
SMALLINT, INT, BIGINT are big-endian two's complement whose most negative value is NULL; INT8 and
SERIAL8 are 10 bytes ``[short sign][u32 low][u32 high]`` with sign 0 meaning NULL; SMALLFLOAT and
FLOAT are IEEE big-endian with all bits set meaning NULL.
"""

from __future__ import annotations

import math
import struct

from informix_wire.errors import DataError

SMALLINT_NULL = -0x8000
INT_NULL = -0x80000000
BIGINT_NULL = -0x8000000000000000
_INT8 = struct.Struct(">hII")
_F32 = struct.Struct(">f")
_F64 = struct.Struct(">d")
FLOAT_NULL = b"\xff" * 8
SMALLFLOAT_NULL = b"\xff" * 4
INT8_MAX = 0xFFFFFFFFFFFFFFFF


def decode_int8(data: bytes | memoryview) -> int | None:
    sign: int
    low: int
    high: int
    sign, low, high = _INT8.unpack(data)
    if sign == 0:
        return None
    if sign not in (1, -1):
        raise DataError(f"INT8 sign word {sign} is neither 1 nor -1")
    magnitude = high << 32 | low
    return -magnitude if sign < 0 else magnitude


def encode_int8(value: int | None) -> bytes:
    if value is None:
        return bytes(10)
    magnitude = abs(value)
    if magnitude > INT8_MAX:
        raise DataError(f"{value} does not fit an INT8")
    return _INT8.pack(-1 if value < 0 else 1, magnitude & 0xFFFFFFFF, magnitude >> 32)


def check_int(value: object, bits: int, sql_name: str) -> int:
    """``value`` as an int that fits ``bits`` bits without being the NULL sentinel."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError) as exc:
            raise DataError(f"cannot store {value!r} in {sql_name}: {exc}") from None
        if number != value:
            raise DataError(f"{value!r} is not a whole number for {sql_name}")
    limit = 1 << (bits - 1)
    if not -limit < number < limit:
        raise DataError(f"{number} is out of range for {sql_name}")
    return number


def check_float(value: object, sql_name: str) -> float:
    try:
        as_float = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError) as exc:
        raise DataError(f"cannot store {value!r} in {sql_name}: {exc}") from None
    if not math.isfinite(as_float):
        raise DataError(f"{sql_name} cannot hold {as_float} (Informix has no NaN or infinity)")
    return as_float


def encode_float(value: object) -> bytes:
    return _F64.pack(check_float(value, "FLOAT"))


def encode_smallfloat(value: object) -> bytes:
    as_float = check_float(value, "SMALLFLOAT")
    try:
        data = _F32.pack(as_float)
    except OverflowError:
        raise DataError(f"{value!r} is out of range for SMALLFLOAT") from None
    if math.isinf(_F32.unpack(data)[0]):
        raise DataError(f"{value!r} is out of range for SMALLFLOAT")
    return data
