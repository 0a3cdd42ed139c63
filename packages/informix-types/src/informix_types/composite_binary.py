"""ROW and collection values in the binary form IBM's JDBC driver reads from tuples and sends in
binds (JDBC 4.50.10.1: ``IfxComplex.fromIfx``/``toIfx``, ``IfxComplexInput``,
``IfxComplexOutput``; ``IfxRowColumn.setOffsetInTuple`` steps over such a column by its leading
int). ``I`` is the identifier size: 128 when capability bit 10 or 18 is set (``isLongID``, as IDS
12.10+ and the test server answer), else 18::

    [i32 n: bytes that follow]
    [i32 0][s16 0][I bytes 0]
    [s16 count] count records, parents before children (IfxComplexOutput.serializeTypeInfo):
        [s16 seqno][s16 level][s16 parent seqno][s16 len][I bytes field name, blank padded]
        [s16 field number][s16 type | 0x100 NOT NULL | 0x1000 named ROW][s16 length][i32 xid]
        [s16 0][s16 len][I bytes type name][s16 len][I bytes owner][s16 alignment][i32 source]
    [i32 0][i32 data length][i32 flags: 1, or 0x80000000 for NULL]
    data

A collection's data is its elements in their tuple form (INTEGER 4 bytes, VARCHAR
``[u8 len][bytes]``, LVARCHAR and BOOLEAN ``[u8 null][i32 len][bytes]`` ...); when the elements are
ROWs, collections, opaque types or VARCHARs a table of offsets follows, read from the end:
``[i32 -1][offset of the last element] ... [offset of the first]`` (getElementOffset; the
IfxComplexInput constructor reads it back). A ROW's data is its fields in order and that table.
A nested ROW/collection is ``[s16 n][pad][i32 1 at an 8-aligned place][4 zero bytes][its data]``,
``n`` counting the bytes after the short, and a NULL one ``[s16 1][u8 1]``
(getNestedHeader/getUDToffset, readNestedComplex). JDBC reads a NULL fixed opaque value (BOOLEAN)
as its full length (readUDT, readBoolean), so one is written ``[u8 1][i32 1][u8 0]``.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from informix_types import codecs
from informix_types.typenames import MAX_DEPTH, TypeNode
from informix_types.values import CollectionValue, RowValue, collection_value
from informix_wire.errors import DataError, NotSupportedError
from informix_wire.messages.describe import Column
from informix_wire.typecodes import NAMED_ROW, NOT_NULLABLE, ExtendedId, TypeCode

IDENT_LONG = 128
IDENT_SHORT = 18
#: Top-level flags: the value is NULL; 0x20 marks a "large collection" (nested lengths > 32 KB).
NULL_FLAG = -0x80000000
LARGE_FLAG = 0x20
#: Largest value accepted from a peer.
MAX_VALUE = 64 * 1024 * 1024
_I16 = struct.Struct(">h")
_I32 = struct.Struct(">i")
_TAIL = struct.Struct(">iii")
_NESTED_NULL = b"\x00\x01\x01"
_FIXED_UDT_NULL = b"\x01\x00\x00\x00\x01\x00"
#: Element types after which a collection carries the offset table: JDBC writes one for ROWs,
#: collections and opaque types (IfxComplexOutput.addElementOffset) and needs one after VARCHARs
#: too (the IfxComplexInput constructor).
_TABLE_TYPES = frozenset({40, 41, 43, 45, 19, 20, 21, 22, TypeCode.VARCHAR})


def _record_size(ident: int) -> int:
    return 30 + 3 * ident


def udt_offset(start: int) -> int:
    """Bytes from a nested value's start to its flags (IfxComplexOutput.getUDToffset)."""
    rest = (start + 3) % 8
    return 3 if rest == 0 else 11 - rest


# ---------------------------------------------------------------------------------------------
# Writing


def encode(value: Any, node: TypeNode, encoding: str, ident: int = IDENT_LONG) -> bytes:
    """The whole binary form (``[i32 n]`` first) of ``value`` (None for NULL) typed by ``node``."""
    info, count = _type_info(node, ident, encoding)
    if value is None:
        data, flags = b"", NULL_FLAG
    else:
        data, flags = bytes(_data(value, node, encoding, 0)), 1
    head = _I32.pack(0) + _I16.pack(0) + bytes(ident) + _I16.pack(count)
    body = b"".join((head, info, _TAIL.pack(0, len(data), flags), data))
    return _I32.pack(len(body)) + body


