"""The connection-scoped read-ahead buffer that messages are parsed from in place.

A transport ``feed``s whatever ``recv`` returned; the protocol code parses whole messages from the
unconsumed bytes and ``consume``s them. A parse that runs out of bytes raises
:class:`~informix_wire.codec.Incomplete`; nothing was consumed, so the caller feeds more and parses
the message again from its start (``parse`` does exactly that and returns None).

The buffer is one ``bytearray``. ``consume`` only moves ``start``; the consumed prefix is dropped
(one ``memmove``) by the next ``feed``, and only once it passes ``compact_at`` bytes or is
everything, so a 64 KiB ``recv`` followed by many small messages costs no copy per message. Offsets
into ``data`` (a TUPLE's payload position) therefore stay valid until the next ``feed``. No
memoryview of the bytearray is handed out, so growing it is always allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Buffer, Incomplete, Reader
from informix_wire.errors import ProtocolError

#: Drop the consumed prefix once it is at least this long.
COMPACT_AT = 64 * 1024
#: Refuse to hold more unconsumed bytes than this: a single message larger than that is hostile.
DEFAULT_LIMIT = 256 * 1024 * 1024

_T = TypeVar("_T")


class ReadBuffer:
    """Bytes received but not yet consumed; ``start`` is where the next message begins."""

    __slots__ = ("compact_at", "data", "limit", "start")

    def __init__(self, *, limit: int = DEFAULT_LIMIT, compact_at: int = COMPACT_AT) -> None:
        self.data = bytearray()
        self.start = 0
        self.limit = limit
        self.compact_at = compact_at

    def __len__(self) -> int:
        """Unconsumed bytes."""
        return len(self.data) - self.start

    def feed(self, chunk: Buffer) -> None:
        """Append received bytes (compacting first); a backlog over ``limit`` is a ProtocolError."""
        start = self.start
        if len(self.data) - start + len(chunk) > self.limit:
            raise ProtocolError(
                f"read buffer limit of {self.limit} bytes exceeded: the peer sent a message that "
                "is too large or never ends"
            )
        if start:
            if start == len(self.data):
                self.data.clear()
                self.start = 0
            elif start >= self.compact_at:
                del self.data[:start]
                self.start = 0
        self.data += chunk

    def reader(self) -> Reader:
        """A Reader at the first unconsumed byte; parse whole messages, then
        ``consume(reader.pos)``."""
        return Reader(self.data, self.start)

    def consume(self, pos: int) -> None:
        """Mark everything before absolute offset ``pos`` (a reader's ``pos``) as parsed."""
        if not self.start <= pos <= len(self.data):
            raise ValueError(
                f"consume({pos}) outside the buffered range {self.start}..{len(self.data)}"
            )
        self.start = pos

    def parse(self, read: Callable[[Reader, Capabilities], _T], caps: Capabilities) -> _T | None:
        """One message read by ``read`` (e.g. ``read_reply_message``) and consumed, or None when the
        buffer ends inside it (feed more and call again)."""
        r = Reader(self.data, self.start)
        try:
            message = read(r, caps)
        except Incomplete:
            return None
        self.start = r.pos
        return message

    def take(self, n: int) -> bytes:
        """Remove and return the next ``n`` bytes (for raw, unframed reads such as the login
        reply)."""
        if n > len(self):
            raise ValueError(f"take({n}) with only {len(self)} bytes buffered")
        value = bytes(self.data[self.start : self.start + n])
        self.start += n
        return value
