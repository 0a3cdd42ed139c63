"""``python -m informix_wire decode`` and ``proxy`` on a small conversation built from the message
classes: login, SQ_PROTOCOLS, a PREPARE and its reply."""

from __future__ import annotations

import io
import socket
import struct
import threading
from pathlib import Path

import pytest
from wire_doubles import WAIT, OneShotServer, recv_exactly

from informix_wire import messages as m
from informix_wire.__main__ import main
from informix_wire.capabilities import CLIENT_OFFER, IDS15_REPLY, Capabilities
from informix_wire.login import LoginParams, accept_reply, build_login_request
from informix_wire.proxy import TracingProxy
from informix_wire.trace import SQLIDEBUG_MAGIC, Chunk, ConversationDecoder, read_sqlidebug

CAPS = Capabilities(IDS15_REPLY)
LOGIN = build_login_request(LoginParams("informix", "in4mix", "ol_x", app_name="tools-test"))
ACCEPT = accept_reply()
PROTOCOLS_REQUEST = m.encode_pdu(CAPS, [m.Protocols(CLIENT_OFFER)])
PROTOCOLS_REPLY = m.encode_pdu(CAPS, [m.Protocols(IDS15_REPLY)])
PREPARE = m.encode_pdu(CAPS, [m.Prepare(b"SELECT 1 FROM t"), m.NDescribe(), m.WantDone()])
PREPARE_REPLY = m.encode_pdu(CAPS, [m.SqlErrorInfo(-206, 0, 14, b"t"), m.Done(), m.Cost()])
CLIENT = LOGIN + PROTOCOLS_REQUEST + PREPARE
SERVER = ACCEPT + PROTOCOLS_REPLY + PREPARE_REPLY


def sqlidebug(*records: tuple[bytes, bytes]) -> bytes:
    """A trace in JDBC's SqliDbg layout: header, then [kind][int length][double time][bytes]."""
    out = SQLIDEBUG_MAGIC
    for n, (kind, data) in enumerate(records):
        out += struct.pack(">2sid", kind, len(data), 1.7e9 + n) + data
    return out