@lru_cache(maxsize=256)
def _type_info(node: TypeNode, ident: int, encoding: str) -> tuple[bytes, int]:
    """The type records, numbered as IfxComplexOutput.serializeTypeInfo numbers them."""
    out = bytearray()
    count = 0

    def walk(nodes: tuple[TypeNode, ...], seqno: int, level: int, in_row: bool) -> int:
        nonlocal count
        parent = seqno
        seqno += 1
        fieldno = 1 if in_row else 0
        for index, item in enumerate(nodes):
            count += 1
            out.extend(_I16.pack(seqno) + _I16.pack(level) + _I16.pack(parent))
            out.extend(_name(item.field, ident, encoding))
            out.extend(struct.pack(">hhhih", fieldno, item.wire_type, item.length, item.xid, 0))
            out.extend(_name(item.name if item.named or not item.is_composite else "", ident,
                             encoding))  # fmt: skip
            out.extend(_name(item.owner, ident, encoding))
            out.extend(struct.pack(">hi", 0, 0))
            if item.children:
                seqno = walk(item.children, seqno, level + 1, item.is_row)
            if index + 1 != len(nodes):
                seqno += 1
            if in_row:
                fieldno += 1
        return seqno

    walk((node,), 0, 0, False)
    return bytes(out), count


def _name(text: str, ident: int, encoding: str) -> bytes:
    """``[s16 characters][ident bytes, blank padded]`` (IfxComplexOutput.serializeString)."""
    data = text.encode(encoding)[:ident]
    return _I16.pack(len(text)) + data.ljust(ident, b" ")


def _data(value: Any, node: TypeNode, encoding: str, depth: int) -> bytearray:
    if depth > MAX_DEPTH:
        raise DataError(f"ROW/collection value nested more than {MAX_DEPTH} deep")
    out = bytearray()
    offsets: list[int] = []
    if node.is_row:
        for item, field in zip(_row_items(value, node), node.children, strict=True):
            offsets.append(len(out))
            _element(out, item, field, encoding, depth)
        out += _offset_table(offsets)
        return out
    element = node.element
    scalar = None if element.is_composite else _cell_codec(element, encoding).encode
    for item in _collection_items(value, node):
        if item is None:
            raise DataError(f"a {node.kind} cannot hold NULL elements")
        offsets.append(len(out))
        if scalar is not None:
            out += scalar(item)
        else:
            _element(out, item, element, encoding, depth)
    if element.code in _TABLE_TYPES:
        out += _offset_table(offsets)
    return out


def _offset_table(offsets: list[int]) -> bytes:
    if not offsets:
        return b""
    return _I32.pack(-1) + b"".join(_I32.pack(o) for o in reversed(offsets))


def _row_items(value: Any, node: TypeNode) -> list[Any]:
    fields = node.children
    if isinstance(value, Mapping):
        if len(value) != len(fields):
            raise DataError(f"{node.text()} takes {len(fields)} fields, got {len(value)}")
        return list(value.values())
    if isinstance(value, tuple | list):
        if len(value) != len(fields):
            raise DataError(f"{node.text()} takes {len(fields)} fields, got {len(value)}")
        return list(value)
    raise DataError(f"a ROW takes a tuple, RowValue or mapping, not {type(value).__name__}")


def _collection_items(value: Any, node: TypeNode) -> Iterable[Any]:
    if isinstance(value, list | tuple | set | frozenset | CollectionValue) and not isinstance(
        value, RowValue
    ):
        return value
    kind = type(value).__name__
    raise DataError(f"a {node.kind} takes a set, list or CollectionValue, not {kind}")


def _element(out: bytearray, value: Any, node: TypeNode, encoding: str, depth: int) -> None:
    if node.is_composite:
        if value is None:
            out += _NESTED_NULL
            return
        data = _data(value, node, encoding, depth + 1)
        offset = udt_offset(len(out))
        size = len(data) + offset + 6
        if size > 0x7FFF:
            raise NotSupportedError(f"a nested ROW/collection of {len(data)} bytes is too long")
        header = bytearray(offset + 8)
        header[0:2] = _I16.pack(size)
        header[offset : offset + 4] = _I32.pack(1)
        out += header
        out += data
        return
    if value is None and node.code in (TypeCode.UDTFIXED, TypeCode.BOOL):
        out += _FIXED_UDT_NULL
        return
    out += _cell_codec(node, encoding).encode(value)


@lru_cache(maxsize=256)
def _cell_codec(node: TypeNode, encoding: str) -> codecs.ColumnCodec:
    """The tuple codec of a scalar element or field type."""
    column = Column(b"", node.wire_type, node.length, 0, node.xid, b"", node.name.encode())
    if node.code == TypeCode.LVARCHAR:  # what JDBC sends for untyped strings
        column = Column(b"", TypeCode.UDTVAR, node.length, 0, ExtendedId.LVARCHAR, b"",
                        b"lvarchar")  # fmt: skip
    return codecs.codec_for(column, encoding)


