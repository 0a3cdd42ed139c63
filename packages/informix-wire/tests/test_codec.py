"""Reader/Writer primitives and the ReadBuffer.

Expected bytes follow JDBC ``IfxDataOutputStream`` (writeChar pads odd lengths, big-endian shorts
and ints, ``JavaToIfxLongInt`` for INT8) and the login ``cstr`` form pinned by sqli-facts §2
(``00 09 'informix' 00``).
"""

from __future__ import annotations

import pytest

from informix_wire import (
    Capabilities,
    DataError,
    Incomplete,
    ProtocolError,
    ReadBuffer,
    Reader,
    Writer,
    read_reply_message,
)
from informix_wire import messages as m


def test_writer_primitives_are_big_endian() -> None:
    w = Writer().short(-2).ushort(0xFFFE).int(-1).uint(0xDEADBEEF).long(1).byte(7)
    assert w.getvalue().hex() == "fffefffeffffffffdeadbeef000000000000000107"


def test_char_pads_odd_lengths_only() -> None:
    assert Writer().char(b"abc").getvalue() == b"\x00\x03abc\x00"
    assert Writer().char(b"ab").getvalue() == b"\x00\x02ab"
    assert Reader(b"\x00\x03abc\x00").char() == b"abc"


def test_char4_is_int_length_then_padded() -> None:
    data = Writer().char4(b"sql").getvalue()
    assert data == b"\x00\x00\x00\x03sql\x00"
    r = Reader(data)
    assert r.char4() == b"sql"
    assert r.remaining == 0


def test_cstr_is_the_login_form() -> None:
    assert Writer().cstr(b"informix").getvalue() == b"\x00\x09informix\x00"
    assert Reader(b"\x00\x07in4mix\x00").cstr() == b"in4mix"


@pytest.mark.parametrize(
    ("value", "hexdata"),
    [
        (1234567890123, "000171fb04cb0000011f"),  # sign, low word, high word
        (-5, "ffff0000000500000000"),
        (0, "00010000000000000000"),
        (None, "00000000000000000000"),
    ],
)
def test_int8_round_trip(value: int | None, hexdata: str) -> None:
    assert Writer().int8(value).getvalue().hex() == hexdata
    assert Reader(bytes.fromhex(hexdata)).int8() == value


def test_floats() -> None:
    data = Writer().float32(2.5).float64(1.5).getvalue()
    assert data.hex() == "402000003ff8000000000000"
    r = Reader(data)
    assert (r.float32(), r.float64()) == (2.5, 1.5)


@pytest.mark.parametrize(
    "read", [Reader.short, Reader.int, Reader.long, Reader.char, Reader.int8, Reader.char4]
)
def test_truncation_raises_incomplete(read: object) -> None:
    full = b"\x00\x08" + b"\x01" * 14
    for cut in range(2):
        with pytest.raises(Incomplete):
            read(Reader(full[:cut]))  # type: ignore[operator]


def test_negative_and_oversized_lengths_are_protocol_errors() -> None:
    with pytest.raises(ProtocolError, match="negative"):
        Reader(b"\xff\xff").char()
    with pytest.raises(ProtocolError, match="out of bounds"):
        Reader(b"\x7f\xff\xff\xff").char4(limit=1024)
    with pytest.raises(ProtocolError):
        Reader(b"").raw(-1)
    with pytest.raises(DataError, match="32767"):
        Writer().char(bytes(0x8000))
    with pytest.raises(DataError, match="4-byte field"):
        Writer().int(2**31)
    with pytest.raises(DataError, match="64 bits"):
        Writer().int8(2**64)


def test_reader_respects_end() -> None:
    r = Reader(b"\x00\x01\x00\x02", 0, 2)
    assert r.short() == 1
    with pytest.raises(Incomplete):
        r.short()


def test_read_buffer_parses_across_feeds() -> None:
    buf = ReadBuffer()
    buf.feed(b"\x00\x01\x00")
    r = buf.reader()
    assert r.short() == 1
    with pytest.raises(Incomplete):
        r.int()
    buf.consume(2)
    buf.feed(b"\x00\x00\x02")
    r = buf.reader()
    assert r.int() == 2
    buf.consume(r.pos)
    assert len(buf) == 0
    buf.feed(b"\x00\x07")
    assert len(buf.data) == 2  # everything consumed: the next feed starts over


def test_read_buffer_parse_consumes_only_whole_messages() -> None:
    caps = Capabilities.ids15()
    done = bytes.fromhex("000f0000000000010000000000000000")
    buf = ReadBuffer()
    buf.feed(done[:9])
    assert buf.parse(read_reply_message, caps) is None
    assert buf.start == 0
    buf.feed(done[9:] + b"\x00")
    assert buf.parse(read_reply_message, caps) == m.Done(0, 1, 0, 0)
    assert len(buf) == 1


def test_read_buffer_offsets_stay_valid_until_next_feed() -> None:
    buf = ReadBuffer(compact_at=8)
    buf.feed(bytes(range(12)))
    buf.consume(10)
    assert buf.start == 10
    assert buf.data[4] == 4  # consume moved nothing
    buf.feed(b"\x0c")
    assert buf.start == 0
    assert bytes(buf.data) == bytes([10, 11, 12])  # compacted by the feed, past compact_at
    buf.consume(1)
    buf.feed(b"\x0d")
    assert buf.start == 1  # below compact_at: no copy


def test_read_buffer_limit() -> None:
    buf = ReadBuffer(limit=16)
    buf.feed(bytes(10))
    with pytest.raises(ProtocolError, match="limit"):
        buf.feed(bytes(7))
    buf.consume(10)
    buf.feed(bytes(16))
    assert len(buf) == 16


def test_read_buffer_take_and_bad_consume() -> None:
    buf = ReadBuffer()
    buf.feed(b"abcdef")
    assert buf.take(2) == b"ab"
    assert buf.reader().raw(4) == b"cdef"
    with pytest.raises(ValueError, match="outside"):
        buf.consume(100)
    with pytest.raises(ValueError, match="only 4 bytes"):
        buf.take(5)
