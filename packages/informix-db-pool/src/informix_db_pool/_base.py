"""The bookkeeping both pools share: who holds which connection, who waits, what to close.

Nothing here blocks, sleeps or does I/O, so the sync pool calls it under its lock and the async pool
between two awaits; the I/O (connect, ping, rollback, close) always happens outside, by the caller,
on the slots these methods hand back. Waiters are served first come, first served: a returned
connection is handed straight to the oldest waiter, so a late acquirer cannot overtake one that
waits (the design of psycopg_pool, re-derived here).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from informix_db_pool._config import PoolConfig, PoolStats
from informix_wire.errors import InterfaceError

C = TypeVar("C")
Clock = Callable[[], float]


@dataclass(eq=False)
class Slot(Generic[C]):
    """One connection the pool owns, with the times that decide its fate."""

    conn: C
    created_at: float
    idle_since: float
    acquired_at: float = 0.0
    returning: bool = False  # release under way: a second release is refused
    warned: bool = False  # a max_hold warning was issued for this checkout


class Waiter(Protocol[C]):
    """An acquirer queued for a connection (a thread's event, or an asyncio future)."""

    def offer(self, grant: Slot[C] | None) -> bool:
        """Hand over a checked-out slot, or ``None`` = leave to open one; False if gone."""

    def fail(self, error: BaseException) -> None:
        """Wake the waiter with an error (the pool closed)."""


@dataclass
class _Counters:
    created: int = 0
    connect_errors: int = 0
    closed: int = 0
    evicted: int = 0
    expired: int = 0
    shrunk: int = 0
    drained: int = 0
    acquired: int = 0
    released: int = 0
    timeouts: int = 0
    held_too_long: int = 0


@dataclass
class PoolState(Generic[C]):
    """The pool's books. Every method must be called under the pool's lock (or on its loop)."""

    config: PoolConfig
    clock: Clock = time.monotonic
    idle: deque[Slot[C]] = field(default_factory=deque)
    in_use: dict[int, Slot[C]] = field(default_factory=dict)
    waiters: deque[Waiter[C]] = field(default_factory=deque)
    forced: dict[int, object] = field(default_factory=dict)
    connecting: int = 0
    closed: bool = False
    last_connect_error: BaseException | None = None
    counters: _Counters = field(default_factory=_Counters)

    @property
    def size(self) -> int:
        return len(self.idle) + len(self.in_use)

    # -- acquiring ----------------------------------------------------------------------------

    def take_idle(self, expired: list[Slot[C]]) -> Slot[C] | None:
        """Check out the most recently used idle slot, discarding (into ``expired``) stale ones."""
        now = self.clock()
        while self.idle:
            slot = self.idle.pop()
            if self._past_lifetime(slot, now):
                self.discard(slot, "expired")
                expired.append(slot)
                continue
            self._checkout(slot, now)
            return slot
        return None

    def reserve(self) -> bool:
        """Claim room for one more connection (the caller then opens it); False when full."""
        if self.closed or self.size + self.connecting >= self.config.max_size:
            return False
        self.connecting += 1
        return True

    def enqueue(self, waiter: Waiter[C]) -> None:
        self.waiters.append(waiter)

    def withdraw(self, waiter: Waiter[C]) -> None:
        """Forget a waiter that gave up (timeout or cancellation) before it was served."""
        try:
            self.waiters.remove(waiter)
        except ValueError:
            pass

    def opened(self, conn: C) -> Slot[C]:
        """A reserved connect succeeded: the new slot, checked out to the caller."""
        self.connecting -= 1
        self.counters.created += 1
        now = self.clock()
        slot = Slot(conn, created_at=now, idle_since=now)
        self._checkout(slot, now)
        return slot

    def opened_idle(self, conn: C) -> bool:
        """A reserved background connect succeeded: offer the new slot to waiters or idle.

        Returns True when the pool closed meanwhile and the caller must close the connection.
        """
        self.connecting -= 1
        self.counters.created += 1
        now = self.clock()
        slot = Slot(conn, created_at=now, idle_since=now)
        if self.closed:
            self.discard(slot, "drained")
            return True
        self.place(slot)
        return False

    def open_failed(self, error: BaseException) -> None:
        """A reserved connect failed: give the room to the next waiter, if any."""
        self.connecting -= 1
        self.counters.connect_errors += 1
        self.last_connect_error = error
        self.grow_for_waiters()

    def unreserve(self) -> None:
        """A reserved connect was abandoned (cancelled) before it finished."""
        self.connecting -= 1
        self.grow_for_waiters()

    # -- releasing ----------------------------------------------------------------------------

    def granted(self) -> None:
        """An acquire handed its connection to the caller."""
        self.counters.acquired += 1

    def begin_return(self, conn: object) -> Slot[C] | None:
        """Find the checked-out slot of ``conn``; refuse a double release or a stranger.

        ``None``: ``close()`` already took the connection back after its drain timeout.
        """
        if self.forced.get(id(conn)) is conn:
            del self.forced[id(conn)]
            return None
        slot = self.in_use.get(id(conn))
        if slot is None or slot.conn is not conn or slot.returning:
            raise InterfaceError("connection not checked out of this pool (double release?)")
        slot.returning = True
        return slot

    def held_for(self, slot: Slot[C]) -> float:
        return self.clock() - slot.acquired_at

    def finish_return(self, slot: Slot[C], healthy: bool) -> bool:
        """Put a released slot back (to a waiter or the idle stack) or discard it.

        Returns True when the caller must close the connection.
        """
        self.counters.released += 1
        if self.in_use.pop(id(slot.conn), None) is None:  # forced out by close() meanwhile
            self.forced.pop(id(slot.conn), None)
            return False
        slot.returning = False
        if not healthy:
            self.discard(slot, "evicted")
            return True
        if self.closed:
            self.discard(slot, "drained")
            return True
        if self.size + self.connecting >= self.config.max_size:
            self.discard(slot, "shrunk")
            return True
        if self._past_lifetime(slot, self.clock()):
            self.discard(slot, "expired")
            return True
        self.place(slot)
        return False

    def return_unused(self, slot: Slot[C]) -> None:
        """A slot handed to a waiter that was cancelled at that moment: offer it again."""
        if self.in_use.pop(id(slot.conn), None) is None:  # forced out by close() meanwhile
            return
        if self.closed:
            self.discard(slot, "drained")
        else:
            self.place(slot)

    def evict_checked_out(self, slot: Slot[C]) -> None:
        """A checked-out slot failed its health check before the caller saw it."""
        if self.in_use.pop(id(slot.conn), None) is not None:  # else close() forced it out
            self.discard(slot, "evicted")

    def place(self, slot: Slot[C]) -> None:
        """Make a healthy slot available: to the oldest live waiter, else onto the idle stack."""
        now = self.clock()
        slot.idle_since = now
        while self.waiters:
            waiter = self.waiters.popleft()
            self._checkout(slot, now)
            if waiter.offer(slot):
                return
            del self.in_use[id(slot.conn)]
        self.idle.append(slot)

    def discard(self, slot: Slot[C], reason: str) -> None:
        """Count a slot out of the pool (the caller closes its connection outside the lock)."""
        self.counters.closed += 1
        setattr(self.counters, reason, getattr(self.counters, reason) + 1)
        self.grow_for_waiters()

    # -- housekeeping -------------------------------------------------------------------------

    def collect_stale(self) -> list[Slot[C]]:
        """Discard idle slots past ``max_lifetime``, or past ``max_idle`` while above min_size."""
        now = self.clock()
        stale: list[Slot[C]] = []
        for slot in list(self.idle):
            if self._past_lifetime(slot, now) or (
                self._idle_too_long(slot, now) and self.size > self.config.min_size
            ):
                self.idle.remove(slot)
                self.discard(slot, "expired")
                stale.append(slot)
        return stale

    def collect_surplus(self) -> list[Slot[C]]:
        """After a shrinking resize: discard idle slots above max_size."""
        surplus: list[Slot[C]] = []
        while self.idle and self.size + self.connecting > self.config.max_size:
            slot = self.idle.popleft()
            self.discard(slot, "shrunk")
            surplus.append(slot)
        return surplus

    def collect_held_too_long(self) -> list[tuple[Slot[C], float]]:
        """Checked-out slots past ``max_hold`` not yet warned about, with how long they are held."""
        limit = self.config.max_hold
        if limit is None:
            return []
        now = self.clock()
        late = []
        for slot in self.in_use.values():
            held = now - slot.acquired_at
            if not slot.warned and held >= limit:
                slot.warned = True
                self.counters.held_too_long += 1
                late.append((slot, held))
        return late

    def refill_wanted(self) -> bool:
        """True when the background worker should open one more connection (min_size)."""
        return not self.closed and self.size + self.connecting < self.config.min_size

    def start_close(self, error: Callable[[], BaseException]) -> list[Slot[C]]:
        """Mark closed, fail every waiter (each with its own ``error()``), and discard the idle
        slots (returned for closing)."""
        self.closed = True
        while self.waiters:
            self.waiters.popleft().fail(error())
        drained = list(self.idle)
        self.idle.clear()
        for slot in drained:
            self.discard(slot, "drained")
        return drained

    def force_out(self) -> list[Slot[C]]:
        """The drain timeout passed: discard every checked-out slot (closed under its holder)."""
        slots = list(self.in_use.values())
        self.in_use.clear()
        for slot in slots:
            self.forced[id(slot.conn)] = slot.conn
            self.discard(slot, "drained")
        return slots

    def stats(self) -> PoolStats:
        c = self.counters
        return PoolStats(
            size=self.size,
            idle=len(self.idle),
            in_use=len(self.in_use),
            connecting=self.connecting,
            waiting=len(self.waiters),
            min_size=self.config.min_size,
            max_size=self.config.max_size,
            created=c.created,
            connect_errors=c.connect_errors,
            closed=c.closed,
            evicted=c.evicted,
            expired=c.expired,
            shrunk=c.shrunk,
            drained=c.drained,
            acquired=c.acquired,
            released=c.released,
            timeouts=c.timeouts,
            held_too_long=c.held_too_long,
        )

    # -- internals ----------------------------------------------------------------------------

    def _checkout(self, slot: Slot[C], now: float) -> None:
        slot.acquired_at = now
        slot.warned = False
        self.in_use[id(slot.conn)] = slot

    def grow_for_waiters(self) -> None:
        """Room freed up: let the oldest waiter open a connection itself."""
        while self.waiters and self.reserve():
            if self.waiters.popleft().offer(None):
                return
            self.connecting -= 1

    def _past_lifetime(self, slot: Slot[C], now: float) -> bool:
        lifetime = self.config.max_lifetime
        return lifetime is not None and now - slot.created_at >= lifetime

    def _idle_too_long(self, slot: Slot[C], now: float) -> bool:
        max_idle = self.config.max_idle
        return max_idle is not None and now - slot.idle_since >= max_idle
