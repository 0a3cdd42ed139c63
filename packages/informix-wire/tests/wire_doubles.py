"""Local peers for the transport and tool tests: a one-connection TCP server run by a thread,
and a self-signed certificate made with the ``openssl`` command line."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

#: Bounds every wait in the doubles, so a broken test fails instead of hanging.
WAIT = 10.0


class OneShotServer:
    """Listens on 127.0.0.1, accepts one connection and runs ``handler(conn)`` on a thread.

    ``ssl_context`` wraps the accepted socket (server side). The handler's exception, if any, is
    re-raised by ``join``.
    """

    def __init__(
        self,
        handler: Callable[[socket.socket], None],
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(WAIT)
        self.port: int = self.listener.getsockname()[1]
        self.handler = handler
        self.ssl_context = ssl_context
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            conn, _ = self.listener.accept()
            conn.settimeout(WAIT)
            if self.ssl_context is not None:
                conn = self.ssl_context.wrap_socket(conn, server_side=True)
            with conn:
                self.handler(conn)
        except BaseException as exc:  # handed to the test by join()
            self.error = exc
        finally:
            self.listener.close()

    def join(self) -> None:
        self.thread.join(WAIT)
        assert not self.thread.is_alive(), "server thread did not finish"
        if self.error is not None:
            raise self.error


def echo(conn: socket.socket) -> None:
    """Send back everything received until the client closes."""
    while data := conn.recv(65536):
        conn.sendall(data)


def recv_exactly(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError(f"peer closed after {len(data)} of {n} bytes")
        data += chunk
    return data


def self_signed(directory: Path, host: str = "localhost") -> tuple[Path, Path]:
    """A fresh key and a certificate for ``host`` and 127.0.0.1 (``openssl req -x509``)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = directory / "server.crt", directory / "server.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def server_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return context
