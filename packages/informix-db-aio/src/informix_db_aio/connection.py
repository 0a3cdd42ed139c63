"""The asyncio connection: the sans-I/O core of ``informix_db`` driven over an asyncio stream.

No threads and no executors: each operation is a core generator that ``waiting.Drive`` runs by
awaiting the transport. A per-connection ``asyncio.Lock`` serialises use of the wire, so tasks
sharing a connection queue instead of interleaving PDUs.

Cancellation (``task.cancel()``, ``asyncio.timeout``, ``wait_for``) may land while a reply is
still owed. The cancelled task gets its ``CancelledError`` at once, and the connection finishes
the operation in a background task that keeps the lock: it drains the reply, and if the server
has not answered within ``INTERRUPT_AFTER`` seconds it sends the interrupt JDBC's
``Statement.cancel`` sends (one TCP urgent byte, ``com.informix.asf.Connection.sOOBSocket``) and
drains what the interrupted request answers. If the drain fails or takes longer than the read
timeout, the connection is closed and marked ``broken``. Either way it is never used out of step.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from informix_db._core import execution, fastpath
from informix_db._core.config import ConnectParams, make_params
from informix_db._core.connection_state import ConnectionState
from informix_db._core.session import Session
from informix_db._core.wire import Op
from informix_db.rows import RowMaker
from informix_db_aio import lob
from informix_db_aio.cursor import Cursor
from informix_db_aio.lob import AsyncLob
from informix_db_aio.scroll_cursor import ScrollCursor
from informix_db_aio.waiting import Drive
from informix_types import BlobLocator
from informix_wire import errors
from informix_wire.aio_transport import AsyncTransport, open_tcp, within
from informix_wire.errors import InterfaceError, OperationalError

T = TypeVar("T")
#: Seconds a cancelled operation may go on draining before the server is interrupted.
INTERRUPT_AFTER = 0.25
#: How long an interrupted (or any) drain may take when no read timeout is set.
DEFAULT_DRAIN_TIMEOUT = 30.0


async def connect(dsn: str | None = None, **kwargs: Any) -> Connection:
    """Open a connection: the same arguments as ``informix_db.connect`` (keywords, an
    ``informix://`` URL or a JDBC-style string, environment defaults)."""
    params = make_params(dsn, **kwargs)
    context = params.ssl_context()
    transport = await open_tcp(
        params.host,
        params.port,
        connect_timeout=params.connect_timeout,
        read_timeout=params.connect_timeout,
        write_timeout=params.connect_timeout,
        tls=context,
    )
    session = Session(params)
    try:
        await Drive(session.connect(), transport, session.wire.buffer).run()
    except BaseException:
        transport.close()
        raise
    transport.read_timeout = params.read_timeout
    transport.write_timeout = params.read_timeout
    return Connection(params, session, transport)


def _close_transport(transport: AsyncTransport) -> None:
    """Finalizer of a connection dropped without ``close``: no goodbye, just the socket."""
    try:
        transport.close()
    except RuntimeError:
        pass  # its event loop is already closed, and with it the socket


class Connection(ConnectionState[AsyncTransport]):
    """A connection to one Informix database (``await informix_db_aio.connect(...)``)."""

    qualified_name = "informix_db_aio.Connection"

    def __init__(self, params: ConnectParams, session: Session, transport: AsyncTransport) -> None:
        """Wrap a logged-in session (``connect`` makes them)."""
        super().__init__(params, session, transport)
        self._lock = asyncio.Lock()
        read_timeout = params.read_timeout
        self._lock_timeout = params.lock_timeout
        self._drain_timeout = read_timeout if read_timeout is not None else DEFAULT_DRAIN_TIMEOUT
        #: The background task finishing an operation whose caller was cancelled.
        self._recovery: asyncio.Task[None] | None = None
        self._finalizer = weakref.finalize(self, _close_transport, transport)

    # -- running operations --------------------------------------------------------------------

    async def _acquire(self) -> None:
        lock = self._lock
        if not lock.locked():
            await lock.acquire()
            return
        try:
            await within(lock.acquire(), self._lock_timeout)
        except asyncio.TimeoutError:
            raise OperationalError(
                f"the connection stayed busy for {self._lock_timeout:g} s in another task"
            ) from None

    async def _run(self, op: Op[T], orphan: Callable[[T], None] | None = None) -> T:
        """Run a core operation under the wire lock, after finishing dropped cursors.

        ``orphan`` receives the result when the caller was cancelled and the operation was
        finished in the background (a cursor opened for nobody is closed that way).
        """
        try:
            await self._acquire()
        except BaseException:
            op.close()
            raise
        handed_over = False
        try:
            if self._closed:
                op.close()
                raise InterfaceError(self._closed_reason())
            execution.reap(self._session)
            drive = Drive(op, self._transport, self._session.wire.buffer)
            try:
                return await drive.run()
            except asyncio.CancelledError:
                if self._session.wire.in_step:
                    drive.abandon()
                else:
                    self._recovery = asyncio.get_running_loop().create_task(
                        self._recover(drive, orphan)
                    )
                    handed_over = True
                raise
            except (errors.ProtocolError, errors.ConnectionLost, errors.WireTimeout):
                drive.abandon()
                self._break()
                raise
            except BaseException:
                drive.abandon()
                if not self._session.wire.in_step:
                    self._break()
                raise
        finally:
            if not handed_over:
                self._lock.release()

    async def _recover(self, drive: Drive[Any], orphan: Callable[[Any], None] | None) -> None:
        """Finish a cancelled caller's operation (holding the lock it left): drain, interrupt the
        server if it is slow, drain again; break the connection if that fails."""
        try:
            if self._transport.tls:  # no urgent data over TLS: only waiting is possible
                result = await within(drive.run(), self._drain_timeout)
            else:
                try:
                    result = await within(drive.run(), INTERRUPT_AFTER)
                except asyncio.TimeoutError:
                    self._transport.send_interrupt()
                    result = await within(drive.run(), self._drain_timeout)
            if orphan is not None:
                orphan(result)
        except (errors.ProtocolError, errors.ConnectionLost, errors.WireTimeout):
            drive.abandon()
            self._break()
        except errors.Error:
            # An error raised once the reply was read to its end (the interrupt's -213, say)
            # leaves the connection usable; anything raised with replies still owed does not.
            if not self._session.wire.in_step:
                self._break()
        except BaseException:  # lost, timed out, or the connection was closed meanwhile
            drive.abandon()
            self._break()
        finally:
            self._recovery = None
            self._lock.release()

    # -- state ---------------------------------------------------------------------------------

    async def set_autocommit(self, value: bool) -> None:
        """Switch autocommit (a property cannot be awaited); switching it on commits an open
        transaction."""
        await self._run(self._session.set_autocommit(bool(value)))

    # -- the PEP 249 surface, awaitable --------------------------------------------------------

    async def cursor(
        self,
        *,
        row_factory: Callable[[Any], RowMaker | None] | None = None,
        scrollable: bool = False,
    ) -> Cursor:
        """A new cursor (a coroutine, as in the seed README: ``cur = await conn.cursor()``);
        ``scrollable=True`` gives a ``ScrollCursor`` (a server scroll cursor that moves in any
        direction: ``fetch_prior``, ``fetch_absolute``, ``scroll`` ...)."""
        self._check_open()
        kind = ScrollCursor if scrollable else Cursor
        return kind(self, row_factory or self.row_factory)

    async def commit(self) -> None:
        await self._run(self._session.commit())

    async def rollback(self) -> None:
        await self._run(self._session.rollback())

    async def close(self) -> None:
        """Say goodbye (SQ_EXIT; the server rolls back an open transaction) and close. A drain
        still under way for a cancelled operation is cut short: the connection is then broken.
        Idempotent; never raises for a connection that is already gone."""
        if self._closed:
            return
        if self._recovery is not None:
            self._recovery.cancel()
        try:
            await self._acquire()
        except errors.Error:
            self._break()
            return
        try:
            if not self._closed and self._session.wire.in_step:
                drive = Drive(
                    self._session.disconnect(), self._transport, self._session.wire.buffer
                )
                try:
                    await drive.run()
                except errors.Error:
                    drive.abandon()
        finally:
            self._closed = True
            self._transport.close()
            self._lock.release()
        await self._transport.wait_closed()

    async def __aenter__(self) -> Connection:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Commit on success, roll back on an exception, then close."""
        try:
            if not self._closed:
                if exc_type is None:
                    await self.commit()
                elif not issubclass(exc_type, asyncio.CancelledError):
                    await self.rollback()
        finally:
            await self.close()

    # -- extensions ----------------------------------------------------------------------------

    async def ping(self) -> None:
        """Prove the server answers (one round trip); raise if it does not."""
        await self._run(self._session.ping())

    async def fast_path_call(self, signature: str, *args: Any) -> list[Any]:
        """Run a routine directly (SQ_GETROUTINE / SQ_EXFPROUTINE: no PREPARE, no cursor), as
        ``informix_db.Connection.fast_path_call``; its values as a list. Routine handles are
        cached per connection. A cancelled call is drained (or interrupted) in the background
        like any operation: it may or may not have run."""
        return await self._run(fastpath.call(self._session, signature, args))

    async def open_lob(self, locator: BlobLocator, mode: str = "r") -> AsyncLob:
        """Open the smart large object a fetched BLOB / CLOB value names, as
        ``informix_db.Connection.open_lob`` does; an ``informix_db_aio.lob.AsyncLob``."""
        return await lob.open_lob(self, locator, mode)

    async def create_lob(self, kind: str = "blob") -> AsyncLob:
        """A new empty smart large object ("blob" or "clob") open for writing and reading, as
        ``informix_db.Connection.create_lob`` makes."""
        return await lob.create_lob(self, kind)

    async def savepoint(self, name: str) -> None:
        """SAVEPOINT ``name`` (opens a transaction when none is)."""
        await self._run(self._session.savepoint(name))

    async def rollback_to(self, name: str) -> None:
        """ROLLBACK TO SAVEPOINT ``name``."""
        await self._run(self._session.rollback_to(name))

    async def release_savepoint(self, name: str) -> None:
        """RELEASE SAVEPOINT ``name``."""
        await self._run(self._session.release_savepoint(name))
