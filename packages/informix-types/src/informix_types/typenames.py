"""Informix type names as a tree: ``set(integer not null)``, ``row(a integer, b varchar(10))``.

A ROW or collection column is described with its declared type as text (the extended name of
SQ_DESCRIBE), and a ROW or collection value carries the same structure in binary (JDBC
``IfxComplex``: one ``IfxColumnInfo`` per node, parent before children). :class:`TypeNode` is that
structure; :func:`parse` reads the text IDS and JDBC write (``ComplexTypeParser`` accepts the same
grammar: ``kind(element [not null])``, ``row(field type [not null], ...)``), and
:meth:`TypeNode.text` writes it back in one canonical, lower-case spelling.

Type codes and lengths are syscolumns' (IBM Guide to SQL: Reference, "SYSCOLUMNS", "Storing
column length"); the built-in opaque types inside a ROW or collection are described like columns:
LVARCHAR as UDTVAR 40 extended id 1 ``lvarchar``, BOOLEAN as UDTFIXED 41 extended id 5
``boolean`` (JDBC ``IfxComplexInput.readString``/``readBoolean`` test exactly these).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from informix_types import decimals, temporal
from informix_wire.errors import DataError
from informix_wire.typecodes import NAMED_ROW, NOT_NULLABLE, ExtendedId, TypeCode

COLLECTION_CODES = {TypeCode.SET: "set", TypeCode.MULTISET: "multiset", TypeCode.LIST: "list"}
_KIND_CODES = {name: code for code, name in COLLECTION_CODES.items()}
#: LVARCHAR's default maximum (IBM Guide to SQL: Reference, "LVARCHAR"); JDBC describes the
#: elements it writes for strings with this length (IfxDatabaseMetaData lvarchar precision).
LVARCHAR_DEFAULT = 2048
#: Deepest nesting of ROW/collection types accepted from a peer.
MAX_DEPTH = 16


@dataclass(frozen=True)
class TypeNode:
    """One type in a ROW/collection type tree.

    ``code`` is the base type (no flag bits) and ``length`` its syscolumns length; ``field`` names
    a ROW's field; ``xid``/``name``/``owner`` are the extended id, type name and owner of opaque
    types and named ROW types (``named``); ``children`` are a ROW's fields or a collection's one
    element type.
    """

    code: int
    length: int = 0
    nullable: bool = True
    field: str = ""
    xid: int = 0
    name: str = ""
    owner: str = ""
    named: bool = False
    children: tuple[TypeNode, ...] = ()

    @property
    def wire_type(self) -> int:
        """The type short with its flag bits, as DESCRIBE and the binary type info send it."""
        flags = (0 if self.nullable else NOT_NULLABLE) | (NAMED_ROW if self.named else 0)
        return self.code | flags

    @property
    def is_row(self) -> bool:
        return self.code == TypeCode.ROW

    @property
    def is_collection(self) -> bool:
        return self.code in COLLECTION_CODES

    @property
    def is_composite(self) -> bool:
        return self.is_row or self.is_collection

    @property
    def element(self) -> TypeNode:
        """A collection's element type."""
        if not self.is_collection or len(self.children) != 1:
            raise DataError(f"{self.text()} has no single element type")
        return self.children[0]

    @property
    def kind(self) -> str:
        """``SET``/``MULTISET``/``LIST``/``ROW`` for composites, else the base type's name."""
        if self.is_collection:
            return COLLECTION_CODES[TypeCode(self.code)].upper()
        return "ROW" if self.is_row else _scalar_text(self).upper()

    def text(self) -> str:
        """The canonical type name: ``set(integer not null)``, ``row(a integer, b char(1))``."""
        if self.named:
            return self.name
        if self.is_collection:
            return f"{COLLECTION_CODES[TypeCode(self.code)]}({_member(self.element)})"
        if self.is_row:
            return "row(" + ", ".join(f"{c.field} {_member(c)}" for c in self.children) + ")"
        return _scalar_text(self)


def _member(node: TypeNode) -> str:
    return node.text() + ("" if node.nullable else " not null")


def collection(kind: str, element: TypeNode) -> TypeNode:
    """A SET/MULTISET/LIST of ``element`` (elements are NOT NULL, as IDS requires)."""
    code = _KIND_CODES.get(kind.lower())
    if code is None:
        raise DataError(f"{kind!r} is not a collection kind")
    return TypeNode(int(code), children=(replace(element, nullable=False, field=""),))


def row(fields: Sequence[tuple[str, TypeNode]]) -> TypeNode:
    """An unnamed ROW of ``(name, type)`` fields."""
    return TypeNode(
        TypeCode.ROW, children=tuple(replace(node, field=name) for name, node in fields)
    )


