"""The database a benchmark fills: a fresh SQLite file, or a schema of its own on PostgreSQL
(`--db URL`), dropped afterwards."""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text

from models.db import make_engine


def settled(engine: Engine) -> None:
    """What a live database has after a bulk load: statistics, and on PostgreSQL the
    visibility map autovacuum keeps (without it no index-only scan, so a forum's queue
    read its 1,600 heap pages instead of its index). Run after the load's transaction."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


@contextmanager
def bench_engine(url: str | None) -> Iterator[Engine]:
    url = url or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    if url.startswith("postgres"):
        with make_engine(url, interactive=False).begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench"))
        engine = make_engine(
            url, interactive=False, connect_args={"options": "-csearch_path=bench"}
        )
    else:
        engine = make_engine(url)
    try:
        yield engine
    finally:
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA bench CASCADE"))
        engine.dispose()
