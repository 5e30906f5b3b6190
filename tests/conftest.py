"""Shared fixtures: a migrated database per backend (SQLite always, PostgreSQL when reachable)."""

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import Engine, create_engine, text

from models import make_engine
from models.migrate import upgrade
from services.accounts import passwords

# Tests hash passwords with argon2's cheapest parameters (the production parameters take about
# 50 ms a hash on purpose, which cost the suite minutes); the dummy hash that answers unknown
# names is made with the same, so both kinds of failed sign-in still cost the same.
passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
passwords._DUMMY = passwords._hasher.hash("not a password of anyone")

DEFAULT_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    return os.environ.get("TEST_POSTGRES_URL") or DEFAULT_TEST_POSTGRES_URL


@cache
def postgres_unavailable() -> str | None:
    """None when the test server answers, else the reason the PostgreSQL tests skip."""
    url = postgres_url()
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 (any failure to connect: skip, saying why)
        return f"PostgreSQL not reachable at {url} ({type(exc).__name__}: {exc})".splitlines()[0]
    return None


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One SQLite database migrated to the newest revision, made once per test process."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_engine(tmp_path, migrated_sqlite) -> Iterator[Engine]:
    """A fresh migrated database: a copy of the one migrated once (as the page tests do)."""
    shutil.copyfile(migrated_sqlite, tmp_path / "test.db")
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    yield engine
    engine.dispose()


@contextmanager
def fresh_schema() -> Iterator[str]:
    """An empty schema on the test server, dropped afterwards; skips without a server."""
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgresql_engine() -> Iterator[Engine]:
    """A migrated engine confined to a fresh schema, dropped afterwards."""
    with fresh_schema() as schema:
        engine = make_engine(postgres_url(), connect_args={"options": f"-csearch_path={schema}"})
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request) -> Engine:
    """Each integration test runs once per backend."""
    return request.getfixturevalue(f"{request.param}_engine")
