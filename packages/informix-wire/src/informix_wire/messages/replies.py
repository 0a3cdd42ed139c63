"""Server-to-client messages of statements and sessions (DESCRIBE, ERR, large objects and fast path
have their own modules), each a small class with ``decode``/``encode``.

``decode(r, caps)`` reads the body (the tag has already been read by the dispatcher); ``encode(w,
caps)`` writes tag and body. Layouts follow JDBC 4.50.10.1 ``IfxSqli.receiveXxx`` (cited per class);
the test server writes what these encode and the driver reads what they decode.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Buffer, Incomplete, Reader, Writer
from informix_wire.errors import ProtocolError
from informix_wire.messages.base import Bare
from informix_wire.messages.sqlerr import SqlErrorInfo
from informix_wire.tags import Tag

_TUPLE_HEAD_LONG = struct.Struct(">hi")
_TUPLE_HEAD_SHORT = struct.Struct(">hh")
#: A whole SQ_TUPLE message head, tag included: ``[short tag][short warning][size]`` with the size
#: an int under USVER, else a short (IfxSqli.receiveTuple). Readers of runs of rows (the driver's
#: ``Wire.read_reply``) take tag, warning and size in one unpack instead of dispatching per row.
TUPLE_MESSAGE_HEAD_LONG = struct.Struct(">hhi")
TUPLE_MESSAGE_HEAD_SHORT = struct.Struct(">hhh")
_DONE = struct.Struct(">hiii")


class Tuple:
    """SQ_TUPLE (14): one row, ``[short warn][int size if USVER else short][payload][pad]``
    (IfxSqli.receiveTuple, IfxRowColumn.readTuple reads the payload padded).

    Zero-copy: ``data[offset:offset + size]`` is the payload inside the receive buffer; it stays
    valid until the next ``ReadBuffer.feed`` (which may compact). ``payload`` copies it out.
    """

    __slots__ = ("data", "offset", "size", "warning")
    tag: ClassVar[Tag] = Tag.TUPLE

    def __init__(
        self, data: Buffer, offset: int = 0, size: int | None = None, warning: int = 0
    ) -> None:
        self.data = data
        self.offset = offset
        self.size = len(data) - offset if size is None else size
        self.warning = warning

    @property
    def payload(self) -> bytes:
        return bytes(self.data[self.offset : self.offset + self.size])

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Tuple)
            and other.warning == self.warning
            and other.payload == self.payload
        )

    def __repr__(self) -> str:
        return f"Tuple(size={self.size}, warning={self.warning}, payload={self.payload[:32]!r})"

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Tuple:
        pos = r.pos
        head = _TUPLE_HEAD_LONG if caps.usver else _TUPLE_HEAD_SHORT
        start = pos + head.size
        if start > r.end:
            raise Incomplete(f"TUPLE header truncated at offset {pos}")
        warning, size = head.unpack_from(r.data, pos)
        if size < 0:
            raise ProtocolError(f"TUPLE size {size} at offset {pos}")
        end = start + size + (size & 1)
        if end > r.end:
            raise Incomplete(f"TUPLE of {size} bytes truncated at offset {pos}")
        r.pos = end
        return cls(r.data, start, size, warning)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.warning)
        w.int(self.size) if caps.usver else w.short(self.size)
        w.padded(self.data[self.offset : self.offset + self.size])


@dataclass(slots=True)
class Done:
    """SQ_DONE (15): ``[short warnings][int rows][int rowid][int serial]`` (IfxSqli.receiveDone).

    After DBOPEN the warning bits describe the database: 0x01 logged, 0x02 ANSI, 0x04 OnLine server,
    0x40 locale changed (sqli-facts part B §2)."""

    tag: ClassVar[Tag] = Tag.DONE
    warnings: int = 0
    rows: int = 0
    rowid: int = 0
    serial: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Done:
        pos = r.pos
        if pos + 14 > r.end:
            raise Incomplete(f"DONE truncated at offset {pos}")
        r.pos = pos + 14
        return cls(*_DONE.unpack_from(r.data, pos))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).raw(_DONE.pack(self.warnings, self.rows, self.rowid, self.serial))


@dataclass(slots=True)
class Cost:
    """SQ_COST (55): ``[int estimated rows][int estimated cost]`` (IfxSqli.receiveCost: sqlerrd 0,
    3)."""

    tag: ClassVar[Tag] = Tag.COST
    rows: int = 0
    cost: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Cost:
        return cls(r.int(), r.int())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).int(self.rows).int(self.cost)


@dataclass(slots=True)
class XactStat:
    """SQ_XACTSTAT (99): ``[short event][short new level][short old level]`` (receiveXactstat)."""

    tag: ClassVar[Tag] = Tag.XACTSTAT
    event: int = 0
    new_level: int = 0
    old_level: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> XactStat:
        return cls(r.short(), r.short(), r.short())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(self.event).short(self.new_level).short(self.old_level)


@dataclass(slots=True)
class InsertDone:
    """SQ_INSERTDONE (94): ``[10-byte INT8 serial8][8-byte bigserial if bit 54]``
    (receiveInsertDone)."""

    tag: ClassVar[Tag] = Tag.INSERTDONE
    serial8: int | None = 0
    bigserial: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> InsertDone:
        serial8 = r.int8()
        return cls(serial8, r.long() if caps.bigint else 0)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).int8(self.serial8)
        if caps.bigint:
            w.long(self.bigserial)


@dataclass(slots=True)
class TupleId:
    """SQ_TUPID (25): ``[int row position]`` of a scroll fetch (IfxSqli.receiveTupleId)."""

    tag: ClassVar[Tag] = Tag.TUPID
    position: int = 0

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> TupleId:
        return cls(r.int())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).int(self.position)


@dataclass(slots=True)
class Eot(Bare):
    """SQ_EOT (12): ends every request PDU and every reply."""

    tag: ClassVar[Tag] = Tag.EOT


@dataclass(slots=True)
class Exit(Bare):
    """SQ_EXIT (56): the client's disconnect (a bare tag, no EOT) and the server's
    acknowledgement."""

    tag: ClassVar[Tag] = Tag.EXIT


@dataclass(slots=True)
class CloseAck(Bare):
    """SQ_CLOSE (10) sent by the server: the cursor was closed (JDBC dispatchMsg sets
    SQ_CLOSERecvd)."""

    tag: ClassVar[Tag] = Tag.CLOSE


@dataclass(slots=True)
class Protocols:
    """SQ_PROTOCOLS (126), both directions: ``[short len][mask padded]`` (IfxSqli.receiveProtocols;
    the client offer is 8 bytes, IDS replies with 9)."""

    tag: ClassVar[Tag] = Tag.PROTOCOLS
    mask: bytes = b""

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Protocols:
        return cls(r.padded(r.bounded(r.short(), 64, "SQ_PROTOCOLS mask")))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.mask)


@dataclass(slots=True)
class Version:
    """SQ_VERSION (53) reply: ``[char version]`` (IfxSqli.receiveVersion; pre-PROTOCOLS servers)."""

    tag: ClassVar[Tag] = Tag.VERSION
    version: bytes = b""

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Version:
        return cls(r.char())

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).char(self.version)


@dataclass(slots=True)
class InfoReply:
    """SQ_INFO (81) from the server: ``([short kind][short len][len bytes padded])* [short 0]``
    (IfxSqli.receiveInfo loops while the kind is positive; kinds 3/4 are type and capability
    lists)."""

    tag: ClassVar[Tag] = Tag.INFO
    items: list[tuple[int, bytes]] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> InfoReply:
        items = []
        while (kind := r.short()) > 0:
            n = r.short()
            if n < 0:
                raise ProtocolError(f"SQ_INFO item of negative length {n}")
            items.append((kind, r.padded(n)))
        return cls(items)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag)
        for kind, data in self.items:
            w.short(kind).char(data)
        w.short(0)


@dataclass(slots=True)
class PutError:
    """SQ_PUTERR (18): ``[int row count]`` then an SQ_ERR body (IfxSqli.receivePutErr)."""

    tag: ClassVar[Tag] = Tag.PUTERR
    rows: int
    error: SqlErrorInfo

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> PutError:
        return cls(r.int(), SqlErrorInfo.decode(r, caps))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).int(self.rows)
        inner = Writer()
        self.error.encode(inner, caps)
        w.raw(inner.buf[2:])  # the SQ_ERR body without its tag
