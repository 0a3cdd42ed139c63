"""informix_testserver: an SQLI server on DuckDB that real Informix clients (IBM JDBC included)
accept, for testing Informix applications without an Informix."""

from informix_testserver._version import __version__
from informix_testserver.faults import Faults
from informix_testserver.server import Config, TestServer

__all__ = ["Config", "Faults", "TestServer", "__version__"]
