"""Client-to-server messages: builders (``encode``) and parsers (``decode``) for each request.

A request PDU is a run of these ending in SQ_EOT; only SQ_EXIT stands alone. Client messages carry
no length framing, so a server (or the decode tool) must parse every one fully to find the next; the
layouts below are those JDBC 4.50.10.1 writes (``IfxSqli.sendXxx``, cited per class) and that the
SQLI probe recorded (sqli-facts part B §2-3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.errors import DataError, ProtocolError
from informix_wire.messages.base import Bare, Named
from informix_wire.messages.values import TypedValue, bind_has_type_name, read_value, write_value
from informix_wire.tags import InfoType, Tag

#: Largest SQL text accepted from a peer (bit 62 allows 2 GB; a test server needs far less).
MAX_SQL = 64 * 1024 * 1024
#: BIND indicator values (IfxSqli.sendBind): a value, NULL, the column default.
IND_VALUE = 0
IND_NULL = -1
IND_DEFAULT = -2


def read_sql(r: Reader, caps: Capabilities) -> bytes:
    """SQL text: ``[int len]`` with bit 62, else ``[short len]``; then bytes and pad
    (sendPrepare)."""
    if caps.remove_64k_limit:
        return r.char4(MAX_SQL, "SQL text")
    return r.char()


def write_sql(w: Writer, caps: Capabilities, sql: bytes) -> None:
    if caps.remove_64k_limit:
        w.char4(sql)
    elif len(sql) > 0x7FFF:
        raise DataError(f"SQL text of {len(sql)} bytes needs capability bit 62")
    else:
        w.char(sql)


@dataclass(slots=True)
class Prepare:
    """SQ_PREPARE (2): ``[short n placeholders][sql]`` (IfxSqli.sendPrepare); JDBC follows it with
    SQ_NDESCRIBE and SQ_WANTDONE."""

    tag: ClassVar[Tag] = Tag.PREPARE
    sql: bytes
    placeholders: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Prepare:
        n = r.short()
        return cls(read_sql(r, caps), n)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.placeholders)
        write_sql(w, caps, self.sql)


@dataclass(slots=True)
class Command:
    """SQ_COMMAND (1): ``[short 0][sql]``, immediate execution (IfxSqli.sendCommand)."""

    tag: ClassVar[Tag] = Tag.COMMAND
    sql: bytes
    placeholders: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Command:
        n = r.short()
        return cls(read_sql(r, caps), n)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.placeholders)
        write_sql(w, caps, self.sql)


@dataclass(slots=True)
class StatementId:
    """SQ_ID (4): ``[short statement id]`` selects the statement the next messages act on
    (IfxSqli.sendStatementID; the id is the one SQ_DESCRIBE returned)."""

    tag: ClassVar[Tag] = Tag.ID
    statement_id: int

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> StatementId:
        return cls(r.short())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.statement_id)


@dataclass(slots=True)
class CursorName(Named):
    """SQ_CURNAME (3): ``[char name]`` (IfxSqli.sendQuery)."""

    tag: ClassVar[Tag] = Tag.CURNAME


@dataclass(slots=True)
class Bind:
    """SQ_BIND (5): ``[short n]`` then per parameter ``[short type][char owner][char name] (USVER
    and values.bind_has_type_name)[short indicator][short precision][data padded, only for a
    value]`` (IfxSqli.sendBind). ``TypedValue.data`` is None for NULL and DEFAULT."""

    tag: ClassVar[Tag] = Tag.BIND
    values: list[TypedValue] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Bind:
        n = r.short()
        if n < 0:
            raise ProtocolError(f"SQ_BIND with {n} parameters")
        values = []
        for _ in range(n):
            typ = r.short()
            owner = name = b""
            if caps.usver and bind_has_type_name(typ):
                owner = r.char()
                name = r.char()
            ind = r.short()
            prec = r.short()
            data = read_value(r, typ) if ind == IND_VALUE else None
            if ind not in (IND_VALUE, IND_NULL, IND_DEFAULT):
                raise ProtocolError(f"SQ_BIND indicator {ind} at offset {r.pos - 4}")
            values.append(TypedValue(typ, data, prec, owner, name, ind))
        return cls(values)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(len(self.values))
        for v in self.values:
            w.short(v.type)
            if caps.usver and bind_has_type_name(v.type):
                w.char(v.owner).char(v.type_name)
            if v.data is None:
                w.short(IND_DEFAULT if v.indicator == IND_DEFAULT else IND_NULL).short(v.precision)
            else:
                w.short(IND_VALUE).short(v.precision)
                write_value(w, v.type, v.data)


@dataclass(slots=True)
class NFetch:
    """SQ_NFETCH (9): ``[int buffer size if bit 63 else short][short 0 if bit 8 or 9]``
    (IfxSqli.sendQuery / executeFetch; JDBC's default buffer is 4096)."""

    tag: ClassVar[Tag] = Tag.NFETCH
    buffer_size: int = 4096
    fetch_array: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> NFetch:
        size = r.int() if caps.int_fetch_buffer else r.short()
        return cls(size, r.short() if caps.fetch_array else 0)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        if not 0 <= self.buffer_size <= caps.max_fetch_buffer:
            raise DataError(f"fetch buffer {self.buffer_size} exceeds {caps.max_fetch_buffer}")
        w.short(self.tag)
        w.int(self.buffer_size) if caps.int_fetch_buffer else w.short(self.buffer_size)
        if caps.fetch_array:
            w.short(self.fetch_array)


class ScrollType:
    """SQ_SFETCH scroll types (sqli-facts §2.11; JDBC executeScrollFetch)."""

    NEXT = 1
    PRIOR = 2
    FIRST = 3
    LAST = 4
    CURRENT = 5
    ABSOLUTE = 6
    RELATIVE = 7


@dataclass(slots=True)
class SFetch:
    """SQ_SFETCH (23): ``[short scroll type][int target][int buffer size if bit 63 else short]``
    (IfxSqli.executeScrollFetch)."""

    tag: ClassVar[Tag] = Tag.SFETCH
    scroll_type: int
    target: int = 0
    buffer_size: int = 4096

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> SFetch:
        st = r.short()
        target = r.int()
        return cls(st, target, r.int() if caps.int_fetch_buffer else r.short())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        if not 0 <= self.buffer_size <= caps.max_fetch_buffer:
            raise DataError(f"fetch buffer {self.buffer_size} exceeds {caps.max_fetch_buffer}")
        w.short(self.tag).short(self.scroll_type).int(self.target)
        w.int(self.buffer_size) if caps.int_fetch_buffer else w.short(self.buffer_size)


@dataclass(slots=True)
class RollbackWork:
    """SQ_RBWORK (20): ``[short savepoint 0]``; without the short the server waits forever
    (IfxSqli.sendRollback; sqli-facts §2.6)."""

    tag: ClassVar[Tag] = Tag.RBWORK
    savepoint: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> RollbackWork:
        return cls(r.short())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.savepoint)


