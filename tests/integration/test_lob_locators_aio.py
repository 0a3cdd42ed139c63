"""asyncio BLOB and CLOB through smart-LOB locators (the twin of ``test_lob_locators``): the same
sans-I/O protocol under ``await conn.open_lob`` / ``create_lob``, bound values, errors, a closed
LOB, and a read cancelled part-way that leaves the connection in step."""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Iterator
from typing import Any

import pytest
from aio_support import connect, run
from driver_support import connect as sync_connect
from driver_support import table_name

import informix_db
from informix_db._core.smartlob import REQUEST_SIZE

pytestmark = pytest.mark.integration


@pytest.fixture
def table(informix_server: Any) -> Iterator[str]:
    name = table_name("aloc")
    with sync_connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"CREATE TABLE {name} (id INT, data BLOB, notes CLOB)")
    yield name
    with sync_connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"DROP TABLE {name}")


@pytest.mark.parametrize("size", [0, 1, 32_000, 32_001, REQUEST_SIZE + 1, 3_000_000])
def test_round_trip_through_a_locator(informix_server: Any, table: str, size: int) -> None:
    data = os.urandom(size)

    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            async with await conn.create_lob() as lob:
                assert await lob.write(data) == size
                assert await lob.tell() == size
            cur = await conn.cursor()
            await cur.execute(f"INSERT INTO {table} (id, data) VALUES (1, ?)", (lob.locator,))
            await cur.execute(f"SELECT data FROM {table} WHERE id = 1")
            (locator,) = await cur.fetchone()
            assert locator == lob.locator
            async with await conn.open_lob(locator) as reader:
                assert await reader.size() == size
                assert await reader.read() == data
                assert await reader.read(10) == b""

    run(main)


def test_bound_values_seek_truncate_and_modes(informix_server: Any, table: str) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            cur = await conn.cursor()
            await cur.execute(f"INSERT INTO {table} VALUES (1, ?, ?)", (b"0123456789", "text"))
            await cur.execute(f"SELECT data, notes FROM {table} WHERE id = 1")
            data, notes = await cur.fetchone()
            assert type(notes) is informix_db.ClobLocator
            async with await conn.open_lob(notes) as lob:
                assert await lob.read() == b"text"
            async with await conn.open_lob(data, "r+") as lob:
                assert await lob.seek(-4, io.SEEK_END) == 6
                assert await lob.read(2) == b"67"
                await lob.seek(2)
                await lob.write(b"ab")
                assert await lob.truncate(6) == 6
                await lob.seek(0)
                buf = bytearray(10)
                assert await lob.readinto(buf) == 6
                assert bytes(buf[:6]) == b"01ab45"
            async with await conn.open_lob(data, "a") as lob:
                await lob.write(b"!")
                assert await lob.tell() == 7
                with pytest.raises(io.UnsupportedOperation):
                    await lob.read()
            with pytest.raises(informix_db.ProgrammingError):
                await conn.open_lob(data, "rw")

    run(main)


def test_errors_and_a_closed_lob_leave_the_connection_in_step(
    informix_server: Any, table: str
) -> None:
    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            with pytest.raises(informix_db.DatabaseError) as info:
                await conn.open_lob(informix_db.BlobLocator(bytes(72)))
            assert (info.value.sqlcode, info.value.isamcode) == (-9810, -12097)
            lob = await conn.create_lob("clob")
            await lob.close()
            await lob.close()
            with pytest.raises(informix_db.InterfaceError) as closed:
                await lob.read()
            assert isinstance(closed.value, ValueError)
            await conn.ping()

    run(main)


def test_a_cancelled_read_is_drained(informix_server: Any, table: str) -> None:
    data = os.urandom(4 * REQUEST_SIZE)

    async def main() -> None:
        async with await connect(informix_server, autocommit=True) as conn:
            async with await conn.create_lob() as lob:
                await lob.write(data)
            informix_server.faults.delay = 0.2
            try:
                async with await conn.open_lob(lob.locator) as reader:
                    with pytest.raises(asyncio.TimeoutError):
                        await asyncio.wait_for(reader.read(), 0.3)
                    assert not conn.closed
                    # the position is the server's to say after a cut-short read
                    assert 0 <= await reader.tell() <= len(data)
                    await reader.seek(0)
                    informix_server.faults.clear()
                    assert await reader.read() == data
            finally:
                informix_server.faults.clear()
            await conn.ping()

    run(main)
