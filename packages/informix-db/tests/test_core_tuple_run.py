"""``Wire.read_reply``'s fast path for runs of SQ_TUPLE (``Reply.add_tuple_run``): rows cut at
any byte by the end of the buffer, malformed sizes, row warning flags and an SQ_ERR after rows
must come out exactly as the general message reader would give them."""

from __future__ import annotations

import struct
from typing import Any

import pytest
from scripted_peer import CAPS, columns, reply, tuples

from informix_db._core.results import Reply
from informix_db._core.wire import Wire
from informix_types import row_decoder
from informix_wire import messages as m
from informix_wire.capabilities import Capabilities
from informix_wire.errors import IntegrityError, ProtocolError
from informix_wire.tags import Tag

ROWS = [(i, "x" * (i % 4)) for i in range(40)]  # odd and even payloads: padding both ways
#: JDBC's presets before SQ_PROTOCOLS: no USVER, so a tuple's size is a short.
NO_USVER = Capabilities()


def read(data: bytes, chunk: int, caps: Capabilities = CAPS, rows: bool = True) -> Reply:
    """Read one reply fed ``chunk`` bytes at a time, as a transport would."""
    wire = Wire(caps=caps)
    wire.pending = 1
    target = Reply(row_decoder(columns(), "utf-8") if rows else None)
    op = wire.read_reply(target)
    fed = 0
    try:
        step = next(op)
        while True:
            assert step is None, "reading a reply never sends"
            if fed >= len(data):
                raise AssertionError("the reader asked for more than the reply holds")
            wire.buffer.feed(data[fed : fed + chunk])
            fed += chunk
            step = op.send(None)
    except StopIteration:
        pass
    assert fed >= len(data), "the reply ended before its last byte"
    assert wire.in_step
    assert len(wire.buffer) == 0
    return target


def tuple_message(payload: bytes, warning: int = 0, size: int | None = None) -> bytes:
    """An SQ_TUPLE under USVER, with ``size`` allowed to lie about the payload."""
    size = len(payload) if size is None else size
    pad = b"\0" if len(payload) & 1 else b""
    return struct.pack(">hhi", Tag.TUPLE, warning, size) + payload + pad


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64, 1 << 20])
def test_rows_split_at_every_buffer_boundary_decode_in_order(chunk: int) -> None:
    data = reply(*tuples(ROWS), m.Done(0, len(ROWS)), m.Cost())
    got = read(data, chunk)
    assert got.rows == ROWS
    assert got.rowcount == len(ROWS)
    assert got.warnings == []


@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
def test_short_tuple_sizes_without_usver(chunk: int) -> None:
    data = reply(*tuples(ROWS), m.Done(0, len(ROWS)), caps=NO_USVER)
    assert read(data, chunk, caps=NO_USVER).rows == ROWS


def test_row_warning_flags_become_warnings() -> None:
    body = [bytes(t.payload) for t in tuples(ROWS[:3])]
    data = b"".join(
        [tuple_message(body[0]), tuple_message(body[1], warning=0x12), tuple_message(body[2])]
    ) + reply(m.Done(0, 3))
    got = read(data, 4)
    assert got.rows == ROWS[:3]
    assert got.warnings == ["row warning flags 0x0012"]


def test_error_after_rows_keeps_the_rows_and_raises_after_eot() -> None:
    error = m.SqlErrorInfo(sqlcode=-268, isamcode=-100, message=b"unique")
    data = reply(*tuples(ROWS[:5]), error)
    got = read(data, 9)
    assert got.rows == ROWS[:5]
    with pytest.raises(IntegrityError):
        got.raise_error("utf-8")


def test_negative_tuple_size_is_a_protocol_error() -> None:
    data = tuple_message(b"\0" * 6, size=-6) + reply()
    with pytest.raises(ProtocolError, match="TUPLE size -6"):
        read(data, 1 << 20)


@pytest.mark.parametrize("lie", [-1, 1])
def test_tuple_size_that_disagrees_with_the_columns_is_a_protocol_error(lie: int) -> None:
    payload = bytes(tuples(ROWS[3:4])[0].payload)  # 4-byte INT + 1 + 3 bytes: 8
    data = tuple_message(payload + b"\0\0", size=len(payload) + lie) + reply()
    with pytest.raises(ProtocolError, match="SQ_TUPLE payload"):
        read(data, 1 << 20)


def test_row_where_no_result_set_is_open_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError, match="no result set"):
        read(reply(*tuples(ROWS[:1])), 1 << 20, rows=False)


def test_message_after_rows_that_is_not_a_tuple_uses_the_general_reader() -> None:
    data = reply(*tuples(ROWS[:2]), m.TupleId(7), *tuples(ROWS[2:4]), m.Done(0, 4))
    got: Any = read(data, 5)
    assert got.rows == ROWS[:4]
    assert got.tuple_id == 7
