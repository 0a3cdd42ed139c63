"""The blocking transport and the TLS options against local socket servers (plain and TLS)."""

from __future__ import annotations

import select
import socket
import ssl
import threading
from pathlib import Path

import pytest
from wire_doubles import WAIT, OneShotServer, certificate, echo, server_tls

from informix_wire import errors
from informix_wire.buffer import ReadBuffer
from informix_wire.tls import tls_context
from informix_wire.transport import RECV_SIZE, connect_tcp

__all__ = ["certificate", "server_tls"]  # fixtures used by name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_send_and_recv_into_the_connection_buffer() -> None:
    server = OneShotServer(echo)
    buf = ReadBuffer()
    with connect_tcp("127.0.0.1", server.port, connect_timeout=WAIT, read_timeout=WAIT) as t:
        sock = t._sock
        assert sock is not None
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
        payload = bytes(range(256)) * 1024  # 256 KiB: several recvs of at most 64 KiB
        t.send(payload)
        while len(buf) < len(payload):
            assert 0 < t.recv_into(buf) <= RECV_SIZE
        assert buf.take(len(payload)) == payload
    assert t.closed
    t.close()  # idempotent
    server.join()


def test_keepalive_can_be_switched_off() -> None:
    server = OneShotServer(echo)
    with connect_tcp("127.0.0.1", server.port, keepalive=False) as t:
        assert t._sock is not None
        assert not t._sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
    server.join()


def test_eof_is_connection_lost_and_closes() -> None:
    server = OneShotServer(lambda conn: None)
    t = connect_tcp("127.0.0.1", server.port, read_timeout=WAIT)
    with pytest.raises(errors.ConnectionLost, match=f"127.0.0.1:{server.port} closed"):
        t.recv_into(ReadBuffer())
    assert t.closed
    with pytest.raises(errors.ConnectionLost, match="is closed"):
        t.send(b"x")
    server.join()


def test_read_timeout_keeps_the_connection_open() -> None:
    release = threading.Event()

    def late(conn: socket.socket) -> None:
        release.wait(WAIT)
        conn.sendall(b"late")

    server = OneShotServer(late)
    t = connect_tcp("127.0.0.1", server.port, read_timeout=0.2)
    buf = ReadBuffer()
    with pytest.raises(errors.WireTimeout, match=r"no reply from .* after 0\.2 s"):
        t.recv_into(buf)
    assert not t.closed
    release.set()
    t.settimeout(WAIT)
    assert t.recv_into(buf) == 4
    assert buf.take(4) == b"late"
    t.close()
    server.join()


def test_write_timeout_closes_the_connection() -> None:
    stop = threading.Event()
    server = OneShotServer(lambda conn: stop.wait(WAIT))  # never reads
    t = connect_tcp("127.0.0.1", server.port, write_timeout=0.3)
    with pytest.raises(errors.WireTimeout, match=r"sending to .* timed out"):
        t.send(bytes(256 * 1024 * 1024))
    assert t.closed
    stop.set()
    server.join()


def test_refused_connect_is_operational_error_908_naming_the_address() -> None:
    port = free_port()
    with pytest.raises(errors.OperationalError, match=f"127.0.0.1:{port}") as caught:
        connect_tcp("127.0.0.1", port, connect_timeout=WAIT)
    assert caught.value.sqlcode == -908


def test_interrupt_is_one_urgent_byte() -> None:
    def expect_urgent(conn: socket.socket) -> None:
        _, _, urgent = select.select([], [], [conn], WAIT)
        assert urgent, "no urgent data arrived"
        conn.settimeout(None)  # a timed recv polls for normal data, which OOB data is not
        assert conn.recv(1, socket.MSG_OOB) == b"\x42"
        conn.sendall(b"ok")

    server = OneShotServer(expect_urgent)
    with connect_tcp("127.0.0.1", server.port, read_timeout=WAIT) as t:
        t.send_interrupt()
        buf = ReadBuffer()
        t.recv_into(buf)
        assert buf.take(2) == b"ok"
    server.join()


def test_tls_verified_against_the_given_ca(
    certificate: tuple[Path, Path], server_tls: ssl.SSLContext
) -> None:
    server = OneShotServer(echo, server_tls)
    context = tls_context(True, cafile=certificate[0])
    t = connect_tcp("127.0.0.1", server.port, tls=context, server_hostname="localhost",
                    connect_timeout=WAIT, read_timeout=WAIT)  # fmt: skip
    assert t.tls
    assert "tls" in repr(t)
    t.send(b"over tls")
    buf = ReadBuffer()
    while len(buf) < 8:
        t.recv_into(buf)
    assert buf.take(8) == b"over tls"
    with pytest.raises(errors.NotSupportedError, match="TLS"):
        t.send_interrupt()
    t.close()
    server.join()


@pytest.mark.parametrize(
    ("cafile", "hostname", "reason"),
    [(False, "localhost", "not trusted"), (True, "db.example", "not trusted")],
)
def test_tls_refuses_unknown_ca_and_wrong_host(
    certificate: tuple[Path, Path], server_tls: ssl.SSLContext, cafile: bool, hostname: str,
    reason: str,
) -> None:  # fmt: skip
    server = OneShotServer(lambda conn: None, server_tls)
    context = tls_context(True, cafile=certificate[0] if cafile else None)
    with pytest.raises(errors.OperationalError, match=reason) as caught:
        connect_tcp("127.0.0.1", server.port, tls=context, server_hostname=hostname,
                    connect_timeout=WAIT)  # fmt: skip
    assert caught.value.sqlcode == -908
    server.thread.join(WAIT)  # the server's handshake fails too; its error is expected


def test_tls_without_verification_is_explicit(server_tls: ssl.SSLContext) -> None:
    server = OneShotServer(echo, server_tls)
    context = tls_context(True, verify=False)
    assert context is not None
    assert context.verify_mode == ssl.CERT_NONE
    with connect_tcp("127.0.0.1", server.port, tls=context, read_timeout=WAIT) as t:
        t.send(b"x")
        buf = ReadBuffer()
        t.recv_into(buf)
        assert buf.take(1) == b"x"
    server.join()


def test_tls_handshake_timeout_is_wire_timeout() -> None:
    stop = threading.Event()
    server = OneShotServer(lambda conn: stop.wait(WAIT))  # TCP only: never answers the hello
    with pytest.raises(errors.WireTimeout, match="TLS handshake"):
        connect_tcp("127.0.0.1", server.port, tls=tls_context(True, verify=False),
                    connect_timeout=0.3)  # fmt: skip
    stop.set()
    server.join()


def test_tls_context_options() -> None:
    assert tls_context(None) is None
    assert tls_context(False) is None
    default = tls_context(True)
    assert default is not None
    assert default.verify_mode == ssl.CERT_REQUIRED
    assert default.check_hostname
    own = ssl.create_default_context()
    assert tls_context(own) is own
    with pytest.raises(ValueError, match="ready SSLContext"):
        tls_context(own, verify=False)
    with pytest.raises(ValueError, match="need tls=True"):
        tls_context(None, cafile="ca.pem")
    with pytest.raises(TypeError):
        tls_context("insecure")  # type: ignore[arg-type]
