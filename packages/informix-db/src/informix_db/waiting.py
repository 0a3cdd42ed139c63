"""Drive a core operation over a blocking transport: send what it yields, receive when it asks.

The asyncio driver has its own waiter with the same loop over ``await`` calls. Timeouts are the
transport's: each ``recv`` and ``send`` is bounded by the connection's read / write timeout.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from informix_db._core.wire import Op
from informix_wire.buffer import ReadBuffer

T = TypeVar("T")


class BlockingTransport(Protocol):
    """What ``informix_wire.transport.connect_tcp`` returns (and what tests fake)."""

    def send(self, data: bytes) -> None: ...

    def recv_into(self, buffer: ReadBuffer) -> int: ...


def wait(op: Op[T], transport: BlockingTransport, buffer: ReadBuffer) -> T:
    """Run ``op`` to its end: one ``send`` per yielded bytes, one ``recv_into`` per None."""
    try:
        step = next(op)
        while True:
            if step is None:
                transport.recv_into(buffer)
            else:
                transport.send(step)
            step = op.send(None)
    except StopIteration as stop:
        return stop.value  # type: ignore[no-any-return]
    except BaseException:
        op.close()
        raise
