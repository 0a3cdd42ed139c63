"""The public-domain PEP 249 compliance suite (``dbapi20.py`` from the ``dbapi-compliance``
distribution, by Stuart Bishop and others) run against informix_db and the test server.

The suite is written for unittest; an autouse fixture hands each test class the session's
server. Overridden below, each with a real check of what informix_db does instead:
- ``test_nextset`` and ``test_setoutputsize``, placeholders the suite asks drivers to replace;
- ``test_callproc``: the suite calls ``lower``, which Informix has as an SQL operator, not a
  routine (IDS answers ``EXECUTE FUNCTION lower(...)`` with -674), so the check runs on an SPL
  function doing the same;
- ``test_non_idempotent_close``: a second ``close()`` is a no-op here, as in sqlite3 and
  psycopg (the suite itself says "reasonable persons differ"); any other use of a closed
  connection raises InterfaceError.
"""

from __future__ import annotations

from typing import Any, ClassVar

import dbapi20  # type: ignore[import-untyped]
import pytest

import informix_db

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _server(request: pytest.FixtureRequest, informix_server: Any) -> None:
    request.cls.connect_kw_args = {
        "host": informix_server.host,
        "port": informix_server.port,
        "user": informix_server.user,
        "password": informix_server.password,
        "database": informix_server.database,
        "server": informix_server.server_name,
    }


class TestDBAPI20(dbapi20.DatabaseAPI20Test):  # type: ignore[misc]
    driver = informix_db
    connect_args = ()
    connect_kw_args: ClassVar[dict[str, Any]] = {}

    def test_nextset(self) -> None:
        """Informix statements return at most one result set: nextset() says so with None."""
        con = self._connect()
        try:
            cur = con.cursor()
            self.executeDDL1(cur)
            cur.execute(f"select name from {self.table_prefix}booze")
            assert cur.nextset() is None
        finally:
            con.close()

    def test_setoutputsize(self) -> None:
        """setoutputsize is accepted and changes nothing that is fetched."""
        con = self._connect()
        try:
            cur = con.cursor()
            self.executeDDL1(cur)
            cur.execute(f"insert into {self.table_prefix}booze values ('Cooper''s')")
            cur.setoutputsize(1, 0)
            cur.execute(f"select name from {self.table_prefix}booze")
            assert cur.fetchall() == [("Cooper's",)]
        finally:
            con.close()

    def test_callproc(self) -> None:
        con = self._connect()
        try:
            cur = con.cursor()
            name = f"{self.table_prefix}lower"
            cur.execute(
                f"CREATE FUNCTION {name}(s VARCHAR(20)) RETURNING VARCHAR(20);"
                " RETURN LOWER(s); END FUNCTION"
            )
            try:
                assert list(cur.callproc(name, ("FOO",))) == ["FOO"]
                assert cur.fetchall() == [("foo",)]
            finally:
                cur.execute(f"DROP FUNCTION {name}")
        finally:
            con.close()

    def test_non_idempotent_close(self) -> None:
        con = self._connect()
        con.close()
        con.close()
        with pytest.raises(informix_db.InterfaceError):
            con.cursor()
        with pytest.raises(informix_db.InterfaceError):
            con.commit()
