"""A 256 MB BLOB round trip, with the client's peak memory printed beside the LOB size, two ways:
through client files (``write_blob_column`` from a file, ``read_blob_column`` into a file, over
SQ_FILE) and through a smart-LOB locator (``create_lob`` written from a file with
``shutil.copyfileobj``, its locator inserted, then ``open_lob`` on the fetched locator copied
into a file; ifx_lo_* fast-path calls and SQ_LODATA requests of 1 MiB).

The client runs in a subprocess of its own so its peak RSS and Python heap peak
(``tracemalloc``) count only the driver; the test server, which keeps the value in memory, stays
in this process. The peak RSS is Linux's ``VmHWM``, reset once the source file is written
(``/proc/self/clear_refs``): ``ru_maxrss``, the stand-in elsewhere, also counts the pytest
process the client was forked from, whose high-water mark survives ``exec``. Times are printed,
never asserted; memory is checked to stay well under the LOB size, which is the point of
streaming. ``INFORMIX_BENCH_LOB_MB`` changes the size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from informix_testserver.server import TestServer

pytestmark = pytest.mark.bench

LOB_MB = int(os.environ.get("INFORMIX_BENCH_LOB_MB", "256"))

CLIENT = r"""
import hashlib, json, os, resource, shutil, sys, time, tracemalloc
import informix_db

kwargs, size, workdir = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
method = sys.argv[4]
source, target = os.path.join(workdir, "in.bin"), os.path.join(workdir, "out.bin")
digest = hashlib.sha256()
with open(source, "wb") as f:
    block = os.urandom(1 << 20)
    for i in range(size >> 20):
        chunk = i.to_bytes(4, "big") + block[4:]
        digest.update(chunk)
        f.write(chunk)
del block, chunk


def status_kb(field):
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset VmHWM to the current RSS
except OSError:
    pass
rss_before = status_kb("VmRSS")
tracemalloc.start()
conn = informix_db.connect(**kwargs, autocommit=True)
cur = conn.cursor()
cur.execute("CREATE TABLE bench_lob (id INT, data BLOB)")
t0 = time.perf_counter()
if method == "files":
    with open(source, "rb") as f:
        cur.write_blob_column("INSERT INTO bench_lob VALUES (1, BLOB_PLACEHOLDER)", blob_data=f)
    t1 = time.perf_counter()
    with open(target, "wb") as f:
        n = cur.read_blob_column("SELECT data FROM bench_lob WHERE id = 1", into=f)
else:
    with open(source, "rb") as f, conn.create_lob() as lob:
        shutil.copyfileobj(f, lob, 1 << 20)
    cur.execute("INSERT INTO bench_lob VALUES (1, ?)", (lob.locator,))
    t1 = time.perf_counter()
    cur.execute("SELECT data FROM bench_lob WHERE id = 1")
    (locator,) = cur.fetchone()
    with open(target, "wb") as f, conn.open_lob(locator) as lob:
        shutil.copyfileobj(lob, f, 1 << 20)
        n = lob.tell()
t2 = time.perf_counter()
cur.execute("DROP TABLE bench_lob")
conn.close()
heap_peak = tracemalloc.get_traced_memory()[1]
check = hashlib.sha256()
with open(target, "rb") as f:
    while block := f.read(1 << 20):
        check.update(block)
print(json.dumps({
    "bytes": n, "same": check.digest() == digest.digest(),
    "write_s": t1 - t0, "read_s": t2 - t1,
    "rss_peak_kb": status_kb("VmHWM"),
    "rss_before_kb": rss_before, "heap_peak": heap_peak,
}))
"""


def _run_client(server: TestServer, size: int, workdir: Path, method: str) -> dict[str, Any]:
    kwargs = {
        "host": server.host, "port": server.port, "user": server.user,
        "password": server.password, "database": "testdb",
        "server": server.config.server_name, "read_timeout": 600,
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", CLIENT, json.dumps(kwargs), str(size), str(workdir), method],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"the LOB client failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _report(title: str, steps: tuple[str, str], result: dict[str, Any], size: int) -> None:
    assert result["bytes"] == size
    assert result["same"]
    mb = 1 << 20
    rss_peak = result["rss_peak_kb"] * 1024
    growth = rss_peak - result["rss_before_kb"] * 1024
    print(f"\nBLOB round trip of {LOB_MB} MB {title}")
    for name, key in zip(steps, ("write_s", "read_s"), strict=True):
        print(f"  {name:18} {result[key]:7.2f} s  {size / mb / result[key]:7.1f} MB/s")
    print(f"  client peak RSS    {rss_peak / mb:7.1f} MB ({growth / mb:.1f} MB over the baseline)")
    print(f"  client heap peak   {result['heap_peak'] / mb:7.1f} MB (tracemalloc)")
    assert growth < size / 2, "the client held a large part of the LOB in memory"


def test_blob_round_trip_memory(tmp_path: Path) -> None:
    size = LOB_MB << 20
    with TestServer() as server:
        result = _run_client(server, size, tmp_path, "files")
    _report("through client files (SQ_FILE)", ("write_blob_column", "read_blob_column"), result,
            size)  # fmt: skip


def test_blob_round_trip_through_a_locator(tmp_path: Path) -> None:
    size = LOB_MB << 20
    with TestServer() as server:
        result = _run_client(server, size, tmp_path, "locator")
    _report("through a locator (ifx_lo_* + SQ_LODATA)", ("create_lob + write", "open_lob + read"),
            result, size)  # fmt: skip
