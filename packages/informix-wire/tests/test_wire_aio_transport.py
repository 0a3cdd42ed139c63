"""The asyncio transport against the same local servers as the blocking one."""

from __future__ import annotations

import asyncio
import select
import socket
import ssl
import threading
from pathlib import Path

import pytest
from wire_doubles import WAIT, OneShotServer, certificate, echo, server_tls

from informix_wire import errors
from informix_wire.aio_transport import AsyncTransport, open_tcp
from informix_wire.buffer import ReadBuffer
from informix_wire.tls import tls_context

__all__ = ["certificate", "server_tls"]  # fixtures used by name


def test_send_and_recv_into() -> None:
    server = OneShotServer(echo)

    async def run() -> None:
        t = await open_tcp("127.0.0.1", server.port, connect_timeout=WAIT, read_timeout=WAIT)
        raw = t._stream().get_extra_info("socket")
        assert raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        payload = bytes(range(256)) * 1024
        await t.send(payload)
        buf = ReadBuffer()
        while len(buf) < len(payload):
            assert await t.recv_into(buf) > 0
        assert buf.take(len(payload)) == payload
        t.close()
        t.close()
        await t.wait_closed()
        assert t.closed

    asyncio.run(run())
    server.join()


def test_eof_and_timeouts() -> None:
    release = threading.Event()

    def late_then_close(conn: socket.socket) -> None:
        release.wait(WAIT)
        conn.sendall(b"late")

    server = OneShotServer(late_then_close)

    async def run() -> None:
        async with await open_tcp("127.0.0.1", server.port, read_timeout=0.2) as t:
            buf = ReadBuffer()
            with pytest.raises(errors.WireTimeout, match=r"after 0\.2 s"):
                await t.recv_into(buf)
            assert not t.closed
            release.set()
            t.settimeout(WAIT)
            assert await t.recv_into(buf) == 4
            with pytest.raises(errors.ConnectionLost, match="closed the connection"):
                await t.recv_into(buf)
            assert t.closed
            with pytest.raises(errors.ConnectionLost):
                await t.send(b"x")

    asyncio.run(run())
    server.join()


def test_refused_connect() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(errors.OperationalError, match=f"127.0.0.1:{port}") as caught:
        asyncio.run(open_tcp("127.0.0.1", port, connect_timeout=WAIT))
    assert caught.value.sqlcode == -908


def test_interrupt_is_one_urgent_byte() -> None:
    def expect_urgent(conn: socket.socket) -> None:
        _, _, urgent = select.select([], [], [conn], WAIT)
        assert urgent, "no urgent data arrived"
        conn.settimeout(None)
        assert conn.recv(1, socket.MSG_OOB) == b"\x42"
        conn.sendall(b"ok")

    server = OneShotServer(expect_urgent)

    async def run() -> None:
        async with await open_tcp("127.0.0.1", server.port, read_timeout=WAIT) as t:
            t.send_interrupt()
            buf = ReadBuffer()
            await t.recv_into(buf)
            assert buf.take(2) == b"ok"

    asyncio.run(run())
    server.join()


def test_tls_verified_and_refused(
    certificate: tuple[Path, Path], server_tls: ssl.SSLContext
) -> None:
    server = OneShotServer(echo, server_tls)

    async def run() -> None:
        context = tls_context(True, cafile=certificate[0])
        async with await open_tcp("127.0.0.1", server.port, tls=context,
                                  server_hostname="localhost", read_timeout=WAIT) as t:  # fmt: skip
            assert t.tls
            await t.send(b"secret")
            buf = ReadBuffer()
            while len(buf) < 6:
                await t.recv_into(buf)
            assert buf.take(6) == b"secret"
            with pytest.raises(errors.NotSupportedError):
                t.send_interrupt()

    asyncio.run(run())
    server.join()

    refusing = OneShotServer(lambda conn: None, server_tls)
    with pytest.raises(errors.OperationalError, match=r"not trusted.*verification off"):
        asyncio.run(open_tcp("127.0.0.1", refusing.port, tls=tls_context(True),
                             connect_timeout=WAIT))  # fmt: skip
    refusing.thread.join(WAIT)


def test_connect_timeout_covers_the_tls_handshake() -> None:
    stop = threading.Event()
    server = OneShotServer(lambda conn: stop.wait(WAIT))
    with pytest.raises(errors.WireTimeout, match=r"timed out after 0\.3 s"):
        asyncio.run(open_tcp("127.0.0.1", server.port, tls=tls_context(True, verify=False),
                             connect_timeout=0.3))  # fmt: skip
    stop.set()
    server.join()


class _NoWriter:
    """The writer half of a stream that is only read from."""

    def get_extra_info(self, name: str) -> None:
        return None


@pytest.mark.parametrize("turns", range(4))
def test_cancelled_recv_raises_even_when_data_arrives_at_once(turns: int) -> None:
    """Bytes arriving in the same loop turns as the cancellation (asyncio.wait_for before 3.12
    returned them and the caller went on as if never cancelled): a recv cancelled while pending
    raises CancelledError, and the bytes wait for the next read."""

    async def run() -> None:
        reader = asyncio.StreamReader()
        t = AsyncTransport(reader, _NoWriter(), "test", read_timeout=WAIT)  # type: ignore[arg-type]
        buf = ReadBuffer()
        task = asyncio.ensure_future(t.recv_into(buf))
        await asyncio.sleep(0)
        reader.feed_data(b"reply")
        for _ in range(turns):
            await asyncio.sleep(0)
        if task.cancel():  # still pending: the cancellation must win
            with pytest.raises(asyncio.CancelledError):
                await task
            assert len(buf) == 0
            assert await t.recv_into(buf) == 5
        else:
            await task
        assert buf.take(5) == b"reply"

    asyncio.run(run())