# ---------------------------------------------------------------------------------------------
# Reading


def decode(data: bytes | bytearray | memoryview, encoding: str) -> tuple[Any, TypeNode]:
    """The Python value and type tree of one whole binary form (``[i32 n]`` first)."""
    buf = memoryview(data)
    if len(buf) < 4:
        raise DataError("ROW/collection value shorter than its length")
    (total,) = _I32.unpack_from(buf, 0)
    if total < 0 or total > MAX_VALUE or total != len(buf) - 4:
        raise DataError(f"ROW/collection length {total} does not match {len(buf) - 4} bytes")
    for ident in (IDENT_LONG, IDENT_SHORT):
        layout = _layout(buf, ident)
        if layout is not None:
            break
    else:
        raise DataError("ROW/collection value has no readable type description")
    records_at, count, data_at, size, flags = layout
    try:
        node = _read_type_info(bytes(buf[records_at : data_at - 12]), count, ident, encoding)
        if flags & NULL_FLAG:
            return None, node
        if flags & LARGE_FLAG:
            raise NotSupportedError("large ROW/collection values (flag 0x20) are not supported")
        return _read_data(buf[data_at : data_at + size], node, encoding, 0), node
    except (struct.error, IndexError, ValueError) as exc:
        raise DataError(f"malformed ROW/collection value: {exc}") from None


def is_binary_form(data: bytes | bytearray | memoryview) -> bool:
    """Whether ``data`` (``[i32 n]`` first) is laid out as a ROW/collection value: how a server
    tells one bound as SENDRECV/UDT (JDBC binds both as type 44) from an opaque value."""
    buf = memoryview(data)
    if len(buf) < 4 or _I32.unpack_from(buf, 0)[0] != len(buf) - 4:
        return False
    return any(_layout(buf, ident) is not None for ident in (IDENT_LONG, IDENT_SHORT))


def _layout(buf: memoryview, ident: int) -> tuple[int, int, int, int, int] | None:
    """Where the records and data are when identifiers are ``ident`` bytes, or None when the
    lengths do not add up that way."""
    count_at = 10 + ident
    if len(buf) < count_at + 2:
        return None
    (count,) = _I16.unpack_from(buf, count_at)
    tail_at = count_at + 2 + count * _record_size(ident)
    if count < 1 or tail_at + 12 > len(buf):
        return None
    _, size, flags = _TAIL.unpack_from(buf, tail_at)
    if size < 0 or tail_at + 12 + size != len(buf):
        return None
    return count_at + 2, count, tail_at + 12, size, flags


@lru_cache(maxsize=256)
def _read_type_info(records: bytes, count: int, ident: int, encoding: str) -> TypeNode:
    """The type tree of ``count`` records (cached: every row of a column repeats them)."""
    buf = memoryview(records)
    at = 0
    flat: list[tuple[int, TypeNode]] = []
    for _ in range(count):
        (level,) = _I16.unpack_from(buf, at + 2)
        field = _read_name(buf, at + 6, ident, encoding)
        at += 8 + ident
        _, wire, length, xid, _ = struct.unpack_from(">hhhih", buf, at)
        at += 12
        name = _read_name(buf, at, ident, encoding)
        owner = _read_name(buf, at + 2 + ident, ident, encoding)
        at += 4 + 2 * ident + 6
        node = TypeNode(
            wire & 0xFF,
            length,
            nullable=not wire & NOT_NULLABLE,
            field=field,
            xid=xid,
            name=name,
            owner="" if owner == "informix" else owner,
            named=bool(wire & NAMED_ROW),
        )
        flat.append((level, node))
    node, used = _tree(flat, 0)
    if used != len(flat):
        raise DataError("ROW/collection type description has more than one root")
    return node


def _read_name(buf: memoryview, at: int, ident: int, encoding: str) -> str:
    (length,) = _I16.unpack_from(buf, at)
    if length < 0 or length > ident:
        raise DataError(f"name length {length} in a ROW/collection type description")
    text = bytes(buf[at + 2 : at + 2 + ident]).decode(encoding, "replace")
    return text[:length]


