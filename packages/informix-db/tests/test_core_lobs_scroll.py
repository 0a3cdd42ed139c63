"""The core's scroll, fast-path and large-object operations against a scripted peer: what goes
out in each write, and how SFETCH windows, routine handles and SQ_FILE turns are handled."""

from __future__ import annotations

import io
from typing import Any

import pytest
from scripted_peer import CAPS, ScriptedPeer, describe, reply, tuples

from informix_db._core import execution, fastpath, scroll, sqfile
from informix_db._core.config import make_params
from informix_db._core.placeholders import parse_sql
from informix_db._core.session import Session
from informix_db._core.wire import Op
from informix_db.waiting import wait
from informix_types import bind_value
from informix_wire import messages as m
from informix_wire.errors import InterfaceError, ProgrammingError


def session() -> Session:
    s = Session(make_params(host="h", user="u", server="ol", autocommit=True))
    s.wire.caps = CAPS
    return s


def run(s: Session, peer: ScriptedPeer, op: Op[Any]) -> Any:
    return wait(op, peer, s.wire.buffer)


def kinds(pdu: list[Any]) -> list[str]:
    return [type(msg).__name__ for msg in pdu]


def rows(first: int, last: int) -> list[tuple[int, str]]:
    return [(i, f"r{i}") for i in range(first, last + 1)]


def test_scroll_window_serves_moves_without_round_trips() -> None:
    s = session()
    peer = ScriptedPeer([
        reply(describe(3), m.Done(), m.Cost()),
        reply(),  # SCROLL OPEN
        reply(*tuples(rows(5, 9)), m.TupleId(5)),
        reply(*tuples(rows(20, 20)), m.TupleId(20)),
        reply(m.Done()),  # beyond the end
    ])  # fmt: skip
    result = run(s, peer, scroll.open_cursor(s, parse_sql("SELECT n, label FROM t"), []))
    assert kinds(peer.requests(1)[0]) == ["StatementId", "CursorName", "Scroll", "Open"]
    assert run(s, peer, scroll.row_at(s, result, 5)) == (5, "r5")
    assert peer.requests(2)[0][1] == m.SFetch(m.ScrollType.ABSOLUTE, 5, s.fetch_size)
    assert [run(s, peer, scroll.row_at(s, result, i)) for i in (9, 6)] == [(9, "r9"), (6, "r6")]
    assert len(peer.writes) == 3  # the window answered both
    run(s, peer, scroll.row_count(s, result))
    assert peer.requests(3)[0][1].scroll_type == m.ScrollType.LAST
    assert result.count == 20
    assert run(s, peer, scroll.row_at(s, result, 21)) is None
    assert len(peer.writes) == 4  # known to be past the end: no round trip
    assert run(s, peer, scroll.row_at(s, result, 0)) is None


def test_fast_path_caches_the_handle_and_drops_it_on_failure() -> None:
    s = session()
    err = m.SqlErrorInfo(-9700, 0, 0, b"f")
    value = bind_value(7, "utf-8")
    peer = ScriptedPeer([
        reply(m.RoutineHandle(1001)),
        reply(m.FastPathResult([value]), m.Done(), m.Cost()),
        reply(m.FastPathResult([value]), m.Done(), m.Cost()),
        reply(err),
        reply(m.RoutineHandle(1002)),
        reply(m.FastPathResult([]), m.Done(), m.Cost()),
    ])  # fmt: skip
    sig = "function f(integer)"
    assert run(s, peer, fastpath.call(s, sig, [3])) == [7]
    assert kinds(peer.requests(0)[0]) == ["GetRoutine"]
    assert kinds(peer.requests(1)[0]) == ["ExecRoutine", "Bind"]
    assert run(s, peer, fastpath.call(s, sig, [3])) == [7]
    with pytest.raises(ProgrammingError):
        run(s, peer, fastpath.call(s, sig, [3]))
    assert s.wire.in_step
    assert sig not in s.routines
    assert run(s, peer, fastpath.call(s, sig, [])) == []
    assert peer.requests(5)[0][0] == m.ExecRoutine(1002, 0)


def test_sq_file_write_exchange_fills_the_sink() -> None:
    s = session()
    sink = io.BytesIO()
    channel = sqfile.FileChannel(sink=sink)
    cols = describe(0).columns
    peer = ScriptedPeer([
        reply(describe(0), m.Done(), m.Cost()),
        reply(m.File(m.FileOp.OPEN, b"informix_db_lob.1", 0o644)),
        reply(m.File(m.FileOp.WRITE), m.FileWriteChunk(b"abc"), m.FileWriteChunk(b"de")),
        reply(m.File(m.FileOp.CLOSE)),
        reply(*tuples([(1, "informix_db_lob.1")], cols), m.Done(), m.Cost()),
    ])  # fmt: skip
    parsed = parse_sql(sqfile.lotofile_sql("SELECT data FROM t"))
    result = run(s, peer, execution.execute(s, parsed, [], channel))
    assert peer.requests(0)[0][0].sql.startswith(b"SELECT lotofile(data, 'informix_db_lob'")
    assert peer.writes[2] == b"\x00\x0c"  # OPEN answered with a bare EOT
    assert peer.requests(3) == [[m.FileWriteAck(5)]]
    assert sink.getvalue() == b"abcde"
    assert list(result.rows) == [(1, "informix_db_lob.1")]
    assert s.wire.in_step


def test_sq_file_read_answer_streams_the_source_in_the_asked_chunks() -> None:
    channel = sqfile.FileChannel(source=io.BytesIO(b"x" * 10))
    channel.receive(m.File(m.FileOp.READ, buffer_size=4, amount=-1))
    pieces = list(channel.answer(CAPS))
    assert pieces[-1] == b"\x00\x0c"
    data = b"".join(pieces)
    assert data.startswith(b"\x00\x6a\x00\x00\x00\x0a")  # 106, total 10
    assert data.count(b"\x00\x6a\x00\x04") == 2  # two 4-byte chunks, then one of 2
    assert b"\x00\x6a\x00\x02xx" in data


def test_sql_rewrites_and_their_refusals() -> None:
    assert sqfile.filetoblob_sql("INSERT INTO t VALUES (?, BLOB_PLACEHOLDER)", False) == (
        "INSERT INTO t VALUES (?, filetoblob('informix_db_lob', 'client'))"
    )
    assert "filetoclob(" in sqfile.filetoblob_sql("UPDATE t SET c = BLOB_PLACEHOLDER", True)
    assert sqfile.lotofile_sql("select substr(x, 1) from t where a = ?") == (
        "select lotofile(substr(x, 1), 'informix_db_lob', 'client') from t where a = ?"
    )
    with pytest.raises(InterfaceError):
        sqfile.filetoblob_sql("INSERT INTO t VALUES (1)", False)
    with pytest.raises(InterfaceError):
        sqfile.lotofile_sql("SELECT a, b FROM t")
    with pytest.raises(InterfaceError):
        sqfile.source_size(12)  # type: ignore[arg-type]