# ---------------------------------------------------------------------------------------------
# Scalars


def _fixed(code: int, length: int) -> TypeNode:
    return TypeNode(int(code), length)


INTEGER = _fixed(TypeCode.INT, 4)
SMALLINT = _fixed(TypeCode.SMALLINT, 2)
BIGINT = _fixed(TypeCode.BIGINT, 8)
INT8 = _fixed(TypeCode.INT8, 10)
FLOAT = _fixed(TypeCode.FLOAT, 8)
SMALLFLOAT = _fixed(TypeCode.SMALLFLOAT, 4)
DATE = _fixed(TypeCode.DATE, 4)
BOOLEAN = TypeNode(TypeCode.UDTFIXED, 1, xid=ExtendedId.BOOLEAN, name="boolean")
LVARCHAR = TypeNode(TypeCode.UDTVAR, LVARCHAR_DEFAULT, xid=ExtendedId.LVARCHAR, name="lvarchar")

_SIMPLE = {
    "smallint": SMALLINT,
    "integer": INTEGER,
    "int": INTEGER,
    "bigint": BIGINT,
    "int8": INT8,
    "serial": _fixed(TypeCode.SERIAL, 4),
    "serial8": _fixed(TypeCode.SERIAL8, 10),
    "bigserial": _fixed(TypeCode.BIGSERIAL, 8),
    "float": FLOAT,
    "smallfloat": SMALLFLOAT,
    "real": SMALLFLOAT,
    "date": DATE,
    "boolean": BOOLEAN,
}
_NAMES = {
    TypeCode.SMALLINT: "smallint",
    TypeCode.INT: "integer",
    TypeCode.BIGINT: "bigint",
    TypeCode.INT8: "int8",
    TypeCode.SERIAL: "serial",
    TypeCode.SERIAL8: "serial8",
    TypeCode.BIGSERIAL: "bigserial",
    TypeCode.FLOAT: "float",
    TypeCode.SMALLFLOAT: "smallfloat",
    TypeCode.DATE: "date",
}
_FIELDS = {"year": 0, "month": 2, "day": 4, "hour": 6, "minute": 8, "second": 10}
_FIELD_DIGITS = {0: 4, 2: 2, 4: 2, 6: 2, 8: 2, 10: 2}


def _scalar_text(node: TypeNode) -> str:
    code, length = node.code, node.length
    if node.xid == ExtendedId.LVARCHAR or code == TypeCode.LVARCHAR:
        return "lvarchar" if length in (0, LVARCHAR_DEFAULT) else f"lvarchar({length})"
    if node.xid == ExtendedId.BOOLEAN or code == TypeCode.BOOL:
        return "boolean"
    if node.name:
        return node.name
    simple = _NAMES.get(TypeCode(code)) if code in TypeCode._value2member_map_ else None
    if simple is not None:
        return simple
    if code in (TypeCode.CHAR, TypeCode.NCHAR):
        return f"{'nchar' if code == TypeCode.NCHAR else 'char'}({length})"
    if code in (TypeCode.VARCHAR, TypeCode.NVCHAR):
        base = "nvarchar" if code == TypeCode.NVCHAR else "varchar"
        reserve = length >> 8
        return f"{base}({length & 0xFF}{f',{reserve}' if reserve else ''})"
    if code in (TypeCode.DECIMAL, TypeCode.MONEY):
        return decimals.type_name("money" if code == TypeCode.MONEY else "decimal", length)
    if code == TypeCode.DATETIME:
        return "datetime " + temporal.qualifier_text(length, False).lower()
    if code == TypeCode.INTERVAL:
        return "interval " + temporal.qualifier_text(length, True).lower()
    return f"type{code}"


# ---------------------------------------------------------------------------------------------
# Parsing


