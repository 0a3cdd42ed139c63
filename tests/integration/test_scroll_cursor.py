"""Scroll cursors end to end: every move, batches of rows per round trip, other statements on the
same connection meanwhile, errors that leave the connection in step."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, count_round_trips, table_name

import informix_db
from informix_db.scroll_cursor import ScrollCursor

pytestmark = pytest.mark.integration

ROWS = 500


@pytest.fixture(scope="module")
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("scroll")
    owner = connect(informix_server, autocommit=True)
    cur = owner.cursor()
    cur.execute(f"CREATE TABLE {name} (n INT NOT NULL, label VARCHAR(40))")
    cur.executemany(f"INSERT INTO {name} VALUES (?, ?)", [(i, f"r{i}") for i in range(1, ROWS + 1)])
    yield name
    cur.execute(f"DROP TABLE {name}")
    owner.close()


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server, autocommit=True)
    yield c
    c.close()


def _scroll(conn: informix_db.Connection, table: str) -> ScrollCursor:
    cur = conn.cursor(scrollable=True)
    assert isinstance(cur, ScrollCursor)
    cur.execute(f"SELECT n, label FROM {table} ORDER BY n")
    return cur


def test_every_move(conn: informix_db.Connection, table: str) -> None:
    cur = _scroll(conn, table)
    assert cur.rownumber == 0
    assert cur.fetchone() == (1, "r1")
    assert cur.fetch_next() == (2, "r2")
    assert cur.fetch_prior() == (1, "r1")
    assert cur.fetch_prior() is None
    assert cur.rownumber == 0
    assert cur.fetchone() == (1, "r1")
    assert cur.fetch_last() == (ROWS, f"r{ROWS}")
    assert cur.rowcount == ROWS
    assert cur.rownumber == ROWS
    assert cur.fetchone() is None
    assert cur.rownumber == ROWS + 1
    assert cur.fetch_prior() == (ROWS, f"r{ROWS}")
    assert cur.fetch_absolute(250) == (250, "r250")
    assert cur.fetch_relative(-10) == (240, "r240")
    assert cur.fetch_relative(0) == (240, "r240")
    assert cur.fetch_relative(5) == (245, "r245")
    assert cur.fetch_absolute(-1) == (ROWS, f"r{ROWS}")
    assert cur.fetch_absolute(-ROWS) == (1, "r1")
    assert cur.fetch_absolute(-ROWS - 1) is None
    assert cur.rownumber == 0
    assert cur.fetch_first() == (1, "r1")
    assert cur.fetch_absolute(ROWS + 5) is None
    assert cur.rownumber == ROWS + 1
    cur.close()


def test_pep249_scroll_and_fetchmany(conn: informix_db.Connection, table: str) -> None:
    cur = _scroll(conn, table)
    cur.scroll(10, "absolute")
    assert cur.fetchone() == (11, "r11")
    cur.scroll(-3)
    assert cur.fetchmany(2) == [(9, "r9"), (10, "r10")]
    with pytest.raises(IndexError):
        cur.scroll(ROWS + 1, "absolute")
    assert cur.rownumber == 10  # unchanged by the failed scroll
    with pytest.raises(IndexError):
        cur.scroll(-11)
    cur.scroll(ROWS - 2, "absolute")
    assert cur.fetchall() == [(ROWS - 1, f"r{ROWS - 1}"), (ROWS, f"r{ROWS}")]
    assert cur.fetchall() == []
    with pytest.raises(informix_db.ProgrammingError):
        cur.scroll(1, "sideways")


def test_rows_come_in_batches(conn: informix_db.Connection, table: str) -> None:
    counter = count_round_trips(conn)
    cur = _scroll(conn, table)
    opened = counter.sends
    rows = cur.fetchall()
    assert [r[0] for r in rows] == list(range(1, ROWS + 1))
    fetches = counter.sends - opened
    assert fetches < ROWS // 20  # a 32 KiB buffer holds far more than 20 of these rows
    counter.sends = 0
    for i in range(ROWS, 0, -1):  # walking backwards re-fetches a window at a time ...
        assert cur.fetch_absolute(i) is not None
    assert counter.sends <= ROWS  # ... at worst once per row, never more


def test_other_statements_work_while_it_is_open(conn: informix_db.Connection, table: str) -> None:
    cur = _scroll(conn, table)
    assert cur.fetch_absolute(100) == (100, "r100")
    other = conn.cursor()
    other.execute(f"SELECT count(*) FROM {table}")
    assert other.fetchone() == (ROWS,)
    second = _scroll(conn, table)
    assert second.fetch_last() == (ROWS, f"r{ROWS}")
    assert cur.fetch_prior() == (99, "r99")
    assert second.fetch_first() == (1, "r1")
    conn.ping()
    assert cur.fetch_relative(400) == (499, "r499")


def test_parameters_row_factory_and_empty_results(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor(scrollable=True, row_factory=informix_db.dict_row)
    cur.execute(f"SELECT n FROM {table} WHERE n > ? ORDER BY n", (ROWS - 2,))
    assert cur.fetch_last() == {"n": ROWS}
    assert cur.fetch_first() == {"n": ROWS - 1}
    cur.execute(f"SELECT n FROM {table} WHERE n < 0")
    assert cur.fetchone() is None
    assert cur.fetch_last() is None
    assert cur.rowcount == 0


def test_non_queries_run_and_errors_keep_the_connection(
    conn: informix_db.Connection, table: str
) -> None:
    cur = conn.cursor(scrollable=True)
    cur.execute(f"UPDATE {table} SET label = label WHERE n = 1")
    assert cur.rowcount == 1
    with pytest.raises(informix_db.ProgrammingError):
        cur.fetch_first()
    with pytest.raises(informix_db.ProgrammingError):
        cur.execute("SELECT nope FROM nowhere_at_all")
    assert not conn.closed
    cur.execute(f"SELECT n FROM {table} ORDER BY n")
    assert cur.fetch_absolute(3) == (3,)
    cur.close()
    with pytest.raises(informix_db.InterfaceError):
        cur.fetch_first()
