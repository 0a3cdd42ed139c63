"""Statements on the wire: prepare, bind, execute or open a cursor, fetch in batches, close and
release, each statement addressed by the id its SQ_DESCRIBE returned.

Sequences (JDBC 4.50.10.1 ``IfxSqli.sendPrepare`` / ``sendQuery`` / ``executeFetch`` and the
capture in docs/protocol.md "Sequences JDBC uses"; sqli-facts §2.5-2.6 and part B §3):

- prepare: ``PREPARE NDESCRIBE WANTDONE`` -> DESCRIBE DONE COST
- cursor: ``ID CURNAME [BIND] OPEN ID NFETCH`` -> TUPLE* [DONE]; more ``ID NFETCH`` until SQ_DONE
  arrives (the end of data comes as SQ_DONE in a reply; no empty extra round trip is needed once
  it has)
- no cursor: ``ID [BIND] EXECUTE`` -> [INSERTDONE] DONE COST
- end: ``ID CLOSE`` for a cursor, ``ID RELEASE`` for a statement; both are deferred and go out in
  the same write as the next request (``Wire.defer``), so they cost no round trip.

A failed statement stays allocated on the server until released (sqli-facts §3: otherwise every
later call fails with -255/-285), so every path that gives a statement up releases it.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from informix_db._core import lobs, types_bridge
from informix_db._core.results import Message, Reply
from informix_db._core.sqfile import FileChannel
from informix_db._core.wire import Op, RowDecoder, Wire
from informix_wire import messages as m
from informix_wire.errors import DatabaseError, Error, InterfaceError, ProtocolError
from informix_wire.messages.values import TypedValue
from informix_wire.tags import StatementType

#: Requests of an ``executemany`` in flight at once: their replies (~40 bytes each) always fit
#: the socket buffers, so neither side can block the other (sqli-facts §2.6: N pipelined
#: BIND+EXECUTE PDUs get N replies).
PIPELINE_WINDOW = 128
#: ... and at most this many request bytes in flight.
PIPELINE_BYTES = 256 * 1024
#: Statement types that end or start a transaction themselves: no implicit SQ_BEGIN before them
#: (sqli-facts §2.6: BEGIN WORK is 34, COMMIT 35, ROLLBACK 36; DATABASE statements change the
#: database).
TRANSACTION_CONTROL = frozenset(
    {
        StatementType.BEGIN_WORK,
        StatementType.COMMIT_WORK,
        StatementType.ROLLBACK_WORK,
        StatementType.DATABASE,
        StatementType.CLOSE_DATABASE,
        StatementType.CREATE_DATABASE,
        StatementType.DROP_DATABASE,
    }
)


class Prepared:
    """A statement prepared on the server: its id, description and row decoder, and what the
    driver works out from its DESCRIBE once rather than per execution."""

    __slots__ = (
        "blob_columns",
        "decode",
        "describe",
        "description",
        "in_use",
        "markers",
        "released",
        "sql",
        "wire",
    )

    def __init__(
        self, wire: Wire, sql: str, markers: int, describe: m.Describe, decode: RowDecoder | None
    ) -> None:
        self.wire = wire
        self.sql = sql
        self.markers = markers
        self.describe = describe
        self.decode = decode
        #: Indexes of the BYTE/TEXT columns, whose contents are fetched after each batch.
        self.blob_columns = lobs.blob_columns(describe.columns)
        #: ``cursor.description``'s items, made by the first cursor that needs them
        #: (``cursor_state``); kept here because a cached statement serves many executions.
        self.description: tuple[tuple[Any, ...], ...] | None = None
        #: A cursor is using it (a cached statement is handed to one cursor at a time).
        self.in_use = False
        self.released = False

    @property
    def statement_id(self) -> int:
        return self.describe.statement_id

    @property
    def statement_type(self) -> int:
        return self.describe.statement_type

    @property
    def returns_rows(self) -> bool:
        """It has output columns, so it runs as a cursor (SELECT, EXECUTE FUNCTION ...); sqli-facts
        §2.5: EXECUTE PROCEDURE has a result set only when DESCRIBE lists fields."""
        return bool(self.describe.columns)

    def release(self) -> None:
        """Free it on the server with the next request (idempotent)."""
        if not self.released:
            self.released = True
            self.wire.defer([m.StatementId(self.statement_id), m.Release()])


class StatementCache:
    """Prepared statements by SQL text, least recently used first; only idle ones are handed
    out or evicted."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: collections.OrderedDict[str, Prepared] = collections.OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def take(self, sql: str) -> Prepared | None:
        """The cached statement for ``sql`` if it is idle, marked in use."""
        prepared = self._entries.get(sql)
        if prepared is None or prepared.in_use:
            return None
        self._entries.move_to_end(sql)
        prepared.in_use = True
        return prepared

    def give_back(self, prepared: Prepared) -> None:
        """A cursor is done with ``prepared``: keep it (evicting the oldest idle ones), or release
        it when the cache is off or holds another statement for the same text."""
        prepared.in_use = False
        if prepared.released:
            return
        current = self._entries.get(prepared.sql)
        if self.size == 0 or (current is not None and current is not prepared):
            prepared.release()
            return
        self._entries[prepared.sql] = prepared
        self._entries.move_to_end(prepared.sql)
        if len(self._entries) > self.size:
            for sql, old in list(self._entries.items()):
                if len(self._entries) <= self.size:
                    break
                if not old.in_use:
                    del self._entries[sql]
                    old.release()

    def forget(self, prepared: Prepared) -> None:
        """Drop ``prepared`` from the cache and release it (it failed in a way that may leave it
        unusable)."""
        if self._entries.get(prepared.sql) is prepared:
            del self._entries[prepared.sql]
        prepared.release()

    def clear(self) -> None:
        """Forget everything without releasing (the server already freed it: new database)."""
        for prepared in self._entries.values():
            prepared.released = True
        self._entries.clear()


