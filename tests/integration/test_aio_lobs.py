"""asyncio BLOB and CLOB through client files (the twin of ``test_lob_smart``):
``await cur.write_blob_column`` (filetoblob / filetoclob over SQ_FILE READ) and
``await cur.read_blob_column`` (lotofile over SQ_FILE WRITE), with bytes and files, NULLs,
transactions, failures, and cancellation that leave the connection in step or closed."""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aio_support import connect, count_round_trips, run
from driver_support import connect as sync_connect
from driver_support import table_name

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("aslob")
    with sync_connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"CREATE TABLE {name} (id INT, data BLOB, notes CLOB)")
    yield name
    with sync_connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"DROP TABLE {name}")


@pytest.mark.parametrize("size", [0, 1, 4096, 4097, 300_001])
def test_blob_round_trip(informix_server: Any, table: str, size: int) -> None:
    data = os.urandom(size)

    async def main() -> None:
        async with await connect(informix_server) as conn:
            cur = await conn.cursor()
            await cur.write_blob_column(
                f"INSERT INTO {table} (id, data) VALUES (?, {informix_db.BLOB_PLACEHOLDER})",
                blob_data=data,
                params=(1,),
            )
            assert cur.rowcount == 1
            await conn.commit()
            got = await cur.read_blob_column(f"SELECT data FROM {table} WHERE id = ?", (1,))
            assert got == data

    run(main)


def test_clob_nulls_rollback_and_missing_rows(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server) as conn:
            cur = await conn.cursor()
            await cur.execute(f"INSERT INTO {table} (id) VALUES (?)", (1,))
            text = "naïve text\n" * 1000
            await cur.write_blob_column(
                f"UPDATE {table} SET notes = BLOB_PLACEHOLDER WHERE id = ?",
                blob_data=text.encode("utf-8"),
                params=(1,),
                clob=True,
            )
            notes = await cur.read_blob_column(f"SELECT notes FROM {table} WHERE id = 1")
            assert notes == text.encode()
            assert await cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 1") is None
            assert await cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 2") is None
            await cur.write_blob_column(
                f"INSERT INTO {table} (id, data) VALUES (3, BLOB_PLACEHOLDER)", blob_data=b"gone"
            )
            await conn.rollback()
            assert await cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 3") is None

    run(main)


def test_files_stream_both_ways(informix_server: Any, table: str, tmp_path: Path) -> None:
    source = tmp_path / "in.bin"
    source.write_bytes(os.urandom(1_000_000))
    out = tmp_path / "out.bin"

    async def main() -> None:
        async with await connect(informix_server) as conn:
            cur = await conn.cursor()
            with source.open("rb") as f:
                f.seek(1000)  # the rest of the file from here is the value
                await cur.write_blob_column(
                    f"INSERT INTO {table} (id, data) VALUES (7, BLOB_PLACEHOLDER)", blob_data=f
                )
            with out.open("wb") as f:
                n = await cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 7", into=f)
            assert n == 999_000
            scrolling = await conn.cursor(scrollable=True)  # reads forward all the same
            again = await scrolling.read_blob_column(f"SELECT data FROM {table} WHERE id = 7")
            assert again == source.read_bytes()[1000:]

    run(main)
    assert out.read_bytes() == source.read_bytes()[1000:]


def test_bad_requests_are_refused_before_sending(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server) as conn:
            cur = await conn.cursor()
            with pytest.raises(informix_db.InterfaceError):
                await cur.write_blob_column(f"INSERT INTO {table} (id) VALUES (1)", blob_data=b"x")
            with pytest.raises(informix_db.InterfaceError):
                await cur.write_blob_column(
                    f"INSERT INTO {table} VALUES (1, BLOB_PLACEHOLDER)",
                    blob_data=1,
                )
            with pytest.raises(informix_db.InterfaceError):
                await cur.read_blob_column(f"SELECT id, data FROM {table}")
            with pytest.raises(informix_db.ProgrammingError):
                await cur.read_blob_column("SELECT data FROM no_such_table_here")
            assert not conn.closed
            await conn.ping()

    run(main)


def test_cancelled_read_writes_nothing_more_and_keeps_the_connection(
    informix_server: Any, table: str
) -> None:
    """Cancelled in the middle of the SQ_FILE exchange, read_blob_column raises CancelledError;
    the rest of the value is drained and dropped (``into`` stops growing) and the connection
    stays in step."""
    faults = informix_server.faults
    data = os.urandom(200_000)

    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            cur = await conn.cursor()
            await cur.write_blob_column(
                f"INSERT INTO {table} (id, data) VALUES (1, BLOB_PLACEHOLDER)", blob_data=data
            )
            counter = count_round_trips(conn)
            sink = io.BytesIO()
            faults.delay = 0.05  # each reply of the exchange comes late
            try:
                reading = asyncio.ensure_future(
                    cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 1", into=sink)
                )
                for _ in range(5000):
                    if counter.sends >= 2:  # the query, then the first SQ_FILE answer
                        break
                    await asyncio.sleep(0.001)
                assert counter.sends >= 2
                reading.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await reading
                written = sink.tell()
            finally:
                faults.clear()
            await conn.ping()  # waits for the drain
            assert sink.tell() == written < len(data)
            assert not conn.broken
            assert await cur.read_blob_column(f"SELECT data FROM {table} WHERE id = 1") == data

    run(main)


def test_a_dropped_link_mid_lob_closes_the_connection(informix_server: Any, table: str) -> None:
    async def main() -> None:
        conn = await connect(informix_server)
        try:
            cur = await conn.cursor()
            await cur.write_blob_column(
                f"INSERT INTO {table} (id, data) VALUES (1, BLOB_PLACEHOLDER)",
                blob_data=b"z" * 200_000,
            )
            await conn.commit()
            informix_server.faults.drop_after_bytes = 50_000
            with pytest.raises(informix_db.OperationalError):
                await cur.read_blob_column(
                    f"SELECT data FROM {table} WHERE id = 1", into=io.BytesIO()
                )
            assert conn.closed
            assert conn.broken
        finally:
            informix_server.faults.clear()
            await conn.close()

    run(main)
