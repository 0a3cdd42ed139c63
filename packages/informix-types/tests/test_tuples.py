"""Tuple layouts pinned by recorded server bytes (sqli-facts §2.8 and part B §2) and the value
mapping of every column type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from informix_types import (
    BlobDescriptor,
    BlobLocator,
    ClobLocator,
    CollectionValue,
    IntervalYM,
    RowValue,
    row_decoder,
    row_encoder,
)
from informix_types.temporal import datetime_qualifier, interval_qualifier
from informix_wire.errors import DataError, ProtocolError
from informix_wire.messages.describe import Column

ENC = "iso-8859-1"


def roundtrip(columns: list[Column], row: list[object]) -> tuple[bytes, tuple[object, ...]]:
    payload = row_encoder(columns, ENC)(row)
    return payload, row_decoder(columns, ENC)(payload)


def test_recorded_varchar_decimal_rows_decode_and_encode_byte_for_byte() -> None:
    # Part B §2: VARCHAR(40) + DECIMAL(10,2) rows produced for IBM JDBC.
    columns = [Column(b"vc", 13, 40), Column(b"dc", 5, 0x0A02)]
    first = bytes([11]) + b"hello world" + bytes.fromhex("c301172d4300")
    second = bytes([1]) + b"x" + bytes.fromhex("3f3200000000")
    decode = row_decoder(columns, ENC)
    assert decode(first) == ("hello world", Decimal("12345.67"))
    assert decode(second) == ("x", Decimal("-0.50"))
    encode = row_encoder(columns, ENC)
    assert encode(["hello world", Decimal("12345.67")]) == first
    assert encode(["x", Decimal("-0.50")]) == second


def test_decode_accepts_memoryview_slices_of_a_receive_buffer() -> None:
    columns = [Column(b"a", 2), Column(b"b", 13, 10)]
    payload = row_encoder(columns, ENC)([5, "abc"])
    buffer = memoryview(b"\xee" * 3 + payload + b"\xee")
    assert row_decoder(columns, ENC)(buffer[3 : 3 + len(payload)]) == (5, "abc")


@pytest.mark.parametrize(
    ("column", "null_bytes"),
    [
        (Column(b"s", 1), "8000"),
        (Column(b"i", 2), "80000000"),
        (Column(b"b", 52), "8000000000000000"),
        (Column(b"i8", 17), "00000000000000000000"),
        (Column(b"f", 3), "ffffffffffffffff"),
        (Column(b"r", 4), "ffffffff"),
        (Column(b"d", 7), "80000000"),
        (Column(b"c", 0, 3), "000000"),
        (Column(b"v", 13, 10), "0100"),
        (Column(b"m", 8, 0x0802), "0000000000"),
        (Column(b"dt", 10, datetime_qualifier(0, 10)), "0000000000000000"),
        (Column(b"lv", 40, 2048, extended_id=1, extended_name=b"lvarchar"), "0100000000"),
        (Column(b"bo", 41, 1, extended_id=5, extended_name=b"boolean"), "0100000000"),
    ],
)
def test_null_forms(column: Column, null_bytes: str) -> None:
    payload, decoded = roundtrip([column], [None])
    assert payload.hex() == null_bytes
    assert decoded == (None,)


def test_most_negative_integers_are_null_not_values() -> None:
    columns = [Column(b"s", 1), Column(b"i", 2)]
    decode = row_decoder(columns, ENC)
    # -32768 is a real INT value but SMALLINT's NULL
    assert decode(bytes.fromhex("8000ffff8000")) == (None, -32768)
    with pytest.raises(DataError):
        row_encoder(columns, ENC)([0, -(2**31)])


def test_int8_is_sign_low_high() -> None:
    payload, decoded = roundtrip([Column(b"i8", 17)], [-(2**40) - 5])
    assert payload.hex() == "ffff" + "00000005" + "00000100"
    assert decoded == (-(2**40) - 5,)


def test_scalar_values_round_trip_through_a_tuple() -> None:
    columns = [
        Column(b"c", 15, 6),
        Column(b"nv", 16, 20),
        Column(b"s8", 18),
        Column(b"bs", 53),
        Column(b"money", 8, 0x1002),
        Column(b"fdec", 5, 0x10FF),
        Column(b"d", 7),
        Column(b"ts", 10, datetime_qualifier(0, 15)),
        Column(b"t", 10, datetime_qualifier(6, 10)),
        Column(b"ymd", 10, datetime_qualifier(0, 4)),
        Column(b"iv", 14, interval_qualifier(4, 13, 5)),
        Column(b"ym", 14, interval_qualifier(0, 2, 4)),
        Column(b"bo", 41, 1, extended_id=5, extended_name=b"boolean"),
    ]
    row: list[object] = [
        "ab    ",
        "héllo",
        2**62,
        -(2**60),
        Decimal("-12.30"),
        Decimal("3.14159"),
        dt.date(1899, 12, 31),
        dt.datetime(2024, 2, 29, 23, 59, 59, 123450),
        dt.time(0, 0, 5),
        dt.date(2024, 1, 2),
        -dt.timedelta(days=12, seconds=5, microseconds=3000),
        IntervalYM(-3, -11),
        True,
    ]
    _, decoded = roundtrip(columns, row)
    assert decoded == tuple(row)
    assert str(decoded[4]) == "-12.30"


def test_boolean_travels_as_one_or_zero_in_an_envelope() -> None:
    """JDBC IfxBoolean.toIfxTuple: [0][int 1][1|0]; the peer's recorded 't'/'f' still decodes."""
    column = Column(b"bo", 41, 1, extended_id=5, extended_name=b"boolean")
    payload, _ = roundtrip([column], [False])
    assert payload.hex() == "00" + "00000001" + "00"
    payload, _ = roundtrip([column], [True])
    assert payload.hex() == "00" + "00000001" + "01"
    decode = row_decoder([column], "utf-8")
    assert decode(bytes.fromhex("00" + "00000001" + "74")) == (True,)
    assert decode(bytes.fromhex("00" + "00000001" + "66")) == (False,)


