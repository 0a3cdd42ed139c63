"""Drive a core operation over an asyncio transport: the async twin of ``informix_db.waiting``.

An operation (``informix_db._core.wire.Op``) yields bytes to send or None to read more; ``Drive``
awaits the transport for each step. Unlike the blocking waiter it can stop halfway, when the task
running it is cancelled, and carry on later from the same step: a connection whose task was
cancelled mid-reply finishes (drains) the operation in the background instead of leaving the
stream out of step. That works because each step is either done or not done when the
cancellation lands: ``AsyncTransport.send`` writes the whole PDU before its first ``await``
(only the drain is awaited), and a cancelled ``recv_into`` has consumed nothing.

Timeouts use ``informix_wire.aio_transport.within``, never ``asyncio.wait_for``: before Python
3.12 ``wait_for`` returns the inner result when it finishes in the same loop turn as the caller's
cancellation, so the cancellation is lost (CPython gh-86296).
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from informix_db._core.wire import Op, Step
from informix_wire.buffer import ReadBuffer

T = TypeVar("T")


class AsyncTransportLike(Protocol):
    """What ``informix_wire.aio_transport.open_tcp`` returns (and what tests fake)."""

    async def send(self, data: bytes) -> None: ...

    async def recv_into(self, buffer: ReadBuffer) -> int: ...


class _Resume:
    """The step marker meaning "ask the operation for its next step"."""


_RESUME = _Resume()


class Drive(Generic[T]):
    """One operation in progress over one transport; ``run`` may be awaited again after it was
    cancelled and goes on where it stopped."""

    __slots__ = ("_buffer", "_next", "_op", "_transport")

    def __init__(self, op: Op[T], transport: AsyncTransportLike, buffer: ReadBuffer) -> None:
        self._op = op
        self._transport = transport
        self._buffer = buffer
        self._next: Step | _Resume = _RESUME

    async def run(self) -> T:
        """Run the operation to its end and return its result (or raise its error)."""
        op = self._op
        transport = self._transport
        try:
            while True:
                step = self._next
                if step is None:
                    await transport.recv_into(self._buffer)
                elif isinstance(step, bytes):
                    # The write happens before send's first await: from here on the PDU is out,
                    # even if the drain is cancelled, so it must never be sent twice.
                    self._next = _RESUME
                    await transport.send(step)
                self._next = op.send(None)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    def abandon(self) -> None:
        """Stop the operation for good (its ``finally`` blocks run); no I/O."""
        self._op.close()