def prepare(wire: Wire, sql: str, markers: int) -> Op[Prepared]:
    """``PREPARE NDESCRIBE WANTDONE`` (one round trip); the statement and its row decoder."""
    reply = Reply()
    text = encode_sql(sql, wire.encoding)
    yield from wire.request([m.Prepare(text, markers), m.NDescribe(), m.WantDone()], reply)
    describe = reply.describe
    if describe is None:
        raise ProtocolError("the server answered SQ_PREPARE without SQ_DESCRIBE")
    decode = types_bridge.row_decoder(describe.columns, wire.encoding) if describe.columns else None
    return Prepared(wire, sql, markers, describe, decode)


def encode_sql(sql: str, encoding: str) -> bytes:
    try:
        return sql.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InterfaceError(
            f"the SQL text cannot be encoded in the client locale's {encoding}: {exc}"
        ) from None


def bind_values(params: Sequence[Any], encoding: str) -> list[TypedValue]:
    """Python parameters as SQ_BIND values (informix_types.bind_value)."""
    return [types_bridge.bind_value(value, encoding, i) for i, value in enumerate(params)]


class Result:
    """The outcome of one execution: a row stream for cursors, counts for the rest."""

    __slots__ = (
        "cursor_name",
        "ended",
        "fetched",
        "finished",
        "lastrowid",
        "messages",
        "open",
        "prepared",
        "rowcount",
        "rows",
    )

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.rows: collections.deque[tuple[Any, ...]] = collections.deque()
        #: The server cursor is open (CLOSE is owed).
        self.open = False
        #: SQ_DONE arrived: no more rows to fetch.
        self.ended = True
        self.fetched = 0
        #: The driver is done with it: cursor closed, statement handed back (execution.finish).
        self.finished = False
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.messages: list[Message] = []
        self.cursor_name = b""

    def absorb(self, reply: Reply) -> None:
        """Take a cursor reply's rows and end-of-data."""
        if reply.rows:
            self.rows.extend(reply.rows)
            self.fetched += len(reply.rows)
        self.messages.extend(reply.messages())
        if reply.ended or not reply.rows:  # an empty batch also ends it: never loop forever
            self.ended = True
        self.rowcount = self.fetched


_cursor_numbers = itertools.count(1)


def cursor_name() -> bytes:
    """A cursor name unique in this process: ``_ifxc`` and 13 digits, JDBC's form (its
    ``IfxResultSet`` names cursors ``_ifxc`` + a 13-digit number; sqli-facts part B §2)."""
    return b"_ifxc%013d" % next(_cursor_numbers)


class Outcome:
    """What ``run`` got back: the result, the replies of the pipelined ``before`` / ``after``
    PDUs, and the statement's own error (raised by the caller once the state is updated)."""

    __slots__ = ("after", "before", "error", "result")

    def __init__(self, result: Result) -> None:
        self.result = result
        self.before: list[Reply] = []
        self.after: list[Reply] = []
        self.error: DatabaseError | None = None


def run(
    wire: Wire,
    prepared: Prepared,
    values: list[TypedValue],
    fetch_size: int,
    before: Sequence[bytes] = (),
    after: Sequence[bytes] = (),
    files: FileChannel | None = None,
) -> Op[Outcome]:
    """Execute ``prepared`` (as a cursor when it returns rows, reading the first batch), with
    ``before`` / ``after`` PDUs (SQ_BEGIN, SQ_CMMTWORK) pipelined in the same write; ``files``
    serves SQ_FILE exchanges the statement starts (``sqfile``)."""
    result = Result(prepared)
    outcome = Outcome(result)
    sid = m.StatementId(prepared.statement_id)
    bind = [m.Bind(values)] if values else []
    if prepared.returns_rows:
        name = cursor_name()
        head: list[Any] = [sid, m.CursorName(name), *bind]
        tail: list[Any] = [m.Open(), sid, m.NFetch(fetch_size)]
        reply = Reply(prepared.decode)
    else:
        name = b""
        head, tail = [sid, *bind], [m.Execute()]
        reply = Reply()
    reply.files = files
    yield from wire.send_stream(before, lobs.request(wire, head, values, tail), after)
    for _ in before:
        outcome.before.append((yield from wire.read_reply(Reply())))
    yield from wire.read_reply(reply)
    for _ in after:
        outcome.after.append((yield from wire.read_reply(Reply())))
    if reply.error is not None:
        # A cursor whose OPEN failed was not opened: nothing to close.
        outcome.error = reply.error.to_exception(wire.encoding)
    elif prepared.returns_rows:
        result.open = True
        result.ended = False
        result.cursor_name = name
        try:
            yield from resolve_blobs(wire, prepared, reply.rows)
        except DatabaseError as exc:
            close(result)
            outcome.error = exc
            return outcome
        result.absorb(reply)
    else:
        result.rowcount = reply.rowcount
        result.lastrowid = reply.serial
        result.messages.extend(reply.messages())
    return outcome


