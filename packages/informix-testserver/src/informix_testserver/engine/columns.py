"""What DESCRIBE says about a column: the declared Informix type of a base-table column, else a
type inferred from DuckDB's result type.

Type codes and the ``collength`` encoding are those of ``syscolumns`` (IBM Informix Guide to SQL:
Reference, "SYSCOLUMNS"; sqli-facts part B §2: DECIMAL length is ``(precision << 8) | scale``,
DATETIME/INTERVAL ``(digits << 8) | (start << 4) | end``). Extended ids of built-in UDTs (BOOLEAN 5,
LVARCHAR 1 ... ) are JDBC's ``IfxTypes`` constants, mirrored in ``informix_wire.typecodes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from informix_testserver.engine import composite
from informix_testserver.engine.composite import COMPOSITE_CODES
from informix_wire.typecodes import TypeCode

#: Extended ids of the built-in opaque types (sysxtdtypes rows IDS ships; JDBC IfxTypes).
XID_LVARCHAR = 1
XID_BOOLEAN = 5
XID_BLOB = 10
XID_CLOB = 11

#: Length of a string expression whose width DuckDB does not know (Informix VARCHAR's maximum).
EXPRESSION_VARCHAR = 255
#: DATETIME YEAR TO FRACTION(5): 19 digits, start YEAR (0), end FRACTION(5) (15).
TIMESTAMP_QUALIFIER = (19 << 8) | (0 << 4) | 15
#: INTERVAL DAY(9) TO FRACTION(5), the widest day-time interval, for DuckDB INTERVAL results.
INTERVAL_QUALIFIER = (20 << 8) | (4 << 4) | 15
#: DATETIME HOUR TO FRACTION(5), DuckDB's TIME.
TIME_QUALIFIER = (11 << 8) | (6 << 4) | 15


@dataclass(frozen=True)
class ColumnSpec:
    """One described column (``engine_api.ColumnSpecLike``)."""

    name: str
    type_code: int
    length: int = 0
    nullable: bool = True
    extended_id: int = 0
    extended_name: str = ""
    extended_owner: str = ""


def builtin_udt(
    name: str, xid: int, code: int, length: int, column: str, nullable: bool
) -> ColumnSpec:
    """A built-in opaque type as IDS describes it: owner ``informix``, the type's name."""
    return ColumnSpec(column, code, length, nullable, xid, name, "informix")


def declared_spec(
    name: str,
    type_code: int,
    length: int,
    nullable: bool,
    extended_name: str = "",
    extended_id: int = 0,
) -> ColumnSpec:
    """The DESCRIBE of a column declared with Informix ``type_code`` / ``length``.

    SERIAL, SERIAL8 and BIGSERIAL are described as themselves (JDBC maps them to INTEGER/BIGINT);
    BOOLEAN, LVARCHAR, BLOB and CLOB as the UDTs IDS makes of them (sqli-facts §3 "Per-type");
    ROW and collection columns with their type text as the extended name (``composite``).
    """
    base = type_code & 0xFF
    ext = extended_name.lower()
    if ext == "boolean" or base == TypeCode.BOOL:
        return builtin_udt("boolean", XID_BOOLEAN, TypeCode.UDTFIXED, 1, name, nullable)
    if base == TypeCode.LVARCHAR or (ext == "lvarchar" and base == TypeCode.UDTVAR):
        # IDS describes LVARCHAR columns as the UDT 'lvarchar' (sqli-facts §3 "Per-type").
        return builtin_udt("lvarchar", XID_LVARCHAR, TypeCode.UDTVAR, length or 2048, name,
                           nullable)  # fmt: skip
    if base in COMPOSITE_CODES:
        return ColumnSpec(name, base, length, nullable, extended_id, extended_name)
    if ext in ("blob", "clob"):
        # The 72-byte locator a smart-LOB column holds (sqli-facts §2.8; JDBC IfxLocator).
        xid = XID_BLOB if ext == "blob" else XID_CLOB
        return builtin_udt(ext, xid, TypeCode.UDTFIXED, 72, name, nullable)
    return ColumnSpec(name, base, length, nullable)


