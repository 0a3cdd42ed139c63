"""Named ROW types: CREATE ROW TYPE and DROP ROW TYPE, their catalog rows, and the type tree of
a column of one (IBM Guide to SQL: Syntax, "CREATE ROW TYPE", "DROP ROW TYPE"; Guide to SQL:
Reference, "ROW data types, named", SYSXTDTYPES, SYSATTRTYPES, SYSCOLUMNS).

- Storage: ``CREATE ROW TYPE person_t (name VARCHAR(30), age INT)`` is DuckDB's
  ``CREATE TYPE "person_t" AS STRUCT(...)``; a column or cast names that type and DuckDB resolves
  it to the STRUCT, so values, field access and ``row(...)`` casts work as for unnamed ROWs
  (``composite``).
- Catalog: a sysxtdtypes row (mode ``R``, type 4118 = ROW | named, owner the creating user) and
  sysattrtypes rows: seqno 1 the type itself (level 0, xtd_type_id 0), then one per field (level
  1, parent 1, fieldno from 1) with its syscolumns-style type and length, and as xtd_type_id the
  extended id of a built-in opaque (lvarchar 1, boolean 5), collection or ROW field type (a
  collection or unnamed ROW registered as ``composite.register`` registers a column's, a named
  ROW the type's own). That is what JDBC 4.50.10.1 reads to bind a ``Struct`` by type name
  (IfxSqliConnect.addUDTInfo: ``... from informix.sysxtdtypes where mode in (...) and name like
  ?``, then loadStructInfo: ``... from informix.sysattrtypes where extended_id = ? order by
  seqno``, recursing into a complex member's xtd_type_id). Usage and Under are granted to PUBLIC
  (sysxtdtypeauth ``-u`` / ``n-``), as IDS does outside ANSI databases (IBM Database Design and
  Implementation Guide, "Usage privileges for user-defined types", "Under privileges").
- Columns: syscolumns.coltype 4118 with the type's extended id; DESCRIBE sends type 22 with the
  named-ROW bit 0x1000, the type's extended id, owner and name (JDBC IfxResultSetMetaData:
  ``IsNamedRow``), and a value's binary form names the type too (``composite_binary``).
- Errors: -9991 the type exists, -9992 DROP of an unknown type, -9990 DROP while a column or
  another type uses it, -9628 a column or field of an unknown type, -9908 a BYTE, TEXT or SERIAL
  field (texts from IBM's message catalog in the JDBC jar); -999 for what is not implemented
  (UNDER, BLOB / CLOB fields).

The statements are SQL the engine runs as it is (the dialect stays pure): DuckDB's ``error()``
raises the Informix code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import duckdb

import informix_types
from informix_types import RowEncoder, composite_binary, typenames
from informix_types.codecs import codec_for
from informix_types.typenames import TypeNode
from informix_wire.errors import DataError
from informix_wire.messages.describe import Column
from informix_wire.tags import StatementType
from informix_wire.typecodes import NAMED_ROW, NOT_NULLABLE, ExtendedId, TypeCode

from . import composite
from .columns import ColumnSpec
from .lexer import SYNTAX_ERROR, SqlError, Tok, TokKind, render
from .tokens import matching, split_top
from .translation import Kind, Translation
from .types_sql import SqlType, parse_type

#: syscolumns.coltype / sysxtdtypes.type of a named ROW (IBM SYSCOLUMNS: "4118 = ROW (named)").
NAMED_ROW_TYPE = TypeCode.ROW | NAMED_ROW
EXISTS = -9991
NOT_FOUND = -9992
IN_USE = -9990
TYPE_NOT_FOUND = -9628
BAD_FIELD_TYPE = -9908
#: -999 "Not implemented yet": UNDER (type inheritance), BLOB / CLOB fields.
NOT_IMPLEMENTED = -999
_BAD_FIELD_CODES = frozenset(
    {TypeCode.BYTE, TypeCode.TEXT, TypeCode.SERIAL, TypeCode.SERIAL8, TypeCode.BIGSERIAL}
)
#: First extended id of a user type (``composite.FIRST_XID``: built-in ids end at 26).
FIRST_XID = 100
#: Deepest nesting of named ROW types read from the catalog.
MAX_DEPTH = typenames.MAX_DEPTH


@dataclass(frozen=True)
class RowTypeSpec(ColumnSpec):
    """A column of a named ROW type: described by the type's name, written from its fields."""

    node: TypeNode | None = None


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _raise(code: int, message: str) -> str:
    return f"error({_lit(f'{code}: {message}')})"


def _xid_sql(name: str, mode: str) -> str:
    return f"(SELECT extended_id FROM sysxtdtypes WHERE name = {_lit(name)} AND mode = '{mode}')"


