"""Bad luck on demand: a TCP proxy in front of PostgreSQL that a test kills (the database goes
away) or pauses (it stops answering, connections stay open), and an SQLite file that is full."""

import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url


class Proxy:
    """Relays 127.0.0.1:<port> to `target`. `kill()` drops every connection and refuses new
    ones; `pause()` keeps them open but passes nothing on, as a stalled network does;
    `restore()` undoes either."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen(64)
        self.flowing = threading.Event()
        self.flowing.set()
        self.dead = False
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, url: str) -> str:
        """`url` (a PostgreSQL URL) with its host and port replaced by the proxy's."""
        return (
            make_url(url)
            .set(host="127.0.0.1", port=self.port)
            .render_as_string(hide_password=False)
        )

    def kill(self) -> None:
        self.dead = True
        with self.lock:
            for pair in self.pairs:
                for sock in pair:
                    _close(sock)
            self.pairs.clear()

    def pause(self) -> None:
        self.flowing.clear()

    def restore(self) -> None:
        self.dead = False
        self.flowing.set()

    def close(self) -> None:
        self.kill()
        _close(self.listener)

    def _accept(self) -> None:
        while True:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            if self.dead:
                _close(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            with self.lock:
                self.pairs.append((client, server))
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        while not self.dead:
            if not self.flowing.wait(timeout=0.1):
                continue
            try:
                ready, _w, _x = select.select([a, b], [], [], 0.1)
                for source in ready:
                    if not self.flowing.is_set():
                        break
                    data = source.recv(65536)
                    if not data:
                        _close(a), _close(b)
                        return
                    (b if source is a else a).sendall(data)
            except (OSError, ValueError):
                _close(a), _close(b)
                return


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.close()


@contextmanager
def proxied(url: str) -> Iterator[Proxy]:
    parsed = make_url(url)
    proxy = Proxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    try:
        yield proxy
    finally:
        proxy.close()


def fill_sqlite(engine: Engine, pages: int = 1) -> None:
    """From now on the file may grow by only `pages` pages: the disk is full."""

    def limit(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA page_count")
        count = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={count + pages}")
        cursor.close()

    event.listen(engine, "connect", limit)
    engine.dispose()  # every connection from now on is a new one, with the limit


def empty_sqlite_disk(engine: Engine) -> None:
    """The disk has room again (the listener stays, but the limit is lifted on each new
    connection by the one added last)."""

    def unlimited(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA max_page_count=1073741823")
        cursor.close()

    event.listen(engine, "connect", unlimited)
    engine.dispose()
