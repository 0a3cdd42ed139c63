"""The asyncio cursor: the sync cursor's behaviour, with every round trip awaited.

Rows stream batch by batch (one NFETCH round trip per batch) through the same core operations
the blocking ``informix_db.Cursor`` uses; state, parameter checks and ``description`` come from
``informix_db._core.cursor_state``, so both drivers describe and convert alike.

Cancelled calls (the connection drains the reply in the background, see ``connection``): a fetch
cancelled mid-batch loses nothing (the next fetch sees the batch's rows); a cursor opened by a
cancelled ``execute`` is closed unseen; a cancelled ``executemany`` sends no more rows.

Client files (``read_blob_column`` / ``write_blob_column``) are read and written synchronously
inside the event loop, a piece at a time as the server asks (``_core.sqfile``: each write chunk
the server sends, 4 KiB from IBM servers; each read answer piece, at most 64 chunks of the buffer
size the server names), as the blocking driver does: the loop is held for one piece's local file
I/O, never for a whole value. Pass bytes or an in-memory file when even that is too slow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from informix_db._core import execution, sqfile
from informix_db._core import statement as st
from informix_db._core.cursor_state import (
    BlobRead,
    CursorState,
    ParameterRows,
    blob_write_channel,
    forward_steps,
    procedure_call,
)
from informix_db._core.sqfile import FileChannel

if TYPE_CHECKING:
    from informix_db_aio.connection import Connection  # noqa: F401 (the base class names it)


class Cursor(CursorState["Connection"]):
    """An asyncio cursor (``await Connection.cursor()``)."""

    # -- execution -------------------------------------------------------------------------------

    def _orphan(self, result: st.Result) -> None:
        """The execute was cancelled after the server opened a cursor: close it unseen."""
        execution.finish(self._session, result)

    async def execute(self, operation: str, parameters: Any = None) -> Cursor:
        """Prepare (or reuse from the statement cache) and run ``operation`` with ``?`` or ``:N``
        parameters; returns the cursor."""
        await self._execute(operation, parameters)
        return self

    async def _execute(
        self, operation: str, parameters: Any, files: FileChannel | None = None
    ) -> None:
        op = self._execute_op(operation, parameters, files)
        self._adopt(await self._connection._run(op, self._orphan))

    async def executemany(self, operation: str, seq_of_parameters: Iterable[Any]) -> None:
        """Run ``operation`` once per parameter sequence, pipelined; ``rowcount`` is the total.
        A failure names the failing row (``exc.row_index``), whether the server refused it or it
        could not be read or converted. Cancelled, it sends no more rows and drains the replies
        in flight: the rows sent before ran."""
        rows = ParameterRows(seq_of_parameters)
        op = self._executemany_op(operation, rows)
        try:
            outcome: st.BatchOutcome = await self._connection._run(op)
        except BaseException:
            rows.stopped = True
            raise
        self._adopt_batch(outcome)

    async def callproc(self, procname: str, parameters: Sequence[Any] = ()) -> Sequence[Any]:
        """``EXECUTE PROCEDURE procname(?, ...)``; the input sequence comes back unchanged (no
        OUT parameters over SQLI), returned values are left as a result set."""
        sql, params = procedure_call(procname, parameters)
        await self.execute(sql, params)
        return params

    # -- smart large objects through client files (SQ_FILE) --------------------------------------

    async def read_blob_column(
        self, operation: str, parameters: Any = None, *, into: IO[bytes] | None = None
    ) -> Any:
        """The BLOB or CLOB content of the first row of ``SELECT <column> FROM ...`` (run as
        ``lotofile(column, ..., 'client')``, sent over SQ_FILE): bytes, or with ``into`` (a
        binary file) the byte count written there; None for NULL or no row. Cancelled, nothing
        more is written to ``into``: the rest of the value is drained and dropped."""
        sql = sqfile.lotofile_sql(operation)
        reading = BlobRead(into)
        try:
            await self._execute(sql, parameters, reading.channel)
            row = await self._next_raw(self._open_result())
        except asyncio.CancelledError:
            reading.stop()
            raise
        finally:
            self._detach()
        return reading.outcome(row)

    async def write_blob_column(
        self,
        operation: str,
        blob_data: bytes | bytearray | memoryview | IO[bytes],
        params: Any = None,
        *,
        clob: bool = False,
    ) -> None:
        """Run ``operation`` with its ``BLOB_PLACEHOLDER`` as ``filetoblob(..., 'client')``
        (``filetoclob`` with ``clob=True``); the server reads ``blob_data`` (bytes or a seekable
        binary file, streamed in chunks) over SQ_FILE. Cancelled once the transfer began, it is
        finished in the background from the same source, which must stay open until then (if
        it fails, the connection is closed as broken)."""
        channel = blob_write_channel(blob_data)
        await self._execute(sqfile.filetoblob_sql(operation, clob), params, channel)

    # -- fetching --------------------------------------------------------------------------------

    async def _fetch_batch(self, result: st.Result) -> None:
        await self._connection._run(execution.fetch(self._session, result))
        self._fetched(result)

    async def _next_raw(self, result: st.Result) -> tuple[Any, ...] | None:
        while not result.rows and not result.ended:
            await self._fetch_batch(result)
        return self._pop(result)

    async def fetchone(self) -> Any:
        result = self._open_result()
        rows = result.rows
        while not rows and not result.ended:
            await self._fetch_batch(result)
        return self._pop_made(rows) if rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        result = self._open_result()
        n = self.arraysize if size is None else size
        while len(result.rows) < n and not result.ended:
            await self._fetch_batch(result)
        return self._take(result, n)

    async def fetchall(self) -> list[Any]:
        result = self._open_result()
        while not result.ended:
            await self._fetch_batch(result)
        return self._take(result, None)

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
        steps = forward_steps(value, mode, self.rownumber)
        while steps := self._skip(result, steps):
            await self._fetch_batch(result)

    async def nextset(self) -> bool | None:
        """Informix statements return one result set: this closes it and returns None."""
        self._check()
        self._detach()
        return None

    # -- closing ---------------------------------------------------------------------------------

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
