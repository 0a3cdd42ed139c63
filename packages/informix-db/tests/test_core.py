"""The sans-I/O core against a scripted peer, byte for byte: what goes out in each write, how
replies are read, and that errors leave the stream in step."""

from __future__ import annotations

from typing import Any

import pytest
from scripted_peer import CAPS, ScriptedPeer, columns, describe, reply, tuples

from informix_db._core import execution
from informix_db._core.config import make_params
from informix_db._core.placeholders import parse_sql
from informix_db._core.session import Session
from informix_db._core.statement import PIPELINE_WINDOW, bind_values
from informix_db._core.wire import Op
from informix_db.waiting import wait
from informix_wire import messages as m
from informix_wire.capabilities import IDS15_REPLY
from informix_wire.errors import ConnectionLost, IntegrityError, ProgrammingError, ProtocolError
from informix_wire.login import accept_reply


def session(**kwargs: Any) -> Session:
    s = Session(make_params(host="h", user="u", server="ol", **kwargs))
    s.wire.caps = CAPS
    return s


def run(s: Session, peer: ScriptedPeer, op: Op[Any]) -> Any:
    return wait(op, peer, s.wire.buffer)


def kinds(pdu: list[Any]) -> list[str]:
    return [type(msg).__name__ for msg in pdu]


def test_connect_is_two_writes_and_reads_database_kind() -> None:
    s = Session(make_params(host="h", user="u", server="ol", database="stores"))
    peer = ScriptedPeer(
        [
            accept_reply(),
            reply(m.Protocols(IDS15_REPLY)) + reply() + reply(m.Done(0x05)),
        ]
    )
    run(s, peer, s.connect())
    assert len(peer.writes) == 2
    pdus = peer.requests(1)
    assert [kinds(p) for p in pdus] == [["Protocols"], ["Info"], ["DbOpen"]]
    assert pdus[2][0].database == b"stores"
    assert s.logged
    assert not s.ansi
    assert s.wire.in_step
    assert s.wire.caps.int_fetch_buffer


def test_select_streams_and_stops_at_done_without_an_extra_fetch() -> None:
    s = session(autocommit=True, fetch_buffer_size=4096)
    rows = [(i, f"r{i}") for i in range(5)]
    peer = ScriptedPeer(
        [
            reply(describe(3), m.Done(), m.Cost()),
            reply(*tuples(rows[:3])),
            reply(*tuples(rows[3:]), m.Done(0, 5), m.Cost()),
        ]
    )
    parsed = parse_sql("SELECT n, label FROM t WHERE n < ?")
    result = run(s, peer, execution.execute(s, parsed, bind_values([10], s.encoding)))
    assert [kinds(p) for p in peer.requests(0)] == [["Prepare", "NDescribe", "WantDone"]]
    opening = peer.requests(1)
    assert kinds(opening[0]) == [
        "StatementId", "CursorName", "Bind", "Open", "StatementId", "NFetch",
    ]  # fmt: skip
    assert opening[0][0].statement_id == 3
    assert opening[0][-1].buffer_size == 4096
    assert list(result.rows) == rows[:3]
    assert not result.ended
    result.rows.clear()
    run(s, peer, execution.fetch(s, result))
    assert kinds(peer.requests(2)[0]) == ["StatementId", "NFetch"]
    assert list(result.rows) == rows[3:]
    assert result.ended
    assert result.finished
    assert len(peer.writes) == 3  # SQ_DONE ended it: no empty round trip


def test_cached_statement_skips_prepare_and_carries_the_deferred_close() -> None:
    s = session(autocommit=True)
    parsed = parse_sql("SELECT n, label FROM t")
    peer = ScriptedPeer(
        [
            reply(describe(1), m.Done(), m.Cost()),
            reply(*tuples([(1, "a")])),
            reply(*tuples([(2, "b")])),  # the deferred CLOSE's reply comes first
        ]
    )
    first = run(s, peer, execution.execute(s, parsed, []))
    execution.finish(s, first)  # closed before its end: CLOSE is deferred, no write
    assert len(peer.writes) == 2
    peer.replies[0] = reply() + peer.replies[0]
    second = run(s, peer, execution.execute(s, parsed, []))
    pdus = peer.requests(2)
    assert [kinds(p) for p in pdus] == [
        ["StatementId", "Close"],
        ["StatementId", "CursorName", "Open", "StatementId", "NFetch"],
    ]
    assert list(second.rows) == [(2, "b")]
    assert s.wire.in_step


