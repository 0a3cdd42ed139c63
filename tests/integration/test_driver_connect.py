"""Connecting: keywords, DSN forms, environment defaults, login failures, module globals."""

from __future__ import annotations

from typing import Any

import pytest
from driver_support import connect

import informix_db

pytestmark = pytest.mark.integration


def test_readme_keywords_and_context_manager(informix_server: Any) -> None:
    with connect(informix_server) as conn:
        cur = conn.cursor()
        cur.execute("SELECT tabid FROM systables WHERE tabid = ?", (1,))
        assert cur.fetchone() == (1,)
        assert conn.database == informix_server.database
        assert "14.10" in conn.server_version or conn.server_version
    assert conn.closed
    assert not conn.broken


def test_informix_url(informix_server: Any) -> None:
    conn = informix_db.connect(informix_server.dsn)
    try:
        assert conn.cursor().execute("SELECT 1 + 1 FROM systables WHERE tabid = 1").fetchone() == (
            2,
        )
    finally:
        conn.close()


def test_jdbc_style_string(informix_server: Any) -> None:
    s = informix_server
    dsn = (
        f"jdbc:informix-sqli://{s.host}:{s.port}/{s.database}:INFORMIXSERVER={s.server_name};"
        f"user={s.user};password={s.password}"
    )
    with informix_db.connect(dsn) as conn:
        assert conn.database == s.database


def test_server_name_from_environment(
    informix_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFORMIXSERVER", informix_server.server_name)
    s = informix_server
    with informix_db.connect(
        host=s.host, port=s.port, user=s.user, password=s.password, database=s.database
    ) as conn:
        conn.ping()


def test_keywords_override_the_dsn(informix_server: Any) -> None:
    with informix_db.connect(informix_server.dsn, database="sysmaster") as conn:
        assert conn.database == "sysmaster"


def test_wrong_password_is_operational_error(informix_server: Any) -> None:
    with pytest.raises(informix_db.OperationalError) as info:
        connect(informix_server, password="wrong")
    assert info.value.sqlcode is not None
    assert info.value.sqlcode < 0


def test_unknown_database_fails_with_sqlcode(informix_server: Any) -> None:
    with pytest.raises(informix_db.DatabaseError) as info:
        connect(informix_server, database="no_such_db")
    assert info.value.sqlcode is not None


def test_connection_refused_is_operational_error() -> None:
    with pytest.raises(informix_db.OperationalError):
        informix_db.connect(host="127.0.0.1", port=1, user="u", server="s", connect_timeout=2.0)


def test_missing_server_name_is_programming_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INFORMIXSERVER", raising=False)
    with pytest.raises(informix_db.ProgrammingError, match="server"):
        informix_db.connect(host="127.0.0.1", user="u")


def test_tls_connection_verified_against_the_test_certificate(informix_server: Any) -> None:
    s = informix_server
    if s.tls_port is None or s.tls_cert is None:
        pytest.skip("the test server has no TLS port")
    with connect(s, port=s.tls_port, tls=True, tls_cafile=str(s.tls_cert)) as conn:
        conn.ping()
    with connect(s, port=s.tls_port, tls=True, tls_verify=False) as conn:
        conn.ping()
    with pytest.raises(informix_db.OperationalError):
        connect(s, port=s.tls_port, tls=True)  # verified against the system store: refused


def test_module_globals_and_exception_attributes(informix_server: Any) -> None:
    assert informix_db.apilevel == "2.0"
    assert informix_db.threadsafety == 1
    assert informix_db.paramstyle == "qmark"
    with connect(informix_server) as conn:
        assert conn.Error is informix_db.Error
        assert conn.ProgrammingError is informix_db.ProgrammingError
        assert issubclass(conn.IntegrityError, conn.DatabaseError)


def test_ping_and_close_are_idempotent(informix_server: Any) -> None:
    conn = connect(informix_server)
    conn.ping()
    conn.close()
    conn.close()
    assert conn.closed
    with pytest.raises(informix_db.InterfaceError):
        conn.cursor()
    with pytest.raises(informix_db.InterfaceError):
        conn.ping()


def test_optional_packages_resolve_lazily() -> None:
    pool_module = pytest.importorskip("informix_db_pool")
    assert informix_db.create_pool is pool_module.create_pool
    aio_module = pytest.importorskip("informix_db_aio")
    from informix_db import aio

    assert aio is aio_module
