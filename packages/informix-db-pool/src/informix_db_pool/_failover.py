"""Several servers for one logical database, in the spirit of an sqlhosts group.

A connect tries the hosts in the order given and keeps the first that answers, as a client does
with the members of an sqlhosts server group (IBM Informix Administrator's Guide, "sqlhosts
groups"). Between failed rounds the
background refill waits on an exponential, capped backoff, so a pool whose servers are all down
keeps trying without hammering them and recovers by itself when one comes back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from informix_wire.errors import Error, OperationalError, ProgrammingError

T = TypeVar("T")


@dataclass(frozen=True)
class Endpoint:
    """One server address; ``port=None`` leaves the driver's default."""

    host: str
    port: int | None = None

    def __str__(self) -> str:
        return self.host if self.port is None else f"{self.host}:{self.port}"


HostSpec = str | tuple[str, int] | Endpoint


def parse_hosts(hosts: Sequence[HostSpec], default_port: int | None = None) -> tuple[Endpoint, ...]:
    """Accept ``"db1"``, ``"db1:9088"``, ``"[::1]:9088"``, ``("db1", 9088)`` or an ``Endpoint``."""
    if isinstance(hosts, str) or not hosts:
        raise ProgrammingError("hosts must be a non-empty list of host names or (host, port)")
    return tuple(_endpoint(spec, default_port) for spec in hosts)


def _endpoint(spec: HostSpec, default_port: int | None) -> Endpoint:
    if isinstance(spec, Endpoint):
        return spec
    if isinstance(spec, tuple):
        host, port = spec
        return Endpoint(host, _port(port, spec))
    if not isinstance(spec, str) or not spec:
        raise ProgrammingError(f"bad host {spec!r}")
    if spec.startswith("["):  # IPv6 literal: [addr] or [addr]:port
        addr, _, rest = spec[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise ProgrammingError(f"bad host {spec!r}")
        return Endpoint(addr, _port(rest[1:], spec) if rest else default_port)
    if spec.count(":") == 1:
        host, port_text = spec.split(":")
        return Endpoint(host, _port(port_text, spec))
    return Endpoint(spec, default_port)


def _port(value: object, spec: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        port = value
    elif isinstance(value, str) and value.isdigit():
        port = int(value)
    else:
        raise ProgrammingError(f"bad port in host {spec!r}")
    if not 0 < port < 65536:
        raise ProgrammingError(f"port out of range in host {spec!r}")
    return port


def backoff(initial: float, maximum: float, factor: float = 2.0) -> Iterator[float]:
    """Delays between reconnect rounds: initial, doubled each time, capped at ``maximum``."""
    delay = initial
    while True:
        yield delay
        delay = min(delay * factor, maximum)


def _all_failed(endpoints: Sequence[Endpoint], errors: list[BaseException]) -> OperationalError:
    detail = "; ".join(f"{ep}: {err}" for ep, err in zip(endpoints, errors, strict=True))
    failure = OperationalError(f"no server answered ({detail})")
    failure.__cause__ = errors[-1]
    return failure


def connect_first(endpoints: Sequence[Endpoint], connect: Callable[[Endpoint], T]) -> T:
    """Connect to the first endpoint that answers; raise OperationalError naming every failure.

    Only driver errors (``informix_wire.errors.Error``, which includes refused or lost links) and
    ``OSError`` move on to the next host; anything else is a bug and propagates at once.
    """
    errors: list[BaseException] = []
    for endpoint in endpoints:
        try:
            return connect(endpoint)
        except (Error, OSError) as exc:
            errors.append(exc)
    raise _all_failed(endpoints, errors)


async def connect_first_async(
    endpoints: Sequence[Endpoint], connect: Callable[[Endpoint], Awaitable[T]]
) -> T:
    """The asyncio twin of :func:`connect_first`."""
    errors: list[BaseException] = []
    for endpoint in endpoints:
        try:
            return await connect(endpoint)
        except (Error, OSError) as exc:
            errors.append(exc)
    raise _all_failed(endpoints, errors)
