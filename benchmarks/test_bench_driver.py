"""End to end: informix_db (sync and asyncio) beside the peer driver ``informix-driver``.

The test server runs in a process of its own (``python -m informix_testserver``), and every
driver runs the same client code in a fresh interpreter of its own, one after the other; so the
client's CPU time (``time.process_time`` in the client) is the driver's alone, while wall time
also holds the server's work (DuckDB plus a Python SQLI server: it dominates wall time). Cases:

- fetch 100k rows of 5 INT columns and of a 6-column mix (INT, VARCHAR(40), DECIMAL(12,2), DATE,
  DATETIME YEAR TO SECOND, FLOAT), by ``fetchall()`` and by iterating the cursor (best of 3);
- ``executemany`` of 10k rows of (INT, VARCHAR(40), DECIMAL(12,2)), commit included;
- a single-row SELECT by primary key, 2k times: latency per call (p50 / p99).

The peer imports as ``informix_db`` too, so it runs from ``.cache/peer-venv`` (made by
``tools/peer_venv.py``); it is skipped, with a note, when that venv is missing or a case fails.
``BENCH_DRIVER_BASELINE=dir[:dir...]`` adds a run of our driver with those source directories
first on ``PYTHONPATH`` (an older informix_db, e.g. from ``git archive HEAD``), to compare
before and after a change in one run. ``BENCH_DRIVER_ROUNDS=n`` runs every client n times,
interleaved, and keeps each case's run with the least client CPU (on a busy machine). Numbers
are printed, never asserted on.

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_driver.py -s`` (or ``tox -e bench``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent
PEER_PYTHON = ROOT / ".cache" / "peer-venv" / "bin" / "python"
FETCH_ROWS, EXECUTEMANY_ROWS, LOOKUPS, PK_ROWS = 100_000, 10_000, 2_000, 2_000
SEED_ROWS = 1_000  # FETCH_ROWS are made on the server from these by a cross join
#: Runs of every client, interleaved; each case reports its least disturbed run.
ROUNDS = int(os.environ.get("BENCH_DRIVER_ROUNDS", "1"))
MIX_COLUMNS = "id INT, name VARCHAR(40), amount DECIMAL(12,2), day DATE, "
MIX_COLUMNS += "stamp DATETIME YEAR TO SECOND, ratio FLOAT"
#: One client's results: per case, its numbers (or ``{"error": text}`` when the case failed).
Run = dict[str, dict[str, Any]]

#: The client each driver runs: ``spec`` names the module, sync or aio, and where to connect;
#: it prints one JSON object of results. Written once per mode so the sync run never touches
#: asyncio.
CLIENT = r"""
import asyncio, importlib, json, statistics, sys, time
from decimal import Decimal

spec = json.loads(sys.argv[1])
driver = importlib.import_module(spec["module"])
FETCHES = [(f"{table} {how}", f"SELECT * FROM {table}", how)
           for table in ("bench_int5", "bench_mix6") for how in ("fetchall", "iterate")]
INSERT = "INSERT INTO bench_em VALUES (?, ?, ?)"
EM_ROWS = [(i, f"name {i}", Decimal(i) / 100) for i in range(spec["executemany_rows"])]
LOOKUP = "SELECT id, name, amount, day FROM bench_pk WHERE id = ?"
KEYS = [i % spec["pk_rows"] for i in range(spec["lookups"])]

def clocks():
    return time.perf_counter(), time.process_time()

def since(start, rows):
    wall, cpu = clocks()
    return {"rows": rows, "wall": wall - start[0], "cpu": cpu - start[1]}

def latency(times, start):
    times.sort()
    cpu = time.process_time() - start[1]
    return {"calls": len(times), "p50": statistics.median(times),
            "p99": times[int(len(times) * 0.99)], "cpu": cpu / len(times)}

def failed(exc):
    return {"error": f"{type(exc).__name__}: {exc}"[:160]}

def run_sync():
    conn = driver.connect(**spec["connect"])
    cur = conn.cursor()

    def fetch(sql, how):
        runs = []
        for _ in range(3):
            start = clocks()
            cur.execute(sql)
            rows = len(cur.fetchall()) if how == "fetchall" else sum(1 for _ in cur)
            runs.append(since(start, rows))
        return min(runs, key=lambda r: r["cpu"])

    def executemany():
        cur.execute("DELETE FROM bench_em")
        conn.commit()
        start = clocks()
        cur.executemany(INSERT, EM_ROWS)
        conn.commit()
        return since(start, len(EM_ROWS))

    def lookups():
        for key in KEYS[:50]:  # warm up (statement cache)
            cur.execute(LOOKUP, (key,)); cur.fetchone()
        times, start = [], clocks()
        for key in KEYS:
            t = time.perf_counter()
            cur.execute(LOOKUP, (key,))
            cur.fetchone()
            times.append(time.perf_counter() - t)
        return latency(times, start)

    cases = [(name, lambda sql=sql, how=how: fetch(sql, how)) for name, sql, how in FETCHES]
    out = {}
    for name, case in [*cases, ("executemany", executemany), ("pk lookup", lookups)]:
        try:
            out[name] = case()
        except Exception as exc:
            out[name] = failed(exc)
            conn.rollback()
    conn.close()
    return out

