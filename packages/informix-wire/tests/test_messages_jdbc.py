"""Client PDUs exactly as IBM JDBC 4.50.10.1 sent them, parsed and rebuilt byte for byte, and server
messages this package encoded that JDBC read back correctly.

Source of every vector: a throwaway SQLI responder built on this package, which IBM's JDBC driver
4.50.10.1 (Java 17) talked to on 2026-11-24. The Java programs: connect to ``testdb``; ``select vc,
dc from t`` (VARCHAR + DECIMAL, so JDBC sends SQ_TYPE); a PreparedStatement INSERT with 12
parameters of different types; savepoints; commit and rollback; a scrollable WITH HOLD cursor with
``absolute(3)`` and ``last()``; a BYTE parameter; ``executeBatch`` of two rows; two failing queries;
an INSERT answered with SQ_INSERTDONE; ``IfxSmartBlob`` close and seek (fast path); an SQ_FILE
exchange. The negotiated mask was IDS 15's ``bdbe9ffe7fb7ffefff``.
"""

from __future__ import annotations

import pytest

from informix_wire import (
    Capabilities,
    Incomplete,
    Reader,
    encode_pdu,
    read_reply_message,
    read_reply_pdu,
    read_request_pdu,
)
from informix_wire import messages as m
from informix_wire.messages import TypedValue as V

CAPS = Capabilities.ids15()
DECIMAL_M12_50 = bytes.fromhex("00033e5732")  # -12.50 as JDBC's JavaToIfxDecimal wrote it
DATETIME_2024 = bytes.fromhex("000bc71418021d0d0e0f0c2232")  # 2024-02-29 13:14:15.123456
BYTE_DESCRIPTOR = bytes(19) + b"\x03" + bytes(36)  # 56 bytes, size 3 at offset 16..19

