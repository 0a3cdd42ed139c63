"""BYTE and TEXT values, client side: streaming bound contents after SQ_BIND and fetching the
contents behind the descriptors of fetched rows.

- Bind (JDBC 4.50.10.1 ``IfxSqli.sendBind`` then ``sendBlob`` / ``sendStreamBlob``; sqli-facts
  §2.8): the SQ_BIND carries a 56-byte descriptor per BYTE/TEXT value; right after it, in the same
  PDU, SQ_BBIND ``[short n]`` and each non-NULL value's content as SQ_BLOB chunks of at most 1024
  bytes (JDBC's size), each value ended by a zero-length SQ_BLOB.
- Fetch (``IfxSqli.sendFetchBlob`` / ``receiveBlob``; sqli-facts §2.8): a row holds only the
  descriptor; ``SQ_FETCHBLOB(descriptor)`` while the cursor is still open brings the content as
  SQ_BLOB chunks ending in a zero-length one. The requests for one batch of rows go out in one
  write and their replies are read in order, so a batch costs one round trip whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from informix_db._core.results import Reply
from informix_db._core.wire import Op, Wire
from informix_types import BlobDescriptor, BlobTypedValue
from informix_wire import messages as m
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TypeCode

#: SQ_BLOB chunk JDBC's sendStreamBlob writes.
BIND_CHUNK = 1024
#: SQ_BLOB chunks encoded per piece of a streamed request.
PIECE_CHUNKS = 256
#: SQ_FETCHBLOB requests sent in one write (each reply is read before the next write).
FETCH_WINDOW = 64
_BLOB_TYPES = (TypeCode.BYTE, TypeCode.TEXT)


def request(
    wire: Wire, head: list[Any], values: Sequence[TypedValue], tail: list[Any]
) -> Iterator[bytes]:
    """One request PDU as pieces: ``head`` (ending with the SQ_BIND), the BYTE/TEXT contents as
    SQ_BBIND + SQ_BLOB chunks a group at a time (no copy of a whole value), then ``tail`` and
    SQ_EOT."""
    blobs = [v for v in values if v.type in _BLOB_TYPES]
    if not blobs:
        yield wire.encode([*head, *tail])
        return
    caps = wire.caps
    yield m.encode_pdu(caps, [*head, m.BlobBind(len(blobs))], eot=False)
    for value in blobs:
        if value.data is None:
            continue
        content = value.content if isinstance(value, BlobTypedValue) else b""
        view = memoryview(content)
        group = BIND_CHUNK * PIECE_CHUNKS
        for start in range(0, len(content), group):
            chunks = [
                m.Blob(bytes(view[i : i + BIND_CHUNK]))
                for i in range(start, min(start + group, len(content)), BIND_CHUNK)
            ]
            yield m.encode_pdu(caps, chunks, eot=False)
        yield m.encode_pdu(caps, [m.Blob(b"")], eot=False)
    yield wire.encode(tail)


def blob_stream(values: Sequence[TypedValue]) -> list[Any]:
    """SQ_BBIND and the SQ_BLOB chunks of the BYTE/TEXT values among ``values`` (none when
    there are none)."""
    blobs = [v for v in values if v.type in _BLOB_TYPES]
    if not blobs:
        return []
    messages: list[Any] = [m.BlobBind(len(blobs))]
    for value in blobs:
        if value.data is None:
            continue
        content = value.content if isinstance(value, BlobTypedValue) else b""
        view = memoryview(content)
        messages.extend(
            m.Blob(bytes(view[i : i + BIND_CHUNK])) for i in range(0, len(content), BIND_CHUNK)
        )
        messages.append(m.Blob(b""))
    return messages


def blob_columns(columns: Sequence[Any]) -> list[int]:
    """Indexes of the BYTE/TEXT columns of a DESCRIBE."""
    return [i for i, c in enumerate(columns) if c.type & 0xFF in _BLOB_TYPES]


def _descriptors(rows: Sequence[tuple[Any, ...]], columns: list[int]) -> Iterator[BlobDescriptor]:
    for row in rows:
        for i in columns:
            value = row[i]
            if isinstance(value, BlobDescriptor):
                yield value


def resolve(wire: Wire, rows: list[tuple[Any, ...]], columns: list[int]) -> Op[None]:
    """Replace the descriptors in ``rows`` (in place) by their contents: bytes for BYTE, str for
    TEXT. Call it while the cursor is open."""
    pending = list(_descriptors(rows, columns))
    contents: dict[int, bytes | str] = {}
    for start in range(0, len(pending), FETCH_WINDOW):
        window = pending[start : start + FETCH_WINDOW]
        yield from wire.send(*(wire.encode([m.FetchBlob(d.data)]) for d in window))
        replies = []
        for _ in window:
            replies.append((yield from wire.read_reply(Reply(blob=True))))
        for descriptor, reply in zip(window, replies, strict=True):
            reply.raise_error(wire.encoding)
            data = bytes(reply.blob or b"")
            contents[id(descriptor)] = (
                data.decode(wire.encoding, "replace") if descriptor.text else data
            )
    if not contents:
        return
    for n, row in enumerate(rows):
        if any(id(row[i]) in contents for i in columns if isinstance(row[i], BlobDescriptor)):
            rows[n] = tuple(
                contents[id(v)] if i in columns and isinstance(v, BlobDescriptor) else v
                for i, v in enumerate(row)
            )
