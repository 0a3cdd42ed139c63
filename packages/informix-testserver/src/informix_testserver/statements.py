"""A session's statement table and its cursors.

Ids are handed out lowest-free-first and reused after SQ_RELEASE, as a real server does (sqli-facts
part B §2: JDBC echoes the DESCRIBE id in every SQ_ID; the peer driver always sends id 0, which only
works when freed ids come back). Several statements may be open at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from informix_types import RowEncoder
from informix_wire.errors import ProtocolError
from informix_wire.messages.describe import Column

#: More statements than this per session is a client leak (IDS has a similar per-session limit).
MAX_STATEMENTS = 32767


@dataclass(eq=False)
class Cursor:
    """An open result: rows stream from the engine and leave as TUPLE payloads."""

    #: ``informix_types.row_encoder`` of the statement's DESCRIBE.
    encode: RowEncoder
    result: Any
    rows: Iterator[tuple[Any, ...]]
    fetched: int = 0
    exhausted: bool = False
    #: Every row seen so far, kept only for scroll cursors (SQ_SFETCH moves backwards).
    cache: list[bytes] | None = None
    position: int = 0

    def next_payload(self) -> bytes | None:
        """The next row encoded, or None at the end."""
        if self.exhausted:
            return None
        try:
            row = next(self.rows)
        except StopIteration:
            self.exhausted = True
            return None
        self.fetched += 1
        payload = self.encode(row)
        if self.cache is not None:
            self.cache.append(payload)
        return payload

    def close(self) -> None:
        self.exhausted = True
        close = getattr(self.result, "close", None)
        if close is not None:
            close()


@dataclass(eq=False)
class Statement:
    """A prepared statement and what the client attached to it."""

    id: int
    prepared: Any
    #: The wire DESCRIBE of the result columns, their tuple size and the row encoder planned
    #: for them, all made once at PREPARE.
    columns: list[Column]
    tuple_size: int
    encode: RowEncoder
    params: list[object] = field(default_factory=list)
    cursor_name: str = ""
    cursor: Cursor | None = None
    scroll: bool = False
    hold: bool = False
    autofree: bool = False

    def close_cursor(self) -> None:
        if self.cursor is not None:
            self.cursor.close()
            self.cursor = None


class StatementTable:
    """Statements by id; the lowest free id is handed out first."""

    def __init__(self) -> None:
        self._by_id: dict[int, Statement] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def add(
        self, prepared: Any, columns: list[Column], tuple_size: int, encode: RowEncoder
    ) -> Statement:
        sid = 0
        while sid in self._by_id:
            sid += 1
        if sid >= MAX_STATEMENTS:
            raise ProtocolError(f"more than {MAX_STATEMENTS} statements open in one session")
        stmt = Statement(sid, prepared, columns, tuple_size, encode)
        self._by_id[sid] = stmt
        return stmt

    def get(self, sid: int) -> Statement | None:
        return self._by_id.get(sid)

    def release(self, sid: int) -> None:
        stmt = self._by_id.pop(sid, None)
        if stmt is not None:
            stmt.close_cursor()

    def close_cursors_at_end_of_transaction(self) -> None:
        """COMMIT and ROLLBACK close every cursor not declared WITH HOLD (SQ_HOLD), as IDS does: a
        later fetch gets -400."""
        for stmt in self._by_id.values():
            if not stmt.hold:
                stmt.close_cursor()

    def close_all(self) -> None:
        for sid in list(self._by_id):
            self.release(sid)
