"""The asyncio connection over a scripted transport: round trips, serialisation, and cancellation
at every step leaving the connection in step with the server or closed and broken."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from aio_doubles import CAPS, EOT, ScriptedTransport, connection, error_reply

import informix_db_aio
from informix_db_aio import connection as aio_connection
from informix_db_aio.waiting import Drive
from informix_wire import messages as m
from informix_wire.aio_transport import within
from informix_wire.errors import ConnectionLost, InterfaceError, ProgrammingError


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), 20))


async def settle() -> None:
    """Let every ready task run (a few loop turns)."""
    for _ in range(20):
        await asyncio.sleep(0)


async def until(condition: Callable[[], bool]) -> None:
    """Wait (bounded) for ``condition`` to hold."""
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")


def test_ping_is_one_round_trip() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        transport.reply(EOT)
        await conn.ping()
        assert len(transport.sent) == 1
        assert conn._session.wire.in_step
        assert not conn.closed

    run(main)


def test_server_error_keeps_the_connection() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        transport.reply(error_reply(-201))
        with pytest.raises(ProgrammingError, match="-201"):
            await conn.ping()
        assert not conn.closed
        assert not conn.broken
        transport.reply(EOT)
        await conn.ping()

    run(main)


def test_tasks_sharing_a_connection_take_turns() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        first = asyncio.ensure_future(conn.ping())
        second = asyncio.ensure_future(conn.ping())
        await settle()
        assert len(transport.sent) == 1, "the second request went out before the first reply"
        transport.reply(EOT)
        await first
        await settle()
        assert len(transport.sent) == 2
        transport.reply(EOT)
        await second

    run(main)


def test_cancelled_mid_reply_drains_and_stays_usable() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert not conn.closed
        follower = asyncio.ensure_future(conn.ping())
        await settle()
        assert len(transport.sent) == 1, "a request went out while a reply was still owed"
        transport.reply(EOT)  # the late answer to the cancelled ping, drained in the background
        await until(lambda: len(transport.sent) == 2)
        transport.reply(EOT)
        await follower
        assert transport.interrupts == 0  # the answer came before the interrupt deadline
        assert not conn.closed
        assert not conn.broken

    run(main)


def test_slow_server_is_interrupted_then_drained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aio_connection, "INTERRUPT_AFTER", 0.01)

    async def main() -> None:
        transport = ScriptedTransport()
        # JDBC's cancel: the interrupted request ends with the server's error reply.
        transport.on_interrupt = lambda: transport.reply(error_reply(-213))
        conn = connection(transport)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await until(lambda: not conn._lock.locked())  # interrupted, and its -213 drained
        transport.reply(EOT)
        await conn.ping()
        assert transport.interrupts == 1
        assert not conn.closed
        assert not conn.broken

    run(main)


def test_server_silent_after_interrupt_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aio_connection, "INTERRUPT_AFTER", 0.01)

    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport, read_timeout=0.05)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        with pytest.raises(InterfaceError, match="broken"):
            await conn.ping()
        assert conn.broken
        assert conn.closed
        assert transport.closed
        assert transport.interrupts == 1

    run(main)


def test_tls_drains_without_an_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aio_connection, "INTERRUPT_AFTER", 0.01)

    async def main() -> None:
        transport = ScriptedTransport(tls=True)
        conn = connection(transport)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.05)
        transport.reply(EOT)
        transport.reply(EOT)
        await conn.ping()
        assert transport.interrupts == 0
        assert not conn.broken

    run(main)


def test_link_lost_while_draining_breaks() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        transport.hang_up()
        with pytest.raises(InterfaceError):
            await conn.ping()
        assert conn.broken

    run(main)


def test_close_cuts_a_drain_short() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await conn.close()
        assert conn.closed
        assert conn.broken
        assert transport.closed
        assert len(transport.sent) == 1  # no SQ_EXIT on a stream that is out of step

    run(main)


def test_close_says_goodbye_when_in_step() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        transport.reply(m.encode_pdu(CAPS, [m.Exit()], eot=False))
        await conn.close()
        assert conn.closed
        assert not conn.broken
        assert transport.sent == [m.encode_pdu(CAPS, [m.Exit()], eot=False)]
        await conn.close()  # idempotent

    run(main)


def test_lost_link_breaks_the_connection() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        transport.hang_up()
        with pytest.raises(ConnectionLost):
            await conn.ping()
        assert conn.broken
        assert conn.closed
        with pytest.raises(InterfaceError, match="broken"):
            await conn.cursor()

    run(main)


def test_cancelled_while_waiting_for_the_lock_sends_nothing() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        first = asyncio.ensure_future(conn.ping())
        waiting = asyncio.ensure_future(conn.commit())
        await settle()
        waiting.cancel()
        transport.reply(EOT)
        await first
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert len(transport.sent) == 1
        assert not conn.closed

    run(main)


def test_cancelled_in_send_drain_never_resends() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        transport.hold_drain = asyncio.Event()
        conn = connection(transport)
        task = asyncio.ensure_future(conn.ping())
        await transport.sent_event.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        transport.hold_drain = None
        transport.reply(EOT)
        transport.reply(EOT)
        await conn.ping()
        assert len(transport.sent) == 2  # the cancelled ping's PDU went out once

    run(main)


def test_drive_resumes_where_it_stopped() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        wire = conn._session.wire
        drive = Drive(conn._session.ping(), transport, wire.buffer)
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(drive.run(), 0.01)
        assert wire.pending == 1
        transport.reply(EOT)
        await drive.run()
        assert wire.in_step
        assert len(transport.sent) == 1

    run(main)


def test_transaction_state_and_autocommit() -> None:
    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport, logged=True)
        assert not conn.in_transaction
        await conn.commit()  # nothing open: no round trip
        assert transport.sent == []
        conn._session.in_transaction = True
        transport.reply(EOT)
        await conn.set_autocommit(True)  # commits the open transaction
        assert conn.autocommit
        assert not conn.in_transaction
        assert len(transport.sent) == 1

    run(main)


def test_module_mirrors_the_sync_api() -> None:
    assert informix_db_aio.paramstyle == "qmark"
    assert informix_db_aio.apilevel == "2.0"
    assert informix_db_aio.Connection.ProgrammingError is ProgrammingError
    import informix_db

    assert informix_db.aio is informix_db_aio


def test_connect_validates_like_the_sync_driver() -> None:
    async def main() -> None:
        with pytest.raises(ProgrammingError, match="host"):
            await informix_db_aio.connect(user="u", server="s")
        with pytest.raises(ProgrammingError, match="unknown"):
            await informix_db_aio.connect(host="h", user="u", server="s", bogus=1)

    run(main)


def test_within_never_loses_a_cancellation() -> None:
    """The awaited step finishing in the same loop turn as the cancellation (asyncio.wait_for
    before 3.12 returned its result then, and the caller went on as if never cancelled)."""

    async def main() -> None:
        step: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        task = asyncio.ensure_future(within(step, 10))
        await asyncio.sleep(0)
        step.set_result("reply")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await within(asyncio.sleep(0, "done"), 10) == "done"
        with pytest.raises(asyncio.TimeoutError):
            await within(asyncio.Event().wait(), 0.01)

    run(main)


@pytest.mark.parametrize("turns", range(8))
def test_cancelled_as_the_lock_passes_to_it_still_raises(turns: int) -> None:
    """A task queued for the connection is cancelled at each loop turn of the lock's hand-over:
    it always raises CancelledError, and the connection stays in step."""

    async def main() -> None:
        transport = ScriptedTransport()
        conn = connection(transport)
        first = asyncio.ensure_future(conn.ping())
        queued = asyncio.ensure_future(conn.ping())
        await settle()
        transport.reply(EOT)
        for _ in range(turns):
            await asyncio.sleep(0)
        queued.cancel()
        await first
        done, _ = await asyncio.wait({queued}, timeout=5)
        assert queued in done
        assert queued.cancelled()
        if len(transport.sent) == 2:  # its ping went out before the cancellation: drained
            transport.reply(EOT)
        transport.reply(EOT)
        await conn.ping()
        assert not conn.broken

    run(main)
