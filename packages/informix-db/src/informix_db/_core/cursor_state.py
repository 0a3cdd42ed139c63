"""What a cursor knows between round trips, shared by the blocking and the asyncio cursors.

``informix_db.Cursor`` and ``informix_db_aio.Cursor`` (and their scroll cursors) are thin shells
over the classes here: parameter checks, ``description``, rowcount / lastrowid / rownumber /
messages, the hand-back of results to the session, and the core operations each call runs are
all decided here, without I/O. A shell only adds the waiting: a blocking ``_run`` or an awaited
one, per round trip.

A result the cursor lets go of (a new execute, ``close``, ``nextset``, a dropped cursor) is
handed to the session at once (``Session.abandon``); the connection finishes it under its lock
before its next request (``execution.reap``). Nothing is lost when that request never runs (the
lock wait timed out, the caller was cancelled): the result waits in the queue for the next one.
"""

from __future__ import annotations

import collections
import io
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, Generic, Protocol, TypeVar

from informix_db._core import execution, scroll, sqfile, types_bridge
from informix_db._core import statement as st
from informix_db._core.placeholders import ParsedSql, parse_sql
from informix_db._core.results import Message
from informix_db._core.session import Session
from informix_db._core.sqfile import FileChannel
from informix_db._core.wire import Op
from informix_db.rows import RowMaker
from informix_wire.errors import Error, InterfaceError, NotSupportedError, ProgrammingError
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TYPE_MASK, ExtendedId, TypeCode

#: One ``cursor.description`` entry (PEP 249's seven items).
Description = tuple[str, int, int | None, int | None, int | None, int | None, bool | None]
RowFactory = Callable[[Any], RowMaker | None]

#: A routine name for callproc: identifiers with optional owner / database qualifiers.
ROUTINE_NAME = re.compile(r'^[\w$]+(?:[.:@][\w$]+)*$|^"[^"]+"(?:\.[\w$]+)?$')


def parameter_sequence(params: Any) -> Sequence[Any]:
    """``params`` as the sequence of values for the statement's markers (None: no values)."""
    if params is None:
        return ()
    if isinstance(params, (str, bytes, bytearray)) or not isinstance(params, Sequence):
        raise ProgrammingError(
            "parameters must be a sequence (tuple or list) matching the ? or :N markers"
        )
    return params


def type_code(column: Any) -> int:
    """The description type code: the base type, with BOOLEAN and LVARCHAR UDTs named as such."""
    base: int = column.type & TYPE_MASK
    if base == TypeCode.UDTFIXED and column.extended_id == ExtendedId.BOOLEAN:
        return int(TypeCode.BOOL)
    if base == TypeCode.UDTVAR and column.extended_id == ExtendedId.LVARCHAR:
        return int(TypeCode.LVARCHAR)
    return base


def describe_column(column: Any, encoding: str) -> Description:
    """A DESCRIBE column as PEP 249's seven items."""
    info = types_bridge.column_info(column)
    return (
        column.name.decode(encoding, "replace"),
        type_code(column),
        info.display_size,
        info.internal_size,
        info.precision,
        info.scale,
        info.null_ok,
    )


def procedure_call(procname: str, parameters: Sequence[Any]) -> tuple[str, Sequence[Any]]:
    """``callproc``'s SQL and parameters: ``EXECUTE PROCEDURE procname(?, ...)``."""
    if not isinstance(procname, str) or not ROUTINE_NAME.match(procname):
        raise ProgrammingError(f"{procname!r} is not a routine name")
    params = parameter_sequence(parameters)
    return f"EXECUTE PROCEDURE {procname}({', '.join('?' * len(params))})", params


class UnreadableRow(Sequence[Any]):
    """Stands for a parameter row that could not be produced: any use raises ``error``, so the
    batch binds it like a row the server refused (``statement.execute_many`` stops there, drains
    what is in flight and reports ``row_index``)."""

    def __init__(self, error: Error) -> None:
        self.error = error

    def __len__(self) -> int:
        raise self.error

    def __getitem__(self, index: Any) -> Any:
        raise self.error


