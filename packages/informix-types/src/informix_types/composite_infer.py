"""The ROW/collection type of a Python value, for binding it without a column to fit.

IBM JDBC types a ``java.util.Collection`` or ``Struct`` it binds from its elements' Java classes
(``IfxComplexOutput.getIfxType``/``writeElement``): Integer INTEGER, Double FLOAT, Boolean BOOLEAN
(45), String LVARCHAR (43, length 2048), Date DATE, Timestamp DATETIME YEAR TO FRACTION(5), and an
empty collection or a NULL field "unknown" (49), which it names ``char(1)``
(``IfxComplex.constructExtendedName``). The same rules here, from Python types:

- ``set``/``frozenset`` SET, ``list`` LIST, ``CollectionValue`` its kind; ``tuple``/``RowValue``
  (and a mapping, its keys naming the fields) ROW, named ``field1``... when the fields have no
  names, and a named ROW type when ``RowValue.type_name`` is set;
- ``bool`` BOOLEAN; ``int`` INTEGER, or BIGINT when one needs 64 bits, or DECIMAL beyond that;
  ``float`` FLOAT; ``Decimal`` DECIMAL(p,s) wide enough for every element (a collection of ints and
  floats is FLOAT, of ints and Decimals DECIMAL); ``str`` LVARCHAR; ``datetime`` DATETIME YEAR TO
  FRACTION(5); ``date`` DATE; ``time`` DATETIME HOUR TO SECOND (FRACTION(5) with microseconds);
  ``timedelta`` INTERVAL DAY(9) TO FRACTION(5); ``IntervalYM`` INTERVAL YEAR(9) TO MONTH.

Elements of one collection must share one type; NULL elements and bytes are refused (IDS
collections hold no NULLs and no BYTE/TEXT).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from informix_types import decimals, temporal, typenames
from informix_types.typenames import TypeNode
from informix_types.values import CollectionValue, IntervalYM, RowValue
from informix_wire.errors import DataError, NotSupportedError
from informix_wire.typecodes import TypeCode

UNKNOWN = TypeNode(TypeCode.UNKNOWN)
#: What JDBC sends an "unknown" element or field as (constructExtendedName: type 49 -> char(1)).
UNKNOWN_AS = TypeNode(TypeCode.CHAR, 1)
#: JDBC's untyped string element: LVARCHAR (43) of the default maximum length.
STRING = TypeNode(TypeCode.LVARCHAR, typenames.LVARCHAR_DEFAULT)
BOOLEAN = TypeNode(TypeCode.BOOL, 1)
_INT32 = 0x7FFFFFFF
_INT64 = 0x7FFFFFFFFFFFFFFF
_INTEGERS = (TypeCode.INT, TypeCode.BIGINT)


def node_for(value: Any) -> TypeNode:
    """The type tree of a ROW or collection value (unknown leaves become CHAR(1))."""
    return _settle(_node(value, 0))


def is_composite(value: object) -> bool:
    return isinstance(value, tuple | list | set | frozenset | CollectionValue | Mapping)


def _node(value: Any, depth: int) -> TypeNode:
    if depth > typenames.MAX_DEPTH:
        raise DataError(f"ROW/collection value nested more than {typenames.MAX_DEPTH} deep")
    if value is None:
        return UNKNOWN
    if isinstance(value, tuple | Mapping):
        return _row(value, depth)
    if isinstance(value, CollectionValue):
        return _collection(value.kind, value.items, depth)
    if isinstance(value, set | frozenset):
        return _collection("SET", value, depth)
    if isinstance(value, list):
        return _collection("LIST", value, depth)
    return _scalar(value)


def _row(value: tuple[Any, ...] | Mapping[str, Any], depth: int) -> TypeNode:
    if isinstance(value, Mapping):
        names = [str(k) for k in value]
        items = list(value.values())
    else:
        items = list(value)
        names = list(value.names) if isinstance(value, RowValue) and value.names else []
    if not items:
        raise DataError("a ROW needs at least one field")
    names = names or [f"field{i + 1}" for i in range(len(items))]
    fields = [(name, _node(item, depth + 1)) for name, item in zip(names, items, strict=True)]
    node = typenames.row(fields)
    type_name = value.type_name if isinstance(value, RowValue) else ""
    return replace(node, named=True, name=type_name) if type_name else node


def _collection(kind: str, items: Iterable[Any], depth: int) -> TypeNode:
    element = UNKNOWN
    for item in items:
        if item is None:
            raise DataError(f"a {kind} cannot hold NULL elements")
        element = merge(element, _node(item, depth + 1))
    return typenames.collection(kind, element)


def _scalar(value: Any) -> TypeNode:
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, int):
        if -_INT32 <= value <= _INT32:
            return typenames.INTEGER
        if -_INT64 <= value <= _INT64:
            return typenames.BIGINT
        return _decimal(Decimal(value))
    if isinstance(value, float):
        return typenames.FLOAT
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, str):
        return STRING
    if isinstance(value, dt.datetime):
        return TypeNode(TypeCode.DATETIME, temporal.DATETIME_FULL)
    if isinstance(value, dt.date):
        return typenames.DATE
    if isinstance(value, dt.time):
        word = temporal.TIME_FULL if value.microsecond else temporal.TIME_SECONDS
        return TypeNode(TypeCode.DATETIME, word)
    if isinstance(value, dt.timedelta):
        return TypeNode(TypeCode.INTERVAL, temporal.INTERVAL_DF_FULL)
    if isinstance(value, IntervalYM):
        return TypeNode(TypeCode.INTERVAL, temporal.INTERVAL_YM_FULL)
    raise NotSupportedError(f"cannot put a {type(value).__name__} inside a ROW or collection")


def _decimal(value: Decimal) -> TypeNode:
    if not value.is_finite():
        raise DataError(f"{value} cannot be stored in an Informix DECIMAL")
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    scale = max(-exponent, 0)
    whole = max(len(digits) + exponent, 1)
    return _decimal_node(whole, scale)


def _decimal_node(whole: int, scale: int) -> TypeNode:
    if whole + scale > decimals.MAX_DIGITS:
        return TypeNode(TypeCode.DECIMAL, decimals.MAX_DIGITS << 8 | decimals.FLOATING_SCALE)
    return TypeNode(TypeCode.DECIMAL, (whole + scale) << 8 | scale)


def _decimal_parts(node: TypeNode) -> tuple[int, int]:
    """(integer digits, scale) of a DECIMAL node, or of an integer type as a DECIMAL."""
    if node.code == TypeCode.INT:
        return 10, 0
    if node.code == TypeCode.BIGINT:
        return 19, 0
    precision, scale = node.length >> 8, node.length & 0xFF
    if scale == decimals.FLOATING_SCALE:
        return decimals.MAX_DIGITS, decimals.MAX_DIGITS
    return precision - scale, scale


def merge(a: TypeNode, b: TypeNode) -> TypeNode:
    """One type that holds values of both ``a`` and ``b``; DataError when there is none."""
    if a.code == TypeCode.UNKNOWN:
        return b
    if b.code == TypeCode.UNKNOWN or a == b:
        return a
    codes = {a.code, b.code}
    if codes <= set(_INTEGERS):
        return typenames.BIGINT
    if codes <= {*_INTEGERS, TypeCode.FLOAT}:
        return typenames.FLOAT
    if codes <= {*_INTEGERS, TypeCode.DECIMAL}:
        (wa, sa), (wb, sb) = _decimal_parts(a), _decimal_parts(b)
        return _decimal_node(max(wa, wb), max(sa, sb))
    if a.code == b.code == TypeCode.DATETIME and {a.length, b.length} == {
        temporal.TIME_SECONDS,
        temporal.TIME_FULL,
    }:
        return TypeNode(TypeCode.DATETIME, temporal.TIME_FULL)
    if a.code == b.code and a.is_collection:
        return replace(a, children=(merge(a.element, b.element),))
    if a.code == b.code and a.is_row and len(a.children) == len(b.children) and a.name == b.name:
        children = tuple(
            replace(merge(x, y), field=x.field) for x, y in zip(a.children, b.children, strict=True)
        )
        return replace(a, children=children)
    raise DataError(f"elements of one collection must share a type, not {a.kind} and {b.kind}")


def _settle(node: TypeNode) -> TypeNode:
    """``node`` with unknown leaves made CHAR(1) and collection elements NOT NULL."""
    if node.code == TypeCode.UNKNOWN:
        return replace(UNKNOWN_AS, field=node.field, nullable=node.nullable)
    if not node.children:
        return node
    children = tuple(_settle(child) for child in node.children)
    if node.is_collection:
        children = tuple(replace(child, nullable=False) for child in children)
    return replace(node, children=children)
