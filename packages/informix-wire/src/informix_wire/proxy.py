"""A tracing TCP proxy: forwards every byte between a client and an Informix server unchanged and
logs each decoded PDU message (login, then requests and replies) as it passes.

One thread per client connection, which waits on both sockets with ``select`` (bounded, so
``close()`` is noticed). An urgent byte from the client (JDBC's cancel, ``Connection.sOOBSocket``)
is forwarded as urgent data too.
"""

from __future__ import annotations

import itertools
import select
import socket
import threading
from typing import TextIO

from informix_wire.trace import Chunk, ConversationDecoder

#: How often a waiting connection thread checks whether the proxy is closing (seconds).
POLL = 0.25
#: Connect timeout towards the target (seconds).
CONNECT_TIMEOUT = 10.0
_RECV = 64 * 1024


class TracingProxy:
    """Listen on ``listen``; for each client, connect to ``target`` and relay, logging to
    ``log``."""

    def __init__(self, listen: tuple[str, int], target: tuple[str, int], log: TextIO) -> None:
        self.target = target
        self.log = log
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._ids = itertools.count(1)
        self._threads: list[threading.Thread] = []
        self.listener = socket.create_server(listen)
        self.listener.settimeout(POLL)
        #: The bound (host, port); the port is the real one when 0 was asked for.
        self.address: tuple[str, int] = self.listener.getsockname()[:2]

    def _write(self, line: str) -> None:
        with self._lock:
            self.log.write(line + "\n")
            self.log.flush()

    def serve_forever(self) -> None:
        """Accept clients until :meth:`close`."""
        while not self._closing.is_set():
            try:
                client, peer = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._closing.is_set():
                    return
                raise
            number = next(self._ids)
            thread = threading.Thread(target=self._relay, args=(number, client, peer), daemon=True)
            self._threads.append(thread)
            thread.start()

    def close(self) -> None:
        """Stop accepting and end every relay (each within ``POLL`` seconds)."""
        self._closing.set()
        self.listener.close()
        for thread in self._threads:
            thread.join(POLL * 8)

    def _relay(self, number: int, client: socket.socket, peer: tuple[str, int]) -> None:
        tag = f"#{number}"
        try:
            server = socket.create_connection(self.target, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            self._write(f"{tag} cannot reach {self.target[0]}:{self.target[1]}: {exc}")
            client.close()
            return
        self._write(f"{tag} {peer[0]}:{peer[1]} -> {self.target[0]}:{self.target[1]}")
        decoder = ConversationDecoder(login_first=True)
        with client, server:
            client.settimeout(None)
            server.settimeout(None)
            try:
                self._pump(tag, client, server, decoder)
            except OSError as exc:
                self._write(f"{tag} connection error: {exc}")
        for line in decoder.finish():
            self._write(f"{tag} {line}")
        self._write(f"{tag} closed")

    def _pump(
        self,
        tag: str,
        client: socket.socket,
        server: socket.socket,
        decoder: ConversationDecoder,
    ) -> None:
        peers = {client: (server, "C"), server: (client, "S")}
        while not self._closing.is_set():
            readable, _, urgent = select.select([client, server], [], [client], POLL)
            if urgent:
                byte = client.recv(1, socket.MSG_OOB)
                server.send(byte, socket.MSG_OOB)
                self._write(f"{tag} C interrupt (urgent byte {byte.hex()})")
            for sock in readable:
                data = sock.recv(_RECV)
                other, side = peers[sock]
                if not data:
                    self._write(f"{tag} {side} end of stream")
                    return
                other.sendall(data)
                for line in decoder.feed(Chunk(side, data)):
                    self._write(f"{tag} {line}")
