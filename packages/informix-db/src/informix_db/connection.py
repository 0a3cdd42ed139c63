"""The blocking PEP 249 connection: the sans-I/O core driven over a socket under a wire lock.

Threads may share the module, not a connection (``threadsafety = 1``); still, every operation
takes the connection's wire lock (with a timeout), so misuse from two threads queues instead of
interleaving PDUs. After any failure the connection is either usable (the server's error reply
was read to its end) or closed and ``broken`` (the stream may be out of step: lost link, timeout,
bytes that break the protocol); it is never left out of step.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, TypeVar

from informix_db import lob
from informix_db._core import execution, fastpath
from informix_db._core.config import ConnectParams
from informix_db._core.connection_state import ConnectionState
from informix_db._core.session import Session
from informix_db._core.wire import Op
from informix_db.cursor import Cursor
from informix_db.lob import Lob
from informix_db.rows import RowMaker
from informix_db.scroll_cursor import ScrollCursor
from informix_db.waiting import wait
from informix_types import BlobLocator
from informix_wire import errors
from informix_wire.errors import (
    ConnectionLost,
    InterfaceError,
    OperationalError,
    ProtocolError,
    WireTimeout,
)
from informix_wire.transport import SocketTransport, connect_tcp

T = TypeVar("T")


def _close_transport(transport: SocketTransport) -> None:
    transport.close()


class Connection(ConnectionState[SocketTransport]):
    """A connection to one Informix database (``informix_db.connect`` makes them)."""

    qualified_name = "informix_db.Connection"

    def __init__(self, params: ConnectParams) -> None:
        session = Session(params)
        transport = connect_tcp(
            params.host,
            params.port,
            connect_timeout=params.connect_timeout,
            read_timeout=params.connect_timeout,
            write_timeout=params.connect_timeout,
            tls=params.ssl_context(),
        )
        try:
            wait(session.connect(), transport, session.wire.buffer)
        except BaseException:
            transport.close()
            raise
        transport.read_timeout = params.read_timeout
        transport.write_timeout = params.read_timeout
        super().__init__(params, session, transport)
        self._lock = threading.Lock()
        self._lock_timeout = params.lock_timeout
        self._finalizer = weakref.finalize(self, _close_transport, transport)

    # -- running operations ----------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if not self._lock.acquire(timeout=self._lock_timeout):
            raise OperationalError(
                f"the connection stayed busy for {self._lock_timeout:g} s in another thread"
            )
        try:
            yield
        finally:
            self._lock.release()

    def _run(self, op: Op[T]) -> T:
        """Run a core operation under the wire lock, after finishing dropped cursors."""
        with self._locked():
            if self._closed:
                op.close()
                raise InterfaceError(self._closed_reason())
            execution.reap(self._session)
            wire = self._session.wire
            try:
                return wait(op, self._transport, wire.buffer)
            except (ProtocolError, ConnectionLost, WireTimeout):
                self._break()
                raise
            except BaseException:
                if not wire.in_step:
                    self._break()
                raise

    @property
    def autocommit(self) -> bool:
        return self._session.autocommit

    @autocommit.setter
    def autocommit(self, value: bool) -> None:
        """Switching autocommit on commits an open transaction."""
        self._run(self._session.set_autocommit(bool(value)))

    # -- PEP 249 -------------------------------------------------------------------------------

    def cursor(
        self,
        *,
        row_factory: Callable[[Any], RowMaker | None] | None = None,
        scrollable: bool = False,
    ) -> Cursor:
        """A new cursor; ``scrollable=True`` gives a ``ScrollCursor`` (a server scroll cursor
        that moves in any direction: ``fetch_prior``, ``fetch_absolute``, ``scroll`` ...)."""
        self._check_open()
        kind = ScrollCursor if scrollable else Cursor
        return kind(self, row_factory or self.row_factory)

    def commit(self) -> None:
        self._run(self._session.commit())

    def rollback(self) -> None:
        self._run(self._session.rollback())

    def close(self) -> None:
        """Say goodbye (SQ_EXIT; the server rolls back an open transaction) and close the
        socket. Idempotent; never raises for a connection that is already gone."""
        if self._closed:
            return
        acquired = self._lock.acquire(timeout=self._lock_timeout)
        try:
            if acquired and self._session.wire.in_step:
                try:
                    wait(self._session.disconnect(), self._transport, self._session.wire.buffer)
                except errors.Error:
                    pass
        finally:
            self._closed = True
            self._transport.close()
            if acquired:
                self._lock.release()

    def __enter__(self) -> Connection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Commit on success, roll back on an exception, then close."""
        try:
            if not self._closed:
                if exc_type is None:
                    self.commit()
                else:
                    self.rollback()
        finally:
            self.close()

    # -- extensions ------------------------------------------------------------------------------

    def ping(self) -> None:
        """Prove the server answers (one round trip); raise if it does not."""
        self._run(self._session.ping())

    def fast_path_call(self, signature: str, *args: Any) -> list[Any]:
        """Run a routine directly (SQ_GETROUTINE / SQ_EXFPROUTINE: no PREPARE, no cursor), e.g.
        ``conn.fast_path_call("function informix.ifx_lo_close(integer)", fd)``; returns its
        values as a list. The routine handle is cached per connection, so repeated calls cost
        one round trip."""
        return self._run(fastpath.call(self._session, signature, args))

    def open_lob(self, locator: BlobLocator, mode: str = "r") -> Lob:
        """Open the smart large object a fetched BLOB / CLOB value (a ``BlobLocator`` /
        ``ClobLocator``) names, as a binary file (``informix_db.lob.Lob``); ``mode`` is "r",
        "r+", "w" (truncates), "w+", "a" or "a+". Close it, or use ``with``, when done."""
        return lob.open_lob(self, locator, mode)

    def create_lob(self, kind: str = "blob") -> Lob:
        """A new empty smart large object ("blob" or "clob"), open for writing and reading; bind
        its ``locator`` into an INSERT or UPDATE to store it (one never stored is deleted when
        the connection ends)."""
        return lob.create_lob(self, kind)

    def savepoint(self, name: str) -> None:
        """SAVEPOINT ``name`` (opens a transaction when none is)."""
        self._run(self._session.savepoint(name))

    def rollback_to(self, name: str) -> None:
        """ROLLBACK TO SAVEPOINT ``name``."""
        self._run(self._session.rollback_to(name))

    def release_savepoint(self, name: str) -> None:
        """RELEASE SAVEPOINT ``name``."""
        self._run(self._session.release_savepoint(name))
