from __future__ import annotations

import pytest

from informix_db._core.config import make_params
from informix_wire.errors import ProgrammingError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("INFORMIXSERVER", "CLIENT_LOCALE", "DB_LOCALE", "DBDATE"):
        monkeypatch.delenv(name, raising=False)


def test_informix_url() -> None:
    p = make_params(
        "informix://bob:p%40ss@db.example.com:9090/stores?server=ol_x&client_locale=en_US.utf8"
        "&read_timeout=5&autocommit=yes&DBDATE=DMY4"
    )
    assert (p.host, p.port, p.user, p.password, p.database, p.server) == (
        "db.example.com", 9090, "bob", "p@ss", "stores", "ol_x",
    )  # fmt: skip
    assert p.read_timeout == 5.0
    assert p.autocommit is True
    assert p.login_env() == {"CLIENT_LOCALE": "en_US.utf8", "DBDATE": "DMY4"}


def test_jdbc_forms() -> None:
    p = make_params("jdbc:informix-sqli://h:9088/db:INFORMIXSERVER=ol;user=u;password=pw")
    assert (p.host, p.port, p.database, p.server, p.user, p.password) == (
        "h", 9088, "db", "ol", "u", "pw",
    )  # fmt: skip
    p = make_params("h:1526:INFORMIXSERVER=ol;user=u")
    assert (p.host, p.port, p.database, p.server) == ("h", 1526, None, "ol")


def test_keywords_beat_dsn_and_dsn_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFORMIXSERVER", "from_env")
    monkeypatch.setenv("DBDATE", "Y4MD-")
    assert make_params(host="h", user="u").server == "from_env"
    assert make_params("informix://u@h/db?server=from_dsn").server == "from_dsn"
    p = make_params("informix://u@h/db?server=from_dsn", server="kw", env={"X": "1"})
    assert p.server == "kw"
    assert p.env == {"DBDATE": "Y4MD-", "X": "1"}


@pytest.mark.parametrize(
    ("dsn", "kwargs", "match"),
    [
        (None, {"user": "u", "server": "s"}, "host"),
        (None, {"host": "h", "server": "s"}, "user"),
        (None, {"host": "h", "user": "u"}, "server"),
        ("informix://u@h/db?server=s&bogus=1", {}, "bogus"),
        ("informix://u@h/db?server=s&port_x", {}, "port_x"),
        (None, {"host": "h", "user": "u", "server": "s", "port": 70000}, "port"),
        (None, {"host": "h", "user": "u", "server": "s", "read_timeout": -1}, "read_timeout"),
        ("h:x/db:INFORMIXSERVER=s;user=u", {}, "number"),
    ],
)
def test_bad_parameters(dsn: str | None, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ProgrammingError, match=match):
        make_params(dsn, **kwargs)
