"""A 256 MB BLOB round trip through client files: ``write_blob_column`` from a file and
``read_blob_column`` into a file, with the client's peak memory printed beside the LOB size.

The client runs in a subprocess of its own so its peak RSS (``ru_maxrss``) and Python heap peak
(``tracemalloc``) count only the driver; the test server, which keeps the value in memory,
stays in this process. Times are printed, never asserted; memory is checked to stay well under
the LOB size, which is the point of streaming. ``INFORMIX_BENCH_LOB_MB`` changes the size.
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
import hashlib, json, os, resource, sys, time, tracemalloc
import informix_db

kwargs, size, workdir = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
source, target = os.path.join(workdir, "in.bin"), os.path.join(workdir, "out.bin")
digest = hashlib.sha256()
with open(source, "wb") as f:
    block = os.urandom(1 << 20)
    for i in range(size >> 20):
        chunk = i.to_bytes(4, "big") + block[4:]
        digest.update(chunk)
        f.write(chunk)
del block, chunk
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
conn = informix_db.connect(**kwargs, autocommit=True)
cur = conn.cursor()
cur.execute("CREATE TABLE bench_lob (id INT, data BLOB)")
t0 = time.perf_counter()
with open(source, "rb") as f:
    cur.write_blob_column("INSERT INTO bench_lob VALUES (1, BLOB_PLACEHOLDER)", blob_data=f)
t1 = time.perf_counter()
with open(target, "wb") as f:
    n = cur.read_blob_column("SELECT data FROM bench_lob WHERE id = 1", into=f)
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
    "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "rss_before_kb": rss_before, "heap_peak": heap_peak,
}))
"""


def _run_client(server: TestServer, size: int, workdir: Path) -> dict[str, Any]:
    kwargs = {
        "host": server.host, "port": server.port, "user": server.user,
        "password": server.password, "database": "testdb",
        "server": server.config.server_name, "read_timeout": 600,
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", CLIENT, json.dumps(kwargs), str(size), str(workdir)],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"the LOB client failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_blob_round_trip_memory(tmp_path: Path) -> None:
    size = LOB_MB << 20
    with TestServer() as server:
        result = _run_client(server, size, tmp_path)
    assert result["bytes"] == size
    assert result["same"]
    mb = 1 << 20
    rss_peak = result["rss_peak_kb"] * 1024
    growth = rss_peak - result["rss_before_kb"] * 1024
    print(f"\nBLOB round trip of {LOB_MB} MB through client files (SQ_FILE)")
    for name, key in (("write_blob_column", "write_s"), ("read_blob_column", "read_s")):
        print(f"  {name:18} {result[key]:7.2f} s  {size / mb / result[key]:7.1f} MB/s")
    print(f"  client peak RSS    {rss_peak / mb:7.1f} MB ({growth / mb:.1f} MB over the baseline)")
    print(f"  client heap peak   {result['heap_peak'] / mb:7.1f} MB (tracemalloc)")
    assert growth < size / 2, "the client held a large part of the LOB in memory"
