"""The type cases of test_cross_client.py: per SQL type a column definition, JDBC's setter and
reader names (java/CrossClient.java), and edge values with the exact Python value informix_db
must return, the JDBC reading expected, and the SQL literal that writes them."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from informix_db import IntervalYM

# java.sql.Types codes for setNull
_SMALLINT, _INTEGER, _BIGINT, _REAL, _DOUBLE, _DECIMAL = 5, 4, -5, 7, 8, 3
_CHAR, _VARCHAR, _BOOLEAN, _DATE, _TIME, _TIMESTAMP = 1, 12, 16, 91, 92, 93
#: An INTERVAL NULL: JDBC's setNull(i, Types.OTHER) fails (-79728, no IfxValue for OTHER), so
#: IfxPreparedStatement.setNull(i, sqlType, ifxType 14) names the Informix type.
_INTERVAL_NULL = "1111,14"
_BINARY, _LONGVARCHAR, _BLOB, _CLOB = -2, -1, 2004, 2005


def _f32(value: float) -> float:
    """The value a SMALLFLOAT (IEEE single) column stores."""
    result: float = struct.unpack(">f", struct.pack(">f", value))[0]
    return result


@dataclass(frozen=True)
class Value:
    """One edge value: the exact Python value informix_db must read back, how JDBC binds it, how
    informix_db binds it (default: the expected value), and its SQL literal."""

    expected: Any
    setter: str
    text: str
    literal: str | None  # None: the type has no literal form (BYTE, TEXT, BLOB, CLOB)
    param: Any = None

    @property
    def py_param(self) -> Any:
        return self.expected if self.param is None else self.param


@dataclass(frozen=True)
class Case:
    """A column type, how JDBC reads it (a CrossClient reader and its conversion to Python), and
    its values; a NULL row (k = 0, bound with ``setNull(null_type)``) comes first unless
    ``null_type`` is None."""

    name: str
    coldef: str
    reader: str
    from_jdbc: Callable[[Any], Any]
    values: tuple[Value, ...]
    null_type: int | str | None

    def rows(self, *, literal: bool = False) -> dict[int, Any]:
        """k -> expected value (with ``literal``, only values that have a literal)."""
        rows: dict[int, Any] = {0: None} if self.null_type is not None else {}
        for k, v in enumerate(self.values, start=1):
            if not literal or v.literal is not None:
                rows[k] = v.expected
        return rows


def _int(v: Any) -> int:
    return int(v)


def _ts(v: Any) -> dt.datetime:
    return dt.datetime.fromisoformat(v)


def _interval_df(v: Any) -> dt.timedelta:
    seconds, nanos = (int(x) for x in v.split(","))
    return dt.timedelta(
        seconds=seconds, microseconds=nanos // 1000 if nanos >= 0 else -(-nanos // 1000)
    )


def _interval_ym(v: Any) -> IntervalYM:
    return IntervalYM.from_months(int(v))


def _ints(name: str, coldef: str, null_type: int | str | None, setter: str, *values: int) -> Case:
    reader = "int" if setter in ("short", "int") else "long"
    vals = tuple(Value(v, setter, str(v), str(v)) for v in values)
    return Case(name, coldef, reader, _int, vals, null_type)


def _decimals(name: str, coldef: str, *values: str, setter: str = "bigdecimal") -> Case:
    vals = tuple(Value(Decimal(v), setter, v, v) for v in values)
    return Case(name, coldef, "bigdecimal", Decimal, vals, _DECIMAL)


def _stored_decimal(name: str, coldef: str, pairs: tuple[tuple[str, str], ...]) -> Case:
    """Values whose stored form differs from what was bound (floating DECIMAL drops trailing
    zeros): (bound, read back)."""
    vals = tuple(
        Value(Decimal(read), "bigdecimal", bound, bound, Decimal(bound)) for bound, read in pairs
    )
    return Case(name, coldef, "bigdecimal", Decimal, vals, _DECIMAL)


def _strings(name: str, coldef: str, pairs: tuple[tuple[str, str], ...]) -> Case:
    """(bound, read back) text pairs; CHAR pads with blanks."""
    vals = tuple(
        Value(read, "string", bound, "'" + bound.replace("'", "''") + "'", bound)
        for bound, read in pairs
    )
    return Case(name, coldef, "string", str, vals, _VARCHAR)


def _dt_literal(value: dt.datetime | dt.date | dt.time, qualifier: str) -> str:
    text = value.isoformat(" ") if isinstance(value, dt.datetime) else value.isoformat()
    return f"DATETIME({text}) {qualifier}"


D = dt.date
T = dt.time
DT = dt.datetime
TD = dt.timedelta
#: Interval qualifiers for CrossClient: ",leading precision,start code,end code" (JDBC
#: com.informix.lang.Interval codes: YEAR 0, MONTH 2, DAY 4, HOUR 6, MINUTE 8, SECOND 10,
#: FRACTION(5) 15).
_DAY5_F5, _HOUR2_MIN, _YEAR4_MONTH = ",5,4,15", ",2,6,8", ",4,0,2"
LONG_TEXT = "".join(chr(0x41 + i % 26) for i in range(32739))

CASES: tuple[Case, ...] = (
    _ints("smallint", "SMALLINT", _SMALLINT, "short", -32767, 32767, 0, -1),
    _ints("integer", "INTEGER", _INTEGER, "int", -2147483647, 2147483647, 0),
    _ints("bigint", "BIGINT", _BIGINT, "long", -9223372036854775807, 9223372036854775807, 0),
    _ints("int8", "INT8", _BIGINT, "long", -9223372036854775807, 9223372036854775807, 4294967296),
    # No NULL row and no maximum for the serials: the test server ends the session on a NULL
    # (engine/connection.py _insert: int(None)) and draws its sequence one by one up to an explicit
    # value (_move_serials_past), which for 2**31 - 1 takes minutes. Both reported to the lead.
    _ints("serial", "SERIAL", None, "int", 7, 100000),
    _ints("serial8", "SERIAL8", None, "long", 7, 100000),
    _ints("bigserial", "BIGSERIAL", None, "long", 7, 100000),
    Case(
        "smallfloat",
        "SMALLFLOAT",
        "float",
        lambda v: _f32(float(v)),
        (
            Value(1.5, "float", "1.5", "1.5"),
            Value(_f32(0.1), "float", "0.1", "0.1", 0.1),
            Value(_f32(-3.4028234663852886e38), "float", "-3.4028235E38", "-3.4028235e38"),
            Value(_f32(1.1754943508222875e-38), "float", "1.17549435E-38", "1.17549435e-38"),
        ),
        _REAL,
    ),
    Case(
        "float",
        "FLOAT",
        "double",
        float,
        (
            Value(0.1, "double", "0.1", "0.1"),
            Value(
                -1.7976931348623157e308,
                "double",
                "-1.7976931348623157E308",
                "-1.7976931348623157e308",
            ),
            Value(
                2.2250738585072014e-308,
                "double",
                "2.2250738585072014E-308",
                "2.2250738585072014e-308",
            ),
            Value(123456789.125, "double", "123456789.125", "123456789.125"),
        ),
        _DOUBLE,
    ),
    _decimals("decimal_5_2", "DECIMAL(5,2)", "1.50", "-999.99", "0.00", "0.01"),
    _decimals(
        "decimal_32_10",
        "DECIMAL(32,10)",
        "1234567890123456789012.3456789012",
        "-0.0000000001",
        "1.5000000000",
    ),
    _decimals("decimal_32_0", "DECIMAL(32,0)", "99999999999999999999999999999999", "-1"),
    _stored_decimal(
        "decimal_16_floating",
        "DECIMAL(16)",
        (
            ("1.50", "1.5"),
            ("123456789.0123456", "123456789.0123456"),
            ("-0.000001", "-0.000001"),
            ("1E+20", "1E+20"),
        ),
    ),
    _stored_decimal(
        "decimal_32_floating",
        "DECIMAL(32)",
        (
            ("12345678901234567890123456789012", "12345678901234567890123456789012"),
            ("0.1234567890123456789012345678901", "0.1234567890123456789012345678901"),
        ),
    ),
    _decimals("money_16_2", "MONEY(16,2)", "12345678901234.56", "-0.01", "1.50"),
    _strings(
        "char_10",
        "CHAR(10)",
        (("abc", "abc       "), ("", "          "), ("0123456789", "0123456789")),
    ),
    _strings("nchar_10", "NCHAR(10)", (("xyz", "xyz       "),)),
    _strings(
        "varchar_255",
        "VARCHAR(255)",
        (
            ("hello", "hello"),
            ("", ""),
            ("  two blanks  ", "  two blanks  "),
            ("x" * 255, "x" * 255),
            ("it's", "it's"),
        ),
    ),
    _strings("nvarchar_100", "NVARCHAR(100)", (("nv", "nv"), (" ", " "))),
    _strings("lvarchar", "LVARCHAR", (("lv", "lv"), ("y" * 2048, "y" * 2048))),
    # 32739 bytes is the largest LVARCHAR column IDS allows (IBM Guide to SQL: Reference,
    # "LVARCHAR data type"), so no column can hold a value past 64 KB.
    _strings("lvarchar_32739", "LVARCHAR(32739)", (("short", "short"), (LONG_TEXT, LONG_TEXT))),
    Case(
        "boolean",
        "BOOLEAN",
        "boolean",
        bool,
        (Value(True, "boolean", "true", "'t'"), Value(False, "boolean", "false", "'f'")),
        _BOOLEAN,
    ),
    Case(
        "date",
        "DATE",
        "date",
        D.fromisoformat,
        tuple(
            Value(d, "date", d.isoformat(), f"MDY({d.month},{d.day},{d.year})")
            for d in (
                D(2024, 2, 29),
                D(1899, 12, 31),
                D(1970, 1, 1),
                D(9999, 12, 31),
                D(1900, 3, 1),
            )
        ),
        _DATE,
    ),
    Case(
        "datetime_year_to_second",
        "DATETIME YEAR TO SECOND",
        "timestamp",
        _ts,
        tuple(
            Value(v, "timestamp", v.isoformat(" "), _dt_literal(v, "YEAR TO SECOND"))
            for v in (
                DT(2024, 2, 29, 13, 45, 56),
                DT(2001, 1, 2, 3, 4, 5),
                DT(9999, 12, 31, 23, 59, 59),
                DT(1900, 1, 1, 0, 0, 0),
            )
        ),
        _TIMESTAMP,
    ),
    Case(
        "datetime_year_to_fraction5",
        "DATETIME YEAR TO FRACTION(5)",
        "timestamp",
        _ts,
        tuple(
            Value(v, "timestamp", v.isoformat(" "), _dt_literal(v, "YEAR TO FRACTION(5)"))
            for v in (
                DT(2024, 2, 29, 13, 45, 56, 123450),
                DT(2005, 1, 2, 3, 4, 5, 10),
                DT(1999, 12, 31, 23, 59, 59, 999990),
            )
        ),
        _TIMESTAMP,
    ),
    Case(
        "datetime_year_to_fraction3",
        "DATETIME YEAR TO FRACTION(3)",
        "timestamp",
        _ts,
        (
            Value(
                DT(2024, 2, 29, 13, 45, 56, 123000),
                "timestamp",
                "2024-02-29 13:45:56.123",
                "DATETIME(2024-02-29 13:45:56.123) YEAR TO FRACTION(3)",
            ),
        ),
        _TIMESTAMP,
    ),
    Case(
        "datetime_hour_to_second",
        "DATETIME HOUR TO SECOND",
        "time",
        T.fromisoformat,
        tuple(
            Value(v, "time", v.isoformat(), _dt_literal(v, "HOUR TO SECOND"))
            for v in (T(13, 45, 56), T(0, 0, 0), T(23, 59, 59), T(1, 2, 3))
        ),
        _TIME,
    ),
    Case(
        "datetime_year_to_day",
        "DATETIME YEAR TO DAY",
        "date",
        D.fromisoformat,
        tuple(
            Value(v, "date", v.isoformat(), _dt_literal(v, "YEAR TO DAY"))
            for v in (D(2024, 2, 29), D(2001, 1, 2), D(9999, 12, 31))
        ),
        _DATE,
    ),
    Case(
        "datetime_year_to_minute",
        "DATETIME YEAR TO MINUTE",
        "timestamp",
        _ts,
        (
            Value(
                DT(2024, 2, 29, 13, 45),
                "timestamp",
                "2024-02-29 13:45:00",
                "DATETIME(2024-02-29 13:45) YEAR TO MINUTE",
            ),
        ),
        _TIMESTAMP,
    ),
    Case(
        "interval_day5_to_fraction5",
        "INTERVAL DAY(5) TO FRACTION(5)",
        "interval",
        _interval_df,
        (
            Value(
                TD(days=12345, hours=1, minutes=2, seconds=3, microseconds=45670),
                "intervaldf",
                f"{12345 * 86400 + 3723},45670000" + _DAY5_F5,
                "INTERVAL(12345 01:02:03.04567) DAY(5) TO FRACTION(5)",
            ),
            Value(
                -TD(days=3, seconds=5),
                "intervaldf",
                f"{-(3 * 86400 + 5)},0" + _DAY5_F5,
                "INTERVAL(-3 00:00:05.00000) DAY(5) TO FRACTION(5)",
            ),
            Value(
                -TD(microseconds=10),
                "intervaldf",
                "0,-10000" + _DAY5_F5,
                "INTERVAL(-0 00:00:00.00001) DAY(5) TO FRACTION(5)",
            ),
            Value(
                TD(0),
                "intervaldf",
                "0,0" + _DAY5_F5,
                "INTERVAL(0 00:00:00.00000) DAY(5) TO FRACTION(5)",
            ),
        ),
        _INTERVAL_NULL,
    ),
    Case(
        "interval_hour_to_minute",
        "INTERVAL HOUR TO MINUTE",
        "interval",
        _interval_df,
        (
            Value(
                TD(hours=5, minutes=7),
                "intervaldf",
                "18420,0" + _HOUR2_MIN,
                "INTERVAL(5:07) HOUR TO MINUTE",
            ),
            Value(
                -TD(hours=1, minutes=30),
                "intervaldf",
                "-5400,0" + _HOUR2_MIN,
                "INTERVAL(-1:30) HOUR TO MINUTE",
            ),
            Value(
                TD(hours=99, minutes=59),
                "intervaldf",
                f"{99 * 3600 + 59 * 60},0" + _HOUR2_MIN,
                "INTERVAL(99:59) HOUR TO MINUTE",
            ),
        ),
        _INTERVAL_NULL,
    ),
    Case(
        "interval_minute4_to_second",
        "INTERVAL MINUTE(4) TO SECOND",
        "interval",
        _interval_df,
        (
            Value(
                TD(minutes=1234, seconds=5),
                "intervaldf",
                f"{1234 * 60 + 5},0,4,8,10",
                "INTERVAL(1234:05) MINUTE(4) TO SECOND",
            ),
        ),
        _INTERVAL_NULL,
    ),
    Case(
        "interval_year4_to_month",
        "INTERVAL YEAR(4) TO MONTH",
        "interval",
        _interval_ym,
        (
            Value(
                IntervalYM(12, 3),
                "intervalym",
                "147" + _YEAR4_MONTH,
                "INTERVAL(12-03) YEAR(4) TO MONTH",
            ),
            Value(
                IntervalYM(-2, -11),
                "intervalym",
                "-35" + _YEAR4_MONTH,
                "INTERVAL(-2-11) YEAR(4) TO MONTH",
            ),
            Value(
                IntervalYM(9999, 11),
                "intervalym",
                f"{9999 * 12 + 11}" + _YEAR4_MONTH,
                "INTERVAL(9999-11) YEAR(4) TO MONTH",
            ),
        ),
        _INTERVAL_NULL,
    ),
    Case(
        "interval_month_to_month",
        "INTERVAL MONTH(5) TO MONTH",
        "interval",
        _interval_ym,
        (
            Value(
                IntervalYM(0, 12345),
                "intervalym",
                "12345,5,2,2",
                "INTERVAL(12345) MONTH(5) TO MONTH",
            ),
        ),
        _INTERVAL_NULL,
    ),
    Case(
        "byte",
        "BYTE",
        "bytes",
        bytes.fromhex,
        (Value(bytes(range(256)), "bytes", bytes(range(256)).hex(), None),),
        _BINARY,
    ),
    Case(
        "text",
        "TEXT",
        "string",
        str,
        (Value("some text\nwith a newline", "string", "some text\nwith a newline", None),),
        _LONGVARCHAR,
    ),
    Case(
        "blob",
        "BLOB",
        "bytes",
        bytes.fromhex,
        (Value(b"\x00blob\xff", "bytes", b"\x00blob\xff".hex(), None),),
        _BLOB,
    ),
    Case(
        "clob",
        "CLOB",
        "string",
        str,
        (Value("clob text", "string", "clob text", None),),
        _CLOB,
    ),
)
