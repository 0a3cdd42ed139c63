"""SQ_LODATA (97) both ways: the bytes JDBC's ``IfxSqli.sendLoData`` / ``executeWriteSmBlob`` write
and ``receiveLODATA`` reads, round trips through the dispatchers, truncation and bad chunks."""

from __future__ import annotations

import pytest

from informix_wire import Capabilities, Incomplete, InterfaceError, ProtocolError, Reader, Writer
from informix_wire import messages as m
from informix_wire.messages.lodata import BUFFER_SIZE, read_chunk

CAPS = Capabilities.ids15()


def _encode(msg: m.LoData | m.LoDataReply) -> bytes:
    w = Writer()
    msg.encode(w, CAPS)
    return w.getvalue()


def test_read_request_bytes() -> None:
    # [97][op 0][fd 3][int 100][short 32000], as sendLoData writes LO_READ.
    assert _encode(m.LoData(m.LoOp.READ, 3, 100)) == bytes.fromhex("0061 0000 0003 00000064 7d00")


def test_read_with_seek_request_carries_int8_offset_and_whence() -> None:
    data = _encode(m.LoData(m.LoOp.READ_WITH_SEEK, 1, 10, offset=-5))
    # ... then writeLongInt(offset): [short sign][int low][int high], then whence LO_SEEK_CUR.
    assert data == bytes.fromhex("0061 0001 0001 0000000a 7d00 ffff 00000005 00000000 0001")
    parsed = m.read_request_message(Reader(data), CAPS)
    assert parsed == m.LoData(m.LoOp.READ_WITH_SEEK, 1, 10, offset=-5, whence=1)


def test_write_request_chunks_of_32000_padded() -> None:
    payload = bytes(range(256)) * 250 + b"xyz"  # 64003 bytes: 32000 + 32000 + 3 (odd, padded)
    data = _encode(m.LoData(m.LoOp.WRITE, 7, len(payload), data=payload))
    head = 2 + 2 + 2 + 4 + 2
    assert data[:head] == bytes.fromhex(f"0061 0002 0007 {len(payload):08x} 7d00")
    assert data[head : head + 2] == bytes.fromhex("7d00")  # first chunk: 32000 bytes
    assert data[-6:] == bytes.fromhex("0003 78797a 00")  # last chunk: 3 bytes and the pad
    assert len(data) == head + 2 * (2 + BUFFER_SIZE) + 2 + 4
    assert m.read_request_pdu(Reader(data + b"\x00\x0c"), CAPS) == [
        m.LoData(m.LoOp.WRITE, 7, len(payload), data=payload)
    ]


def test_write_request_honours_a_smaller_buffer_size() -> None:
    data = _encode(m.LoData(m.LoOp.WRITE, 0, 5, 2, data=b"abcde"))
    assert data[12:] == bytes.fromhex("0002 6162 0002 6364 0001 6500")
    assert m.read_request_message(Reader(data), CAPS).data == b"abcde"  # type: ignore[union-attr]


def test_read_reply_bytes_and_round_trip() -> None:
    reply = m.LoDataReply(m.LoOp.READ, 3, b"abc")
    data = _encode(reply)
    assert data == bytes.fromhex("0061 0000 00000003 0003 616263 00")
    assert m.read_reply_pdu(Reader(data + b"\x00\x0c"), CAPS) == [m.LoDataReply(0, 3, b"abc")]


def test_empty_read_reply_has_one_short_after_the_size() -> None:
    # receiveLODATA: a size below 1 is followed by one short, which it reads and drops.
    data = _encode(m.LoDataReply(m.LoOp.READ, 0))
    assert data == bytes.fromhex("0061 0000 00000000 0000")
    assert m.read_reply_message(Reader(data), CAPS) == m.LoDataReply(0, 0)


def test_write_reply_is_op_and_size_only() -> None:
    assert _encode(m.LoDataReply(m.LoOp.WRITE, 70000)) == bytes.fromhex("0061 0002 00011170")
    failed = _encode(m.LoDataReply(m.LoOp.WRITE, -12052))
    assert m.read_reply_message(Reader(failed), CAPS) == m.LoDataReply(2, -12052)


def test_large_read_reply_round_trips_in_chunks() -> None:
    payload = bytes(i % 251 for i in range(100_001))
    data = _encode(m.LoDataReply(m.LoOp.READ_WITH_SEEK, len(payload), payload, chunk=30000))
    assert m.read_reply_message(Reader(data), CAPS) == m.LoDataReply(1, len(payload), payload)


@pytest.mark.parametrize(
    "msg",
    [
        m.LoData(m.LoOp.WRITE, 2, 40001, data=bytes(40001)),
        m.LoData(m.LoOp.READ_WITH_SEEK, 2, 9, offset=1 << 40),
        m.LoDataReply(m.LoOp.READ, 33000, b"q" * 33000),
    ],
)
def test_truncated_anywhere_is_incomplete(msg: m.LoData | m.LoDataReply) -> None:
    data = _encode(msg)
    read = m.read_request_message if isinstance(msg, m.LoData) else m.read_reply_message
    for cut in range(0, len(data), 997):
        with pytest.raises(Incomplete):
            read(Reader(data[:cut]), CAPS)


@pytest.mark.parametrize("chunk", ["0000", "0005", "ffff"])
def test_chunks_that_do_not_add_up_are_protocol_errors(chunk: str) -> None:
    # A 4-byte write whose chunk is empty, longer than what is left, or negative.
    data = bytes.fromhex("0061 0002 0000 00000004 7d00" + chunk + "6162636465")
    with pytest.raises(ProtocolError, match="chunk"):
        m.read_request_message(Reader(data), CAPS)


def test_unknown_operation_and_negative_length_are_protocol_errors() -> None:
    with pytest.raises(ProtocolError, match="operation 9"):
        m.read_request_message(Reader(bytes.fromhex("0061 0009 0000")), CAPS)
    with pytest.raises(ProtocolError, match="-1 bytes"):
        m.read_request_message(Reader(bytes.fromhex("0061 0000 0000 ffffffff 7d00")), CAPS)


def test_inconsistent_messages_cannot_be_encoded() -> None:
    with pytest.raises(InterfaceError):
        _encode(m.LoData(m.LoOp.WRITE, 0, 4, data=b"abc"))
    with pytest.raises(InterfaceError):
        _encode(m.LoDataReply(m.LoOp.READ, 2, b"abc"))
    with pytest.raises(InterfaceError):
        _encode(m.LoData(m.LoOp.WRITE, 0, 1, 0, data=b"a"))


def test_read_chunk_gives_the_span_without_copying() -> None:
    r = Reader(bytes.fromhex("0003 616263 00 0001"))
    assert read_chunk(r, 10) == (2, 3)
    assert r.pos == 6