@dataclass(slots=True)
class DbOpen:
    """SQ_DBOPEN (36): ``[char database][short mode 0 = shared, 1 = exclusive]`` (sqli-facts B
    §2)."""

    tag: ClassVar[Tag] = Tag.DBOPEN
    database: bytes
    mode: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> DbOpen:
        return cls(r.char(), r.short())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.database).short(self.mode)


@dataclass(slots=True)
class Info:
    """SQ_INFO (81) request.

    INFO_ENV (JDBC ``IfxSqli.sendEnv``): ``[short 6][short total][short longest name][short longest
    value]([char name][char value])*[short 0][short 0]``; ``total`` counts 4, each pair's padded
    lengths + 4, and a final 2; the longest lengths are padded. JDBC sends DBTEMP=/tmp and
    SUBQCACHESZ=10 (sqli-facts §2.3). INFO_REQUEST: ``[short 1][short 0][short 0]``; INFO_DONE:
    ``[short 0]`` (``IfxSqli.sendInfo``).
    """

    tag: ClassVar[Tag] = Tag.INFO
    env: list[tuple[bytes, bytes]] = field(default_factory=list)
    info_type: int = InfoType.ENV

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Info:
        info_type = r.short()
        if info_type == InfoType.DONE:
            return cls([], info_type)
        if info_type == InfoType.REQUEST:
            if r.short() != 0 or r.short() != 0:
                raise ProtocolError(f"SQ_INFO request not closed by two zero shorts at {r.pos - 4}")
            return cls([], info_type)
        if info_type != InfoType.ENV:
            raise ProtocolError(f"SQ_INFO request type {info_type} is not one JDBC sends")
        total = r.short()
        start = r.pos
        r.short()
        r.short()
        env = []
        while True:
            name = r.char()
            value = r.char()
            if not name and not value:
                break
            env.append((name, value))
        if r.pos - start != total + 2:
            raise ProtocolError(
                f"SQ_INFO ENV length {total} does not match its {r.pos - start} bytes"
            )
        return cls(env, info_type)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.info_type)
        if self.info_type == InfoType.DONE:
            return
        if self.info_type == InfoType.REQUEST:
            w.short(0).short(0)
            return

        def even(n: int) -> int:
            return n + (n & 1)

        total = 4 + sum(even(len(n)) + even(len(v)) + 4 for n, v in self.env) + 2
        longest_name = max((even(len(n)) for n, _ in self.env), default=0)
        longest_value = max((even(len(v)) for _, v in self.env), default=0)
        w.short(total).short(longest_name).short(longest_value)
        for name, value in self.env:
            w.char(name).char(value)
        w.short(0).short(0)


