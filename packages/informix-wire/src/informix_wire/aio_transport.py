"""The asyncio twin of :mod:`informix_wire.transport`, on asyncio streams (no threads).

Same members and errors as :class:`~informix_wire.transport.SocketTransport`, as coroutines where
they wait: ``await send(data)``, ``await recv_into(buffer)``; ``send_interrupt()`` and
``close()`` do not wait, ``await wait_closed()`` does. Timeouts use ``within``, not
``asyncio.wait_for``: before Python 3.12 ``wait_for`` returns the inner result when it finishes in
the same loop turn as the caller's cancellation, losing the cancellation (CPython gh-86296).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import sys
from collections.abc import Awaitable
from typing import Any, TypeVar

from informix_wire.buffer import ReadBuffer
from informix_wire.errors import ConnectionLost, NotSupportedError, OperationalError, WireTimeout
from informix_wire.tls import untrusted_message
from informix_wire.transport import CONNECT_FAILED, INTERRUPT_BYTE, RECV_SIZE

T = TypeVar("T")

if sys.version_info >= (3, 11):

    async def within(awaitable: Awaitable[T], seconds: float | None) -> T:
        """``awaitable``'s result, or TimeoutError after ``seconds`` (None: no limit); a
        cancellation of the calling task always propagates (``asyncio.timeout`` runs it in this
        task, so nothing can finish unseen in another)."""
        async with asyncio.timeout(seconds):
            return await awaitable

else:

    async def within(awaitable: Awaitable[T], seconds: float | None) -> T:
        """As above; Python 3.10 has no ``asyncio.timeout``, so the expiry cancels this task."""
        if seconds is None:
            return await awaitable
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("within() must run in a task")
        expired = False

        def expire() -> None:
            nonlocal expired
            expired = True
            task.cancel()

        handle = asyncio.get_running_loop().call_later(seconds, expire)
        try:
            return await awaitable
        except asyncio.CancelledError:
            if expired:
                raise asyncio.TimeoutError from None
            raise
        finally:
            handle.cancel()


def _after(seconds: float | None) -> str:
    return "" if seconds is None else f" after {seconds:g} s"


class AsyncTransport:
    """One connected asyncio stream pair with per-direction timeouts (seconds; None waits
    forever). As in the sync transport, a read timeout leaves the connection open and a write
    timeout closes it."""

    __slots__ = (
        "_closing", "_reader", "_writer", "address", "read_timeout", "tls", "write_timeout",
    )  # fmt: skip

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        address: str,
        *,
        read_timeout: float | None = None,
        write_timeout: float | None = None,
    ) -> None:
        self._reader = reader
        self._writer: asyncio.StreamWriter | None = writer
        self._closing: asyncio.StreamWriter | None = None
        self.address = address
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        self.tls = writer.get_extra_info("sslcontext") is not None

    @property
    def closed(self) -> bool:
        return self._writer is None

    def settimeout(self, timeout: float | None) -> None:
        """Set both the read and the write timeout."""
        self.read_timeout = self.write_timeout = timeout

    def _stream(self) -> asyncio.StreamWriter:
        if self._writer is None:
            raise ConnectionLost(f"connection to {self.address} is closed")
        return self._writer

    async def send(self, data: bytes | bytearray | memoryview) -> None:
        """Send one whole PDU and wait until the transport has taken it (``drain``)."""
        writer = self._stream()
        try:
            writer.write(data)
            await within(writer.drain(), self.write_timeout)
        except asyncio.TimeoutError:
            self.close()
            raise WireTimeout(
                f"sending to {self.address} timed out{_after(self.write_timeout)}; "
                "the connection is closed"
            ) from None
        except OSError as exc:
            self.close()
            raise ConnectionLost(
                f"connection to {self.address} failed while sending: {exc}"
            ) from exc

    async def recv_into(self, buffer: ReadBuffer) -> int:
        """Up to 64 KiB (what has arrived) fed into ``buffer``; the number of bytes received."""
        self._stream()
        try:
            chunk = await within(self._reader.read(RECV_SIZE), self.read_timeout)
        except asyncio.TimeoutError:
            raise WireTimeout(f"no reply from {self.address}{_after(self.read_timeout)}") from None
        except OSError as exc:
            self.close()
            raise ConnectionLost(
                f"connection to {self.address} failed while receiving: {exc}"
            ) from exc
        if not chunk:
            self.close()
            raise ConnectionLost(f"the server at {self.address} closed the connection")
        buffer.feed(chunk)
        return len(chunk)

    def send_interrupt(self) -> None:
        """One TCP urgent byte, as JDBC's ``Statement.cancel`` sends (``Connection.sOOBSocket``);
        NotSupportedError over TLS. Sent on a duplicate of the stream's socket descriptor, which
        is the same connection, without waiting."""
        if self.tls:
            raise NotSupportedError("an interrupt cannot be sent over TLS (no urgent data in TLS)")
        raw: Any = self._stream().get_extra_info("socket")
        if raw is None:
            raise NotSupportedError(f"the transport to {self.address} exposes no socket")
        dup: socket.socket = raw.dup()
        try:
            dup.send(INTERRUPT_BYTE, socket.MSG_OOB)
        except BlockingIOError:
            raise OperationalError(
                f"the interrupt to {self.address} could not be sent: the send buffer is full"
            ) from None
        except OSError as exc:
            self.close()
            raise ConnectionLost(f"sending the interrupt to {self.address} failed: {exc}") from exc
        finally:
            dup.close()

    def close(self) -> None:
        """Start closing (idempotent); ``await wait_closed()`` to wait for it."""
        writer = self._writer
        if writer is not None:
            self._writer = None
            self._closing = writer
            writer.close()

    async def wait_closed(self) -> None:
        """Wait until a ``close()`` has finished; errors while closing are ignored."""
        writer = self._closing
        if writer is None:
            return
        try:
            await writer.wait_closed()
        except (OSError, ssl.SSLError):
            pass

    async def __aenter__(self) -> AsyncTransport:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()
        await self.wait_closed()

    def __repr__(self) -> str:
        state = "closed" if self._writer is None else ("tls" if self.tls else "tcp")
        return f"<AsyncTransport {self.address} {state}>"


async def open_tcp(
    host: str,
    port: int,
    *,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
    write_timeout: float | None = None,
    keepalive: bool = True,
    tls: ssl.SSLContext | None = None,
    server_hostname: str | None = None,
) -> AsyncTransport:
    """Connect (and run the TLS handshake) within ``connect_timeout``; the arguments and errors
    are those of :func:`informix_wire.transport.connect_tcp`."""
    address = f"{host}:{port}"
    hostname = (server_hostname or host) if tls is not None else None
    try:
        reader, writer = await within(
            asyncio.open_connection(host, port, ssl=tls, server_hostname=hostname, limit=RECV_SIZE),
            connect_timeout,
        )
    except asyncio.TimeoutError:
        raise WireTimeout(
            f"connecting to {address} timed out{_after(connect_timeout)}", sqlcode=CONNECT_FAILED
        ) from None
    except ssl.SSLCertVerificationError as exc:
        raise OperationalError(
            untrusted_message(address, exc),
            sqlcode=CONNECT_FAILED,
        ) from exc
    except OSError as exc:
        raise OperationalError(
            f"cannot connect to the Informix server at {address}: {exc}", sqlcode=CONNECT_FAILED
        ) from exc
    raw = writer.get_extra_info("socket")
    if raw is not None:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1 if keepalive else 0)
    return AsyncTransport(
        reader, writer, address, read_timeout=read_timeout, write_timeout=write_timeout
    )