def test_lvarchar_beyond_64k_has_an_int_length_and_no_pad() -> None:
    column = Column(b"lv", 40, 2048, extended_id=1, extended_name=b"lvarchar")
    text = "x" * 70001
    payload, decoded = roundtrip([column, Column(b"i", 2)], [text, 9])
    assert payload[:5] == b"\x00" + (70001).to_bytes(4, "big")
    assert len(payload) == 5 + 70001 + 4
    assert decoded == (text, 9)


def test_datetime_with_a_zero_leading_field_decodes_by_its_exponent() -> None:
    column = Column(b"t", 10, datetime_qualifier(6, 10))
    decode = row_decoder([column], ENC)
    # normalised (leading zero pair dropped, exponent 2) and unnormalised (exponent 3) forms
    assert decode(bytes.fromhex("c2040500")) == (dt.time(0, 4, 5),)
    assert decode(bytes.fromhex("c3000405")) == (dt.time(0, 4, 5),)


def test_datetime_month_to_day_fills_the_year() -> None:
    column = Column(b"md", 10, datetime_qualifier(2, 4))
    decode = row_decoder([column], ENC)
    payload = row_encoder([column], ENC)([dt.date(2000, 2, 29)])
    assert decode(payload) == (dt.date(2000, 2, 29),)


def test_byte_text_descriptors_and_smart_lob_locators() -> None:
    descriptor = bytearray(56)
    descriptor[16:20] = (1234).to_bytes(4, "big")
    locator = bytes(range(72))
    columns = [
        Column(b"by", 11),
        Column(b"tx", 12),
        Column(b"bl", 41, 72, extended_id=10, extended_name=b"blob"),
        Column(b"cl", 41, 72, extended_id=11, extended_name=b"clob"),
    ]
    payload, decoded = roundtrip(
        columns, [bytes(descriptor), None, BlobLocator(locator), ClobLocator(locator)]
    )
    assert len(payload) == 56 + 56 + 77 + 77  # raw 72-byte locators in 5-byte envelopes
    by, tx, bl, cl = decoded
    assert isinstance(by, BlobDescriptor)
    assert by.size == 1234
    assert tx is None
    assert bl == BlobLocator(locator)
    assert cl == ClobLocator(locator)
    assert type(cl) is ClobLocator


