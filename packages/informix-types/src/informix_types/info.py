"""``column_info``: what ``cursor.description`` and the PEP 249 type objects need to know about a
described column (type names as IBM writes them; sizes after JDBC ``IfxResultSetMetaData`` and
IBM's "Informix Guide to SQL: Reference", data types chapter)."""

from __future__ import annotations

from dataclasses import dataclass

from informix_types import decimals, packed, temporal
from informix_types.kinds import Kind, kind_of
from informix_wire.messages.describe import Column
from informix_wire.typecodes import TypeCode


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    """``type_group`` is the PEP 249 type object the column compares equal to: STRING, BINARY,
    NUMBER, DATETIME or ROWID. ``precision``/``scale`` are None where they do not apply."""

    name: str
    type_code: int
    type_name: str
    display_size: int | None
    internal_size: int | None
    precision: int | None
    scale: int | None
    null_ok: bool
    type_group: str


_SIMPLE: dict[Kind, tuple[str, int, int, int | None, str]] = {
    # kind: (name, display size, internal size, precision, group)
    Kind.SMALLINT: ("SMALLINT", 6, 2, 5, "NUMBER"),
    Kind.INT: ("INTEGER", 11, 4, 10, "NUMBER"),
    Kind.BIGINT: ("BIGINT", 20, 8, 19, "NUMBER"),
    Kind.INT8: ("INT8", 20, 10, 19, "NUMBER"),
    Kind.FLOAT: ("FLOAT", 22, 8, 15, "NUMBER"),
    Kind.SMALLFLOAT: ("SMALLFLOAT", 13, 4, 7, "NUMBER"),
    Kind.DATE: ("DATE", 10, 4, None, "DATETIME"),
    Kind.BOOLEAN: ("BOOLEAN", 1, 1, None, "NUMBER"),
    Kind.BYTE: ("BYTE", 0x7FFFFFFF, 56, None, "BINARY"),
    Kind.TEXT: ("TEXT", 0x7FFFFFFF, 56, None, "STRING"),
    Kind.BLOB: ("BLOB", 0x7FFFFFFF, 72, None, "BINARY"),
    Kind.CLOB: ("CLOB", 0x7FFFFFFF, 72, None, "STRING"),
    Kind.NULL: ("NULL", 0, 0, None, "STRING"),
}
_TYPE_NAMES = {
    TypeCode.SERIAL: "SERIAL",
    TypeCode.SERIAL8: "SERIAL8",
    TypeCode.BIGSERIAL: "BIGSERIAL",
    TypeCode.NCHAR: "NCHAR",
    TypeCode.NVCHAR: "NVARCHAR",
    TypeCode.MONEY: "MONEY",
    TypeCode.SET: "SET",
    TypeCode.MULTISET: "MULTISET",
    TypeCode.LIST: "LIST",
    TypeCode.ROW: "ROW",
    TypeCode.COLLECTION: "COLLECTION",
}


def column_info(column: Column) -> ColumnInfo:
    kind = kind_of(column)
    base = column.base_type
    length = column.encoded_length
    name = column.name.decode("utf-8", "replace")
    null_ok = column.nullable
    alias = _TYPE_NAMES.get(base)  # type: ignore[call-overload]

    def info(
        type_name: str,
        display: int | None,
        internal: int | None,
        prec: int | None,
        scale: int | None,
        group: str,
    ) -> ColumnInfo:
        return ColumnInfo(
            name, column.type, type_name, display, internal, prec, scale, null_ok, group
        )

    simple = _SIMPLE.get(kind)
    if simple is not None:
        type_name, display, internal, prec, group = simple
        if alias and kind in (Kind.INT, Kind.INT8, Kind.BIGINT):
            group = "ROWID" if alias.startswith(("SERIAL", "BIGSERIAL")) else group
            type_name = alias
        scale = 0 if group in ("NUMBER", "ROWID") and prec is not None else None
        return info(type_name, display, internal, prec, scale, group)
    if kind is Kind.CHAR:
        return info(f"{alias or 'CHAR'}({length})", length, length, length, None, "STRING")
    if kind is Kind.VARCHAR:
        limit, minimum = length & 0xFF, length >> 8
        suffix = f"({limit},{minimum})" if minimum else f"({limit})"
        return info(f"{alias or 'VARCHAR'}{suffix}", limit, limit + 1, limit, None, "STRING")
    if kind is Kind.LVARCHAR:
        return info(f"LVARCHAR({length})", length, length, length, None, "STRING")
    if kind is Kind.DECIMAL:
        prec, scale = length >> 8, length & 0xFF
        type_name = decimals.type_name(alias or "DECIMAL", length)
        floating = scale == decimals.FLOATING_SCALE
        display = prec + 2
        return info(
            type_name,
            display,
            packed.tuple_width(length),
            prec,
            None if floating else scale,
            "NUMBER",
        )
    if kind is Kind.DATETIME:
        q = temporal.Qualifier.of(length)
        type_name = "DATETIME " + temporal.qualifier_text(length, False)
        display = _temporal_display(q, interval=False)
        return info(
            type_name, display, packed.tuple_width(length), q.digits, q.fraction_digits, "DATETIME"
        )
    if kind is Kind.INTERVAL:
        q = temporal.Qualifier.of(length)
        type_name = "INTERVAL " + temporal.qualifier_text(length, True)
        return info(
            type_name,
            _temporal_display(q, interval=True),
            packed.tuple_width(length),
            q.digits,
            q.fraction_digits,
            "DATETIME",
        )
    if kind is Kind.COMPOSITE:
        ext = column.extended_name.decode("utf-8", "replace")
        type_name = ext.upper() if ext else (alias or "ROW")
        return info(type_name, None, length, None, None, "STRING")
    ext = column.extended_name.decode("utf-8", "replace") or f"TYPE {column.type}"
    return info(ext.upper(), None, length, None, None, "BINARY")


def _temporal_display(q: temporal.Qualifier, interval: bool) -> int:
    """Characters of the literal: digits plus one separator between fields (and a sign and a
    point for intervals with fractions)."""
    fields = (min(q.end, temporal.SECOND) - min(q.start, temporal.SECOND)) // 2 + 1
    if q.start >= 11:
        fields = 0
    display = q.digits + max(fields - 1, 0) + (1 if q.fraction_digits and fields else 0)
    return display + (1 if interval else 0)