def _exists_sql(name: str) -> str:
    return f"EXISTS (SELECT 1 FROM sysxtdtypes WHERE name = {_lit(name)} AND mode = 'R')"


# ---------------------------------------------------------------------------------------------
# Types in DDL and casts


def named_type(toks: list[Tok], i: int) -> tuple[SqlType, int]:
    """A type written as a name (``person_t``, ``informix.person_t``): a named ROW type, which
    DuckDB knows by the same name once CREATE ROW TYPE ran."""
    if i + 2 < len(toks) and toks[i + 1].is_op(".") and toks[i + 2].kind is TokKind.IDENT:
        i += 2  # the owner is dropped
    tok = toks[i]
    if tok.kind is not TokKind.IDENT:
        raise SqlError(SYNTAX_ERROR, near=tok.text, offset=tok.pos)
    name = tok.text.lower()
    return SqlType(NAMED_ROW_TYPE, 0, _q(name), name), i + 1


def is_named(type_code: int) -> bool:
    return bool(type_code & NAMED_ROW) and type_code & 0xFF == TypeCode.ROW


def guarded(sql: str, type_names: Iterable[str]) -> str:
    """``sql`` after a check that raises -9628 for a named ROW type that does not exist."""
    checks = [
        f"SELECT CASE WHEN NOT {_exists_sql(name)} THEN "
        f"{_raise(TYPE_NOT_FOUND, f'Type ({name}) not found.')} END; "
        for name in dict.fromkeys(type_names)
    ]
    return "".join(checks) + sql


# ---------------------------------------------------------------------------------------------
# CREATE ROW TYPE / DROP ROW TYPE


def _error(toks: list[Tok], i: int, code: int = SYNTAX_ERROR) -> SqlError:
    tok = toks[i] if i < len(toks) else (toks[-1] if toks else Tok(TokKind.RAW, "", 0))
    return SqlError(code, near=tok.text if i < len(toks) else "", offset=max(tok.pos, 0))


def _field(toks: list[Tok]) -> tuple[TypeNode, str]:
    """One ``name type [NOT NULL]`` of CREATE ROW TYPE: its type tree and DuckDB type."""
    if not toks or toks[0].kind is not TokKind.IDENT:
        raise _error(toks, 0)
    name = toks[0].text.lower()
    sql_type, type_end = parse_type(toks, 1)
    nullable, end = True, type_end
    if [t.up for t in toks[end : end + 2]] == ["NOT", "NULL"]:
        nullable, end = False, end + 2
    if end != len(toks):
        raise _error(toks, end)
    if sql_type.type_code in _BAD_FIELD_CODES:
        raise _error(toks, 1, BAD_FIELD_TYPE)
    if is_named(sql_type.type_code):
        node = TypeNode(TypeCode.ROW, name=sql_type.extended_name, named=True)
        duck = sql_type.duck_type
    else:
        try:
            node = typenames.parse(render(toks[1:type_end]))
        except DataError:
            raise _error(toks, 1, NOT_IMPLEMENTED) from None  # BLOB / CLOB inside a ROW
        duck = composite.duck_type(node)
    return replace(node, field=name, nullable=nullable), f"{_q(name)} {duck}"


def create_row_type(toks: list[Tok], i: int) -> Translation:
    """``toks[i]`` is ROW of ``CREATE ROW TYPE name (field type [NOT NULL], ...)``."""
    if i + 2 >= len(toks) or toks[i + 1].up != "TYPE" or toks[i + 2].kind is not TokKind.IDENT:
        raise _error(toks, i + 1)
    sql_type, at = named_type(toks, i + 2)
    name = sql_type.extended_name
    if at >= len(toks) or not toks[at].is_op("("):
        raise _error(toks, at)
    close = matching(toks, at)
    if close + 1 < len(toks):
        code = NOT_IMPLEMENTED if toks[close + 1].up == "UNDER" else SYNTAX_ERROR
        raise _error(toks, close + 1, code)
    fields = [_field(part) for part in split_top(toks[at + 1 : close])]
    if not fields:
        raise _error(toks, close)
    node = TypeNode(TypeCode.ROW, name=name, named=True, children=tuple(n for n, _ in fields))
    statements = [
        f"SELECT CASE WHEN {_exists_sql(name)} THEN "
        f"{_raise(EXISTS, f'Named row type ({name}) already exists in database.')} END",
        *(f"SELECT CASE WHEN NOT {_exists_sql(c.name)} THEN "
          f"{_raise(TYPE_NOT_FOUND, f'Type ({c.name}) not found.')} END"
          for c in node.children if c.named),
        f"CREATE TYPE {_q(name)} AS STRUCT({', '.join(duck for _, duck in fields)})",
        *_register_members_sql(node.children),
        _type_row_sql(name, "R", NAMED_ROW_TYPE, "ifx_dbinfo('user')"),
        _members_sql(node, _xid_sql(name, "R")),
        "INSERT INTO sysxtdtypeauth SELECT ifx_dbinfo('user'), 'public', extended_id, auth FROM "
        f"sysxtdtypes, (VALUES ('-u'), ('n-')) a(auth) WHERE name = {_lit(name)} AND mode = 'R'",
    ]  # fmt: skip
    return Translation(
        Kind.OTHER, "; ".join(statements), int(StatementType.CREATE_ROW_TYPE), 0, name=name
    )


