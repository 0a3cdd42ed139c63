"""The packed base-100 number that DECIMAL, MONEY, DATETIME and INTERVAL share on the wire.

Layout (IBM JDBC ``com.informix.lang.Decimal.javaToIfx`` / ``init``, ``IfxDecimal.convIfx``;
sqli-facts §2.8): one head byte, then base-100 digit bytes (0..99), most significant first.

- head bit 7 set: positive; ``head & 0x7F`` is the exponent plus 64, the exponent being the
  number of base-100 digits before the decimal point (it may be negative or zero).
- head bit 7 clear: negative; the head is the positive head XOR 0x7F and the digits are the
  base-100 complement (``decComplement``: trailing zero digits stay, the lowest non-zero digit
  becomes ``100 - d``, every digit above it ``99 - d``).
- NULL: the first two bytes are both zero.

A tuple holds the number in a fixed width, padded with zero digits; a bind value is
``[short len][head][digits]``.
"""

from __future__ import annotations

from informix_wire.errors import DataError


def is_null(data: bytes | memoryview) -> bool:
    return len(data) < 2 or (data[0] == 0 and data[1] == 0)


def unpack(data: bytes | memoryview) -> tuple[bool, int, bytes]:
    """``(negative, exponent, digits)`` of a non-NULL packed number; digits are 0..99 each."""
    if not data:
        raise DataError("empty packed decimal")
    head = data[0]
    digits = bytes(data[1:])
    negative = not head & 0x80
    if negative:
        head ^= 0x7F
        digits = complement(digits)
    for d in digits:
        if d > 99:
            raise DataError(f"packed decimal digit {d} is not base 100: {bytes(data).hex()}")
    return negative, (head & 0x7F) - 64, digits


def complement(digits: bytes) -> bytes:
    """The base-100 complement of a negative number's digits (its own inverse)."""
    out = bytearray(digits)
    borrow = 100
    for i in range(len(out) - 1, -1, -1):
        if out[i] or borrow != 100:
            out[i] = (borrow - out[i]) & 0xFF
            borrow = 99
    return bytes(out)


def pack(negative: bool, exponent: int, digits: bytes) -> bytes:
    """Head byte and digits; ``digits`` empty means zero (JDBC writes zero with exponent -64, i.e.
    head 0x80)."""
    if not -64 <= exponent <= 63:
        raise DataError(f"decimal exponent 100**{exponent} is out of range")
    head = (exponent + 64) & 0x7F
    if negative and any(digits):
        return bytes([head ^ 0x7F]) + complement(digits)
    return bytes([head | 0x80]) + digits


def digits_of(value: int, pairs: int) -> bytes:
    """``value`` (>= 0) as exactly ``pairs`` base-100 digits."""
    out = bytearray(pairs)
    for i in range(pairs - 1, -1, -1):
        value, out[i] = divmod(value, 100)
    if value:
        raise DataError("value needs more digits than the type holds")
    return bytes(out)


def digits_value(digits: bytes) -> int:
    """The integer the base-100 ``digits`` spell."""
    value = 0
    for d in digits:
        value = value * 100 + d
    return value


def tuple_width(qualifier: int) -> int:
    """Bytes a DECIMAL/MONEY/DATETIME/INTERVAL of this precision word takes in a tuple: head byte
    plus digit bytes (IfxDecimal.decLength: ``(digits + (low byte & 1) + 3) // 2``)."""
    return ((qualifier >> 8) + (qualifier & 1) + 3) // 2
