"""column_info (cursor.description) and python_codec (CLIENT_LOCALE/DB_LOCALE)."""

from __future__ import annotations

import pytest

from informix_types import column_info, python_codec
from informix_types.temporal import datetime_qualifier, interval_qualifier
from informix_wire.errors import InterfaceError
from informix_wire.messages.describe import Column


@pytest.mark.parametrize(
    ("column", "name", "group", "precision", "scale"),
    [
        (Column(b"a", 2), "INTEGER", "NUMBER", 10, 0),
        (Column(b"a", 6 | 0x100), "SERIAL", "ROWID", 10, 0),
        (Column(b"a", 5, 0x0C02), "DECIMAL(12,2)", "NUMBER", 12, 2),
        (Column(b"a", 5, 0x10FF), "DECIMAL(16)", "NUMBER", 16, None),
        (Column(b"a", 8, 0x0802), "MONEY(8,2)", "NUMBER", 8, 2),
        (Column(b"a", 13, 64), "VARCHAR(64)", "STRING", 64, None),
        (Column(b"a", 13, 0x0A40), "VARCHAR(64,10)", "STRING", 64, None),
        (Column(b"a", 15, 8), "NCHAR(8)", "STRING", 8, None),
        (Column(b"a", 10, datetime_qualifier(0, 10)), "DATETIME YEAR TO SECOND", "DATETIME", 14, 0),
        (
            Column(b"a", 10, datetime_qualifier(6, 15)),
            "DATETIME HOUR TO FRACTION(5)",
            "DATETIME",
            11,
            5,
        ),
        (
            Column(b"a", 14, interval_qualifier(4, 13, 5)),
            "INTERVAL DAY(5) TO FRACTION(3)",
            "DATETIME",
            14,
            3,
        ),
        (
            Column(b"a", 14, interval_qualifier(0, 2, 4)),
            "INTERVAL YEAR(4) TO MONTH",
            "DATETIME",
            6,
            0,
        ),
        (Column(b"a", 11), "BYTE", "BINARY", None, None),
        (Column(b"a", 41, 72, extended_id=10, extended_name=b"blob"), "BLOB", "BINARY", None, None),
        (
            Column(b"a", 41, 1, extended_id=5, extended_name=b"boolean"),
            "BOOLEAN",
            "NUMBER",
            None,
            None,
        ),
        (
            Column(b"a", 40, 2048, extended_id=1, extended_name=b"lvarchar"),
            "LVARCHAR(2048)",
            "STRING",
            2048,
            None,
        ),
    ],
)
def test_column_info(
    column: Column, name: str, group: str, precision: int | None, scale: int | None
) -> None:
    info = column_info(column)
    assert (info.type_name, info.type_group, info.precision, info.scale) == (
        name,
        group,
        precision,
        scale,
    )
    assert info.null_ok == (not column.type & 0x100)


@pytest.mark.parametrize(
    ("locale", "codec"),
    [
        ("en_US.8859-1", "iso8859-1"),
        ("en_US.819", "iso8859-1"),
        ("de_DE.8859-15", "iso8859-15"),
        ("en_US.1252", "cp1252"),
        ("en_US.utf8", "utf-8"),
        ("EN_US.UTF8", "utf-8"),
        ("zh_CN.GB18030-2000", "gb18030"),
        ("ja_JP.sjis-s", "shift_jis"),
        ("ru_RU.koi8-r", "koi8_r"),
    ],
)
def test_python_codec(locale: str, codec: str) -> None:
    assert python_codec(locale) == codec
    "é".encode(python_codec(locale), "replace")  # a usable codec


def test_unknown_code_sets_are_interface_errors() -> None:
    with pytest.raises(InterfaceError):
        python_codec("xx_XX.nosuchcodeset")
