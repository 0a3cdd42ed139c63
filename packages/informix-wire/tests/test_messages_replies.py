"""Server messages: exact bytes from the recorded examples, round trips under the IDS 15 mask and
under no capability bits (the legacy short forms), truncation, and hostile lengths.

Recorded vectors: sqli-facts part B §2 (the SQLI probe that IBM JDBC 4.50.10.1 accepted): the
SELECT 1 DESCRIBE, the -201 SQ_ERR, SQ_DONE, and the two TUPLE rows of a VARCHAR + DECIMAL result.
"""

from __future__ import annotations

import pytest

from informix_wire import (
    Capabilities,
    DataError,
    Incomplete,
    IntegrityError,
    InterfaceError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    ProtocolError,
    Reader,
    Writer,
    read_reply_message,
    read_reply_pdu,
    read_request_message,
    read_request_pdu,
)
from informix_wire import messages as m
from informix_wire.messages import Column, TypedValue
from informix_wire.tags import InfoType

IDS15 = Capabilities.ids15()
LEGACY = Capabilities.none()
PRESETS = Capabilities(b"")  # JDBC's presets only: USVER without bit 50 (mixed forms)


def encode(msg: m.Message, caps: Capabilities) -> bytes:
    w = Writer()
    msg.encode(w, caps)
    return w.getvalue()


SELECT1_DESCRIBE = (
    "0008 0002 0002 00000001 0004 0001 0000000b"
    "00000000 00000000 0002 00000000 0000 0000 0000 0000 00000000 00000004"
    + b"(constant)\0".hex()
    + "00"
)


def test_select1_describe_recorded_bytes() -> None:
    data = bytes.fromhex(SELECT1_DESCRIBE.replace(" ", ""))
    msg = read_reply_message(Reader(data), IDS15)
    assert msg == m.Describe(2, 2, 1, 4, [Column(b"(constant)", 2, 4)])
    assert encode(msg, IDS15) == data


def test_describe_varchar_decimal_columns() -> None:
    cols = [Column(b"vc", 13, 40, 0), Column(b"dc", 5 | 0x100, 0x0A02, 41)]
    data = encode(m.Describe(2, 7, 3, 47, cols), IDS15)
    back = read_reply_message(Reader(data), IDS15)
    assert isinstance(back, m.Describe)
    assert [c.name for c in back.columns] == [b"vc", b"dc"]
    assert back.columns[1].base_type == 5
    assert not back.columns[1].nullable
    assert back.columns[0].nullable
    assert back.columns[1].start == 41


def test_describe_legacy_short_form_bytes() -> None:
    data = encode(m.Describe(2, 1, 0, 4, [Column(b"a", 2, 4)]), LEGACY)
    # stmt 2, id 1, cost 0, tuple 4, 1 field, short strtab 2; field: short offset 0, short start 0,
    # short type 2, short length 4 (IfxSqli.receiveDescribe without USVER and bit 50); "a\0".
    assert data.hex() == "00080002000100000000000400010002" + ("00000000000200046100")
    assert read_reply_message(Reader(data), LEGACY) == m.Describe(2, 1, 0, 4, [Column(b"a", 2, 4)])


def test_describe_bad_name_offset() -> None:
    data = bytearray(encode(m.Describe(2, 1, 0, 4, [Column(b"a", 2, 4)]), IDS15))
    data[18:22] = (99).to_bytes(4, "big")  # the field's name offset
    with pytest.raises(ProtocolError, match="name offset 99"):
        read_reply_message(Reader(bytes(data)), IDS15)


def test_err_recorded_bytes_and_exception() -> None:
    data = bytes.fromhex("000dff370000000000000000000c")
    [err] = read_reply_pdu(Reader(data), IDS15)
    assert isinstance(err, m.SqlErrorInfo)
    assert err == m.SqlErrorInfo(-201)
    exc = err.to_exception()
    assert isinstance(exc, ProgrammingError)
    assert exc.sqlcode == -201
    assert encode(err, IDS15) + b"\x00\x0c" == data


