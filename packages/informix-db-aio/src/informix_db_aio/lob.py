"""Smart large objects (BLOB / CLOB) for asyncio: ``await conn.open_lob(locator, mode)`` and
``await conn.create_lob(kind)`` return an :class:`AsyncLob`, the awaitable twin of
``informix_db.lob.Lob`` on the same sans-I/O protocol (``informix_db._core.smartlob``) and state
(``informix_db._core.lob_state``): at most 1 MiB per SQ_LODATA request, the position kept
locally, every method a coroutine, and ``async with`` to close. A cancelled call is finished (or
the connection broken) in the background like any other operation of the connection.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from informix_db._core import lob_state
from informix_db._core.lob_state import LobState
from informix_types import BlobLocator

if TYPE_CHECKING:
    from informix_db_aio.connection import Connection


class AsyncLob:
    """An open smart large object (``async with await conn.open_lob(loc) as lob: ...``):
    ``read``, ``readinto``, ``write``, ``seek``, ``tell``, ``truncate``, ``size`` and ``close``
    as coroutines; ``locator`` to bind."""

    def __init__(self, conn: Connection, locator: BlobLocator, fd: int, mode: str) -> None:
        self._conn = conn
        self._state = LobState(conn._session, locator, fd, mode)

    @property
    def locator(self) -> BlobLocator:
        return self._state.locator

    @property
    def mode(self) -> str:
        return self._state.mode

    @property
    def closed(self) -> bool:
        return self._state.closed

    def readable(self) -> bool:
        return self._state.readable()

    def writable(self) -> bool:
        return self._state.writable()

    async def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current position (fewer bytes only at the end)."""
        state = self._state
        state.check_readable()
        # No ``with`` around the view: a cancelled read goes on filling it in the background.
        view = memoryview(buffer).cast("B")
        filled = 0
        with state.transfer():
            while filled < len(view):
                n = await self._conn._run(state.read_op(view[filled:]))
                if n == 0:
                    break
                filled += n
        return state.record_read(filled)

    async def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that is left when negative)."""
        self._state.check_readable()
        if size is None or size < 0:
            size = max(await self.size() - await self.tell(), 0)
        data = bytearray(size)
        del data[await self.readinto(data) if data else 0 :]
        return bytes(data)

    async def write(self, data: Any) -> int:
        """Write all of ``data`` at the current position (at the end in an append mode)."""
        state = self._state
        state.check_writable()
        view = memoryview(data).cast("B")
        with state.transfer():
            for op in state.write_ops(view):
                await self._conn._run(op)
        return state.record_write(len(view))

    async def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to ``offset`` from ``io.SEEK_SET`` / ``SEEK_CUR`` / ``SEEK_END``."""
        op = self._state.seek_op(offset, whence)
        return self._state.record_position(await self._conn._run(op))

    async def tell(self) -> int:
        known = self._state.tell_op()
        if isinstance(known, int):
            return known
        return self._state.record_position(await self._conn._run(known))

    async def truncate(self, size: int | None = None) -> int:
        """Cut (or extend with zeros) to ``size`` bytes, by default the current position."""
        target = await self.tell() if size is None else size
        await self._conn._run(self._state.truncate_op(target))
        return target

    async def size(self) -> int:
        """The LOB's length in bytes (``ifx_lo_stat``)."""
        return await self._conn._run(self._state.size_op())

    async def close(self) -> None:
        """Close the LO descriptor; twice, or after the connection closed, does nothing."""
        if self._state.closed:
            return
        try:
            op = self._state.close_op(self._conn.closed)
            if op is not None:
                await self._conn._run(op)
        finally:
            self._state.closed = True

    async def __aenter__(self) -> AsyncLob:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __del__(self) -> None:
        """Dropped unclosed: queue the close for the connection's next request (no I/O here)."""
        conn = getattr(self, "_conn", None)
        state = getattr(self, "_state", None)
        if conn is not None and state is not None:
            state.defer_close(conn.closed)

    def __repr__(self) -> str:
        return self._state.describe("informix_db_aio.AsyncLob")


async def open_lob(conn: Connection, locator: object, mode: str) -> AsyncLob:
    """``Connection.open_lob``: open an existing LOB ("w" modes truncate it)."""
    loc, op = lob_state.open_request(conn._session, locator, mode)
    lob = AsyncLob(conn, loc, await conn._run(op), mode)
    if lob_state.truncates_on_open(mode):
        try:
            await lob.truncate(0)
        except BaseException:
            await lob.close()
            raise
    return lob


async def create_lob(conn: Connection, kind: str) -> AsyncLob:
    """``Connection.create_lob``: a new empty LOB open for reading and writing ("w+")."""
    locator, fd = await conn._run(lob_state.create_request(conn._session, kind))
    return AsyncLob(conn, locator, fd, lob_state.CREATE_MODE)