def drop_row_type(toks: list[Tok], i: int) -> Translation:
    """``toks[i]`` is ROW of ``DROP ROW TYPE name RESTRICT`` (RESTRICT is required)."""
    if i + 2 >= len(toks) or toks[i + 1].up != "TYPE":
        raise _error(toks, i + 1)
    sql_type, at = named_type(toks, i + 2)
    if at >= len(toks) or toks[at].up != "RESTRICT":
        raise _error(toks, at)
    if at + 1 != len(toks):
        raise _error(toks, at + 1)
    name = sql_type.extended_name
    xid = _xid_sql(name, "R")
    in_use = (
        f"EXISTS (SELECT 1 FROM syscolumns WHERE extended_id = {xid}) OR "
        f"EXISTS (SELECT 1 FROM sysattrtypes WHERE xtd_type_id = {xid}) OR "
        f"EXISTS (SELECT 1 FROM systables WHERE type_xid = {xid})"
    )
    not_found = _raise(NOT_FOUND, f"Named row type ({name}) not found.")
    used = _raise(IN_USE, f"Cannot drop named row type ({name}): still in use.")
    statements = [
        f"SELECT CASE WHEN NOT {_exists_sql(name)} THEN {not_found} WHEN {in_use} THEN {used} END",
        f"DROP TYPE {_q(name)}",
        f"DELETE FROM sysxtdtypeauth WHERE type = {xid}",
        f"DELETE FROM sysattrtypes WHERE extended_id = {xid}",
        f"DELETE FROM sysxtdtypes WHERE name = {_lit(name)} AND mode = 'R'",
    ]  # fmt: skip
    return Translation(
        Kind.OTHER, "; ".join(statements), int(StatementType.DROP_ROW_TYPE), 0, name=name
    )


# ---------------------------------------------------------------------------------------------
# sysxtdtypes and sysattrtypes rows


@dataclass(frozen=True)
class Member:
    """One sysattrtypes row of a ROW or collection type; ``ref`` is the member's own complex
    type (its xtd_type_id is that type's extended id), else ``xid`` is it."""

    seqno: int
    levelno: int
    parent_no: int
    fieldname: str | None
    fieldno: int
    type: int
    length: int
    xid: int = 0
    ref: TypeNode | None = None


def members(node: TypeNode) -> list[Member]:
    """The sysattrtypes rows of a ROW or collection type: itself, then its direct members."""
    rows = [Member(1, 0, 0, None, 0, node.wire_type, node.length)]
    for number, child in enumerate(node.children, 1):
        ref = child if child.is_composite else None
        xid = child.xid if child.xid in (ExtendedId.LVARCHAR, ExtendedId.BOOLEAN) else 0
        rows.append(
            Member(number + 1, 1, 1, child.field or None, number if node.is_row else 0,
                   child.wire_type, child.length, xid, ref)
        )  # fmt: skip
    return rows


def _ref_xid_sql(node: TypeNode) -> str:
    return _xid_sql(node.name, "R") if node.named else _xid_sql(node.text(), "C")


def _type_row_sql(name: str, mode: str, code: int, owner_sql: str) -> str:
    """The sysxtdtypes row of a type, unless the type has one."""
    return (
        "INSERT INTO sysxtdtypes (extended_id, domain, mode, owner, name, type, source, maxlen, "
        "length, byvalue, cannotcast, align, locator) SELECT "
        f"greatest(coalesce(max(extended_id), 0) + 1, {FIRST_XID}), 'C', '{mode}', {owner_sql}, "
        f"{_lit(name)}, {code}, 0, 0, 0, 'f', 'f', 8, 0 FROM sysxtdtypes "
        f"HAVING NOT coalesce(bool_or(name = {_lit(name)} AND mode = '{mode}'), false)"
    )


def _members_sql(node: TypeNode, xid_sql: str) -> str:
    """The sysattrtypes rows of ``node``, unless its type has them."""
    values = ", ".join(
        f"({xid_sql}, {m.seqno}, {m.levelno}, {m.parent_no}, "
        f"{'NULL' if m.fieldname is None else _lit(m.fieldname)}, {m.fieldno}, {m.type}, "
        f"{m.length}, {_ref_xid_sql(m.ref) if m.ref is not None else m.xid})"
        for m in members(node)
    )
    return (
        f"INSERT INTO sysattrtypes SELECT * FROM (VALUES {values}) "
        f"WHERE NOT EXISTS (SELECT 1 FROM sysattrtypes WHERE extended_id = {xid_sql})"
    )