def test_rows_and_collections_become_python_values() -> None:
    columns = [
        Column(b"r", 22, 0, extended_name=b"row(a integer, b varchar(10), c decimal(5,2))"),
        Column(b"s", 19, 0, extended_name=b"set(integer not null)"),
        Column(b"l", 21, 0, extended_name=b"list(row(x date, y boolean) not null)"),
        Column(b"m", 20, 0, extended_name=b"multiset(lvarchar not null)"),
    ]
    r = RowValue([1, "it's", Decimal("2.50")], ["a", "b", "c"])
    s = frozenset({3, 1, 2})
    lst = [RowValue([dt.date(2024, 1, 2), True], ["x", "y"])]
    m = CollectionValue("MULTISET", ("a", "a"))
    payload, decoded = roundtrip(columns, [r, s, lst, m])
    assert decoded == (r, s, lst, m)
    assert decoded[0].b == "it's"
    assert decoded[0]["c"] == Decimal("2.50")
    assert decoded[2][0].y is True
    # the binary form JDBC reads: [i32 n] then a zero int (IfxComplex.fromIfx)
    assert payload[4:8] == b"\0\0\0\0"
    _, nulls = roundtrip(columns, [None] * 4)
    assert nulls == (None,) * 4


def test_recorded_composite_text_decodes_without_type_names() -> None:
    """The text envelope the peer driver recorded (sqli-facts §2.8) still reads."""
    columns = [Column(b"r", 22, 100), Column(b"m", 20, 100), Column(b"n", 19, 0), Column(b"i", 2)]
    text_row = b"ROW(1,'a b',NULL,2.5,SET{1})"
    text_set = b"MULTISET{'x','x'}"
    payload = b"".join(b"\x00" + len(t).to_bytes(4, "big") + t for t in (text_row, text_set))
    payload += b"\x01\x00\x00\x00\x00" + (7).to_bytes(4, "big")  # a NULL set, then an INT
    row, multiset, null, seven = row_decoder(columns, ENC)(payload)
    assert row == (1, "a b", None, Decimal("2.5"), frozenset({1}))
    assert multiset == CollectionValue("MULTISET", ("x", "x"))
    assert (null, seven) == (None, 7)


def test_composite_text_is_typed_by_the_extended_name() -> None:
    columns = [Column(b"s", 19, 0, extended_name=b"set(decimal(5,2) not null)")]
    text = b"SET{1.5,2}"
    (value,) = row_decoder(columns, ENC)(b"\x00" + len(text).to_bytes(4, "big") + text)
    assert value == frozenset({Decimal("1.5"), Decimal("2")})


@pytest.mark.parametrize("cut", [1, 3])
def test_short_or_long_payloads_are_protocol_errors(cut: int) -> None:
    for columns in ([Column(b"a", 2)] * 5, [Column(b"a", 2), Column(b"v", 13, 20)]):
        payload = row_encoder(columns, ENC)([1] * 4 + [2] if len(columns) == 5 else [1, "ab"])
        decode = row_decoder(columns, ENC)
        with pytest.raises((ProtocolError, DataError)):
            decode(payload[:-cut])
        with pytest.raises(ProtocolError):
            decode(payload + b"\0" * cut)


def test_malformed_values_are_data_errors() -> None:
    decode = row_decoder([Column(b"d", 5, 0x0502)], ENC)
    with pytest.raises(DataError):
        decode(bytes.fromhex("c1ff00000000"[:8]))
    with pytest.raises(DataError):
        row_decoder([Column(b"d", 7)], ENC)(bytes.fromhex("7fffffff"))
    with pytest.raises(DataError):
        row_decoder([Column(b"v", 13, 10)], ENC)(b"\x01\xff") if False else row_decoder(
            [Column(b"v", 13, 10)], "utf-8"
        )(b"\x02\xff\xfe")
