"""The SQLI session against a raw client: login, statement ids, cursors, errors, faults."""

from __future__ import annotations

import socket
import ssl
import struct
import threading
from collections.abc import Callable

import pytest
from sqli_doubles import Client, FakeEngine, login_pdu

from informix_testserver import login
from informix_testserver.__main__ import parse_args
from informix_testserver.server import TestServer
from informix_wire import messages as m
from informix_wire.errors import ProtocolError
from informix_wire.messages.describe import Column
from informix_wire.tags import Tag

#: The CONACC reply the JDBC probe recorded and JDBC accepted (sqli-facts part B §1).
FACTS_REPLY = bytes.fromhex(
    "0099023c0000006400650000003d0006494545454900006c737276696e6678000000000000"
    "2e" + b"IBM Informix Dynamic Server Version 14.10.FC9".hex() + "0000"
    "0c4141412342303030303030000009696e666f726d697800"
    "0000013c0000000000000000" "0001" "0000" "0000" "6f6c000000000000" "0000003d"
    "746c697463700000" "00000001" "007f"
)  # fmt: skip


def prepare(c: Client, sql: str) -> list[object]:
    return c.request(m.Prepare(sql.encode(), sql.count("?")), m.NDescribe(), m.WantDone())


def wait_for(predicate: Callable[[], bool]) -> None:
    """Poll ``predicate`` (server threads act after the socket closes) for up to 10 s."""
    event = threading.Event()
    for _ in range(200):
        if predicate():
            return
        event.wait(0.05)
    raise AssertionError("condition not reached")


def test_accept_reply_is_the_one_jdbc_accepted(client: Client) -> None:
    assert login.accept_reply("informix") == FACTS_REPLY
    assert client.login_reply == FACTS_REPLY


def test_wrong_password_is_rejected_with_951(server: TestServer) -> None:
    c = Client(server.port, password="nope")
    reply = c.login_reply
    assert reply[2] == 3  # SLTYPE_CONREJ
    tail = reply[len(FACTS_REPLY) - 2 :]  # the same fields up to the 127 / 102 switch
    assert struct.unpack_from(">h", tail)[0] == 102
    assert struct.unpack_from(">h", tail, 8)[0] == login.BAD_LOGIN
    assert tail.endswith(b"\x00\x08informix")
    with pytest.raises(ConnectionError):
        c.request(m.Protocols(b"\0" * 8))


def test_select_describe_fetch_and_done(client: Client) -> None:
    describe, done, cost = prepare(client, "SELECT 3")
    assert isinstance(describe, m.Describe)
    assert (describe.statement_type, describe.statement_id, describe.tuple_size) == (2, 0, 25)
    assert describe.columns == [Column(b"n", 2, 4, 0), Column(b"v", 13, 20, 4)]
    assert (done, cost) == (m.Done(), m.Cost())
    tuples = client.request(
        m.StatementId(0), m.CursorName(b"c1"), m.Open(), m.StatementId(0), m.NFetch(4096)
    )
    # The end of data comes in the same reply as the last batch (sqli-facts part B §2.5).
    assert tuples[3:] == [m.Done(0, 3), m.Cost()]
    assert [t.payload for t in tuples[:3]] == [  # type: ignore[attr-defined]
        struct.pack(">i", i) + bytes([5]) + f"row {i}".encode() for i in (1, 2, 3)
    ]
    assert client.request(m.StatementId(0), m.NFetch(4096)) == [m.Done(0, 3), m.Cost()]
    assert client.request(m.StatementId(0), m.Close()) == []
    assert client.request(m.StatementId(0), m.Release()) == []


def test_fetch_batches_follow_the_client_buffer(client: Client) -> None:
    prepare(client, "SELECT 100")
    first = client.request(m.StatementId(0), m.Open(), m.StatementId(0), m.NFetch(100))
    assert 1 < len(first) < 10
    assert all(isinstance(t, m.Tuple) for t in first)
    total = len(first)
    while True:
        batch = client.request(m.StatementId(0), m.NFetch(100))
        if batch[-2:] == [m.Done(0, 100), m.Cost()]:
            total += len(batch) - 2
            break
        assert all(isinstance(t, m.Tuple) for t in batch)
        total += len(batch)
    assert total == 100


