"""IBM's JDBC driver 4.50.10.1 (a client we did not write) against informix-testserver."""

from __future__ import annotations

from typing import Any


def test_connect(scenario: Any) -> None:
    assert scenario["product"] == "IBM Informix Dynamic Server"
    assert scenario["version"] == "14.10.FC9"
    assert scenario["major"] == 14
    assert scenario["autocommit"] is True
    assert scenario["rows"] == [1]


def test_ddl(scenario: Any) -> None:
    assert scenario["insert"] == 1
    assert scenario["row"] == [1, "one", None]
    assert scenario["after_drop"] == -206


def test_metadata(scenario: Any) -> None:
    assert scenario["tables"] == ["meta_t:TABLE"]
    # name : java.sql.Types : size : nullable
    assert scenario["columns"] == ["id:4:10:0", "code:1:4:1", "amount:3:10:1"]
    assert scenario["primary_keys"] == ["id"]


def test_types(scenario: Any) -> None:
    assert scenario["insert"] == 1
    assert scenario["insert_nulls"] == 1
    expected = {
        "si": -12, "i": 2147483647, "bi": -9000000000, "i8": 9000000000, "f": 3.25, "sf": 1.5,
        "d": "-1234.567", "m": "99.95", "ch": "abc   ", "vc": "hello world", "lv": "long text",
        "dt": "2024-02-29", "b": True, "ts": "2024-02-29 13:45:56.0",
    }  # fmt: skip
    assert {k: scenario[k] for k in expected} == expected
    assert scenario["nulls"] == [True] * 14


def test_batch(scenario: Any) -> None:
    assert scenario == {"batches": 50, "total": 50, "count": 50, "sum": sum(range(50))}


def test_transactions(scenario: Any) -> None:
    assert scenario == {"inside": 2, "after_rollback": 1, "after_savepoint": 2, "seen_by_other": 2}


def test_errors(scenario: Any) -> None:
    codes = {name: value["sqlcode"] for name, value in scenario.items() if name != "after"}
    assert scenario["duplicate"]["isam"] == -100
    assert codes == {
        "syntax": -201, "unknown_table": -206, "unknown_column": -217, "duplicate": -268,
        "not_null": -391, "table_exists": -310,
    }  # fmt: skip
    assert scenario["after"] == 1


def test_bad_password(scenario: Any) -> None:
    assert scenario["sqlcode"] == -951


def test_unknown_database(scenario: Any) -> None:
    assert scenario["sqlcode"] == -329


def test_big_result(scenario: Any) -> None:
    assert scenario == {"rows": 10000, "sum": sum(range(10000)), "last": "row 9999"}


def test_two_cursors(scenario: Any) -> None:
    assert scenario["pairs"] == ["1/50", "2/40", "3/30", "4/20", "5/10"]


def test_scrollable(scenario: Any) -> None:
    assert scenario["seen"] == [10, 10, 1, 5, 3, 2, 3]


def test_tls(scenario: Any) -> None:
    assert scenario["tabname"] == "systables"


def test_transaction_errors(scenario: Any) -> None:
    assert scenario == {"commit_outside": -255, "rollback_outside": -255, "begin_twice": -535,
                        "duplicate_in_tx": -268, "kept": 2}  # fmt: skip


def test_ansi_database(scenario: Any) -> None:
    assert scenario == {"other_before_commit": 1, "after_rollback": 1, "dropped": -329}


def test_unlogged_database(scenario: Any) -> None:
    assert scenario == {"begin": -256, "rows": 1}


def test_serials(scenario: Any) -> None:
    """SERIAL(10) starts at 10 and 0 draws the next value; the values come back in SQ_DONE
    (getSerial), SQ_INSERTDONE (getSerial8, getBigSerial) and DBINFO('sqlca.sqlerrd1')."""
    assert scenario == {"serial": 11, "dbinfo": 11, "serial8": 2, "bigserial": 1, "ids": [10, 11]}


def test_open_statements(scenario: Any) -> None:
    assert scenario == {"seen": ["1:n1", "2:n2", "3:n3"], "rows": 6}


def test_informix_sql(scenario: Any) -> None:
    assert scenario == {
        "skip_first": [2, 3], "matches": "beta", "nvl": "2000-01-01", "decode": "two",
        "cast": "2x", "datetime": "2024-02-29 10:30:00.0", "date": "2024-02-29", "today": 1,
        "dbname": "testdb", "major": "14",
    }  # fmt: skip


def test_index_info(scenario: Any) -> None:
    assert scenario["indexes"] == ["code:false", "id:false"]


def test_metadata_more(scenario: Any) -> None:
    """getCatalogs (SQ_DBLIST), getTableTypes, getColumns type names, getImportedKeys."""
    assert scenario["catalogs"] == ["sysmaster", "testdb"]
    assert set(scenario["table_types"]) >= {"TABLE", "SYSTEM TABLE"}
    assert scenario["columns"] == [
        "id:integer:4:NO", "ts:datetime year to second:93:NO", "vc:varchar:12:NO",
        "b:boolean:16:NO", "sr:serial8:-5:YES",
    ]  # fmt: skip
    assert scenario["imported"] == ["mm_p.id<-mm_c.pid"]
    assert scenario["tables"] == ["mm_c", "mm_p"]


def test_result_metadata(scenario: Any) -> None:
    """ResultSetMetaData from DESCRIBE: declared types of table columns (name : type name :
    java.sql.Types : precision : scale : nullable)."""
    assert scenario["columns"][:5] == [
        "id:serial:4:10:0:0", "amount:decimal:3:10:2:1", "code:char:1:4:0:1",
        "note:varchar:12:50:0:1", "ts:datetime year to fraction(3):93:23:3:1",
    ]  # fmt: skip


def test_routines(scenario: Any) -> None:
    """SPL: CREATE PROCEDURE / FUNCTION, EXECUTE with parameters, a two-column RETURNING."""
    assert scenario == {"columns": "n,first", "count": 3, "first": "item1", "missing": -674}


def test_more_types(scenario: Any) -> None:
    """INTERVAL (both classes, literal and bound), NCHAR / NVARCHAR, DATETIME HOUR TO SECOND and
    YEAR TO DAY, floating DECIMAL, MONEY: read back as IBM JDBC renders them."""
    assert scenario == {
        "copied": 1, "bound": "3 04:05:06|5-07", "ds": "1 02:03:04", "ym": "2-03",
        "nc": "ab   ", "nv": "cd", "hs": "10:11:12", "fd": "3.14159", "mo": "1234.50",
        "yd": "2024-02-29", "copy": "2-03|ab   ",
    }  # fmt: skip


def test_statement_batch(scenario: Any) -> None:
    assert scenario == {"counts": [1, 1, 2], "sum": 32}


def test_write_conflict(scenario: Any) -> None:
    """Two transactions updating one row: the second fails at once with -244 / ISAM -107 (as IDS
    does in lock mode NOT WAIT), the first commits."""
    assert scenario == {"sqlcode": -244, "isam": -107, "v": 1}