async def run_aio():
    conn = await driver.connect(**spec["connect"])
    cur = await conn.cursor()

    async def fetch(sql, how):
        runs = []
        for _ in range(3):
            start = clocks()
            await cur.execute(sql)
            if how == "fetchall":
                rows = len(await cur.fetchall())
            else:
                rows = 0
                async for _ in cur:
                    rows += 1
            runs.append(since(start, rows))
        return min(runs, key=lambda r: r["cpu"])

    async def executemany():
        await cur.execute("DELETE FROM bench_em")
        await conn.commit()
        start = clocks()
        await cur.executemany(INSERT, EM_ROWS)
        await conn.commit()
        return since(start, len(EM_ROWS))

    async def lookups():
        for key in KEYS[:50]:
            await cur.execute(LOOKUP, (key,)); await cur.fetchone()
        times, start = [], clocks()
        for key in KEYS:
            t = time.perf_counter()
            await cur.execute(LOOKUP, (key,))
            await cur.fetchone()
            times.append(time.perf_counter() - t)
        return latency(times, start)

    cases = [(name, lambda sql=sql, how=how: fetch(sql, how)) for name, sql, how in FETCHES]
    out = {}
    for name, case in [*cases, ("executemany", executemany), ("pk lookup", lookups)]:
        try:
            out[name] = await case()
        except Exception as exc:
            out[name] = failed(exc)
            await conn.rollback()
    await conn.close()
    return out