VECTORS: list[tuple[str, str, list[m.Request]]] = [
    ("protocols", "007e0008fffc7ffc3c8caa97000c", [m.Protocols(bytes.fromhex("fffc7ffc3c8caa97"))]),
    (
        "info-env",
        "005100060026000c00040006444254454d5000042f746d70000b535542514341434845535a0000023130"
        "00000000000c",
        [m.Info([(b"DBTEMP", b"/tmp"), (b"SUBQCACHESZ", b"10")])],
    ),
    ("dbopen", "002400067465737464620000000c", [m.DbOpen(b"testdb", 0)]),
    (
        "prepare",
        "000200000000001473656c6563742076632c2064632066726f6d207400160031000c",
        [m.Prepare(b"select vc, dc from t", 0), m.NDescribe(), m.WantDone()],
    ),
    (
        "open+fetch",
        "00040001000300125f69667863303030303030303030303030300006000400010009000010000000000c",
        [
            m.StatementId(1),
            m.CursorName(b"_ifxc0000000000000"),
            m.Open(),
            m.StatementId(1),
            m.NFetch(4096, 0),
        ],
    ),
    (
        "open-only",
        "00040002000300125f69667863303030303030303030303030310006000c",
        [m.StatementId(2), m.CursorName(b"_ifxc0000000000001"), m.Open()],
    ),
    (
        "sq_type+fetch",
        "00040002006400010002000d00000028000500000a020009000010000000000c",
        [
            m.StatementId(2),
            m.RetType(1, [m.TypeColumn(13, 40), m.TypeColumn(5, 0x0A02)]),
            m.NFetch(4096, 0),
        ],
    ),
    ("close", "00040002000a000c", [m.StatementId(2), m.Close()]),
    ("release", "00040002000b000c", [m.StatementId(2), m.Release()]),
    ("describe-input", "00040003007c000c", [m.StatementId(3), m.DescribeInput()]),
    (
        "bind-12-types",
        "000400030005000c000200000a000000000700000000000000036162630000050000000200033e573200000a00"
        "00130f000bc71418021d0d0e0f0c2232000007000000000000b1260034000013000000011f71fb04cb00030000"
        "00003ff800000000000000040000000040200000000100000500fffd0002ffff0000002d0008696e666f726d69"
        "780007626f6f6c65616e0000000001000000010100002b00000000000000000000000178000007000c",
        [
            m.StatementId(3),
            m.Bind(
                [
                    V(2, b"\0\0\0\x07", 0x0A00),  # setInt(7): INT, precision 10 << 8
                    V(0, b"\x00\x03abc"),  # setString: CHAR with a short length
                    V(5, DECIMAL_M12_50, 2),  # setBigDecimal(-12.50): precision = scale
                    V(10, DATETIME_2024, 0x130F),  # setTimestamp: YEAR TO FRACTION(5)
                    V(7, bytes.fromhex("0000b126")),  # setDate(2024-02-29): days since 1899-12-31
                    V(52, (1234567890123).to_bytes(8, "big"), 0x1300),  # setLong: BIGINT
                    V(3, bytes.fromhex("3ff8000000000000")),  # setDouble(1.5)
                    V(4, bytes.fromhex("40200000")),  # setFloat(2.5)
                    V(1, b"\xff\xfd", 0x0500),  # setShort(-3)
                    V(2, None, 0, indicator=-1),  # setNull(INTEGER)
                    V(45, b"\0\0\0\x01\x01", 1, b"informix", b"boolean"),  # setBoolean(true)
                    V(43, b"\0\0\0\x01x"),  # setString into an LVARCHAR parameter
                ]
            ),
            m.Execute(),
        ],
    ),
    ("begin", "0023000c", [m.Begin()]),
    ("set-savepoint", "00890003737031000000000c", [m.SetSavepoint(b"sp1", False)]),
    ("rollback-to-savepoint", "008b000373703100000c", [m.RollbackSavepoint(b"sp1")]),
    ("release-savepoint", "008a000373703200000c", [m.ReleaseSavepoint(b"sp2")]),
    ("commit", "0013000c", [m.CommitWork()]),
    (
        "command",
        "000100000000000d64656c6574652066726f6d20700000160007000b000c",
        [m.Command(b"delete from p"), m.NDescribe(), m.Execute(), m.Release()],
    ),
    ("rollback", "00140000000c", [m.RollbackWork(0)]),
    ("exit", "0038", [m.Exit()]),
    (
        "scroll-hold-open",
        "00040002000300125f69667863303030303030303030303030310018002b0006000c",
        [
            m.StatementId(2),
            m.CursorName(b"_ifxc0000000000001"),
            m.Scroll(),
            m.Hold(),
            m.Open(),
        ],
    ),
    (
        "sfetch-absolute",
        "00040002001700060000000300001000000c",
        [m.StatementId(2), m.SFetch(m.ScrollType.ABSOLUTE, 3, 4096)],
    ),
    (
        "sfetch-last",
        "00040002001700040000000000001000000c",
        [m.StatementId(2), m.SFetch(m.ScrollType.LAST, 0, 4096)],
    ),
    (
        "bind-byte",
        "0004000300050001000b00000038" + BYTE_DESCRIPTOR.hex() + "00290001002700030102030000270000"
        "0007000c",
        [
            m.StatementId(3),
            m.Bind([V(11, BYTE_DESCRIPTOR, 56)]),
            m.BlobBind(1),
            m.Blob(b"\x01\x02\x03"),
            m.Blob(b""),
            m.Execute(),
        ],
    ),
    (
        "getroutine-odd-length",  # IfxSmartBlob.IfxLoClose: one flag byte, int-length signature
        "0065000000002766756e6374696f6e20696e666f726d69782e6966785f6c6f5f636c6f736528696e7465676572"
        "29000000000c",
        [m.GetRoutine(b"function informix.ifx_lo_close(integer)")],
    ),
    (
        "exfproutine-bind",
        "006600067465737464620000004d0001000000050001000200000a0000000005000c",
        [m.ExecRoutine(77, 1, b"testdb"), m.Bind([V(2, b"\0\0\0\x05", 0x0A00)])],
    ),
    (
        "exfproutine-int8",  # IfxSmartBlob.seek(5, 10, 0): INT8 arguments, precision 0x1300
        "006600067465737464620000004e0004000000050004000200000a000000000500110000130000010000000a"
        "00000000000200000a000000000000110000130000010000000000000000000c",
        [
            m.ExecRoutine(78, 4, b"testdb"),
            m.Bind(
                [
                    V(2, b"\0\0\0\x05", 0x0A00),
                    V(17, bytes.fromhex("00010000000a00000000"), 0x1300),
                    V(2, b"\0\0\0\0", 0x0A00),
                    V(17, bytes.fromhex("00010000000000000000"), 0x1300),
                ]
            ),
        ],
    ),
    (
        "execute-batch",
        "0004000400050001000200000a0000000001000700050001000200000a00000000020007000c",
        [
            m.StatementId(4),
            m.Bind([V(2, b"\0\0\0\x01", 0x0A00)]),
            m.Execute(),
            m.Bind([V(2, b"\0\0\0\x02", 0x0A00)]),
            m.Execute(),
        ],
    ),
]


@pytest.mark.parametrize(("name", "hexdata", "expected"), VECTORS, ids=[v[0] for v in VECTORS])
def test_jdbc_pdu_parses(name: str, hexdata: str, expected: list[m.Request]) -> None:
    data = bytes.fromhex(hexdata)
    r = Reader(data)
    assert read_request_pdu(r, CAPS) == expected
    assert r.pos == len(data)


