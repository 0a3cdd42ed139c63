"""The blocking PEP 249 cursor: executes through its connection, streams rows batch by batch.

Rows arrive as the caller iterates: one NFETCH round trip per batch of about the fetch buffer size,
so memory stays bounded whatever the result size. Several cursors of one connection may be open
at once; each owns a server statement and addresses it by its id. A cursor dropped without
``close`` is finished by its finalizer through the connection's queue (no lock from a finalizer).
"""

from __future__ import annotations

import io
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from informix_db._core import execution, sqfile, types_bridge
from informix_db._core import statement as st
from informix_db._core.placeholders import parse_sql
from informix_db._core.results import Message
from informix_db._core.sqfile import FileChannel
from informix_db._core.wire import Op
from informix_db.rows import RowMaker
from informix_wire.errors import (
    InterfaceError,
    NotSupportedError,
    ProgrammingError,
)
from informix_wire.typecodes import TYPE_MASK, ExtendedId, TypeCode

if TYPE_CHECKING:
    from informix_db.connection import Connection

Description = tuple[str, int, int | None, int | None, int | None, int | None, bool | None]

#: A routine name for callproc: identifiers with optional owner / database qualifiers.
_ROUTINE = re.compile(r'^[\w$]+(?:[.:@][\w$]+)*$|^"[^"]+"(?:\.[\w$]+)?$')


def _params(params: Any) -> Sequence[Any]:
    if params is None:
        return ()
    if isinstance(params, (str, bytes, bytearray)) or not isinstance(params, Sequence):
        raise ProgrammingError(
            "parameters must be a sequence (tuple or list) matching the ? or :N markers"
        )
    return params


def _type_code(column: Any) -> int:
    """The description type code: the base type, with BOOLEAN and LVARCHAR UDTs named as such."""
    base: int = column.type & TYPE_MASK
    if base == TypeCode.UDTFIXED and column.extended_id == ExtendedId.BOOLEAN:
        return int(TypeCode.BOOL)
    if base == TypeCode.UDTVAR and column.extended_id == ExtendedId.LVARCHAR:
        return int(TypeCode.LVARCHAR)
    return base


