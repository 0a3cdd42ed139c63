"""PEP 249 type objects and constructors.

``Cursor.description`` reports each column's Informix type code (``informix_wire.TypeCode``, the
base type of SQ_DESCRIBE); the type objects below compare equal to the codes of their group.
BOOLEAN and LVARCHAR travel as UDTs (types 41/40 with extended ids 5 and 1; sqli-facts §2.8), so
``Cursor.description`` reports them as ``TypeCode.BOOL`` and ``TypeCode.LVARCHAR``; other UDTs
(BLOB, CLOB ...) keep their UDT code.
"""

from __future__ import annotations

import datetime
import time

from informix_wire.typecodes import TypeCode

Date = datetime.date
Time = datetime.time
Timestamp = datetime.datetime


def DateFromTicks(ticks: float) -> datetime.date:
    return Date(*time.localtime(ticks)[:3])


def TimeFromTicks(ticks: float) -> datetime.time:
    return Time(*time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks: float) -> datetime.datetime:
    return Timestamp(*time.localtime(ticks)[:6])


def Binary(data: bytes | bytearray | memoryview) -> bytes:
    """Binary data for a BYTE or BLOB parameter."""
    return bytes(data)


class DBAPITypeObject:
    """Equal to every type code of one group (PEP 249 "Type Objects")."""

    __slots__ = ("codes", "name")

    def __init__(self, name: str, *codes: int) -> None:
        self.name = name
        self.codes = frozenset(codes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DBAPITypeObject):
            return self.codes == other.codes
        return other in self.codes

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.codes)

    def __repr__(self) -> str:
        return f"<DBAPITypeObject {self.name}>"


STRING = DBAPITypeObject(
    "STRING",
    TypeCode.CHAR, TypeCode.VARCHAR, TypeCode.NCHAR, TypeCode.NVCHAR, TypeCode.LVARCHAR,
    TypeCode.TEXT,
)  # fmt: skip
BINARY = DBAPITypeObject("BINARY", TypeCode.BYTE)
NUMBER = DBAPITypeObject(
    "NUMBER",
    TypeCode.SMALLINT, TypeCode.INT, TypeCode.FLOAT, TypeCode.SMALLFLOAT, TypeCode.DECIMAL,
    TypeCode.SERIAL, TypeCode.MONEY, TypeCode.INT8, TypeCode.SERIAL8, TypeCode.BIGINT,
    TypeCode.BIGSERIAL, TypeCode.BOOL,
)  # fmt: skip
DATETIME = DBAPITypeObject("DATETIME", TypeCode.DATE, TypeCode.DATETIME, TypeCode.INTERVAL)
#: Informix ROWIDs are integers; SERIAL columns are the usual row identifiers.
ROWID = DBAPITypeObject("ROWID", TypeCode.SERIAL, TypeCode.SERIAL8, TypeCode.BIGSERIAL)

__all__ = [
    "BINARY", "DATETIME", "NUMBER", "ROWID", "STRING", "Binary", "DBAPITypeObject", "Date",
    "DateFromTicks", "Time", "TimeFromTicks", "Timestamp", "TimestampFromTicks",
]  # fmt: skip
