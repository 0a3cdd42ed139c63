"""Smart large objects (BLOB / CLOB) as files: ``conn.open_lob(locator, mode)`` and
``conn.create_lob(kind)`` return a :class:`Lob`, an ``io.RawIOBase`` over the LOB's bytes.

Every call is a round trip on the connection (the protocol is ``informix_db._core.smartlob``);
``read`` and ``write`` move at most ``REQUEST_SIZE`` (1 MiB) per request, so a LOB of any size
streams with bounded memory (``shutil.copyfileobj(lob, file)``). The position is kept here, as
the server keeps it, so ``tell`` costs nothing except after an append. A CLOB's bytes are its
text in the database's code set: wrap the LOB in ``io.TextIOWrapper`` for ``str``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, TypeVar

from informix_db._core import smartlob
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

if TYPE_CHECKING:
    from informix_db.connection import Connection

T = TypeVar("T")


class Lob(io.RawIOBase):
    """An open smart large object (``with conn.open_lob(loc) as lob: data = lob.read()``).

    ``read``, ``readinto``, ``write``, ``seek``, ``tell``, ``truncate``, ``size`` and ``close``
    work as on a binary file opened with the same mode; ``locator`` is what to bind into a
    BLOB / CLOB column. Errors are the connection's PEP 249 exceptions; using a closed LOB
    raises ``ClosedLobError`` (an ``InterfaceError`` and a ``ValueError``).
    """

    def __init__(self, conn: Connection, locator: BlobLocator, fd: int, mode: str) -> None:
        super().__init__()
        self._conn = conn
        self._locator = locator
        self._fd = fd
        self._mode = mode
        self._flags = lob_flags(mode)
        #: Where the next read or write happens; None once an append made it the server's to say.
        self._position: int | None = 0

    @property
    def locator(self) -> BlobLocator:
        return self._locator

    @property
    def mode(self) -> str:
        return self._mode

    def _run(self, op: Op[T]) -> T:
        if self.closed:
            op.close()
            raise ClosedLobError("I/O operation on a closed LOB")
        return self._conn._run(op)

    def readable(self) -> bool:
        self._check_open()
        return not self._flags & LO_WRONLY

    def writable(self) -> bool:
        self._check_open()
        return bool(self._flags & (LO_WRONLY | LO_RDWR))

    def seekable(self) -> bool:
        self._check_open()
        return True

    def _check_open(self) -> None:
        if self.closed:
            raise ClosedLobError("I/O operation on a closed LOB")

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current position (fewer bytes only at the end)."""
        self._check_open()
        if not self.readable():
            raise io.UnsupportedOperation("the LOB is not open for reading")
        with memoryview(buffer) as raw, raw.cast("B") as view:
            filled = 0
            try:
                while filled < len(view):
                    op = smartlob.read_into(self._conn._session, self._fd, view[filled:])
                    n = self._run(op)
                    if n == 0:
                        break
                    filled += n
            except BaseException:
                self._position = None  # the server's position moved by an unknown amount
                raise
        if self._position is not None:
            self._position += filled
        return filled

    def readall(self) -> bytes:
        """Everything from the current position to the end (the size is asked first, so the
        bytes land in one buffer)."""
        if not self.readable():
            raise io.UnsupportedOperation("the LOB is not open for reading")
        data = bytearray(max(self.size() - self.tell(), 0))
        del data[self.readinto(data) if data else 0 :]
        return bytes(data)

    def write(self, data: Any) -> int:
        """Write all of ``data`` at the current position (at the end in an append mode)."""
        self._check_open()
        if not self.writable():
            raise io.UnsupportedOperation("the LOB is not open for writing")
        session = self._conn._session
        with memoryview(data) as raw, raw.cast("B") as view:
            step = smartlob.REQUEST_SIZE
            try:
                for start in range(0, len(view), step):
                    self._run(smartlob.write(session, self._fd, view[start : start + step]))
            except BaseException:
                self._position = None
                raise
            written = len(view)
        if self._flags & LO_APPEND:
            self._position = None
        elif self._position is not None:
            self._position += written
        return written

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to ``offset`` from the start, the current position or the end (``io.SEEK_*``,
        the same numbers as ``LO_SEEK_SET`` / ``CUR`` / ``END``); the new position."""
        if whence not in (io.SEEK_SET, io.SEEK_CUR, io.SEEK_END):
            raise ValueError(f"invalid whence {whence!r}")
        self._position = self._run(smartlob.seek(self._conn._session, self._fd, offset, whence))
        return self._position

    def tell(self) -> int:
        self._check_open()
        if self._position is None:
            self._position = self._run(smartlob.tell(self._conn._session, self._fd))
        return self._position

    def truncate(self, size: int | None = None) -> int:
        """Cut (or extend with zeros) to ``size`` bytes, by default the current position; the
        position does not move."""
        target = self.tell() if size is None else size
        if target < 0:
            raise ValueError(f"negative size {target}")
        self._run(smartlob.truncate(self._conn._session, self._fd, target))
        return target

    def size(self) -> int:
        """The LOB's length in bytes (``ifx_lo_stat``)."""
        return self._run(smartlob.size(self._conn._session, self._fd))

    def close(self) -> None:
        """Close the LO descriptor (``ifx_lo_close``); the LOB itself stays. Closing twice, or
        after the connection closed (which closed the descriptor), does nothing."""
        if self.closed:
            return
        try:
            if not self._conn.closed:
                self._run(smartlob.close(self._conn._session, self._fd))
        finally:
            super().close()

    def __del__(self) -> None:
        """Dropped unclosed: queue the close for the connection's next request (no I/O here)."""
        conn = getattr(self, "_conn", None)
        if conn is not None and not self.closed and not conn.closed:
            smartlob.deferred_close(conn._session, self._fd)
        io.RawIOBase.close(self)  # its own finalizer would close with I/O

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"fd {self._fd}"
        return f"<informix_db.Lob {self._locator!r} {state}>"


def open_lob(conn: Connection, locator: object, mode: str) -> Lob:
    """``Connection.open_lob``: open an existing LOB ("w" modes truncate it)."""
    loc = check_locator(locator)
    flags = lob_flags(mode)
    fd = conn._run(smartlob.open_fd(conn._session, loc.data, flags))
    lob = Lob(conn, loc, fd, mode)
    if mode.startswith("w"):
        try:
            lob.truncate(0)
        except BaseException:
            lob.close()
            raise
    return lob


def create_lob(conn: Connection, kind: str) -> Lob:
    """``Connection.create_lob``: a new empty LOB open for reading and writing ("w+")."""
    make = locator_type(kind)
    locator, fd = conn._run(smartlob.create(conn._session, LO_RDWR))
    return Lob(conn, make(locator), fd, "w+")
