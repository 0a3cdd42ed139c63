"""IBM's JDBC driver as the witness for the login PDU: the request it sends is the one we build,
and the rejections we build are the SQLExceptions it raises (error code and class).

Skipped when Java or the JDBC jar is unavailable (``tools/ifxjdbc.py``)."""

from __future__ import annotations

import socket
import struct
from pathlib import Path

import pytest
from wire_doubles import WAIT, OneShotServer, recv_exactly

from informix_wire.login import (
    LoginParams,
    build_login_request,
    parse_login_request,
    reject_reply,
)

ifxjdbc = pytest.importorskip("ifxjdbc")

pytestmark = pytest.mark.slow

JAVA = Path(__file__).parent / "java" / "LoginProbe.java"

#: (sqlcode, text) per server; IBM finderr: -951 unknown user or bad password, -952 bad password
#: (both name the user), -761 INFORMIXSERVER not matching DBSERVERNAME (no parameter), -329
#: database not found (names the database). JDBC puts the text into IBM's message.
REJECTIONS = [(-951, "probe"), (-952, "probe"), (-761, ""), (-329, "testdb")]


def _serve_rejection(sqlcode: int, text: str, captured: list[bytes]) -> OneShotServer:
    def handler(conn: socket.socket) -> None:
        head = recv_exactly(conn, 2)
        (size,) = struct.unpack(">h", head)
        captured.append(head + recv_exactly(conn, size - 2))
        conn.sendall(reject_reply(sqlcode, text))
        conn.settimeout(WAIT)
        conn.recv(1)  # JDBC closes its side after the refusal

    return OneShotServer(handler)


@pytest.fixture(scope="module")
def jdbc_run() -> tuple[list[list[str]], list[bytes]]:
    try:
        classes = ifxjdbc.compile_java([JAVA])
    except ifxjdbc.JdbcUnavailable as exc:
        pytest.skip(str(exc))
    captured: list[bytes] = []
    servers = [_serve_rejection(code, text, captured) for code, text in REJECTIONS]
    done = ifxjdbc.run_java(
        classes, "LoginProbe", ["127.0.0.1", *(str(s.port) for s in servers)], timeout=120
    )
    for server in servers:
        server.join()
    lines = [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]
    assert len(lines) == len(REJECTIONS), done.stdout + done.stderr
    return lines, captured


def test_jdbc_reports_our_rejections_with_their_sqlcode(
    jdbc_run: tuple[list[list[str]], list[bytes]],
) -> None:
    lines, _ = jdbc_run
    for (sqlcode, text), line in zip(REJECTIONS, lines, strict=True):
        assert int(line[1]) == sqlcode, line
        assert f": {text}" in line[3] if text else "IfxASFRemoteException" not in line[3], line
    # -951 is the one code JDBC raises as an authorization failure (IfxSqliConnect)
    assert lines[0][2] == "SQLInvalidAuthorizationSpecException"
    assert {line[2] for line in lines[1:]} == {"SQLException"}


def test_jdbc_request_parses_and_matches_ours_byte_for_byte(
    jdbc_run: tuple[list[list[str]], list[bytes]],
) -> None:
    _, captured = jdbc_run
    jdbc = captured[0]
    request = parse_login_request(jdbc)
    assert (request.user, request.password, request.server) == ("probe", "secret", "ol_probe")
    assert request.database is None  # JDBC leaves the URL's database for SQ_DBOPEN as well
    assert request.cap1 == 316
    assert request.client_version == "9.280"
    assert request.env["CLIENT_LOCALE"]
    assert request.env["NODEFDAC"] == "no"
    assert request.app_name.startswith("Thread[")
    assert request.pid > 0

    ours = build_login_request(LoginParams(
        request.user, request.password, request.server, env=request.env,
        app_name=request.app_name, pid=request.pid, thread_id=request.thread_id,
        hostname=request.hostname, cwd=request.cwd,
    ))  # fmt: skip
    assert parse_login_request(ours) == request
    # Everything but the order of the environment entries is identical, header included.
    env_at = jdbc.index(b"\x00\x6a", 100)
    pinfo_at = jdbc.index(b"\x00\x6b\x00\x00\x00\x00", env_at)
    assert ours[:env_at] == jdbc[:env_at]
    assert ours[pinfo_at:] == jdbc[pinfo_at:]