class _Parser:
    """Recursive descent over the words, numbers and ``( ) ,`` of a type name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0

    def fail(self) -> DataError:
        return DataError(f"cannot read the type name {self.text!r}")

    def peek(self) -> str:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ""

    def take(self) -> str:
        word = self.peek()
        if not word:
            raise self.fail()
        self.pos += 1
        return word

    def expect(self, word: str) -> None:
        if self.take() != word:
            raise self.fail()

    def numbers(self) -> list[int]:
        """``(n[, m])`` when it follows, else nothing."""
        if self.peek() != "(":
            return []
        self.pos += 1
        values = []
        while True:
            word = self.take()
            if not word.isdigit():
                raise self.fail()
            values.append(int(word))
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect(")")
            return values

    def not_null(self) -> bool:
        if self.peek() == "not":
            self.pos += 1
            self.expect("null")
            return True
        return False

    def node(self, depth: int = 0) -> TypeNode:
        if depth > MAX_DEPTH:
            raise DataError(f"type name nested more than {MAX_DEPTH} deep: {self.text!r}")
        word = self.take()
        if word in _KIND_CODES:
            self.expect("(")
            element = self.node(depth + 1)
            nullable = not self.not_null()
            self.expect(")")
            return collection(word, replace(element, nullable=nullable))
        if word == "row":
            self.expect("(")
            fields: list[TypeNode] = []
            while True:
                name = self.take()
                if not name.replace("_", "a").isalnum():
                    raise self.fail()
                member = self.node(depth + 1)
                fields.append(replace(member, field=name, nullable=not self.not_null()))
                if self.take() == ")":
                    return TypeNode(TypeCode.ROW, children=tuple(fields))
                if self.tokens[self.pos - 1] != ",":
                    raise self.fail()
        return self.scalar(word)

    def scalar(self, word: str) -> TypeNode:
        simple = _SIMPLE.get(word)
        if simple is not None:
            if word == "float":
                self.numbers()  # FLOAT(n): n is accepted and ignored, as IDS does
            return simple
        if word == "double":
            self.expect("precision")
            return FLOAT
        if word in ("char", "character", "nchar"):
            if word == "character" and self.peek() == "varying":
                self.pos += 1
                return self.varchar(TypeCode.VARCHAR)
            args = self.numbers() or [1]
            return _fixed(TypeCode.NCHAR if word == "nchar" else TypeCode.CHAR, args[0])
        if word in ("varchar", "nvarchar"):
            return self.varchar(TypeCode.NVCHAR if word == "nvarchar" else TypeCode.VARCHAR)
        if word == "lvarchar":
            args = self.numbers()
            return replace(LVARCHAR, length=args[0] if args else LVARCHAR_DEFAULT)
        if word in ("decimal", "dec", "numeric", "money"):
            return self.decimal(word == "money")
        if word in ("datetime", "interval"):
            return self.temporal(word == "interval")
        raise DataError(f"type {word!r} in {self.text!r} is not supported inside a ROW/collection")

    def varchar(self, code: int) -> TypeNode:
        args = self.numbers() or [1]
        if len(args) > 2 or not 1 <= args[0] <= 255:
            raise self.fail()
        return _fixed(code, args[0] + 256 * (args[1] if len(args) > 1 else 0))

    def decimal(self, money: bool) -> TypeNode:
        args = self.numbers()
        precision = args[0] if args else 16
        if money:
            scale = args[1] if len(args) > 1 else 2
        else:
            scale = args[1] if len(args) > 1 else decimals.FLOATING_SCALE
        if not 1 <= precision <= decimals.MAX_DIGITS or len(args) > 2:
            raise self.fail()
        code = TypeCode.MONEY if money else TypeCode.DECIMAL
        return _fixed(code, precision << 8 | scale)

    def temporal(self, interval: bool) -> TypeNode:
        start, lead = self.field(interval, first=True)
        end = start
        if self.peek() == "to":
            self.pos += 1
            end, _ = self.field(interval, first=False)
        if end < start:
            raise self.fail()
        if interval:
            first = 11 if start > 10 else start
            leading = 0 if start > 10 else lead
            return _fixed(TypeCode.INTERVAL, (end - first + leading) << 8 | start << 4 | end)
        return _fixed(TypeCode.DATETIME, temporal.datetime_qualifier(start, end))

    def field(self, interval: bool, first: bool) -> tuple[int, int]:
        word = self.take()
        args = self.numbers()
        if word == "fraction":
            digits = args[0] if args else 3
            if not 1 <= digits <= 5:
                raise self.fail()
            return 10 + digits, 0
        code = _FIELDS.get(word)
        if code is None:
            raise self.fail()
        default = _FIELD_DIGITS[code] if code == 0 else 2
        return code, (args[0] if args else default) if interval and first else 0


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text.lower():
        if ch.isalnum() or ch in "_$":
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        if ch in "(),":
            out.append(ch)
        elif not ch.isspace() and ch not in "'\".":
            raise DataError(f"unexpected {ch!r} in the type name {text!r}")
    if word:
        out.append(word)
    return out


def parse(text: str) -> TypeNode:
    """The type tree of an Informix type name; DataError when it is not one."""
    parser = _Parser(text)
    node = parser.node()
    if parser.pos != len(parser.tokens):
        raise parser.fail()
    return node


def parse_composite(text: str) -> TypeNode | None:
    """The tree of a ROW/collection type name, or None when ``text`` is not one we can read."""
    if not text:
        return None
    try:
        node = parse(text)
    except DataError:
        return None
    return node if node.is_composite else None