@pytest.mark.parametrize(("name", "hexdata", "expected"), VECTORS, ids=[v[0] for v in VECTORS])
def test_jdbc_pdu_rebuilt_byte_for_byte(name: str, hexdata: str, expected: list[m.Request]) -> None:
    data = encode_pdu(CAPS, expected, eot=not isinstance(expected[-1], m.Exit))
    assert data.hex() == hexdata


@pytest.mark.parametrize(("name", "hexdata", "expected"), VECTORS, ids=[v[0] for v in VECTORS])
def test_jdbc_pdu_truncated_anywhere_is_incomplete(
    name: str, hexdata: str, expected: list[m.Request]
) -> None:
    data = bytes.fromhex(hexdata)
    for cut in range(len(data)):
        with pytest.raises(Incomplete):
            read_request_pdu(Reader(data[:cut]), CAPS)


# Server messages this package encoded and JDBC 4.50.10.1 read back (same session; what JDBC made of
# each is in the comment: SQLException codes, IfxStatement.getSerial8()/getBigSerial()/getSerial(),
# ResultSet values).
JDBC_READ: list[tuple[str, m.Reply]] = [
    # SQLException errorCode -201, SQLState 42000
    ("000dff37000000000007000362616400", m.SqlErrorInfo(-201, 0, 7, b"bad")),
    # SQLException errorCode -937, SQLState IX000, message "custom message"
    (
        "000dfc570000000000000000495830303000000e637573746f6d206d657373616765",
        m.SqlErrorInfo(-937, 0, 0, b"", b"IX000", b"custom message"),
    ),
    # getSerial8() 42, getBigSerial() 43
    ("005e00010000002a00000000000000000000002b", m.InsertDone(42, 43)),
    # executeUpdate() 1, getSerial() 42
    ("000f000000000001000000000000002a", m.Done(0, 1, 0, 42)),
    ("00370000000100000002", m.Cost(1, 2)),
    ("0063000100020000", m.XactStat(1, 2, 0)),
    ("001900000003", m.TupleId(3)),
    ("007e0009bdbe9ffe7fb7ffefff00", m.Protocols(bytes.fromhex("bdbe9ffe7fb7ffefff"))),
    # columns vc VARCHAR(40), dc DECIMAL(10,2)
    (
        "00080002000200000001002f0002000000060000000000000000000d00000000000000000000000000000000"
        "00000028000000030000002900050000000000000000000000000000000000000a02766300646300",
        m.Describe(2, 2, 1, 47, [m.Column(b"vc", 13, 40, 0), m.Column(b"dc", 5, 0x0A02, 41)]),
    ),
    # the row: getString 'hello', getBigDecimal 12300.00
    ("000e0000000000090568656c6c6fc3011700", m.Tuple(b"\x05hello" + bytes.fromhex("c30117"))),
    # IfxSmartBlob: the handle for ifx_lo_close, then its INT result, then ifx_lo_seek's INT8
    # result: seek() returned 10
    ("006500067465737464620000004d", m.RoutineHandle(77, b"testdb")),
    ("0067000100020000000000000000", m.FastPathResult([V(2, b"\0\0\0\0")])),
    (
        "0067000100110000000000010000000a00000000",
        m.FastPathResult([V(17, bytes.fromhex("00010000000a00000000"))]),
    ),
    # parameter types INT, BOOLEAN (UDTFIXED, xid 5), LVARCHAR (UDTVAR, xid 1); JDBC then bound
    # setBoolean as type 45 and setString as type 43 (the bind-12-types vector above)
    (
        "007d00030000000200000000000000000000000000000000000000040029000000050008696e666f726d6978"
        "0007626f6f6c65616e000000000000000000000000010028000000010008696e666f726d697800086c766172"
        "63686172000000000000000000000800",
        m.InputDescribe(
            [
                m.Column(b"", 2, 4),
                m.Column(b"", 41, 1, 0, 5, b"informix", b"boolean"),
                m.Column(b"", 40, 2048, 0, 1, b"informix", b"lvarchar"),
            ]
        ),
    ),
]


@pytest.mark.parametrize(
    ("hexdata", "msg"), JDBC_READ, ids=[type(v[1]).__name__ for v in JDBC_READ]
)
def test_replies_jdbc_read(hexdata: str, msg: m.Reply) -> None:
    data = bytes.fromhex(hexdata)
    assert encode_pdu(CAPS, [msg], eot=False) == data
    r = Reader(data)
    assert read_reply_message(r, CAPS) == msg
    assert r.pos == len(data)


