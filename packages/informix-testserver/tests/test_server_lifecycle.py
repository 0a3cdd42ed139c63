"""Stopping and closing the server: session threads are joined and DuckDB is closed before the
interpreter exits (a thread killed inside DuckDB at exit aborts the process)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from sqli_doubles import Client

from informix_testserver.server import TestServer


def test_stop_joins_session_threads_and_close_closes_duckdb() -> None:
    server = TestServer().start()
    client = Client(server.port)
    client.setup()  # a session with an open database, left open by the client
    assert any(t.is_alive() for t in server._session_threads)
    assert server.stop() is True
    assert not server._session_threads
    server.start()  # stop() keeps the data: the server restarts
    server.close()
    with pytest.raises(duckdb.ConnectionException):
        server.engine.duck.execute("SELECT 1")
    client.close()


def test_an_engine_passed_in_stays_open() -> None:
    from informix_testserver.engine import Engine

    engine = Engine()
    with TestServer(engine=engine):
        pass
    assert engine.duck.execute("SELECT 42").fetchone() == (42,)
    engine.close()


SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from sqli_doubles import Client
    from informix_testserver import TestServer

    with TestServer() as server:
        clients = []
        for _ in range(4):
            c = Client(server.port)
            c.setup()
            clients.append(c)
    print("ok")
    """
)


def test_a_script_outside_pytest_exits_cleanly() -> None:
    """Sessions still open when the ``with`` block ends: the process exits with 0, without a
    C++ abort or a nanobind leak report on stderr."""
    here = str(Path(__file__).parent)
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT, here], capture_output=True, text=True, timeout=120
        )
        assert (run.returncode, run.stdout.strip()) == (0, "ok"), run.stderr
        assert "terminate" not in run.stderr, run.stderr
        assert "leak" not in run.stderr, run.stderr
