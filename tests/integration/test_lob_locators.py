"""BLOB and CLOB through smart-LOB locators end to end: fetched columns are locators,
``open_lob`` / ``create_lob`` give files over ifx_lo_* fast-path calls and SQ_LODATA, bound bytes
and text become LOBs, and failures are PEP 249 errors that leave the connection in step (or
closed when the link broke)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
from driver_support import connect, count_round_trips, table_name

import informix_db
from informix_db._core.smartlob import REQUEST_SIZE
from informix_db.lob import Lob

pytestmark = pytest.mark.integration


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server, autocommit=True)
    yield c
    c.close()


@pytest.fixture
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("loc")
    with connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"CREATE TABLE {name} (id INT, data BLOB, notes CLOB)")
    yield name
    with connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"DROP TABLE {name}")


def _fetch(conn: informix_db.Connection, table: str, row: int) -> tuple[Any, Any]:
    cur = conn.cursor()
    cur.execute(f"SELECT data, notes FROM {table} WHERE id = ?", (row,))
    found = cur.fetchone()
    assert found is not None
    return found[0], found[1]


def _store(conn: informix_db.Connection, table: str, row: int, content: bytes) -> Any:
    with conn.create_lob() as lob:
        lob.write(content)
    conn.cursor().execute(f"INSERT INTO {table} (id, data) VALUES (?, ?)", (row, lob.locator))
    return lob.locator


@pytest.mark.parametrize(
    "size",
    [0, 1, 31_999, 32_000, 32_001, REQUEST_SIZE - 1, REQUEST_SIZE, REQUEST_SIZE + 1, 5_000_003],
)
def test_round_trip_through_a_locator(conn: informix_db.Connection, table: str, size: int) -> None:
    data = os.urandom(size)
    _store(conn, table, 1, data)
    locator, notes = _fetch(conn, table, 1)
    assert type(locator) is informix_db.BlobLocator
    assert notes is None
    with conn.open_lob(locator) as lob:
        assert lob.size() == size
        assert lob.read() == data
        assert lob.read() == b""
        assert lob.tell() == size


def test_a_large_read_moves_in_bounded_requests(conn: informix_db.Connection, table: str) -> None:
    data = os.urandom(3 * REQUEST_SIZE + 5)
    locator = _store(conn, table, 1, data)
    with conn.open_lob(locator) as lob:
        counter = count_round_trips(conn)
        out = bytearray(len(data))
        assert lob.readinto(out) == len(data)
        assert counter.sends == 4  # one SQ_LODATA per REQUEST_SIZE bytes
    assert out == data
    assert all(len(pdu) < 64 for pdu in counter.sent)


def test_bound_bytes_and_text_become_lobs(conn: informix_db.Connection, table: str) -> None:
    text = "naïve ☃ text\n" * 5000
    conn.cursor().execute(
        f"INSERT INTO {table} VALUES (?, ?, ?)", (1, b"\x00bytes\xff" * 1000, text)
    )
    data, notes = _fetch(conn, table, 1)
    assert type(notes) is informix_db.ClobLocator
    with conn.open_lob(data) as lob:
        assert lob.read() == b"\x00bytes\xff" * 1000
    with conn.open_lob(notes) as lob, io.TextIOWrapper(lob, conn.encoding) as reader:
        assert reader.read() == text


def test_update_stores_a_new_locator(conn: informix_db.Connection, table: str) -> None:
    _store(conn, table, 1, b"old")
    with conn.create_lob("clob") as lob:
        lob.write(b"new notes")
    conn.cursor().execute(f"UPDATE {table} SET notes = ? WHERE id = 1", (lob.locator,))
    data, notes = _fetch(conn, table, 1)
    assert notes == lob.locator
    with conn.open_lob(data) as a, conn.open_lob(notes) as b:
        assert (a.read(), b.read()) == (b"old", b"new notes")


def test_seek_tell_and_partial_reads(conn: informix_db.Connection, table: str) -> None:
    data = bytes(range(256)) * 400
    locator = _store(conn, table, 1, data)
    with conn.open_lob(locator) as lob:
        assert lob.seek(1000) == 1000
        assert lob.read(10) == data[1000:1010]
        assert lob.tell() == 1010
        assert lob.seek(-5, io.SEEK_END) == len(data) - 5
        assert lob.read(100) == data[-5:]
        assert lob.seek(-10, io.SEEK_CUR) == len(data) - 10
        buf = bytearray(4)
        assert lob.readinto(buf) == 4
        assert buf == data[-10:-6]
        assert lob.seek(len(data) + 50) == len(data) + 50
        assert lob.read(10) == b""
        with pytest.raises(informix_db.DatabaseError) as info:
            lob.seek(-1)
        assert (info.value.sqlcode, info.value.isamcode) == (-9810, -12037)
        assert lob.tell() == len(data) + 50


def test_write_then_read_in_place(conn: informix_db.Connection, table: str) -> None:
    locator = _store(conn, table, 1, b"0123456789")
    with conn.open_lob(locator, "r+") as lob:
        lob.seek(3)
        assert lob.write(b"abc") == 3
        assert lob.tell() == 6
        lob.seek(12)
        lob.write(b"Z")  # past the end: the gap reads as zeros
        lob.seek(0)
        assert lob.read() == b"012abc6789\x00\x00Z"


def test_truncate_and_size(conn: informix_db.Connection, table: str) -> None:
    locator = _store(conn, table, 1, b"x" * 1000)
    with conn.open_lob(locator, "r+") as lob:
        assert lob.truncate(10) == 10
        assert lob.size() == 10
        lob.seek(4)
        assert lob.truncate() == 4  # at the current position, which stays
        assert lob.tell() == 4
        assert lob.truncate(8) == 8  # longer: zeros
        lob.seek(0)
        assert lob.read() == b"xxxx\x00\x00\x00\x00"


def test_seek_from_each_origin_and_bad_arguments(conn: informix_db.Connection, table: str) -> None:
    locator = _store(conn, table, 1, bytes(range(100)))
    with conn.open_lob(locator) as lob:
        assert lob.seek(-10, io.SEEK_END) == 90
        assert lob.seek(5, io.SEEK_CUR) == 95
        assert lob.read() == bytes(range(95, 100))
        with pytest.raises(ValueError, match="whence"):
            lob.seek(0, 3)
        assert lob.tell() == 100  # a refused seek moves nothing
    with conn.open_lob(locator, "r+") as lob:
        with pytest.raises(ValueError, match="negative"):
            lob.truncate(-1)
        assert lob.size() == 100
    assert conn.cursor().execute("SELECT 1 FROM systables WHERE tabid = 1").fetchone() == (1,)


def test_file_modes(conn: informix_db.Connection, table: str) -> None:
    locator = _store(conn, table, 1, b"hello")
    with conn.open_lob(locator, "a") as lob:
        assert lob.write(b" world") == 6
        assert lob.tell() == 11
        assert not lob.readable()
        with pytest.raises(io.UnsupportedOperation):
            lob.read()
    with conn.open_lob(locator, "rb") as lob:
        assert lob.read() == b"hello world"
        with pytest.raises(io.UnsupportedOperation):
            lob.write(b"no")
    with conn.open_lob(locator, "w") as lob:
        assert lob.tell() == 0
        lob.write(b"new")
    with conn.open_lob(locator) as lob:
        assert lob.read() == b"new"
    for bad in ("x", "rw", "rbb", 3):
        with pytest.raises(informix_db.ProgrammingError):
            conn.open_lob(locator, bad)  # type: ignore[arg-type]
    with pytest.raises(informix_db.ProgrammingError):
        conn.create_lob("text")


def test_null_values_are_none(conn: informix_db.Connection, table: str) -> None:
    conn.cursor().execute(f"INSERT INTO {table} VALUES (1, NULL, ?)", (None,))
    assert _fetch(conn, table, 1) == (None, None)
    with pytest.raises(informix_db.ProgrammingError):
        conn.open_lob(None)  # type: ignore[arg-type]


def test_rollback_of_a_lob_insert(informix_server: Any, table: str) -> None:
    with connect(informix_server) as conn:
        _store(conn, table, 1, b"kept")
        conn.commit()
        _store(conn, table, 2, b"rolled back")
        conn.rollback()
        cur = conn.cursor()
        cur.execute(f"SELECT id FROM {table} ORDER BY id")
        assert cur.fetchall() == [(1,)]
    with connect(informix_server) as other:  # committed LOBs are every session's
        data, _ = _fetch(other, table, 1)
        with other.open_lob(data) as lob:
            assert lob.read() == b"kept"


def test_a_lob_never_stored_goes_with_its_session(informix_server: Any) -> None:
    with connect(informix_server) as maker:
        lob = maker.create_lob()
        lob.write(b"transient")
        locator = lob.locator
    with connect(informix_server) as other:
        with pytest.raises(informix_db.DatabaseError) as info:
            other.open_lob(locator)
        assert (info.value.sqlcode, info.value.isamcode) == (-9810, -12097)


def test_bad_locators_and_fds_are_errors_in_step(conn: informix_db.Connection) -> None:
    for forged in (bytes(72), b"TSLO" + bytes(68)):
        with pytest.raises(informix_db.DatabaseError) as info:
            conn.open_lob(informix_db.BlobLocator(forged))
        assert (info.value.sqlcode, info.value.isamcode) == (-9810, -12097)
    with pytest.raises(informix_db.DatabaseError) as info:
        conn.fast_path_call("function informix.ifx_lo_close(integer)", -1)
    assert info.value.sqlcode == -9810
    conn.ping()
    assert not conn.closed


def test_a_closed_lob_refuses_work(conn: informix_db.Connection, table: str) -> None:
    locator = _store(conn, table, 1, b"data")
    lob = conn.open_lob(locator)
    lob.close()
    lob.close()  # twice is fine
    for call in (lob.read, lob.size, lob.tell, lambda: lob.seek(0), lambda: lob.write(b"x")):
        with pytest.raises(informix_db.InterfaceError) as info:
            call()
        assert isinstance(info.value, ValueError)  # what io raises for closed files
    conn.ping()


def test_a_dropped_lob_is_closed_with_the_next_request(
    conn: informix_db.Connection, table: str
) -> None:
    locator = _store(conn, table, 1, b"data")
    lob: Lob | None = conn.open_lob(locator)
    assert lob is not None
    counter = count_round_trips(conn)
    lob = None  # dropped unclosed: its close rides on the next request
    cur = conn.cursor()
    cur.execute(f"SELECT id FROM {table}")
    assert cur.fetchall() == [(1,)]
    assert counter.sent[0].startswith(b"\x00\x66")  # SQ_EXFPROUTINE ifx_lo_close first
    conn.ping()


def test_files_and_locators_share_the_storage(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor()
    cur.write_blob_column(
        f"INSERT INTO {table} (id, data) VALUES (1, BLOB_PLACEHOLDER)", blob_data=b"via file"
    )
    data, _ = _fetch(conn, table, 1)
    with conn.open_lob(data) as lob:
        assert lob.read() == b"via file"
    _store(conn, table, 2, b"via locator")
    assert cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 2") == b"via locator"


def test_reading_after_the_link_drops_is_a_clear_error(
    informix_server: Any, conn: informix_db.Connection, table: str
) -> None:
    locator = _store(conn, table, 1, os.urandom(400_000))
    lob = conn.open_lob(locator)
    informix_server.faults.drop_after_bytes = 100_000  # cut the reply part-way through
    try:
        with pytest.raises(informix_db.OperationalError):
            lob.read()
    finally:
        informix_server.faults.clear()
    assert conn.closed
    assert conn.broken
    with pytest.raises(informix_db.InterfaceError, match="broken"):
        lob.read(10)
    lob.close()  # nothing to do on a closed connection
    assert lob.closed