_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def inferred_spec(name: str, duck_type: str) -> ColumnSpec:
    """An Informix type for a DuckDB result type (expressions, and tables without a catalog
    entry)."""
    t = duck_type.upper()
    match = _DECIMAL.fullmatch(t)
    if match:
        return ColumnSpec(name, TypeCode.DECIMAL, int(match[1]) << 8 | int(match[2]))
    simple = {
        "BOOLEAN": None,
        "TINYINT": (TypeCode.SMALLINT, 2),
        "SMALLINT": (TypeCode.SMALLINT, 2),
        "UTINYINT": (TypeCode.SMALLINT, 2),
        "INTEGER": (TypeCode.INT, 4),
        "USMALLINT": (TypeCode.INT, 4),
        "BIGINT": (TypeCode.BIGINT, 8),
        "UINTEGER": (TypeCode.BIGINT, 8),
        "HUGEINT": (TypeCode.DECIMAL, 38 << 8),
        "UBIGINT": (TypeCode.DECIMAL, 20 << 8),
        "UHUGEINT": (TypeCode.DECIMAL, 39 << 8),
        "FLOAT": (TypeCode.SMALLFLOAT, 4),
        "DOUBLE": (TypeCode.FLOAT, 8),
        "DATE": (TypeCode.DATE, 4),
        "TIMESTAMP": (TypeCode.DATETIME, TIMESTAMP_QUALIFIER),
        "TIMESTAMP WITH TIME ZONE": (TypeCode.DATETIME, TIMESTAMP_QUALIFIER),
        "TIMESTAMP_NS": (TypeCode.DATETIME, TIMESTAMP_QUALIFIER),
        "TIMESTAMP_MS": (TypeCode.DATETIME, TIMESTAMP_QUALIFIER),
        "TIMESTAMP_S": (TypeCode.DATETIME, TIMESTAMP_QUALIFIER),
        "TIME": (TypeCode.DATETIME, TIME_QUALIFIER),
        "VARCHAR": (TypeCode.VARCHAR, EXPRESSION_VARCHAR),
        "INTERVAL": (TypeCode.INTERVAL, INTERVAL_QUALIFIER),
        "BLOB": (TypeCode.BYTE, 56),  # binary results are BYTE (56-byte descriptor, §2.8)
        '"NULL"': (TypeCode.VARCHAR, EXPRESSION_VARCHAR),
    }
    if t == "BOOLEAN":
        return builtin_udt("boolean", XID_BOOLEAN, TypeCode.UDTFIXED, 1, name, True)
    found = simple.get(t)
    if found is None:
        node = composite.inferred(duck_type)
        if node is not None:
            return ColumnSpec(name, node.code, 0, True, 0, node.text())
        # Anything else travels as text.
        return ColumnSpec(name, TypeCode.VARCHAR, EXPRESSION_VARCHAR)
    return ColumnSpec(name, found[0], found[1])


#: Which inferred types a declared type may stand for: DuckDB computes in its own types, so a
#: base-table column keeps its declared type only when the result type is of the same family.
_FAMILY = {
    TypeCode.CHAR: "text", TypeCode.VARCHAR: "text", TypeCode.NCHAR: "text",
    TypeCode.NVCHAR: "text", TypeCode.LVARCHAR: "text", TypeCode.TEXT: "text",
    TypeCode.SMALLINT: "int", TypeCode.INT: "int", TypeCode.SERIAL: "int",
    TypeCode.INT8: "int", TypeCode.SERIAL8: "int", TypeCode.BIGINT: "int",
    TypeCode.BIGSERIAL: "int", TypeCode.FLOAT: "float", TypeCode.SMALLFLOAT: "float",
    TypeCode.DECIMAL: "decimal", TypeCode.MONEY: "decimal", TypeCode.DATE: "date",
    TypeCode.DATETIME: "datetime", TypeCode.UDTFIXED: "udt", TypeCode.UDTVAR: "udt",
    TypeCode.INTERVAL: "interval", TypeCode.BYTE: "bytes", TypeCode.SET: "composite",
    TypeCode.MULTISET: "composite", TypeCode.LIST: "composite", TypeCode.ROW: "composite",
}  # fmt: skip


def _family(spec: ColumnSpec) -> str:
    if spec.extended_name == "lvarchar":
        return "text"
    if spec.extended_name in ("blob", "clob"):
        return "bytes"  # both hold their locator (informix_testserver.smartlob)
    return _FAMILY.get(TypeCode(spec.type_code & 0xFF), "other")


def same_family(declared: ColumnSpec, inferred: ColumnSpec) -> bool:
    """Whether a result column of ``inferred`` type can be described as ``declared``."""
    left, right = _family(declared), _family(inferred)
    if left == "decimal" and right in ("int", "float"):
        return True  # DuckDB computes in integers and doubles
    if left == "decimal" and right == "text" and declared.length & 0xFF == 255:
        return True  # floating DECIMAL(p) is stored as its text (decfloat)
    return left == right
