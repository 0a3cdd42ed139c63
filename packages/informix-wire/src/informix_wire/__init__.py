"""informix_wire."""

from informix_wire._version import __version__

__all__ = ["__version__"]
