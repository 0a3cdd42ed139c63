"""Failures: server errors keep the connection usable; lost links, timeouts and garbage break it
(closed and ``broken``), never out of step."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture
def faults(informix_server: Any) -> Iterator[Any]:
    yield informix_server.faults
    informix_server.faults.clear()


@pytest.mark.parametrize(
    ("sql", "cls", "sqlcode"),
    [
        ("SELECT * FROM no_such_table", informix_db.ProgrammingError, -206),
        ("SELECT no_such_column FROM systables", informix_db.ProgrammingError, -217),
        ("SELEKT 1", informix_db.ProgrammingError, -201),
    ],
)
def test_server_errors_map_to_classes(
    informix_server: Any, sql: str, cls: type[Exception], sqlcode: int
) -> None:
    with connect(informix_server) as conn:
        cur = conn.cursor()
        with pytest.raises(cls) as info:
            cur.execute(sql)
        assert info.value.sqlcode == sqlcode  # type: ignore[attr-defined]
        assert not conn.broken
        assert cur.execute("SELECT tabid FROM systables WHERE tabid = 1").fetchone() == (1,)


def test_integrity_error_and_recovery(informix_server: Any) -> None:
    table = table_name("err")
    with connect(informix_server, autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {table} (id INT PRIMARY KEY, v INT NOT NULL)")
        cur.execute(f"INSERT INTO {table} VALUES (1, 1)")
        with pytest.raises(informix_db.IntegrityError) as info:
            cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (1, 2))
        assert info.value.sqlcode is not None
        assert info.value.sqlcode < 0
        with pytest.raises(informix_db.IntegrityError):
            cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (2, None))
        for _ in range(50):  # failed statements are released: no -255/-285 later
            with pytest.raises(informix_db.IntegrityError):
                cur.execute(f"INSERT INTO {table} VALUES (?, ?)", (1, 3))
        cur.execute(f"SELECT COUNT(*) FROM {table}")
        assert cur.fetchone() == (1,)
        cur.execute(f"DROP TABLE {table}")


def test_bad_parameter_is_a_dbapi_error_before_sending(informix_server: Any) -> None:
    with connect(informix_server) as conn:
        cur = conn.cursor()
        with pytest.raises(informix_db.Error):
            cur.execute("SELECT tabid FROM systables WHERE tabid = ?", (object(),))
        with pytest.raises(informix_db.ProgrammingError):
            cur.execute("SELECT tabid FROM systables WHERE tabid = ?", "1")
        assert not conn.broken
        conn.ping()


def test_dropped_link_breaks_the_connection(informix_server: Any, faults: Any) -> None:
    conn = connect(informix_server)
    faults.drop_at_message = "PREPARE"
    with pytest.raises(informix_db.OperationalError):
        conn.cursor().execute("SELECT tabid FROM systables WHERE tabid = 1")
    assert conn.broken
    assert conn.closed
    with pytest.raises(informix_db.InterfaceError):
        conn.cursor()
    conn.close()


def test_garbage_breaks_the_connection(informix_server: Any, faults: Any) -> None:
    conn = connect(informix_server)
    faults.garbage_at_message = "PREPARE"
    with pytest.raises(informix_db.InterfaceError):
        conn.cursor().execute("SELECT tabid FROM systables WHERE tabid = 1")
    assert conn.broken


def test_read_timeout_breaks_the_connection(informix_server: Any, faults: Any) -> None:
    conn = connect(informix_server, read_timeout=0.3)
    faults.delay = 1.0
    with pytest.raises(informix_db.OperationalError):
        conn.cursor().execute("SELECT tabid FROM systables WHERE tabid = 1")
    assert conn.broken


def test_cut_mid_fetch_breaks_the_connection(informix_server: Any, faults: Any) -> None:
    conn = connect(informix_server, fetch_buffer_size=512)
    # A result larger than one batch, so that a second NFETCH is needed (and cut).
    cur = conn.cursor().execute("SELECT a.tabid, b.tabname FROM systables a, systables b")
    faults.drop_at_message = "NFETCH"
    with pytest.raises(informix_db.OperationalError):
        cur.fetchall()
    assert conn.broken
