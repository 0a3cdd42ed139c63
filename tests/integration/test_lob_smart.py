"""BLOB and CLOB through client files end to end: ``write_blob_column`` (filetoblob / filetoclob
over SQ_FILE READ) and ``read_blob_column`` (lotofile over SQ_FILE WRITE), with bytes and files,
NULLs, transactions, and failures that leave the connection in step or closed."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture
def conn(informix_server: Any) -> Iterator[informix_db.Connection]:
    c = connect(informix_server)
    yield c
    c.close()


@pytest.fixture
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("slob")
    with connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"CREATE TABLE {name} (id INT, data BLOB, notes CLOB)")
    yield name
    with connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"DROP TABLE {name}")


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 300_001])
def test_blob_round_trip(conn: informix_db.Connection, table: str, size: int) -> None:
    data = os.urandom(size)
    cur = conn.cursor()
    cur.write_blob_column(
        f"INSERT INTO {table} (id, data) VALUES (?, {informix_db.BLOB_PLACEHOLDER})",
        blob_data=data,
        params=(1,),
    )
    assert cur.rowcount == 1
    conn.commit()
    assert cur.read_blob_column(f"SELECT data FROM {table} WHERE id = ?", (1,)) == data


def test_clob_nulls_and_missing_rows(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor()
    cur.execute(f"INSERT INTO {table} (id) VALUES (?)", (1,))
    text = "naïve text\n" * 1000
    cur.write_blob_column(
        f"UPDATE {table} SET notes = BLOB_PLACEHOLDER WHERE id = ?",
        blob_data=text.encode("utf-8"),
        params=(1,),
        clob=True,
    )
    assert cur.read_blob_column(f"SELECT notes FROM {table} WHERE id = 1") == text.encode()
    assert cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 1") is None
    assert cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 2") is None


def test_files_stream_both_ways(conn: informix_db.Connection, table: str, tmp_path: Path) -> None:
    source = tmp_path / "in.bin"
    source.write_bytes(os.urandom(1_000_000))
    cur = conn.cursor()
    with source.open("rb") as f:
        f.seek(1000)  # the rest of the file from here is the value
        cur.write_blob_column(
            f"INSERT INTO {table} (id, data) VALUES (7, BLOB_PLACEHOLDER)", blob_data=f
        )
    out = tmp_path / "out.bin"
    with out.open("wb") as f:
        n = cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 7", into=f)
    assert n == 999_000
    assert out.read_bytes() == source.read_bytes()[1000:]


def test_rollback_discards_the_blob(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor()
    cur.write_blob_column(
        f"INSERT INTO {table} (id, data) VALUES (3, BLOB_PLACEHOLDER)", blob_data=b"gone"
    )
    conn.rollback()
    assert cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 3") is None


def test_bad_requests_are_refused_before_sending(conn: informix_db.Connection, table: str) -> None:
    cur = conn.cursor()
    with pytest.raises(informix_db.InterfaceError):
        cur.write_blob_column(f"INSERT INTO {table} (id) VALUES (1)", blob_data=b"x")
    with pytest.raises(informix_db.InterfaceError):
        cur.write_blob_column(
            f"INSERT INTO {table} VALUES (1, BLOB_PLACEHOLDER)",
            blob_data=1,  # type: ignore[arg-type]
        )
    with pytest.raises(informix_db.InterfaceError):
        cur.read_blob_column(f"SELECT id, data FROM {table}")
    with pytest.raises(informix_db.ProgrammingError):
        cur.read_blob_column("SELECT data FROM no_such_table_here")
    assert not conn.closed
    conn.ping()


def test_a_dropped_link_mid_lob_closes_the_connection(
    informix_server: Any, conn: informix_db.Connection, table: str
) -> None:
    cur = conn.cursor()
    cur.write_blob_column(
        f"INSERT INTO {table} (id, data) VALUES (1, BLOB_PLACEHOLDER)", blob_data=b"z" * 200_000
    )
    conn.commit()
    # The session has sent a few KiB so far: this cuts the file's chunks partway through.
    informix_server.faults.drop_after_bytes = 50_000
    try:
        with pytest.raises(informix_db.OperationalError):
            cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 1", into=io.BytesIO())
        assert conn.closed
        assert conn.broken
    finally:
        informix_server.faults.clear()
