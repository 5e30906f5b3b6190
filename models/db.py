"""One engine factory and one unit of work, so every caller gets the same database behaviour."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

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


def make_engine(url: str | None = None, **kwargs: object) -> Engine:
    url = normalise_url(url) if url else database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


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


RACE_SQLSTATES = {"40001", "40P01"}
"""PostgreSQL's serialization failure and deadlock."""


def _is_race(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate in RACE_SQLSTATES or "database is locked" in str(error.orig)


@contextmanager
def _races_refused() -> Iterator[None]:
    try:
        yield
    except StaleDataError as race:
        raise ConcurrentChangeError(str(race)) from race
    except DBAPIError as error:
        if _is_race(error):
            raise ConcurrentChangeError(str(error.orig)) from error
        raise


class AppSession(Session):
    """A session whose flushes and commits refuse a race as `ConcurrentChangeError`, so every
    use case and page meets one exception for it instead of the driver's own."""

    def flush(self, objects: object = None) -> None:
        with _races_refused():
            super().flush(objects)

    def commit(self) -> None:
        with _races_refused():
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
