"""BYTE and TEXT end to end: bind and fetch of any size (streamed in chunks both ways), NULLs,
empty values, batches, scroll cursors, and transactions in the logged test database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, count_round_trips, table_name

import informix_db
from informix_db._core import lobs
from informix_types import BlobDescriptor
from informix_types.lobs import descriptor_for

pytestmark = pytest.mark.integration


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server)  # autocommit off: statements run in transactions
    yield c
    c.close()


@pytest.fixture
def table(conn: informix_db.Connection) -> Iterator[str]:
    name = table_name("lob")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {name} (id INT, b BYTE, t TEXT)")
    conn.commit()
    yield name
    if not conn.closed:
        conn.rollback()
        cur.execute(f"DROP TABLE {name}")
        conn.commit()


@pytest.mark.parametrize("size", [0, 1, 1023, 1024, 1025, 70_000, 2_000_001])
def test_sizes_round_trip(conn: informix_db.Connection, table: str, size: int) -> None:
    data = os.urandom(size)
    text = ("ünïcode " * (size // 8 + 1))[:size]
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", (1, data, text))
    conn.commit()
    cur.execute(f"SELECT b, t FROM {table} WHERE id = 1")
    assert cur.fetchone() == (data, text)
    assert cur.description is not None
    assert [d[1] for d in cur.description] == [11, 12]


def test_nulls_and_other_columns(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor()
    cur.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?)",
        [(1, None, None), (2, b"\x00\xff", None), (3, None, "only text")],
    )
    cur.execute(f"SELECT id, b, t FROM {table} ORDER BY id")
    assert cur.fetchall() == [(1, None, None), (2, b"\x00\xff", None), (3, None, "only text")]


def test_many_rows_fetch_contents_in_one_round_trip_per_batch(
    conn: informix_db.Connection, table: str
) -> None:
    cur = conn.cursor()
    rows = [(i, bytes([i % 256]) * (i * 10), f"t{i}") for i in range(200)]
    cur.executemany(f"INSERT INTO {table} VALUES (?, ?, ?)", rows)
    conn.commit()
    counter = count_round_trips(conn)
    cur.execute(f"SELECT id, b, t FROM {table} ORDER BY id")
    assert cur.fetchall() == rows
    assert counter.sends < 30  # 200 contents: pipelined FETCHBLOBs, not one trip per value


def test_rollback_discards_and_scroll_cursor_reads(
    conn: informix_db.Connection, table: str
) -> None:
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", (1, b"kept", "kept"))
    conn.commit()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", (2, b"gone", "gone"))
    conn.rollback()
    sc = conn.cursor(scrollable=True)
    sc.execute(f"SELECT id, b, t FROM {table} ORDER BY id")
    assert sc.fetch_last() == (1, b"kept", "kept")
    assert sc.fetch_first() == (1, b"kept", "kept")
    sc.close()


def test_where_clause_parameters_with_blobs(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", (5, b"x" * 5000, "y"))
    cur.execute(f"UPDATE {table} SET b = ? WHERE id = ?", (b"z" * 3000, 5))
    assert cur.rowcount == 1
    cur.execute(f"SELECT b FROM {table} WHERE id = ?", (5,))
    assert cur.fetchone() == (b"z" * 3000,)


def test_a_dropped_link_while_fetching_contents_breaks_the_connection(
    informix_server: Any, conn: informix_db.Connection, table: str
) -> None:
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?)", (1, b"q" * 10, "q"))
    conn.commit()
    informix_server.faults.drop_at_message = "FETCHBLOB"
    try:
        with pytest.raises(informix_db.OperationalError):
            cur.execute(f"SELECT b FROM {table}")
        assert conn.closed
        assert conn.broken
    finally:
        informix_server.faults.clear()


def test_an_unknown_descriptor_fails_in_step(conn: informix_db.Connection) -> None:
    bogus = [(BlobDescriptor(b"\xff\xff\xff\xff" + descriptor_for(3)[4:]),)]
    with pytest.raises(informix_db.DatabaseError) as info:
        conn._run(lobs.resolve(conn._session.wire, bogus, [0]))
    assert info.value.sqlcode == -608  # type: ignore[attr-defined]
    assert not conn.closed
    conn.ping()
