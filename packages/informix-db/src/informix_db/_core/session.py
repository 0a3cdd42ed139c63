"""A session's life and its transaction state: login, session set-up, database open, ping,
commit / rollback / savepoints, and disconnect, as sans-I/O operations.

Connect costs two round trips: the binary login (``informix_wire.login``), then SQ_PROTOCOLS,
SQ_INFO (environment) and SQ_DBOPEN pipelined in one write (the order JDBC sends them:
sqli-facts part B §3; §2.3 for the server ignoring statements until SQ_PROTOCOLS is answered,
which holds here because the server answers PDUs in order).

Transactions follow the database kind the SQ_DBOPEN reply's SQ_DONE warning bits report (0x01
logged, 0x02 ANSI; sqli-facts part B §2, JDBC ``OpenDbInit``):

- unlogged: no transactions at all; commit and rollback do nothing.
- logged, not ANSI: each statement commits by itself unless a transaction was begun; with
  autocommit off the driver sends SQ_BEGIN before the first statement of a transaction, in the
  same write as that statement (sqli-facts §2.6: non-ANSI logged databases need an explicit
  SQ_BEGIN; statement types 34-36, BEGIN/COMMIT/ROLLBACK WORK run through ``execute``, are
  tracked instead).
- ANSI: a transaction is always open; with autocommit on the driver commits after each statement.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence

from informix_db._core import types_bridge
from informix_db._core.config import ConnectParams
from informix_db._core.results import Reply
from informix_db._core.statement import TRANSACTION_CONTROL, Result, StatementCache
from informix_db._core.wire import Op, Wire
from informix_wire import messages as m
from informix_wire.capabilities import CLIENT_OFFER
from informix_wire.errors import InterfaceError, NotSupportedError, ProtocolError
from informix_wire.login import (
    LoginAccepted,
    LoginParams,
    build_login_request,
    login_reply_size,
    parse_login_reply,
)
from informix_wire.tags import StatementType

#: DBOPEN SQ_DONE warning bits (sqli-facts part B §2; JDBC ``OpenDbInit`` / ``setWarnings``).
DB_LOGGED = 0x01
DB_ANSI = 0x02
#: The session environment JDBC sends with SQ_INFO after SQ_PROTOCOLS (sqli-facts §2.3).
_ENDS_TRANSACTION = frozenset(
    {
        StatementType.COMMIT_WORK,
        StatementType.ROLLBACK_WORK,
        StatementType.DATABASE,
        StatementType.CLOSE_DATABASE,
    }
)
SESSION_ENV = ((b"DBTEMP", b"/tmp"), (b"SUBQCACHESZ", b"10"))


class Session:
    """Protocol state of one connection above the wire: server facts and transaction state."""

    def __init__(self, params: ConnectParams) -> None:
        self.params = params
        self.encoding = types_bridge.python_codec(params.client_locale)
        self.wire = Wire(self.encoding)
        self.server_info: LoginAccepted | None = None
        self.database: str | None = None
        self.logged = False
        self.ansi = False
        self.autocommit = params.autocommit
        #: A transaction is open on the server (so commit / rollback have work to do).
        self.in_transaction = False
        self.cache = StatementCache(params.statement_cache_size)
        #: Fast-path routine handles by signature (``_core.fastpath``); they belong to the
        #: database, so opening one clears them.
        self.routines: dict[str, int] = {}
        #: Results of cursors dropped without close (appended by finalizers from any thread;
        #: ``execution.reap`` finishes them under the connection's lock).
        self.abandoned: collections.deque[Result] = collections.deque()

    def abandon(self, result: Result) -> None:
        """A cursor was dropped with ``result`` unfinished (safe from finalizers)."""
        if not result.finished:
            self.abandoned.append(result)

    @property
    def fetch_size(self) -> int:
        """NFETCH buffer size: the configured size, capped by what the framing can express
        (capability bit 63 makes it an int, else a short; IfxSqliConnect.getMaxFetchBufSize)."""
        return min(self.params.fetch_buffer_size, self.wire.caps.max_fetch_buffer)

    # -- connect and disconnect ----------------------------------------------------------------

    def connect(self) -> Op[None]:
        """Login, then session set-up and DBOPEN in one round trip."""
        yield from self._login()
        yield from self._start_session()

    def _login(self) -> Op[None]:
        p = self.params
        request = build_login_request(
            LoginParams(p.user, p.password, p.server, p.login_env(), app_name=p.app_name)
        )
        wire = self.wire
        wire.pending += 1
        yield request
        buffer = wire.buffer
        while len(buffer) < 2:
            yield None
        size = login_reply_size(bytes(buffer.data[buffer.start : buffer.start + 2]))
        while len(buffer) < size:
            yield None
        self.server_info = parse_login_reply(buffer.take(size))
        wire.pending -= 1

    def _start_session(self) -> Op[None]:
        wire = self.wire
        pdus = [
            wire.encode([m.Protocols(CLIENT_OFFER)]),
            wire.encode([m.Info(list(SESSION_ENV))]),
        ]
        database = self.params.database
        if database:
            pdus.append(wire.encode([m.DbOpen(self._encode_name(database))]))
        yield from wire.send(*pdus)
        replies = []
        for _ in pdus:
            replies.append((yield from wire.read_reply(Reply())))
        if replies[0].protocols is None:
            raise ProtocolError("the server did not answer SQ_PROTOCOLS with its capabilities")
        for reply in replies:
            reply.raise_error(self.encoding)
        if database:
            self._opened(database, replies[2])

    def _encode_name(self, name: str) -> bytes:
        try:
            return name.encode(self.encoding)
        except UnicodeEncodeError:
            raise InterfaceError(f"database name {name!r} is not {self.encoding}") from None

    def _opened(self, database: str, reply: Reply) -> None:
        flags = reply.done.warnings if reply.done is not None else 0
        self.database = database
        self.logged = bool(flags & DB_LOGGED)
        self.ansi = bool(flags & DB_ANSI)
        self.in_transaction = False
        self.cache.clear()
        self.routines.clear()

    def disconnect(self) -> Op[None]:
        """SQ_EXIT (a bare tag, no EOT) and its acknowledgement; the server rolls back an open
        transaction (sqli-facts §2.3)."""
        wire = self.wire
        wire.pending += 1
        yield m.encode_pdu(wire.caps, [m.Exit()], eot=False)
        yield from wire.read_exit()
        self.in_transaction = False

    def ping(self) -> Op[None]:
        """One round trip that changes nothing: an SQ_INFO environment message with no entries
        (the message JDBC sends at connect, sqli-facts §2.3, answered by a bare SQ_EOT)."""
        yield from self.wire.request([m.Info([])], Reply())

    # -- transactions ----------------------------------------------------------------------------

    def begin_pdus(self, statement_type: int) -> list[bytes]:
        """SQ_BEGIN to send before a statement, when one must open a transaction."""
        if (
            self.logged
            and not self.ansi
            and not self.autocommit
            and not self.in_transaction
            and statement_type not in TRANSACTION_CONTROL
        ):
            return [self.wire.encode([m.Begin()])]
        return []

    def commit_pdus(self, statement_type: int) -> list[bytes]:
        """SQ_CMMTWORK to send after a statement: ANSI databases in autocommit mode."""
        if self.ansi and self.autocommit and statement_type not in TRANSACTION_CONTROL:
            return [self.wire.encode([m.CommitWork()])]
        return []

    def note_begin(self, replies: Sequence[Reply]) -> None:
        """The pipelined SQ_BEGIN went through (its error, if any, is raised by the caller)."""
        if replies and replies[0].error is None:
            self.in_transaction = True

    def note_statement(self, statement_type: int, succeeded: bool) -> None:
        """Track transaction state from what the statement was (BEGIN / COMMIT / ROLLBACK WORK
        run as SQL) and the database kind."""
        if not succeeded:
            return
        if statement_type == StatementType.BEGIN_WORK:
            self.in_transaction = True
        elif statement_type in (
            StatementType.COMMIT_WORK,
            StatementType.ROLLBACK_WORK,
        ) or statement_type in (StatementType.DATABASE, StatementType.CLOSE_DATABASE):
            self.in_transaction = False
        elif self.ansi and self.logged and not self.autocommit:
            self.in_transaction = True

    def commit(self) -> Op[None]:
        """SQ_CMMTWORK when a transaction is open (JDBC ``sendCommit``)."""
        if self.in_transaction:
            yield from self.wire.request([m.CommitWork()], Reply())
            self.in_transaction = False

    def commit_now(self) -> Op[None]:
        """SQ_CMMTWORK whatever the tracked state (ANSI autocommit after a batch)."""
        yield from self.wire.request([m.CommitWork()], Reply())
        self.in_transaction = False

    def rollback(self) -> Op[None]:
        """SQ_RBWORK with savepoint 0 (without the short the server waits forever: sqli-facts
        §2.6) when a transaction is open."""
        if self.in_transaction:
            try:
                yield from self.wire.request([m.RollbackWork(0)], Reply())
            finally:
                self.in_transaction = False

    def set_autocommit(self, value: bool) -> Op[None]:
        """Switching autocommit on commits an open transaction (as JDBC's setAutoCommit does)."""
        if value and not self.autocommit:
            yield from self.commit()
        self.autocommit = value

    # -- savepoints ------------------------------------------------------------------------------

    def _check_savepoints(self) -> None:
        if not self.wire.caps.savepoints:
            raise NotSupportedError("the server does not support savepoints (capability bit 56)")
        if not self.logged:
            raise NotSupportedError("savepoints need a database with transaction logging")

    def savepoint(self, name: str) -> Op[None]:
        """SQ_SQLISETSVPT (JDBC ``sendSavepoint``), opening a transaction first if needed."""
        self._check_savepoints()
        wire = self.wire
        before = self.begin_pdus(StatementType.SAVEPOINT)
        yield from wire.send(*before, wire.encode([m.SetSavepoint(self._encode_name(name))]))
        begin = []
        for _ in before:
            begin.append((yield from wire.read_reply(Reply())))
        reply = yield from wire.read_reply(Reply())
        self.note_begin(begin)
        for r in begin:
            r.raise_error(self.encoding)
        reply.raise_error(self.encoding)
        if self.logged:
            self.in_transaction = True

    def rollback_to(self, name: str) -> Op[None]:
        """SQ_SQLIRBACKSVPT (JDBC ``sendRollbackSavepoint``)."""
        self._check_savepoints()
        yield from self.wire.request([m.RollbackSavepoint(self._encode_name(name))], Reply())

    def release_savepoint(self, name: str) -> Op[None]:
        """SQ_SQLIRELSVPT (JDBC ``sendReleaseSavepoint``)."""
        self._check_savepoints()
        yield from self.wire.request([m.ReleaseSavepoint(self._encode_name(name))], Reply())
