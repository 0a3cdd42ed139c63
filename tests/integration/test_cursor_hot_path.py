"""What the cursors' per-row shortcuts (``CursorState._open_result`` / ``_pop_made``, the
description kept on the prepared statement) must keep: rows, positions and errors as before,
for the blocking and the asyncio cursor."""

from __future__ import annotations

from typing import Any

import pytest
from aio_support import connect as aio_connect
from aio_support import run
from driver_support import connect

import informix_db

pytestmark = pytest.mark.integration

#: Enough rows for many batches at the smallest fetch buffer.
QUERY = "SELECT a.tabid, b.tabid, a.tabname FROM systables a, systables b WHERE b.tabid < 20"


def test_fetchone_walks_every_batch_like_fetchall(informix_server: Any) -> None:
    conn = connect(informix_server, fetch_buffer_size=512, row_factory=informix_db.dict_row)
    cur = conn.cursor()
    expected = cur.execute(QUERY).fetchall()
    assert len(expected) > 200
    cur.execute(QUERY)
    seen = []
    for n, row in enumerate(cur, start=1):
        assert cur.rownumber == n
        seen.append(row)
    assert seen == expected
    assert isinstance(seen[0], dict)
    assert cur.fetchone() is None
    assert cur.rowcount == len(expected)
    conn.close()


def test_fetch_refuses_a_closed_cursor_or_connection_with_rows_buffered(
    informix_server: Any,
) -> None:
    conn = connect(informix_server)
    idle = conn.cursor()
    with pytest.raises(informix_db.ProgrammingError):
        idle.fetchone()
    cur = conn.cursor().execute(QUERY)
    assert cur.fetchone() is not None
    other = conn.cursor().execute(QUERY)
    other.close()
    with pytest.raises(informix_db.InterfaceError):
        other.fetchone()
    conn.close()
    with pytest.raises(informix_db.InterfaceError):
        cur.fetchone()
    with pytest.raises(informix_db.InterfaceError):
        idle.fetchone()


def test_description_is_each_cursors_own_list(informix_server: Any) -> None:
    conn = connect(informix_server)
    first = conn.cursor().execute(QUERY)
    description = first.description
    assert description is not None
    snapshot = list(description)
    description.clear()  # the statement is cached: the next execution must not see this
    second = conn.cursor().execute(QUERY)
    assert second.description == snapshot
    assert second.description is not first.description
    conn.close()


def test_async_fetchone_walks_every_batch_and_refuses_after_close(informix_server: Any) -> None:
    async def main() -> None:
        conn = await aio_connect(informix_server, fetch_buffer_size=512)
        cur = await conn.cursor()
        expected = await (await cur.execute(QUERY)).fetchall()
        await cur.execute(QUERY)
        seen = [row async for row in cur]
        assert seen == expected
        assert cur.rownumber == len(expected)
        await cur.execute(QUERY)
        assert await cur.fetchone() == expected[0]
        await conn.close()
        with pytest.raises(informix_db.InterfaceError):
            await cur.fetchone()

    run(main)