def test_err_with_near_token_and_isam() -> None:
    err = m.SqlErrorInfo(-268, -100, 17, b"t_pk")
    data = encode(err, IDS15)
    assert data.hex() == "000dfef4ff9c000000110004" + b"t_pk".hex()
    back = read_reply_message(Reader(data), IDS15)
    exc = back.to_exception()  # type: ignore[union-attr]
    assert isinstance(exc, IntegrityError)
    assert (exc.sqlcode, exc.isamcode, exc.near, exc.offset) == (-268, -100, "t_pk", 17)
    assert "[-268]" in str(exc)
    assert "t_pk" in str(exc)
    assert "ISAM -100" in str(exc)


def test_err_offset_is_short_without_bit_62() -> None:
    assert encode(m.SqlErrorInfo(-201, 0, 5), LEGACY).hex() == "000dff37000000050000"


def test_err_variants() -> None:
    # -368 has no near field; -937 and warnings (0, with USVER) carry SQLSTATE + message
    # (IfxSqli.receiveError).
    for err in (
        m.SqlErrorInfo(-368, -1, 3),
        m.SqlErrorInfo(-937, 0, 0, b"x", b"IX000", b"user-defined error"),
        m.SqlErrorInfo(0, 0, 0, b"", b"01I01", b"a warning"),
        m.SqlErrorInfo(-619, -3, 2, b"blob"),
        m.SqlErrorInfo(100),
    ):
        data = encode(err, IDS15)
        r = Reader(data)
        assert read_reply_message(r, IDS15) == err
        assert r.pos == len(data)
    assert encode(m.SqlErrorInfo(-368), IDS15).hex() == "000dfe90000000000000"
    assert m.SqlErrorInfo(0).is_warning
    assert m.SqlErrorInfo(100).is_warning
    lock = m.SqlErrorInfo(-244, -107).to_exception()
    assert isinstance(lock, OperationalError)
    assert "syntax error" in str(m.SqlErrorInfo(-201).to_exception())
    assert "SQL error -12345" in str(m.SqlErrorInfo(-12345).to_exception())
    assert "custom" in str(m.SqlErrorInfo(-201).to_exception(text="custom"))
    state = m.SqlErrorInfo(-937, 0, 0, b"", b"IX000", b"boom").to_exception()
    assert state.sqlstate == "IX000"
    assert "boom" in str(state)


@pytest.mark.parametrize(
    ("payload", "hexdata"),
    [
        (b"\x0bhello world" + bytes.fromhex("c301172d4300"), "000e0000000000120b68656c6c6f"),
        (b"\x01x" + bytes.fromhex("3f3200000000"), "000e00000000000801783f3200000000"),
    ],
)
def test_tuple_recorded_rows(payload: bytes, hexdata: str) -> None:
    data = encode(m.Tuple(payload), IDS15)
    assert data.hex().startswith(hexdata)
    r = Reader(data)
    t = read_reply_message(r, IDS15)
    assert isinstance(t, m.Tuple)
    assert t.payload == payload
    assert r.pos == len(data)


def test_tuple_is_zero_copy_and_padded() -> None:
    data = b"\xff\xff" + encode(m.Tuple(b"abc", warning=1), IDS15) + b"\x00\x0c"
    r = Reader(data, 2)
    t = read_reply_message(r, IDS15)
    assert isinstance(t, m.Tuple)
    assert t.data is data
    assert (t.offset, t.size, t.warning) == (10, 3, 1)
    assert data[r.pos : r.pos + 2] == b"\x00\x0c"  # the pad byte was skipped
    legacy = encode(m.Tuple(b"ab"), LEGACY)
    assert legacy.hex() == "000e000000026162"  # short size without USVER


