"""DECIMAL and MONEY: the packed base-100 form (``packed``) to and from ``decimal.Decimal``.

The precision word of a column is ``(precision << 8) | scale``; scale 255 marks a floating
``DECIMAL(p)`` (sqli-facts §2.8, §3 "Unscaled DECIMAL(p) reports scale 255"). A fixed-scale value
decodes with exactly its column's scale (``1.50`` stays ``Decimal('1.50')``); a floating one
with the digits the server stored. Up to 32 significant digits (IBM: DECIMAL precision 1..32).
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from informix_types import packed
from informix_wire.errors import DataError

FLOATING_SCALE = 255
MAX_DIGITS = 32
#: Enough precision for any exact operation on 32-digit values (the default context has 28).
_EXACT = decimal.Context(prec=100, rounding=decimal.ROUND_HALF_UP, Emax=999, Emin=-999)
_POW10 = tuple(10**i for i in range(80))
#: Zero as JDBC sends it: head 0x80 (exponent -64) and one zero digit (IfxDecimal.convIfx).
ZERO = b"\x80\x00"


def decode(data: bytes | memoryview, scale: int = FLOATING_SCALE) -> Decimal | None:
    """A DECIMAL/MONEY value from its packed bytes (tuple width or bind data without length)."""
    if packed.is_null(data):
        return None
    negative, exponent, digits = packed.unpack(data)
    coefficient = packed.digits_value(digits)
    if not coefficient:
        return Decimal(0) if scale == FLOATING_SCALE else Decimal((0, (0,), -scale))
    power = 2 * (exponent - len(digits))  # value = coefficient * 10**power
    if scale == FLOATING_SCALE:
        while power < 0 and coefficient % 10 == 0:
            coefficient //= 10
            power += 1
        if power > 0:
            coefficient *= _POW10[power] if power < 80 else 10**power
            power = 0
    elif power > -scale:
        coefficient *= 10 ** (power + scale)
        power = -scale
    else:
        while power < -scale and coefficient % 10 == 0:
            coefficient //= 10
            power += 1
    sign = "-" if negative else ""
    return Decimal(f"{sign}{coefficient}E{power}")


def encode(value: Decimal, qualifier: int | None = None) -> bytes:
    """Packed bytes (head and digits, no length, no padding) of ``value``.

    With a column ``qualifier`` the value is rounded half-up to the column's scale and checked
    against its precision, as the server does on assignment; without one it is sent as exact as
    it is (``bind``).
    """
    if not value.is_finite():
        raise DataError(f"{value} cannot be stored in an Informix DECIMAL")
    if qualifier is not None:
        value = fit(value, qualifier)
    sign, digit_tuple, power = value.as_tuple()
    assert isinstance(power, int)  # finite, checked above
    coefficient = int("".join(map(str, digit_tuple)) or "0")
    if not coefficient:
        return ZERO
    # JDBC (IfxDecimal.convFromBigDecimal) keeps every digit of the unscaled value, trailing
    # zeros included; only a value longer than 32 digits loses its trailing zeros here.
    ndigits = len(digit_tuple)
    while ndigits > MAX_DIGITS and coefficient % 10 == 0:
        coefficient //= 10
        power += 1
        ndigits -= 1
    if ndigits > MAX_DIGITS:
        raise DataError(f"{value} has more than {MAX_DIGITS} significant digits")
    if power % 2:
        coefficient *= 10
        power -= 1
    pairs = (len(str(coefficient)) + 1) // 2
    return packed.pack(bool(sign), pairs + power // 2, packed.digits_of(coefficient, pairs))


def fit(value: Decimal, qualifier: int) -> Decimal:
    """``value`` rounded to the scale of ``DECIMAL(p, s)``; DataError when it has more than ``p``
    integer-and-scale digits."""
    precision, scale = qualifier >> 8, qualifier & 0xFF
    if not value.is_finite():
        raise DataError(f"{value} cannot be stored in an Informix DECIMAL")
    if scale == FLOATING_SCALE:
        rounded = _EXACT.plus(value.normalize(_EXACT)) if value else Decimal(0)
        if len(rounded.as_tuple().digits) > precision:
            rounded = decimal.Context(prec=precision, rounding=decimal.ROUND_HALF_UP).plus(value)
        return rounded
    rounded = value.quantize(Decimal((0, (1,), -scale)), context=_EXACT)
    digits = len(rounded.as_tuple().digits)
    if rounded and digits > precision:
        raise DataError(f"{value} does not fit DECIMAL({precision},{scale})")
    return rounded


def to_tuple(value: Decimal | None, qualifier: int) -> bytes:
    """The fixed-width tuple bytes of a DECIMAL/MONEY column (NULL is all zero)."""
    width = packed.tuple_width(qualifier)
    if value is None:
        return bytes(width)
    data = encode(value, qualifier)
    if len(data) > width:
        raise DataError(f"{value} does not fit DECIMAL({qualifier >> 8},{qualifier & 0xFF})")
    return data + bytes(width - len(data))


def type_name(base: str, qualifier: int) -> str:
    precision, scale = qualifier >> 8, qualifier & 0xFF
    if scale == FLOATING_SCALE:
        return f"{base}({precision})"
    return f"{base}({precision},{scale})"
