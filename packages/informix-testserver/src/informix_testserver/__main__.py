"""``python -m informix_testserver`` / ``informix-testserver``: run the server in the foreground."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Sequence
from pathlib import Path

from informix_testserver.server import DEFAULT_USERS, Config, TestServer


def _user(text: str) -> tuple[str, str]:
    user, sep, password = text.partition(":")
    if not sep or not user:
        raise argparse.ArgumentTypeError("a user is given as NAME:PASSWORD")
    return user, password


def parse_args(argv: Sequence[str] | None = None) -> Config:
    """The server configuration the command line asks for."""
    return _config(_parser().parse_args(argv))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="informix-testserver",
        description="An Informix SQLI server on DuckDB for tests (IBM JDBC and informix_db speak"
        " to it). Runs in the foreground until SIGTERM or Ctrl-C.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (%(default)s)")
    p.add_argument("--port", type=int, default=9088, help="SQLI port (%(default)s)")
    p.add_argument("--tls-port", type=int, help="also listen with TLS on this port")
    p.add_argument("--tls-cert", type=Path, help="PEM certificate (default: self-signed)")
    p.add_argument("--tls-key", type=Path, help="PEM private key of --tls-cert")
    p.add_argument("--data-dir", type=Path, help="keep databases here (default: in memory)")
    p.add_argument("--user", type=_user, action="append", metavar="NAME:PASSWORD",
                   help="a user who may log in (repeatable; default informix:in4mix)")  # fmt: skip
    p.add_argument("--server-name", default="informix", help="the INFORMIXSERVER name")
    p.add_argument("--log-pdus", action="store_true", help="log every decoded PDU")
    p.add_argument("-v", "--verbose", action="store_true", help="log sessions and errors")
    return p


def _config(a: argparse.Namespace) -> Config:
    return Config(
        host=a.host, port=a.port, tls_port=a.tls_port, tls_cert=a.tls_cert, tls_key=a.tls_key,
        data_dir=a.data_dir, users=dict(a.user) if a.user else dict(DEFAULT_USERS),
        server_name=a.server_name, log_pdus=a.log_pdus,
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose or args.log_pdus else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    config = _config(args)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with TestServer(config) as srv:
        tls = f", TLS on {srv.tls_port}" if srv.tls_port else ""
        print(f"informix-testserver on {srv.host}:{srv.port}{tls}", flush=True)
        try:
            while not stop.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