@dataclass(slots=True)
class TypeColumn:
    """One column of SQ_TYPE: ``[short type][char owner][char name] (UDT-like types)[int
    length]``."""

    type: int
    encoded_length: int
    owner: bytes = b""
    type_name: bytes = b""


#: Types SQ_TYPE sends with owner and name: JDBC maps every variable-length type other than VARCHAR
#: and NVARCHAR to 43..47 and writes owner/name for those (IfxSqli.sendType).
_TYPE_WITH_NAME = frozenset({43, 44, 45, 46, 47})


@dataclass(slots=True)
class RetType:
    """SQ_RET_TYPE (100), "SQ_TYPE": ``[short direction][short n][TypeColumn]*``; JDBC sends it
    before NFETCH when the result has variable-length columns (IfxSqli.sendType; sqli-facts B
    §3)."""

    tag: ClassVar[Tag] = Tag.RET_TYPE
    direction: int = 1
    columns: list[TypeColumn] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> RetType:
        direction = r.short()
        n = r.short()
        if n < 0:
            raise ProtocolError(f"SQ_TYPE with {n} columns")
        columns = []
        for _ in range(n):
            typ = r.short()
            owner = name = b""
            if typ & 0xFF in _TYPE_WITH_NAME:
                owner = r.char()
                name = r.char()
            columns.append(TypeColumn(typ, r.int(), owner, name))
        return cls(direction, columns)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.direction).short(len(self.columns))
        for c in self.columns:
            w.short(c.type)
            if c.type & 0xFF in _TYPE_WITH_NAME:
                w.char(c.owner).char(c.type_name)
            w.int(c.encoded_length)


@dataclass(slots=True)
class SetSavepoint:
    """SQ_SQLISETSVPT (137): ``[char name][short unique 0/1]`` (IfxSqli.sendSavepoint)."""

    tag: ClassVar[Tag] = Tag.SQLISETSVPT
    name: bytes
    unique: bool = False

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> SetSavepoint:
        return cls(r.char(), bool(r.short()))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.name).short(1 if self.unique else 0)


