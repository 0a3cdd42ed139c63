"""The scrollable cursor (``conn.cursor(scrollable=True)``): random access over a server scroll
cursor, a buffer of rows per round trip (``_core.scroll``).

Positions are 1-based rows; ``rownumber`` is the position of the row last fetched, which is also
the 0-based index of the next row ``fetchone`` returns (0 before the first row, count + 1 after
the last). A move outside the result returns None and leaves the cursor before the first or after
the last row, as JDBC's ``ResultSet`` does.
"""

from __future__ import annotations

from typing import Any

from informix_db._core import scroll
from informix_db._core import statement as st
from informix_db._core.placeholders import parse_sql
from informix_db.cursor import Cursor, _params
from informix_wire.errors import ProgrammingError


class ScrollCursor(Cursor):
    """A cursor whose result can be walked in any direction until it is closed."""

    def execute(self, operation: str, parameters: Any = None) -> ScrollCursor:
        """Like ``Cursor.execute``; a query opens a server scroll cursor (no rows fetched yet)."""
        self._check()
        if not isinstance(operation, str):
            raise ProgrammingError("the SQL operation must be a str")
        old = self._detach()
        self._rowcount, self._lastrowid = -1, None
        parsed = parse_sql(operation)
        values = st.bind_values(parsed.arrange(_params(parameters)), self._session.encoding)
        op = scroll.open_cursor(self._session, parsed, values)
        result: st.Result = self._connection._run(self._finishing(old, op))
        self._adopt(result)
        return self

    @property
    def rowcount(self) -> int:
        """For a query: the row count once known (after ``fetch_last``, a negative absolute
        move or falling off the end), else -1; for other statements the rows affected."""
        result = self._result
        if isinstance(result, scroll.ScrollResult):
            return -1 if result.count is None else result.count
        return self._rowcount

    def _scroll_result(self) -> scroll.ScrollResult:
        result = self._open_result()
        if not isinstance(result, scroll.ScrollResult) or result.finished:
            raise ProgrammingError("no open scroll cursor: execute a query first")
        return result

    def _position(self) -> int:
        return self.rownumber or 0

    def _move(self, position: int) -> Any:
        """Fetch the row at ``position`` and stand on it; outside the result, stand before the
        first or after the last row and return None."""
        result = self._scroll_result()
        session = self._session
        row = self._connection._run(scroll.row_at(session, result, position))
        if row is None:
            if position < 1:
                self.rownumber = 0
            else:
                count: int = self._connection._run(scroll.row_count(session, result))
                self.rownumber = count + 1
            return None
        self.rownumber = position
        make = self._make_row
        return row if make is None else make(row)

    def _count(self) -> int:
        result = self._scroll_result()
        count: int = self._connection._run(scroll.row_count(self._session, result))
        return count

    # -- PEP 249 fetches -------------------------------------------------------------------------

    def fetchone(self) -> Any:
        """The next row, or None after the last."""
        return self._move(self._position() + 1)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        n = self.arraysize if size is None else size
        out: list[Any] = []
        while len(out) < n:
            row = self.fetchone()
            if row is None:
                break
            out.append(row)
        return out

    def fetchall(self) -> list[Any]:
        """Every row after the current one."""
        out: list[Any] = []
        while (row := self.fetchone()) is not None:
            out.append(row)
        return out

    def scroll(self, value: int, mode: str = "relative") -> None:
        """Move so that ``fetchone`` returns the row at 0-based index ``value`` (absolute) or
        ``value`` rows on (relative); IndexError outside the result, position unchanged."""
        if mode == "relative":
            target = self._position() + value
        elif mode == "absolute":
            target = value
        else:
            raise ProgrammingError(f"scroll mode {mode!r} is neither 'relative' nor 'absolute'")
        result = self._scroll_result()
        if target < 0 or (
            target > 0
            and self._connection._run(scroll.row_at(self._session, result, target)) is None
        ):
            raise IndexError(f"scroll to row index {target} is outside the result set")
        self.rownumber = target

    # -- JDBC-style moves --------------------------------------------------------------------------

    def fetch_next(self) -> Any:
        return self.fetchone()

    def fetch_prior(self) -> Any:
        """The row before the current one, or None before the first."""
        return self._move(self._position() - 1)

    def fetch_first(self) -> Any:
        return self._move(1)

    def fetch_last(self) -> Any:
        """The last row (one SFETCH LAST, which also tells the row count)."""
        return self._move(self._count())

    def fetch_absolute(self, position: int) -> Any:
        """The row at 1-based ``position``; negative counts from the end (-1 is the last)."""
        if position < 0:
            position = self._count() + 1 + position
            if position < 1:
                self.rownumber = 0
                return None
        return self._move(position)

    def fetch_relative(self, offset: int) -> Any:
        """The row ``offset`` rows from the current one (0 re-reads it)."""
        return self._move(self._position() + offset)
