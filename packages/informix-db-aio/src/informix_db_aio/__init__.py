"""informix_db_aio."""

from informix_db_aio._version import __version__

__all__ = ["__version__"]
