"""executemany with a parameter row that cannot be produced or bound (the iterable raises, a row
of the wrong length, a row that is not a sequence, a value no SQL type takes): in both drivers the
failure has the shape of a server error at that row (``row_index``, "row N" in the message), the
rows before it ran, and the connection stays in step."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from driver_support import connect, table_name

import informix_db
from informix_db import aio

pytestmark = pytest.mark.integration

#: Past the first pipeline window (128 rows): some rows are in flight when the bad one comes.
BAD = 150


def raising_rows(n: int) -> Iterator[tuple[int]]:
    for i in range(n):
        if i == BAD:
            raise ValueError("the source of rows failed")
        yield (i,)


def rows_with(bad_row: Any) -> Callable[[int], Iterator[Any]]:
    def rows(n: int) -> Iterator[Any]:
        for i in range(n):
            yield bad_row if i == BAD else (i,)

    return rows


CASES = {
    "iterable-raises": (raising_rows, ValueError),
    "wrong-length": (rows_with((1, 2)), None),
    "not-a-sequence": (rows_with("7"), None),
    "unbindable-value": (rows_with((object(),)), None),
}


def check_error(exc: BaseException, cause: type[BaseException] | None) -> None:
    assert isinstance(exc, informix_db.Error)
    assert exc.row_index == BAD
    assert f"row {BAD}" in str(exc)
    if cause is not None:
        assert isinstance(exc.__cause__, cause)


@pytest.mark.parametrize("case", CASES)
def test_sync_bad_row_fails_at_its_index(informix_server: Any, case: str) -> None:
    make_rows, cause = CASES[case]
    table = table_name("badrow")
    with connect(informix_server, autocommit=True) as conn:
        cur = conn.cursor()
        cur.execute(f"CREATE TABLE {table} (n INT)")
        with pytest.raises(informix_db.Error) as info:
            cur.executemany(f"INSERT INTO {table} VALUES (?)", make_rows(400))
        check_error(info.value, cause)
        assert not conn.broken
        cur.execute(f"SELECT COUNT(*), MAX(n) FROM {table}")
        assert cur.fetchone() == (BAD, BAD - 1)  # every row before the bad one ran
        cur.executemany(f"INSERT INTO {table} VALUES (?)", [(1000,), (1001,)])
        assert cur.rowcount == 2
        cur.execute(f"DROP TABLE {table}")


@pytest.mark.parametrize("case", CASES)
def test_aio_bad_row_fails_at_its_index(informix_server: Any, case: str) -> None:
    make_rows, cause = CASES[case]
    table = table_name("aiobadrow")

    async def main() -> None:
        conn = await aio.connect(informix_server.dsn, autocommit=True)
        try:
            cur = await conn.cursor()
            await cur.execute(f"CREATE TABLE {table} (n INT)")
            with pytest.raises(informix_db.Error) as info:
                await cur.executemany(f"INSERT INTO {table} VALUES (?)", make_rows(400))
            check_error(info.value, cause)
            assert not conn.broken
            await cur.execute(f"SELECT COUNT(*), MAX(n) FROM {table}")
            assert await cur.fetchone() == (BAD, BAD - 1)
            await cur.execute(f"DROP TABLE {table}")
        finally:
            await conn.close()

    asyncio.run(asyncio.wait_for(main(), 60))


def test_bad_first_row_in_a_transaction_keeps_the_transaction(informix_server: Any) -> None:
    """The first row is bad: nothing ran, and with autocommit off the connection is still
    usable and in a consistent transaction state."""
    table = table_name("badfirst")
    with connect(informix_server, autocommit=True) as owner:
        owner.cursor().execute(f"CREATE TABLE {table} (n INT)")
    conn = connect(informix_server)
    try:
        cur = conn.cursor()
        with pytest.raises(informix_db.ProgrammingError) as info:
            cur.executemany(f"INSERT INTO {table} VALUES (?)", ((1 // 0,) for _ in "x"))
        assert info.value.row_index == 0
        assert isinstance(info.value.__cause__, ZeroDivisionError)
        assert not conn.broken
        cur.execute(f"INSERT INTO {table} VALUES (?)", (5,))
        conn.commit()
        assert cur.execute(f"SELECT n FROM {table}").fetchall() == [(5,)]
        with pytest.raises(informix_db.ProgrammingError):
            cur.executemany(f"INSERT INTO {table} VALUES (?)", 42)  # type: ignore[arg-type]
        cur.execute(f"DROP TABLE {table}")
        conn.commit()
    finally:
        conn.close()
