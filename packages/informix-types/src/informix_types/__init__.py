"""informix_types."""

from informix_types._version import __version__

__all__ = ["__version__"]
