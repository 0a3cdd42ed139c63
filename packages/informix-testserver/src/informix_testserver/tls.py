"""The TLS listener's certificate: the one given, or a self-signed pair made with the ``openssl``
command line on first use."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

#: openssl is quick; a minute covers a loaded CI machine.
OPENSSL_TIMEOUT = 60


def self_signed(directory: Path, host: str = "localhost") -> tuple[Path, Path]:
    """A fresh RSA key and self-signed certificate in ``directory`` (``openssl req -x509``)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("a TLS port without --tls-cert needs the openssl command to make one")
    cert, key = directory / "server.crt", directory / "server.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=OPENSSL_TIMEOUT,
    )  # fmt: skip
    return cert, key


def server_context(
    cert: Path | None, key: Path | None, workdir: Path
) -> tuple[ssl.SSLContext, Path]:
    """A server SSLContext, and the certificate path (clients trust it in tests); a self-signed
    pair is written to ``workdir`` when no certificate is given."""
    if cert is None:
        cert, key = self_signed(workdir)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key) if key else None)
    return context, cert
