"""SQ_DESCRIBE (8, server to client): the statement type and id, and one :class:`Column` per output.

Layout (JDBC ``IfxSqli.receiveDescribe``; the IDS 15 form recorded in sqli-facts part B §2)::

    [short stmt_type][short stmt_id][int cost][short tuple_size][short nfields]
    [int strtab_size if bit 50 else short]
    per field, long form (bit 2, USVER):
        [int name_offset if bit 50 else short][int start][short type][int extended_id]
        [char owner][char extended_name][short reference][short alignment][int source_type]
        [int encoded_length]
    per field, short form (no USVER):
        [name_offset][short start][short type][short encoded_length]
    [string table: NUL-terminated names, padded]

Names are the bytes the server sent (the database locale decides their encoding).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import ClassVar

from informix_wire.capabilities import Capabilities
from informix_wire.codec import Reader, Writer
from informix_wire.errors import InterfaceError, ProtocolError
from informix_wire.tags import Tag
from informix_wire.typecodes import DISTINCT, NAMED_ROW, NOT_NULLABLE, TYPE_MASK

# Long per-field form: [offset][int start][short type][int xid] ... [short ref][short align][int
# source type][int encoded length]; the offset is an int with bit 50.
_HEAD_WIDE = struct.Struct(">iihi")
_HEAD_NARROW = struct.Struct(">hihi")
_TAIL = struct.Struct(">hhii")
_SHORT_FORM = struct.Struct(">hhh")

#: The largest string table we accept: 32767 names of 128 bytes each fit with room to spare.
MAX_STRING_TABLE = 8 * 1024 * 1024


@dataclass(slots=True)
class Column:
    """One described output column (or parameter); ``type`` keeps the flag bits of the high byte."""

    name: bytes
    type: int
    encoded_length: int = 0
    start: int = 0
    extended_id: int = 0
    owner: bytes = b""
    extended_name: bytes = b""
    reference: int = 0
    alignment: int = 0
    source_type: int = 0

    @property
    def base_type(self) -> int:
        """The TypeCode without flag bits."""
        return self.type & TYPE_MASK

    @property
    def nullable(self) -> bool:
        return not self.type & NOT_NULLABLE

    @property
    def distinct(self) -> bool:
        return bool(self.type & DISTINCT)

    @property
    def named_row(self) -> bool:
        return bool(self.type & NAMED_ROW)


@dataclass(slots=True)
class Describe:
    """A statement's description; ``columns`` is empty for statements without output."""

    tag: ClassVar[Tag] = Tag.DESCRIBE
    statement_type: int
    statement_id: int
    cost: int = 0
    tuple_size: int = 0
    columns: list[Column] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> Describe:
        stmt_type = r.short()
        stmt_id = r.short()
        cost = r.int()
        tuple_size = r.short()
        nfields = r.short()
        if nfields < 0:
            raise ProtocolError(f"DESCRIBE with {nfields} fields")
        wide = caps.int_describe_offsets
        strtab_size = r.bounded(r.int() if wide else r.short(), MAX_STRING_TABLE, "string table")
        offsets: list[int] = []
        columns: list[Column] = []
        head = _HEAD_WIDE if wide else _HEAD_NARROW
        for _ in range(nfields):
            if caps.usver:
                offset, start, typ, xid = r.unpack(head)
                owner = r.char()
                ext_name = r.char()
                ref, align, source, length = r.unpack(_TAIL)
                col = Column(b"", typ, length, start, xid, owner, ext_name, ref, align, source)
            else:
                offset = r.int() if wide else r.short()
                start, typ, length = r.unpack(_SHORT_FORM)
                col = Column(b"", typ, length, start)
            offsets.append(offset)
            columns.append(col)
        table = r.padded(strtab_size)
        for col, offset in zip(columns, offsets, strict=True):
            col.name = _name_at(table, offset)
        return cls(stmt_type, stmt_id, cost, tuple_size, columns)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        table = bytearray()
        offsets = []
        for col in self.columns:
            offsets.append(len(table))
            table += col.name
            table.append(0)
        wide = caps.int_describe_offsets
        w.short(self.tag).short(self.statement_type).short(self.statement_id).int(self.cost)
        w.short(self.tuple_size).short(len(self.columns))
        w.int(len(table)) if wide else w.short(len(table))
        for col, offset in zip(self.columns, offsets, strict=True):
            w.int(offset) if wide else w.short(offset)
            if caps.usver:
                w.int(col.start).short(col.type).int(col.extended_id)
                w.char(col.owner).char(col.extended_name)
                w.short(col.reference).short(col.alignment).int(col.source_type)
                w.int(col.encoded_length)
            else:
                w.short(col.start).short(col.type).short(col.encoded_length)
        w.padded(table)


