"""Package version (CalVer YYYY.MM.DD, released on its own)."""

__version__ = "2026.11.24"
