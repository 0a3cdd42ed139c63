"""Property tests: every type survives encode -> decode, and random bytes never raise anything but
DataError or InterfaceError (ProtocolError is an InterfaceError)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from informix_types import (
    CollectionValue,
    IntervalYM,
    RowValue,
    bind_value,
    decode_typed,
    row_decoder,
    row_encoder,
)
from informix_types.temporal import datetime_qualifier, interval_qualifier
from informix_wire.errors import DataError, InterfaceError, NotSupportedError
from informix_wire.messages.describe import Column
from informix_wire.messages.values import TypedValue

ENC = "utf-8"
text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


def decimals_for(precision: int, scale: int) -> st.SearchStrategy[Decimal]:
    limit = 10**precision - 1
    return st.integers(-limit, limit).map(lambda n: Decimal(f"{n}E-{scale}"))


def micro_datetimes() -> st.SearchStrategy[dt.datetime]:
    return st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=d.microsecond // 10 * 10)
    )


COLUMN_CASES: list[tuple[Column, st.SearchStrategy[Any]]] = [
    (Column(b"s", 1), st.integers(-(2**15) + 1, 2**15 - 1)),
    (Column(b"i", 2), st.integers(-(2**31) + 1, 2**31 - 1)),
    (Column(b"b", 52), st.integers(-(2**63) + 1, 2**63 - 1)),
    (Column(b"i8", 17), st.integers(-(2**64) + 1, 2**64 - 1)),
    (Column(b"f", 3), st.floats(allow_nan=False, allow_infinity=False)),
    (Column(b"r", 4), st.floats(width=32, allow_nan=False, allow_infinity=False)),
    (
        Column(b"c", 0, 12),
        text.map(lambda s: s.encode()[:12].decode(ENC, "ignore").strip())
        .filter(lambda s: s and not s.startswith("\0"))
        .map(lambda s: s.ljust(12 - len(s.encode()) + len(s))),
    ),
    (Column(b"v", 13, 255), text.filter(lambda s: s != "\0")),
    (Column(b"lv", 40, 2048, extended_id=1, extended_name=b"lvarchar"), text),
    (Column(b"d12", 5, 0x0C02), decimals_for(12, 2)),
    (Column(b"d32", 5, 0x201F), decimals_for(32, 31)),
    (Column(b"d31", 5, 0x1F00), decimals_for(31, 0)),
    (Column(b"m", 8, 0x0B03), decimals_for(11, 3)),
    (
        Column(b"fl", 5, 0x10FF),
        st.decimals(
            allow_nan=False, allow_infinity=False, places=4, min_value=-(10**11), max_value=10**11
        ).map(lambda d: d.normalize() if d else Decimal(0)),
    ),
    (Column(b"dt", 7), st.dates()),
    (Column(b"ts", 10, datetime_qualifier(0, 15)), micro_datetimes()),
    (
        Column(b"ts3", 10, datetime_qualifier(0, 13)),
        micro_datetimes().map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)),
    ),
    (
        Column(b"hs", 10, datetime_qualifier(6, 10)),
        st.times().map(lambda t: t.replace(microsecond=0)),
    ),
    (Column(b"ymd", 10, datetime_qualifier(0, 4)), st.dates()),
    (
        Column(b"df", 14, interval_qualifier(4, 15, 9)),
        st.timedeltas(dt.timedelta(days=-(10**8)), dt.timedelta(days=10**8)).map(
            lambda t: t - dt.timedelta(microseconds=t.microseconds % 10)
        ),
    ),
    (
        Column(b"hm", 14, interval_qualifier(6, 8, 6)),
        st.integers(-(10**6) + 1, 10**6 - 1).map(lambda m: dt.timedelta(minutes=m)),
    ),
    (
        Column(b"ym", 14, interval_qualifier(0, 2, 9)),
        st.integers(-(10**9) + 1, 10**9 - 1).map(IntervalYM.from_months),
    ),
    (Column(b"bo", 41, 1, extended_id=5, extended_name=b"boolean"), st.booleans()),
]


def _composite(name: bytes, code: int, values: st.SearchStrategy[Any]) -> None:
    COLUMN_CASES.append((Column(b"cx", code, 0, extended_name=name), values))


small = st.integers(-(2**15) + 1, 2**15 - 1)
_composite(b"set(integer not null)", 19, st.frozensets(st.integers(-(2**31) + 1, 2**31 - 1)))
_composite(
    b"list(varchar(20) not null)",
    21,
    st.lists(text.filter(lambda s: s != "\0" and len(s.encode()) <= 20)),
)
_composite(
    b"multiset(lvarchar not null)",
    20,
    st.lists(text).map(lambda items: CollectionValue("MULTISET", tuple(items))),
)
_composite(
    b"row(a integer, b lvarchar, c list(set(smallint not null) not null))",
    22,
    st.builds(
        lambda a, b, c: RowValue([a, b, c], ["a", "b", "c"]),
        st.none() | st.integers(-(2**31) + 1, 2**31 - 1),
        st.none() | text,
        st.none() | st.lists(st.frozensets(small), max_size=3),
    ),
)
_composite(
    b"list(row(x float, y decimal(12,2)) not null)",
    21,
    st.lists(
        st.builds(
            lambda x, y: RowValue([x, y], ["x", "y"]),
            st.none() | st.floats(allow_nan=False, allow_infinity=False),
            st.none() | decimals_for(12, 2),
        ),
        max_size=4,
    ),
)


@st.composite
def columns_and_rows(draw: st.DrawFn) -> tuple[list[Column], list[Any]]:
    picked = draw(st.lists(st.sampled_from(range(len(COLUMN_CASES))), min_size=1, max_size=8))
    columns = [COLUMN_CASES[i][0] for i in picked]
    row = [draw(st.one_of(st.none(), COLUMN_CASES[i][1])) for i in picked]
    return columns, row


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(columns_and_rows())
def test_tuples_round_trip(case: tuple[list[Column], list[Any]]) -> None:
    columns, row = case
    payload = row_encoder(columns, ENC)(row)
    decode = row_decoder(columns, ENC)
    assert decode(payload) == tuple(row)
    assert decode(memoryview(b"\0" + payload)[1:]) == tuple(row)  # a slice of a receive buffer


bindable = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**31) + 1, 10**31 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=8, min_value=-(10**20), max_value=10**20
    ),
    text,
    st.dates(),
    micro_datetimes(),
    st.times().map(lambda t: t.replace(microsecond=t.microsecond // 10 * 10)),
    st.timedeltas(dt.timedelta(days=-(10**8)), dt.timedelta(days=10**8)).map(
        lambda t: t - dt.timedelta(microseconds=t.microseconds % 10)
    ),
    st.integers(-(10**9) + 1, 10**9 - 1).map(IntervalYM.from_months),
)


@settings(max_examples=400)
@given(bindable)
def test_binds_round_trip(value: Any) -> None:
    decoded = decode_typed(bind_value(value, ENC), ENC)
    if isinstance(value, bool):
        assert decoded == ("t" if value else "f")
    else:
        assert decoded == value


shapes = st.lists(st.sampled_from([c for c, _ in COLUMN_CASES]), min_size=1, max_size=5)


@settings(max_examples=500)
@given(shapes, st.binary(max_size=80))
def test_random_payloads_raise_only_pep249_errors(columns: list[Column], payload: bytes) -> None:
    try:
        row_decoder(columns, ENC)(payload)
    except (DataError, InterfaceError):
        pass


composite_columns = [c for c, _ in COLUMN_CASES if c.type in (19, 20, 21, 22)]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_composite_values_raise_only_pep249_errors(data: st.DataObject) -> None:
    """Every byte of a ROW/collection value flipped or cut short, as a tuple or a bound value:
    DataError/InterfaceError, or NotSupportedError for forms this driver does not read."""
    index = data.draw(st.sampled_from(range(len(COLUMN_CASES))))
    column, values = COLUMN_CASES[index]
    if column not in composite_columns:
        return
    payload = bytearray(row_encoder([column], ENC)([data.draw(values)]))
    position = data.draw(st.integers(0, len(payload) - 1))
    if data.draw(st.booleans()):
        payload[position] ^= data.draw(st.integers(1, 255))
    else:
        del payload[position:]
    for attempt in (
        lambda: row_decoder([column], ENC)(bytes(payload)),
        lambda: decode_typed(TypedValue(44, bytes(payload), 0), ENC),
    ):
        try:
            attempt()
        except (DataError, InterfaceError, NotSupportedError):
            pass


@settings(max_examples=500)
@given(
    st.sampled_from([0, 1, 2, 3, 4, 5, 7, 8, 10, 11, 13, 14, 17, 19, 22, 40, 41, 43, 44, 45, 52]),
    st.integers(0, 0xFFFF),
    st.binary(max_size=40),
    st.sampled_from([b"", b"boolean", b"lvarchar", b"blob", b"clob"]),
)
def test_random_typed_values_raise_only_pep249_errors(
    code: int, precision: int, data: bytes, name: bytes
) -> None:
    try:
        decode_typed(TypedValue(code, data, precision, type_name=name), ENC)
    except (DataError, InterfaceError):
        pass


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    text,
    st.binary(max_size=20),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.integers(-(10**12), 10**12).map(IntervalYM.from_months),
    st.lists(st.integers(), max_size=3),
    st.tuples(st.integers(), text),
    st.lists(st.one_of(st.none(), st.integers(), st.floats(), st.decimals(), text), max_size=3),
    st.frozensets(st.one_of(st.integers(), text), max_size=3),
    st.lists(st.tuples(st.none() | st.integers(), st.none() | text), max_size=3),
)


@settings(max_examples=600)
@given(st.sampled_from([c for c, _ in COLUMN_CASES]), anything)
def test_any_python_value_into_any_column_raises_only_data_error(
    column: Column, value: Any
) -> None:
    try:
        row_encoder([column], ENC)([value])
    except DataError:
        pass


@settings(max_examples=400)
@given(anything)
def test_any_python_value_binds_or_raises_data_error(value: Any) -> None:
    try:
        bind_value(value, ENC)
    except DataError:
        pass