print(json.dumps(run_sync() if spec["mode"] == "sync" else asyncio.run(run_aio())))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _await_banner(proc: subprocess.Popen[str], timeout: float) -> None:
    """Wait for the server's "informix-testserver on ..." line."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if sel.select(timeout=deadline - time.monotonic()):
                line = proc.stdout.readline()
                if line.startswith("informix-testserver on"):
                    return
                if not line:
                    break
    raise RuntimeError(f"the test server did not start (exit code {proc.poll()})")


@pytest.fixture(scope="module")
def server_process() -> Iterator[dict[str, Any]]:
    """A test server in its own process, with the benchmark tables; yields connect keywords."""
    pytest.importorskip("informix_testserver.engine", reason="the SQL engine is not importable")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "informix_testserver", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        _await_banner(proc, timeout=60)
        kwargs: dict[str, Any] = {
            "host": "127.0.0.1",
            "port": port,
            "user": "informix",
            "password": "in4mix",
            "database": "testdb",
            "server": "informix",
        }
        _load_tables(kwargs)
        yield kwargs
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


def _load_tables(kwargs: dict[str, Any]) -> None:
    """SEED_ROWS rows sent by executemany, multiplied on the server by a cross join."""
    import informix_db

    fan_out = FETCH_ROWS // SEED_ROWS
    day, stamp = dt.date(2020, 1, 1), dt.datetime(2024, 1, 1, 12, 0, 0)
    mix_seed = [
        (
            i,
            f"customer name {i:05d}",
            Decimal(i * 37) / 100,
            day + dt.timedelta(days=i),
            stamp + dt.timedelta(seconds=i * 3607),
            i / 7,
        )
        for i in range(SEED_ROWS)
    ]
    with informix_db.connect(**kwargs) as conn:
        cur = conn.cursor()
        cur.execute("CREATE TABLE bench_seed (n INT)")
        cur.executemany("INSERT INTO bench_seed VALUES (?)", [(i,) for i in range(SEED_ROWS)])
        cur.execute(f"CREATE TABLE bench_mix_seed ({MIX_COLUMNS})")
        cur.executemany("INSERT INTO bench_mix_seed VALUES (?, ?, ?, ?, ?, ?)", mix_seed)
        cur.execute("CREATE TABLE bench_int5 (a INT, b INT, c INT, d INT, e INT)")
        cur.execute(
            f"INSERT INTO bench_int5 SELECT s.n * {fan_out} + t.n, s.n, t.n, s.n + t.n, 7"
            f" FROM bench_seed s, bench_seed t WHERE t.n < {fan_out}"
        )
        cur.execute(f"CREATE TABLE bench_mix6 ({MIX_COLUMNS})")
        cur.execute(
            f"INSERT INTO bench_mix6 SELECT m.id * {fan_out} + t.n, m.name, m.amount, m.day,"
            f" m.stamp, m.ratio FROM bench_mix_seed m, bench_seed t WHERE t.n < {fan_out}"
        )
        cur.execute(
            "CREATE TABLE bench_pk (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(12,2),"
            " day DATE)"
        )
        cur.execute(
            "INSERT INTO bench_pk SELECT id, name, amount, day FROM bench_mix6"
            f" WHERE id < {PK_ROWS}"
        )
        cur.execute("CREATE TABLE bench_em (a INT, b VARCHAR(40), c DECIMAL(12,2))")
        conn.commit()


def run_client(
    python: Path | str, module: str, mode: str, kwargs: dict[str, Any], path: str | None
) -> Run:
    """Run CLIENT in a fresh interpreter; ``path`` is its PYTHONPATH (None: none at all)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if path is not None:
        env["PYTHONPATH"] = path
    spec = {
        "module": module,
        "mode": mode,
        "connect": kwargs,
        "executemany_rows": EXECUTEMANY_ROWS,
        "lookups": LOOKUPS,
        "pk_rows": PK_ROWS,
    }
    done = subprocess.run(
        [str(python), "-c", CLIENT, json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit code {done.returncode}")
    result: Run = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _clients() -> list[tuple[str, Path | str, str, str, str | None]]:
    """(label, interpreter, module, mode, PYTHONPATH) of every driver to run."""
    ours_path = os.environ.get("PYTHONPATH")
    clients: list[tuple[str, Path | str, str, str, str | None]] = [
        ("informix_db sync", sys.executable, "informix_db", "sync", ours_path),
        ("informix_db_aio", sys.executable, "informix_db_aio", "aio", ours_path),
    ]
    baseline = os.environ.get("BENCH_DRIVER_BASELINE")
    if baseline:
        path = os.pathsep.join(p for p in (baseline, ours_path) if p)
        clients += [
            ("baseline sync", sys.executable, "informix_db", "sync", path),
            ("baseline aio", sys.executable, "informix_db_aio", "aio", path),
        ]
    clients += [
        ("peer sync", PEER_PYTHON, "informix_db", "sync", None),
        ("peer aio", PEER_PYTHON, "informix_db.aio", "aio", None),
    ]
    return clients


def _print_table(results: dict[str, Run]) -> None:
    print("\nclient CPU = the client process only; the server ran in a process of its own")
    print(f"{'case':24} {'driver':18} {'rows/s':>9} {'wall s':>7} {'cpu s':>7} {'cpu us/row':>10}")
    cases = next(iter(results.values()))
    for case in cases:
        for label, result in results.items():
            r = result.get(case)
            if r is None:
                continue
            if "error" in r:
                print(f"{case:24} {label:18} failed: {r['error']}")
            elif "calls" in r:
                print(
                    f"{case:24} {label:18} p50 {r['p50'] * 1e3:6.3f} ms  p99 {r['p99'] * 1e3:6.3f}"
                    f" ms  cpu {r['cpu'] * 1e6:6.1f} us/call"
                )
            else:
                print(
                    f"{case:24} {label:18} {r['rows'] / r['wall']:9.0f} {r['wall']:7.3f}"
                    f" {r['cpu']:7.3f} {r['cpu'] / r['rows'] * 1e6:10.2f}"
                )


def _keep_best(kept: Run, run: Run) -> None:
    """Per case, the run that used the least client CPU (the least disturbed one)."""
    for case, numbers in run.items():
        if case not in kept or numbers.get("cpu", 1e9) < kept[case].get("cpu", 1e9):
            kept[case] = numbers


@pytest.mark.timeout(3600)  # every driver in turn: minutes, mostly the server's executemany
def test_driver_end_to_end(server_process: dict[str, Any]) -> None:
    pytest.importorskip("informix_db_aio")
    results: dict[str, Run] = {}
    skipped: set[str] = set()
    for _ in range(ROUNDS):
        for label, python, module, mode, path in _clients():
            if label in skipped:
                continue
            if python == PEER_PYTHON and not PEER_PYTHON.exists():
                print(f"\n{label} skipped: no venv at {PEER_PYTHON} (python tools/peer_venv.py)")
                skipped.add(label)
                continue
            try:
                run = run_client(python, module, mode, server_process, path)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                if python != PEER_PYTHON:
                    raise
                print(f"\n{label} skipped: {exc}")
                skipped.add(label)
                continue
            _keep_best(results.setdefault(label, {}), run)
    _print_table(results)
    for label in ("informix_db sync", "informix_db_aio"):
        ours = results[label]
        assert not [case for case, r in ours.items() if "error" in r], ours
        assert ours["bench_int5 fetchall"]["rows"] == FETCH_ROWS
        assert ours["bench_mix6 iterate"]["rows"] == FETCH_ROWS
