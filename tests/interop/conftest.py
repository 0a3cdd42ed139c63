"""IBM JDBC against the test server: one Java program (java/Interop.java), compiled once per test
run, runs every scenario against the session's ``informix_server`` and prints one JSON line each;
the tests read those lines."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

ifxjdbc = pytest.importorskip("ifxjdbc")

JAVA = Path(__file__).parent / "java" / "Interop.java"
#: Every scenario together takes seconds; this bounds a hang.
RUN_TIMEOUT = 150


def _truststore(cert: Path, directory: Path) -> Path:
    """A PKCS#12 truststore holding the server's self-signed certificate (keytool)."""
    store = directory / "truststore.p12"
    subprocess.run(
        [ifxjdbc.java_tool("keytool"), "-importcert", "-noprompt", "-alias", "testserver",
         "-file", str(cert), "-keystore", str(store), "-storetype", "PKCS12",
         "-storepass", "changeit"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return store


@pytest.fixture(scope="session")
def jdbc(informix_server: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Scenario name -> its JSON result line."""
    try:
        classes = ifxjdbc.compile_java([JAVA])
    except ifxjdbc.JdbcUnavailable as exc:
        pytest.skip(str(exc))
    store = _truststore(informix_server.tls_cert, tmp_path_factory.mktemp("tls"))
    args = [informix_server.host, str(informix_server.port), str(informix_server.tls_port),
            str(store)]  # fmt: skip
    done = ifxjdbc.run_java(classes, "Interop", args, timeout=RUN_TIMEOUT)
    results: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            results[entry["scenario"]] = entry
    if not results:
        pytest.fail(f"Interop printed nothing (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return results


@pytest.fixture
def scenario(jdbc: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    """The data of the scenario named like the test (``test_<scenario>``), failing with the Java
    error if it failed."""
    name = request.node.name.removeprefix("test_").split("[")[0]
    entry = jdbc.get(name)
    assert entry is not None, f"scenario {name} did not run"
    assert entry["ok"], f"{name}: sqlcode {entry.get('sqlcode')}: {entry.get('error')}"
    return entry["data"]
