"""informix_db_pool."""

from informix_db_pool._version import __version__

__all__ = ["__version__"]