@dataclass(slots=True)
class ReleaseSavepoint(Named):
    """SQ_SQLIRELSVPT (138): ``[char name]`` (IfxSqli.sendReleaseSavepoint)."""

    tag: ClassVar[Tag] = Tag.SQLIRELSVPT


@dataclass(slots=True)
class RollbackSavepoint(Named):
    """SQ_SQLIRBACKSVPT (139): ``[char name]`` (IfxSqli.sendRollbackSavepoint)."""

    tag: ClassVar[Tag] = Tag.SQLIRBACKSVPT


@dataclass(slots=True)
class NDescribe(Bare):
    """SQ_NDESCRIBE (22): describe the prepared statement."""

    tag: ClassVar[Tag] = Tag.NDESCRIBE


@dataclass(slots=True)
class WantDone(Bare):
    """SQ_WANTDONE (49): answer with SQ_DONE."""

    tag: ClassVar[Tag] = Tag.WANTDONE


@dataclass(slots=True)
class Open(Bare):
    """SQ_OPEN (6): open the cursor (IfxSqli.sendQuery)."""

    tag: ClassVar[Tag] = Tag.OPEN


@dataclass(slots=True)
class ReoptOpen(Bare):
    """SQ_OPEN with re-optimization (87, sendQuery)."""

    tag: ClassVar[Tag] = Tag.REOPT_OPEN


@dataclass(slots=True)
class Execute(Bare):
    """SQ_EXECUTE (7): run the prepared statement."""

    tag: ClassVar[Tag] = Tag.EXECUTE


@dataclass(slots=True)
class Close(Bare):
    """SQ_CLOSE (10): close the cursor (IfxSqli.sendClose)."""

    tag: ClassVar[Tag] = Tag.CLOSE


@dataclass(slots=True)
class Release(Bare):
    """SQ_RELEASE (11): free the statement (sendRelease)."""

    tag: ClassVar[Tag] = Tag.RELEASE


@dataclass(slots=True)
class Hold(Bare):
    """SQ_HOLD (43): WITH HOLD cursor, before OPEN (sendQuery)."""

    tag: ClassVar[Tag] = Tag.HOLD


@dataclass(slots=True)
class Scroll(Bare):
    """SQ_SCROLL (24): scroll cursor, before OPEN (sendQuery)."""

    tag: ClassVar[Tag] = Tag.SCROLL


@dataclass(slots=True)
class AutoFree(Bare):
    """SQ_AUTOFREE (108): free at close, before OPEN."""

    tag: ClassVar[Tag] = Tag.AUTOFREE


@dataclass(slots=True)
class Begin(Bare):
    """SQ_BEGIN (35): start a transaction."""

    tag: ClassVar[Tag] = Tag.BEGIN


@dataclass(slots=True)
class CommitWork(Bare):
    """SQ_CMMTWORK (19): commit (IfxSqli.sendCommit)."""

    tag: ClassVar[Tag] = Tag.CMMTWORK


@dataclass(slots=True)
class DbClose(Bare):
    """SQ_DBCLOSE (37): close the database."""

    tag: ClassVar[Tag] = Tag.DBCLOSE


@dataclass(slots=True)
class BatchStart(Bare):
    """SQ_BATCHSTART (141), with bit 61."""

    tag: ClassVar[Tag] = Tag.BATCHSTART


@dataclass(slots=True)
class BatchEnd(Bare):
    """SQ_BATCHEND (142), with bit 61."""

    tag: ClassVar[Tag] = Tag.BATCHEND


@dataclass(slots=True)
class DescribeInput(Bare):
    """SQ_CIDESCRIBE (124): describe the statement's parameters (IfxSqli.sendCIDescribe, bit 34)."""

    tag: ClassVar[Tag] = Tag.CIDESCRIBE