def test_done_insertdone_and_small_replies_bytes() -> None:
    assert encode(m.Done(4, 0, 0, 0), IDS15).hex() == "000f0004" + "00" * 12
    assert encode(m.Cost(10, 20), IDS15).hex() == "00370000000a00000014"
    assert encode(m.XactStat(1, 2, 3), IDS15).hex() == "0063000100020003"
    assert encode(m.InsertDone(5, 6), IDS15).hex() == ("005e000100000005000000000000000000000006")
    assert encode(m.InsertDone(5, 6), LEGACY).hex() == "005e00010000000500000000"
    assert encode(m.Protocols(bytes.fromhex("bdbe9ffe7fb7ffefff")), IDS15).hex() == (
        "007e0009bdbe9ffe7fb7ffefff00"
    )
    assert encode(m.RoutineHandle(9, b"db"), IDS15).hex() == "00650002646200000009"
    assert encode(m.RoutineHandle(9), LEGACY).hex() == "006500000009"


REPLIES: list[m.Reply] = [
    m.Describe(2, 3, 5, 47, [Column(b"vc", 13, 40), Column(b"", 5, 0x0A02, 41)]),
    m.Describe(6, 1, 0, 0, []),
    m.InputDescribe([Column(b"", 2, 4), Column(b"", 41, 1, 0, 5, b"informix", b"boolean")]),
    m.InputDescribe([Column(b"p1", 2, 4)], named_flags=1, routine_args=1, arg_flags=[0]),
    m.SqlErrorInfo(-206, -111, 14, b"nosuch"),
    m.Tuple(b"\x00\x00\x00\x07"),
    m.Done(1, 2, 3, 4),
    m.Cost(1, 2),
    m.XactStat(1, 2, 3),
    m.InsertDone(None, 0),
    m.TupleId(42),
    m.Exit(),
    m.CloseAck(),
    m.Protocols(b"\x01\x02\x03"),
    m.Blob(b"abc"),
    m.Version(b"9.59"),
    m.InfoReply([(3, b"\0\0\0\1"), (7, b"abc")]),
    m.File(m.FileOp.OPEN, b"/tmp/f", 1, 2, 3),
    m.File(m.FileOp.READ, buffer_size=4096, amount=-1),
    m.File(m.FileOp.WRITE),
    m.File(m.FileOp.CLOSE),
    m.FileWriteChunk(b"12345"),
    m.RoutineHandle(77, b"testdb"),
    m.FastPathResult(
        [
            TypedValue(2, b"\0\0\0\x05"),
            TypedValue(0, b"\x00\x02hi"),
            TypedValue(2, None, indicator=-1),
            TypedValue(41, b"\0\0\0\x01t", 0, b"informix", b"boolean"),
            TypedValue(18, (5).to_bytes(2, "big") + bytes(8), 0, b"", b""),
        ]
    ),
    m.PutError(3, m.SqlErrorInfo(-239, -100, 0, b"")),
]


@pytest.mark.parametrize("caps", [IDS15, LEGACY, PRESETS], ids=["ids15", "legacy", "presets"])
@pytest.mark.parametrize("msg", REPLIES, ids=lambda x: type(x).__name__)
def test_reply_round_trip_and_truncation(msg: m.Reply, caps: Capabilities) -> None:
    data = encode(msg, caps)
    # Every reply keeps 2-byte alignment, except the one-byte argument flags JDBC reads in
    # SQ_IDESCRIBE (recvIDescribe readByte).
    assert len(data) % 2 == 0 or (isinstance(msg, m.InputDescribe) and msg.arg_flags)
    r = Reader(data)
    back = read_reply_message(r, caps)
    if isinstance(msg, m.InputDescribe) and not caps.named_parameters:
        assert isinstance(back, m.InputDescribe)
        assert len(back.params) == len(msg.params)
    elif isinstance(msg, m.RoutineHandle) and not caps.named_parameters:
        assert back == m.RoutineHandle(msg.handle)
    else:
        assert back == msg
    assert r.pos == len(data)
    for cut in range(len(data)):
        with pytest.raises(Incomplete):
            read_reply_message(Reader(data[:cut]), caps)


def test_unknown_tags_are_named_not_skipped() -> None:
    with pytest.raises(ProtocolError, match=r"tag 200 at offset 2"):
        read_reply_message(Reader(b"\x00\x00\x00\xc8", 2), IDS15)
    with pytest.raises(ProtocolError, match=r"tag 2 \(SQ_PREPARE\) at offset 0"):
        read_reply_message(Reader(b"\x00\x02"), IDS15)
    with pytest.raises(ProtocolError, match=r"tag 8 \(SQ_DESCRIBE\)"):
        read_request_message(Reader(b"\x00\x08"), IDS15)


