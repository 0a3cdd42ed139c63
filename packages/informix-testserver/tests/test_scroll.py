"""SQ_SFETCH on a scroll cursor: batches from the target position, TUPID, end of result."""

from __future__ import annotations

import struct

from sqli_doubles import Client

from informix_wire import messages as m

#: Each row of the fake engine's ``SELECT n`` is 4 + 1 + len("row i") bytes.
ROW = 4 + 1 + len("row 1")


def _open_scroll(client: Client, rows: int) -> None:
    client.request(m.Prepare(f"SELECT {rows}".encode(), 0), m.NDescribe(), m.WantDone())
    assert client.request(m.StatementId(0), m.CursorName(b"s1"), m.Scroll(), m.Open()) == []


def _ids(reply: list[object]) -> tuple[list[int], int | None]:
    ids = [struct.unpack_from(">i", t.payload)[0] for t in reply if isinstance(t, m.Tuple)]
    tupids = [t.position for t in reply if isinstance(t, m.TupleId)]
    return ids, (tupids[0] if tupids else None)


def _sfetch(client: Client, kind: int, target: int = 0, size: int = 4096) -> list[object]:
    return client.request(m.StatementId(0), m.SFetch(kind, target, size))


def test_absolute_fetch_sends_a_buffer_from_the_target(client: Client) -> None:
    _open_scroll(client, 9)
    # Room for three rows (each counts its size + 8 bytes of framing).
    ids, tupid = _ids(_sfetch(client, m.ScrollType.ABSOLUTE, 4, 3 * (ROW + 8)))
    assert (ids, tupid) == ([4, 5, 6], 4)
    # NEXT goes on after the batch: the server stands on the last row it sent.
    assert _ids(_sfetch(client, m.ScrollType.NEXT, 0, 1)) == ([7], 7)
    assert _ids(_sfetch(client, m.ScrollType.PRIOR, 0, 1)) == ([6], 6)
    assert _ids(_sfetch(client, m.ScrollType.RELATIVE, -4, 1)) == ([2], 2)
    assert _ids(_sfetch(client, m.ScrollType.FIRST)) == (list(range(1, 10)), 1)


def test_last_gives_the_row_count_and_outside_moves_answer_done(client: Client) -> None:
    _open_scroll(client, 5)
    assert _ids(_sfetch(client, m.ScrollType.LAST)) == ([5], 5)
    beyond = _sfetch(client, m.ScrollType.ABSOLUTE, 6)
    assert beyond == [m.Done(0, 0)]
    assert _sfetch(client, m.ScrollType.ABSOLUTE, 0) == [m.Done(0, 0)]
    # After falling off the end, PRIOR comes back to the last row.
    _sfetch(client, m.ScrollType.ABSOLUTE, 6)
    assert _ids(_sfetch(client, m.ScrollType.PRIOR, 0, 1)) == ([5], 5)


def test_sfetch_without_a_scroll_cursor_is_error_400(client: Client) -> None:
    client.request(m.Prepare(b"SELECT 2", 0), m.NDescribe(), m.WantDone())
    client.request(m.StatementId(0), m.CursorName(b"c1"), m.Open())
    (err,) = _sfetch(client, m.ScrollType.FIRST)
    assert isinstance(err, m.SqlErrorInfo)
    assert err.sqlcode == -400
