"""ROW and SET/MULTISET/LIST columns on DuckDB: storage, catalog, DESCRIBE, values, parameters.

- Storage: a collection is a DuckDB LIST of its element type, a ROW a STRUCT of its fields
  (``set(integer not null)`` -> ``INTEGER[]``, ``row(a integer, b char(1))`` ->
  ``STRUCT("a" INTEGER, "b" VARCHAR)``), so ``=``, ``IN``, CARDINALITY and field access run in
  DuckDB. A SET is kept sorted without duplicates and a MULTISET sorted (:func:`fixup_sql` runs
  after each INSERT/UPDATE, literals are built that way), so equal SETs and MULTISETs compare
  equal as IDS compares them (IBM Guide to SQL: Reference, "Collection data types": a SET has no
  duplicates and no order, a MULTISET no order, a LIST both).
- Catalog: IDS gives every unnamed ROW/collection type a sysxtdtypes row that syscolumns'
  ``extended_id`` points at (Guide to SQL: Reference, "SYSXTDTYPES": mode ``C``, "collection
  type or unnamed ROW type"; ``R`` is a named ROW type, ``named_types``) and sysattrtypes rows
  for its members; here its ``name`` keeps the declared type text, which DESCRIBE sends as the
  column's extended name (``informix_types.typenames`` spells it).
- Values: DuckDB lists/dicts become the Python values ``informix_types`` writes in the binary
  form JDBC reads (``composite_binary``); a bound ROW/collection (JDBC's SENDRECV, decoded by
  ``informix_types.decode_typed``) is written into the SQL as a DuckDB literal, ROWs as unnamed
  ``row(...)`` that DuckDB casts to the target STRUCT by position, as IDS casts ROW values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import duckdb

from informix_types import CollectionValue, IntervalYM, RowValue, typenames
from informix_types.typenames import TypeNode
from informix_types.values import collection_value
from informix_wire.errors import DataError
from informix_wire.typecodes import ExtendedId, TypeCode

from .lexer import SYNTAX_ERROR, SqlError, Tok, render
from .types_sql import SqlType

COMPOSITE_CODES = frozenset({TypeCode.SET, TypeCode.MULTISET, TypeCode.LIST, TypeCode.ROW})
#: -1225 "Column does not admit a NULL value" (IBM's rds_en_US messages in the JDBC jar), what JDBC
#: raises for a NULL collection element (IfxComplexOutput); collection elements are NOT NULL (IBM
#: Guide to SQL: Reference, "Collection Data Types").
NULL_ELEMENT = -1225
_QUOTED = re.compile(r"\s*(SET|MULTISET|LIST)\{.*\}\s*", re.IGNORECASE | re.DOTALL)
#: First extended id given to a ROW/collection type (built-in ids end at 26, JDBC IfxTypes).
FIRST_XID = 100
#: DuckDB counts an INTERVAL month as 30 days when it hands one to Python.
_DAYS_PER_MONTH = 30


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------------
# Types in DDL and casts


def parse_type(toks: list[Tok], i: int, end: int) -> SqlType:
    """The SET/MULTISET/LIST/ROW type spelt by ``toks[i:end]``."""
    text = render(toks[i:end])
    try:
        node = typenames.parse(text)
    except DataError:
        raise SqlError(SYNTAX_ERROR, near=toks[i].text, offset=toks[i].pos) from None
    return SqlType(node.code, 0, duck_type(node), node.text())


def duck_type(node: TypeNode) -> str:
    """The DuckDB type that stores values of ``node``."""
    if node.is_collection:
        return duck_type(node.element) + "[]"
    if node.is_row:
        return "STRUCT(" + ", ".join(f"{_q(f.field)} {duck_type(f)}" for f in node.children) + ")"
    code = node.code
    if node.xid == ExtendedId.LVARCHAR or code in _TEXT_CODES:
        return "VARCHAR"
    if node.xid == ExtendedId.BOOLEAN or code == TypeCode.BOOL:
        return "BOOLEAN"
    if code in (TypeCode.DECIMAL, TypeCode.MONEY):
        precision, scale = node.length >> 8, node.length & 0xFF
        return "DOUBLE" if scale == 255 else f"DECIMAL({precision},{scale})"
    if code == TypeCode.DATETIME:
        return "TIME" if (node.length >> 4) & 0xF >= 6 else "TIMESTAMP"
    if code not in _DUCK:
        raise SqlError(SYNTAX_ERROR, near=node.text())
    return _DUCK[code]


_TEXT_CODES = frozenset(
    {TypeCode.CHAR, TypeCode.NCHAR, TypeCode.VARCHAR, TypeCode.NVCHAR, TypeCode.LVARCHAR}
)
_DUCK: dict[int, str] = {
    TypeCode.SMALLINT: "SMALLINT",
    TypeCode.INT: "INTEGER",
    TypeCode.SERIAL: "INTEGER",
    TypeCode.BIGINT: "BIGINT",
    TypeCode.BIGSERIAL: "BIGINT",
    TypeCode.INT8: "BIGINT",
    TypeCode.SERIAL8: "BIGINT",
    TypeCode.FLOAT: "DOUBLE",
    TypeCode.SMALLFLOAT: "REAL",
    TypeCode.DATE: "DATE",
    TypeCode.INTERVAL: "INTERVAL",
}


def cast_sql(operand: str, sql_type: SqlType) -> str:
    """``operand::type`` for a ROW/collection type; a SET or MULTISET comes out in its stored
    order (IDS casts a LIST with duplicates to a SET without them)."""
    node = typenames.parse(sql_type.extended_name)
    return canonical_sql(node, f"CAST({operand} AS {sql_type.duck_type})")


def collection_literal(kind: str, elements: Sequence[str]) -> str:
    """``SET{a, b}`` and its kin as DuckDB: a list, in stored order for SET and MULTISET."""
    items = "[" + ", ".join(elements) + "]"
    if kind == "SET":
        return f"list_sort(list_distinct({items}))"
    return f"list_sort({items})" if kind == "MULTISET" else items


def is_quoted_literal(text: str) -> bool:
    """Whether a quoted string is a collection literal, which IDS takes in quotes too
    (``INSERT ... VALUES ("SET{1, 2}")``, IBM Guide to SQL: Tutorial, "Insert NULL values into a
    collection that contains a row type")."""
    return _QUOTED.fullmatch(text) is not None


def canonical_sql(node: TypeNode, expr: str, depth: int = 0) -> str:
    """``expr`` (of type ``node``) with every SET inside made sorted and distinct and every
    MULTISET sorted."""
    return _canonical(node, expr, depth) or expr


def _canonical(node: TypeNode, expr: str, depth: int) -> str | None:
    """As canonical_sql, or None when nothing inside ``node`` needs it."""
    if node.is_collection:
        var = f"x{depth}"
        inner_element = _canonical(node.element, var, depth + 1)
        inner = f"list_transform({expr}, lambda {var}: {inner_element})" if inner_element else expr
        if node.code == TypeCode.SET:
            return f"list_sort(list_distinct({inner}))"
        if node.code == TypeCode.MULTISET:
            return f"list_sort({inner})"
        return inner if inner_element else None
    if node.is_row:
        parts = [_canonical(f, f"{expr}.{_q(f.field)}", depth) for f in node.children]
        if not any(parts):
            return None
        packed = ", ".join(
            f"{_q(f.field)} := {part or f'{expr}.{_q(f.field)}'}"
            for f, part in zip(node.children, parts, strict=True)
        )
        return f"CASE WHEN {expr} IS NULL THEN NULL ELSE struct_pack({packed}) END"
    return None


def fixup_sql(table: str, columns: Sequence[Any]) -> str:
    """The UPDATE that puts the SETs and MULTISETs of ``table`` (its ColumnSpecs) in stored order
    after an INSERT or UPDATE, or "" when the table has none."""
    sets = []
    for spec in columns:
        node = getattr(spec, "node", None) or typenames.parse_composite(spec.extended_name)
        part = _canonical(node, _q(spec.name), 0) if node is not None else None
        if part is not None:
            sets.append((_q(spec.name), part))
    if not sets:
        return ""
    assignments = ", ".join(f"{name} = {part}" for name, part in sets)
    changed = " OR ".join(f"{name} IS DISTINCT FROM {part}" for name, part in sets)
    return f"UPDATE {_q(table)} SET {assignments} WHERE {changed}"


# ---------------------------------------------------------------------------------------------
# Catalog and DESCRIBE


def register(cur: duckdb.DuckDBPyConnection, text: str, code: int) -> int:
    """The sysxtdtypes id of the unnamed ROW/collection type ``text`` (mode ``C``, "collection
    type or unnamed ROW type", IBM Guide to SQL: Reference, SYSXTDTYPES), added when new with its
    sysattrtypes rows (``named_types.members``: what JDBC's loadStructInfo reads)."""
    from informix_testserver.engine import named_types  # it builds on this module

    row = cur.execute(
        "SELECT extended_id FROM sysxtdtypes WHERE name = ? AND mode = 'C'", [text]
    ).fetchone()
    if row is not None:
        return int(row[0])
    xid = int(
        cur.execute(
            "SELECT greatest(coalesce(max(extended_id), 0) + 1, ?) FROM sysxtdtypes", [FIRST_XID]
        ).fetchone()[0]  # type: ignore[index]
    )
    cur.execute(
        "INSERT INTO sysxtdtypes (extended_id, domain, mode, owner, name, type, source, maxlen, "
        "length, byvalue, cannotcast, align, locator) "
        "VALUES (?, 'C', 'C', 'informix', ?, ?, 0, 0, 0, 'f', 'f', 8, 0)",
        [xid, text, code],
    )
    for m in named_types.members(typenames.parse(text)):
        ref = register(cur, m.ref.text(), m.ref.code) if m.ref is not None else m.xid
        cur.execute(
            "INSERT INTO sysattrtypes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [xid, m.seqno, m.levelno, m.parent_no, m.fieldname, m.fieldno, m.type, m.length, ref],
        )
    return xid


def inferred(duck: str) -> TypeNode | None:
    """The Informix type of a DuckDB LIST/STRUCT result type (an expression, not a column): a
    list is a LIST, a struct a ROW (unnamed ones with fields ``field1``...), strings LVARCHAR."""
    try:
        node, end = _duck_node(duck.strip(), 0)
    except (ValueError, IndexError, KeyError):
        return None
    if end != len(duck.strip()) or not node.is_composite:
        return None
    return node


_SCALARS = {
    "INTEGER": typenames.INTEGER,
    "SMALLINT": typenames.SMALLINT,
    "TINYINT": typenames.SMALLINT,
    "BIGINT": typenames.BIGINT,
    "DOUBLE": typenames.FLOAT,
    "FLOAT": typenames.SMALLFLOAT,
    "REAL": typenames.SMALLFLOAT,
    "DATE": typenames.DATE,
    "BOOLEAN": typenames.BOOLEAN,
    "VARCHAR": typenames.LVARCHAR,
    '"NULL"': typenames.LVARCHAR,
    "TIMESTAMP": TypeNode(TypeCode.DATETIME, 19 << 8 | 0 << 4 | 15),
    "TIME": TypeNode(TypeCode.DATETIME, 11 << 8 | 6 << 4 | 15),
    "INTERVAL": TypeNode(TypeCode.INTERVAL, 20 << 8 | 4 << 4 | 15),
}
_WORD = re.compile(r'"[^"]*"|[A-Za-z_][A-Za-z0-9_ ]*?(?=[\s(),\[]|$)')


def _duck_node(text: str, pos: int) -> tuple[TypeNode, int]:
    match = _WORD.match(text, pos)
    if match is None:
        raise ValueError(text)
    word, pos = match.group().upper(), match.end()
    if word in ("STRUCT", "TUPLE") and text.startswith("(", pos):
        fields: list[tuple[str, TypeNode]] = []
        pos += 1
        while True:
            name = f"field{len(fields) + 1}"
            if word == "STRUCT":
                found = _WORD.match(text, pos)
                if found is None:
                    raise ValueError(text)
                name, pos = found.group().strip('"'), found.end() + 1
            child, pos = _duck_node(text, pos)
            fields.append((name, child))
            if text.startswith(", ", pos):
                pos += 2
                continue
            if not text.startswith(")", pos):
                raise ValueError(text)
            node = typenames.row(fields)
            pos += 1
            break
    elif word == "DECIMAL" and text.startswith("(", pos):
        close = text.index(")", pos)
        precision, scale = (int(n) for n in text[pos + 1 : close].split(","))
        node = TypeNode(TypeCode.DECIMAL, min(precision, 32) << 8 | scale)
        pos = close + 1
    else:
        node = _SCALARS[word]
    while text.startswith("[]", pos):
        node = typenames.collection("LIST", node)
        pos += 2
    return node, pos


# ---------------------------------------------------------------------------------------------
# Values from DuckDB


def shaper(extended_name: str) -> Callable[[Any], Any]:
    """A function from the DuckDB value of a column of this type to its Python value. A named
    ROW type's name spells no fields: its columns are shaped by their type tree instead
    (``node_shaper``, planned by ``statement.Prepared``)."""
    node = typenames.parse_composite(extended_name)
    if node is None:
        return _unknown_row
    return node_shaper(node)


def node_shaper(node: TypeNode) -> Callable[[Any], Any]:
    return lambda value: to_python(value, node)


def _unknown_row(value: Any) -> Any:
    """A ROW whose fields are not known: its DuckDB fields by name."""
    if isinstance(value, dict):
        return RowValue(list(value.values()), list(value))
    return value


def to_python(value: Any, node: TypeNode) -> Any:
    if value is None:
        return None
    if node.is_collection:
        element = node.element
        return collection_value(node.kind, (to_python(v, element) for v in value))
    if node.is_row:
        values = list(value.values()) if isinstance(value, dict) else list(value)
        items = [to_python(v, f) for v, f in zip(values, node.children, strict=True)]
        return RowValue(items, [f.field for f in node.children], node.name if node.named else "")
    if node.code in (TypeCode.DECIMAL, TypeCode.MONEY) and isinstance(value, float):
        return Decimal(repr(value))
    year_month = node.code == TypeCode.INTERVAL and (node.length >> 4) & 0xF in (0, 2)
    if year_month and isinstance(value, dt.timedelta):
        return IntervalYM.from_months(value.days // _DAYS_PER_MONTH)
    return value


# ---------------------------------------------------------------------------------------------
# Bound ROW/collection parameters


_PARAM = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\$(\d+)")


def is_composite_value(value: object) -> bool:
    return isinstance(value, list | tuple | set | frozenset | CollectionValue)


def inline_parameters(sql: str, params: Sequence[Any]) -> tuple[str, list[Any]] | None:
    """``sql`` with each ROW/collection parameter written in as a literal and the others
    renumbered, or None when there is none."""
    if not any(is_composite_value(p) for p in params):
        return None
    kept: list[Any] = []
    numbers: dict[int, int] = {}
    for index, value in enumerate(params, 1):
        if not is_composite_value(value):
            kept.append(value)
            numbers[index] = len(kept)

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group()
        index = int(match.group(1))
        if index in numbers:
            return f"${numbers[index]}"
        if index > len(params):
            return match.group()
        return literal_sql(params[index - 1])

    return _PARAM.sub(replace, sql), kept


def literal_sql(value: Any) -> str:
    """A DuckDB literal of a Python value (a bound ROW/collection or one of its elements)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value) if abs(value) < 2**63 else f"'{value}'::HUGEINT"
    if isinstance(value, float):
        return f"{value!r}::DOUBLE" if math.isfinite(value) else f"'{value}'::DOUBLE"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise DataError(f"{value} cannot be stored in an Informix DECIMAL")
        return format(value, "f")
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, dt.time):
        return f"TIME '{value.isoformat()}'"
    if isinstance(value, dt.timedelta):
        return f"to_microseconds({value // dt.timedelta(microseconds=1)})"
    if isinstance(value, IntervalYM):
        return f"to_months({value.total_months})"
    if isinstance(value, tuple):
        return "row(" + ", ".join(literal_sql(v) for v in value) + ")"
    if isinstance(value, CollectionValue):
        return collection_literal(value.kind, [literal_sql(v) for v in value.items])
    if isinstance(value, set | frozenset):
        return collection_literal("SET", [literal_sql(v) for v in value])
    if isinstance(value, list):
        return collection_literal("LIST", [literal_sql(v) for v in value])
    raise DataError(f"a {type(value).__name__} cannot be put inside a ROW or collection")