def test_statement_ids_lowest_free_first(client: Client) -> None:
    ids = [prepare(client, "SELECT 1")[0].statement_id for _ in range(3)]  # type: ignore[attr-defined]
    assert ids == [0, 1, 2]
    client.request(m.StatementId(1), m.Release())
    assert prepare(client, "SELECT 1")[0].statement_id == 1  # type: ignore[attr-defined]
    assert prepare(client, "SELECT 1")[0].statement_id == 3  # type: ignore[attr-defined]


def test_two_cursors_interleave(client: Client) -> None:
    prepare(client, "SELECT 2")
    prepare(client, "SELECT 3")
    a = client.request(m.StatementId(0), m.Open(), m.StatementId(0), m.NFetch(8))
    b = client.request(m.StatementId(1), m.Open(), m.StatementId(1), m.NFetch(8))
    assert len(a) == 1
    assert len(b) == 1
    assert client.request(m.StatementId(0), m.NFetch(4096))[0].payload[:4] == struct.pack(">i", 2)
    assert client.request(m.StatementId(1), m.NFetch(4096))[-3:] == [
        m.Tuple(b"\x00\x00\x00\x03\x05row 3"),
        m.Done(0, 3),
        m.Cost(),
    ]


def test_bind_execute_gives_rows_and_serial(client: Client, engine: FakeEngine) -> None:
    prepare(client, "INSERT ?")
    bind = m.Bind([m.TypedValue(2, struct.pack(">i", 42))])
    assert client.request(m.StatementId(0), bind, m.Execute()) == [m.Done(0, 1, 0, 7), m.Cost()]
    assert engine.executed[-1] == ("INSERT ?", [42])
    assert client.request(m.StatementId(0), m.Bind([m.TypedValue(2, None)]), m.Execute())
    assert engine.executed[-1] == ("INSERT ?", [None])


def test_sql_errors_answer_with_sq_err(client: Client) -> None:
    (err,) = prepare(client, "BOGUS")
    assert isinstance(err, m.SqlErrorInfo)
    assert err.sqlcode == -201
    (err,) = client.request(m.DbOpen(b"nowhere"))
    assert (err.sqlcode, err.near) == (-329, b"nowhere")  # type: ignore[union-attr]
    (err,) = client.request(m.StatementId(9), m.NFetch(4096))
    assert err.sqlcode == -404  # type: ignore[union-attr]
    assert prepare(client, "SELECT 1")[1] == m.Done()  # still usable


def test_malformed_pdu_ends_only_that_session(server: TestServer, client: Client) -> None:
    bad = Client(server.port)
    bad.sock.sendall(b"\x7f\x7f\x00\x0c")
    with pytest.raises((ConnectionError, ProtocolError)):
        bad.request(m.Exit())
    assert prepare(client, "SELECT 1")[1] == m.Done()
    bad.close()


def test_disconnect_mid_transaction_rolls_back(server: TestServer, engine: FakeEngine) -> None:
    c = Client(server.port)
    c.setup()
    assert c.request(m.Begin()) == [m.Done()]
    c.close()
    wait_for(lambda: engine.rollbacks == 1 and engine.closed == 1)


def test_exit_is_answered_with_exit(server: TestServer) -> None:
    c = Client(server.port)
    c.setup()
    c.sock.sendall(struct.pack(">h", Tag.EXIT))
    assert c.sock.recv(16) == struct.pack(">h", Tag.EXIT)
    c.close()


def test_fault_drop_at_message(server: TestServer, client: Client) -> None:
    prepare(client, "SELECT 5")
    server.faults.drop_at_message = "NFETCH"
    with pytest.raises(ConnectionError):
        client.request(m.StatementId(0), m.Open(), m.StatementId(0), m.NFetch(4096))
    server.faults.clear()
    other = Client(server.port)
    other.setup()
    other.close()


def test_fault_drop_after_bytes_cuts_a_reply(server: TestServer, client: Client) -> None:
    server.faults.drop_after_bytes = 10
    with pytest.raises((ConnectionError, ProtocolError)):
        prepare(client, "SELECT 1")