def _tree(flat: list[tuple[int, TypeNode]], index: int) -> tuple[TypeNode, int]:
    """The node at ``index`` with the nodes one level deeper that follow it as children
    (IfxComplex.convertTypeArraytoVector)."""
    level, node = flat[index]
    index += 1
    children: list[TypeNode] = []
    while index < len(flat) and flat[index][0] > level:
        if flat[index][0] != level + 1 or len(children) >= 0x7FFF:
            raise DataError("ROW/collection type description skips a level")
        child, index = _tree(flat, index)
        children.append(child)
    if node.is_collection and len(children) != 1:
        raise DataError(f"{node.kind} described with {len(children)} element types")
    if node.is_row and not children and not node.named:
        raise DataError("ROW described without fields")
    if children and level >= MAX_DEPTH:
        raise DataError(f"ROW/collection type nested more than {MAX_DEPTH} deep")
    return TypeNode(
        node.code, node.length, node.nullable, node.field, node.xid, node.name, node.owner,
        node.named, tuple(children),
    ), index  # fmt: skip


def _read_data(buf: memoryview, node: TypeNode, encoding: str, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise DataError(f"ROW/collection value nested more than {MAX_DEPTH} deep")
    if node.is_row:
        fields = node.children
        table = _offsets(buf, len(fields))
        values = []
        pos = 0
        for index, field in enumerate(fields):
            if table is not None:
                pos = table[0][index]
            value, pos = _read_element(buf, pos, field, encoding, depth)
            values.append(value)
        names = [f.field for f in fields]
        return RowValue(values, names if all(names) else (), node.name if node.named else "")
    element = node.element
    if element.is_composite:

        def read(pos: int) -> tuple[Any, int]:
            return _read_element(buf, pos, element, encoding, depth)

    else:
        codec = _cell_codec(element, encoding)  # once, not per element

        def read(pos: int) -> tuple[Any, int]:
            return read_scalar(codec, buf, pos)

    table = _offsets(buf, None) if element.code in _TABLE_TYPES else None
    if table is not None:
        items = [read(start)[0] for start in table[0]]
    else:
        items = []
        pos = 0
        while pos < len(buf):
            value, pos = read(pos)
            items.append(value)
    return collection_value(node.kind, items)


def _offsets(buf: memoryview, expected: int | None) -> tuple[list[int], int] | None:
    """The element offsets of the table at the end of ``buf`` and where it starts, or None when
    there is no consistent table (a VARCHAR collection written without one)."""
    offsets: list[int] = []
    pos = len(buf) - 4
    while pos >= 0:
        (value,) = _I32.unpack_from(buf, pos)
        if value == -1:
            break
        offsets.append(value)
        pos -= 4
    else:
        return None
    if expected is not None and len(offsets) != expected:
        return None
    if any(b <= a for a, b in itertools.pairwise(offsets)):
        return None
    if offsets and (offsets[0] != 0 or offsets[-1] >= pos):
        return None
    return offsets, pos


def _read_element(
    buf: memoryview, pos: int, node: TypeNode, encoding: str, depth: int
) -> tuple[Any, int]:
    if node.is_composite:
        (size,) = _I16.unpack_from(buf, pos)
        if size == 1:
            return None, pos + 3
        if size <= 0:
            raise NotSupportedError("large nested ROW/collection values are not supported")
        offset = udt_offset(pos)
        start, end = pos + offset + 8, pos + 2 + size
        if start > end or end > len(buf):
            raise DataError(f"nested {node.kind} of {size} bytes overruns its parent")
        return _read_data(buf[start:end], node, encoding, depth + 1), end
    return read_scalar(_cell_codec(node, encoding), buf, pos)


def read_scalar(codec: codecs.ColumnCodec, buf: memoryview, pos: int) -> tuple[Any, int]:
    """One value in its tuple form at ``pos``: the value and where it ends."""
    if codec.layout == codecs.FIXED:
        end = pos + codec.width
        if end > len(buf):
            raise DataError("ROW/collection element overruns the value")
        (raw,) = struct.unpack_from(">" + codec.fmt, buf, pos)
        if codec.convert is not None:
            return codec.convert(raw), end
        return (None if raw == codec.sentinel else raw), end
    if codec.layout == codecs.VARCHAR:
        size = buf[pos]
        end = pos + 1 + size
        data = buf[pos + 1 : end]
        if end > len(buf):
            raise DataError("ROW/collection element overruns the value")
        assert codec.convert is not None
        return (None if size == 1 and data[0] == 0 else codec.convert(bytes(data))), end
    indicator, size = struct.unpack_from(">Bi", buf, pos)
    end = pos + 5 + size
    if size < 0 or end > len(buf):
        raise DataError("ROW/collection element overruns the value")
    assert codec.convert is not None
    return (None if indicator else codec.convert(bytes(buf[pos + 5 : end]))), end