def test_hostile_lengths_are_bounded() -> None:
    huge_strtab = bytes.fromhex("0008 0002 0001 00000000 0000 0000 7fffffff".replace(" ", ""))
    with pytest.raises(ProtocolError, match="string table"):
        read_reply_message(Reader(huge_strtab), IDS15)
    with pytest.raises(ProtocolError, match="mask"):
        read_reply_message(Reader(b"\x00\x7e\x7f\xff"), IDS15)
    with pytest.raises(ProtocolError, match="TUPLE size"):
        read_reply_message(Reader(b"\x00\x0e\x00\x00\xff\xff\xff\xff"), IDS15)
    with pytest.raises(ProtocolError, match="SQL"):
        read_request_message(Reader(b"\x00\x02\x00\x00\x7f\xff\xff\xff"), IDS15)
    lvarchar = bytes.fromhex("0005 0001 002b 0000 0000 0000 0000 7fffffff".replace(" ", ""))
    with pytest.raises(ProtocolError, match="value"):
        read_request_message(Reader(lvarchar), IDS15)
    with pytest.raises(ProtocolError, match="SQ_FILE operation 9"):
        read_reply_message(Reader(b"\x00\x62\x00\x09"), IDS15)


def test_reply_pdu_stops_at_eot_and_exit() -> None:
    data = encode(m.Done(), IDS15) + encode(m.Cost(), IDS15) + b"\x00\x0c" + b"\x00\x38"
    r = Reader(data)
    assert read_reply_pdu(r, IDS15) == [m.Done(), m.Cost()]
    assert read_reply_pdu(r, IDS15) == [m.Exit()]


REQUESTS: list[m.Request] = [
    m.Prepare(b"select 1 from t where a = ?", 1),
    m.Command(b"x" * 3),
    m.GetRoutine(signature=b"function informix.ifx_lo_open(blob, integer)"),
    m.GetRoutine(database=b"testdb", handle=1234, want_fparam=True),
    m.ExecRoutine(1234, 2, b"testdb"),
    m.FetchBlob(bytes(range(56))),
    m.FileWriteAck(10),
    m.FileReadTotal(3),
    m.NFetch(32767, 0),
    m.SFetch(m.ScrollType.NEXT, 0, 100),
    m.RetType(1, [m.TypeColumn(43, 2048, b"informix", b"lvarchar"), m.TypeColumn(2, 4)]),
    m.DbClose(),
    m.Info([], InfoType.DONE),
    m.Info([], InfoType.REQUEST),
    m.Info([(b"A", b"odd"), (b"LONGER_NAME", b"")]),
    m.AutoFree(),
    m.ReoptOpen(),
    m.BatchStart(),
    m.BatchEnd(),
    m.SqlErrorInfo(2),  # the client's answer to a failing SQ_FILE (sendSQFILEError)
    m.Bind([TypedValue(13, None, indicator=-2), TypedValue(14, b"\x00\x03\xc0\x01\x02", 0x144F)]),
]


@pytest.mark.parametrize("caps", [IDS15, LEGACY, PRESETS], ids=["ids15", "legacy", "presets"])
@pytest.mark.parametrize("msg", REQUESTS, ids=lambda x: type(x).__name__)
def test_request_round_trip_and_truncation(msg: m.Request, caps: Capabilities) -> None:
    if isinstance(msg, m.GetRoutine) and msg.handle is not None and not caps.named_parameters:
        with pytest.raises(NotSupportedError, match="bit 52"):
            encode(msg, caps)
        return
    data = encode(msg, caps)
    r = Reader(data)
    back = read_request_message(r, caps)
    if isinstance(msg, m.ExecRoutine) and not caps.named_parameters:
        assert back == m.ExecRoutine(msg.handle, msg.nparams)
    else:
        assert back == msg
    assert r.pos == len(data)
    for cut in range(len(data)):
        with pytest.raises(Incomplete):
            read_request_message(Reader(data[:cut]), caps)


