"""Values between DuckDB's Python types and the ones ``informix_types`` encodes for the declared
Informix type, both ways.

- A floating DECIMAL(p) is stored as its exact text (``decfloat``): it goes out as that
  Decimal rounded to p significant digits (a DOUBLE from an expression as the decimal of its
  shortest repr).
- ROW and collection columns come out as ``informix_types`` values (``composite.to_python``).
- INTERVAL YEAR TO MONTH is stored as a DuckDB INTERVAL of months, which DuckDB's Python API
  turns into a timedelta of 30-day months; it goes out as ``IntervalYM`` (a whole number of
  months, IBM Guide to SQL: Reference, "INTERVAL data type"), and an ``IntervalYM`` parameter
  comes in as the text ``'<n> months'``, which DuckDB casts to INTERVAL.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Sequence
from typing import Any

from informix_testserver.engine import composite
from informix_testserver.engine.columns import ColumnSpec
from informix_types import IntervalYM
from informix_wire.typecodes import TypeCode

#: INTERVAL qualifier start codes of the year-month class (YEAR 0, MONTH 2).
_MONTH_CLASS = (0, 2)
#: The scale byte of a floating DECIMAL(p)'s length.
_FLOATING_SCALE = 255
#: DuckDB's Python conversion counts a month as 30 days.
_DAYS_PER_MONTH = 30

Shaper = Callable[[Any], Any]


def _decimal(value: Any) -> Any:
    return decimal.Decimal(repr(value)) if isinstance(value, float) else value


def _floating(precision: int) -> Shaper:
    """A floating DECIMAL(p) value (stored as text, or a DOUBLE from an expression) rounded to
    its p significant digits."""
    context = decimal.Context(prec=max(precision, 1), rounding=decimal.ROUND_HALF_UP)

    def shape(value: Any) -> Any:
        if isinstance(value, str):
            return context.plus(decimal.Decimal(value))
        return _decimal(value)

    return shape


def _months(value: Any) -> Any:
    if isinstance(value, datetime.timedelta):
        return IntervalYM.from_months(value.days // _DAYS_PER_MONTH)
    return value


def shapers(columns: Sequence[ColumnSpec]) -> tuple[tuple[int, Shaper], ...]:
    """The columns whose DuckDB values need converting, with their converters (planned once per
    DESCRIBE)."""
    out: list[tuple[int, Shaper]] = []
    for index, col in enumerate(columns):
        code = col.type_code & 0xFF
        if code == TypeCode.DECIMAL and col.length & 0xFF == _FLOATING_SCALE:
            out.append((index, _floating(col.length >> 8)))
        elif code in (TypeCode.DECIMAL, TypeCode.MONEY):
            out.append((index, _decimal))
        elif code == TypeCode.INTERVAL and (col.length >> 4) & 0xF in _MONTH_CLASS:
            out.append((index, _months))
        elif code in composite.COMPOSITE_CODES and col.extended_name:
            out.append((index, composite.shaper(col.extended_name)))
    return tuple(out)


def shape_rows(
    rows: list[tuple[Any, ...]], plan: tuple[tuple[int, Shaper], ...]
) -> list[tuple[Any, ...]]:
    """``rows`` with the planned conversions applied."""
    if not plan:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for index, shape in plan:
            values[index] = shape(values[index])
        out.append(tuple(values))
    return out


def parameter(value: Any) -> Any:
    """A bound value as DuckDB takes it."""
    if isinstance(value, IntervalYM):
        return f"{value.total_months} months"
    return value
