"""Fast-path UDR calls in both directions: look up a routine handle (SQ_GETROUTINE), execute it
(SQ_EXFPROUTINE + SQ_BIND) and read its results (SQ_FPROUTINE).

Sources: JDBC ``IfxSqli.getHandle``, ``receiveHandle``, ``sendFastPath`` and ``receiveFastPath``;
sqli-facts §2.10. The SQL-form text (``char4`` with bit 62) is shared with SQ_PREPARE.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.errors import NotSupportedError, ProtocolError
from informix_wire.messages.requests import read_sql, write_sql
from informix_wire.messages.values import (
    TypedValue,
    read_value,
    result_has_type_name,
    write_value,
)
from informix_wire.tags import Tag


@dataclass(slots=True)
class RoutineHandle:
    """SQ_GETROUTINE (101) reply: ``[char database if bit 52][int handle]``
    (IfxSqli.receiveHandle)."""

    tag: ClassVar[Tag] = Tag.GETROUTINE
    handle: int
    database: bytes = b""

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> RoutineHandle:
        database = r.char() if caps.named_parameters else b""
        return cls(r.int(), database)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag)
        if caps.named_parameters:
            w.char(self.database)
        w.int(self.handle)


@dataclass(slots=True)
class FastPathResult:
    """SQ_FPROUTINE (103): ``[short n]`` then per value ``[short type][char owner][char name]
    (only when values.result_has_type_name)[short indicator, -1 = NULL][short precision][data]``
    (IfxSqli.receiveFastPath)."""

    tag: ClassVar[Tag] = Tag.FPROUTINE
    values: list[TypedValue] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> FastPathResult:
        n = r.short()
        if n < 0:
            raise ProtocolError(f"SQ_FPROUTINE with {n} values")
        values = []
        for _ in range(n):
            typ = r.short()
            owner = name = b""
            if result_has_type_name(typ):
                owner = r.char()
                name = r.char()
            ind = r.short()
            prec = r.short()
            data = None if ind == -1 else read_value(r, typ)
            values.append(TypedValue(typ, data, prec, owner, name, ind))
        return cls(values)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(len(self.values))
        for v in self.values:
            w.short(v.type)
            if result_has_type_name(v.type):
                w.char(v.owner).char(v.type_name)
            w.short(-1 if v.data is None else v.indicator).short(v.precision)
            if v.data is not None:
                write_value(w, v.type, v.data)


@dataclass(slots=True)
class GetRoutine:
    """SQ_GETROUTINE (101): look up a UDR handle (IfxSqli.getHandle).

    With bit 52: ``[byte by_id][sql-style char: signature, or database when by_id][int handle if
    by_id][short want_fparam]``; without: ``[char signature][short want_fparam]``. The char uses the
    SQL length form (int with bit 62). The single byte leaves the stream at an odd offset; JDBC does
    exactly that.
    """

    tag: ClassVar[Tag] = Tag.GETROUTINE
    signature: bytes = b""
    database: bytes = b""
    handle: int | None = None
    want_fparam: bool = False

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> GetRoutine:
        if caps.named_parameters:
            by_id = r.byte()
            text = read_sql(r, caps)
            if by_id:
                return cls(database=text, handle=r.int(), want_fparam=bool(r.short()))
            return cls(signature=text, want_fparam=bool(r.short()))
        return cls(signature=read_sql(r, caps), want_fparam=bool(r.short()))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag)
        if caps.named_parameters:
            if self.handle is not None:
                w.byte(1)
                write_sql(w, caps, self.database)
                w.int(self.handle)
            else:
                w.byte(0)
                write_sql(w, caps, self.signature)
        else:
            if self.handle is not None:
                raise NotSupportedError("a routine can be looked up by handle only with bit 52")
            write_sql(w, caps, self.signature)
        w.short(1 if self.want_fparam else 0)


@dataclass(slots=True)
class ExecRoutine:
    """SQ_EXFPROUTINE (102): ``[char database if bit 52][int handle][short n params][short
    want_fparam]``; an SQ_BIND with the arguments follows when n > 0 (IfxSqli.sendFastPath)."""

    tag: ClassVar[Tag] = Tag.EXFPROUTINE
    handle: int
    nparams: int = 0
    database: bytes = b""
    want_fparam: bool = False

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> ExecRoutine:
        database = r.char() if caps.named_parameters else b""
        handle = r.int()
        return cls(handle, r.short(), database, bool(r.short()))

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag)
        if caps.named_parameters:
            w.char(self.database)
        w.int(self.handle).short(self.nparams).short(1 if self.want_fparam else 0)
