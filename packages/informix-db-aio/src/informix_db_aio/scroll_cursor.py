"""The asyncio scrollable cursor (``await conn.cursor(scrollable=True)``): the blocking
``informix_db.ScrollCursor`` with every round trip awaited, on the same moves
(``informix_db._core.cursor_state.ScrollState`` over ``_core.scroll``).

Positions are 1-based rows; ``rownumber`` is the position of the row last fetched (0 before the
first row, count + 1 after the last). Each SFETCH brings a buffer of rows, so moves within it cost
no round trip. A move that is cancelled leaves ``rownumber`` where it was: the connection finishes
its SFETCH in the background (the rows it brings stay in the cursor's window).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from informix_db._core.cursor_state import ScrollState
from informix_db_aio.cursor import Cursor

if TYPE_CHECKING:
    from informix_db_aio.connection import Connection  # noqa: F401 (the base class names it)


class ScrollCursor(ScrollState["Connection"], Cursor):
    """An asyncio cursor whose result can be walked in any direction until it is closed."""

    async def execute(self, operation: str, parameters: Any = None) -> ScrollCursor:
        """Like ``Cursor.execute``; a query opens a server scroll cursor (no rows fetched yet)."""
        await self._execute(operation, parameters)
        return self

    async def _move(self, position: int, *, from_end: bool = False) -> Any:
        """Fetch the row at ``position`` and stand on it; outside the result, stand before the
        first or after the last row and return None."""
        op = self._move_op(position, from_end=from_end)
        return self._land(await self._connection._run(op))

    # -- PEP 249 fetches -------------------------------------------------------------------------

    async def fetchone(self) -> Any:
        """The next row, or None after the last."""
        return await self._move(self._position() + 1)

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        n = self.arraysize if size is None else size
        out: list[Any] = []
        while len(out) < n:
            row = await self.fetchone()
            if row is None:
                break
            out.append(row)
        return out

    async def fetchall(self) -> list[Any]:
        """Every row after the current one."""
        out: list[Any] = []
        while (row := await self.fetchone()) is not None:
            out.append(row)
        return out

    async def scroll(self, value: int, mode: str = "relative") -> None:
        """Move so that ``fetchone`` returns the row at 0-based index ``value`` (absolute) or
        ``value`` rows on (relative); IndexError outside the result, position unchanged."""
        target = self._scroll_target(value, mode)
        row = await self._connection._run(self._row_at_op(target)) if target > 0 else None
        self._scrolled(target, row)

    # -- JDBC-style moves --------------------------------------------------------------------------

    async def fetch_next(self) -> Any:
        return await self.fetchone()

    async def fetch_prior(self) -> Any:
        """The row before the current one, or None before the first."""
        return await self._move(self._position() - 1)

    async def fetch_first(self) -> Any:
        return await self._move(1)

    async def fetch_last(self) -> Any:
        """The last row (one SFETCH LAST, which also tells the row count)."""
        return await self._move(-1, from_end=True)

    async def fetch_absolute(self, position: int) -> Any:
        """The row at 1-based ``position``; negative counts from the end (-1 is the last)."""
        return await self._move(position, from_end=position < 0)

    async def fetch_relative(self, offset: int) -> Any:
        """The row ``offset`` rows from the current one (0 re-reads it)."""
        return await self._move(self._position() + offset)
