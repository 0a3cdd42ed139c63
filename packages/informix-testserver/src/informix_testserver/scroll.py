"""Scroll cursors: answering SQ_SFETCH with a buffer of rows from the target position on.

JDBC 4.50.10.1 reads a scroll fetch's reply as ``TUPLE* TUPID``, the TUPID naming the position of
the first tuple of the batch (``IfxSqli.receiveTupleId`` sets ``firstTuple = Tupid`` and
``lastTuple = firstTuple + tupleCount - 1``), and serves later moves that fall inside that range
from its buffer (``repositionIfInTupleBuffer``); its ``next()`` sends SCROLL NEXT, which moves on
from where the last batch ended. A move outside the result answers SQ_DONE with no tuple
(sqli-facts §2.11). Positions are 1-based; SFETCH(LAST)'s TUPID is the row count (§2.11).
"""

from __future__ import annotations

from informix_testserver.statements import Cursor
from informix_wire import messages as m
from informix_wire.capabilities import Capabilities
from informix_wire.codec import Writer

#: Per-tuple overhead counted against the client's buffer (tag, warning, size fields).
_TUPLE_OVERHEAD = 8


def target_position(cursor: Cursor, msg: m.SFetch) -> int:
    """The 1-based row an SFETCH asks for (may lie outside the result)."""
    kind = msg.scroll_type
    if kind == m.ScrollType.LAST:
        while cursor.next_payload() is not None:
            pass
        assert cursor.cache is not None
        return len(cursor.cache)
    if kind == m.ScrollType.FIRST:
        return 1
    if kind == m.ScrollType.NEXT:
        return cursor.position + 1
    if kind == m.ScrollType.PRIOR:
        return cursor.position - 1
    if kind == m.ScrollType.CURRENT:
        return cursor.position
    if kind == m.ScrollType.RELATIVE:
        return cursor.position + msg.target
    return msg.target


def scroll_fetch(cursor: Cursor, msg: m.SFetch, out: Writer, caps: Capabilities) -> None:
    """Rows from the target on, as many as the client's buffer holds (at least one), then
    SQ_TUPID with the target; SQ_DONE alone when the target is outside the result. The server
    position ends on the last row sent, so SCROLL NEXT continues after the batch."""
    cache = cursor.cache
    assert cache is not None
    target = target_position(cursor, msg)
    while len(cache) < target and cursor.next_payload() is not None:
        pass
    if not 1 <= target <= len(cache):
        cursor.position = 0 if target < 1 else len(cache) + 1
        m.Done(0, 0).encode(out, caps)
        return
    budget = max(msg.buffer_size, 1)
    position = target
    used = 0
    while True:
        payload = cache[position - 1]
        m.Tuple(payload).encode(out, caps)
        used += len(payload) + _TUPLE_OVERHEAD
        if msg.scroll_type == m.ScrollType.LAST or used >= budget:
            break
        if position == len(cache) and cursor.next_payload() is None:
            break
        if used + len(cache[position]) + _TUPLE_OVERHEAD > budget:
            break
        position += 1
    cursor.position = position
    m.TupleId(target).encode(out, caps)