class ParameterRows:
    """The parameter rows of an ``executemany``, read one at a time as the batch goes out.

    A row the iterable fails to produce (it raises) or that is not a sequence becomes an
    ``UnreadableRow``: the batch then fails at that index like a server error at that row
    (``Error.row_index``; the rows before it ran) and the connection stays in step. Once
    ``stopped`` (the asyncio caller was cancelled) it ends, so nothing more is sent.
    """

    def __init__(self, rows: Iterable[Any]) -> None:
        try:
            self._rows: Iterator[Any] | None = iter(rows)
        except TypeError:
            raise ProgrammingError("executemany needs an iterable of parameter sequences") from None
        self.stopped = False

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return self

    def __next__(self) -> Sequence[Any]:
        rows = self._rows
        if self.stopped or rows is None:
            raise StopIteration
        try:
            return parameter_sequence(next(rows))
        except StopIteration:
            raise
        except Error as exc:
            error = exc
        except Exception as exc:
            error = ProgrammingError(f"the parameter row could not be read: {exc!r}")
            error.__cause__ = exc
        self._rows = None  # nothing is read after a failed row
        return UnreadableRow(error)


class BlobRead:
    """The receiving end of one ``read_blob_column``: the value goes to ``into`` (a binary
    file) or, without one, to a buffer returned as bytes."""

    def __init__(self, into: IO[bytes] | None) -> None:
        self._into = into
        self._sink: IO[bytes] = io.BytesIO() if into is None else into
        self._start = 0 if into is None else into.tell()
        self.channel = FileChannel(sink=self._sink)

    def stop(self) -> None:
        """Write nothing more (the caller was cancelled; the rest is drained and dropped)."""
        self.channel.sink = None

    def outcome(self, row: tuple[Any, ...] | None) -> Any:
        """None for no row or NULL; else the bytes, or the byte count written to ``into``."""
        if row is None or row[0] is None:
            return None
        if self._into is None:
            assert isinstance(self._sink, io.BytesIO)
            return self._sink.getvalue()
        return self._sink.tell() - self._start


def blob_write_channel(blob_data: sqfile.Source) -> FileChannel:
    """The channel ``write_blob_column`` serves the value from; a bad source is refused here,
    before anything is sent."""
    sqfile.source_size(blob_data)
    return FileChannel(source=blob_data)


def forward_steps(value: int, mode: str, rownumber: int | None) -> int:
    """Rows a forward-only ``scroll(value, mode)`` skips (NotSupportedError for a move back)."""
    if mode == "relative":
        steps = value
    elif mode == "absolute":
        steps = value - (rownumber or 0)
    else:
        raise ProgrammingError(f"scroll mode {mode!r} is neither 'relative' nor 'absolute'")
    if steps < 0:
        raise NotSupportedError("the cursor is forward-only: it cannot move backwards")
    return steps


class CursorConnection(Protocol):
    """What a cursor uses of its connection besides running operations."""

    _session: Session
    #: Read by the cursor's per-row check (``_check_open`` raises the error).
    _closed: bool

    @property
    def closed(self) -> bool: ...

    def _check_open(self) -> None: ...


ConnT = TypeVar("ConnT", bound=CursorConnection)


