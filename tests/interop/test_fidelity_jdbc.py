"""IBM JDBC (java/InteropFidelity.java) against the test server's IDS fidelity fixes (issue 4):
CHAR / VARCHAR truncation and blank-insensitive comparison, -1279 in an ANSI database, keywords
as column names, SPL functions inside SQL, floating DECIMAL(32), DML and transactions with
SQ_XACTSTAT in the replies, SAVEPOINT statements, and SERIAL / BIGSERIAL limits.

The expected values are what IBM documents for IDS (sources in the engine modules: strings,
dml, sql_routines, decfloat, xactstat, serials); JDBC decoding them proves the wire carries them
as IDS would.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from jdbc_programs import scenario_data, scenarios

pytestmark = pytest.mark.interop


@pytest.fixture(scope="session")
def fidelity_jdbc(informix_server: Any) -> dict[str, Any]:
    """Scenario name -> its JSON line."""
    return scenarios("InteropFidelity", [informix_server.host, str(informix_server.port)])


@pytest.fixture
def jdbc(fidelity_jdbc: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    """The data of the JDBC scenario named like the test (``test_<scenario>``)."""
    return scenario_data(fidelity_jdbc, request)


def test_char_lengths_and_blanks(jdbc: Any) -> None:
    assert jdbc["padded"] == ["abcd", "xy  "]  # cut to 4, CHAR padded to 4
    assert jdbc["varchar"] == ["hijk", "xy  "]  # VARCHAR keeps its blanks
    assert jdbc["char_matches"] == ["1", "1", "0"]  # trailing blanks ignored, others count
    assert jdbc["varchar_literal"] == ["1"]
    assert jdbc["literals"] == ["2"]


def test_ansi_string_too_long(jdbc: Any) -> None:
    assert jdbc == {"too_long": -1279, "blanks_only": None, "rows": ["ab "]}


def test_keyword_columns(jdbc: Any) -> None:
    assert jdbc["rows"] == ["1,20,3"]
    assert jdbc["qualified_user"] == ["bob   "]
    assert jdbc["user_function"] == ["informix"]


def test_spl_in_sql(jdbc: Any) -> None:
    assert jdbc["select"] == ["1:3", "4:12"]
    assert jdbc["where"] == ["4"]
    assert jdbc["inserted"] == ["15"]
    assert jdbc["no_args"] == ["3"]
    assert jdbc["parameter"] == ["21"]
    assert jdbc["writer"] == -675  # no data changes from SQL-called routines (IBM)


def test_floating_decimal(jdbc: Any) -> None:
    values = ["12345678901234567890123456789012", "0.1234567890123456789012345678901", "-7.25"]
    assert [Decimal(v) for v in jdbc["read"]] == [Decimal(v) for v in [*values, "1E+100"]]
    assert jdbc["ordered"] == ["1", "0", "3"]
    assert jdbc["type"] == [f"5,{(32 << 8) | 255}"]


def test_transactions_with_xactstat(jdbc: Any) -> None:
    assert jdbc["rows"] == ["3"]


def test_savepoint_statements(jdbc: Any) -> None:
    assert jdbc["rows"] == ["1"]


def test_serial_limits(jdbc: Any) -> None:
    assert jdbc["rows"] == [
        "2147483646,9223372036854775806",
        "2147483647,9223372036854775807",
        "1,1",
    ]
    assert jdbc["duplicate"] == -268
