"""The login PDU both ways: the request as JDBC lays it out, the reply as JDBC walks it."""

from __future__ import annotations

import random
import struct

import pytest

from informix_wire import errors
from informix_wire.codec import Incomplete
from informix_wire.login import (
    LoginAccepted,
    LoginParams,
    LoginRedirected,
    accept_reply,
    build_login_request,
    login_reply_size,
    login_request_size,
    parse_login_reply,
    parse_login_request,
    redirect_reply,
    reject_reply,
)

#: The CONACC reply the JDBC probe sent and JDBC 4.50.10.1 accepted (sqli-facts part B §1).
FACTS_REPLY = bytes.fromhex(
    "0099023c0000006400650000003d0006494545454900006c737276696e6678000000000000"
    "2e" + b"IBM Informix Dynamic Server Version 14.10.FC9".hex() + "00"
    "000c4141412342303030303030000009696e666f726d697800"
    "0000013c0000000000000000" "0001" "0000" "0000" "6f6c000000000000" "0000003d"
    "746c697463700000" "00000001" "007f"
)  # fmt: skip


def params(**overrides: object) -> LoginParams:
    fields: dict[str, object] = {
        "user": "informix", "password": "in4mix", "server": "ol_test", "app_name": "unit",
        "pid": 4242, "thread_id": 7, "hostname": "client.example", "cwd": "/srv/app",
    }  # fmt: skip
    fields.update(overrides)
    return LoginParams(**fields)  # type: ignore[arg-type]


def test_request_header_and_fixed_fields_follow_jdbc() -> None:
    pdu = build_login_request(params())
    length, sl_type, attribute, options = struct.unpack_from(">hBBh", pdu)
    assert (length, sl_type, attribute, options) == (len(pdu), 1, 60, 0)
    # SQ_ASSOC, SQ_ASCBINARY, 61, cstr "IEEEM", SQ_ASCBPARMS, "sqlexec" (sqli-facts B §1)
    assert pdu[6:18] == bytes.fromhex("00640065 0000003d 0006") + b"IE"
    assert pdu[18:24] == b"EEM\x00\x00\x6c"
    assert pdu[24:36] == b"sqlexec" + bytes(5)
    assert pdu[36:65] == (
        b"\x00\x069.280\x00" b"\x00\x0cRDS#R000000\x00" b"\x00\x05sqli\x00"
    )  # fmt: skip
    assert struct.unpack_from(">iiih", pdu, 65) == (316, 0, 0, 1)
    assert pdu[79:105] == b"\x00\x09informix\x00\x00\x07in4mix\x00ol\x00\x00\x00\x00"
    assert pdu.endswith(b"\x00\x7f")


def test_request_round_trips_through_the_server_parser() -> None:
    request = parse_login_request(build_login_request(params(env={"DB_LOCALE": "en_US.819"})))
    assert (request.user, request.password, request.server) == ("informix", "in4mix", "ol_test")
    assert request.database is None  # never sent in the login PDU
    assert request.env == {
        "DBPATH": ".", "CLIENT_LOCALE": "en_US.8859-1", "DBDATE": "Y4MD-", "IFX_UPDDESC": "1",
        "NODEFDAC": "no", "DB_LOCALE": "en_US.819",
    }  # fmt: skip
    assert (request.app_name, request.pid, request.thread_id) == ("unit", 4242, 7)
    assert (request.hostname, request.cwd) == ("client.example", "/srv/app")
    assert (request.client_version, request.cap1) == ("9.280", 316)
    assert "in4mix" not in repr(request)


def test_env_overrides_defaults_and_null_password_is_a_zero_length() -> None:
    pdu = build_login_request(params(password=None, env={"DBDATE": "DMY4/"}))
    request = parse_login_request(pdu)
    assert request.password is None
    assert request.env["DBDATE"] == "DMY4/"
    assert b"\x00\x09informix\x00\x00\x00ol\x00" in pdu


def test_utf8_client_locale_encodes_names_in_utf8() -> None:
    pdu = build_login_request(params(user="jürgen", env={"CLIENT_LOCALE": "en_US.utf8"}))
    assert "jürgen".encode() + b"\x00" in pdu
    assert parse_login_request(pdu).user == "jürgen"
    with pytest.raises(errors.InterfaceError, match="user name"):
        build_login_request(params(user="日本"))  # Latin-1 under the default locale


def test_thread_id_beyond_an_int_is_sent_as_zero() -> None:
    assert parse_login_request(build_login_request(params(thread_id=2**40))).thread_id == 0


def test_oversized_environment_is_refused_before_sending() -> None:
    with pytest.raises(errors.InterfaceError, match="too large"):
        build_login_request(params(env={f"V{i}": "x" * 100 for i in range(400)}))


def test_accept_reply_is_the_reply_jdbc_accepted() -> None:
    assert accept_reply() == FACTS_REPLY
    assert login_reply_size(FACTS_REPLY[:2]) == len(FACTS_REPLY) == 153


