"""informix_testserver."""

from informix_testserver._version import __version__

__all__ = ["__version__"]
