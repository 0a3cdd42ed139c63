"""Cursors: description, counts, fetching, streaming, several open cursors, statement cache,
parameters, callproc, scroll, row factories."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, count_round_trips, table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server, autocommit=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def numbers(informix_server: Any) -> Iterator[str]:
    """A table of 2000 rows (n, label, amount), filled in one transaction, shared by the module."""
    table = table_name("nums")
    owner = connect(informix_server)
    cur = owner.cursor()
    cur.execute(f"CREATE TABLE {table} (n INT NOT NULL, label VARCHAR(30), amount DECIMAL(8,2))")
    cur.executemany(
        f"INSERT INTO {table} VALUES (?, ?, ?)",
        [(i, f"row {i}", decimal.Decimal(i) / 4) for i in range(2000)],
    )
    assert cur.rowcount == 2000
    owner.commit()
    yield table
    cur.execute(f"DROP TABLE {table}")
    owner.commit()
    owner.close()


def test_description_has_real_metadata(conn: informix_db.Connection, numbers: str) -> None:
    cur = conn.cursor().execute(f"SELECT n, label, amount FROM {numbers} WHERE n = 1")
    desc = cur.description
    assert desc is not None
    assert [d[0] for d in desc] == ["n", "label", "amount"]
    n, label, amount = desc
    assert n[1] == informix_db.NUMBER
    assert n[6] is False
    assert label[1] == informix_db.STRING
    assert label[6] is True
    assert label[3] is not None
    assert amount[1] == informix_db.NUMBER
    assert (amount[4], amount[5]) == (8, 2)
    assert cur.fetchone() == (1, "row 1", decimal.Decimal("0.25"))


def test_dml_rowcount_and_no_description(informix_server: Any, numbers: str) -> None:
    conn = connect(informix_server)
    try:
        cur = conn.cursor()
        cur.execute(f"UPDATE {numbers} SET label = 'x' WHERE n < ?", (10,))
        assert cur.rowcount == 10
        assert cur.description is None
        with pytest.raises(informix_db.ProgrammingError):
            cur.fetchone()
    finally:
        conn.rollback()
        conn.close()


def test_lastrowid_from_serial_and_bigserial(conn: informix_db.Connection) -> None:
    cur = conn.cursor()
    for kind in ("SERIAL", "SERIAL8", "BIGSERIAL"):
        table = table_name("ser")
        cur.execute(f"CREATE TABLE {table} (id {kind}, v INT)")
        try:
            cur.execute(f"INSERT INTO {table} (v) VALUES (?)", (7,))
            first = cur.lastrowid
            cur.execute(f"INSERT INTO {table} (v) VALUES (?)", (8,))
            assert first is not None, kind
            assert cur.lastrowid == first + 1, kind
            cur.execute(f"SELECT id FROM {table} WHERE v = 8")
            assert cur.fetchone() == (first + 1,)
            assert cur.lastrowid is None
        finally:
            cur.execute(f"DROP TABLE {table}")


def test_rows_stream_in_batches(informix_server: Any, numbers: str) -> None:
    conn = connect(informix_server, fetch_buffer_size=1024)
    try:
        counter = count_round_trips(conn)
        cur = conn.cursor().execute(f"SELECT n, label FROM {numbers} ORDER BY n")
        after_execute = counter.sends
        first = cur.fetchmany(5)
        assert [r[0] for r in first] == [0, 1, 2, 3, 4]
        assert counter.sends == after_execute  # the first batch came with OPEN
        rest = list(cur)
        assert [r[0] for r in rest] == list(range(5, 2000))
        assert counter.sends - after_execute > 10  # more batches followed as rows were consumed
        assert cur.rowcount == 2000
        assert cur.fetchone() is None
    finally:
        conn.close()


def test_fetchmany_arraysize_and_fetchall(conn: informix_db.Connection, numbers: str) -> None:
    cur = conn.cursor().execute(f"SELECT n FROM {numbers} WHERE n < 10 ORDER BY n")
    assert cur.fetchmany() == [(0,)]
    cur.arraysize = 3
    assert cur.fetchmany() == [(1,), (2,), (3,)]
    assert cur.fetchall() == [(i,) for i in range(4, 10)]
    assert cur.fetchmany() == []


def test_several_open_cursors_interleave(informix_server: Any, numbers: str) -> None:
    conn = connect(informix_server, fetch_buffer_size=512)
    try:
        a = conn.cursor().execute(f"SELECT n FROM {numbers} WHERE n < 500 ORDER BY n")
        b = conn.cursor().execute(f"SELECT n FROM {numbers} WHERE n >= 1500 ORDER BY n DESC")
        c = conn.cursor().execute(f"SELECT COUNT(*) FROM {numbers}")
        got_a, got_b = [], []
        for _ in range(500):
            got_a.append(a.fetchone()[0])
            got_b.append(b.fetchone()[0])
        assert got_a == list(range(500))
        assert got_b == list(range(1999, 1499, -1))
        assert c.fetchone() == (2000,)
        assert a.fetchone() is None
        assert b.fetchone() is None
    finally:
        conn.close()


def test_statement_cache_skips_prepare(conn: informix_db.Connection, numbers: str) -> None:
    counter = count_round_trips(conn)
    cur = conn.cursor()
    sql = f"SELECT label FROM {numbers} WHERE n = ?"
    start = counter.sends
    cur.execute(sql, (3,))
    assert cur.fetchall() == [("row 3",)]
    first = counter.sends - start
    start = counter.sends
    cur.execute(sql, (4,))
    assert cur.fetchall() == [("row 4",)]
    second = counter.sends - start
    assert second == first - 1  # no PREPARE the second time
    assert not any(pdu[:2] == b"\x00\x02" for pdu in counter.sent[-second:])


def test_numeric_markers_and_literals_with_question_marks(
    conn: informix_db.Connection, numbers: str
) -> None:
    cur = conn.cursor()
    cur.execute(
        f"SELECT n, 'what? :1' FROM {numbers} -- a comment? :2\n WHERE n = :2 OR n = :1 ORDER BY n",
        (5, 7),
    )
    assert cur.fetchall() == [(5, "what? :1"), (7, "what? :1")]
    with pytest.raises(informix_db.ProgrammingError):
        cur.execute(f"SELECT n FROM {numbers} WHERE n = ?", (1, 2))


def test_unicode_round_trip(informix_server: Any) -> None:
    conn = connect(informix_server, client_locale="en_US.utf8", autocommit=True)
    table = table_name("uni")
    try:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {table} (s VARCHAR(60))")
        text = "Grüße, 東京, ☃"
        cur.execute(f"INSERT INTO {table} VALUES (?)", (text,))
        cur.execute(f"SELECT s FROM {table} WHERE s = '{text}'")
        assert cur.fetchone() == (text,)
        cur.execute(f"DROP TABLE {table}")
    finally:
        conn.close()


def test_types_round_trip(conn: informix_db.Connection) -> None:
    table = table_name("typ")
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE {table} (d DATE, ts DATETIME YEAR TO SECOND, f FLOAT, b BIGINT)")
    try:
        row = (datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5), 1.25, 2**40)
        cur.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", row)
        cur.execute(f"SELECT d, ts, f, b FROM {table}")
        assert cur.fetchone() == row
        assert cur.description is not None
        assert cur.description[0][1] == informix_db.DATETIME
    finally:
        cur.execute(f"DROP TABLE {table}")


def test_row_factories(informix_server: Any, numbers: str) -> None:
    conn = connect(informix_server, row_factory=informix_db.dict_row)
    try:
        cur = conn.cursor().execute(f"SELECT n, label FROM {numbers} WHERE n = 2")
        assert cur.fetchone() == {"n": 2, "label": "row 2"}
        cur = conn.cursor(row_factory=informix_db.namedtuple_row)
        row = cur.execute(f"SELECT n, label FROM {numbers} WHERE n = 2").fetchone()
        assert (row.n, row.label) == (2, "row 2")
    finally:
        conn.close()


def test_scroll_forward_only(conn: informix_db.Connection, numbers: str) -> None:
    cur = conn.cursor().execute(f"SELECT n FROM {numbers} WHERE n < 20 ORDER BY n")
    cur.scroll(3)
    assert cur.fetchone() == (3,)
    cur.scroll(10, mode="absolute")
    assert cur.fetchone() == (10,)
    with pytest.raises(informix_db.NotSupportedError):
        cur.scroll(-1)
    with pytest.raises(informix_db.NotSupportedError):
        cur.scroll(0, mode="absolute")
    with pytest.raises(IndexError):
        cur.scroll(100)


def test_nextset_and_sizes(conn: informix_db.Connection, numbers: str) -> None:
    cur = conn.cursor().execute(f"SELECT n FROM {numbers} WHERE n < 3")
    cur.setinputsizes([None])
    cur.setoutputsize(100)
    assert cur.nextset() is None
    with pytest.raises(informix_db.ProgrammingError):
        cur.fetchone()


def test_callproc(conn: informix_db.Connection) -> None:
    name = table_name("proc")
    cur = conn.cursor()
    try:
        cur.execute(
            f"CREATE FUNCTION {name}(a INT, b INT) RETURNING INT; RETURN a + b; END FUNCTION"
        )
    except informix_db.DatabaseError as exc:
        pytest.skip(f"the test server cannot create SPL routines: {exc}")
    try:
        assert cur.callproc(name, (2, 3)) == (2, 3)
        assert cur.fetchone() == (5,)
        with pytest.raises(informix_db.ProgrammingError):
            cur.callproc("x; DROP TABLE y", ())
    finally:
        cur.execute(f"DROP FUNCTION {name}")


def test_dropped_cursor_is_cleaned_up(conn: informix_db.Connection, numbers: str) -> None:
    import gc

    def leave_open() -> None:
        cur = conn.cursor()
        cur.execute(f"SELECT n FROM {numbers}")
        cur.fetchone()

    for _ in range(50):
        leave_open()
    gc.collect()
    cur = conn.cursor().execute(f"SELECT COUNT(*) FROM {numbers}")
    assert cur.fetchone() == (2000,)
    assert not conn._session.abandoned
    # The 50 dropped cursors' CLOSE/RELEASE went out with that request; what may remain is the
    # COUNT cursor's own CLOSE (it ended with its last batch), sent with the next request.
    assert len(conn._session.wire._cleanup) <= 1


def test_closed_cursor_refuses_work(conn: informix_db.Connection) -> None:
    cur = conn.cursor()
    cur.close()
    cur.close()
    with pytest.raises(informix_db.InterfaceError):
        cur.execute("SELECT 1 FROM systables WHERE tabid = 1")