def test_begin_goes_in_the_same_write_on_a_logged_database() -> None:
    s = session()
    s.logged = True
    parsed = parse_sql("INSERT INTO t VALUES (?, ?)")
    peer = ScriptedPeer(
        [
            reply(describe(0, [], kind=6), m.Done(), m.Cost()),
            reply(m.Done()) + reply(m.InsertDone(0, 0), m.Done(0, 1, 0, 42), m.Cost()),
        ]
    )
    result = run(s, peer, execution.execute(s, parsed, bind_values([1, "x"], s.encoding)))
    assert [kinds(p) for p in peer.requests(1)] == [
        ["Begin"], ["StatementId", "Bind", "Execute"],
    ]  # fmt: skip
    assert (result.rowcount, result.lastrowid) == (1, 42)
    assert s.in_transaction


def test_server_error_is_raised_with_the_stream_in_step() -> None:
    s = session(autocommit=True)
    peer = ScriptedPeer([reply(m.SqlErrorInfo(-206, 0, 14, b"nosuch"))])
    with pytest.raises(ProgrammingError) as info:
        run(s, peer, execution.execute(s, parse_sql("SELECT * FROM nosuch"), []))
    assert (info.value.sqlcode, info.value.near) == (-206, "nosuch")
    assert s.wire.in_step
    assert len(s.cache) == 0


def test_executemany_pipelines_within_a_window_and_names_the_failing_row() -> None:
    s = session(autocommit=True)
    n = PIPELINE_WINDOW * 3
    bad = PIPELINE_WINDOW + 7
    ok = reply(m.Done(0, 1), m.Cost())
    dup = reply(m.SqlErrorInfo(-268, -100, 0, b""))
    per_row = [dup if i == bad else ok for i in range(n)]

    class WindowPeer(ScriptedPeer):
        """Answers every PDU of a write (a write may hold many)."""

        in_flight_max = 0

        def send(self, data: bytes) -> None:
            self.writes.append(bytes(data))
            count = data.count(bytes.fromhex("0007000c"))  # ... EXECUTE EOT ends each request
            if not count:
                self.outgoing += self.replies.pop(0)
            for _ in range(count):
                self.outgoing += per_row.pop(0)
            WindowPeer.in_flight_max = max(WindowPeer.in_flight_max, count)

    peer = WindowPeer([reply(describe(2, [], kind=6), m.Done(), m.Cost())])
    parsed = parse_sql("INSERT INTO t VALUES (?, ?)")
    with pytest.raises(IntegrityError) as info:
        run(s, peer, execution.execute_many(s, parsed, ((i, "v") for i in range(n))))
    assert info.value.row_index == bad  # type: ignore[attr-defined]
    assert f"row {bad}" in str(info.value)
    assert WindowPeer.in_flight_max <= PIPELINE_WINDOW
    assert s.wire.in_step  # every reply in flight was read


def test_truncated_reply_leaves_the_session_out_of_step() -> None:
    s = session(autocommit=True)
    peer = ScriptedPeer([reply(describe(0), m.Done())[:-5]])
    with pytest.raises(ConnectionLost):
        run(s, peer, execution.execute(s, parse_sql("SELECT n, label FROM t"), []))
    assert not s.wire.in_step  # the driver closes such a connection as broken


def test_unexpected_message_is_a_protocol_error() -> None:
    s = session(autocommit=True)
    peer = ScriptedPeer([reply(m.Blob(b"x"))])
    with pytest.raises(ProtocolError):
        run(s, peer, s.ping())


def test_columns_helper_matches_decoder() -> None:
    assert [c.name for c in columns()] == [b"n", b"label"]
