"""Helpers of the engine tests: run Informix SQL through a real engine session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from informix_testserver.engine import SqlError
from informix_testserver.engine.connection import EngineSession
from informix_testserver.engine.statement import Result


def run(session: EngineSession, sql: str, params: Sequence[Any] = ()) -> Result:
    return session.execute(session.prepare(sql), params)


def rows(session: EngineSession, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return list(run(session, sql, params).rows)


def sqlcode(session: EngineSession, sql: str, params: Sequence[Any] = ()) -> int:
    """The Informix SQLCODE ``sql`` fails with (the test fails if it succeeds)."""
    with pytest.raises(SqlError) as info:
        run(session, sql, params)
    code = getattr(info.value, "sqlcode", None)
    assert isinstance(code, int), info.value
    return code
