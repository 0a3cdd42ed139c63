"""Decoding captured SQLI traffic into one line per message, for ``python -m informix_wire``.

Each direction is a byte stream: the client's starts with the login request, the server's with
the login reply, then tagged messages (``messages.dispatch``). Capabilities are learned from the
server's SQ_PROTOCOLS reply, as JDBC learns them, and used for every later message both ways.

Captures come as raw streams or as a JDBC ``SQLIDEBUG`` trace. The latter's layout, from JDBC
4.50.10.1 ``com.informix.asf.SqliDbg`` (``SQLIDEBUG`` / ``SQLITRACEFILE`` connection property):
the 8-byte header ``"SQLI" 00 00 00 01``, then records ``[2 bytes "CS" (client to server) or
"SC"][int length][8-byte timestamp, a Java double of seconds][length bytes]``. JDBC clears the
trace after the login exchange (``Connection.sendConnectionRequest`` / ``recvConnectionResponse``
call ``clearC2S`` / ``clearS2C``), so such a trace starts at SQ_PROTOCOLS.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from informix_wire import login
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import Capabilities
from informix_wire.codec import Incomplete, Reader
from informix_wire.errors import Error, ProtocolError
from informix_wire.messages import blobs, replies
from informix_wire.messages.dispatch import read_reply_message, read_request_message
from informix_wire.tags import Tag

SQLIDEBUG_MAGIC = b"SQLI\x00\x00\x00\x01"
_RECORD = struct.Struct(">2sid")
_DIRECTIONS = {b"CS": "C", b"SC": "S"}
#: Longest rendering of one message; the rest is elided.
MAX_LINE = 300


@dataclass(frozen=True, slots=True)
class Chunk:
    """Bytes one side sent; ``time`` is the SQLIDEBUG timestamp (seconds) when there is one."""

    side: str  # "C" client to server, "S" server to client
    data: bytes
    time: float | None = None


def read_sqlidebug(data: bytes) -> list[Chunk]:
    """The records of a JDBC SQLIDEBUG trace; a damaged record is a ProtocolError naming its
    offset."""
    if not data.startswith(SQLIDEBUG_MAGIC):
        raise ProtocolError("not an SQLIDEBUG trace (no 'SQLI' 00 00 00 01 header)")
    chunks, pos = [], len(SQLIDEBUG_MAGIC)
    while pos < len(data):
        if pos + _RECORD.size > len(data):
            raise ProtocolError(f"SQLIDEBUG record header truncated at offset {pos}")
        kind, length, stamp = _RECORD.unpack_from(data, pos)
        side = _DIRECTIONS.get(kind)
        if side is None or length < 0 or pos + _RECORD.size + length > len(data):
            raise ProtocolError(f"damaged SQLIDEBUG record at offset {pos}")
        start = pos + _RECORD.size
        chunks.append(Chunk(side, data[start : start + length], stamp))
        pos = start + length
    return chunks


def _render(message: object) -> str:
    text = repr(message)
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


def _looks_like_login(data: bytes | bytearray, sl_types: tuple[int, ...]) -> bool:
    """An SL header: the SQLI 6.00 attribute byte after one of the login SL types."""
    return len(data) >= 4 and data[2] in sl_types and data[3] == login.SL_PROT_SQLI_0600


class _Stream:
    """One direction: buffered bytes, the stream offset of the buffer's start, and state."""

    def __init__(self, side: str, login_types: tuple[int, ...]) -> None:
        self.side = side
        self.login_types = login_types
        self.buffer = ReadBuffer()
        self.consumed = 0  # stream offset of buffer.start
        self.started = False
        self.expect_login = False
        self.broken = False
        self.file_read_total = False  # a request PDU holding SQ_FILE_READ data chunks


