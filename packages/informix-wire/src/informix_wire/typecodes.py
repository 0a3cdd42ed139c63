"""Informix SQL type codes as they travel in SQ_DESCRIBE, SQ_BIND and fast-path messages.

Values from IBM's JDBC driver, class ``com.informix.lang.IfxTypes`` (JDBC 4.50.10.1, decompiled):
the low byte of a described type is the base type; the high byte carries the flags below.
"""

from __future__ import annotations

from enum import IntEnum


class TypeCode(IntEnum):
    """Base SQL type codes (IfxTypes.IFX_TYPE_*)."""

    CHAR = 0
    SMALLINT = 1
    INT = 2
    FLOAT = 3
    SMALLFLOAT = 4
    DECIMAL = 5
    SERIAL = 6
    DATE = 7
    MONEY = 8
    NULL = 9
    DATETIME = 10
    BYTE = 11
    TEXT = 12
    VARCHAR = 13
    INTERVAL = 14
    NCHAR = 15
    NVCHAR = 16
    INT8 = 17
    SERIAL8 = 18
    SET = 19
    MULTISET = 20
    LIST = 21
    ROW = 22
    COLLECTION = 23
    ROWREF = 24
    UDTVAR = 40
    UDTFIXED = 41
    REFSER8 = 42
    LVARCHAR = 43
    SENDRECV = 44
    BOOL = 45
    IMPEXP = 46
    IMPEXPBIN = 47
    SQLUDRDEFAULT = 48
    UNKNOWN = 49
    BIGINT = 52
    BIGSERIAL = 53


class ExtendedId(IntEnum):
    """Built-in extended type ids carried with UDT columns (IfxTypes.IFX_XID_*)."""

    LVARCHAR = 1
    SENDRECV = 2
    IMPEXP = 3
    IMPEXPBIN = 4
    BOOLEAN = 5
    POINTER = 6
    BLOB = 10
    CLOB = 11
    LO_SPEC = 13
    LO_STAT = 14
    STREAM = 17
    JSON = 25
    BSON = 26


#: Flag bits in the high byte of a described type (IfxTypes.IFX_BIT_*).
NOT_NULLABLE = 0x0100
DISTINCT = 0x0800
NAMED_ROW = 0x1000
DISTINCT_BOOLEAN = 0x4000
TYPE_MASK = 0x00FF


def base_type(described: int) -> int:
    """The base type code of a described type, its flag bits removed."""
    return described & TYPE_MASK