def run_decode(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["decode", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def test_decode_raw_client_and_server_streams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c.bin").write_bytes(CLIENT)
    (tmp_path / "s.bin").write_bytes(SERVER)
    lines = run_decode(capsys, str(tmp_path / "c.bin"), "--server", str(tmp_path / "s.bin"))
    assert lines[0].startswith("00000000 S login accepted LoginAccepted(version_text='IBM")
    assert lines[1] == f"{len(ACCEPT):08x} S Protocols(mask=b'{_escaped(IDS15_REPLY)}')"
    assert any(" S SqlErrorInfo(sqlcode=-206" in line for line in lines)
    client = [line for line in lines if " C " in line]
    assert client[0].startswith("00000000 C login request LoginRequest(user='informix'")
    assert "in4mix" not in "\n".join(lines)
    assert client[1].startswith(f"{len(LOGIN):08x} C Protocols(")
    offset = len(LOGIN) + len(PROTOCOLS_REQUEST)
    assert client[3] == f"{offset:08x} C Prepare(sql=b'SELECT 1 FROM t', placeholders=0)"
    assert [line.split(" ", 2)[2] for line in client[4:]] == ["NDescribe()", "WantDone()", "Eot()"]


def _escaped(data: bytes) -> str:
    return repr(data)[2:-1]


def test_decode_sqlidebug_trace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # JDBC's trace starts after login (SqliDbg.clearC2S / clearS2C)
    trace = sqlidebug((b"CS", PROTOCOLS_REQUEST), (b"SC", PROTOCOLS_REPLY), (b"CS", PREPARE),
                      (b"SC", PREPARE_REPLY))  # fmt: skip
    assert [c.side for c in read_sqlidebug(trace)] == ["C", "S", "C", "S"]
    (tmp_path / "trace").write_bytes(trace)
    lines = run_decode(capsys, str(tmp_path / "trace"))
    assert [line.split(" ")[1] for line in lines] == ["C"] * 2 + ["S"] * 2 + ["C"] * 4 + ["S"] * 4
    assert lines[4].endswith("C Prepare(sql=b'SELECT 1 FROM t', placeholders=0)")


def test_damaged_captures_are_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.bin").write_bytes(PROTOCOLS_REQUEST + b"\x7f\x7f\x00\x00")
    lines = run_decode(capsys, str(tmp_path / "bad.bin"))
    assert lines[-1].startswith(f"{len(PROTOCOLS_REQUEST):08x} C undecodable (")
    assert "32639" in lines[-1]  # the unknown tag is named
    (tmp_path / "cut.bin").write_bytes(CLIENT[:-3])
    assert "truncated" in run_decode(capsys, str(tmp_path / "cut.bin"))[-1]
    (tmp_path / "trace").write_bytes(SQLIDEBUG_MAGIC + struct.pack(">2sid", b"XX", 1, 0.0) + b"!")
    assert main(["decode", str(tmp_path / "trace")]) == 1
    assert "damaged SQLIDEBUG record at offset 8" in capsys.readouterr().err


def test_decoder_handles_bytes_split_anywhere() -> None:
    whole = ConversationDecoder()
    expected = whole.feed(Chunk("C", CLIENT)) + whole.feed(Chunk("S", SERVER))
    for size in (1, 3, 7):
        decoder = ConversationDecoder()
        lines = []
        for side, data in (("C", CLIENT), ("S", SERVER)):
            for i in range(0, len(data), size):
                lines += decoder.feed(Chunk(side, data[i : i + size]))
        assert lines == expected
        assert decoder.finish() == []


def test_proxy_forwards_unchanged_and_logs_messages() -> None:
    received: list[bytes] = []

    def fake_server(conn: socket.socket) -> None:
        (size,) = struct.unpack(">h", recv_exactly(conn, 2))
        received.append(struct.pack(">h", size) + recv_exactly(conn, size - 2))
        conn.sendall(ACCEPT)
        received.append(recv_exactly(conn, len(PROTOCOLS_REQUEST)))
        conn.sendall(PROTOCOLS_REPLY)
        received.append(recv_exactly(conn, len(PREPARE)))
        conn.sendall(PREPARE_REPLY)

    server = OneShotServer(fake_server)
    log = io.StringIO()
    proxy = TracingProxy(("127.0.0.1", 0), ("127.0.0.1", server.port), log)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(proxy.address, timeout=WAIT) as client:
            got = b""
            for request, reply in ((LOGIN, ACCEPT), (PROTOCOLS_REQUEST, PROTOCOLS_REPLY),
                                   (PREPARE, PREPARE_REPLY)):  # fmt: skip
                client.sendall(request)
                got += recv_exactly(client, len(reply))
        server.join()
        assert received == [LOGIN, PROTOCOLS_REQUEST, PREPARE]
        assert got == SERVER
    finally:
        proxy.close()
        thread.join(WAIT)
    text = log.getvalue()
    assert "#1 00000000 C login request LoginRequest(user='informix'" in text
    assert "#1 00000000 S login accepted" in text
    assert "S SqlErrorInfo(sqlcode=-206" in text
    assert "C Prepare(sql=b'SELECT 1 FROM t'" in text
    assert "#1 closed" in text


def test_proxy_forwards_the_interrupt_byte() -> None:
    import select

    def expect_urgent(conn: socket.socket) -> None:
        _, _, urgent = select.select([], [], [conn], WAIT)
        assert urgent
        conn.settimeout(None)
        assert conn.recv(1, socket.MSG_OOB) == b"\x42"

    server = OneShotServer(expect_urgent)
    log = io.StringIO()
    proxy = TracingProxy(("127.0.0.1", 0), ("127.0.0.1", server.port), log)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(proxy.address, timeout=WAIT) as client:
            client.send(b"\x42", socket.MSG_OOB)
            server.join()
    finally:
        proxy.close()
        thread.join(WAIT)
    assert "C interrupt (urgent byte 42)" in log.getvalue()
