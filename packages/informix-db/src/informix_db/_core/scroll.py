"""Scroll cursors as sans-I/O operations: open with SQ_SCROLL, move with SQ_SFETCH.

Wire sequences (JDBC 4.50.10.1 ``IfxSqli.sendQuery`` with a scroll result set type and
``executeScrollFetch`` / ``sendScrollFetch``; sqli-facts §2.11):

- open: ``ID CURNAME [BIND] SCROLL OPEN`` -> (nothing but EOT); no NFETCH is chained.
- move: ``ID SFETCH(type, target, buffer)`` -> TUPLE* TUPID; the TUPID is the 1-based position
  of the first tuple (``receiveTupleId``: ``firstTuple = Tupid``, ``lastTuple = firstTuple +
  count - 1``), so one round trip brings a buffer of rows from the target on, and moves that land
  inside it cost nothing (``repositionIfInTupleBuffer``). A target outside the result answers
  SQ_DONE with no tuple. After SFETCH(LAST) the TUPID is the row count.

The driver moves with ABSOLUTE (or LAST to learn the count), as JDBC's ``absolute``,
``previous`` and ``relative`` do, so the server position never matters. The cursor stays open
until closed; other statements of the connection keep their own ids and work meanwhile.
"""

from __future__ import annotations

from typing import Any

from informix_db._core import execution, lobs
from informix_db._core import statement as st
from informix_db._core.placeholders import ParsedSql
from informix_db._core.results import Reply
from informix_db._core.session import Session
from informix_db._core.wire import Op
from informix_wire import messages as m
from informix_wire.messages.values import TypedValue


class ScrollResult(st.Result):
    """An open scroll cursor: the window of rows the last SFETCH brought, and the row count once
    known."""

    __slots__ = ("count", "window", "window_start")

    def __init__(self, prepared: st.Prepared) -> None:
        super().__init__(prepared)
        #: Rows at positions ``window_start .. window_start + len(window) - 1``.
        self.window: list[tuple[Any, ...]] = []
        self.window_start = 0
        #: Rows in the result, once SFETCH(LAST) (or an empty result) has told.
        self.count: int | None = None

    def cached(self, position: int) -> tuple[Any, ...] | None:
        """The row at ``position`` if the window holds it."""
        index = position - self.window_start
        if self.window and 0 <= index < len(self.window):
            return self.window[index]
        return None


def open_cursor(session: Session, parsed: ParsedSql, values: list[TypedValue]) -> Op[st.Result]:
    """Prepare (or reuse) and open ``parsed`` as a scroll cursor; a statement without result
    columns just runs (``execution.execute``) and its result comes back finished."""
    prepared = yield from execution.statement_for(session, parsed)
    if not prepared.returns_rows:
        session.cache.give_back(prepared)
        return (yield from execution.execute(session, parsed, values))
    wire = session.wire
    kind = prepared.statement_type
    before = session.begin_pdus(kind)
    sid = m.StatementId(prepared.statement_id)
    name = st.cursor_name()
    bind = [m.Bind(values), *lobs.blob_stream(values)] if values else []
    result = ScrollResult(prepared)
    try:
        yield from wire.send(
            *before, wire.encode([sid, m.CursorName(name), *bind, m.Scroll(), m.Open()])
        )
        began = []
        for _ in before:
            began.append((yield from wire.read_reply(Reply())))
        reply = yield from wire.read_reply(Reply())
    except BaseException:
        prepared.in_use = False  # the connection is out of step and will be closed
        raise
    session.note_begin(began)
    session.note_statement(kind, reply.error is None)
    if reply.error is not None:
        session.cache.forget(prepared)
        raise reply.error.to_exception(wire.encoding)
    for r in began:
        r.raise_error(session.encoding)
    result.open = True
    result.ended = False
    result.cursor_name = name
    result.messages.extend(reply.messages())
    return result


def _sfetch(session: Session, result: ScrollResult, kind: int, target: int) -> Op[bool]:
    """One SFETCH; the window becomes its rows. False when the target lies outside."""
    prepared = result.prepared
    reply = Reply(prepared.decode)
    message = m.SFetch(kind, target, session.fetch_size)
    yield from session.wire.request([m.StatementId(prepared.statement_id), message], reply)
    yield from st.resolve_blobs(session.wire, prepared, reply.rows)
    result.messages.extend(reply.messages())
    if not reply.rows or reply.tuple_id is None:
        return False
    result.window = reply.rows
    result.window_start = reply.tuple_id
    result.fetched += len(reply.rows)
    if kind == m.ScrollType.LAST:
        result.count = reply.tuple_id + len(reply.rows) - 1
    return True


def row_at(session: Session, result: ScrollResult, position: int) -> Op[tuple[Any, ...] | None]:
    """The row at the 1-based ``position`` (from the window, else one SFETCH ABSOLUTE that
    brings a buffer from there on); None outside the result."""
    if position < 1 or (result.count is not None and position > result.count):
        return None
    row = result.cached(position)
    if row is None and (yield from _sfetch(session, result, m.ScrollType.ABSOLUTE, position)):
        row = result.cached(position)
    return row


def row_count(session: Session, result: ScrollResult) -> Op[int]:
    """The number of rows (one SFETCH LAST the first time; its row joins the window)."""
    if result.count is None:
        found = yield from _sfetch(session, result, m.ScrollType.LAST, 0)
        if not found:
            result.count = 0
    assert result.count is not None
    return result.count