def fetch(wire: Wire, result: Result, fetch_size: int) -> Op[None]:
    """The next batch of a cursor: ``ID NFETCH`` (one round trip)."""
    if result.ended:
        return
    sid = m.StatementId(result.prepared.statement_id)
    reply = Reply(result.prepared.decode)
    try:
        yield from wire.request([sid, m.NFetch(fetch_size)], reply)
        yield from resolve_blobs(wire, result.prepared, reply.rows)
    except DatabaseError:
        result.ended = True
        raise
    result.absorb(reply)


def resolve_blobs(wire: Wire, prepared: Prepared, rows: list[tuple[Any, ...]]) -> Op[None]:
    """Fetch the BYTE/TEXT contents of ``rows`` while the cursor is open (``lobs.resolve``)."""
    if rows and prepared.blob_columns:
        yield from lobs.resolve(wire, rows, prepared.blob_columns)


def close(result: Result) -> None:
    """Give the server cursor up: CLOSE goes out with the next request. Rows already received
    stay readable."""
    if result.open:
        result.open = False
        result.ended = True
        result.prepared.wire.defer([m.StatementId(result.prepared.statement_id), m.Close()])


class BatchOutcome:
    """What ``execute_many`` did: rows affected in total, the last serial, warnings."""

    __slots__ = ("began", "done", "error", "lastrowid", "messages", "rowcount")

    def __init__(self) -> None:
        #: The first failure, its message and ``row_index`` naming the row (-1: the SQ_BEGIN).
        self.error: Error | None = None
        #: The pipelined SQ_BEGIN went through.
        self.began = False
        self.rowcount = 0
        self.lastrowid: int | None = None
        self.messages: list[Message] = []
        #: Rows the server executed successfully.
        self.done = 0


def execute_many(
    wire: Wire,
    prepared: Prepared,
    rows: Iterable[Sequence[Any]],
    convert: Any,
    before: Sequence[bytes] = (),
) -> Op[BatchOutcome]:
    """Run ``prepared`` once per parameter row, pipelined: up to PIPELINE_WINDOW ``ID BIND
    EXECUTE`` PDUs (and PIPELINE_BYTES) in flight, one reply read for each. After the first
    failure nothing more is sent, the replies in flight are drained, and the error is raised with
    the failing row's index (``exc.row_index`` and in the message); the error is returned in
    ``outcome.error`` for the caller to raise once its state is updated.
    """
    outcome = BatchOutcome()
    sid = m.StatementId(prepared.statement_id)
    execute = m.Execute()
    failure: tuple[int, Error] | None = None
    source: Iterator[tuple[int, Sequence[Any]]] = enumerate(rows)
    in_flight: collections.deque[int] = collections.deque()
    first = True
    exhausted = False
    while True:
        batch: list[bytes] = []
        size = 0
        if failure is None and not exhausted and len(in_flight) <= PIPELINE_WINDOW // 2:
            while len(in_flight) + len(batch) < PIPELINE_WINDOW and size < PIPELINE_BYTES:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                index, params = item
                try:
                    values = convert(params)
                except Error as exc:
                    failure = (index, exc)
                    break
                pdu = wire.encode(
                    [sid, m.Bind(values), *lobs.blob_stream(values), execute]
                    if values
                    else [sid, execute]
                )
                batch.append(pdu)
                size += len(pdu)
                in_flight.append(index)
        if batch or (first and before):
            prefix = before if first else ()
            yield from wire.send(*prefix, *batch)
            for _ in prefix:
                begin = yield from wire.read_reply(Reply())
                if begin.error is None:
                    outcome.began = True
                elif failure is None:
                    failure = (-1, begin.error.to_exception(wire.encoding))
            first = False
        if not in_flight:
            break
        index = in_flight.popleft()
        reply = yield from wire.read_reply(Reply())
        if reply.error is not None:
            if failure is None or failure[0] > index:
                failure = (index, reply.error.to_exception(wire.encoding))
            continue
        outcome.done += 1
        outcome.rowcount += max(reply.rowcount, 0)
        serial = reply.serial
        if serial is not None:
            outcome.lastrowid = serial
        outcome.messages.extend(reply.messages())
    if failure is not None:
        index, error = failure
        if index >= 0:
            error.args = (f"{error.args[0] if error.args else error} (executemany row {index})",)
        error.row_index = index
        outcome.error = error
    return outcome