class ConversationDecoder:
    """Decodes both directions of one connection as bytes arrive, one line per message:
    ``<offset> <C|S> <message>``, the offset counting from the start of that direction."""

    def __init__(self, caps: Capabilities | None = None, *, login_first: bool | None = None):
        """``caps`` until the server's SQ_PROTOCOLS arrives (default: IDS 15's); ``login_first``
        forces whether the streams start with the login PDUs (default: detect it)."""
        self.caps = caps or Capabilities.ids15()
        self._login_first = login_first
        self._client = _Stream("C", (login.SLTYPE_CONREQ,))
        self._server = _Stream(
            "S", (login.SLTYPE_CONACC, login.SLTYPE_CONREJ, login.SLTYPE_REDIRECT)
        )

    def feed(self, chunk: Chunk) -> list[str]:
        stream = self._client if chunk.side == "C" else self._server
        if stream.broken:
            return []
        stream.buffer.feed(chunk.data)
        if not stream.started:
            if self._login_first is not None:
                stream.expect_login = self._login_first
            elif len(stream.buffer) < 4:
                return []  # too few bytes to tell a login PDU from a message yet
            else:
                head = stream.buffer.data[stream.buffer.start : stream.buffer.start + 4]
                stream.expect_login = _looks_like_login(head, stream.login_types)
            stream.started = True
        return list(self._drain(stream))

    def finish(self) -> list[str]:
        """Lines for bytes left over at the end of the capture (a truncated message)."""
        lines = []
        for stream in (self._client, self._server):
            if len(stream.buffer) and not stream.broken:
                lines.append(
                    f"{stream.consumed:08x} {stream.side} truncated: {len(stream.buffer)} bytes "
                    "left at the end of the capture"
                )
        return lines

    def _drain(self, stream: _Stream) -> Iterator[str]:
        while len(stream.buffer):
            at = stream.consumed
            try:
                text = self._next(stream)
            except Incomplete:
                return
            except Error as exc:
                stream.broken = True
                yield f"{at:08x} {stream.side} undecodable ({exc}); skipping the rest of this side"
                return
            yield f"{at:08x} {stream.side} {text}"

    def _next(self, stream: _Stream) -> str:
        """Decode and consume one unit (login PDU or message); Incomplete when more is needed."""
        buf = stream.buffer
        start = buf.start
        if stream.expect_login:
            head = buf.data[start : start + 2]
            size = (login.login_request_size if stream.side == "C" else login.login_reply_size)(
                head
            )
            if len(buf) < size:
                raise Incomplete("login PDU incomplete")
            pdu = buf.take(size)
            stream.consumed += size
            stream.expect_login = False
            return _render_login(stream.side, pdu)
        r = buf.reader()
        message = self._message(stream, r)
        stream.consumed += r.pos - start
        buf.consume(r.pos)
        return _render(message)

    def _message(self, stream: _Stream, r: Reader) -> object:
        if stream.side == "S":
            message: object = read_reply_message(r, self.caps)
            if isinstance(message, replies.Protocols):
                self.caps = Capabilities(message.mask)
            return message
        if stream.file_read_total and r.data[r.pos : r.pos + 2] == b"\x00\x6a":
            r.pos += 2
            return blobs.FileReadChunk.decode(r, self.caps)
        message = read_request_message(r, self.caps)
        if isinstance(message, blobs.FileReadTotal):
            stream.file_read_total = True
        elif isinstance(message, replies.Eot) or message.tag == Tag.EXIT:
            stream.file_read_total = False
        return message


def _render_login(side: str, pdu: bytes) -> str:
    if side == "C":
        return f"login request {login.parse_login_request(pdu)!r}"
    try:
        return f"login accepted {login.parse_login_reply(pdu)!r}"
    except login.LoginRedirected as exc:
        return f"login redirected: {exc.detail!r}"
    except ProtocolError:
        raise
    except Error as exc:
        return f"login refused: {exc}"


def decode_chunks(chunks: list[Chunk], caps: Capabilities | None = None) -> Iterator[str]:
    """Every line for a capture given as chunks in the order they were sent."""
    decoder = ConversationDecoder(caps)
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.finish()
