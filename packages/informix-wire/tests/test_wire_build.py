"""The informix-wire wheel and sdist build offline, and the wheel installs alone into a fresh venv
(no dependencies) and imports."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest

pytest.importorskip("hatchling", reason="the offline build needs hatchling in this environment")

pytestmark = pytest.mark.slow

PACKAGE = Path(__file__).resolve().parent.parent


def run(*cmd: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, timeout=300, cwd=cwd, check=False
    )
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_wheel_and_sdist_build_and_the_wheel_installs_alone(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--sdist",
        "--outdir", dist, PACKAGE)  # fmt: skip
    (wheel,) = dist.glob("informix_wire-*.whl")
    (sdist,) = dist.glob("informix_wire-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("src/informix_wire/login.py") for n in names)
    assert any(n.endswith("tests/test_wire_login.py") for n in names)

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel)
    installed = run(python, "-m", "pip", "list", "--format=freeze")
    names = {line.split("==")[0].lower() for line in installed.split()}
    assert names - {"pip", "setuptools", "wheel"} == {"informix-wire"}  # nothing pulled in
    requires = [
        line for line in run(python, "-m", "pip", "show", "informix-wire").splitlines()
        if line.startswith("Requires:")
    ]  # fmt: skip
    assert requires == ["Requires: "]
    code = (
        "import informix_wire as w, sys; "
        "assert w.build_login_request and w.connect_tcp and w.open_tcp; "
        "print(w.__version__, w.__file__)"
    )
    out = run(python, "-c", code, cwd=tmp_path)
    assert str(env) in out  # imported from the fresh venv, not the source tree
    run(python, "-m", "informix_wire", "--help")
