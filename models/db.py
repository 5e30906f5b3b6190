"""One engine factory and one unit of work, so every caller gets the same database behaviour."""

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from models.watchdog import Watchdog, socket_of

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / "samverkansnavet.db"


def database_url() -> str:
    """`DATABASE_URL` if set, else the embedded SQLite file under data/ (git ignores it)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return normalise_url(url)
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def normalise_url(url: str) -> str:
    """Accept the `postgres://` and `postgresql://` forms hosting platforms hand out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


CONNECT_SECONDS = 5
STATEMENT_MS = 15_000
PREPARE_AFTER = 1
"""PostgreSQL: a statement is prepared on the connection at its second run (psycopg's default
is the sixth). A page asks the same dozen small statements on every rerun, and planning each
anew was most of its time (0.4 ms planned, 0.05 ms run); prepared, the server plans it once.
The pool hands out the connection used last (LIFO), so a server's reruns find their
statements prepared instead of each of the pool's connections preparing its own."""
LOCK_MS = 5_000
IDLE_IN_TRANSACTION_MS = 60_000
WATCHDOG = Watchdog()
"""One deadline per round trip to PostgreSQL (models.watchdog), a little shorter than the
server's statement timeout would be of no use: the watchdog is for a network that stalls."""


def make_engine(url: str | None = None, *, interactive: bool = True, **kwargs: object) -> Engine:
    """`interactive`: for the app and its tests, with the timeouts below; a benchmark or a
    bulk load that runs long statements on purpose passes False."""
    url = normalise_url(url) if url else database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A database that refuses or stops answering is a message within seconds, never a page
    # that waits: connect, statement and lock timeouts on the server, a deadline on the client.
    connect_args = dict(kwargs.pop("connect_args", {}))  # type: ignore[call-overload]
    if not interactive:
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    connect_args.setdefault("connect_timeout", CONNECT_SECONDS)
    given = connect_args.get("options") or make_url(url).query.get("options") or ""
    connect_args["options"] = " ".join(
        filter(
            None,
            (
                given if isinstance(given, str) else " ".join(given),
                f"-c statement_timeout={STATEMENT_MS}",
                f"-c lock_timeout={LOCK_MS}",
                f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}",
            ),
        )
    )
    connect_args.setdefault("prepare_threshold", PREPARE_AFTER)
    kwargs.setdefault("pool_timeout", 10)
    kwargs.setdefault("pool_use_lifo", True)
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    event.listen(engine, "before_cursor_execute", _arm)
    event.listen(engine, "after_cursor_execute", _disarm)
    event.listen(engine, "handle_error", lambda context: _disarm(context.connection))
    event.listen(engine, "checkout", _ping)
    event.listen(engine, "checkin", _rested)
    return engine


def _arm(conn: object, *_args: object) -> None:
    conn.info["watchdog"] = WATCHDOG.arm(socket_of(conn.connection.dbapi_connection))


def _disarm(conn: object, *_args: object) -> None:
    if conn is not None:
        WATCHDOG.disarm(conn.info.pop("watchdog", None))


PING_AFTER_S = 1.0
"""A connection back in the pool for less than this is taken as it is: a page opens a
session for each thing it reads (two dozen on an issue's page), and a ping at each was a round
trip each, a fifth of the page's time on PostgreSQL. A connection that died within that second
fails its statement instead, which is told as the database being away, and is replaced."""


def _rested(_dbapi_connection: object, record: ConnectionPoolEntry) -> None:
    record.info["checked_in_at"] = time.monotonic()


def _ping(dbapi_connection: object, record: ConnectionPoolEntry, _proxy: object) -> None:
    """A pooled connection that has rested is checked before use, under the deadline (the
    pool's own pre-ping would wait for ever on a stalled network); a dead one is replaced."""
    rested = record.info.get("checked_in_at")
    if rested is not None and time.monotonic() - rested < PING_AFTER_S:
        return
    try:
        with WATCHDOG.guard(socket_of(dbapi_connection)):
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
    except Exception as lost:
        raise DisconnectionError(str(lost)) from lost


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """WAL lets readers run beside a writer; busy_timeout waits instead of failing at once.

    SQLite's own lower() folds only A-Z, so a search for "LÅNGA" would miss "långa"; Python's
    takes its place (ILIKE compiles to lower() LIKE lower() on SQLite), as PostgreSQL's does.
    """
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class ConcurrentChangeError(Exception):
    """Someone else's change reached the database between this action's read and its write.

    The version check in the services catches a stale form; this catches the narrower race
    where two writers pass that check at once and the database decides at flush or commit
    (a stale version, a serialization failure, a deadlock, SQLite's "database is locked").
    """