def _register_members_sql(children: Sequence[TypeNode]) -> list[str]:
    """The catalog rows of the unnamed collection / ROW types among ``children`` (deepest
    first), as ``composite.register`` writes them for a column's type."""
    out: list[str] = []
    for child in children:
        if not child.is_composite or child.named:
            continue
        out += _register_members_sql(child.children)
        text = child.text()
        out.append(_type_row_sql(text, "C", child.code, "'informix'"))
        out.append(_members_sql(child, _xid_sql(text, "C")))
    return out


# ---------------------------------------------------------------------------------------------
# Reading the catalog


def xid_of(cur: duckdb.DuckDBPyConnection, name: str) -> int:
    """The extended id of the named ROW type ``name`` (0 when there is none)."""
    row = cur.execute(
        "SELECT extended_id FROM sysxtdtypes WHERE name = ? AND mode = 'R'", [name]
    ).fetchone()
    return int(row[0]) if row else 0


def row_type(cur: duckdb.DuckDBPyConnection, xid: int, depth: int = 0) -> TypeNode | None:
    """The type tree of the named ROW type ``xid`` from sysxtdtypes and sysattrtypes."""
    head = cur.execute(
        "SELECT name, owner FROM sysxtdtypes WHERE extended_id = ? AND mode = 'R'", [xid]
    ).fetchone()
    if head is None or depth > MAX_DEPTH:
        return None
    rows = cur.execute(
        "SELECT a.fieldname, a.type, a.length, a.xtd_type_id, x.mode, x.name FROM sysattrtypes a "
        "LEFT JOIN sysxtdtypes x ON x.extended_id = a.xtd_type_id AND a.xtd_type_id > 0 "
        "WHERE a.extended_id = ? AND a.seqno > 1 ORDER BY a.seqno",
        [xid],
    ).fetchall()
    fields = []
    for field, wire, length, ref, mode, ref_name in rows:
        node = _member_node(cur, int(wire), int(length), int(ref or 0), mode, ref_name, depth)
        if node is None:
            return None
        fields.append(replace(node, field=field or "", nullable=not int(wire) & NOT_NULLABLE))
    name, owner = str(head[0]), str(head[1]).strip()
    return TypeNode(TypeCode.ROW, 0, True, "", xid, name, owner, True, tuple(fields))


def _member_node(
    cur: duckdb.DuckDBPyConnection,
    wire: int,
    length: int,
    ref: int,
    mode: str | None,
    ref_name: str | None,
    depth: int,
) -> TypeNode | None:
    if ref == ExtendedId.LVARCHAR:
        return replace(typenames.LVARCHAR, length=length)
    if ref == ExtendedId.BOOLEAN:
        return typenames.BOOLEAN
    if mode == "R":
        return row_type(cur, ref, depth + 1)
    if mode == "C" and ref_name:
        return typenames.parse_composite(ref_name)
    return TypeNode(wire & 0xFF, length)


def column_spec(
    cur: duckdb.DuckDBPyConnection,
    name: str,
    coltype: int,
    length: int,
    xid: int,
    type_name: str,
    owner: str,
) -> RowTypeSpec:
    """The DESCRIBE of a column of a named ROW type (syscolumns coltype 4118)."""
    nullable = not coltype & NOT_NULLABLE
    return RowTypeSpec(
        name, NAMED_ROW_TYPE, length, nullable, xid, type_name, owner.strip(), row_type(cur, xid)
    )


# ---------------------------------------------------------------------------------------------
# Tuples


def row_encoder(specs: Sequence[Any], columns: Sequence[Column], encoding: str) -> RowEncoder:
    """The tuple encoder of a result: ``informix_types.row_encoder``, but a named ROW column is
    written in the binary form from its type tree (its extended name, the type's name, does not
    spell its fields as an unnamed ROW's does)."""
    nodes = [getattr(spec, "node", None) for spec in specs]
    if not any(isinstance(node, TypeNode) for node in nodes):
        return informix_types.row_encoder(columns, encoding)
    encoders = [
        _binary_encoder(node, encoding)
        if isinstance(node, TypeNode)
        else codec_for(column, encoding).encode
        for node, column in zip(nodes, columns, strict=True)
    ]
    count = len(encoders)

    def encode_row(values: Sequence[object]) -> bytes:
        if len(values) != count:
            raise DataError(f"row of {len(values)} values for {count} columns")
        return b"".join([enc(v) for enc, v in zip(encoders, values, strict=True)])

    return encode_row


def _binary_encoder(node: TypeNode, encoding: str) -> Callable[[object], bytes]:
    return lambda value: composite_binary.encode(value, node, encoding)
