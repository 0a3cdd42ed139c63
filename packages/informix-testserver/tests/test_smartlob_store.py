"""The smart-LOB store without a socket: locators that are refused, transient LOBs, descriptors
and SQ_LODATA on a bare session."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from informix_testserver import smartlob
from informix_wire import messages as m
from informix_wire.capabilities import IDS15_REPLY, Capabilities
from informix_wire.codec import Reader, Writer


class _Engine:
    """Something a weak reference can point at, as the server's engine is."""


def _session() -> Any:
    engine = _Engine()
    return SimpleNamespace(
        server=SimpleNamespace(engine=engine),
        engine_session=SimpleNamespace(db=SimpleNamespace(name="db1")),
        lobs=smartlob.SessionLobs(),
        caps=Capabilities(IDS15_REPLY),
        encoding="utf-8",
    )


def test_locators_are_checked_and_transient_lobs_go_with_the_session() -> None:
    session = _session()
    locator = smartlob.create(session, b"spec", b"content")
    assert len(locator) == 72
    assert smartlob.content(session, locator) == b"content"
    forged = bytearray(locator)
    forged[40] ^= 1  # the nonce
    for bad in (bytes(forged), bytes(72), locator[:71]):
        with pytest.raises(smartlob.LobFailure) as info:
            smartlob.content(session, bad)
        assert (info.value.sqlcode, info.value.isamcode) == (-9810, smartlob.BAD_LOCATOR)
    kept = smartlob.create(session, b"", b"kept")
    smartlob.note_stored(session, kept)
    session.lobs.end()
    with pytest.raises(smartlob.LobFailure):
        smartlob.content(session, locator)
    assert smartlob.content(session, kept) == b"kept"


def _lodata(session: Any, msg: m.LoData) -> m.LoDataReply:
    out = Writer()
    smartlob.on_lodata(session, msg, out)
    reply = m.read_reply_message(Reader(out.getvalue()), session.caps)
    assert isinstance(reply, m.LoDataReply)
    return reply


def test_lodata_reads_and_writes_at_the_descriptors_position() -> None:
    session = _session()
    locator = smartlob.create(session, b"", b"0123456789")
    space = smartlob.space_of(session)
    fd = session.lobs.open(space, space.find(locator), smartlob.LO_RDWR)
    assert _lodata(session, m.LoData(m.LoOp.READ, fd, 4)).data == b"0123"
    assert _lodata(session, m.LoData(m.LoOp.READ_WITH_SEEK, fd, 2, offset=2)).data == b"67"
    assert _lodata(session, m.LoData(m.LoOp.WRITE, fd, 1, data=b"a")).size == 1
    assert _lodata(session, m.LoData(m.LoOp.READ, fd, 10)) == m.LoDataReply(0, 1, b"9")
    assert _lodata(session, m.LoData(m.LoOp.READ, fd, 10)) == m.LoDataReply(0, 0)
    reader = session.lobs.open(space, space.find(locator), smartlob.LO_RDONLY)
    assert _lodata(session, m.LoData(m.LoOp.WRITE, reader, 1, data=b"x")).size == -12052
    assert smartlob.content(session, locator) == b"01234567a9"
    with pytest.raises(smartlob.LobFailure) as info:
        _lodata(session, m.LoData(m.LoOp.READ, 99, 1))
    assert info.value.isamcode == smartlob.BAD_FD


def test_open_flags() -> None:
    assert smartlob.check_flags(16) == 16  # LO_DIRTY_READ alone: read only
    for bad in (smartlob.LO_RDONLY | smartlob.LO_RDWR, smartlob.LO_APPEND | smartlob.LO_RDONLY):
        with pytest.raises(smartlob.LobFailure) as info:
            smartlob.check_flags(bad)
        assert info.value.isamcode == smartlob.BAD_FLAGS
