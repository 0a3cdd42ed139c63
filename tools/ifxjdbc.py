"""IBM's Informix JDBC driver as a test witness: find the jar, compile Java programs, run them.

The jar (IBM Informix JDBC 4.50.10.1) ships inside the PyPI wheel ``wbjdbc``; the first use
downloads that wheel with pip and extracts the jar into ``.cache/jdbc``. ``INFORMIX_JDBC_JAR``
points at a jar elsewhere. Java 17 (``java`` and ``javac`` on PATH, or under ``JAVA_HOME``) runs
the programs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("INFORMIX_PY_CACHE", ROOT / ".cache"))
WHEEL = "wbjdbc==2.4.0"
JAR_MEMBER = "wbjdbc/resources/maven/com.ibm.informix/jdbc-4.50.10.1.jar"
JDBC_VERSION = "4.50.10.1"


class JdbcUnavailable(RuntimeError):
    """Java or the JDBC jar cannot be had on this machine."""


def java_tool(name: str) -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / name).exists():
        return str(Path(home) / "bin" / name)
    found = shutil.which(name)
    if not found:
        raise JdbcUnavailable(f"{name} not found: install a JDK 17 (java and javac on PATH)")
    return found


def jar_path() -> Path:
    """The JDBC jar, downloaded and extracted from the wbjdbc wheel on first use."""
    override = os.environ.get("INFORMIX_JDBC_JAR")
    if override:
        return Path(override)
    target = CACHE / "jdbc" / f"jdbc-{JDBC_VERSION}.jar"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL, "-d", tmp]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        wheels = list(Path(tmp).glob("wbjdbc-*.whl"))
        if done.returncode != 0 or not wheels:
            raise JdbcUnavailable(f"pip download {WHEEL} failed: {done.stderr.strip()[-500:]}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            partial = target.with_suffix(".part")
            partial.write_bytes(wheel.read(JAR_MEMBER))
            partial.replace(target)
    return target


def compile_java(sources: Sequence[Path]) -> Path:
    """Compile Java sources against the jar; the class directory is cached by source content."""
    digest = hashlib.sha256()
    for src in sorted(sources):
        digest.update(src.name.encode() + b"\0" + src.read_bytes())
    out = CACHE / "java-classes" / digest.hexdigest()[:16]
    if (out / ".ok").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    cmd = [
        java_tool("javac"),
        "-nowarn",
        "-cp",
        str(jar_path()),
        "-d",
        str(out),
        *map(str, sources),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"javac failed:\n{done.stdout}\n{done.stderr}")
    (out / ".ok").touch()
    return out


def run_java(
    classes: Path,
    main_class: str,
    args: Sequence[str] = (),
    *,
    timeout: float = 120.0,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``main_class`` with the jar on the class path; never waits longer than ``timeout``."""
    classpath = os.pathsep.join([str(classes), str(jar_path())])
    cmd = [java_tool("java"), "-Xss4m", "-cp", classpath, main_class, *args]
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=timeout, input=input_text, check=False
    )
