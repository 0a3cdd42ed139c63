"""The blocking PEP 249 cursor: executes through its connection, streams rows batch by batch.

Rows arrive as the caller iterates: one NFETCH round trip per batch of about the fetch buffer size,
so memory stays bounded whatever the result size. Several cursors of one connection may be open
at once; each owns a server statement and addresses it by its id. State, checks and the choice
of core operation live in ``_core.cursor_state`` (shared with the asyncio cursor); this class
runs the operations over the connection. A cursor dropped without ``close`` is finished through
the connection's queue (no lock from a finalizer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from informix_db._core import execution, sqfile
from informix_db._core import statement as st
from informix_db._core.cursor_state import (
    BlobRead,
    CursorState,
    Description,
    ParameterRows,
    blob_write_channel,
    forward_steps,
    procedure_call,
)
from informix_db._core.sqfile import FileChannel

if TYPE_CHECKING:
    from informix_db.connection import Connection  # noqa: F401 (the base class names it)

__all__ = ["Cursor", "Description"]


class Cursor(CursorState["Connection"]):
    """A PEP 249 cursor (``Connection.cursor()``)."""

    # -- execution -------------------------------------------------------------------------------

    def execute(self, operation: str, parameters: Any = None) -> Cursor:
        """Prepare (or reuse from the statement cache) and run ``operation`` with ``?`` or ``:N``
        parameters; returns the cursor, so ``cur.execute(...).fetchone()`` works."""
        self._execute(operation, parameters)
        return self

    def _execute(self, operation: str, parameters: Any, files: FileChannel | None = None) -> None:
        op = self._execute_op(operation, parameters, files)
        self._adopt(self._connection._run(op))

    def executemany(self, operation: str, seq_of_parameters: Iterable[Any]) -> None:
        """Run ``operation`` once per parameter sequence, pipelined; ``rowcount`` is the total.
        A failure names the failing row (``exc.row_index``, 0-based), whether the server
        refused it or it could not be read or converted; rows before it ran."""
        op = self._executemany_op(operation, ParameterRows(seq_of_parameters))
        self._adopt_batch(self._connection._run(op))

    def callproc(self, procname: str, parameters: Sequence[Any] = ()) -> Sequence[Any]:
        """``EXECUTE PROCEDURE procname(?, ...)``; a routine that returns values leaves them as a
        result set to fetch. Informix routines have no OUT parameters over SQLI, so the input
        sequence comes back unchanged (PEP 249)."""
        sql, params = procedure_call(procname, parameters)
        self.execute(sql, params)
        return params

    # -- smart large objects through client files (SQ_FILE) --------------------------------------

    def read_blob_column(
        self, operation: str, parameters: Any = None, *, into: IO[bytes] | None = None
    ) -> Any:
        """The BLOB or CLOB content of the first row of ``SELECT <column> FROM ...``: run as
        ``lotofile(column, ..., 'client')``, the server sends it over SQ_FILE. Returns bytes, or
        with ``into`` (a binary file) writes it there and returns the byte count; None for NULL
        or no row."""
        sql = sqfile.lotofile_sql(operation)
        reading = BlobRead(into)
        self._execute(sql, parameters, reading.channel)
        try:
            row = self._next_raw(self._open_result())
        finally:
            self._detach()
        return reading.outcome(row)

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
        channel = blob_write_channel(blob_data)
        self._execute(sqfile.filetoblob_sql(operation, clob), params, channel)

    # -- fetching --------------------------------------------------------------------------------

    def _fetch_batch(self, result: st.Result) -> None:
        self._connection._run(execution.fetch(self._session, result))
        self._fetched(result)

    def _next_raw(self, result: st.Result) -> tuple[Any, ...] | None:
        while not result.rows and not result.ended:
            self._fetch_batch(result)
        return self._pop(result)

    def fetchone(self) -> Any:
        result = self._open_result()
        rows = result.rows
        while not rows and not result.ended:
            self._fetch_batch(result)
        return self._pop_made(rows) if rows else None

    def fetchmany(self, size: int | None = None) -> list[Any]:
        result = self._open_result()
        n = self.arraysize if size is None else size
        while len(result.rows) < n and not result.ended:
            self._fetch_batch(result)
        return self._take(result, n)

    def fetchall(self) -> list[Any]:
        result = self._open_result()
        while not result.ended:
            self._fetch_batch(result)
        return self._take(result, None)

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
        steps = forward_steps(value, mode, self.rownumber)
        while steps := self._skip(result, steps):
            self._fetch_batch(result)

    def nextset(self) -> bool | None:
        """Informix statements return one result set: this closes it and returns None."""
        self._check()
        self._detach()
        return None

    # -- closing ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the cursor; its server cursor is closed with the connection's next request."""
        self._closed = True
        self._detach()

    def __enter__(self) -> Cursor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
