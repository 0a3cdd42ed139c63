"""Smart large objects (BLOB / CLOB) as files: ``conn.open_lob(locator, mode)`` and
``conn.create_lob(kind)`` return a :class:`Lob`, an ``io.RawIOBase`` over the LOB's bytes.

Every call is a round trip on the connection (the protocol is ``informix_db._core.smartlob``);
``read`` and ``write`` move at most ``REQUEST_SIZE`` (1 MiB) per request, so a LOB of any size
streams with bounded memory (``shutil.copyfileobj(lob, file)``). The position is kept locally
(``informix_db._core.lob_state``, shared with the asyncio twin), as the server keeps it, so
``tell`` costs nothing except after an append. A CLOB's bytes are its text in the database's
code set: wrap the LOB in ``io.TextIOWrapper`` for ``str``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from informix_db._core import lob_state
from informix_db._core.lob_state import LobState
from informix_types import BlobLocator

if TYPE_CHECKING:
    from informix_db.connection import Connection


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
        self._state = LobState(conn._session, locator, fd, mode)

    @property
    def locator(self) -> BlobLocator:
        return self._state.locator

    @property
    def mode(self) -> str:
        return self._state.mode

    def readable(self) -> bool:
        return self._state.readable()

    def writable(self) -> bool:
        return self._state.writable()

    def seekable(self) -> bool:
        self._state.check_open()
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current position (fewer bytes only at the end)."""
        state = self._state
        state.check_readable()
        with memoryview(buffer) as raw, raw.cast("B") as view:
            filled = 0
            with state.transfer():
                while filled < len(view):
                    n = self._conn._run(state.read_op(view[filled:]))
                    if n == 0:
                        break
                    filled += n
        return state.record_read(filled)

    def readall(self) -> bytes:
        """Everything from the current position to the end (the size is asked first, so the
        bytes land in one buffer)."""
        self._state.check_readable()
        data = bytearray(max(self.size() - self.tell(), 0))
        del data[self.readinto(data) if data else 0 :]
        return bytes(data)

    def write(self, data: Any) -> int:
        """Write all of ``data`` at the current position (at the end in an append mode)."""
        state = self._state
        state.check_writable()
        with memoryview(data) as raw, raw.cast("B") as view:
            with state.transfer():
                for op in state.write_ops(view):
                    self._conn._run(op)
            written = len(view)
        return state.record_write(written)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to ``offset`` from the start, the current position or the end (``io.SEEK_*``,
        the same numbers as ``LO_SEEK_SET`` / ``CUR`` / ``END``); the new position."""
        op = self._state.seek_op(offset, whence)
        return self._state.record_position(self._conn._run(op))

    def tell(self) -> int:
        known = self._state.tell_op()
        if isinstance(known, int):
            return known
        return self._state.record_position(self._conn._run(known))

    def truncate(self, size: int | None = None) -> int:
        """Cut (or extend with zeros) to ``size`` bytes, by default the current position; the
        position does not move."""
        target = self.tell() if size is None else size
        self._conn._run(self._state.truncate_op(target))
        return target

    def size(self) -> int:
        """The LOB's length in bytes (``ifx_lo_stat``)."""
        return self._conn._run(self._state.size_op())

    def close(self) -> None:
        """Close the LO descriptor (``ifx_lo_close``); the LOB itself stays. Closing twice, or
        after the connection closed (which closed the descriptor), does nothing."""
        if self.closed:
            return
        try:
            op = self._state.close_op(self._conn.closed)
            if op is not None:
                self._conn._run(op)
        finally:
            self._state.closed = True
            super().close()

    def __del__(self) -> None:
        """Dropped unclosed: queue the close for the connection's next request (no I/O here)."""
        conn = getattr(self, "_conn", None)
        state = getattr(self, "_state", None)
        if conn is not None and state is not None and not self.closed:
            state.defer_close(conn.closed)
        io.RawIOBase.close(self)  # its own finalizer would close with I/O

    def __repr__(self) -> str:
        return self._state.describe("informix_db.Lob")


def open_lob(conn: Connection, locator: object, mode: str) -> Lob:
    """``Connection.open_lob``: open an existing LOB ("w" modes truncate it)."""
    loc, op = lob_state.open_request(conn._session, locator, mode)
    lob = Lob(conn, loc, conn._run(op), mode)
    if lob_state.truncates_on_open(mode):
        try:
            lob.truncate(0)
        except BaseException:
            lob.close()
            raise
    return lob


def create_lob(conn: Connection, kind: str) -> Lob:
    """``Connection.create_lob``: a new empty LOB open for reading and writing ("w+")."""
    locator, fd = conn._run(lob_state.create_request(conn._session, kind))
    return Lob(conn, locator, fd, lob_state.CREATE_MODE)
