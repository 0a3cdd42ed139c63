"""Python values to SQ_BIND parameters and typed values back (sqli-facts §2.8 and §3 "Binding";
JDBC byte-for-byte checks are in test_golden_jdbc.py)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest

from informix_types import (
    BlobTypedValue,
    CollectionValue,
    IntervalYM,
    RowValue,
    bind_as,
    bind_value,
    decimals,
    decode_typed,
)
from informix_wire.codec import Reader, Writer
from informix_wire.errors import DataError, NotSupportedError
from informix_wire.messages.values import TypedValue, read_value, write_value
from informix_wire.typecodes import TypeCode

ENC = "utf-8"


def test_bool_binds_as_char_t_or_f_never_as_boolean() -> None:
    # binding type 45 or 41 makes a real server hang (sqli-facts §3)
    for value, letter in ((True, b"t"), (False, b"f")):
        bound = bind_value(value, ENC)
        assert (bound.type, bound.data) == (TypeCode.CHAR, b"\x00\x01" + letter)


@pytest.mark.parametrize(
    ("value", "code", "precision"),
    [
        (0, TypeCode.INT, 0x0A00),
        (2**31 - 1, TypeCode.INT, 0x0A00),
        (-(2**31), TypeCode.BIGINT, 0x1300),  # INT's NULL sentinel moves up a size
        (2**63 - 1, TypeCode.BIGINT, 0x1300),
        (-(2**63), TypeCode.DECIMAL, 0),
        (10**31, TypeCode.DECIMAL, 0),
    ],
)
def test_ints_bind_by_range(value: int, code: int, precision: int) -> None:
    bound = bind_value(value, ENC)
    assert (bound.type, bound.precision) == (code, precision)
    assert decode_typed(bound, ENC) == value


def test_ints_beyond_32_digits_are_data_errors() -> None:
    with pytest.raises(DataError):
        bind_value(10**40 + 1, ENC)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_data_errors(value: float) -> None:
    with pytest.raises(DataError):
        bind_value(value, ENC)
    with pytest.raises(DataError):
        bind_value(Decimal(value), ENC)
    with pytest.raises(DataError):
        bind_as(value, TypeCode.SMALLFLOAT, ENC)


def test_out_of_range_typed_binds_are_data_errors() -> None:
    with pytest.raises(DataError):
        bind_as(40000, TypeCode.SMALLINT, ENC)
    with pytest.raises(DataError):
        bind_as(1e39, TypeCode.SMALLFLOAT, ENC)
    with pytest.raises(DataError):
        bind_as(Decimal("1234.5"), TypeCode.DECIMAL, ENC, qualifier=0x0502)
    with pytest.raises(DataError):
        bind_as(dt.timedelta(days=100), TypeCode.INTERVAL, ENC, qualifier=0x0244)  # DAY(2)
    with pytest.raises(DataError):
        bind_value(IntervalYM(10**9), ENC)  # YEAR(9)


def test_decimal_keeps_its_scale_both_ways() -> None:
    bound = bind_value(Decimal("1.50"), ENC)
    assert bound.precision == 2
    assert str(decode_typed(bound, ENC)) == "1.50"
    big = Decimal("1234567890123456789012.3456789012")
    assert decode_typed(bind_value(big, ENC), ENC) == big


def test_long_strings_bind_as_lvarchar() -> None:
    short = bind_value("a" * 32767, ENC)
    long = bind_value("é" * 40000, ENC)
    assert short.type == TypeCode.CHAR
    assert long.type == TypeCode.LVARCHAR
    assert long.data is not None
    assert long.data[:4] == (80000).to_bytes(4, "big")
    assert decode_typed(long, ENC) == "é" * 40000


def test_bytes_bind_as_byte_with_a_descriptor_and_content() -> None:
    bound = bind_value(b"\x00\x01abc", ENC)
    assert isinstance(bound, BlobTypedValue)
    assert bound.type == TypeCode.BYTE
    assert bound.data is not None
    assert len(bound.data) == 56
    assert bound.data[16:20] == (5).to_bytes(4, "big")
    assert bound.content == b"\x00\x01abc"
    assert bind_as("text", TypeCode.TEXT, ENC).type == TypeCode.TEXT


def test_temporal_values_round_trip() -> None:
    values: list[object] = [
        dt.date(2024, 1, 2),
        dt.datetime(2024, 1, 2, 3, 4, 5, 123450),
        dt.time(23, 59, 59),
        dt.time(0, 0, 0, 120),
        dt.timedelta(days=-3, seconds=7, microseconds=10),
        IntervalYM(-1, -2),
    ]
    for value in values:
        assert decode_typed(bind_value(value, ENC), ENC) == value


def test_aware_datetimes_are_converted_to_utc_and_aware_times_refused() -> None:
    zone = dt.timezone(dt.timedelta(hours=2))
    bound = bind_value(dt.datetime(2024, 1, 2, 3, 0, tzinfo=zone), ENC)
    assert decode_typed(bound, ENC) == dt.datetime(2024, 1, 2, 1, 0)
    with pytest.raises(DataError):
        bind_value(dt.time(1, 0, tzinfo=zone), ENC)


def test_none_binds_as_a_null_indicator() -> None:
    bound = bind_value(None, ENC)
    assert (bound.type, bound.indicator, bound.data) == (0, -1, None)
    assert decode_typed(bound, ENC) is None


def test_rows_and_collections_bind_as_sendrecv_values() -> None:
    row = bind_value(RowValue([1, "a'b"]), ENC)
    assert (row.type, row.type_name) == (44, b"row(field1 integer, field2 lvarchar)")
    assert decode_typed(row, ENC) == RowValue([1, "a'b"], ["field1", "field2"])
    assert decode_typed(bind_value([1, 2], ENC), ENC) == [1, 2]
    multiset = CollectionValue("MULTISET", (2.5, 1.5, 2.5))
    assert decode_typed(bind_value(multiset, ENC), ENC) == multiset
    with pytest.raises(DataError):
        bind_value(CollectionValue("MULTISET", (None, 1.5)), ENC)


def test_unsupported_values_raise_not_supported() -> None:
    with pytest.raises(NotSupportedError):
        bind_value(object(), ENC)


def test_bound_values_survive_the_wire_framing() -> None:
    values: list[object] = [
        1,
        2**40,
        1.5,
        Decimal("-0.5"),
        "abc",
        dt.date(2024, 1, 2),
        dt.datetime(2024, 1, 2, 3, 4, 5),
        dt.timedelta(hours=5),
        IntervalYM(1, 1),
        "x" * 40000,
    ]
    for value in values:
        bound = bind_value(value, ENC)
        assert bound.data is not None
        w = Writer()
        write_value(w, bound.type, bound.data)
        data = read_value(Reader(w.getvalue()), bound.type)
        again = TypedValue(bound.type, data, bound.precision, type_name=bound.type_name)
        assert decode_typed(again, ENC) == value


def test_fast_path_booleans_and_lvarchar_decode() -> None:
    boolean = TypedValue(TypeCode.UDTFIXED, b"\x00\x00\x00\x01t", type_name=b"boolean")
    assert decode_typed(boolean, ENC) is True
    lvarchar = TypedValue(TypeCode.UDTVAR, b"\x00\x00\x00\x02hi", type_name=b"lvarchar")
    assert decode_typed(lvarchar, ENC) == "hi"
    with pytest.raises(DataError):
        decode_typed(TypedValue(TypeCode.CHAR, b"\x00\x05ab"), ENC)


@pytest.mark.parametrize("text", ["-1.5E+100", "1E+125", "12345E+3", "1E-100"])
def test_decimal_beyond_32_integer_digits_binds_in_exponent_form(text: str) -> None:
    """IDS floating DECIMAL spans 10**-130..10**125; JDBC binds such BigDecimals, and so do we."""
    value = bind_value(Decimal(text), "utf-8")
    assert value.type == TypeCode.DECIMAL
    assert decimals.decode(value.data[2:]) == Decimal(text)


def test_decimal_beyond_the_exponent_range_is_a_data_error() -> None:
    with pytest.raises(DataError, match="out of range"):
        bind_value(Decimal("1E+200"), "utf-8")
