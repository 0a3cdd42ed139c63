"""One SQLI session: login, then request PDUs answered in order until SQ_EXIT or disconnect.

Requests are parsed with ``informix_wire.messages`` (every client message has no framing, so each
is decoded whole); replies are encoded with the same classes. Replies follow
what JDBC 4.50.10.1 reads (``IfxSqli.receiveMessage`` loops until SQ_EOT, dispatching on each tag)
and what the JDBC probe recorded (sqli-facts part B §2-3). A malformed PDU ends this session only.
"""

from __future__ import annotations

import logging
import socket
import struct
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from informix_testserver import (
    fastpath,
    lobs,
    login,
    scroll,
    smartlob,
    sqfile,
    xactstat,
)
from informix_testserver.engine import named_types
from informix_testserver.statements import Cursor, Statement, StatementTable
from informix_types import decode_typed
from informix_types.codecs import ENVELOPE, FIXED, codec_for
from informix_wire import messages as m
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import IDS15_REPLY, Capabilities
from informix_wire.codec import Incomplete, Reader, Writer
from informix_wire.errors import DataError, Error, NotSupportedError, ProtocolError
from informix_wire.messages.describe import Column
from informix_wire.tags import InfoType, StatementType, Tag

if TYPE_CHECKING:
    from informix_testserver.server import TestServer

log = logging.getLogger("informix_testserver")

#: -400 "Fetch attempted on unopen cursor"; -410 "Prepare statement failed or was not executed";
#: -404 "The cursor or statement is not available" (finderr).
_NOT_OPEN = -400
_NOT_PREPARED = -410
_NOT_AVAILABLE = -404
#: -999 "Not implemented yet" (finderr).
_NOT_IMPLEMENTED = -999
#: The IDESCRIBE type JDBC reads as "parameter type unknown" (IfxPreparedStatement.getColumnInfo).
_UNKNOWN_PARAM = 51
#: DBOPEN DONE warning bits (sqli-facts part B §2, JDBC OpenDbInit): logged, ANSI, OnLine server.
_DB_LOGGED, _DB_ANSI, _DB_ONLINE = 0x01, 0x02, 0x04
#: DATABASE and CREATE DATABASE (and START DATABASE) run as SQL also open a database: JDBC
#: reads the same warning bits from their SQ_DONE (IfxSqli.receiveDone: statement types 1, 12,
#: 38 -> setDatabaseOpen), so a DATABASE statement tells whether the new database is logged.
_OPENS_DATABASE = frozenset({1, 12, 38})


def _database_warnings(db: Any) -> int:
    """SQ_DONE warnings of a database open: OnLine server, logged, ANSI."""
    if db is None:
        return 0
    return _DB_ONLINE | (_DB_LOGGED if db.logged else 0) | (_DB_ANSI if db.ansi else 0)


class SessionClosed(Exception):
    """The client left (or a fault closed the session)."""


class SqlFailure(Exception):
    """An SQL error to answer with SQ_ERR; the rest of the PDU is skipped."""

    def __init__(self, sqlcode: int, isamcode: int = 0, near: str = "", offset: int = 0) -> None:
        super().__init__(sqlcode)
        self.info = m.SqlErrorInfo(sqlcode, isamcode, offset, near.encode("latin-1", "replace"))


def _as_failure(exc: Exception) -> SqlFailure | None:
    """The engine's SqlError (duck-typed on ``sqlcode``) as an SQ_ERR."""
    sqlcode = getattr(exc, "sqlcode", None)
    if not isinstance(sqlcode, int) or isinstance(exc, Error):
        return None
    return SqlFailure(
        sqlcode,
        int(getattr(exc, "isamcode", 0) or 0),
        str(getattr(exc, "near", "") or ""),
        int(getattr(exc, "offset", 0) or 0),
    )