# The same Probe run against a responder that answered SQ_PROTOCOLS with eight zero bytes: JDBC then
# runs on its presets only (bits 0, 2, 3, 4, 49, 51). Short SQL length (no bit 62), short NFETCH
# buffer and no trailing short (no bits 63, 8, 9); without bits 34 and 54 JDBC sends no
# SQ_CIDESCRIBE, binds a long as INT8 (17) and a boolean as SMALLINT.
PRESETS = Capabilities(b"")
PRESET_VECTORS: list[tuple[str, str, list[m.Request]]] = [
    (
        "prepare-short-length",
        "00020000001473656c6563742076632c2064632066726f6d207400160031000c",
        [m.Prepare(b"select vc, dc from t"), m.NDescribe(), m.WantDone()],
    ),
    (
        "nfetch-short",
        "00040002000300125f696678633030303030303030303030303100060004000200091000000c",
        [
            m.StatementId(2),
            m.CursorName(b"_ifxc0000000000001"),
            m.Open(),
            m.StatementId(2),
            m.NFetch(4096),
        ],
    ),
    (
        "bind-without-bigint",
        "000400030005000c000200000a000000000700000000000000036162630000050000000200033e573200000a00"
        "00130f000bc71418021d0d0e0f0c2232000007000000000000b126001100001300000171fb04cb0000011f0003"
        "000000003ff800000000000000040000000040200000000100000500fffd0002ffff000000010000050000010000"
        "00000000000178000007000c",
        [
            m.StatementId(3),
            m.Bind(
                [
                    V(2, b"\0\0\0\x07", 0x0A00),
                    V(0, b"\x00\x03abc"),
                    V(5, DECIMAL_M12_50, 2),
                    V(10, DATETIME_2024, 0x130F),
                    V(7, bytes.fromhex("0000b126")),
                    V(17, bytes.fromhex("000171fb04cb0000011f"), 0x1300),  # setLong as INT8
                    V(3, bytes.fromhex("3ff8000000000000")),
                    V(4, bytes.fromhex("40200000")),
                    V(1, b"\xff\xfd", 0x0500),
                    V(2, None, 0, indicator=-1),
                    V(1, b"\x00\x01", 0x0500),  # setBoolean(true) as SMALLINT 1
                    V(0, b"\x00\x01x"),
                ]
            ),
            m.Execute(),
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "hexdata", "expected"), PRESET_VECTORS, ids=[v[0] for v in PRESET_VECTORS]
)
def test_jdbc_pdu_on_presets_only(name: str, hexdata: str, expected: list[m.Request]) -> None:
    data = bytes.fromhex(hexdata)
    assert read_request_pdu(Reader(data), PRESETS) == expected
    assert encode_pdu(PRESETS, expected) == data


# An SQ_FILE exchange (what a server does for lotofile/filetoblob), inside the reply to a PREPARE:
# the server's PDU and JDBC's answer, in order. JDBC created the client file with "abcde" and sent
# back the 26 bytes of an existing file in chunks of the 10-byte buffer the server asked for.
FILE_EXCHANGE: list[tuple[str, list[m.Reply], str, list[m.Request]]] = [
    (
        "0062000000112f746d702f70726f62652f6c6f2e6f757400000000000000000000000000000c",
        [m.File(m.FileOp.OPEN, b"/tmp/probe/lo.out", 0, 0, 0)],
        "000c",
        [],
    ),
    (
        "00620003006b000361626300006b00026465000c",
        [m.File(m.FileOp.WRITE), m.FileWriteChunk(b"abc"), m.FileWriteChunk(b"de")],
        "006b00000005000c",
        [m.FileWriteAck(5)],
    ),
    ("00620001000c", [m.File(m.FileOp.CLOSE)], "000c", []),
    (
        "0062000000112f746d702f70726f62652f696e2e74787400000000000000001000000000000c",
        [m.File(m.FileOp.OPEN, b"/tmp/probe/in.txt", 0, 0x10, 0)],
        "000c",
        [],
    ),
    (
        "00620002000affffffff000c",
        [m.File(m.FileOp.READ, buffer_size=10, amount=-1)],
        "006a0000001a006a000a68656c6c6f2066726f6d006a000a2074686520636c69656e006a0006742066696c65"
        "000c",
        [
            m.FileReadTotal(26),
            m.FileReadChunk(b"hello from"),
            m.FileReadChunk(b" the clien"),
            m.FileReadChunk(b"t file"),
        ],
    ),
]


@pytest.mark.parametrize(("server", "sent", "client", "answer"), FILE_EXCHANGE)
def test_sq_file_exchange(
    server: str, sent: list[m.Reply], client: str, answer: list[m.Request]
) -> None:
    assert encode_pdu(CAPS, sent).hex() == server
    assert read_reply_pdu(Reader(bytes.fromhex(server)), CAPS) == sent
    assert read_request_pdu(Reader(bytes.fromhex(client)), CAPS) == answer
    assert encode_pdu(CAPS, answer).hex() == client
