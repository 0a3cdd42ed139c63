"""IBM JDBC (java/InteropParams.java) against the test server's parameter descriptions and named
ROW types.

- ``PreparedStatement.getParameterMetaData`` is JDBC's reading of SQ_IDESCRIBE: each ``?`` has
  the type of the column it stands for (INSERT VALUES, UPDATE SET, comparisons, IN, BETWEEN,
  LIKE / MATCHES, a subquery's own table) or of its cast, INTEGER after FIRST, and "unknown"
  (type 51, which JDBC shows as OTHER with no class) in arithmetic, as IBM documents DESCRIBE
  INPUT (engine/param_types.py).
- JDBC converts bound values to those types (IfxValue.makeInstance): strings into DECIMAL, ints
  into FLOAT / SMALLINT, a Java ``int[]`` into a SET and null objects, which it can bind only
  with a described type; every value reads back as stored.
- Named ROW types: CREATE ROW TYPE, a column of one (described and read as the type, a
  ``java.sql.Struct`` named ``jp_person_t``), ``setObject`` of a Struct bound by type name (JDBC
  reads sysxtdtypes and sysattrtypes for it, also for a field of another named type), field
  access, DROP ROW TYPE ... RESTRICT refused (-9990) while a column uses the type and removing
  its catalog rows after.
"""

from __future__ import annotations

from typing import Any

import pytest
from jdbc_programs import scenario_data, scenarios

pytestmark = pytest.mark.interop

# java.sql.Types
CHAR, NUMERIC_DECIMAL, INTEGER, SMALLINT, DOUBLE, VARCHAR = 1, 3, 4, 5, 8, 12
BIGINT, LONGVARCHAR, DATE, TIMESTAMP, BOOLEAN, OTHER, STRUCT = -5, -1, 91, 93, 16, 1111, 2002
#: ParameterMetaData.isNullable
NO_NULLS, NULLABLE = 0, 1
#: How JDBC shows a parameter described as type 51, "not known".
UNKNOWN = [OTHER, "", 0, 0, NULLABLE, "unknown classname"]


@pytest.fixture(scope="session")
def params_jdbc(informix_server: Any) -> dict[str, Any]:
    """Scenario name -> its JSON line."""
    return scenarios("InteropParams", [informix_server.host, str(informix_server.port)])


@pytest.fixture
def jdbc(params_jdbc: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    """The data of the JDBC scenario named like the test (``test_<scenario>``)."""
    return scenario_data(params_jdbc, request)


def test_insert_parameters(jdbc: Any) -> None:
    assert jdbc == [
        [INTEGER, "serial", 0, 0, NO_NULLS, "java.lang.Integer"],
        [CHAR, "char", 0, 0, NO_NULLS, "java.lang.String"],
        [VARCHAR, "varchar", 0, 0, NULLABLE, "java.lang.String"],
        [NUMERIC_DECIMAL, "decimal", 8, 2, NULLABLE, "java.math.BigDecimal"],
        [NUMERIC_DECIMAL, "money", 10, 2, NULLABLE, "java.math.BigDecimal"],
        [DOUBLE, "float", 0, 0, NULLABLE, "java.lang.Double"],
        [BIGINT, "int8", 0, 0, NULLABLE, "java.lang.Long"],
        [BIGINT, "bigint", 0, 0, NULLABLE, "java.lang.Long"],
        [SMALLINT, "smallint", 0, 0, NULLABLE, "java.lang.Short"],
        [DATE, "date", 0, 0, NULLABLE, "java.sql.Date"],
        [TIMESTAMP, "datetime year to second", 0, 0, NULLABLE, "java.sql.Timestamp"],
        [CHAR, "interval day(2) to second", 0, 0, NULLABLE, "com.informix.jdbc.IntervalDF"],
        [BOOLEAN, "boolean", 0, 0, NULLABLE, "java.lang.Boolean"],
        [LONGVARCHAR, "lvarchar", 0, 0, NULLABLE, "java.lang.String"],
        [OTHER, "set(integer not null)", 0, 0, NULLABLE, "java.sql.Array"],
        [STRUCT, "row(a integer, b varchar(5))", 0, 0, NULLABLE, "java.sql.Struct"],
    ]  # fmt: skip


def test_parameter_positions(jdbc: Any) -> None:
    price = [NUMERIC_DECIMAL, "decimal", 6, 2, NULLABLE, "java.math.BigDecimal"]
    name = [VARCHAR, "varchar", 0, 0, NULLABLE, "java.lang.String"]
    date = [DATE, "date", 0, 0, NULLABLE, "java.sql.Date"]
    ident = [INTEGER, "int", 0, 0, NO_NULLS, "java.lang.Integer"]
    integer = [INTEGER, "int", 0, 0, NULLABLE, "java.lang.Integer"]
    assert jdbc == {
        "INSERT INTO jp_pos (price, name) VALUES (?, ?)": [price, name],
        "UPDATE jp_pos SET price = ?, d = ? WHERE id = ?": [price, date, ident],
        "SELECT * FROM jp_pos WHERE ? < price AND id IN (?, ?) AND d BETWEEN ? AND ?": [
            price, ident, ident, date, date,
        ],
        "SELECT * FROM jp_pos p WHERE p.name LIKE ? OR p.name MATCHES ?": [name, name],
        "DELETE FROM jp_pos WHERE id IN (SELECT id FROM jp_other WHERE x > ?)": [
            [DOUBLE, "float", 0, 0, NULLABLE, "java.lang.Double"],
        ],
        "SELECT FIRST ? id FROM jp_pos WHERE price + ? > 1 AND CAST(? AS DATE) = d "
        "AND ?::INT = id": [integer, UNKNOWN, date, integer],
    }  # fmt: skip


def test_binds_through_described_types(jdbc: Any) -> None:
    assert jdbc["rows"] == [
        ["abc       ", "varchar", "12.50", "3.25", "2.0", "1099511627776", "-1125899906842624",
         "7", "2024-02-29", "2024-02-29 13:14:15", None, "t", "long text", "[1, 2, 3]", None],
        ["nulls     ", *[None] * 14],
    ]  # fmt: skip
    assert jdbc["where"] == 1


def test_named_row(jdbc: Any) -> None:
    assert jdbc["create_struct"] == -79700  # IBM JDBC has no Connection.createStruct
    assert jdbc["parameters"] == [
        [INTEGER, "int", 0, 0, NULLABLE, "java.lang.Integer"],
        [STRUCT, "jp_person_t", 0, 0, NULLABLE, "java.sql.Struct"],
    ]
    assert jdbc["metadata"] == [STRUCT, "jp_person_t", "java.sql.Struct"]
    # JDBC blank-pads a VARCHAR element of a Struct it binds to the declared length
    # (IfxComplexOutput.writeStringWithLength), so bob's tags come back padded.
    assert jdbc["rows"] == [
        [1, ["jp_person_t", ["ann", "30", "[a, b]"]]],
        [2, ["jp_person_t", ["bob", "41", "[x         , y         ]"]]],
        [3, None],
    ]
    assert jdbc["field_where"] == [2]
    assert jdbc["drop_in_use"] == -9990
    assert jdbc["types_left"] == 0


def test_nested_named_row(jdbc: Any) -> None:
    """A field of a named ROW type: JDBC follows its sysattrtypes xtd_type_id to the inner
    type's own rows (IfxSqliConnect.loadStructInfo) to bind the Struct, and reads it back."""
    assert jdbc == [[["jp_emp_t", [["jp_name_t", ["ann", "lee"]], "10.50"]], "10.50"]]