#: Widths of the fixed-size types, which DESCRIBE also sends as their encoded length (sqli-facts
#: part B §2: INT is described with length 4; JDBC IfxRowColumn.setOffsetInTuple steps over a
#: fixed column by getColumnLength when the row has variable-length columns).
FIXED_WIDTH = {1: 2, 2: 4, 4: 4, 6: 4, 7: 4, 3: 8, 52: 8, 53: 8, 17: 10, 18: 10}


def describe_columns(columns: Any, encoding: str = "utf-8") -> tuple[list[Column], int]:
    """DESCRIBE columns with their start offsets, and the tuple size (JDBC receiveDescribe):
    the widest tuple, each column as wide as ``informix_types`` lays it out."""
    out: list[Column] = []
    start = 0
    for spec in columns:
        typ = spec.type_code | (0 if spec.nullable else 0x100)
        length = spec.length or FIXED_WIDTH.get(spec.type_code, 0)
        col = Column(spec.name.encode("utf-8"), typ, length, start)
        col.extended_id = spec.extended_id
        col.owner = spec.extended_owner.encode("utf-8")
        col.extended_name = spec.extended_name.encode("utf-8")
        out.append(col)
        codec = codec_for(col, encoding)
        if codec.layout == FIXED:
            start += codec.width
        elif codec.layout == ENVELOPE:
            start += 5 + length
        else:
            start += 1 + (length & 0xFF)
    return out, start


