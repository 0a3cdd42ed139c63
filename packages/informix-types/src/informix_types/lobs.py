"""BYTE/TEXT descriptors and BLOB/CLOB locators as they sit in a tuple.

- BYTE 11 / TEXT 12: a 56-byte descriptor in the row; byte 39 is 1 for NULL, the content size is
  the int at bytes 16..20 (sqli-facts §2.8; JDBC ``IfxBlob``). The driver fetches the content with
  SQ_FETCHBLOB while the cursor is open. A bound BYTE/TEXT sends such a descriptor and streams the
  content after the parameters (SQ_BBIND/SQ_BLOB, done by the driver).
- BLOB/CLOB (UDTFIXED 41, extended id 10/11): the UDT envelope holding the 72-byte locator as 144
  hexadecimal characters (149 bytes with the envelope, although ``encoded_length`` says 72),
  recorded from IDS 12.10..15 (sqli-facts §2.8, §3). The letter case of the hex is not recorded;
  we write lower case and read either.
"""

from __future__ import annotations

import binascii

from informix_types.values import BlobDescriptor, BlobLocator, ClobLocator
from informix_wire.errors import DataError

DESCRIPTOR_SIZE = 56
NULL_FLAG_OFFSET = 39
SIZE_OFFSET = 16
LOCATOR_SIZE = 72


def descriptor(data: bytes, text: bool) -> BlobDescriptor | None:
    if len(data) != DESCRIPTOR_SIZE:
        raise DataError(f"BYTE/TEXT descriptor of {len(data)} bytes, expected {DESCRIPTOR_SIZE}")
    if data[NULL_FLAG_OFFSET] == 1:
        return None
    return BlobDescriptor(bytes(data), text)


def null_descriptor() -> bytes:
    data = bytearray(DESCRIPTOR_SIZE)
    data[NULL_FLAG_OFFSET] = 1
    return bytes(data)


def descriptor_for(size: int) -> bytes:
    """The descriptor a BYTE/TEXT bind carries: zero except the content size at 16..20
    (sqli-facts §2.8, the peer's bind; JDBC ``IfxBlob.toIfx`` fills the same slot)."""
    data = bytearray(DESCRIPTOR_SIZE)
    data[SIZE_OFFSET : SIZE_OFFSET + 4] = size.to_bytes(4, "big")
    return bytes(data)


def locator(text: bytes | memoryview, clob: bool) -> BlobLocator:
    try:
        raw = binascii.unhexlify(bytes(text))
    except (binascii.Error, ValueError) as exc:
        raise DataError(f"smart-LOB locator is not hexadecimal text: {exc}") from None
    return ClobLocator(raw) if clob else BlobLocator(raw)


def locator_text(value: object) -> bytes:
    if not isinstance(value, BlobLocator):
        raise DataError(f"a BLOB/CLOB column takes a locator, not {type(value).__name__}")
    return value.data.hex().encode("ascii")
