"""Value codecs of the protocol layer against byte vectors JDBC decoded (sqli-facts part B §2)."""

from __future__ import annotations

import datetime
import decimal

import pytest
from sqli_doubles import Col

from informix_testserver.rows import (
    _decimal,
    column_width,
    datetime_value,
    decode_param,
    encode_row,
    encode_value,
)

D = decimal.Decimal


def test_rows_jdbc_decoded() -> None:
    cols = [Col("vc", 13, 40), Col("dc", 5, 0x0A02)]
    assert encode_row(cols, ("hello world", D("12345.67"))) == b"\x0bhello world" + bytes.fromhex(
        "c301172d4300"
    )
    assert encode_row(cols, ("x", D("-0.50"))) == b"\x01x" + bytes.fromhex("3f3200000000")


@pytest.mark.parametrize(
    "value", ["0.01", "-0.01", "1", "-1", "99999999.99", "-12345.67", "100", "-100", "0.5"]
)
def test_decimal_round_trip(value: str) -> None:
    data = _decimal(D(value), 0x0A02)
    assert len(data) == 6
    assert decode_param(5, len(data).to_bytes(2, "big") + data) == D(value)


def test_nulls_and_fixed_types() -> None:
    assert encode_value(Col("i", 2), None) == b"\x80\x00\x00\x00"
    assert encode_value(Col("s", 1), -2) == b"\xff\xfe"
    assert encode_value(Col("c", 0, 4), "ab") == b"ab  "
    assert encode_value(Col("d", 7), datetime.date(1900, 1, 1)) == b"\x00\x00\x00\x01"
    assert decode_param(7, b"\x00\x00\x00\x01") == datetime.date(1900, 1, 1)
    assert encode_value(Col("b", 41, 1, extended_id=5), True) == b"\x00\x00\x00\x00\x01\x01"


def test_datetime_year_to_second() -> None:
    qualifier = (14 << 8) | (0 << 4) | 10
    value = datetime.datetime(2024, 2, 29, 13, 45, 56)
    data = encode_value(Col("ts", 10, qualifier), value)
    assert len(data) == 8
    assert decode_param(10, len(data).to_bytes(2, "big") + data, precision=qualifier) == value
    assert datetime_value((6 << 8) | (6 << 4) | 10, D(134556)) == datetime.time(13, 45, 56)


def test_widths_follow_declen_and_fixed_sizes() -> None:
    assert column_width(Col("d", 5, (12 << 8) | 3)) == 8  # DECLEN(12, 3)
    assert column_width(Col("d", 5, (16 << 8) | 255)) == 10  # floating DECIMAL(16), sqli-facts §3
    assert column_width(Col("i", 2)) == 4
    assert len(encode_value(Col("d", 5, (12 << 8) | 3), D("-1234.567"))) == 8


def test_int8_low_word_first() -> None:
    data = encode_value(Col("i8", 17), -(5 << 32 | 7))
    assert data == bytes.fromhex("ffff 00000007 00000005")
    assert decode_param(17, data) == -(5 << 32 | 7)
