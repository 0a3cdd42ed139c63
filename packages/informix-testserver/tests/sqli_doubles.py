"""Test doubles of the protocol-layer tests: a raw SQLI client built from ``informix_wire``
messages, and a recording engine double so the session logic is tested apart from the SQL engine
(whose own tests are ``test_engine*.py``)."""

from __future__ import annotations

import datetime
import socket
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from informix_wire import messages as m
from informix_wire.buffer import ReadBuffer
from informix_wire.capabilities import CLIENT_OFFER, IDS15_REPLY, Capabilities
from informix_wire.codec import Incomplete, Writer

#: The 375-byte login PDU JDBC 4.50.10.1 sends, rebuilt field by field (sqli-facts part B §1).


def login_pdu(user: str = "informix", password: str = "in4mix") -> bytes:
    def cstr(text: str) -> bytes:
        data = text.encode() + b"\0"
        return struct.pack(">h", len(data)) + data

    w = Writer()
    w.raw(bytes([1, 60, 0, 0])).short(100).short(101).int(61).raw(cstr("IEEEM")).short(108)
    w.raw(b"sqlexec".ljust(12, b"\0")).raw(cstr("9.280") + cstr("RDS#R000000") + cstr("sqli"))
    w.int(316).int(0).int(0).short(1).raw(cstr(user) + cstr(password))
    w.raw(b"ol".ljust(8, b"\0")).int(61).raw(b"tlitcp\0\0").int(1).short(104).short(11).int(3)
    w.raw(cstr("informix")).short(0).raw(b"\0" * 8)
    w.short(106).short(1).raw(cstr("CLIENT_LOCALE") + cstr("en_US.8859-1")).short(127)
    body = w.getvalue()
    return struct.pack(">h", len(body) + 2) + body


@dataclass(frozen=True)
class Col:
    name: str
    type_code: int
    length: int = 0
    nullable: bool = True
    extended_id: int = 0
    extended_name: str = ""
    extended_owner: str = ""


@dataclass
class DbInfo:
    name: str
    logged: bool = True
    ansi: bool = False


class SqlError(Exception):
    def __init__(self, sqlcode: int, near: str = "") -> None:
        super().__init__(sqlcode)
        self.sqlcode = sqlcode
        self.isamcode = 0
        self.near = near
        self.offset = 0


@dataclass
class Prepared:
    sql: str
    statement_type: int
    columns: list[Col]
    param_count: int = 0
    param_types: list[Col | None] = field(default_factory=list)


@dataclass
class Result:
    rows: Iterator[tuple[Any, ...]]
    rowcount: int = 0
    serial: int = 0
    serial8: int = 0
    bigserial: int = 0

    def close(self) -> None:
        pass


class FakeSession:
    """Understands ``SELECT n`` (rows 1..n of an INT column) and ``INSERT``; logs calls."""

    def __init__(self, engine: FakeEngine) -> None:
        self.engine = engine
        self.database: DbInfo | None = None
        self.in_transaction = False

    def open_database(self, name: str, exclusive: bool = False) -> DbInfo:
        if name != "testdb":
            raise SqlError(-329, name)
        self.database = DbInfo(name)
        return self.database

    def close_database(self) -> None:
        self.database = None

    def prepare(self, sql: str) -> Prepared:
        word, _, _rest = sql.partition(" ")
        if word == "SELECT":
            return Prepared(sql, 2, [Col("n", 2), Col("v", 13, 20)])
        if word == "INTERVAL":  # a column type the protocol layer cannot encode yet
            return Prepared(sql, 2, [Col("iv", 14, (4 << 8) | (4 << 4) | 10)])
        if word == "INSERT":
            return Prepared(sql, 6, [], sql.count("?"), [Col("", 2)] * sql.count("?"))
        raise SqlError(-201)

    def execute(self, stmt: Prepared, params: Sequence[object]) -> Result:
        self.engine.executed.append((stmt.sql, list(params)))
        if stmt.sql == "INTERVAL":
            return Result(iter([(datetime.timedelta(days=1),)]))
        if stmt.statement_type == 2:
            n = int(stmt.sql.split()[1])
            return Result(iter([(i, f"row {i}") for i in range(1, n + 1)]))
        return Result(iter(()), rowcount=1, serial=7)

    def begin(self) -> None:
        self.in_transaction = True

    def commit(self) -> None:
        self.in_transaction = False

    def rollback(self) -> None:
        self.in_transaction = False
        self.engine.rollbacks += 1

    def savepoint(self, name: str) -> None: ...
    def release_savepoint(self, name: str) -> None: ...
    def rollback_to_savepoint(self, name: str) -> None: ...

    def close(self) -> None:
        if self.in_transaction:
            self.rollback()
        self.engine.closed += 1


class FakeEngine:
    def __init__(self) -> None:
        self.executed: list[tuple[str, list[object]]] = []
        self.rollbacks = 0
        self.closed = 0

    def authenticate(self, user: str, password: str) -> bool:
        return (user, password) == ("informix", "in4mix")

    def database_exists(self, name: str) -> bool:
        return name == "testdb"

    def database_names(self) -> list[str]:
        return ["sysmaster", "testdb"]

    def session(self, user: str) -> FakeSession:
        return FakeSession(self)


class Client:
    """A blocking SQLI client speaking with the wire package's message classes."""

    def __init__(self, port: int, *, user: str = "informix", password: str = "in4mix") -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buffer = ReadBuffer()
        self.caps = Capabilities()
        self.sock.sendall(login_pdu(user, password))
        head = self._exactly(2)
        self.login_reply = head + self._exactly(struct.unpack(">h", head)[0] - 2)

    def _exactly(self, n: int) -> bytes:
        while len(self.buffer) < n:
            self._recv()
        return self.buffer.take(n)

    def _recv(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buffer.feed(chunk)

    def request(self, *msgs: Any) -> list[Any]:
        self.sock.sendall(m.encode_pdu(self.caps, msgs))
        while True:
            r = self.buffer.reader()
            try:
                replies = m.read_reply_pdu(r, self.caps)
            except Incomplete:
                self._recv()
                continue
            self.buffer.consume(r.pos)
            return replies

    def setup(self) -> None:
        """SQ_PROTOCOLS and DBOPEN testdb, as JDBC starts."""
        assert self.request(m.Protocols(CLIENT_OFFER)) == [m.Protocols(IDS15_REPLY)]
        self.caps = Capabilities(IDS15_REPLY)
        assert self.request(m.DbOpen(b"testdb")) == [m.Done(0x05)]

    def close(self) -> None:
        self.sock.close()
