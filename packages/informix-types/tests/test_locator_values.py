"""BLOB/CLOB locators in tuples and parameters: the raw 72-byte form JDBC reads and binds
(``IfxSmBlob.fromIfx`` / ``toIfx``), the hex form the peer recorded from IDS, and bad lengths."""

from __future__ import annotations

import pytest

from informix_types import BlobLocator, ClobLocator, bind_value, decode_typed, row_decoder
from informix_types.lobs import locator, locator_data
from informix_wire import DataError
from informix_wire.messages import Column

ENC = "utf-8"
RAW = bytes(range(1, 73))
BLOB_COLUMN = Column(b"b", 41, 72, extended_id=10, extended_name=b"blob")


def test_tuple_envelope_with_the_raw_locator_decodes() -> None:
    payload = b"\x00" + (72).to_bytes(4, "big") + RAW
    assert row_decoder([BLOB_COLUMN], ENC)(payload) == (BlobLocator(RAW),)


def test_tuple_envelope_with_the_hex_form_decodes_too() -> None:
    payload = b"\x00" + (144).to_bytes(4, "big") + RAW.hex().upper().encode()
    assert row_decoder([BLOB_COLUMN], ENC)(payload) == (BlobLocator(RAW),)


@pytest.mark.parametrize("body", [b"", RAW[:71], RAW + b"\x00", b"zz" * 72])
def test_bodies_that_are_no_locator_are_data_errors(body: bytes) -> None:
    with pytest.raises(DataError):
        locator(body, clob=False)


def test_locator_data_takes_locators_and_their_bytes_only() -> None:
    assert locator_data(ClobLocator(RAW)) == RAW
    assert locator_data(bytearray(RAW)) == RAW
    with pytest.raises(DataError):
        locator_data(b"short")
    with pytest.raises(DataError):
        locator_data("text")


@pytest.mark.parametrize(
    ("value", "name"), [(BlobLocator(RAW), b"blob"), (ClobLocator(RAW), b"clob")]
)
def test_a_locator_binds_as_jdbc_binds_its_smart_lob(value: BlobLocator, name: bytes) -> None:
    typed = bind_value(value, ENC)
    assert (typed.type, typed.precision, typed.owner, typed.type_name) == (
        44,
        72,
        b"informix",
        name,
    )
    assert typed.data == (72).to_bytes(4, "big") + RAW
    decoded = decode_typed(typed, ENC)
    assert decoded == value
    assert type(decoded) is type(value)
