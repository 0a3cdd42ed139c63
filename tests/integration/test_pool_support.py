"""Shared helpers of the pool integration tests (``test_pool_sync``, ``test_pool_async``).

They need the real driver and the embedded test server; until both are importable and working,
every pool integration test skips with the reason, instead of failing on someone else's work.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

import pytest


def require_driver(module: str) -> Any:
    """The driver module, or a skip if it (or its ``connect``) does not exist yet."""
    driver = pytest.importorskip(module)
    if not hasattr(driver, "connect"):
        pytest.skip(f"{module}.connect is not written yet")
    return driver


def server_or_skip(request: pytest.FixtureRequest) -> Any:
    """The session's ``informix_server`` fixture (informix_testserver's pytest plugin)."""
    try:
        return request.getfixturevalue("informix_server")
    except pytest.FixtureLookupError:
        pytest.skip("the informix_server fixture (informix_testserver plugin) is not available")


def connect_kwargs(server: Any) -> dict[str, Any]:
    """``connect`` keywords (the seed README's) for the ``informix_server`` fixture's info or a
    ``TestServer``: host, port, user, password, database, server (the INFORMIXSERVER name)."""
    names = ("host", "port", "user", "password", "database")
    kwargs = {n: getattr(server, n) for n in names}
    name = getattr(server, "server_name", None)  # the fixture's info; a TestServer has config
    kwargs["server"] = name if name is not None else server.config.server_name
    return kwargs


def table_name() -> str:
    return f"pool_{uuid.uuid4().hex[:12]}"


def server_class_or_skip() -> Any:
    """``informix_testserver.TestServer`` (a context manager that can stop and start again)."""
    module = importlib.import_module("informix_testserver")
    server_class = getattr(module, "TestServer", None)
    if (
        server_class is None
        or not hasattr(server_class, "stop")
        or not hasattr(server_class, "start")
    ):
        pytest.skip("informix_testserver.TestServer with stop()/start() is not available yet")
    return server_class
