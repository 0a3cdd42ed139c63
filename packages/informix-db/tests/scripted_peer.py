"""A scripted server for the core's unit tests: each client write is answered by the next
scripted reply, built with ``informix_wire.messages`` as a server encodes them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from informix_types import row_encoder
from informix_wire import messages as m
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import IDS15_REPLY, Capabilities
from informix_wire.codec import Reader
from informix_wire.errors import ConnectionLost
from informix_wire.messages.describe import Column
from informix_wire.typecodes import TypeCode

CAPS = Capabilities(IDS15_REPLY)


def reply(*messages: Any, caps: Capabilities = CAPS) -> bytes:
    """One reply: messages then SQ_EOT."""
    return m.encode_pdu(caps, messages)


def columns() -> list[Column]:
    """n INT NOT NULL, label VARCHAR(20)."""
    return [
        Column(b"n", TypeCode.INT | 0x100, 4, 0),
        Column(b"label", TypeCode.VARCHAR, 20, 4),
    ]


def describe(statement_id: int = 0, cols: Sequence[Column] | None = None, kind: int = 2) -> Any:
    cols = columns() if cols is None else list(cols)
    return m.Describe(kind, statement_id, 0, 25, cols)


def tuples(rows: Iterable[tuple[Any, ...]], cols: Sequence[Column] | None = None) -> list[Any]:
    encode = row_encoder(columns() if cols is None else list(cols), "utf-8")
    return [m.Tuple(encode(row)) for row in rows]


class ScriptedPeer:
    """A transport whose server answers each write with the next scripted reply; it records
    what the client sent, decoded."""

    def __init__(self, replies: Iterable[bytes]) -> None:
        self.replies = list(replies)
        self.outgoing = bytearray()
        self.writes: list[bytes] = []

    def send(self, data: bytes) -> None:
        self.writes.append(bytes(data))
        if not self.replies:
            raise AssertionError(f"unexpected write {bytes(data).hex()}")
        self.outgoing += self.replies.pop(0)

    def recv_into(self, buffer: ReadBuffer) -> int:
        if not self.outgoing:
            raise ConnectionLost("the scripted peer has nothing more to say")
        chunk = bytes(self.outgoing[:7])  # small chunks: every parse must survive a split
        del self.outgoing[:7]
        buffer.feed(chunk)
        return len(chunk)

    def requests(self, index: int, caps: Capabilities = CAPS) -> list[list[Any]]:
        """The PDUs of write ``index``, decoded as a server would."""
        data = self.writes[index]
        r = Reader(data)
        pdus = []
        while r.remaining:
            pdus.append(m.read_request_pdu(r, caps))
        return pdus
