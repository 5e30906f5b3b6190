"""Schema upgrades at start-up, safe when several app servers start against one database."""

import threading
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any constant will do; every app server must use the same one.
STARTUP_LOCK_ID = 0x5A3E_2026
STARTUP_WAIT_S = 60.0
"""How long a server starting waits for another's start-up work (migrations, first seeding)."""
# Alembic's command API keeps module-level state; Streamlit serves from threads.
_PROCESS_LOCK = threading.Lock()


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    with _PROCESS_LOCK, engine.begin() as connection, startup_lock(connection):
        command.upgrade(alembic_config(connection), "head")


class startup_lock:  # noqa: N801 - used as a context manager, reads like one
    """On PostgreSQL, serialise start-up work across app servers with a transaction lock.

    SQLite has one writer at a time already (and a busy timeout), so nothing is needed there.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def __enter__(self) -> Connection:
        if self.connection.dialect.name == "postgresql":
            take_startup_lock(self.connection)
        return self.connection

    def __exit__(self, *exc: object) -> None:
        return None


def take_startup_lock(executor: Connection | Session) -> None:
    """The start-up lock for this transaction, waited for up to STARTUP_WAIT_S.

    Asked for again and again rather than waited on: a waiting statement ends at the
    connection's lock_timeout (5 s, for a user's click) and at the watchdog's deadline (10 s),
    and another server's first seeding under load takes longer, which failed the servers that
    started beside it. Past the wait, the blocking lock is asked for and ends as a lock timeout.
    """
    lock = {"id": STARTUP_LOCK_ID}
    deadline = time.monotonic() + STARTUP_WAIT_S
    while time.monotonic() < deadline:
        if executor.execute(text("SELECT pg_try_advisory_xact_lock(:id)"), lock).scalar():
            return
        time.sleep(0.2)
    executor.execute(text("SELECT pg_advisory_xact_lock(:id)"), lock)
