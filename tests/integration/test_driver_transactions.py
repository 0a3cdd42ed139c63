"""Transactions on a logged database (and an unlogged one when the server has it): autocommit on
and off, SQL BEGIN WORK, savepoints, executemany rowcounts and failing rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, count_round_trips, table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("tx")
    with connect(informix_server, autocommit=True) as conn:
        conn.cursor().execute(f"CREATE TABLE {name} (id INT PRIMARY KEY, v VARCHAR(10))")
    yield name
    with connect(informix_server, autocommit=True) as conn:
        conn.cursor().execute(f"DROP TABLE {name}")


def count(server: Any, table: str) -> int:
    with connect(server) as other:
        return int(other.cursor().execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_autocommit_off_needs_commit(informix_server: Any, table: str) -> None:
    conn = connect(informix_server)
    assert conn.logged
    assert not conn.autocommit
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
    assert conn.in_transaction
    assert count(informix_server, table) == 0
    conn.commit()
    assert not conn.in_transaction
    assert count(informix_server, table) == 1
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (2, "b"))
    conn.rollback()
    assert count(informix_server, table) == 1
    conn.close()


def test_begin_rides_with_the_statement(informix_server: Any, table: str) -> None:
    conn = connect(informix_server)
    conn.cursor().execute(f"SELECT COUNT(*) FROM {table}").fetchall()
    conn.commit()
    counter = count_round_trips(conn)
    conn.cursor().execute(f"SELECT COUNT(*) FROM {table}")  # cached: BEGIN + OPEN/NFETCH
    assert counter.sends == 1
    conn.close()


def test_autocommit_on_commits_each_statement(informix_server: Any, table: str) -> None:
    conn = connect(informix_server, autocommit=True)
    conn.cursor().execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
    assert not conn.in_transaction
    assert count(informix_server, table) == 1
    conn.close()


def test_switching_autocommit_on_commits(informix_server: Any, table: str) -> None:
    conn = connect(informix_server)
    conn.cursor().execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
    conn.autocommit = True
    assert not conn.in_transaction
    assert count(informix_server, table) == 1
    conn.close()


def test_rollback_after_sql_begin_work(informix_server: Any, table: str) -> None:
    conn = connect(informix_server, autocommit=True)
    cur = conn.cursor()
    cur.execute("BEGIN WORK")
    assert conn.in_transaction
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
    conn.rollback()
    assert not conn.in_transaction
    assert count(informix_server, table) == 0
    cur.execute("BEGIN WORK")
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (2, "b"))
    cur.execute("COMMIT WORK")
    assert not conn.in_transaction
    assert count(informix_server, table) == 1
    conn.close()


def test_savepoints(informix_server: Any, table: str) -> None:
    conn = connect(informix_server)
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
    conn.savepoint("sp1")
    cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (2, "b"))
    conn.rollback_to("sp1")
    conn.release_savepoint("sp1")
    conn.commit()
    assert count(informix_server, table) == 1
    conn.close()


def test_context_manager_rolls_back_on_error(informix_server: Any, table: str) -> None:
    def fail_inside() -> None:
        with connect(informix_server) as conn:
            conn.cursor().execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail_inside()
    assert count(informix_server, table) == 0
    with connect(informix_server) as conn:
        conn.cursor().execute(f"INSERT INTO {table} VALUES (?, ?)", (1, "a"))
    assert count(informix_server, table) == 1


def test_executemany_reports_the_failing_row(informix_server: Any, table: str) -> None:
    conn = connect(informix_server)
    cur = conn.cursor()
    rows = [(i, f"v{i}") for i in range(300)]
    rows[137] = (5, "duplicate")
    with pytest.raises(informix_db.IntegrityError) as info:
        cur.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
    assert info.value.row_index == 137  # type: ignore[attr-defined]
    assert "row 137" in str(info.value)
    assert info.value.sqlcode is not None
    assert cur.connection is conn
    assert not conn.broken
    conn.rollback()
    cur.executemany(f"INSERT INTO {table} VALUES (?, ?)", [(i, "x") for i in range(1000)])
    assert cur.rowcount == 1000
    conn.commit()
    assert count(informix_server, table) == 1000
    conn.close()


def test_pool_contract(informix_server: Any) -> None:
    pool_protocol = pytest.importorskip("informix_db_pool._protocol")
    conn = connect(informix_server)
    for name in ("closed", "broken", "in_transaction", "ping", "rollback", "close"):
        assert hasattr(conn, name), name
    counter = count_round_trips(conn)
    conn.ping()
    assert counter.sends == 1
    assert pool_protocol.PoolableConnection is not None
    conn.close()


def test_unlogged_database(informix_server: Any) -> None:
    try:
        conn = connect(informix_server, database="sysmaster")
    except informix_db.DatabaseError as exc:
        pytest.skip(f"no sysmaster database: {exc}")
    try:
        if conn.logged:
            pytest.skip("sysmaster is logged on this server")
        cur = conn.cursor().execute("SELECT COUNT(*) FROM systables")
        assert cur.fetchone()[0] > 0
        assert not conn.in_transaction
        conn.commit()
        conn.rollback()
    finally:
        conn.close()
