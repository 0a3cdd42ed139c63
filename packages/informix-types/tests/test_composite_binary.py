"""Type names, the binary ROW/collection form and the types inferred for binds, without Java
(test_golden_composite.py pins the bytes against IBM's classes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from informix_types import (
    CollectionValue,
    IntervalYM,
    RowValue,
    bind_value,
    composite_infer,
    decode_typed,
    typenames,
)
from informix_types import composite_binary as cb
from informix_wire.errors import DataError, NotSupportedError
from informix_wire.typecodes import NAMED_ROW, NOT_NULLABLE, TypeCode

ENC = "utf-8"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("SET(INTEGER NOT NULL)", "set(integer not null)"),
        ("list (  int  not null) ", "list(integer not null)"),  # JDBC's own spelling
        ("row ( a int , b varchar(10) , c lvarchar) ", "row(a integer, b varchar(10), c lvarchar)"),
        ("multiset(row(x decimal(5,2), y char) not null)",
         "multiset(row(x decimal(5,2), y char(1)) not null)"),
        ("list(list(datetime year to fraction(3) not null) not null)",
         "list(list(datetime year to fraction(3) not null) not null)"),
        ("set(interval day(5) to second not null)", "set(interval day(5) to second not null)"),
        ("list(interval year to month not null)", "list(interval year(4) to month not null)"),
        ("row(m money, d decimal, f double precision, g float(5), v varchar(10,2), n nchar(3))",
         "row(m money(16,2), d decimal(16), f float, g float, v varchar(10,2), n nchar(3))"),
        ("row(b boolean not null, l lvarchar(100), i8 int8, bi bigint, s smallfloat)",
         "row(b boolean not null, l lvarchar(100), i8 int8, bi bigint, s smallfloat)"),
    ],
)  # fmt: skip
def test_type_names_parse_to_one_canonical_spelling(text: str, canonical: str) -> None:
    node = typenames.parse(text)
    assert node.text() == canonical
    assert typenames.parse(canonical) == node


def test_type_nodes_carry_describe_codes_and_lengths() -> None:
    node = typenames.parse("row(a varchar(10,2) not null, b set(boolean not null), c lvarchar)")
    a, b, c = node.children
    assert (a.code, a.length, a.wire_type) == (TypeCode.VARCHAR, 10 + 2 * 256, 13 | NOT_NULLABLE)
    assert (b.element.code, b.element.xid) == (TypeCode.UDTFIXED, 5)
    assert (c.code, c.length, c.xid, c.name) == (TypeCode.UDTVAR, 2048, 1, "lvarchar")
    named = typenames.TypeNode(TypeCode.ROW, named=True, name="person_t", children=node.children)
    assert (named.text(), named.wire_type) == ("person_t", 22 | NAMED_ROW)


BAD_NAMES = ["set(integer", "row()", "row(a)", "set(text not null)", "list(integer) x", "row(a,)"]


@pytest.mark.parametrize("text", BAD_NAMES)
def test_bad_type_names_are_data_errors(text: str) -> None:
    with pytest.raises(DataError):
        typenames.parse(text)
    assert typenames.parse_composite(text) is None


def test_scalar_names_are_not_composites() -> None:
    assert typenames.parse_composite("integer") is None
    assert typenames.parse_composite("") is None


INFERRED: list[tuple[Any, str]] = [
    ({1, 2}, "set(integer not null)"),
    ([1, 2**40], "list(bigint not null)"),
    ([1, 2.5], "list(float not null)"),
    ([1, Decimal("2.25"), Decimal("-300.5")], "list(decimal(12,2) not null)"),
    ([10**40], "list(decimal(32) not null)"),
    (["a"], "list(lvarchar not null)"),
    ([True], "list(boolean not null)"),
    ([dt.datetime(2024, 1, 2)], "list(datetime year to fraction(5) not null)"),
    ([dt.time(1, 2), dt.time(1, 2, 3, 50)], "list(datetime hour to fraction(5) not null)"),
    ([dt.timedelta(1)], "list(interval day(9) to fraction(5) not null)"),
    ([IntervalYM(1)], "list(interval year(9) to month not null)"),
    (CollectionValue("MULTISET", ()), "multiset(char(1) not null)"),
    ((1, None), "row(field1 integer, field2 char(1))"),
    ({"a": 1, "b": "x"}, "row(a integer, b lvarchar)"),
    ([RowValue([1, None], ["a", "b"]), RowValue([None, 2.5], ["a", "b"])],
     "list(row(a integer, b float) not null)"),
    ([[1], [2**40], []], "list(list(bigint not null) not null)"),
    (RowValue([1], ["a"], "person_t"), "person_t"),
]  # fmt: skip


@pytest.mark.parametrize(("value", "type_name"), INFERRED, ids=[t for _, t in INFERRED])
def test_bind_types_come_from_the_elements(value: Any, type_name: str) -> None:
    assert composite_infer.node_for(value).text() == type_name
    bound = bind_value(value, ENC)
    assert bound.type_name == type_name.encode()
    expected = value if isinstance(value, list | CollectionValue) else None
    if isinstance(value, set):
        expected = frozenset(value)
    if expected is not None:
        assert decode_typed(bound, ENC) == expected


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ([1, "a"], DataError),
        ([None], DataError),
        ([Decimal(1), 1.5], DataError),
        ([b"x"], NotSupportedError),
        ((), DataError),
        ([(1,), (1, 2)], DataError),
        ([Decimal("NaN")], DataError),
    ],
)
def test_unbindable_composites_raise_pep249_errors(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        bind_value(value, ENC)


def test_short_identifiers_are_read_too() -> None:
    """Without capability bits 10/18 identifiers are 18 bytes (JDBC IfxComplex.setIdentSize)."""
    node = typenames.parse("row(a integer, b list(varchar(5) not null))")
    value = RowValue([7, ["x", "yz"]], ["a", "b"])
    short = cb.encode(value, node, ENC, ident=cb.IDENT_SHORT)
    long = cb.encode(value, node, ENC)
    assert len(long) - len(short) == (128 - 18) * (1 + 3 * 4)
    assert cb.decode(short, ENC) == cb.decode(long, ENC) == (value, node)


def test_nested_values_are_aligned_as_jdbc_expects() -> None:
    """A nested value's flags sit at an 8-aligned place (IfxComplexOutput.getUDToffset)."""
    offsets = [cb.udt_offset(start) for start in range(8)]
    assert offsets == [8, 7, 6, 5, 4, 3, 10, 9]
    assert all((start + offset) % 8 == 0 for start, offset in enumerate(offsets))
    node = typenames.parse("list(set(integer not null) not null)")
    data = cb.encode([frozenset({1}), frozenset({2, 3})], node, ENC)
    value, _ = cb.decode(data, ENC)
    assert value == [frozenset({1}), frozenset({2, 3})]


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[:-1],
        lambda d: d + b"\0",
        lambda d: b"\x00\x00\x00\x00",
        lambda d: d[:4] + b"\xff" * (len(d) - 4),
    ],
)
def test_malformed_values_are_data_errors(damage: Any) -> None:
    data = bind_value([1, 2], ENC).data
    assert data is not None
    with pytest.raises(DataError):
        cb.decode(damage(data), ENC)


def test_deep_nesting_is_refused() -> None:
    text = "list(" * 20 + "integer" + " not null)" * 20
    with pytest.raises(DataError):
        typenames.parse(text)
    deep: Any = 1
    for _ in range(20):
        deep = [deep]
    with pytest.raises(DataError):
        bind_value(deep, ENC)


def test_a_set_of_unhashable_elements_stays_a_collection_value() -> None:
    node = typenames.parse("set(list(integer not null) not null)")
    value, _ = cb.decode(cb.encode([[1], [2]], node, ENC), ENC)
    assert value == CollectionValue("SET", ([1], [2]))
