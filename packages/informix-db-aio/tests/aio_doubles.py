"""A scripted asyncio transport and a connection over it, for the unit tests: the test decides
when each reply arrives, so cancellation can be made to land at any step."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from informix_db._core.config import make_params
from informix_db._core.session import Session
from informix_db_aio.connection import Connection
from informix_wire import messages as m
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import Capabilities
from informix_wire.errors import ConnectionLost

CAPS = Capabilities()
#: A reply that is SQ_EOT alone (the answer to a ping or a commit).
EOT = m.encode_pdu(CAPS, [])


def error_reply(sqlcode: int) -> bytes:
    """An SQ_ERR reply (SQ_ERR + SQ_EOT)."""
    return m.encode_pdu(CAPS, [m.SqlErrorInfo(sqlcode)])


class ScriptedTransport:
    """``AsyncTransport``'s members; replies are queued by the test with ``reply``."""

    def __init__(self, *, tls: bool = False) -> None:
        self.tls = tls
        self.sent: list[bytes] = []
        self.interrupts = 0
        self.closed = False
        self.on_interrupt: Callable[[], None] | None = None
        #: Set once something was sent (tests wait on it before cancelling).
        self.sent_event = asyncio.Event()
        #: While set, ``send`` waits in its drain (to cancel a task there).
        self.hold_drain: asyncio.Event | None = None
        self._replies: asyncio.Queue[bytes | None] = asyncio.Queue()

    def reply(self, data: bytes) -> None:
        self._replies.put_nowait(data)

    def hang_up(self) -> None:
        """The server goes away: the pending (or next) read fails."""
        self._replies.put_nowait(None)

    async def send(self, data: bytes) -> None:
        if self.closed:
            raise ConnectionLost("closed")
        self.sent.append(bytes(data))
        self.sent_event.set()
        if self.hold_drain is not None:
            await self.hold_drain.wait()

    async def recv_into(self, buffer: ReadBuffer) -> int:
        if self.closed:
            raise ConnectionLost("closed")
        chunk = await self._replies.get()
        if chunk is None:
            self.closed = True
            raise ConnectionLost("the server closed the connection")
        buffer.feed(chunk)
        return len(chunk)

    def send_interrupt(self) -> None:
        self.interrupts += 1
        if self.on_interrupt is not None:
            self.on_interrupt()

    def close(self) -> None:
        self.closed = True

    async def wait_closed(self) -> None:
        return None


def connection(
    transport: ScriptedTransport, *, read_timeout: float | None = 5.0, logged: bool = False
) -> Connection:
    """A logged-in connection over ``transport`` (the login itself is not replayed)."""
    params = make_params(host="db", user="u", server="ol", read_timeout=read_timeout)
    session = Session(params)
    session.logged = logged
    return Connection(params, session, transport)  # type: ignore[arg-type]