class Cursor:
    """A PEP 249 cursor (``Connection.cursor()``)."""

    #: Rows ``fetchmany()`` returns by default.
    arraysize = 1

    def __init__(
        self, connection: Connection, row_factory: Callable[[Any], RowMaker | None]
    ) -> None:
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

    # -- attributes ----------------------------------------------------------------------------

    @property
    def connection(self) -> Connection:
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

    # -- execution -------------------------------------------------------------------------------

    def _check(self) -> None:
        if self._closed:
            raise InterfaceError("the cursor is closed")
        self._connection._check_open()

    def _detach(self) -> st.Result | None:
        """Forget the current result (its finishing is left to the caller's operation)."""
        result, self._result = self._result, None
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        self._description = None
        self._make_row = None
        self.rownumber = None
        self.messages = []
        return result

    def _finishing(self, old: st.Result | None, op: Op[Any]) -> Op[Any]:
        """``op``, after finishing the cursor's previous result (under the same lock)."""
        if old is not None:
            execution.finish(self._session, old)
        return (yield from op)

    def execute(self, operation: str, parameters: Any = None) -> Cursor:
        """Prepare (or reuse from the statement cache) and run ``operation`` with ``?`` or ``:N``
        parameters; returns the cursor, so ``cur.execute(...).fetchone()`` works."""
        self._execute(operation, parameters)
        return self

    def _execute(self, operation: str, parameters: Any, files: FileChannel | None = None) -> None:
        self._check()
        if not isinstance(operation, str):
            raise ProgrammingError("the SQL operation must be a str")
        old = self._detach()
        self._rowcount, self._lastrowid = -1, None
        parsed = parse_sql(operation)
        values = st.bind_values(parsed.arrange(_params(parameters)), self._session.encoding)
        op = execution.execute(self._session, parsed, values, files)
        result: st.Result = self._connection._run(self._finishing(old, op))
        self._adopt(result)

    # -- smart large objects through client files (SQ_FILE) --------------------------------------

    def read_blob_column(
        self, operation: str, parameters: Any = None, *, into: IO[bytes] | None = None
    ) -> Any:
        """The BLOB or CLOB content of the first row of ``SELECT <column> FROM ...``: run as
        ``lotofile(column, ..., 'client')``, the server sends it over SQ_FILE. Returns bytes, or
        with ``into`` (a binary file) writes it there and returns the byte count; None for NULL
        or no row."""
        sink = into if into is not None else io.BytesIO()
        start = sink.tell() if into is not None else 0
        channel = FileChannel(sink=sink)
        self._execute(sqfile.lotofile_sql(operation), parameters, channel)
        try:
            row = self.fetchone()
        finally:
            self._finish()
        if row is None or next(iter(row.values() if isinstance(row, dict) else row)) is None:
            return None
        if into is None:
            assert isinstance(sink, io.BytesIO)
            return sink.getvalue()
        return sink.tell() - start

    def write_blob_column(
        self,
        operation: str,
        blob_data: bytes | bytearray | memoryview | IO[bytes],
        params: Any = None,
        *,
        clob: bool = False,
    ) -> None:
        """Run ``operation`` with its ``BLOB_PLACEHOLDER`` as ``filetoblob(..., 'client')``
        (``filetoclob`` with ``clob=True``); the server reads ``blob_data`` (bytes or a seekable
        binary file, streamed in chunks) over SQ_FILE."""
        sqfile.source_size(blob_data)  # refuse a bad source before anything is sent
        channel = FileChannel(source=blob_data)
        self._execute(sqfile.filetoblob_sql(operation, clob), params, channel)

    def _adopt(self, result: st.Result) -> None:
        self.messages = list(result.messages)
        self._lastrowid = result.lastrowid
        self._rowcount = result.rowcount
        prepared = result.prepared
        if not prepared.returns_rows:
            return
        self._result = result
        self.rownumber = 0
        encoding = self._session.encoding
        self._description = [self._describe(c, encoding) for c in prepared.describe.columns]
        self._make_row = self.row_factory(self)
        if not result.finished:
            self._finalizer = weakref.finalize(self, self._session.abandon, result)

    @staticmethod
    def _describe(column: Any, encoding: str) -> Description:
        info = types_bridge.column_info(column)
        return (
            column.name.decode(encoding, "replace"),
            _type_code(column),
            info.display_size,
            info.internal_size,
            info.precision,
            info.scale,
            info.null_ok,
        )

    def executemany(self, operation: str, seq_of_parameters: Iterable[Any]) -> None:
        """Run ``operation`` once per parameter sequence, pipelined; ``rowcount`` is the total.
        A failure names the failing row (``exc.row_index``, 0-based); rows before it ran."""
        self._check()
        if not isinstance(operation, str):
            raise ProgrammingError("the SQL operation must be a str")
        old = self._detach()
        self._rowcount, self._lastrowid = -1, None
        parsed = parse_sql(operation)
        rows = (_params(p) for p in seq_of_parameters)
        op = execution.execute_many(self._session, parsed, rows)
        outcome: st.BatchOutcome = self._connection._run(self._finishing(old, op))
        self._rowcount = outcome.rowcount
        self._lastrowid = outcome.lastrowid
        self.messages = list(outcome.messages)

    def callproc(self, procname: str, parameters: Sequence[Any] = ()) -> Sequence[Any]:
        """``EXECUTE PROCEDURE procname(?, ...)``; a routine that returns values leaves them as a
        result set to fetch. Informix routines have no OUT parameters over SQLI, so the input
        sequence comes back unchanged (PEP 249)."""
        if not isinstance(procname, str) or not _ROUTINE.match(procname):
            raise ProgrammingError(f"{procname!r} is not a routine name")
        params = _params(parameters)
        markers = ", ".join("?" * len(params))
        self.execute(f"EXECUTE PROCEDURE {procname}({markers})", params)
        return params

    # -- fetching ----------------------------------------------------------------------------

    def _open_result(self) -> st.Result:
        self._check()
        if self._result is None:
            raise ProgrammingError("no result set: execute a statement that returns rows first")
        return self._result

    def _next_raw(self, result: st.Result) -> tuple[Any, ...] | None:
        rows = result.rows
        while not rows:
            if result.ended:
                return None
            self._connection._run(execution.fetch(self._session, result))
            self.messages.extend(result.messages[len(self.messages) :])
        self.rownumber = (self.rownumber or 0) + 1
        return rows.popleft()

    def fetchone(self) -> Any:
        result = self._open_result()
        row = self._next_raw(result)
        if row is None:
            return None
        make = self._make_row
        return row if make is None else make(row)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        result = self._open_result()
        n = self.arraysize if size is None else size
        out: list[Any] = []
        make = self._make_row
        while len(out) < n:
            row = self._next_raw(result)
            if row is None:
                break
            out.append(row if make is None else make(row))
        return out

    def fetchall(self) -> list[Any]:
        result = self._open_result()
        out: list[Any] = []
        make = self._make_row
        while True:
            rows = result.rows
            if rows:
                out.extend(rows if make is None else map(make, rows))
                self.rownumber = (self.rownumber or 0) + len(rows)
                rows.clear()
            if result.ended:
                return out
            self._connection._run(execution.fetch(self._session, result))

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row

    def scroll(self, value: int, mode: str = "relative") -> None:
        """Move within the result. Cursors are forward-only: only moves ahead are possible
        (NotSupportedError otherwise); past the end raises IndexError."""
        result = self._open_result()
        if mode == "relative":
            steps = value
        elif mode == "absolute":
            steps = value - (self.rownumber or 0)
        else:
            raise ProgrammingError(f"scroll mode {mode!r} is neither 'relative' nor 'absolute'")
        if steps < 0:
            raise NotSupportedError("the cursor is forward-only: it cannot move backwards")
        for _ in range(steps):
            if self._next_raw(result) is None:
                raise IndexError("scroll moved past the end of the result set")

    def nextset(self) -> bool | None:
        """Informix statements return one result set: this closes it and returns None."""
        self._check()
        if self._result is not None:
            self._finish()
        return None

    def setinputsizes(self, sizes: Any) -> None:
        """Accepted and ignored: parameter types come from the values (PEP 249 allows it)."""

    def setoutputsize(self, size: int, column: int | None = None) -> None:
        """Accepted and ignored: large values are never truncated."""

    # -- closing -------------------------------------------------------------------------------

    def _finish(self) -> None:
        old = self._detach()
        if old is not None and not old.finished and not self._connection.closed:
            self._connection._run(self._finishing(old, _nothing()))

    def close(self) -> None:
        """Close the cursor; its server cursor is closed with the connection's next request."""
        if self._closed:
            return
        self._closed = True
        try:
            self._finish()
        except InterfaceError:
            pass

    def __enter__(self) -> Cursor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _nothing() -> Op[None]:
    return
    yield  # a generator that does no I/O
