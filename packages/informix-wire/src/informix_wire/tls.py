"""TLS settings for a connection: which ``ssl.SSLContext`` wraps the socket, if any.

Informix serves TLS on a dedicated listener port (an ``onsoctcp`` alias with the ``s=`` SSL
option); there is no STARTTLS, so the socket is wrapped right after the TCP connect, before the
login PDU (IBM JDBC ``com.informix.asf.Connection.openSocket`` creates an ``SSLSocket`` up front;
sqli-facts §2.12).

Verification is on unless switched off explicitly with ``verify=False``, the one spelling this
project uses. (JDBC verifies by default too: ``SSLCERTIFICATEVERIFICATION`` defaults to true.)
"""

from __future__ import annotations

import ssl
from os import PathLike

#: What callers may pass as ``tls``: off, on (verified), or a ready context used as is.
TlsOption = bool | ssl.SSLContext | None


def tls_context(
    tls: TlsOption,
    *,
    verify: bool = True,
    cafile: str | PathLike[str] | None = None,
) -> ssl.SSLContext | None:
    """The context to wrap the socket with, or None for plain TCP.

    - ``None`` / ``False``: plain TCP.
    - ``True``: verify the server's certificate chain and host name, against the system trust
      store, or only against ``cafile`` when one is given (a private CA or a self-signed
      certificate).
    - ``True, verify=False``: encrypt without checking who answers (no chain, no host name).
      Anyone on the path can impersonate the server; use it only on a trusted network.
    - an ``ssl.SSLContext``: used as is; ``verify`` and ``cafile`` must then be left alone.
    """
    if isinstance(tls, ssl.SSLContext):
        if not verify or cafile is not None:
            raise ValueError("verify and cafile apply to tls=True, not to a ready SSLContext")
        return tls
    if tls is None or tls is False:
        if not verify or cafile is not None:
            raise ValueError("verify and cafile need tls=True")
        return None
    if tls is not True:
        raise TypeError(f"tls must be True, False, None or an ssl.SSLContext, not {tls!r}")
    context = ssl.create_default_context(cafile=cafile)
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def untrusted_message(address: str, exc: ssl.SSLCertVerificationError) -> str:
    """Why a certificate was refused, and the two ways out (the driver spells them ``tls_cafile``
    and ``tls_verify=False``)."""
    return (
        f"TLS certificate of {address} not trusted: {exc.verify_message or exc} (trust its CA"
        " with a cafile, or turn verification off for a development server)"
    )