def _name_at(table: bytes, offset: int) -> bytes:
    """The NUL-terminated name at ``offset`` of the string table."""
    if not table:
        return b""  # statements without names (JDBC leaves them null)
    if not 0 <= offset < len(table):
        raise ProtocolError(f"column name offset {offset} outside a {len(table)}-byte string table")
    end = table.find(b"\0", offset)
    return table[offset:] if end < 0 else table[offset:end]


@dataclass(slots=True)
class InputDescribe:
    """SQ_IDESCRIBE (125), the answer to SQ_CIDESCRIBE (124): the statement's parameters.

    Layout (JDBC ``IfxSqli.recvIDescribe``)::

        [short n][short named_flags, if bit 52 and n > 0][short routine args, if named_flags & 1]
        per parameter: [byte arg flags][char arg name] (only if named_flags & 1)
            [short type][int extended_id][char owner][char extended_name][short reference]
            [short alignment][int source_type][int encoded_length]

    JDBC asks for it (bit 34) when a PreparedStatement's parameter types are needed, e.g. for the
    first ``setString`` of an INSERT. ``Column.name`` holds the argument name; ``arg_flags`` one
    flag byte per parameter when names are present.
    """

    tag: ClassVar[Tag] = Tag.IDESCRIBE
    params: list[Column] = field(default_factory=list)
    named_flags: int = 0
    routine_args: int = -1
    arg_flags: list[int] = field(default_factory=list)

    @classmethod
    def decode(cls, r: Reader, caps: Capabilities) -> InputDescribe:
        n = r.short()
        if n < 0:
            raise ProtocolError(f"SQ_IDESCRIBE with {n} parameters")
        flags = 0
        routine_args = -1
        if caps.named_parameters and n:
            flags = r.short()
            if flags & 1:
                routine_args = r.short()
        params: list[Column] = []
        arg_flags: list[int] = []
        for _ in range(n):
            name = b""
            if flags & 1:
                arg_flags.append(r.byte())
                name = r.char()
            col = Column(name, r.short())
            col.extended_id = r.int()
            col.owner = r.char()
            col.extended_name = r.char()
            col.reference = r.short()
            col.alignment = r.short()
            col.source_type = r.int()
            col.encoded_length = r.int()
            params.append(col)
        return cls(params, flags, routine_args, arg_flags)

    def encode(self, w: Writer, caps: Capabilities) -> None:
        w.short(self.tag).short(len(self.params))
        named = caps.named_parameters and bool(self.params)
        if named:
            w.short(self.named_flags)
            if self.named_flags & 1:
                w.short(self.routine_args)
        with_names = named and bool(self.named_flags & 1)
        if with_names and len(self.arg_flags) != len(self.params):
            raise InterfaceError("SQ_IDESCRIBE with names needs one arg flag per parameter")
        for i, col in enumerate(self.params):
            if with_names:
                w.byte(self.arg_flags[i]).char(col.name)
            w.short(col.type).int(col.extended_id).char(col.owner).char(col.extended_name)
            w.short(col.reference).short(col.alignment).int(col.source_type)
            w.int(col.encoded_length)
