"""The SQL engine of the test server: Informix SQL (through ``dialect``) on DuckDB."""

from informix_testserver.engine.core import Database, Engine
from informix_testserver.engine.dialect import SqlError

__all__ = ["Database", "Engine", "SqlError"]
