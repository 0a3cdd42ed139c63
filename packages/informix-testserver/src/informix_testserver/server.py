"""The listener: one thread per SQLI session (DuckDB calls block anyway), a plain port and an
optional TLS port, and a context manager that runs it all in the background."""

from __future__ import annotations

import importlib
import logging
import socket
import ssl
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from informix_testserver.faults import Faults
from informix_testserver.session import Session
from informix_testserver.tls import server_context

log = logging.getLogger("informix_testserver")

DEFAULT_USERS: Mapping[str, str] = {"informix": "in4mix"}


@dataclass
class Config:
    """How the server listens and whom it lets in; port 0 means a free port."""

    host: str = "127.0.0.1"
    port: int = 9088
    tls_port: int | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    data_dir: Path | None = None
    users: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_USERS))
    server_name: str = "informix"
    #: Log every decoded PDU (logger ``informix_testserver``, level INFO).
    log_pdus: bool = False
    #: Seconds a session may sit idle, or block on a send, before it is dropped.
    socket_timeout: float = 600.0


def make_engine(config: Config) -> Any:
    """The DuckDB-backed SQL engine (informix_testserver.engine, written apart from this layer)."""
    engine = importlib.import_module("informix_testserver.engine")
    return engine.Engine(data_dir=config.data_dir, users=config.users)


class TestServer:
    """An SQLI server in background threads; ``with TestServer() as srv:`` gives ``srv.port``.

    ``TestServer(port=0)`` (the default) picks a free port; ``tls=True`` adds a TLS port with a
    self-signed certificate (``srv.tls_cert`` is its path).
    """

    __test__ = False  # not a pytest test class

    def __init__(
        self, config: Config | None = None, *, tls: bool = False, engine: Any = None, **kw: Any
    ) -> None:
        if config is None:
            kw.setdefault("port", 0)
            if tls:
                kw.setdefault("tls_port", 0)
            config = Config(**kw)
        self.config = config
        self.engine = engine if engine is not None else make_engine(config)
        self.faults = Faults()
        self.host = config.host
        self.port = 0
        self.tls_port: int | None = None
        self.tls_cert: Path | None = None
        self._listeners: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._sessions: set[socket.socket] = set()
        #: Session threads still running; ``stop()`` joins them so that none is inside DuckDB
        #: when the interpreter exits (a daemon thread killed in DuckDB's C++ code aborts the
        #: process: "terminate called ... FATAL: exception not rethrown").
        self._session_threads: set[threading.Thread] = set()
        self._owns_engine = engine is None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._tls: ssl.SSLContext | None = None
        #: Holds a generated certificate; removed when the server object goes away.
        self._workdir: tempfile.TemporaryDirectory[str] | None = None

    #: The logged database every server has at start.
    database = "testdb"

    @property
    def user(self) -> str:
        return next(iter(self.config.users))

    @property
    def password(self) -> str:
        return self.config.users[self.user]

    def start(self) -> TestServer:
        """Bind the listeners and accept in background threads; after ``stop()`` it starts again
        on the same ports (a restart, as clients see it; the data stays)."""
        self._stopping.clear()
        self._listeners.clear()
        self._threads.clear()
        plain = self._listen(self.port or self.config.port)
        self.port = plain.getsockname()[1]
        self._spawn(self._accept_loop, plain, None)
        if self.config.tls_port is not None:
            if self._tls is None:
                self._workdir = tempfile.TemporaryDirectory(prefix="informix-testserver-")
                self._tls, self.tls_cert = server_context(
                    self.config.tls_cert, self.config.tls_key, Path(self._workdir.name)
                )
            secure = self._listen(self.tls_port or self.config.tls_port)
            self.tls_port = secure.getsockname()[1]
            self._spawn(self._accept_loop, secure, self._tls)
        log.info("informix-testserver listening on %s:%s (TLS %s)", self.host, self.port,
                 self.tls_port)  # fmt: skip
        return self

    def _listen(self, port: int) -> socket.socket:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, port))
        sock.listen(64)
        sock.settimeout(0.5)  # so that stop() is noticed
        self._listeners.append(sock)
        return sock

    def _spawn(self, target: Any, *args: Any) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)
        return thread

    def _accept_loop(self, listener: socket.socket, context: ssl.SSLContext | None) -> None:
        while not self._stopping.is_set():
            try:
                conn, addr = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn, addr, context), daemon=True)
            with self._lock:
                self._session_threads.add(thread)
            thread.start()

    def _serve(
        self, conn: socket.socket, addr: tuple[str, int], context: ssl.SSLContext | None
    ) -> None:
        peer = f"{addr[0]}:{addr[1]}"
        conn.settimeout(self.config.socket_timeout)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if context is not None:
            try:
                conn = context.wrap_socket(conn, server_side=True)
            except (OSError, ssl.SSLError) as exc:
                log.warning("session %s: TLS handshake failed: %s", peer, exc)
                conn.close()
                return
        with self._lock:
            self._sessions.add(conn)
        try:
            Session(conn, self, peer).run()
        finally:
            with self._lock:
                self._sessions.discard(conn)
                self._session_threads.discard(threading.current_thread())

    def drop_sessions(self) -> int:
        """Cut every open session (fault injection: a server crash as clients see it)."""
        with self._lock:
            sessions = list(self._sessions)
        for conn in sessions:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        return len(sessions)

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop accepting, cut open sessions and wait (up to ``timeout`` seconds each) for the
        accept and session threads; the data stays, so ``start()`` may follow. Returns whether
        every thread ended."""
        self._stopping.set()
        for sock in self._listeners:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes a blocked accept() on Linux
            except OSError:
                pass
            sock.close()
        self.drop_sessions()
        for thread in self._threads:
            thread.join(timeout=timeout)
        with self._lock:
            sessions = list(self._session_threads)
        for thread in sessions:
            thread.join(timeout=timeout)
        alive = [t for t in [*self._threads, *sessions] if t.is_alive()]
        if alive:
            log.warning("informix-testserver: %d thread(s) did not stop", len(alive))
        return not alive

    def close(self) -> None:
        """``stop()``, then close the engine this server made (DuckDB closed before interpreter
        exit, not torn down by it); the server cannot start again after this. An engine passed
        in by the caller stays open. The engine stays open too when a session thread is still
        running, since closing DuckDB under it could crash the process."""
        if self.stop() and self._owns_engine:
            self.engine.close()

    def __enter__(self) -> TestServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def dsn(self, database: str = "testdb") -> str:
        """A DSN for ``informix_db.connect``."""
        return (
            f"informix://{self.user}:{self.password}@{self.host}:{self.port}/{database}"
            f"?server={self.config.server_name}"
        )
