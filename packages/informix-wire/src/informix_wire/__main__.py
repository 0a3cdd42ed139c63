"""``python -m informix_wire`` (also the ``informix-wire`` command): look at SQLI traffic.

- ``decode FILE``: render a JDBC SQLIDEBUG trace, or raw captured streams, one line per message.
- ``proxy --listen HOST:PORT --target HOST:PORT [--log FILE]``: a tracing proxy.

See docs/wire-tools.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from informix_wire.capabilities import Capabilities
from informix_wire.errors import Error
from informix_wire.trace import SQLIDEBUG_MAGIC, Chunk, decode_chunks, read_sqlidebug


def _address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT")
    return host or "127.0.0.1", int(port)


def _caps(text: str) -> Capabilities:
    try:
        return Capabilities(bytes.fromhex(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--caps wants a hex mask: {exc}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m informix_wire", description="Look at SQLI traffic."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    decode = commands.add_parser("decode", help="render a capture as decoded messages")
    decode.add_argument("file", type=Path, help="SQLIDEBUG trace, or a raw byte stream")
    decode.add_argument("--server", type=Path, metavar="FILE",
                        help="the server-to-client raw stream that goes with FILE")  # fmt: skip
    decode.add_argument("--from", dest="side", choices=("client", "server"), default="client",
                        help="which side sent the raw FILE (default: client)")  # fmt: skip
    decode.add_argument("--caps", type=_caps, metavar="HEX",
                        help="capability mask until the capture's SQ_PROTOCOLS reply "
                        "(default: IBM Informix 15's)")  # fmt: skip
    proxy = commands.add_parser("proxy", help="forward a connection and log its messages")
    proxy.add_argument("--listen", type=_address, default=("127.0.0.1", 9090))
    proxy.add_argument("--target", type=_address, required=True)
    proxy.add_argument("--log", type=Path, help="append the log here (default: stdout)")
    return parser


def _chunks(args: argparse.Namespace) -> list[Chunk]:
    data = args.file.read_bytes()
    if data.startswith(SQLIDEBUG_MAGIC):
        return read_sqlidebug(data)
    side = "S" if args.side == "server" else "C"
    chunks = [Chunk(side, data)]
    if args.server is not None:
        # The server's stream first: its SQ_PROTOCOLS reply sets the framing of both.
        chunks.insert(0, Chunk("S", args.server.read_bytes()))
    return chunks


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "decode":
        try:
            for line in decode_chunks(_chunks(args), args.caps):
                print(line)
        except (OSError, Error) as exc:
            print(f"decode: {exc}", file=sys.stderr)
            return 1
        return 0
    from informix_wire.proxy import TracingProxy

    log = args.log.open("a", encoding="utf-8") if args.log else sys.stdout
    proxy = TracingProxy(args.listen, args.target, log)
    print(f"proxy {proxy.address[0]}:{proxy.address[1]} -> {args.target[0]}:{args.target[1]}",
          file=sys.stderr)  # fmt: skip
    try:
        proxy.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        proxy.close()
        if log is not sys.stdout:
            log.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
