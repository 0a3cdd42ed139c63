"""The scrollable cursor (``conn.cursor(scrollable=True)``): random access over a server scroll
cursor, a buffer of rows per round trip (``_core.scroll``).

Positions are 1-based rows; ``rownumber`` is the position of the row last fetched, which is also
the 0-based index of the next row ``fetchone`` returns (0 before the first row, count + 1 after
the last). A move outside the result returns None and leaves the cursor before the first or after
the last row, as JDBC's ``ResultSet`` does. The moves themselves are decided in
``_core.cursor_state.ScrollState`` (shared with the asyncio scroll cursor).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from informix_db._core.cursor_state import ScrollState
from informix_db.cursor import Cursor

if TYPE_CHECKING:
    from informix_db.connection import Connection  # noqa: F401 (the base class names it)


class ScrollCursor(ScrollState["Connection"], Cursor):
    """A cursor whose result can be walked in any direction until it is closed."""

    def execute(self, operation: str, parameters: Any = None) -> ScrollCursor:
        """Like ``Cursor.execute``; a query opens a server scroll cursor (no rows fetched yet)."""
        self._execute(operation, parameters)
        return self

    def _move(self, position: int, *, from_end: bool = False) -> Any:
        """Fetch the row at ``position`` and stand on it; outside the result, stand before the
        first or after the last row and return None."""
        return self._land(self._connection._run(self._move_op(position, from_end=from_end)))

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
        target = self._scroll_target(value, mode)
        row = self._connection._run(self._row_at_op(target)) if target > 0 else None
        self._scrolled(target, row)

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
        return self._move(-1, from_end=True)

    def fetch_absolute(self, position: int) -> Any:
        """The row at 1-based ``position``; negative counts from the end (-1 is the last)."""
        return self._move(position, from_end=position < 0)

    def fetch_relative(self, offset: int) -> Any:
        """The row ``offset`` rows from the current one (0 re-reads it)."""
        return self._move(self._position() + offset)