def test_request_framing_bytes_by_capability() -> None:
    assert encode(m.NFetch(4096), IDS15).hex() == "0009000010000000"
    assert encode(m.NFetch(4096), LEGACY).hex() == "00091000"
    assert encode(m.Prepare(b"abc"), LEGACY).hex() == "00020000000361626300"
    assert encode(m.SFetch(6, 3, 4096), LEGACY).hex() == "00170006000000031000"
    # GETROUTINE with bit 52: one byte, then the int-length signature padded on its own length.
    assert encode(m.GetRoutine(b"f"), IDS15).hex() == "0065000000000166000000"
    with pytest.raises(DataError, match="exceeds"):
        encode(m.NFetch(40000), LEGACY)
    with pytest.raises(DataError, match="bit 62"):
        encode(m.Prepare(bytes(40000)), LEGACY)
    with pytest.raises(DataError, match="2-byte field"):
        encode(m.Prepare(b"x", placeholders=40000), IDS15)
    with pytest.raises(InterfaceError, match="56 bytes"):
        encode(m.FetchBlob(b"short"), IDS15)


def test_info_request_forms() -> None:
    # IfxSqli.sendInfo: [81] then [1][0] when registering, then [0].
    assert encode(m.Info([], InfoType.REQUEST), IDS15).hex() == "0051000100000000"
    assert encode(m.Info([], InfoType.DONE), IDS15).hex() == "00510000"
    with pytest.raises(ProtocolError, match="type 4"):
        read_request_message(Reader(bytes.fromhex("00510004")), IDS15)
    bad_total = bytes.fromhex("0051000600ff0000000000000000")
    with pytest.raises(ProtocolError, match="length 255"):
        read_request_message(Reader(bad_total), IDS15)


def test_file_read_chunks_in_a_pdu() -> None:
    caps = IDS15
    w = Writer()
    for msg in (m.FileReadTotal(5), m.FileReadChunk(b"abc"), m.FileReadChunk(b"de")):
        msg.encode(w, caps)
    m.Eot().encode(w, caps)
    assert read_request_pdu(Reader(w.getvalue()), caps) == [
        m.FileReadTotal(5),
        m.FileReadChunk(b"abc"),
        m.FileReadChunk(b"de"),
    ]


def test_value_framing_checks() -> None:
    w = Writer()
    with pytest.raises(InterfaceError, match="takes 4"):
        m.write_value(w, 2, b"\0\0")
    with pytest.raises(InterfaceError, match="short length"):
        m.write_value(w, 0, b"\x00\x05ab")
    with pytest.raises(InterfaceError, match="int length"):
        m.write_value(w, 43, b"\x00\x00\x00\x09x")
    with pytest.raises(NotSupportedError):
        m.write_value(w, 22, b"")
    with pytest.raises(NotSupportedError):
        m.read_value(Reader(b"\0\0\0\0"), 19)
    with pytest.raises(ProtocolError, match="indicator"):
        read_request_message(
            Reader(bytes.fromhex("0005 0001 0002 0007 0000".replace(" ", ""))), IDS15
        )


@pytest.mark.parametrize(
    ("sqlcode", "isamcode", "cls"),
    [
        (-201, 0, "ProgrammingError"),
        (-268, 0, "IntegrityError"),
        (-271, -100, "IntegrityError"),  # duplicate key reported through ISAM
        (-271, -107, "OperationalError"),  # record locked
        (-1213, 0, "DataError"),
        (-952, 0, "OperationalError"),
        (-999, 0, "NotSupportedError"),
        (-1800, 0, "InternalError"),
        (-12345, 0, "DatabaseError"),
    ],
)
def test_error_classes(sqlcode: int, isamcode: int, cls: str) -> None:
    exc = m.SqlErrorInfo(sqlcode, isamcode).to_exception()
    assert type(exc).__name__ == cls
    assert exc.sqlcode == sqlcode
    assert exc.isamcode == (isamcode or None)
