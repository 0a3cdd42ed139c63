"""The asyncio cursor: the sync cursor's behaviour, with every round trip awaited.

Rows stream batch by batch (one NFETCH round trip per batch) through the same core operations
the blocking ``informix_db.Cursor`` uses; parameter checks and ``description`` come from that
module too, so both drivers describe and convert alike. A fetch cancelled mid-batch loses
nothing: the connection finishes the batch in the background and the next fetch sees its rows.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from informix_db._core import execution
from informix_db._core import statement as st
from informix_db._core.placeholders import parse_sql
from informix_db._core.results import Message
from informix_db.cursor import _ROUTINE, Description, _params
from informix_db.cursor import Cursor as _SyncCursor
from informix_db.rows import RowMaker
from informix_wire.errors import InterfaceError, NotSupportedError, ProgrammingError

if TYPE_CHECKING:
    from informix_db_aio.connection import Connection


class _Stoppable:
    """The parameter rows of an ``executemany``; once stopped (its caller was cancelled) it
    ends early, so the batch drains what is in flight and sends nothing more."""

    def __init__(self, rows: Iterable[Any]) -> None:
        self._rows = iter(rows)
        self.stopped = False

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return self

    def __next__(self) -> Sequence[Any]:
        if self.stopped:
            raise StopIteration
        return _params(next(self._rows))


class Cursor:
    """An asyncio cursor (``await Connection.cursor()``)."""

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
        """Seven items per column, as ``informix_db.Cursor.description``; None for statements
        without result columns."""
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

    # -- execution -----------------------------------------------------------------------------

    def _check(self) -> None:
        if self._closed:
            raise InterfaceError("the cursor is closed")
        self._connection._check_open()

    def _detach(self) -> None:
        """Forget the current result; the connection finishes it (CLOSE deferred, statement back
        to the cache) under its lock before the next operation, whatever happens to this one."""
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

    def _orphan(self, result: st.Result) -> None:
        """The execute was cancelled after the server opened a cursor: close it unseen."""
        execution.finish(self._session, result)

    async def execute(self, operation: str, parameters: Any = None) -> Cursor:
        """Prepare (or reuse from the statement cache) and run ``operation`` with ``?`` or ``:N``
        parameters; returns the cursor."""
        self._check()
        if not isinstance(operation, str):
            raise ProgrammingError("the SQL operation must be a str")
        self._detach()
        self._rowcount, self._lastrowid = -1, None
        parsed = parse_sql(operation)
        values = st.bind_values(parsed.arrange(_params(parameters)), self._session.encoding)
        op = execution.execute(self._session, parsed, values)
        result: st.Result = await self._connection._run(op, self._orphan)
        self._adopt(result)
        return self

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
        columns = prepared.describe.columns
        self._description = [_SyncCursor._describe(c, encoding) for c in columns]
        self._make_row = self.row_factory(self)
        if not result.finished:
            self._finalizer = weakref.finalize(self, self._session.abandon, result)

    async def executemany(self, operation: str, seq_of_parameters: Iterable[Any]) -> None:
        """Run ``operation`` once per parameter sequence, pipelined; ``rowcount`` is the total.
        A failure names the failing row (``exc.row_index``). Cancelled, it sends no more rows
        and drains the replies in flight: the rows sent before ran."""
        self._check()
        if not isinstance(operation, str):
            raise ProgrammingError("the SQL operation must be a str")
        self._detach()
        self._rowcount, self._lastrowid = -1, None
        parsed = parse_sql(operation)
        rows = _Stoppable(seq_of_parameters)
        op = execution.execute_many(self._session, parsed, rows)
        try:
            outcome: st.BatchOutcome = await self._connection._run(op)
        except BaseException:
            rows.stopped = True
            raise
        self._rowcount = outcome.rowcount
        self._lastrowid = outcome.lastrowid
        self.messages = list(outcome.messages)

    async def callproc(self, procname: str, parameters: Sequence[Any] = ()) -> Sequence[Any]:
        """``EXECUTE PROCEDURE procname(?, ...)``; the input sequence comes back unchanged (no
        OUT parameters over SQLI), returned values are left as a result set."""
        if not isinstance(procname, str) or not _ROUTINE.match(procname):
            raise ProgrammingError(f"{procname!r} is not a routine name")
        params = _params(parameters)
        markers = ", ".join("?" * len(params))
        await self.execute(f"EXECUTE PROCEDURE {procname}({markers})", params)
        return params

    # -- fetching ------------------------------------------------------------------------------

    def _open_result(self) -> st.Result:
        self._check()
        if self._result is None:
            raise ProgrammingError("no result set: execute a statement that returns rows first")
        return self._result

    async def _next_raw(self, result: st.Result) -> tuple[Any, ...] | None:
        rows = result.rows
        while not rows:
            if result.ended:
                return None
            await self._connection._run(execution.fetch(self._session, result))
            self.messages.extend(result.messages[len(self.messages) :])
        self.rownumber = (self.rownumber or 0) + 1
        return rows.popleft()

    async def fetchone(self) -> Any:
        result = self._open_result()
        row = await self._next_raw(result)
        if row is None:
            return None
        make = self._make_row
        return row if make is None else make(row)

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        result = self._open_result()
        n = self.arraysize if size is None else size
        out: list[Any] = []
        make = self._make_row
        while len(out) < n:
            row = await self._next_raw(result)
            if row is None:
                break
            out.append(row if make is None else make(row))
        return out

    async def fetchall(self) -> list[Any]:
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
            await self._connection._run(execution.fetch(self._session, result))

    def __aiter__(self) -> Cursor:
        return self

    async def __anext__(self) -> Any:
        row = await self.fetchone()
        if row is None:
            raise StopAsyncIteration
        return row

    async def scroll(self, value: int, mode: str = "relative") -> None:
        """Move ahead within the result (cursors are forward-only: NotSupportedError for a move
        back); past the end raises IndexError."""
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
            if await self._next_raw(result) is None:
                raise IndexError("scroll moved past the end of the result set")

    async def nextset(self) -> bool | None:
        """Informix statements return one result set: this closes it and returns None."""
        self._check()
        self._detach()
        return None

    def setinputsizes(self, sizes: Any) -> None:
        """Accepted and ignored: parameter types come from the values."""

    def setoutputsize(self, size: int, column: int | None = None) -> None:
        """Accepted and ignored: large values are never truncated."""

    # -- closing -------------------------------------------------------------------------------

    async def close(self) -> None:
        """Close the cursor; its server cursor is closed with the connection's next request."""
        self._closed = True
        self._detach()

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
