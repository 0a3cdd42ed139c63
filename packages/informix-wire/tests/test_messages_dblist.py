"""SQ_DBLIST (26): the bare request and the reply JDBC's getCatalogs reads (IfxSqli.sendGetDBList,
receiveDBList: readChar fields until an empty one)."""

from __future__ import annotations

import pytest

from informix_wire import Capabilities, DataError, Incomplete, ProtocolError, Reader, Writer
from informix_wire import messages as m
from informix_wire.messages import dblist

CAPS = Capabilities.ids15()


def test_request_is_the_bare_tag() -> None:
    assert m.encode_pdu(CAPS, [m.GetDbList()]) == b"\x00\x1a\x00\x0c"
    assert m.read_request_pdu(Reader(b"\x00\x1a\x00\x0c"), CAPS) == [m.GetDbList()]


def test_reply_bytes_pad_odd_names_and_end_with_an_empty_name() -> None:
    wire = b"\x00\x1a\x00\x06testdb\x00\x09sysmaster\x00\x00\x00"
    w = Writer()
    m.DbList([b"testdb", b"sysmaster"]).encode(w, CAPS)
    assert w.getvalue() == wire
    assert m.read_reply_pdu(Reader(wire + b"\x00\x0c"), CAPS) == [
        m.DbList([b"testdb", b"sysmaster"])
    ]


def test_an_empty_list_is_just_the_terminator() -> None:
    assert m.read_reply_message(Reader(b"\x00\x1a\x00\x00"), CAPS) == m.DbList([])


def test_truncated_reply_is_incomplete() -> None:
    with pytest.raises(Incomplete):
        m.read_reply_message(Reader(b"\x00\x1a\x00\x06test"), CAPS)


def test_an_empty_name_cannot_be_encoded() -> None:
    with pytest.raises(DataError):
        m.DbList([b"a", b""]).encode(Writer(), CAPS)


def test_an_endless_list_is_a_protocol_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dblist, "MAX_DATABASES", 2)
    with pytest.raises(ProtocolError):
        m.read_reply_message(Reader(b"\x00\x1a" + b"\x00\x01a\x00" * 3 + b"\x00\x00"), CAPS)
