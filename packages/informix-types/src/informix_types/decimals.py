"""DECIMAL and MONEY: the packed base-100 form (``packed``) to and from ``decimal.Decimal``.

The precision word of a column is ``(precision << 8) | scale``; scale 255 marks a floating
``DECIMAL(p)`` (sqli-facts §2.8, §3 "Unscaled DECIMAL(p) reports scale 255"). A fixed-scale value
decodes with exactly its column's scale (``1.50`` stays ``Decimal('1.50')``); a floating one
with the digits the server stored. Up to 32 significant digits (IBM: DECIMAL precision 1..32).
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal

from informix_types import packed
from informix_wire.errors import DataError

FLOATING_SCALE = 255
MAX_DIGITS = 32
#: Enough precision for any exact operation on 32-digit values (the default context has 28).
_EXACT = decimal.Context(prec=100, rounding=decimal.ROUND_HALF_UP, Emax=999, Emin=-999)
#: Zero as JDBC sends it: head 0x80 (exponent -64) and one zero digit (IfxDecimal.convIfx).
ZERO = b"\x80\x00"


#: ``bytes.translate`` table from a base-100 digit byte to the BCD byte whose hex text is the same
#: two decimal digits (45 -> 0x45); bytes above 99 become 0xFF, whose "ff" fails to parse.
_BCD = bytes((d // 10) << 4 | d % 10 if d < 100 else 0xFF for d in range(256))


def decoder(scale: int, pairs: int) -> Callable[[bytes], Decimal | None]:
    """A decoder for one column: ``pairs`` digit bytes after the head, ``scale`` fraction digits
    (or FLOATING_SCALE). Planned once per column so that a row pays no per-cell set-up; the
    digits become decimal text in C (``translate`` to BCD, then ``hex``)."""
    full = 100**pairs
    floating = scale == FLOATING_SCALE

    def decode_column(data: bytes) -> Decimal | None:
        head = data[0]
        if not head and not data[1]:
            return None
        text = data[1:].translate(_BCD).hex()
        sign = ""
        try:
            if not head & 0x80:
                head ^= 0x7F
                stored = int(text)
                if stored:  # the digits are the base-100 complement: 100**pairs - value
                    sign = "-"
                    text = str(full - stored).zfill(2 * pairs)
            power = 2 * ((head & 0x7F) - 64 - pairs)  # value = int(text) * 10**power
            if floating:
                text = text.rstrip("0")
                if not text:
                    return Decimal(0)
                return Decimal(f"{sign}{text}E{power + 2 * pairs - len(text)}")
            cut = -scale - power
            if cut > 0:
                if text[-cut:].strip("0"):  # more digits than the scale: keep them all
                    return Decimal(f"{sign}{text}E{power}")
                text = text[:-cut]
            elif cut < 0:
                text += "0" * -cut
            return Decimal(f"{sign}{text or '0'}E-{scale}")
        except (decimal.InvalidOperation, ValueError):
            raise DataError(f"packed decimal digit above 99: {bytes(data).hex()}") from None

    return decode_column


def decode(data: bytes | memoryview, scale: int = FLOATING_SCALE) -> Decimal | None:
    """A DECIMAL/MONEY value from its packed bytes (tuple width or bind data without length)."""
    if packed.is_null(data):
        return None
    return decoder(scale, len(data) - 1)(bytes(data))


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
    try:
        rounded = value.quantize(Decimal((0, (1,), -scale)), context=_EXACT)
    except decimal.InvalidOperation:
        raise DataError(f"{value} does not fit DECIMAL({precision},{scale})") from None
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