def test_fault_garbage_reply(server: TestServer, client: Client) -> None:
    server.faults.garbage_at_message = "PREPARE"
    with pytest.raises(ProtocolError):
        prepare(client, "SELECT 1")


def test_refused_login_and_many_sessions(server: TestServer) -> None:
    clients = [Client(server.port) for _ in range(8)]
    for c in clients:
        c.setup()
        assert prepare(c, "SELECT 1")[0].statement_id == 0  # type: ignore[attr-defined]
        c.close()
    server.faults.refuse_logins = True
    assert Client(server.port).login_reply[2] == 3


def test_restart_on_the_same_port(server: TestServer) -> None:
    port = server.port
    server.stop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).recv(1)
    server.start()
    assert server.port == port
    c = Client(port)
    c.setup()
    c.close()


def test_release_after_failed_prepare_spares_the_live_statement(client: Client) -> None:
    """JDBC answers a failed PREPARE with SQ_ID(previous id) SQ_RELEASE (IfxSqli)."""
    prepare(client, "SELECT 2")
    client.request(m.StatementId(0), m.Open())
    (err,) = prepare(client, "BOGUS")
    assert err.sqlcode == -201  # type: ignore[attr-defined]
    assert client.request(m.StatementId(0), m.Release()) == []
    assert len(client.request(m.StatementId(0), m.NFetch(4096))) == 4  # 2 tuples, DONE, COST


def test_tls_port_with_a_self_signed_certificate(engine: FakeEngine) -> None:
    with TestServer(engine=engine, tls=True) as srv:
        assert srv.tls_port
        assert srv.tls_cert
        context = ssl.create_default_context(cafile=str(srv.tls_cert))
        raw = socket.create_connection(("127.0.0.1", srv.tls_port), timeout=10)
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(login_pdu())
            assert tls.recv(2) == FACTS_REPLY[:2]


def test_command_line_options() -> None:
    config = parse_args(["--port", "0", "--user", "app:secret", "--tls-port", "9089"])
    assert (config.port, config.tls_port, dict(config.users)) == (0, 9089, {"app": "secret"})
    assert parse_args([]).users == {"informix": "in4mix"}


def test_a_value_it_cannot_encode_fails_the_request_not_the_session(client: Client) -> None:
    prepare(client, "INTERVAL")
    (err,) = client.request(m.StatementId(0), m.Open(), m.StatementId(0), m.NFetch(4096))
    assert err.sqlcode == -999  # type: ignore[attr-defined]
    assert prepare(client, "SELECT 1")[1] == m.Done()


def test_commit_closes_cursors_without_hold(client: Client) -> None:
    prepare(client, "SELECT 3")
    prepare(client, "SELECT 3")
    client.request(m.StatementId(1), m.Hold())
    client.request(m.Begin())
    client.request(m.StatementId(0), m.Open())
    client.request(m.StatementId(1), m.Open())
    assert client.request(m.CommitWork()) == [m.Done()]
    (err,) = client.request(m.StatementId(0), m.NFetch(4096))
    assert err.sqlcode == -400  # type: ignore[attr-defined]
    assert len(client.request(m.StatementId(1), m.NFetch(4096))) == 5  # 3 tuples, DONE, COST


def test_database_list(client: Client) -> None:
    """SQ_DBLIST (getCatalogs): names as char fields, an empty one, EOT (IfxSqli.receiveDBList);
    the session goes on afterwards."""
    client.sock.sendall(struct.pack(">hh", 26, Tag.EOT))
    expected = b"".join(
        struct.pack(">h", len(name)) + name + b"\0" * (len(name) % 2)
        for name in (b"sysmaster", b"testdb")
    )
    reply = struct.pack(">h", 26) + expected + struct.pack(">hh", 0, Tag.EOT)
    got = b""
    while len(got) < len(reply):
        got += client.sock.recv(4096)
    assert got == reply
    assert client.request(m.GetDbList()) == [m.DbList([b"sysmaster", b"testdb"])]
    assert prepare(client, "SELECT 1")[1] == m.Done()