def test_parse_accepted_reply() -> None:
    reply = accept_reply(version_text="IBM Informix Dynamic Server Version 15.0.1.0.3DE",
                         server_name="ol_x")  # fmt: skip
    assert parse_login_reply(reply) == LoginAccepted(
        "IBM Informix Dynamic Server Version 15.0.1.0.3DE", "IBM Informix Dynamic Server",
        "15.0.1.0.3DE", "AAA#B000000", "ol_x", 316, 0, 0,
    )  # fmt: skip
    with pytest.raises(ValueError, match="Version"):
        accept_reply(version_text="15.0")


@pytest.mark.parametrize(
    ("sqlcode", "reason"),
    [(-951, "user is not known"), (-952, "password is not correct"), (-329, "database not found"),
     (-908, "attempt to connect")],
)  # fmt: skip
def test_rejection_raises_operational_error_with_its_code(sqlcode: int, reason: str) -> None:
    with pytest.raises(errors.OperationalError) as caught:
        parse_login_reply(reject_reply(sqlcode, "bob"))
    assert caught.value.sqlcode == sqlcode
    assert reason in str(caught.value)
    assert "bob" in str(caught.value)
    assert not isinstance(caught.value, LoginRedirected)


def test_rejection_without_text_and_with_code_zero() -> None:
    with pytest.raises(errors.OperationalError, match="sqlcode -761"):
        parse_login_reply(reject_reply(-761))
    with pytest.raises(ValueError, match="non-zero"):
        reject_reply(0)


def test_redirect_names_where_to_go() -> None:
    with pytest.raises(LoginRedirected) as caught:
        parse_login_reply(redirect_reply("ol_primary|db2.example|9089"))
    err = caught.value
    assert (err.server, err.host, err.port, err.sqlcode) == (
        "ol_primary", "db2.example", 9089, -79998
    )  # fmt: skip
    assert isinstance(err, errors.OperationalError)


def _with_sl_type(reply: bytes, sl_type: int) -> bytes:
    return reply[:2] + bytes([sl_type]) + reply[3:]


def test_replies_jdbc_would_refuse_are_protocol_errors() -> None:
    # a CONREJ that ends in 127 has no error code: JDBC reports -408
    with pytest.raises(errors.ProtocolError) as caught:
        parse_login_reply(_with_sl_type(FACTS_REPLY, 3))
    assert caught.value.sqlcode == -408
    for sl_type in (0, 1, 13, 99):
        with pytest.raises(errors.ProtocolError):
            parse_login_reply(_with_sl_type(FACTS_REPLY, sl_type))
    broken_108 = FACTS_REPLY.replace(b"\x00\x6csrvinfx", b"\x00\x6dsrvinfx")
    with pytest.raises(errors.ProtocolError, match="108"):
        parse_login_reply(broken_108)
    with pytest.raises(errors.ProtocolError, match="block"):
        parse_login_reply(FACTS_REPLY[:-2] + b"\x00\x7e")


def test_every_truncation_of_a_reply_is_a_protocol_error() -> None:
    for reply in (FACTS_REPLY, reject_reply(-951, "bob"), redirect_reply("a|b|1")):
        for cut in range(2, len(reply)):
            short = struct.pack(">h", cut) + reply[2:cut]
            with pytest.raises(errors.ProtocolError):
                parse_login_reply(short)
        with pytest.raises(errors.ProtocolError, match="length field"):
            parse_login_reply(reply + b"\0")


@pytest.mark.parametrize("head", [b"\x00\x05", b"\x7f\xff", b"\xff\xff", b"\x10\x03"])
def test_reply_size_is_bounded(head: bytes) -> None:
    with pytest.raises(errors.ProtocolError):
        login_reply_size(head)


def test_request_size_needs_two_bytes_and_is_bounded() -> None:
    with pytest.raises(Incomplete):
        login_request_size(b"\x01")
    with pytest.raises(errors.ProtocolError):
        login_request_size(b"\x80\x00")


def test_random_damage_to_a_request_never_escapes_as_anything_but_protocol_error() -> None:
    pdu = bytearray(build_login_request(params()))
    rng = random.Random(1729)
    for _ in range(3000):
        damaged = bytearray(pdu)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(2, len(damaged))] = rng.randrange(256)
        try:
            parse_login_request(bytes(damaged))
        except errors.ProtocolError:
            pass
    for cut in range(7, len(pdu)):
        with pytest.raises(errors.ProtocolError):
            parse_login_request(struct.pack(">h", cut) + bytes(pdu[2:cut]))


def test_request_without_optional_blocks_parses() -> None:
    """The minimal request the test server's own doubles send: env block, then 127."""
    full = build_login_request(params())
    env_at = full.index(b"\x00\x6a\x00\x05")
    body = full[2:env_at] + b"\x00\x6a\x00\x00\x00\x7f"
    request = parse_login_request(struct.pack(">h", len(body) + 2) + body)
    assert (request.user, request.env, request.pid) == ("informix", {}, 0)
