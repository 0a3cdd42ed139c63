"""The sans-I/O heart of a connection: one read buffer, the negotiated capabilities, and the
generator protocol every operation of the core speaks.

An operation is a generator that yields ``bytes`` (send these, all of it, in one write) or
``None`` (receive more bytes into :attr:`Wire.buffer`), and returns its result. ``waiting.wait``
drives one over a blocking socket; ``informix_db_aio`` drives the same generators over asyncio.

Replies are read message by message from the buffer and handled at once (a TUPLE is decoded into
a row before the next ``recv``: its zero-copy payload is only valid until the buffer is fed
again). A reply ends with SQ_EOT; an SQ_ERR inside it is kept and raised only after the EOT, so
the stream is always in step when a server error reaches the caller. ``Wire.pending`` counts the
replies still owed; a failure while it is non-zero leaves the connection out of step, and the
driver then closes it as broken.
"""

from __future__ import annotations

import collections
import struct
import threading
from collections.abc import Callable, Generator, Iterable, Sequence
from typing import Any, TypeVar

from informix_db._core.results import Reply
from informix_wire import messages as m
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import Capabilities
from informix_wire.codec import Incomplete
from informix_wire.errors import ProtocolError
from informix_wire.messages.dispatch import read_reply_message
from informix_wire.messages.replies import TUPLE_MESSAGE_HEAD_LONG, TUPLE_MESSAGE_HEAD_SHORT

T = TypeVar("T")
#: What an operation yields: bytes to send, or None to ask for more input.
Step = bytes | None
Op = Generator[Step, None, T]

#: Row decoder: one TUPLE payload to a Python tuple (informix_types.row_decoder).
RowDecoder = Callable[[bytes | bytearray | memoryview], tuple[Any, ...]]


def _tuple_head(caps: Capabilities) -> struct.Struct:
    """The SQ_TUPLE message head for these capabilities (its size is an int under USVER)."""
    return TUPLE_MESSAGE_HEAD_LONG if caps.usver else TUPLE_MESSAGE_HEAD_SHORT


class Wire:
    """Per-connection protocol state shared by every statement of the connection."""

    __slots__ = ("_cleanup", "_cleanup_lock", "buffer", "caps", "encoding", "pending")

    def __init__(self, encoding: str = "utf-8", caps: Capabilities | None = None) -> None:
        self.buffer = ReadBuffer()
        #: JDBC's presets until SQ_PROTOCOLS answers (IfxSqliConnect).
        self.caps = caps if caps is not None else Capabilities()
        self.encoding = encoding
        #: Replies owed by the server for requests already sent.
        self.pending = 0
        self._cleanup: collections.deque[bytes] = collections.deque()
        self._cleanup_lock = threading.Lock()

    @property
    def in_step(self) -> bool:
        """No reply is owed: the next bytes the server sends answer the next request."""
        return self.pending == 0

    # -- requests ----------------------------------------------------------------------------

    def encode(self, messages: Iterable[m.Message]) -> bytes:
        """One request PDU (messages + SQ_EOT)."""
        return m.encode_pdu(self.caps, messages)

    def defer(self, messages: Iterable[m.Message]) -> None:
        """Queue a PDU (CLOSE/RELEASE of a finished or dropped statement) to go out with the next
        request. Safe from any thread and from finalizers: it takes no wire lock."""
        self.defer_pdu(self.encode(messages))

    def defer_pdu(self, pdu: bytes) -> None:
        """Queue an encoded PDU like ``defer``."""
        with self._cleanup_lock:
            self._cleanup.append(pdu)

    def _take_deferred(self) -> list[bytes]:
        with self._cleanup_lock:
            pdus = list(self._cleanup)
            self._cleanup.clear()
        return pdus

    def send(self, *pdus: bytes) -> Op[None]:
        """Send deferred cleanup PDUs and ``pdus`` in one write, then read (and ignore, apart from
        their errors being dropped) the cleanup replies; the caller reads one reply per PDU."""
        deferred = self._take_deferred()
        self.pending += len(deferred) + len(pdus)
        yield b"".join((*deferred, *pdus))
        for _ in deferred:
            yield from self.read_reply(Reply())

    def send_stream(
        self, before: Sequence[bytes], pieces: Iterable[bytes], after: Sequence[bytes]
    ) -> Op[None]:
        """Like ``send(*before, pdu, *after)`` for a PDU given as ``pieces`` (a streamed large
        value): each piece goes out as it is made, so the PDU is never whole in memory."""
        deferred = self._take_deferred()
        self.pending += len(deferred) + len(before) + 1 + len(after)
        pieces = iter(pieces)
        yield b"".join((*deferred, *before, next(pieces)))
        yield from pieces
        if after:
            yield b"".join(after)
        for _ in deferred:
            yield from self.read_reply(Reply())

    def request(self, messages: Iterable[m.Message], reply: Reply) -> Op[Reply]:
        """One round trip: send a PDU, read its reply into ``reply``, raise its SQ_ERR."""
        yield from self.send(self.encode(messages))
        yield from self.read_reply(reply)
        reply.raise_error(self.encoding)
        return reply

    # -- replies -----------------------------------------------------------------------------

    def read_reply(self, reply: Reply) -> Op[Reply]:
        """Read messages up to SQ_EOT into ``reply`` (rows decoded as they come).

        Runs of SQ_TUPLE go through ``Reply.add_tuple_run`` (one unpack per row, no message
        object); every other message, and any tuple the run leaves (cut by the end of the
        buffer, or malformed), through the general ``read_reply_message``. The buffer is consumed
        once per pass over it, not per message: its offsets stay valid until the next ``feed``,
        which only happens after a ``yield``.
        """
        buffer = self.buffer
        caps = self.caps
        rows_expected = reply.decode is not None
        while True:
            data = buffer.data
            r = buffer.reader()
            parsed = r.pos  # end of the last whole message handled
            head = _tuple_head(caps)
            turn = False
            try:
                while True:
                    if rows_expected:
                        parsed = r.pos = reply.add_tuple_run(data, parsed, r.end, head)
                    msg = read_reply_message(r, caps)
                    parsed = r.pos
                    if type(msg) is m.Tuple:
                        reply.add_tuple(msg)
                    elif type(msg) is m.Eot:
                        if reply.files is not None and reply.files.active:
                            turn = True  # SQ_FILE waits for the client's answer (sqfile)
                            break
                        buffer.consume(parsed)
                        self.pending -= 1
                        return reply
                    else:
                        reply.add(msg)
                        if type(msg) is m.Protocols:
                            caps = self.caps = Capabilities(msg.mask)
                            head = _tuple_head(caps)
            except Incomplete:
                buffer.consume(parsed)
                yield None
                continue
            buffer.consume(parsed)
            if turn and reply.files is not None:
                yield from reply.files.answer(caps)

    def read_exit(self) -> Op[None]:
        """The answer to SQ_EXIT: SQ_EXIT alone, or SQ_EOT, possibly after SQ_XACTSTAT records
        (sqli-facts §2.3 and part B §2)."""
        while True:
            msg = self.buffer.parse(read_reply_message, self.caps)
            if msg is None:
                yield None
            elif type(msg) in (m.Exit, m.Eot):
                self.pending -= 1
                return
            elif type(msg) is not m.XactStat:
                raise ProtocolError(f"unexpected {type(msg).__name__} in the answer to SQ_EXIT")
