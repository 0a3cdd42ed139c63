"""Running the interop Java programs: each ``java/<Name>.java`` is compiled once per test run
together with ``java/Json.java`` (the JSON writer they share) against IBM's JDBC jar, and prints
one JSON line per scenario or command; these helpers read those lines."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import ifxjdbc
import pytest

import informix_db

JAVA = Path(__file__).parent / "java"
#: One run of a program takes seconds; this bounds a hang.
RUN_TIMEOUT = 150


@functools.cache
def _compiled(name: str) -> Path | str:
    try:
        return ifxjdbc.compile_java([JAVA / f"{name}.java", JAVA / "Json.java"])
    except ifxjdbc.JdbcUnavailable as exc:
        return str(exc)


def compiled(name: str) -> Path:
    """The class directory of program ``name``; skips the test when Java or the jar is missing."""
    classes = _compiled(name)
    if isinstance(classes, str):
        pytest.skip(classes)
    return classes


def json_lines(
    name: str, args: list[str], *, input_text: str | None = None, timeout: float = RUN_TIMEOUT
) -> list[dict[str, Any]]:
    """Every JSON line program ``name`` prints; fails with its stderr if it prints none."""
    done = ifxjdbc.run_java(compiled(name), name, args, timeout=timeout, input_text=input_text)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"{name} printed nothing (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return lines


def scenarios(name: str, args: list[str]) -> dict[str, dict[str, Any]]:
    """Scenario name -> its JSON line, for programs that run every scenario at once."""
    return {entry["scenario"]: entry for entry in json_lines(name, args)}


def command(name: str, args: list[str]) -> Any:
    """The data of a program run for one command, failing with the Java error if it failed."""
    entry = json_lines(name, args)[-1]
    assert entry["ok"], f"{args}: sqlcode {entry.get('sqlcode')}: {entry.get('error')}"
    return entry["data"]


def scenario_data(results: dict[str, dict[str, Any]], request: pytest.FixtureRequest) -> Any:
    """The data of the scenario named like the running test (``test_<scenario>``), failing
    with the Java error if it failed."""
    name = request.node.name.removeprefix("test_").split("[")[0]
    entry = results.get(name)
    assert entry is not None, f"scenario {name} did not run"
    assert entry["ok"], f"{name}: sqlcode {entry.get('sqlcode')}: {entry.get('error')}"
    return entry["data"]


def connect(server: Any) -> informix_db.Connection:
    """An autocommit informix_db connection to the session's server."""
    return informix_db.connect(
        host=server.host, port=server.port, user=server.user, password=server.password,
        database=server.database, server=server.server_name, autocommit=True,
    )  # fmt: skip
