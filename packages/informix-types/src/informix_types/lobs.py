"""BYTE/TEXT descriptors and BLOB/CLOB locators as they sit in a tuple.

- BYTE 11 / TEXT 12: a 56-byte descriptor in the row; byte 39 is 1 for NULL, the content size is
  the int at bytes 16..20 (sqli-facts §2.8; JDBC ``IfxBlob``). The driver fetches the content with
  SQ_FETCHBLOB while the cursor is open. A bound BYTE/TEXT sends such a descriptor and streams the
  content after the parameters (SQ_BBIND/SQ_BLOB, done by the driver).
- BLOB/CLOB (UDTFIXED 41, extended id 10/11): the UDT envelope holding the 72-byte smart-LOB
  locator. JDBC reads the envelope's body as the raw locator (``IfxSmBlob.fromIfx`` keeps the
  first 72 bytes as its ``IfxLocator``) and binds it the same way (``IfxSmBlob.toIfx``: ``[int
  72][72 bytes]``), so that is what we write. The peer driver recorded IDS 12.10..15 sending its
  own client the locator as 144 hexadecimal characters instead (sqli-facts §2.8, §3); we read
  that form too (either letter case).
"""

from __future__ import annotations

import binascii

from informix_types.values import BlobDescriptor, BlobLocator, ClobLocator
from informix_wire.errors import DataError
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TypeCode

DESCRIPTOR_SIZE = 56
NULL_FLAG_OFFSET = 39
SIZE_OFFSET = 16
LOCATOR_SIZE = 72
#: The owner JDBC names in a BLOB/CLOB parameter (the column's, from SQ_IDESCRIBE).
_LOB_OWNER = b"informix"


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


def locator(body: bytes | bytearray | memoryview, clob: bool) -> BlobLocator:
    """The locator an envelope body holds: 72 raw bytes, or their 144-character hex form."""
    raw = bytes(body)
    if len(raw) == 2 * LOCATOR_SIZE:
        try:
            raw = binascii.unhexlify(raw)
        except (binascii.Error, ValueError) as exc:
            raise DataError(f"smart-LOB locator is not hexadecimal text: {exc}") from None
    if len(raw) != LOCATOR_SIZE:
        raise DataError(f"smart-LOB locator of {len(raw)} bytes, expected {LOCATOR_SIZE}")
    return ClobLocator(raw) if clob else BlobLocator(raw)


def locator_data(value: object) -> bytes:
    """The 72 bytes a BLOB/CLOB column carries for ``value`` (a locator, or its raw bytes)."""
    data = value.data if isinstance(value, BlobLocator) else value
    if not isinstance(data, bytes | bytearray) or len(data) != LOCATOR_SIZE:
        raise DataError(f"a BLOB/CLOB column takes a locator, not {type(value).__name__}")
    return bytes(data)


def bind_locator(value: BlobLocator) -> TypedValue:
    """A locator as a BLOB/CLOB parameter, the way JDBC binds its ``IfxSmBlob``: type SENDRECV
    (44, the ``ifxRealType`` ``IfxValue`` gives extended ids 10 and 11), owner and name of the
    type, the column length 72 as precision, data ``[int 72][locator]`` (``IfxSqli.sendBind``,
    ``IfxBaseType.toIfx``)."""
    name = b"clob" if isinstance(value, ClobLocator) else b"blob"
    data = LOCATOR_SIZE.to_bytes(4, "big") + locator_data(value)
    return TypedValue(TypeCode.SENDRECV, data, LOCATOR_SIZE, _LOB_OWNER, name)
