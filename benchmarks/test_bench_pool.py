"""Throughput of 100 concurrent SELECTs through a 10-connection asyncio pool, ours beside the peer.

Both drivers run the same client code in a subprocess of their own (the peer ``informix-driver``
imports as ``informix_db`` too, so it lives in its own venv, ``.cache/peer-venv``), one after the
other against the same embedded test server. The peer is skipped, with a note, when its venv is
missing or it cannot talk to the server.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from informix_db_pool import AsyncConnectionPool, ConnectionPool, PoolConfig

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent
PEER_PYTHON = ROOT / ".cache" / "peer-venv" / "bin" / "python"
TASKS, PER_TASK = 100, 20

CLIENT = """
import asyncio, json, sys, time
{import_line}

async def main(kwargs, tasks, per_task):
    pool = await create_pool(**kwargs, min_size=10, max_size=10)

    async def one():
        for _ in range(per_task):
            async with pool.connection() as conn:
                cur = await conn.cursor()
                await cur.execute("SELECT tabid, tabname FROM systables WHERE tabid = 1")
                await cur.fetchall()

    await asyncio.gather(*(one() for _ in range(10)))  # warm up every connection
    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(tasks)))
    seconds = time.perf_counter() - start
    await pool.close()
    print(json.dumps({{"queries": tasks * per_task, "seconds": seconds}}))

asyncio.run(main(json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
"""

OURS = "from informix_db_pool import create_async_pool as create_pool"
PEER = "from informix_db.aio import create_pool"


def run_client(python: Path | str, import_line: str, kwargs: dict[str, Any]) -> dict[str, float]:
    # The peer must not see our PYTHONPATH (it would import our informix_db); ours keeps it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" or import_line == OURS}
    done = subprocess.run(
        [
            str(python),
            "-c",
            CLIENT.format(import_line=import_line),
            json.dumps(kwargs),
            str(TASKS),
            str(PER_TASK),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_pool_throughput_beside_peer(request: pytest.FixtureRequest) -> None:
    pytest.importorskip("informix_db_aio")
    try:
        server = request.getfixturevalue("informix_server")
    except pytest.FixtureLookupError:
        pytest.skip("the informix_server fixture (informix_testserver plugin) is not available")
    names = ("host", "port", "user", "password", "database")
    kwargs = {n: getattr(server, n) for n in names}
    kwargs["server"] = server.server_name
    try:
        ours = run_client(sys.executable, OURS, kwargs)
    except RuntimeError as exc:
        pytest.skip(f"our asyncio driver cannot run the benchmark yet: {exc}")
    rows = [("informix-db-pool (ours)", ours)]
    if PEER_PYTHON.exists():
        try:
            rows.append(("informix-driver aio pool (peer)", run_client(PEER_PYTHON, PEER, kwargs)))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"\npeer skipped: {exc}")
    else:
        print(f"\npeer skipped: no venv at {PEER_PYTHON}")
    print(f"\n{TASKS} concurrent tasks x {PER_TASK} SELECTs, pool of 10 connections")
    for name, result in rows:
        rate = result["queries"] / result["seconds"]
        print(f"  {name:34} {rate:10.0f} queries/s  ({result['seconds']:.2f}s)")
    assert ours["queries"] == TASKS * PER_TASK


class _NullConnection:
    """A connection that costs nothing, so the pool's own overhead is what gets measured."""

    closed = broken = in_transaction = False

    def ping(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class _AsyncNullConnection:
    closed = broken = in_transaction = False

    async def ping(self) -> None: ...
    async def rollback(self) -> None: ...
    async def close(self) -> None: ...


def test_pool_overhead_without_io() -> None:
    """Checkouts per second with free connections: 100 workers, 10 connections, sync and async."""
    config = PoolConfig(min_size=10, max_size=10, acquire_timeout=60.0)
    rounds = 200
    pool = ConnectionPool(_NullConnection, config)
    pool.open()

    def work() -> None:
        for _ in range(rounds):
            with pool.connection():
                pass

    threads = [threading.Thread(target=work) for _ in range(100)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sync_seconds = time.perf_counter() - start
    pool.close()

    async def main() -> float:
        async def connect() -> _AsyncNullConnection:
            return _AsyncNullConnection()

        apool = AsyncConnectionPool(connect, config)
        await apool.open()

        async def task() -> None:
            for _ in range(rounds):
                async with apool.connection():
                    await asyncio.sleep(0)

        begin = time.perf_counter()
        await asyncio.gather(*(task() for _ in range(100)))
        seconds = time.perf_counter() - begin
        await apool.close()
        return seconds

    async_seconds = asyncio.run(main())
    total = 100 * rounds
    print(f"\npool overhead, {total} checkouts by 100 workers over 10 free connections")
    print(f"  ConnectionPool (threads)      {total / sync_seconds:10.0f} checkouts/s")
    print(f"  AsyncConnectionPool (asyncio) {total / async_seconds:10.0f} checkouts/s")
