"""Smart large objects (BLOB / CLOB) for asyncio: ``await conn.open_lob(locator, mode)`` and
``await conn.create_lob(kind)`` return an :class:`AsyncLob`, the awaitable twin of
``informix_db.lob.Lob`` on the same sans-I/O protocol (``informix_db._core.smartlob``): at most
1 MiB per SQ_LODATA request, the position kept locally, every method a coroutine, and
``async with`` to close. A cancelled call is finished (or the connection broken) in the
background like any other operation of the connection.
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
    from informix_db_aio.connection import Connection

T = TypeVar("T")


class AsyncLob:
    """An open smart large object (``async with await conn.open_lob(loc) as lob: ...``):
    ``read``, ``readinto``, ``write``, ``seek``, ``tell``, ``truncate``, ``size`` and ``close``
    as coroutines; ``locator`` to bind."""

    def __init__(self, conn: Connection, locator: BlobLocator, fd: int, mode: str) -> None:
        self._conn = conn
        self._locator = locator
        self._fd = fd
        self._mode = mode
        self._flags = lob_flags(mode)
        self._position: int | None = 0
        self._closed = False

    @property
    def locator(self) -> BlobLocator:
        return self._locator

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def closed(self) -> bool:
        return self._closed

    def readable(self) -> bool:
        self._check_open()
        return not self._flags & LO_WRONLY

    def writable(self) -> bool:
        self._check_open()
        return bool(self._flags & (LO_WRONLY | LO_RDWR))

    def _check_open(self) -> None:
        if self._closed:
            raise ClosedLobError("I/O operation on a closed LOB")

    async def _run(self, op: Op[T]) -> T:
        if self._closed:
            op.close()
            raise ClosedLobError("I/O operation on a closed LOB")
        return await self._conn._run(op)

    async def readinto(self, buffer: Any) -> int:
        """Fill ``buffer`` from the current position (fewer bytes only at the end)."""
        if not self.readable():
            raise io.UnsupportedOperation("the LOB is not open for reading")
        session = self._conn._session
        # No ``with`` around the view: a cancelled read goes on filling it in the background.
        view = memoryview(buffer).cast("B")
        filled = 0
        try:
            while filled < len(view):
                n = await self._run(smartlob.read_into(session, self._fd, view[filled:]))
                if n == 0:
                    break
                filled += n
        except BaseException:
            self._position = None  # the server's position moved by an unknown amount
            raise
        if self._position is not None:
            self._position += filled
        return filled

    async def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that is left when negative)."""
        if not self.readable():
            raise io.UnsupportedOperation("the LOB is not open for reading")
        if size is None or size < 0:
            size = max(await self.size() - await self.tell(), 0)
        data = bytearray(size)
        del data[await self.readinto(data) if data else 0 :]
        return bytes(data)

    async def write(self, data: Any) -> int:
        """Write all of ``data`` at the current position (at the end in an append mode)."""
        if not self.writable():
            raise io.UnsupportedOperation("the LOB is not open for writing")
        session = self._conn._session
        view = memoryview(data).cast("B")
        step = smartlob.REQUEST_SIZE
        try:
            for start in range(0, len(view), step):
                await self._run(smartlob.write(session, self._fd, view[start : start + step]))
        except BaseException:
            self._position = None
            raise
        written = len(view)
        if self._flags & LO_APPEND:
            self._position = None
        elif self._position is not None:
            self._position += written
        return written

    async def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to ``offset`` from ``io.SEEK_SET`` / ``SEEK_CUR`` / ``SEEK_END``."""
        if whence not in (io.SEEK_SET, io.SEEK_CUR, io.SEEK_END):
            raise ValueError(f"invalid whence {whence!r}")
        op = smartlob.seek(self._conn._session, self._fd, offset, whence)
        self._position = await self._run(op)
        return self._position

    async def tell(self) -> int:
        self._check_open()
        if self._position is None:
            self._position = await self._run(smartlob.tell(self._conn._session, self._fd))
        return self._position

    async def truncate(self, size: int | None = None) -> int:
        """Cut (or extend with zeros) to ``size`` bytes, by default the current position."""
        target = await self.tell() if size is None else size
        if target < 0:
            raise ValueError(f"negative size {target}")
        await self._run(smartlob.truncate(self._conn._session, self._fd, target))
        return target

    async def size(self) -> int:
        """The LOB's length in bytes (``ifx_lo_stat``)."""
        return await self._run(smartlob.size(self._conn._session, self._fd))

    async def close(self) -> None:
        """Close the LO descriptor; twice, or after the connection closed, does nothing."""
        if self._closed:
            return
        try:
            if not self._conn.closed:
                await self._run(smartlob.close(self._conn._session, self._fd))
        finally:
            self._closed = True

    async def __aenter__(self) -> AsyncLob:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __del__(self) -> None:
        """Dropped unclosed: queue the close for the connection's next request (no I/O here)."""
        conn = getattr(self, "_conn", None)
        if conn is not None and not self._closed and not conn.closed:
            smartlob.deferred_close(conn._session, self._fd)

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"fd {self._fd}"
        return f"<informix_db_aio.AsyncLob {self._locator!r} {state}>"


async def open_lob(conn: Connection, locator: object, mode: str) -> AsyncLob:
    """``Connection.open_lob``: open an existing LOB ("w" modes truncate it)."""
    loc = check_locator(locator)
    flags = lob_flags(mode)
    fd = await conn._run(smartlob.open_fd(conn._session, loc.data, flags))
    lob = AsyncLob(conn, loc, fd, mode)
    if mode.startswith("w"):
        try:
            await lob.truncate(0)
        except BaseException:
            await lob.close()
            raise
    return lob


async def create_lob(conn: Connection, kind: str) -> AsyncLob:
    """``Connection.create_lob``: a new empty LOB open for reading and writing ("w+")."""
    make = locator_type(kind)
    locator, fd = await conn._run(smartlob.create(conn._session, LO_RDWR))
    return AsyncLob(conn, make(locator), fd, "w+")
