"""Make ``.cache/peer-venv``: a venv holding the peer driver ``informix-driver`` for the benchmarks.

The peer imports as ``informix_db`` too, so it cannot share an environment with ours; the
benchmarks run it from this venv (or load its modules from it under another name). Installing it
is best effort: without a registry the benchmarks print that the peer was skipped.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

VENV = Path(__file__).resolve().parent.parent / ".cache" / "peer-venv"


def main() -> int:
    python = VENV / "bin" / "python"
    if python.exists():
        return 0
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "informix-driver"], timeout=600, check=False
    )
    if done.returncode != 0:
        print("peer_venv: could not install informix-driver; the benchmarks will skip the peer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