class DuplicateError(ConcurrentChangeError):
    """Two writers inserted the same thing at once (a unique key): the second is told it was
    there first, or, where repeating is harmless (following twice is following), not told."""


RACE_SQLSTATES = {"40001", "40P01"}
"""PostgreSQL's serialization failure and deadlock."""
UNIQUE_SQLSTATE, FOREIGN_KEY_SQLSTATE = "23505", "23503"


def _is_duplicate(error: DBAPIError) -> bool:
    return getattr(
        error.orig, "sqlstate", None
    ) == UNIQUE_SQLSTATE or "UNIQUE constraint failed" in str(error.orig)


def _is_gone(error: DBAPIError) -> bool:
    """A row written against was removed meanwhile (a foreign key no longer holds)."""
    return getattr(
        error.orig, "sqlstate", None
    ) == FOREIGN_KEY_SQLSTATE or "FOREIGN KEY constraint failed" in str(error.orig)


def _is_race(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate in RACE_SQLSTATES or "database is locked" in str(error.orig)


class DatabaseUnavailableError(Exception):
    """The database cannot be reached or cannot take the write: it is down, stops answering,
    or its disk is full. Nothing was written (the transaction is rolled back); the page says
    so in words and keeps what the user typed."""


SQLITE_UNAVAILABLE = (
    "disk is full",
    "disk i/o error",
    "unable to open",
    "readonly database",
    "database disk image is malformed",
)
"""SQLite's own words for a file it cannot use; its other operational errors are bugs."""


def is_unavailable(error: BaseException) -> bool:
    """Whether `error` means the database is away or full, rather than a bug or a race."""
    if isinstance(error, DatabaseUnavailableError | DisconnectionError | PoolTimeoutError):
        return True
    if not isinstance(error, OperationalError | InterfaceError) or _is_race(error):
        return False
    if isinstance(error.orig, sqlite3.Error):
        return any(words in str(error.orig).lower() for words in SQLITE_UNAVAILABLE)
    return True


@contextmanager
def _races_refused() -> Iterator[None]:
    try:
        yield
    except StaleDataError as race:
        raise ConcurrentChangeError(str(race)) from race
    except DBAPIError as error:
        if _is_duplicate(error):
            raise DuplicateError(str(error.orig)) from error
        if _is_race(error) or _is_gone(error):
            raise ConcurrentChangeError(str(error.orig)) from error
        if is_unavailable(error):
            raise DatabaseUnavailableError(str(error.orig)) from error
        raise
    except (DisconnectionError, PoolTimeoutError) as error:
        raise DatabaseUnavailableError(str(error)) from error


class AppSession(Session):
    """A session whose reads, flushes and commits refuse a race as `ConcurrentChangeError`
    (a unique key two writers reached at once as its `DuplicateError`) and a database that is
    away as `DatabaseUnavailableError`, so every use case and page meets one exception for
    each instead of the driver's own."""

    def execute(self, *args: object, **kwargs: object) -> object:
        with _races_refused():
            return super().execute(*args, **kwargs)

    def exec(self, *args: object, **kwargs: object) -> object:
        with _races_refused():
            return super().exec(*args, **kwargs)

    def get(self, *args: object, **kwargs: object) -> object:
        with _races_refused():
            return super().get(*args, **kwargs)

    def flush(self, objects: object = None) -> None:
        with _races_refused():
            super().flush(objects)

    def commit(self) -> None:
        fd = (
            socket_of(self.connection().connection.dbapi_connection)
            if self.in_transaction()
            else None
        )
        with _races_refused(), WATCHDOG.guard(fd):
            super().commit()


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session whose work is rolled back unless the caller commits it.

    One user action is one unit of work: the change and its history event commit together or
    not at all.
    """
    session = AppSession(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        # close() rolls back what was not committed, and unlike rollback() leaves the rows
        # already read usable after the block.
        session.close()


def add_unless_there(session: Session, row: object) -> bool:
    """Insert a row a unique key guards, in a savepoint; False, with nothing changed, if a
    concurrent writer (whom the check before could not see) inserted it first."""
    try:
        with session.begin_nested():
            session.add(row)
    except DuplicateError:
        return False
    return True
