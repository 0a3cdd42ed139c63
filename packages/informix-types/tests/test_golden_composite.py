"""ROW and collection values against IBM's own classes (JDBC 4.50.10.1), in both directions.

``java/ComplexVectors.java`` drives ``IfxCollection``/``IfxRow``: what JDBC writes when it binds a
``java.util.Collection`` or ``Struct`` (IfxComplexOutput) must be what ``bind_value`` writes for
the same values, byte for byte, and must decode to the Python values we mean; what
``composite_binary`` writes for a tuple (the test server's side) must read back in JDBC
(IfxComplexInput) as the Java values IDS would give. Skips only when Java or the jar is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from informix_types import (
    CollectionValue,
    IntervalYM,
    RowValue,
    bind_value,
    composite_binary,
    decode_typed,
    typenames,
)
from informix_wire.typecodes import TypeCode

ifxjdbc = pytest.importorskip("ifxjdbc")

JAVA = Path(__file__).parent / "java" / "ComplexVectors.java"
ENC = "utf-8"

Jdbc = Callable[[list[str]], list[str]]


@pytest.fixture(scope="module")
def jdbc() -> Jdbc:
    try:
        classes = ifxjdbc.compile_java([JAVA])
    except ifxjdbc.JdbcUnavailable as exc:
        pytest.skip(f"Java/JDBC unavailable: {exc}")

    def ask(requests: list[str]) -> list[str]:
        done = ifxjdbc.run_java(
            classes, "com.informix.jdbc.ComplexVectors", input_text="\n".join(requests) + "\n"
        )
        lines = done.stdout.splitlines()
        assert len(lines) == len(requests), done.stderr[-2000:]
        for request, line in zip(requests, lines, strict=True):
            assert line.startswith("ok "), f"{request}: {line}"
        return [line[3:] for line in lines]

    return ask


# What JDBC writes for a Java collection, and the Python value that binds to the same bytes.
BINDS: list[tuple[str, Any, str]] = [
    ("write list int:1,2,3", [1, 2, 3], "list(integer not null)"),
    ("write list str:ab,c", ["ab", "c"], "list(lvarchar not null)"),
    ("write set int:1,3", {1, 3}, "set(integer not null)"),
    ("write multiset int:7", CollectionValue("MULTISET", (7,)), "multiset(integer not null)"),
    ("write list double:1.5,-2", [1.5, -2.0], "list(float not null)"),
    ("write list bool:true,false", [True, False], "list(boolean not null)"),
    ("write list date:2024-01-02,1899-12-31", [dt.date(2024, 1, 2), dt.date(1899, 12, 31)],
     "list(date not null)"),
]  # fmt: skip


@pytest.mark.parametrize(("request_", "value", "type_name"), BINDS, ids=[b[0] for b in BINDS])
def test_bound_collections_are_the_bytes_jdbc_sends(
    jdbc: Jdbc, request_: str, value: Any, type_name: str
) -> None:
    (answer,) = jdbc([request_])
    _, jdbc_hex = answer.split("|")
    bound = bind_value(value, ENC)
    assert bound.type == TypeCode.SENDRECV
    assert bound.type_name == type_name.encode()
    assert bound.data is not None
    assert bound.data.hex() == jdbc_hex
    assert decode_typed(bound, ENC) == value


# Structs JDBC writes (typed by their SQL type name) and the values they decode to. JDBC pads a
# VARCHAR field to its declared length (IfxComplexOutput.writeStringWithLength); that is data.
STRUCTS: list[tuple[str, RowValue, bool]] = [
    ("row row(a_int,_b_varchar(10),_c_lvarchar) int:1;str:hi;str:x",
     RowValue([1, "hi        ", "x"], ["a", "b", "c"]), True),
    ("row row(a_int,_b_set(int_not_null)) int:1;int:-", RowValue([1, None], ["a", "b"]), True),
    # a NULL VARCHAR field is padded too ([1][0] + blanks); the offset table finds the next field
    ("row row(a_int,_b_varchar(10),_c_int) int:-;str:-;int:3",
     RowValue([None, None, 3], ["a", "b", "c"]), False),
]  # fmt: skip


@pytest.mark.parametrize(("request_", "value", "same_bytes"), STRUCTS, ids=[s[0] for s in STRUCTS])
def test_structs_jdbc_binds_decode(
    jdbc: Jdbc, request_: str, value: RowValue, same_bytes: bool
) -> None:
    (answer,) = jdbc([request_])
    _, jdbc_hex = answer.split("|")
    data = bytes.fromhex(jdbc_hex)
    assert composite_binary.is_binary_form(data)
    decoded, node = composite_binary.decode(data, ENC)
    assert decoded == value
    assert decoded.names == value.names
    assert (composite_binary.encode(decoded, node, ENC) == data) is same_bytes


def test_empty_collections_jdbc_binds_as_null(jdbc: Jdbc) -> None:
    """JDBC sends an empty collection with the NULL flag and element ``char(1)``
    (IfxComplex.toIfx, constructExtendedName); bind_value sends an empty, non-NULL one."""
    (answer,) = jdbc(["write list int:"])
    _, jdbc_hex = answer.split("|")
    value, node = composite_binary.decode(bytes.fromhex(jdbc_hex), ENC)
    assert value is None
    assert node.text() == "list(char(1) not null)"
    bound = bind_value([], ENC)
    assert bound.type_name == b"list(char(1) not null)"
    assert decode_typed(bound, ENC) == []


# Values as the test server writes them in tuples, and how JDBC's ResultSet.getObject sees them.
READS: list[tuple[str, Any, str]] = [
    ("set(integer not null)", frozenset({3, 1, 2}), "HashSet[Integer:1, Integer:2, Integer:3]"),
    ("list(varchar(10) not null)", ["a", "bcd", ""], "ArrayList['a', 'bcd', '']"),
    ("multiset(lvarchar not null)", CollectionValue("MULTISET", ("x", "x")), "ArrayList['x', 'x']"),
    ("list(char(3) not null)", ["ab "], "ArrayList['ab ']"),
    ("list(list(integer not null) not null)", [[1, 2], [3], []],
     "ArrayList[ArrayList[Integer:1, Integer:2], ArrayList[Integer:3], ArrayList[]]"),
    ("set(row(a integer, b char(2)) not null)",
     frozenset({RowValue([1, "x "], ["a", "b"]), RowValue([2, "yy"], ["a", "b"])}),
     "HashSet[Struct[row ( a int , b char(2) )  not null](Integer:1,'x '), "
     "Struct[row ( a int , b char(2) )  not null](Integer:2,'yy')]"),
    ("list(set(varchar(5) not null) not null)", [frozenset({"a", "b"})],
     "ArrayList[HashSet['a', 'b']]"),
    ("list(datetime year to second not null)", [dt.datetime(2024, 1, 2, 3, 4, 5)],
     "ArrayList[Timestamp:2024-01-02 03:04:05.0]"),
    ("list(interval day(3) to second not null)", [dt.timedelta(days=1, seconds=5)],
     "ArrayList[IntervalDF:1 00:00:05]"),
    ("list(interval year(4) to month not null)", [IntervalYM(1, 2)], "ArrayList[IntervalYM:1-02]"),
    ("list(int8 not null)", [2**40], "ArrayList[Long:1099511627776]"),
    ("list(bigint not null)", [-(2**40)], "ArrayList[Long:-1099511627776]"),
    ("list(smallint not null)", [7], "ArrayList[Short:7]"),
    ("list(smallfloat not null)", [1.5], "ArrayList[Float:1.5]"),
    ("list(money(8,2) not null)", [Decimal("1.25")], "ArrayList[1.25]"),
    ("list(decimal(10) not null)", [Decimal("1.25")], "ArrayList[1.25]"),
    ("set(integer not null)", frozenset(), "HashSet[]"),
    ("set(integer not null)", None, "null"),
]  # fmt: skip
ROW_TYPE = (
    "row(a integer, b varchar(10), c decimal(5,2), d date, e boolean, "
    "f set(integer not null), g lvarchar)"
)
JDBC_ROW_NAME = (
    "row ( a int , b varchar(10) , c decimal(5,2) , d date , e boolean, "
    "f set (  int  not null) , g lvarchar) "
)
ROW_READS: list[tuple[str, Any, str]] = [
    (ROW_TYPE,
     RowValue([1, "hi", Decimal("2.50"), dt.date(2024, 1, 2), True, frozenset({1, 2}), "long"]),
     f"Struct[{JDBC_ROW_NAME}](Integer:1,'hi',2.50,Date:2024-01-02,Boolean:true,"
     "HashSet[Integer:1, Integer:2],'long')"),
    (ROW_TYPE, RowValue([None] * 7),
     f"Struct[{JDBC_ROW_NAME}](null,null,null,null,null,null,null)"),
    ("row(a row(x integer, y lvarchar), b list(boolean not null))",
     RowValue([RowValue([1, "q"]), [True]]),
     "Struct[row ( a row ( x int , y lvarchar) , b list (  boolean not null) ) ]"
     "(Struct[a row ( x int , y lvarchar) ](Integer:1,'q'),ArrayList[Boolean:true])"),
    ("row(a boolean, b integer)", RowValue([None, 5]),
     "Struct[row ( a boolean, b int ) ](null,Integer:5)"),
    ("row(a integer)", None, "null"),
]  # fmt: skip


def test_server_tuples_read_in_jdbc_as_ids_values(jdbc: Jdbc) -> None:
    cases = [(t, v, e, "coll") for t, v, e in READS] + [(t, v, e, "row") for t, v, e in ROW_READS]
    requests = [
        f"read_{kind} " + composite_binary.encode(value, typenames.parse(type_name), ENC).hex()
        for type_name, value, _, kind in cases
    ]
    answers = jdbc(requests)
    for (type_name, value, expected, _), answer in zip(cases, answers, strict=True):
        assert answer == expected, type_name
        node = typenames.parse(type_name)
        data = composite_binary.encode(value, node, ENC)
        assert composite_binary.decode(data, ENC) == (value, node)
