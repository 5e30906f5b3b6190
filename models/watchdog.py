"""A deadline on every round trip to PostgreSQL, kept on the client.

The server's statement_timeout and lock_timeout end slow statements and waits for locks, and
libpq's connect_timeout ends a connection attempt; none of them helps when the network or a
proxy between the app and the database stops passing data while the connection stays open:
the driver then waits for an answer for ever, and so does the page. Here each statement, each
commit and the check a pooled connection gets before use arm a deadline; one thread shuts the
connection's socket down when a deadline passes, so the waiting call fails at once with the
driver's own error, which the app shows in words (models.db.DatabaseUnavailableError).
"""

import heapq
import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 10.0


class Watchdog:
    def __init__(self, seconds: float = DEFAULT_SECONDS) -> None:
        self.seconds = seconds
        self._lock = threading.Condition()
        self._deadlines: list[tuple[float, int, int]] = []
        self._armed: dict[int, int] = {}
        self._tokens = itertools.count(1)
        self._thread: threading.Thread | None = None

    @contextmanager
    def guard(self, fd: int | None) -> Iterator[None]:
        """While the block runs, the socket `fd` is shut down if the deadline passes."""
        token = self.arm(fd)
        try:
            yield
        finally:
            self.disarm(token)

    def arm(self, fd: int | None) -> int | None:
        if fd is None or fd < 0:
            return None
        with self._lock:
            token = next(self._tokens)
            self._armed[token] = fd
            heapq.heappush(self._deadlines, (time.monotonic() + self.seconds, token, fd))
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="db-watchdog", daemon=True)
                self._thread.start()
            if self._deadlines[0][1] == token:
                # woken only when this deadline comes first: every deadline is now plus the
                # same seconds, so it does only when none is waiting. Woken at every statement,
                # the thread took the interpreter from the page between its round trips
                # (a third of each small statement's time on PostgreSQL)
                self._lock.notify()
            return token

    def disarm(self, token: int | None) -> None:
        if token is not None:
            with self._lock:
                self._armed.pop(token, None)

    def _watch(self) -> None:
        while True:
            with self._lock:
                # deadlines of statements that ended are dropped at once, so the thread sleeps
                # until the oldest statement still running would time out (or until one starts)
                # and not once for every statement that ever ran
                while self._deadlines and self._deadlines[0][1] not in self._armed:
                    heapq.heappop(self._deadlines)
                if not self._deadlines:
                    self._lock.wait()
                    continue
                due, token, fd = self._deadlines[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._lock.wait(timeout=wait)
                    continue
                heapq.heappop(self._deadlines)
                del self._armed[token]
            _shut_down(fd)


def _shut_down(fd: int) -> None:
    """Shut the socket down (both ways) without closing the driver's descriptor: its blocked
    read returns, and the driver reports the connection as lost."""
    try:
        dup = os.dup(fd)
    except OSError:
        return
    try:
        with socket.socket(fileno=dup) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def socket_of(dbapi_connection: object) -> int | None:
    """The socket of a psycopg connection; None for any other driver."""
    pgconn = getattr(dbapi_connection, "pgconn", None)
    try:
        return pgconn.socket if pgconn is not None else None
    except Exception:  # noqa: BLE001 - a closed connection has no socket; nothing to guard
        return None
