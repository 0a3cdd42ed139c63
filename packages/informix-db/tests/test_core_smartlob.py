"""The core's smart-LOB operations against a scripted peer that answers in 7-byte pieces: the
fast-path calls and their JDBC-typed arguments, SQ_LODATA requests and replies streamed into the
caller's buffer, and errors raised only once the reply is read to its end."""

from __future__ import annotations

from typing import Any

import pytest
from scripted_peer import CAPS, ScriptedPeer, reply

from informix_db._core import smartlob
from informix_db._core.config import make_params
from informix_db._core.session import Session
from informix_db._core.wire import Op
from informix_db.waiting import wait
from informix_types import bind_as
from informix_wire import messages as m
from informix_wire.errors import DatabaseError, ProgrammingError, ProtocolError
from informix_wire.messages.values import TypedValue
from informix_wire.typecodes import TypeCode

LOCATOR = bytes(range(72))


def session() -> Session:
    s = Session(make_params(host="h", user="u", server="ol", autocommit=True))
    s.wire.caps = CAPS
    return s


def run(s: Session, peer: ScriptedPeer, op: Op[Any]) -> Any:
    return wait(op, peer, s.wire.buffer)


def udt(name: bytes, body: bytes) -> TypedValue:
    return TypedValue(TypeCode.UDTFIXED, len(body).to_bytes(4, "big") + body, 0, b"informix", name)


def test_create_sends_jdbcs_default_spec_and_reads_locator_and_fd() -> None:
    s = session()
    values = [udt(b"blob", LOCATOR), bind_as(3, TypeCode.INT, "utf-8")]
    peer = ScriptedPeer([reply(m.RoutineHandle(7)), reply(m.FastPathResult(values), m.Done())])
    assert run(s, peer, smartlob.create(s, smartlob.LO_RDWR)) == (LOCATOR, 3)
    [[lookup]] = peer.requests(0)
    assert lookup.signature == smartlob.CREATE.encode()
    [[call, bind]] = peer.requests(1)
    assert (call.handle, call.nparams) == (7, 3)
    spec, mode, zero = bind.values
    assert (spec.type, spec.type_name, len(spec.data)) == (44, b"ifx_lo_spec", 4 + 596)
    assert spec.data[4:8] == (-623182099).to_bytes(4, "big", signed=True)  # IfxLobDescriptor
    assert (mode.type, mode.data) == (TypeCode.INT, (8).to_bytes(4, "big"))
    assert (zero.type_name, zero.data) == (b"blob", (72).to_bytes(4, "big") + bytes(72))


def test_size_reads_the_int8_after_the_first_int_of_the_stat() -> None:
    s = session()
    stat = bytes(4) + (5).to_bytes(4, "big") + (1).to_bytes(4, "big") + (1).to_bytes(2, "big")
    stat += bytes(644 - len(stat))
    peer = ScriptedPeer([reply(m.RoutineHandle(1)), reply(m.FastPathResult([udt(b"s", stat)]))])
    assert run(s, peer, smartlob.size(s, 4)) == (1 << 32) + 5
    [[_, bind]] = peer.requests(1)
    assert bind.values[1].type_name == b"ifx_lo_stat"
    assert len(bind.values[1].data) == 4 + 644


def test_a_read_streams_chunks_into_the_buffer() -> None:
    s = session()
    content = bytes(i % 253 for i in range(70_001))
    peer = ScriptedPeer([reply(m.LoDataReply(m.LoOp.READ, len(content), content))])
    out = bytearray(100_000)
    assert run(s, peer, smartlob.read_into(s, 2, memoryview(out))) == len(content)
    assert out[: len(content)] == content
    assert peer.requests(0) == [[m.LoData(m.LoOp.READ, 2, 100_000)]]
    assert s.wire.in_step


def test_a_read_asks_for_no_more_than_a_request() -> None:
    s = session()
    peer = ScriptedPeer([reply(m.LoDataReply(m.LoOp.READ, 0))])
    assert run(s, peer, smartlob.read_into(s, 2, memoryview(bytearray(5 << 20)))) == 0
    assert peer.requests(0)[0][0].length == smartlob.REQUEST_SIZE


def test_more_bytes_than_asked_is_a_protocol_error() -> None:
    s = session()
    peer = ScriptedPeer([reply(m.LoDataReply(m.LoOp.READ, 3, b"abc"))])
    with pytest.raises(ProtocolError, match="more than"):
        run(s, peer, smartlob.read_into(s, 2, memoryview(bytearray(2))))


def test_a_write_sends_the_data_and_a_refusal_is_minus_9810() -> None:
    s = session()
    peer = ScriptedPeer([
        reply(m.LoDataReply(m.LoOp.WRITE, 5)),
        reply(m.LoDataReply(m.LoOp.WRITE, -12052)),
    ])  # fmt: skip
    assert run(s, peer, smartlob.write(s, 1, memoryview(b"hello"))) == 5
    assert peer.requests(0) == [[m.LoData(m.LoOp.WRITE, 1, 5, data=b"hello")]]
    with pytest.raises(DatabaseError) as info:
        run(s, peer, smartlob.write(s, 1, memoryview(b"x")))
    assert (info.value.sqlcode, info.value.isamcode) == (-9810, -12052)
    assert s.wire.in_step


def test_a_server_error_is_raised_after_the_reply_ends() -> None:
    s = session()
    peer = ScriptedPeer([reply(m.SqlErrorInfo(-9810, -12014, 0, b""))])
    with pytest.raises(DatabaseError) as info:
        run(s, peer, smartlob.read_into(s, 9, memoryview(bytearray(4))))
    assert info.value.isamcode == -12014
    assert s.wire.in_step


def test_modes_kinds_and_locators_are_checked_before_any_io() -> None:
    assert smartlob.lob_flags("rb") == smartlob.LO_RDONLY
    assert smartlob.lob_flags("a+") == smartlob.LO_RDWR | smartlob.LO_APPEND
    for bad in ("", "rw", "x", "rbb"):
        with pytest.raises(ProgrammingError):
            smartlob.lob_flags(bad)
    with pytest.raises(ProgrammingError):
        smartlob.locator_type("byte")
    with pytest.raises(ProgrammingError):
        smartlob.check_locator(LOCATOR)
