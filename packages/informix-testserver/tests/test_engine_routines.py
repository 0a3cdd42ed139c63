"""SPL routines through the engine: catalog rows, DESCRIBE of EXECUTE FUNCTION, running with
parameters, ON EXCEPTION inside a transaction, and -674 / -673."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from engine_helpers import rows, run, sqlcode

from informix_testserver.engine import Engine
from informix_testserver.engine.connection import EngineSession
from informix_wire.typecodes import TypeCode

SAFE_ADD = """CREATE FUNCTION safe_add(a INT) RETURNING INT;
  DEFINE n INT;
  ON EXCEPTION IN (-268)
    RETURN -1;
  END EXCEPTION;
  INSERT INTO r VALUES (a);
  SELECT count(*) INTO n FROM r;
  RETURN n;
END FUNCTION"""


@pytest.fixture
def s() -> Iterator[EngineSession]:
    engine = Engine()
    session = engine.session("informix")
    session.open_database("testdb")
    run(session, "CREATE TABLE r (id INT PRIMARY KEY)")
    yield session
    session.close()
    engine.close()


def test_procedure_and_function(s: EngineSession) -> None:
    run(s, "CREATE PROCEDURE add_r(a INT) INSERT INTO r VALUES (a); END PROCEDURE")
    run(s, "CREATE FUNCTION twice(a INT) RETURNING INT AS doubled; RETURN a * 2; END FUNCTION")
    run(s, "EXECUTE PROCEDURE add_r(?)", [5])
    assert rows(s, "SELECT id FROM r") == [(5,)]
    prepared = s.prepare("EXECUTE FUNCTION twice(?)")
    assert [(c.name, c.type_code) for c in prepared.columns] == [("doubled", TypeCode.INT)]
    assert list(s.execute(prepared, [21]).rows) == [(42,)]
    catalog = rows(s, "SELECT procname, isproc, numargs FROM sysprocedures ORDER BY procname")
    assert catalog == [("add_r", "t", 1), ("twice", "f", 1)]
    assert sqlcode(s, "CREATE PROCEDURE add_r(a INT) END PROCEDURE") == -673
    run(s, "DROP FUNCTION twice")
    assert sqlcode(s, "EXECUTE FUNCTION twice(1)") == -674
    assert sqlcode(s, "DROP PROCEDURE nothing") == -674


def test_on_exception_keeps_the_transaction(s: EngineSession) -> None:
    run(s, SAFE_ADD)
    s.begin()
    assert rows(s, "EXECUTE FUNCTION safe_add(1)") == [(1,)]
    assert rows(s, "EXECUTE FUNCTION safe_add(1)") == [(-1,)]  # the duplicate was caught
    assert rows(s, "EXECUTE FUNCTION safe_add(2)") == [(2,)]
    s.rollback()
    assert rows(s, "SELECT count(*) FROM r") == [(0,)]
    assert rows(s, "EXECUTE FUNCTION safe_add(3)") == [(1,)]  # autocommit
    assert rows(s, "SELECT id FROM r") == [(3,)]
