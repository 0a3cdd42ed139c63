"""DATE, DATETIME and INTERVAL to and from ``datetime`` values and :class:`IntervalYM`.

DATE is an int: days since 1899-12-31, NULL ``0x80000000`` (IBM JDBC ``IfxToJavaType``
``IfxToJavaDate``/``convertDaysToDate``; sqli-facts §2.8).

DATETIME and INTERVAL are packed base-100 numbers (``packed``) whose decimal point sits after the
SECOND position, whatever the qualifier (JDBC ``Decimal(boolean, byte[], int, short)``: exponent
``(len + 10 - end + 1) // 2``). Each field is two decimal digits at a fixed place left of that
point (SECOND 0, MINUTE 2, HOUR 4, DAY 6, MONTH 8, YEAR 10) and FRACTION is the digits right of
it; the leading field takes as many digits as the qualifier gives it. Decoding therefore goes by
the exponent byte, never by byte position: a server that drops leading zero digits (a DATETIME
HOUR TO SECOND at 00:04:05) still decodes right.

The qualifier word is ``(digits << 8) | (start << 4) | end`` with time units YEAR 0, MONTH 2,
DAY 4, HOUR 6, MINUTE 8, SECOND 10, FRACTION(n) 10+n, and FRACTION as a start field 12
(JDBC ``Decimal.TU_*``, ``encodeDateTimePrecision``, ``encodeIntervalPrecision``).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from informix_types import packed
from informix_types.values import IntervalYM
from informix_wire.errors import DataError

YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, FRACTION = 0, 2, 4, 6, 8, 10, 12
_UNIT_NAMES = {0: "YEAR", 2: "MONTH", 4: "DAY", 6: "HOUR", 8: "MINUTE", 10: "SECOND"}
#: Decimal place of each field's lowest digit, left of the point.
_PLACE = {YEAR: 10, MONTH: 8, DAY: 6, HOUR: 4, MINUTE: 2, SECOND: 0}
DATE_ORIGIN = 693595  # date(1899, 12, 31).toordinal(): DATE 0 is 1899-12-31
_MAX_ORDINAL = dt.date.max.toordinal()
#: Fields above the qualifier's start of a DATETIME that has no YEAR (MONTH TO DAY, ...) take
#: these values in the Python datetime: 2000 is a leap year, so any month and day are valid.
FILL_YEAR, FILL_MONTH, FILL_DAY = 2000, 1, 1
DATE_NULL = -0x80000000


class Qualifier(NamedTuple):
    """A DATETIME/INTERVAL qualifier word taken apart."""

    digits: int
    start: int
    end: int

    @classmethod
    def of(cls, word: int) -> Qualifier:
        return cls(word >> 8 & 0xFF, word >> 4 & 0xF, word & 0xF)

    @property
    def word(self) -> int:
        return self.digits << 8 | self.start << 4 | self.end

    @property
    def leading_digits(self) -> int:
        """Digits of the leading field (JDBC ``Decimal.tuFLen``)."""
        return self.digits - (self.end - self.start)

    @property
    def integer_pairs(self) -> int:
        """Base-100 digits left of the point (the exponent of an unnormalised value)."""
        return (self.digits + 10 - self.end + 1) // 2

    @property
    def pairs(self) -> int:
        return packed.tuple_width(self.word) - 1

    @property
    def fraction_digits(self) -> int:
        return max(self.end - SECOND, 0)


def datetime_qualifier(start: int, end: int) -> int:
    """The qualifier word of DATETIME start TO end (JDBC ``encodeDateTimePrecision``)."""
    digits = end - start + (4 if start == YEAR else 2)
    return digits << 8 | start << 4 | end


def interval_qualifier(start: int, end: int, leading: int) -> int:
    """The qualifier word of INTERVAL start(leading) TO end (JDBC ``encodeIntervalPrecision``)."""
    first = 11 if start == FRACTION else start
    return (end - first + leading) << 8 | start << 4 | end


#: Qualifiers used when Python values are bound without a column to fit.
DATETIME_FULL = datetime_qualifier(YEAR, 15)  # 0x130F, what JDBC sends for a Timestamp
TIME_FULL = datetime_qualifier(HOUR, 15)
TIME_SECONDS = datetime_qualifier(HOUR, SECOND)  # 0x066A, what JDBC sends for a Time
INTERVAL_DF_FULL = interval_qualifier(DAY, 15, 9)  # 0x144F
INTERVAL_YM_FULL = interval_qualifier(YEAR, MONTH, 9)  # 0x0B02


# ---------------------------------------------------------------------------------------------
# Positional numbers: a packed value <-> (negative, value in millionths of the SECOND place)


def _to_micro_units(data: bytes | memoryview) -> tuple[bool, int]:
    negative, exponent, digits = packed.unpack(data)
    shift = exponent - len(digits) + 3  # value * 10**6 = digits * 100**shift
    number = packed.digits_value(digits)
    if shift >= 0:
        return negative, number * 100**shift
    number, rest = divmod(number, 100**-shift)
    if rest:
        raise DataError(f"temporal value with more than 6 fraction digits: {bytes(data).hex()}")
    return negative, number


def _from_micro_units(negative: bool, units: int, q: Qualifier, normalize: bool) -> bytes:
    """Packed bytes of ``units`` on the grid of ``q``: every digit pair from the leading field to
    the end field (JDBC's unnormalised form), or with leading zero pairs dropped (``normalize``,
    what a server's decimal arithmetic keeps)."""
    exponent = q.integer_pairs
    shift = exponent - q.pairs + 3
    number, rest = divmod(units, 100**shift) if shift >= 0 else (units * 100**-shift, 0)
    if rest:
        raise DataError("value has digits below the qualifier's last field")
    digits = packed.digits_of(number, q.pairs)
    if normalize and number:
        drop = 0
        while digits[drop] == 0:
            drop += 1
        digits = digits[drop:] + bytes(drop)
        exponent -= drop
    head = (exponent + 64) & 0x7F
    if negative and number:
        return bytes([head ^ 0x7F]) + packed.complement(digits)
    return bytes([head | 0x80]) + digits


def _fields(units: int, q: Qualifier) -> tuple[int, list[int], int]:
    """(leading field value, inner field values, microseconds) of a positional value."""
    whole, micro = divmod(units, 1_000_000)
    if q.start >= 11:
        return 0, [], micro
    leading = whole // 10 ** _PLACE[q.start]
    inner = [whole // 10 ** _PLACE[u] % 100 for u in range(q.start + 2, min(q.end, SECOND) + 1, 2)]
    return leading, inner, micro


def _truncate_micro(micro: int, q: Qualifier) -> int:
    step: int = 10 ** (6 - q.fraction_digits)
    return micro // step * step


# ---------------------------------------------------------------------------------------------
# DATE


def date_from_days(days: int) -> dt.date | None:
    if days == DATE_NULL:
        return None
    ordinal = days + DATE_ORIGIN
    if not 1 <= ordinal <= _MAX_ORDINAL:
        raise DataError(f"DATE {days} days after 1899-12-31 is outside Python's date range")
    return dt.date.fromordinal(ordinal)


def days_from_date(value: dt.date) -> int:
    return value.toordinal() - DATE_ORIGIN


# ---------------------------------------------------------------------------------------------
# DATETIME

DatetimeValue = dt.datetime | dt.date | dt.time


def decode_datetime(data: bytes | memoryview, word: int) -> DatetimeValue | None:
    """A DATETIME as ``date`` (qualifiers ending at or before DAY), ``time`` (starting at HOUR
    or later), else ``datetime``; fields above the start are filled from 2000-01-01."""
    if packed.is_null(data):
        return None
    q = Qualifier.of(word)
    negative, units = _to_micro_units(data)
    if negative:
        raise DataError(f"negative DATETIME {bytes(data).hex()}")
    whole, micro = divmod(units, 1_000_000)
    year = whole // 10**10 if q.start == YEAR else FILL_YEAR
    month = whole // 10**8 % 100 if q.start <= MONTH <= q.end else FILL_MONTH
    day = whole // 10**6 % 100 if q.start <= DAY <= q.end else FILL_DAY
    hour = whole // 10**4 % 100
    minute = whole // 100 % 100
    second = whole % 100
    try:
        if q.end <= DAY:
            return dt.date(year, month, day)
        if q.start >= HOUR:
            return dt.time(hour, minute, second, micro)
        return dt.datetime(year, month, day, hour, minute, second, micro)
    except ValueError as exc:
        raise DataError(f"invalid DATETIME {bytes(data).hex()}: {exc}") from None


def encode_datetime(value: object, word: int, *, normalize: bool = False) -> bytes:
    """Packed bytes of a date/time/datetime on the qualifier ``word``; fields outside the
    qualifier are dropped, the fraction truncated to its digits."""
    q = Qualifier.of(word)
    if isinstance(value, dt.datetime):
        value = naive(value)
        parts = (value.year, value.month, value.day, value.hour, value.minute, value.second)
        micro = value.microsecond
    elif isinstance(value, dt.date):
        parts, micro = (value.year, value.month, value.day, 0, 0, 0), 0
    elif isinstance(value, dt.time):
        if value.tzinfo is not None:
            raise DataError("a time with a time zone cannot be stored in a DATETIME; drop it")
        parts = (0, 0, 0, value.hour, value.minute, value.second)
        micro = value.microsecond
    else:
        raise DataError(f"cannot store {type(value).__name__} in a DATETIME")
    whole = 0
    for unit, part in zip((YEAR, MONTH, DAY, HOUR, MINUTE, SECOND), parts, strict=True):
        if q.start <= unit <= q.end:
            whole += part * 10 ** _PLACE[unit]
    units = whole * 1_000_000 + _truncate_micro(micro, q)
    return _from_micro_units(False, units, q, normalize)


def naive(value: dt.datetime) -> dt.datetime:
    """Informix DATETIME has no time zone: an aware datetime is converted to UTC and its zone
    dropped (a naive one is taken as it is)."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------------------------------------
# INTERVAL


def decode_interval(data: bytes | memoryview, word: int) -> dt.timedelta | IntervalYM | None:
    """INTERVAL YEAR/MONTH qualifiers give :class:`IntervalYM`, DAY..FRACTION ones ``timedelta``."""
    if packed.is_null(data):
        return None
    q = Qualifier.of(word)
    negative, units = _to_micro_units(data)
    sign = -1 if negative else 1
    leading, inner, micro = _fields(units, q)
    if q.end <= MONTH:
        if q.start == MONTH:
            months = leading
        elif inner:  # YEAR TO MONTH
            months = leading * 12 + inner[0]
        else:  # YEAR
            months = leading * 12
        return IntervalYM.from_months(sign * months)
    seconds = 0
    values = [leading, *inner]
    for unit, part in zip(range(q.start, min(q.end, SECOND) + 1, 2), values, strict=False):
        seconds += part * _SECONDS[unit]
    try:
        return sign * dt.timedelta(seconds=seconds, microseconds=micro)
    except OverflowError:
        raise DataError(f"INTERVAL {bytes(data).hex()} is outside timedelta's range") from None


_SECONDS = {DAY: 86400, HOUR: 3600, MINUTE: 60, SECOND: 1}


def encode_interval(value: object, word: int, *, normalize: bool = False) -> bytes:
    """Packed bytes of a timedelta (DAY..FRACTION qualifiers) or IntervalYM (YEAR/MONTH ones);
    units below the qualifier's last field are truncated toward zero."""
    q = Qualifier.of(word)
    if q.end <= MONTH:
        if not isinstance(value, IntervalYM):
            raise DataError(f"INTERVAL {qualifier_text(word, True)} takes an IntervalYM value")
        negative, months = value.total_months < 0, abs(value.total_months)
        if q.start == YEAR:
            fields = [months // 12, months % 12] if q.end == MONTH else [months // 12]
        else:
            fields = [months]
        whole = sum(f * 10 ** _PLACE[u] for f, u in zip(fields, (q.start, MONTH), strict=False))
        _check_leading(fields[0], q)
        return _from_micro_units(negative, whole * 1_000_000, q, normalize)
    if not isinstance(value, dt.timedelta):
        raise DataError(f"INTERVAL {qualifier_text(word, True)} takes a timedelta value")
    total = (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds
    negative, total = total < 0, abs(total)
    seconds, micro = divmod(total, 1_000_000)
    whole = 0
    if q.start < 11:
        last = min(q.end, SECOND)
        remaining = seconds
        for unit in range(q.start, last + 1, 2):
            part, remaining = divmod(remaining, _SECONDS[unit])
            if unit == q.start:
                _check_leading(part, q)
            whole += part * 10 ** _PLACE[unit]
    elif seconds:
        raise DataError("INTERVAL FRACTION TO FRACTION holds less than one second")
    units = whole * 1_000_000 + _truncate_micro(micro, q)
    return _from_micro_units(negative, units, q, normalize)


def _check_leading(value: int, q: Qualifier) -> None:
    if value >= 10**q.leading_digits:
        raise DataError(f"{value} does not fit the {q.leading_digits}-digit leading field")


# ---------------------------------------------------------------------------------------------
# Names


def _unit_name(code: int) -> str:
    if code > SECOND:
        return f"FRACTION({code - SECOND})"
    return _UNIT_NAMES.get(code, f"UNIT{code}")


def qualifier_text(word: int, interval: bool) -> str:
    """``YEAR TO SECOND``, ``DAY(5) TO FRACTION(3)``... as IBM writes qualifiers."""
    q = Qualifier.of(word)
    if q.start >= 11:
        start = "FRACTION"
    else:
        start = _UNIT_NAMES.get(q.start, f"UNIT{q.start}")
        if interval:
            start += f"({q.leading_digits})"
    if q.start == q.end and q.start <= SECOND:
        return start
    return f"{start} TO {_unit_name(q.end)}"
