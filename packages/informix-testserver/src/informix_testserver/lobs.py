"""BYTE and TEXT values on the wire, server side: streamed parameters in, descriptors and
SQ_FETCHBLOB out.

- In (JDBC 4.50.10.1 ``IfxSqli.sendBind`` then ``sendBlob`` / ``sendStreamBlob``; sqli-facts
  §2.8): the SQ_BIND carries a 56-byte descriptor per BYTE/TEXT parameter; SQ_BBIND ``[short n]``
  follows, then each non-NULL value's content as SQ_BLOB chunks ending with a zero-length one.
  The content replaces the descriptor among the statement's parameters (bytes for BYTE, text for
  TEXT).
- Out: a tuple holds only a descriptor (``informix_types.lobs``: size at bytes 16..20, byte 39 =
  1 for NULL). The client asks for the content with SQ_FETCHBLOB(descriptor) while the cursor is
  open and reads SQ_BLOB chunks up to a zero-length one (``IfxSqli.sendFetchBlob`` /
  ``receiveBlob``). This server keeps each value it described in a per-session table and writes
  the table key into bytes 0..4 of the descriptor, which the client sends back unchanged.
"""

from __future__ import annotations

import collections
import struct
from collections.abc import Callable, Sequence
from typing import Any

from informix_testserver import smartlob, sqfile
from informix_types import BlobDescriptor
from informix_types.lobs import DESCRIPTOR_SIZE, descriptor_for
from informix_wire import messages as m
from informix_wire.codec import Writer
from informix_wire.errors import ProtocolError
from informix_wire.messages.describe import Column

#: SQ_BLOB chunk size the server sends (the short length allows up to 32 KiB; 4 KiB is the size
#: IDS uses for its SQ_FILE write chunks, sqli-facts §2.9).
CHUNK = 4096
#: Values described that a session keeps for SQ_FETCHBLOB (oldest dropped first; a batch of
#: rows describes all its values before the client asks for any).
MAX_KEPT = 65536
#: -608 "Illegal attempt to convert Text/Byte blob type" (finderr): a descriptor this session
#: never handed out.
_BAD_BLOB = -608
_KEY = struct.Struct(">I")
_RANGE = struct.Struct(">ii")
_BYTE, _TEXT = 11, 12


class BlobFailure(Exception):
    """An SQ_FETCHBLOB the session answers with SQ_ERR (duck-typed like the engine's errors)."""

    def __init__(self, sqlcode: int) -> None:
        super().__init__(sqlcode)
        self.sqlcode = sqlcode


class BlobState:
    """One session's streamed parameters in progress and values awaiting SQ_FETCHBLOB."""

    def __init__(self) -> None:
        self.kept: collections.OrderedDict[int, bytes] = collections.OrderedDict()
        self.next_key = 1
        #: Parameter list and indexes still to receive content for (an SQ_BBIND in progress).
        self.params: list[object] | None = None
        self.waiting: collections.deque[int] = collections.deque()
        self.content = bytearray()
        #: Client-file work (``sqfile``) of prepared statements, by ``id(prepared)``.
        self.plans: dict[int, tuple[Any, sqfile.LobPlan]] = {}

    def keep(self, content: bytes) -> bytes:
        """A descriptor naming ``content`` for a later SQ_FETCHBLOB."""
        key = self.next_key
        self.next_key = key % 0xFFFFFFFF + 1
        self.kept[key] = content
        while len(self.kept) > MAX_KEPT:
            self.kept.popitem(last=False)
        data = bytearray(descriptor_for(len(content)))
        data[0:4] = _KEY.pack(key)
        # JDBC sizes its buffer from bytes 8..16, tb_start and tb_end (IfxBlob.fromIfx and
        # getBlobLength: tb_end - tb_start + 1), so they frame the content as 1..size.
        data[8:16] = _RANGE.pack(1, len(content))
        return bytes(data)


def blob_columns(columns: Sequence[Column]) -> list[int]:
    return [i for i, c in enumerate(columns) if c.type & 0xFF in (_BYTE, _TEXT)]


def wrap_row_encoder(
    session: Any,
    columns: Sequence[Column],
    encode: Callable[[Any], bytes],
    files: dict[int, str] | None = None,
) -> Callable[[Any], bytes]:
    """The statement's row encoder, with BYTE/TEXT contents swapped for descriptors and
    lotofile columns (``files``: index -> client file name) written to the client first."""
    indexes = blob_columns(columns)
    to_files = files or {}
    if not indexes and not to_files:
        return encode
    state: BlobState = session.blobs

    def encode_row(row: Any) -> bytes:
        values = list(row)
        for i, name in to_files.items():
            value = values[i]
            if value is not None:
                values[i] = sqfile.write_client_file(session, name, _content(session, value))
        for i in indexes:
            value = values[i]
            if value is None:
                continue
            if isinstance(value, str):
                value = value.encode(session.encoding)
            values[i] = state.keep(bytes(value))
        return encode(tuple(values))

    return encode_row


def _content(session: Any, value: Any) -> bytes:
    """What lotofile writes for a column value: a smart LOB's content, else the value itself."""
    if isinstance(value, bytes | bytearray) and smartlob.locator_id(bytes(value)) is not None:
        return smartlob.content(session, bytes(value))
    return value.encode(session.encoding) if isinstance(value, str) else bytes(value)


# -- session hooks ------------------------------------------------------------------------------


def on_blob_bind(session: Any, msg: m.BlobBind, out: Writer) -> None:
    """SQ_BBIND after SQ_BIND: the non-NULL BYTE/TEXT parameters' contents follow in order."""
    state: BlobState = session.blobs
    params = session._stmt().params
    state.params = params
    state.waiting = collections.deque(
        i for i, p in enumerate(params) if isinstance(p, BlobDescriptor)
    )
    state.content = bytearray()


def on_blob(session: Any, msg: m.Blob, out: Writer) -> None:
    """One SQ_BLOB chunk of a streamed parameter; a zero-length one ends the value."""
    state: BlobState = session.blobs
    if state.params is None or not state.waiting:
        raise ProtocolError("SQ_BLOB without a BYTE/TEXT parameter waiting for content")
    if msg.data:
        state.content += msg.data
        return
    index = state.waiting.popleft()
    param = state.params[index]
    content = bytes(state.content)
    state.content = bytearray()
    if isinstance(param, BlobDescriptor) and param.text:
        state.params[index] = content.decode(session.encoding, "replace")
    else:
        state.params[index] = content
    if not state.waiting:
        state.params = None


def on_fetch_blob(session: Any, msg: m.FetchBlob, out: Writer) -> None:
    """SQ_FETCHBLOB: the content as SQ_BLOB chunks, then a zero-length SQ_BLOB."""
    state: BlobState = session.blobs
    if len(msg.descriptor) != DESCRIPTOR_SIZE:
        raise BlobFailure(_BAD_BLOB)
    content = state.kept.get(_KEY.unpack_from(msg.descriptor)[0])
    if content is None:
        raise BlobFailure(_BAD_BLOB)
    view = memoryview(content)
    for start in range(0, len(content), CHUNK):
        m.Blob(bytes(view[start : start + CHUNK])).encode(out, session.caps)
    m.Blob(b"").encode(out, session.caps)
