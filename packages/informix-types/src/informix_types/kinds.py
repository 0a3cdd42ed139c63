"""Which codec a described column needs: its base type, refined for UDT columns by extended id
or name (sqli-facts §2.8: BOOLEAN, LVARCHAR, BLOB and CLOB are described as UDTs)."""

from __future__ import annotations

from enum import Enum

from informix_wire.messages.describe import Column
from informix_wire.typecodes import ExtendedId, TypeCode


class Kind(Enum):
    CHAR = "char"
    VARCHAR = "varchar"
    LVARCHAR = "lvarchar"
    SMALLINT = "smallint"
    INT = "int"
    BIGINT = "bigint"
    INT8 = "int8"
    FLOAT = "float"
    SMALLFLOAT = "smallfloat"
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    INTERVAL = "interval"
    BYTE = "byte"
    TEXT = "text"
    BOOLEAN = "boolean"
    BLOB = "blob"
    CLOB = "clob"
    COMPOSITE = "composite"
    UDT = "udt"
    NULL = "null"
    UNKNOWN = "unknown"


_BY_BASE = {
    TypeCode.CHAR: Kind.CHAR,
    TypeCode.NCHAR: Kind.CHAR,
    TypeCode.VARCHAR: Kind.VARCHAR,
    TypeCode.NVCHAR: Kind.VARCHAR,
    TypeCode.LVARCHAR: Kind.LVARCHAR,
    TypeCode.SMALLINT: Kind.SMALLINT,
    TypeCode.INT: Kind.INT,
    TypeCode.SERIAL: Kind.INT,
    TypeCode.BIGINT: Kind.BIGINT,
    TypeCode.BIGSERIAL: Kind.BIGINT,
    TypeCode.INT8: Kind.INT8,
    TypeCode.SERIAL8: Kind.INT8,
    TypeCode.FLOAT: Kind.FLOAT,
    TypeCode.SMALLFLOAT: Kind.SMALLFLOAT,
    TypeCode.DECIMAL: Kind.DECIMAL,
    TypeCode.MONEY: Kind.DECIMAL,
    TypeCode.DATE: Kind.DATE,
    TypeCode.DATETIME: Kind.DATETIME,
    TypeCode.INTERVAL: Kind.INTERVAL,
    TypeCode.BYTE: Kind.BYTE,
    TypeCode.TEXT: Kind.TEXT,
    TypeCode.BOOL: Kind.BOOLEAN,
    TypeCode.ROW: Kind.COMPOSITE,
    TypeCode.SET: Kind.COMPOSITE,
    TypeCode.MULTISET: Kind.COMPOSITE,
    TypeCode.LIST: Kind.COMPOSITE,
    TypeCode.COLLECTION: Kind.COMPOSITE,
    TypeCode.NULL: Kind.NULL,
}

_BY_NAME = {
    b"boolean": Kind.BOOLEAN,
    b"lvarchar": Kind.LVARCHAR,
    b"blob": Kind.BLOB,
    b"clob": Kind.CLOB,
}
_BY_XID = {
    ExtendedId.BOOLEAN: Kind.BOOLEAN,
    ExtendedId.LVARCHAR: Kind.LVARCHAR,
    ExtendedId.BLOB: Kind.BLOB,
    ExtendedId.CLOB: Kind.CLOB,
}


def kind_of(column: Column) -> Kind:
    base = column.base_type
    if base in (TypeCode.UDTVAR, TypeCode.UDTFIXED):
        by_name = _BY_NAME.get(column.extended_name.lower())
        if by_name is not None:
            return by_name
        return (
            _BY_XID.get(ExtendedId(column.extended_id), Kind.UDT)
            if _known_xid(column.extended_id)
            else Kind.UDT
        )
    try:
        return _BY_BASE.get(TypeCode(base), Kind.UNKNOWN)
    except ValueError:
        return Kind.UNKNOWN


def _known_xid(xid: int) -> bool:
    return xid in ExtendedId._value2member_map_