class Session:
    """Serves one client connection on the calling thread."""

    def __init__(self, sock: socket.socket, server: TestServer, peer: str) -> None:
        self.sock = sock
        self.server = server
        self.peer = peer
        self.caps = Capabilities()  # JDBC's presets until SQ_PROTOCOLS (IfxSqliConnect)
        self.buffer = ReadBuffer(limit=64 * 1024 * 1024)
        self.statements = StatementTable()
        self.current: Statement | None = None
        self.encoding = "latin-1"
        self.engine_session: Any = None
        self.sent = 0
        #: The last PDU was a PREPARE that failed: JDBC then sends ``SQ_ID(stale id) SQ_RELEASE``
        #: with the id of the statement it described before (IfxSqli.executeRelease(int) after
        #: the error; IfxSqli.statementID is only set by receiveDescribe), which must not free
        #: a statement that is still in use.
        self.failed_prepare = False
        self._handlers: dict[type, Callable[[Any, Writer], None]] = {
            m.Protocols: self._protocols,
            m.Info: self._info,
            m.DbOpen: self._dbopen,
            m.DbClose: self._dbclose,
            m.Prepare: self._prepare,
            m.Command: self._prepare,
            m.NDescribe: self._ndescribe,
            m.WantDone: self._wantdone,
            m.DescribeInput: self._describe_input,
            m.StatementId: self._statement_id,
            m.CursorName: self._curname,
            m.Bind: self._bind,
            m.Open: self._open,
            m.NFetch: self._nfetch,
            m.SFetch: self._sfetch,
            m.RetType: self._ignore,
            m.Execute: self._execute,
            m.Close: self._close,
            m.Release: self._release,
            m.Scroll: self._scroll,
            m.Hold: self._hold,
            m.AutoFree: self._autofree,
            m.Begin: self._begin,
            m.CommitWork: self._commit,
            m.RollbackWork: self._rollback,
            m.SetSavepoint: self._set_savepoint,
            m.ReleaseSavepoint: self._release_savepoint,
            m.RollbackSavepoint: self._rollback_savepoint,
            m.BatchStart: self._ignore,
            m.BatchEnd: self._ignore,
            m.GetDbList: self._db_list,
            m.GetRoutine: lambda msg, out: fastpath.get_routine(self, msg, out),
            m.ExecRoutine: lambda msg, out: fastpath.exec_routine(self, msg, out),
            m.BlobBind: lambda msg, out: lobs.on_blob_bind(self, msg, out),
            m.Blob: lambda msg, out: lobs.on_blob(self, msg, out),
            m.FetchBlob: lambda msg, out: lobs.on_fetch_blob(self, msg, out),
            m.LoData: lambda msg, out: smartlob.on_lodata(self, msg, out),
        }
        self.fastpath = fastpath.FastPath()
        self.blobs = lobs.BlobState()
        self.lobs = smartlob.SessionLobs()

    # -- the connection -------------------------------------------------------------------------

    def run(self) -> None:
        """Serve until the client exits; always release the engine session (rolls back)."""
        try:
            if self._login():
                self._serve()
        except SessionClosed:
            log.info("session %s: closed", self.peer)
        except (ProtocolError, OSError) as exc:
            log.warning("session %s: ended: %s", self.peer, exc)
        except Exception:
            log.exception("session %s: internal error", self.peer)
        finally:
            self.statements.close_all()
            self.lobs.end()
            if self.engine_session is not None:
                try:
                    self.engine_session.close()
                except Exception:
                    log.exception("session %s: engine close failed", self.peer)
            try:
                self.sock.close()
            except OSError:
                pass

    def _recv(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise SessionClosed()
        self.buffer.feed(chunk)

    def _send(self, data: bytes) -> None:
        faults = self.server.faults
        if faults.delay:
            time.sleep(faults.delay)
        limit = faults.drop_after_bytes
        if limit is not None and self.sent + len(data) > limit:
            self.sock.sendall(data[: max(0, limit - self.sent)])
            raise SessionClosed()
        self.sock.sendall(data)
        self.sent += len(data)

    def _login(self) -> bool:
        while len(self.buffer) < 2:
            self._recv()
        (length,) = struct.unpack(">H", self.buffer.take(2))
        if not 8 <= length <= login.MAX_LOGIN:
            raise ProtocolError(f"login PDU length {length}")
        while len(self.buffer) < length - 2:
            self._recv()
        request = login.parse_login(self.buffer.take(length - 2))
        server = self.server
        if server.config.log_pdus:
            log.info("session %s: login %r", self.peer, request)
        locale = request.env.get("CLIENT_LOCALE", "").lower()
        if "utf8" in locale or "57372" in locale:
            self.encoding = "utf-8"
        if server.faults.refuse_logins or not server.engine.authenticate(
            request.user, request.password or ""
        ):
            log.info("session %s: login rejected for %r", self.peer, request.user)
            self._send(login.reject_reply(server.config.server_name, login.BAD_LOGIN, request.user))
            return False
        self.engine_session = server.engine.session(request.user)
        self._send(login.accept_reply(server.config.server_name))
        return True

    def _serve(self) -> None:
        while True:
            while True:
                reader = self.buffer.reader()
                try:
                    pdu = m.read_request_pdu(reader, self.caps)
                    break
                except Incomplete:
                    self._recv()
            self.buffer.consume(reader.pos)
            if self.server.config.log_pdus:
                log.info("session %s: C->S %r", self.peer, pdu)
            names = [type(msg).tag.name for msg in pdu]
            faults = self.server.faults
            if faults.hits(faults.drop_at_message, names):
                raise SessionClosed()
            if faults.hits(faults.garbage_at_message, names):
                self._send(b"\x7f\xee" * 16)
                continue
            if len(pdu) == 1 and isinstance(pdu[0], m.Exit):
                self._exit()
                raise SessionClosed()
            if self._stale_release(pdu):
                self._send(struct.pack(">h", Tag.EOT))
                continue
            reply = self.handle(pdu)
            if self.server.config.log_pdus:
                self._log_reply(reply)
            self._send(reply)

    def _db_list(self, msg: m.GetDbList, out: Writer) -> None:
        """SQ_DBLIST (``DatabaseMetaData.getCatalogs``): every database name (JDBC
        IfxSqli.sendGetDBList / receiveDBList)."""
        names = [name.encode(self.encoding) for name in self.server.engine.database_names()]
        m.DbList(names).encode(out, self.caps)

    def _log_reply(self, reply: bytes) -> None:
        """Log a reply as the client will decode it (with the wire package's own decoder)."""
        try:
            messages: object = m.read_reply_pdu(Reader(reply), self.caps)
        except ProtocolError as exc:
            messages = f"undecodable ({exc}): {reply[:64].hex()}"
        log.info("session %s: S->C %r", self.peer, messages)

    def _stale_release(self, pdu: list[Any]) -> bool:
        """Whether this PDU is JDBC's release of a stale id right after a failed PREPARE."""
        stale = self.failed_prepare
        self.failed_prepare = False
        return (
            stale
            and len(pdu) == 2
            and isinstance(pdu[0], m.StatementId)
            and isinstance(pdu[1], m.Release)
        )

    def handle(self, pdu: list[Any]) -> bytes:
        """The reply to one request PDU: each message's output in order, then SQ_EOT. An SQL error
        answers with SQ_ERR and skips the rest of the PDU, as IDS does."""
        out = Writer()
        for msg in pdu:
            handler = self._handlers.get(type(msg))
            if handler is None:
                raise ProtocolError(f"the test server does not implement {type(msg).__name__}")
            try:
                try:
                    handler(msg, out)
                except SqlFailure:
                    raise
                except (NotSupportedError, DataError) as exc:
                    # A value this server cannot encode or decode: the request fails, the
                    # session (whose stream is still in step) goes on.
                    log.warning("session %s: %s", self.peer, exc)
                    raise SqlFailure(_NOT_IMPLEMENTED) from exc
                except Exception as exc:
                    failure = _as_failure(exc)
                    if failure is None:
                        raise
                    raise failure from exc
            except SqlFailure as failure:
                failure.info.encode(out, self.caps)
                self.failed_prepare = isinstance(msg, (m.Prepare, m.Command))
                break
        out.short(Tag.EOT)
        return out.getvalue()

    def _exit(self) -> None:
        """SQ_EXIT is answered by SQ_EXIT alone (sqli-facts part B §2); an open transaction is
        rolled back by the engine session's close."""
        self._send(struct.pack(">h", Tag.EXIT))

    # -- session-level messages -----------------------------------------------------------------

    def _protocols(self, msg: m.Protocols, out: Writer) -> None:
        """Answer with the IDS 15 mask and honour every bit of it from now on (JDBC keeps the
        server's bits: IfxSqliConnect.enhancedProtocolMechanism)."""
        m.Protocols(IDS15_REPLY).encode(out, self.caps)
        self.caps = Capabilities(IDS15_REPLY)

    def _info(self, msg: m.Info, out: Writer) -> None:
        """SQ_INFO ENV is only acknowledged (sqli-facts part B §2: a bare EOT)."""
        if msg.info_type == InfoType.REQUEST:
            raise ProtocolError("SQ_INFO requests for server information are not implemented")

    def _dbopen(self, msg: m.DbOpen, out: Writer) -> None:
        name = msg.database.decode(self.encoding)
        self._close_statements()
        info = self.engine_session.open_database(name, exclusive=bool(msg.mode))
        m.Done(_database_warnings(info)).encode(out, self.caps)

    def _dbclose(self, msg: m.DbClose, out: Writer) -> None:
        self._close_statements()
        self.engine_session.close_database()
        m.Done().encode(out, self.caps)

    def _close_statements(self) -> None:
        self.statements.close_all()
        self.current = None
        self.fastpath = fastpath.FastPath()  # routine handles belong to the database

    # -- statements ------------------------------------------------------------------------------

    def _prepare(self, msg: m.Prepare | m.Command, out: Writer) -> None:
        sql, plan = sqfile.plan_sql(msg.sql.decode(self.encoding))
        prepared = self.engine_session.prepare(sql)
        specs = sqfile.described(list(prepared.columns), plan) if plan else prepared.columns
        columns, size = describe_columns(specs, self.encoding)
        files = sqfile.written_columns(specs, plan) if plan else None
        encoder = named_types.row_encoder(specs, columns, self.encoding)  # named ROW columns
        encode = lobs.wrap_row_encoder(self, columns, encoder, files)
        if plan:
            self.blobs.plans[id(prepared)] = (prepared, plan)
        self.current = self.statements.add(prepared, columns, size, encode)

    def _stmt(self) -> Statement:
        if self.current is None:
            raise SqlFailure(_NOT_PREPARED)
        return self.current

    def _ndescribe(self, msg: m.NDescribe, out: Writer) -> None:
        """SQ_DESCRIBE with the statement's id, which JDBC echoes in each SQ_ID."""
        stmt = self._stmt()
        m.Describe(stmt.prepared.statement_type, stmt.id, 0, stmt.tuple_size, stmt.columns).encode(
            out, self.caps
        )

    def _wantdone(self, msg: m.WantDone, out: Writer) -> None:
        self._done(out, m.Done())

    def _done(self, out: Writer, done: m.Done) -> None:
        """SQ_DONE then SQ_COST, the pair IDS ends a PREPARE, EXECUTE or cursor with (sqli-facts
        §2.5-2.6, recorded by the peer driver; JDBC IfxSqli.receiveCost reads the estimates)."""
        done.encode(out, self.caps)
        m.Cost().encode(out, self.caps)

    def _describe_input(self, msg: m.DescribeInput, out: Writer) -> None:
        """SQ_IDESCRIBE: the parameter types the engine inferred at PREPARE (JDBC recvIDescribe;
        ``engine.param_types``), with NOT NULL as DESCRIBE sends it. JDBC converts each bound
        value to the described type; type 51 means "not known" and makes it bind the value's
        own type (IfxPreparedStatement.getColumnInfo)."""
        params: list[Column] = []
        for spec in self._stmt().prepared.param_types:
            if spec is None:
                params.append(Column(b"", _UNKNOWN_PARAM, 0))
            else:
                length = spec.length or FIXED_WIDTH.get(spec.type_code, 0)
                col = Column(b"", spec.type_code | (0 if spec.nullable else 0x100), length)
                col.extended_id = spec.extended_id
                col.owner = spec.extended_owner.encode("utf-8")
                col.extended_name = spec.extended_name.encode("utf-8")
                params.append(col)
        m.InputDescribe(params).encode(out, self.caps)

    def _statement_id(self, msg: m.StatementId, out: Writer) -> None:
        self.current = self.statements.get(msg.statement_id)
        if self.current is None:
            raise SqlFailure(_NOT_AVAILABLE)

    def _curname(self, msg: m.CursorName, out: Writer) -> None:
        self._stmt().cursor_name = msg.name.decode(self.encoding)

    def _bind(self, msg: m.Bind, out: Writer) -> None:
        if fastpath.bind_arguments(self, msg, out):
            return
        self._stmt().params = [decode_typed(v, self.encoding) for v in msg.values]

    def _open(self, msg: m.Open, out: Writer) -> None:
        stmt = self._stmt()
        stmt.close_cursor()
        result = self.engine_session.execute(stmt.prepared, sqfile.parameters(self, stmt))
        stmt.cursor = Cursor(
            stmt.encode, result, iter(result.rows), cache=[] if stmt.scroll else None
        )

    def _nfetch(self, msg: m.NFetch, out: Writer) -> None:
        """Tuples up to the client's fetch buffer (at least one); when the cursor runs out, SQ_DONE
        follows in the same reply, after the last tuple, as IDS sends the end of data with the
        last batch (sqli-facts part B §2, §2.5; JDBC IfxSqli.receiveMessage reads SQ_DONE after
        SQ_TUPLE in one reply). IDS sizes batches by the buffer (§3 "Fetching")."""
        stmt = self._stmt()
        cursor = stmt.cursor
        if cursor is None:
            raise SqlFailure(_NOT_OPEN)
        budget = max(msg.buffer_size, 1)
        used = 0
        while used < budget:
            payload = cursor.next_payload()
            if payload is None:
                self._done(out, m.Done(0, cursor.fetched))
                break
            m.Tuple(payload).encode(out, self.caps)
            used += len(payload) + 8

    def _sfetch(self, msg: m.SFetch, out: Writer) -> None:
        """Scroll fetch: a buffer of rows from the target on, then SQ_TUPID (``scroll``)."""
        cursor = self._stmt().cursor
        if cursor is None or cursor.cache is None:
            raise SqlFailure(_NOT_OPEN)
        scroll.scroll_fetch(cursor, msg, out, self.caps)

    def _ignore(self, msg: Any, out: Writer) -> None:
        """SQ_TYPE (the client's wanted output types: the server keeps its own) and the batch
        brackets need no answer."""

    def _execute(self, msg: m.Execute, out: Writer) -> None:
        """A statement without a cursor: SQ_INSERTDONE for SERIAL8/BIGSERIAL, then SQ_DONE with
        rows and serial (IfxSqli.receiveDone, receiveInsertDone)."""
        stmt = self._stmt()
        before = xactstat.level(self.engine_session)
        result = self.engine_session.execute(stmt.prepared, sqfile.parameters(self, stmt))
        try:
            if result.serial8 or result.bigserial:
                m.InsertDone(result.serial8, result.bigserial).encode(out, self.caps)
            warnings = 0
            if stmt.prepared.statement_type in _OPENS_DATABASE:
                warnings = _database_warnings(getattr(self.engine_session, "db", None))
            self._done(out, m.Done(warnings, max(result.rowcount, 0), 0, result.serial))
        finally:
            result.close()
        xactstat.report(self.engine_session, stmt.prepared.statement_type, before, out, self.caps)

    def _close(self, msg: m.Close, out: Writer) -> None:
        stmt = self._stmt()
        stmt.close_cursor()
        if stmt.autofree:
            self._release(m.Release(), out)

    def _release(self, msg: m.Release, out: Writer) -> None:
        if self.current is not None:
            self.statements.release(self.current.id)
            self.current = None

    def _scroll(self, msg: m.Scroll, out: Writer) -> None:
        self._stmt().scroll = True

    def _hold(self, msg: m.Hold, out: Writer) -> None:
        self._stmt().hold = True

    def _autofree(self, msg: m.AutoFree, out: Writer) -> None:
        self._stmt().autofree = True

    # -- transactions ----------------------------------------------------------------------------

    def _begin(self, msg: m.Begin, out: Writer) -> None:
        before = xactstat.level(self.engine_session)
        self.engine_session.begin()
        m.Done().encode(out, self.caps)
        xactstat.report(self.engine_session, StatementType.BEGIN_WORK, before, out, self.caps)

    def _commit(self, msg: m.CommitWork, out: Writer) -> None:
        before = xactstat.level(self.engine_session)
        self.statements.close_cursors_at_end_of_transaction()
        self.engine_session.commit()
        m.Done().encode(out, self.caps)
        xactstat.report(self.engine_session, StatementType.COMMIT_WORK, before, out, self.caps)

    def _rollback(self, msg: m.RollbackWork, out: Writer) -> None:
        before = xactstat.level(self.engine_session)
        self.statements.close_cursors_at_end_of_transaction()
        self.engine_session.rollback()
        m.Done().encode(out, self.caps)
        xactstat.report(self.engine_session, StatementType.ROLLBACK_WORK, before, out, self.caps)

    def _set_savepoint(self, msg: m.SetSavepoint, out: Writer) -> None:
        self.engine_session.savepoint(msg.name.decode(self.encoding))
        m.Done().encode(out, self.caps)

    def _release_savepoint(self, msg: m.ReleaseSavepoint, out: Writer) -> None:
        self.engine_session.release_savepoint(msg.name.decode(self.encoding))
        m.Done().encode(out, self.caps)

    def _rollback_savepoint(self, msg: m.RollbackSavepoint, out: Writer) -> None:
        self.engine_session.rollback_to_savepoint(msg.name.decode(self.encoding))
        m.Done().encode(out, self.caps)
