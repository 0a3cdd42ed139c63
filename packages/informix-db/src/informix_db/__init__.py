"""informix_db."""

from informix_db._version import __version__

__all__ = ["__version__"]
