"""What an open smart large object knows between round trips, shared by ``informix_db.Lob`` and
``informix_db_aio.AsyncLob``.

The mode and its read / write checks, the closed flag, the position kept locally (so ``tell``
costs no round trip), argument checks, and the ``smartlob`` operation each call runs are all
decided here, without I/O. A shell only adds the waiting: its loops and a blocking ``_run`` or an
awaited one per round trip (the protocol itself is ``informix_db._core.smartlob``).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import TypeVar

from informix_db._core import smartlob
from informix_db._core.session import Session
from informix_db._core.smartlob import (
    LO_APPEND,
    LO_RDWR,
    LO_WRONLY,
    ClosedLobError,
    check_locator,
    lob_flags,
    locator_type,
)
from informix_db._core.wire import Op
from informix_types import BlobLocator

T = TypeVar("T")

#: The mode of a LOB from ``create_lob``: new, empty, open for reading and writing.
CREATE_MODE = "w+"


class LobState:
    """One open LO descriptor: ``fd`` on ``session`` for the LOB of ``locator``, opened with the
    Python file ``mode`` (its LO open ``flags``)."""

    def __init__(self, session: Session, locator: BlobLocator, fd: int, mode: str) -> None:
        self.session = session
        self.locator = locator
        self.fd = fd
        self.mode = mode
        self.flags = lob_flags(mode)
        #: Where the next read or write happens; None once an append or a failed transfer made
        #: it the server's to say.
        self.position: int | None = 0
        self.closed = False

    def check_open(self) -> None:
        if self.closed:
            raise ClosedLobError("I/O operation on a closed LOB")

    def readable(self) -> bool:
        self.check_open()
        return not self.flags & LO_WRONLY

    def writable(self) -> bool:
        self.check_open()
        return bool(self.flags & (LO_WRONLY | LO_RDWR))

    def check_readable(self) -> None:
        if not self.readable():
            raise io.UnsupportedOperation("the LOB is not open for reading")

    def check_writable(self) -> None:
        if not self.writable():
            raise io.UnsupportedOperation("the LOB is not open for writing")

    def guard(self, op: Op[T]) -> Op[T]:
        """``op``, to run now; on a closed LOB it is discarded unstarted and ClosedLobError
        raised."""
        if self.closed:
            op.close()
            raise ClosedLobError("I/O operation on a closed LOB")
        return op

    def read_op(self, view: memoryview) -> Op[int]:
        """The next request of a read into ``view`` (it fills at most ``REQUEST_SIZE`` bytes)."""
        return self.guard(smartlob.read_into(self.session, self.fd, view))

    def write_ops(self, view: memoryview) -> Iterator[Op[int]]:
        """The requests writing all of ``view``, one per ``REQUEST_SIZE`` bytes, each checked
        as it is taken."""
        step = smartlob.REQUEST_SIZE
        for start in range(0, len(view), step):
            yield self.guard(smartlob.write(self.session, self.fd, view[start : start + step]))

    @contextlib.contextmanager
    def transfer(self) -> Iterator[None]:
        """Around the requests of one read or write: if any fails (or is cancelled), the
        server's position moved by an amount not known here."""
        try:
            yield
        except BaseException:
            self.position = None
            raise

    def record_read(self, filled: int) -> int:
        if self.position is not None:
            self.position += filled
        return filled

    def record_write(self, written: int) -> int:
        """An append writes at the end, wherever that is: the position is the server's again."""
        if self.flags & LO_APPEND:
            self.position = None
        elif self.position is not None:
            self.position += written
        return written

    def record_position(self, position: int) -> int:
        self.position = position
        return position

    def seek_op(self, offset: int, whence: int) -> Op[int]:
        """``ifx_lo_seek``: ``whence`` is ``io.SEEK_*``, the same numbers as ``LO_SEEK_*``."""
        if whence not in (io.SEEK_SET, io.SEEK_CUR, io.SEEK_END):
            raise ValueError(f"invalid whence {whence!r}")
        return self.guard(smartlob.seek(self.session, self.fd, offset, whence))

    def tell_op(self) -> int | Op[int]:
        """The position when it is known here, else the ``ifx_lo_tell`` that asks for it."""
        self.check_open()
        if self.position is not None:
            return self.position
        return self.guard(smartlob.tell(self.session, self.fd))

    def truncate_op(self, size: int) -> Op[None]:
        if size < 0:
            raise ValueError(f"negative size {size}")
        return self.guard(smartlob.truncate(self.session, self.fd, size))

    def size_op(self) -> Op[int]:
        return self.guard(smartlob.size(self.session, self.fd))

    def close_op(self, connection_closed: bool) -> Op[None] | None:
        """``ifx_lo_close``, or None when the connection closed (which closed the descriptor).
        The shell marks the LOB closed whatever the outcome."""
        if connection_closed:
            return None
        return self.guard(smartlob.close(self.session, self.fd))

    def defer_close(self, connection_closed: bool) -> None:
        """Dropped unclosed: queue the close for the connection's next request (no I/O, so safe
        in a finalizer)."""
        if not self.closed and not connection_closed:
            smartlob.deferred_close(self.session, self.fd)

    def describe(self, class_name: str) -> str:
        state = "closed" if self.closed else f"fd {self.fd}"
        return f"<{class_name} {self.locator!r} {state}>"


def open_request(session: Session, locator: object, mode: str) -> tuple[BlobLocator, Op[int]]:
    """``open_lob``'s checks: the locator and the ``ifx_lo_open`` that gives its fd."""
    loc = check_locator(locator)
    return loc, smartlob.open_fd(session, loc.data, lob_flags(mode))


def truncates_on_open(mode: str) -> bool:
    """The "w" modes empty the LOB, as ``open`` empties a file."""
    return mode.startswith("w")


def create_request(session: Session, kind: str) -> Op[tuple[BlobLocator, int]]:
    """``create_lob``'s ``ifx_lo_create`` (``kind`` is checked now): the new LOB's locator and an
    fd open in ``CREATE_MODE``."""
    make = locator_type(kind)
    return _created(make, smartlob.create(session, LO_RDWR))


def _created(make: type[BlobLocator], op: Op[tuple[bytes, int]]) -> Op[tuple[BlobLocator, int]]:
    locator, fd = yield from op
    return make(locator), fd