class CursorState(Generic[ConnT]):
    """The state and I/O-free logic of a PEP 249 cursor; subclasses run the operations."""

    #: Rows ``fetchmany()`` returns by default.
    arraysize = 1

    def __init__(self, connection: ConnT, row_factory: RowFactory) -> None:
        self._connection = connection
        self._session = connection._session
        self.row_factory = row_factory
        self._result: st.Result | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None
        self._description: list[Description] | None = None
        self._make_row: RowMaker | None = None
        self._closed = False
        self._rowcount = -1
        self._lastrowid: int | None = None
        #: Warnings of the last operation, as (class, text) pairs (PEP 249 extension).
        self.messages: list[Message] = []
        #: 0-based index of the next row in the current result (PEP 249 extension).
        self.rownumber: int | None = None

    # -- attributes ------------------------------------------------------------------------------

    @property
    def connection(self) -> ConnT:
        return self._connection

    @property
    def description(self) -> list[Description] | None:
        """Seven items per column: name, type code, display size, internal size, precision,
        scale, null_ok. None for statements without result columns."""
        return self._description

    @property
    def rowcount(self) -> int:
        """Rows affected by the last DML (the total for executemany), or rows fetched so far for
        a query; -1 before any execute."""
        if self._result is not None and self._result.prepared.returns_rows:
            return self._result.fetched
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        """The SERIAL, SERIAL8 or BIGSERIAL value the last INSERT generated, else None."""
        return self._lastrowid

    @property
    def closed(self) -> bool:
        return self._closed or self._connection.closed

    def setinputsizes(self, sizes: Any) -> None:
        """Accepted and ignored: parameter types come from the values (PEP 249 allows it)."""

    def setoutputsize(self, size: int, column: int | None = None) -> None:
        """Accepted and ignored: large values are never truncated."""

    # -- starting an operation -------------------------------------------------------------------

    def _check(self) -> None:
        if self._closed:
            raise InterfaceError("the cursor is closed")
        self._connection._check_open()

    def _detach(self) -> None:
        """Let go of the current result: the session finishes it (CLOSE deferred, statement back
        to the cache) under the connection's lock before its next request."""
        result, self._result = self._result, None
        if result is not None:
            self._session.abandon(result)
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        self._description = None
        self._make_row = None
        self.rownumber = None
        self.messages = []

    def _begin(self, operation: str) -> ParsedSql:
        self._check()
        if not isinstance(operation, str):
            raise ProgrammingError("the SQL operation must be a str")
        self._detach()
        self._rowcount, self._lastrowid = -1, None
        return parse_sql(operation)

    def _execute_op(
        self, operation: str, parameters: Any, files: FileChannel | None = None
    ) -> Op[st.Result]:
        """The operation ``execute`` runs (the previous result let go, parameters converted)."""
        parsed = self._begin(operation)
        values = st.bind_values(parsed.arrange(parameter_sequence(parameters)), self._encoding)
        return self._statement_op(parsed, values, files)

    def _statement_op(
        self, parsed: ParsedSql, values: list[TypedValue], files: FileChannel | None
    ) -> Op[st.Result]:
        return execution.execute(self._session, parsed, values, files)

    def _executemany_op(self, operation: str, rows: ParameterRows) -> Op[st.BatchOutcome]:
        parsed = self._begin(operation)
        return execution.execute_many(self._session, parsed, rows)

    @property
    def _encoding(self) -> str:
        return self._session.encoding

    # -- taking an operation's outcome -----------------------------------------------------------

    def _adopt(self, result: st.Result) -> None:
        self.messages = list(result.messages)
        self._lastrowid = result.lastrowid
        self._rowcount = result.rowcount
        prepared = result.prepared
        if not prepared.returns_rows:
            return
        self._result = result
        self.rownumber = 0
        described = prepared.description
        if described is None:
            encoding = self._encoding
            columns = prepared.describe.columns
            described = prepared.description = tuple(describe_column(c, encoding) for c in columns)
        self._description = list(described)  # the caller's own list: the statement's stays intact
        self._make_row = self.row_factory(self)
        if not result.finished:
            self._finalizer = weakref.finalize(self, self._session.abandon, result)

    def _adopt_batch(self, outcome: st.BatchOutcome) -> None:
        self._rowcount = outcome.rowcount
        self._lastrowid = outcome.lastrowid
        self.messages = list(outcome.messages)

    # -- rows ------------------------------------------------------------------------------------

    def _open_result(self) -> st.Result:
        """The current result; raises like ``_check``, or ProgrammingError without one. Runs
        once per ``fetchone``: the usual case is tested in one expression."""
        result = self._result
        if result is None or self._closed or self._connection._closed:
            self._check()
            raise ProgrammingError("no result set: execute a statement that returns rows first")
        return result

    def _fetched(self, result: st.Result) -> None:
        """A batch arrived: its warnings join ``messages``."""
        self.messages.extend(result.messages[len(self.messages) :])

    def _made(self, row: tuple[Any, ...] | None) -> Any:
        make = self._make_row
        return row if row is None or make is None else make(row)

    def _pop(self, result: st.Result) -> tuple[Any, ...] | None:
        """The next buffered row as decoded (None when none is buffered)."""
        rows = result.rows
        if not rows:
            return None
        self.rownumber = (self.rownumber or 0) + 1
        return rows.popleft()

    def _pop_made(self, rows: collections.deque[tuple[Any, ...]]) -> Any:
        """The first of the buffered ``rows`` (there is one), made; ``fetchone``'s per-row step,
        in one call."""
        self.rownumber = (self.rownumber or 0) + 1
        row = rows.popleft()
        make = self._make_row
        return row if make is None else make(row)

    def _take(self, result: st.Result, limit: int | None) -> list[Any]:
        """Up to ``limit`` buffered rows (all with None), made; they leave the buffer."""
        rows = result.rows
        n = len(rows) if limit is None else max(0, min(limit, len(rows)))
        if n == len(rows):
            taken = list(rows)
            rows.clear()
        else:
            popleft = rows.popleft
            taken = [popleft() for _ in range(n)]
        self.rownumber = (self.rownumber or 0) + n
        make = self._make_row
        return taken if make is None else list(map(make, taken))

    def _skip(self, result: st.Result, steps: int) -> int:
        """Drop up to ``steps`` buffered rows; the steps left (IndexError past the end)."""
        rows = result.rows
        n = min(steps, len(rows))
        for _ in range(n):
            rows.popleft()
        self.rownumber = (self.rownumber or 0) + n
        steps -= n
        if steps and result.ended:
            raise IndexError("scroll moved past the end of the result set")
        return steps


