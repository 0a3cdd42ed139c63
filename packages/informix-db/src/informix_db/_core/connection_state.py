"""What a connection is between round trips, shared by the blocking and the asyncio connection:
its parameters, session and transport, whether it is closed or broken, the session facts it
exposes, and PEP 249's exception attributes. Each driver's ``Connection`` adds only how it waits
(a thread lock and sockets, or an asyncio lock and streams) and its awaitable or blocking API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from informix_db._core.config import ConnectParams
from informix_db._core.session import Session
from informix_db.rows import RowMaker, tuple_row
from informix_wire import errors
from informix_wire.errors import InterfaceError
from informix_wire.login import LoginAccepted


class Transport(Protocol):
    """The part of a transport (blocking or asyncio) that works without waiting."""

    def close(self) -> None: ...

    def send_interrupt(self) -> None: ...


TransportT = TypeVar("TransportT", bound=Transport)


class ConnectionState(Generic[TransportT]):
    """A logged-in session over a transport; closed and ``broken`` once a failure may have left
    the stream out of step."""

    #: How ``repr`` names the class (``informix_db.Connection``, ``informix_db_aio.Connection``).
    qualified_name: ClassVar[str]

    # PEP 249 optional extension: the exception classes as connection attributes.
    Warning = errors.Warning
    Error = errors.Error
    InterfaceError = errors.InterfaceError
    DatabaseError = errors.DatabaseError
    DataError = errors.DataError
    OperationalError = errors.OperationalError
    IntegrityError = errors.IntegrityError
    InternalError = errors.InternalError
    ProgrammingError = errors.ProgrammingError
    NotSupportedError = errors.NotSupportedError

    def __init__(self, params: ConnectParams, session: Session, transport: TransportT) -> None:
        self._params = params
        self._session = session
        self._transport = transport
        self._closed = False
        self._broken = False
        #: Row factory of new cursors (``informix_db.rows``); tuples by default.
        self.row_factory: Callable[[Any], RowMaker | None] = params.row_factory or tuple_row

    def _break(self) -> None:
        self._broken = self._closed = True
        self._transport.close()

    def _closed_reason(self) -> str:
        if self._broken:
            return "the connection is broken (an earlier failure left it out of step) and closed"
        return "the connection is closed"

    def _check_open(self) -> None:
        if self._closed:
            raise InterfaceError(self._closed_reason())

    @property
    def closed(self) -> bool:
        """True once closed, by ``close()`` or after a failure that broke the connection."""
        return self._closed

    @property
    def broken(self) -> bool:
        """True when a failure broke the connection (it is closed too): never reuse it."""
        return self._broken

    @property
    def in_transaction(self) -> bool:
        """A transaction is open on the server (commit or rollback has work to do)."""
        return self._session.in_transaction and not self._closed

    @property
    def autocommit(self) -> bool:
        return self._session.autocommit

    @property
    def database(self) -> str | None:
        return self._session.database

    @property
    def logged(self) -> bool:
        """The database logs transactions (SQ_DBOPEN reported it)."""
        return self._session.logged

    @property
    def ansi(self) -> bool:
        """The database is MODE ANSI (always in a transaction)."""
        return self._session.ansi

    @property
    def encoding(self) -> str:
        """The Python codec of the client locale: SQL text, parameters and results use it."""
        return self._session.encoding

    @property
    def server_info(self) -> LoginAccepted | None:
        """What the server said at login (product, version, serial)."""
        return self._session.server_info

    @property
    def server_version(self) -> str:
        info = self._session.server_info
        return info.version if info is not None else ""

    def cancel(self) -> None:
        """Interrupt the request another thread or task is running (the urgent byte JDBC's
        ``Statement.cancel`` sends); that request then fails with the server's error."""
        self._check_open()
        self._transport.send_interrupt()

    def __repr__(self) -> str:
        p = self._params
        state = "broken" if self._broken else "closed" if self._closed else "open"
        where = f"{p.user}@{p.host}:{p.port}/{p.database or ''}"
        return f"<{self.qualified_name} {where} {state}>"
