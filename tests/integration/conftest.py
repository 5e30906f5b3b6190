"""Helpers for the service tests: a seeded database, one action per transaction, concurrency."""

import threading
from collections.abc import Callable

import pytest

from models import unit_of_work
from models.vocabulary import Role
from services.permissions import Actor
from services.startup.data_files import shipped_spec
from services.structure.sync import load_structure

TEST_USER_IDS: dict[str, int] = {}
"""One id per name, the same on every call and never another name's (hash() differed per
process and two names could share an id), far above the ids of users a test creates."""


def at(name: str, forum: str | None, *roles: Role) -> Actor:
    """A person holding these roles (collaboration officer if none) at one forum, or
    everywhere when forum is None."""
    return Actor(
        TEST_USER_IDS.setdefault(name, 1_000_000 + len(TEST_USER_IDS)),
        name,
        frozenset((r, forum) for r in roles or (Role.COLLABORATION_OFFICER,)),
    )


@pytest.fixture
def seeded(engine):
    """The engine (SQLite or PostgreSQL) with the shipped structure loaded."""
    with unit_of_work(engine) as session:
        load_structure(session, shipped_spec())
        session.commit()
    return engine


def act(engine, fn: Callable, **kwargs):
    """One user action: call the service in a unit of work and commit."""
    with unit_of_work(engine) as session:
        result = fn(session, **kwargs)
        session.commit()
        return result


def run_concurrently(fn: Callable[[], object], times: int) -> tuple[list, list[Exception]]:
    """Run fn in `times` threads at once; returns (results, errors)."""
    results, errors = [], []

    def run() -> None:
        try:
            results.append(fn())
        except Exception as exc:  # noqa: BLE001 (collected for the caller to assert on)
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