#: Where a scroll move landed (``rownumber`` after it) and the row there (None outside).
Landing = tuple[int, tuple[Any, ...] | None]


class ScrollState(CursorState[ConnT]):
    """A cursor over a server scroll cursor (``scroll.ScrollResult``): moves are core
    operations that say where they land; the shell applies the landing (``_land``) only when
    the operation completed, so a cancelled move leaves the position as it was."""

    @property
    def rowcount(self) -> int:
        """For a query: the row count once known (after ``fetch_last``, a negative absolute
        move or falling off the end), else -1; for other statements the rows affected."""
        result = self._result
        if isinstance(result, scroll.ScrollResult):
            return -1 if result.count is None else result.count
        return self._rowcount

    def _statement_op(
        self, parsed: ParsedSql, values: list[TypedValue], files: FileChannel | None
    ) -> Op[st.Result]:
        if files is not None:  # a client-file exchange (read_blob_column) reads forward
            return super()._statement_op(parsed, values, files)
        return scroll.open_cursor(self._session, parsed, values)

    def _scroll_result(self) -> scroll.ScrollResult:
        result = self._open_result()
        if not isinstance(result, scroll.ScrollResult) or result.finished:
            raise ProgrammingError("no open scroll cursor: execute a query first")
        return result

    def _position(self) -> int:
        return self.rownumber or 0

    def _move_op(self, position: int, *, from_end: bool = False) -> Op[Landing]:
        """The move to the 1-based ``position`` (from the end when ``from_end``: -1 is the
        last row): at most one SFETCH for the row, one SFETCH LAST for the count."""
        return _move(self._session, self._scroll_result(), position, from_end)

    def _land(self, landing: Landing) -> Any:
        self.rownumber, row = landing
        return self._made(row)

    def _scroll_target(self, value: int, mode: str) -> int:
        """The 0-based index ``scroll(value, mode)`` moves to (IndexError if negative)."""
        if mode == "relative":
            target = self._position() + value
        elif mode == "absolute":
            target = value
        else:
            raise ProgrammingError(f"scroll mode {mode!r} is neither 'relative' nor 'absolute'")
        self._scroll_result()
        if target < 0:
            raise IndexError(f"scroll to row index {target} is outside the result set")
        return target

    def _row_at_op(self, position: int) -> Op[tuple[Any, ...] | None]:
        return scroll.row_at(self._session, self._scroll_result(), position)

    def _scrolled(self, target: int, row: tuple[Any, ...] | None) -> None:
        """Stand before the row at index ``target`` once its row was found (``row``)."""
        if target > 0 and row is None:
            raise IndexError(f"scroll to row index {target} is outside the result set")
        self.rownumber = target


def _move(
    session: Session, result: scroll.ScrollResult, position: int, from_end: bool
) -> Op[Landing]:
    if from_end:
        position += (yield from scroll.row_count(session, result)) + 1
    row = yield from scroll.row_at(session, result, position)
    if row is not None:
        return position, row
    if position < 1:
        return 0, None
    return (yield from scroll.row_count(session, result)) + 1, None
