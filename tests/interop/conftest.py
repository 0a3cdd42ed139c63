"""IBM JDBC against the test server: java/Interop.java runs every scenario of test_jdbc.py against
the session's ``informix_server`` and prints one JSON line each (``jdbc_programs``)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import ifxjdbc
import pytest
from jdbc_programs import compiled, scenario_data, scenarios


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
    compiled("Interop")  # skips before keytool is needed when Java is missing
    store = _truststore(informix_server.tls_cert, tmp_path_factory.mktemp("tls"))
    args = [informix_server.host, str(informix_server.port), str(informix_server.tls_port),
            str(store)]  # fmt: skip
    return scenarios("Interop", args)


@pytest.fixture
def scenario(jdbc: dict[str, Any], request: pytest.FixtureRequest) -> Any:
    """The data of the scenario named like the test (``test_<scenario>``)."""
    return scenario_data(jdbc, request)
