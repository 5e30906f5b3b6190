"""Schema upgrades at start-up, safe when several app servers start against one database."""

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Any constant will do; every app server must use the same one.
STARTUP_LOCK_ID = 0x5A3E_2026
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
            self.connection.execute(
                text("SELECT pg_advisory_xact_lock(:id)"), {"id": STARTUP_LOCK_ID}
            )
        return self.connection

    def __exit__(self, *exc: object) -> None:
        return None
