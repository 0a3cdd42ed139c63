"""A blocking TCP (optionally TLS) transport: the only place the sync driver touches a socket.

Reads go into the connection's :class:`~informix_wire.buffer.ReadBuffer`, one ``recv`` of up to
64 KiB at a time; writes are one ``sendall`` of a whole PDU. Socket options follow IBM JDBC
``com.informix.asf.Connection.openSocket``: ``TCP_NODELAY`` always, ``SO_KEEPALIVE`` when asked
(JDBC's ``IFX_SOC_KEEPALIVE``; on by default here, because a pooled connection can sit idle for a
long time behind a firewall).

Failures are PEP 249: a connect that fails is an :class:`OperationalError` with sqlcode -908
(JDBC's "Attempt to connect to database server failed"); a timeout is :class:`WireTimeout`; a
peer that goes away is :class:`ConnectionLost`. Each names ``host:port``.
"""

from __future__ import annotations

import socket
import ssl

from informix_wire.buffer import ReadBuffer
from informix_wire.errors import ConnectionLost, NotSupportedError, OperationalError, WireTimeout
from informix_wire.tls import untrusted_message

#: Bytes asked of one ``recv``.
RECV_SIZE = 64 * 1024
#: JDBC's sqlcode for a failed connect or a broken socket (``Connection.openSocket``).
CONNECT_FAILED = -908
#: The urgent byte JDBC's ``Statement.cancel`` sends: ``Connection.sOOBSocket`` calls
#: ``Socket.sendUrgentData(66)``, one TCP out-of-band byte 0x42.
INTERRUPT_BYTE = b"\x42"


def _timeout_text(seconds: float | None) -> str:
    return "" if seconds is None else f" after {seconds:g} s"


def _tune(sock: socket.socket, keepalive: bool) -> None:
    """TCP_NODELAY (a request leaves at once) and SO_KEEPALIVE, as JDBC sets them."""
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1 if keepalive else 0)


class SocketTransport:
    """One connected socket, with per-direction timeouts (seconds; None waits forever).

    ``read_timeout`` and ``write_timeout`` may be changed at any time (``settimeout`` sets both).
    A read timeout leaves the connection open (the caller may send an interrupt and read on); a
    write timeout closes it, because part of a PDU may have left and the stream cannot be
    resumed.
    """

    __slots__ = ("_current", "_scratch", "_sock", "address", "read_timeout", "tls", "write_timeout")

    def __init__(
        self,
        sock: socket.socket,
        address: str,
        *,
        read_timeout: float | None = None,
        write_timeout: float | None = None,
    ) -> None:
        self._sock: socket.socket | None = sock
        self._current = sock.gettimeout()
        self._scratch = memoryview(bytearray(RECV_SIZE))
        #: ``host:port`` for messages.
        self.address = address
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        #: True when the socket is wrapped in TLS.
        self.tls = isinstance(sock, ssl.SSLSocket)

    @property
    def closed(self) -> bool:
        return self._sock is None

    def settimeout(self, timeout: float | None) -> None:
        """Set both the read and the write timeout."""
        self.read_timeout = self.write_timeout = timeout

    def _socket(self, timeout: float | None) -> socket.socket:
        sock = self._sock
        if sock is None:
            raise ConnectionLost(f"connection to {self.address} is closed")
        if timeout != self._current:  # settimeout is a syscall; skip it when nothing changes
            sock.settimeout(timeout)
            self._current = timeout
        return sock

    def send(self, data: bytes | bytearray | memoryview) -> None:
        """Send one whole PDU (one ``sendall`` under the write timeout)."""
        sock = self._socket(self.write_timeout)
        try:
            sock.sendall(data)
        except TimeoutError:
            self.close()
            raise WireTimeout(
                f"sending to {self.address} timed out{_timeout_text(self.write_timeout)}; "
                "the connection is closed"
            ) from None
        except OSError as exc:
            self.close()
            raise ConnectionLost(
                f"connection to {self.address} failed while sending: {exc}"
            ) from exc

    def recv_into(self, buffer: ReadBuffer) -> int:
        """One ``recv`` of up to 64 KiB fed into ``buffer``; the number of bytes received."""
        sock = self._socket(self.read_timeout)
        try:
            n = sock.recv_into(self._scratch)
        except TimeoutError:
            raise WireTimeout(
                f"no reply from {self.address}{_timeout_text(self.read_timeout)}"
            ) from None
        except ssl.SSLZeroReturnError:
            n = 0
        except OSError as exc:
            self.close()
            raise ConnectionLost(
                f"connection to {self.address} failed while receiving: {exc}"
            ) from exc
        if n == 0:
            self.close()
            raise ConnectionLost(f"the server at {self.address} closed the connection")
        buffer.feed(self._scratch[:n])
        return n

    def send_interrupt(self) -> None:
        """Ask the server to cancel the running request: one TCP urgent byte, as JDBC's
        ``Statement.cancel`` sends. Not possible over TLS (Java's ``SSLSocket`` refuses
        ``sendUrgentData`` too): NotSupportedError."""
        if self.tls:
            raise NotSupportedError("an interrupt cannot be sent over TLS (no urgent data in TLS)")
        sock = self._socket(self.write_timeout)
        try:
            sock.send(INTERRUPT_BYTE, socket.MSG_OOB)
        except TimeoutError:
            raise WireTimeout(f"sending the interrupt to {self.address} timed out") from None
        except OSError as exc:
            self.close()
            raise ConnectionLost(f"sending the interrupt to {self.address} failed: {exc}") from exc

    def close(self) -> None:
        """Close the socket (idempotent)."""
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.close()
            except OSError:
                pass

    def __enter__(self) -> SocketTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._sock is None else ("tls" if self.tls else "tcp")
        return f"<SocketTransport {self.address} {state}>"


def connect_tcp(
    host: str,
    port: int,
    *,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
    write_timeout: float | None = None,
    keepalive: bool = True,
    tls: ssl.SSLContext | None = None,
    server_hostname: str | None = None,
) -> SocketTransport:
    """Connect (and run the TLS handshake) within ``connect_timeout``.

    ``tls`` is a context from :func:`informix_wire.tls.tls_context`; the certificate is checked
    against ``server_hostname`` (default ``host``) when the context checks host names.
    """
    address = f"{host}:{port}"
    try:
        sock = socket.create_connection((host, port), timeout=connect_timeout)
    except TimeoutError:
        raise WireTimeout(
            f"connecting to {address} timed out{_timeout_text(connect_timeout)}",
            sqlcode=CONNECT_FAILED,
        ) from None
    except OSError as exc:
        raise OperationalError(
            f"cannot connect to the Informix server at {address}: {exc}", sqlcode=CONNECT_FAILED
        ) from exc
    try:
        _tune(sock, keepalive)
        if tls is not None:
            sock = tls.wrap_socket(sock, server_hostname=server_hostname or host)
    except TimeoutError:
        sock.close()
        raise WireTimeout(
            f"TLS handshake with {address} timed out{_timeout_text(connect_timeout)}",
            sqlcode=CONNECT_FAILED,
        ) from None
    except ssl.SSLCertVerificationError as exc:
        sock.close()
        raise OperationalError(
            untrusted_message(address, exc),
            sqlcode=CONNECT_FAILED,
        ) from exc
    except OSError as exc:  # ssl.SSLError included
        sock.close()
        raise OperationalError(
            f"TLS handshake with {address} failed: {exc}", sqlcode=CONNECT_FAILED
        ) from exc
    return SocketTransport(sock, address, read_timeout=read_timeout, write_timeout=write_timeout)
