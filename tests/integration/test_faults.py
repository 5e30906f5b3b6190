"""The database goes away, stops answering, or fills up: the use case fails within seconds with
the app's own `DatabaseUnavailableError`, nothing is half-written, and the next action works
again by itself once the database is back."""

import time

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from models import Issue, IssueEvent, make_engine, unit_of_work
from models.db import WATCHDOG, DatabaseUnavailableError
from services.issues.use_cases import raise_issue
from services.permissions import trusted_actor
from tests.conftest import postgres_unavailable, postgres_url
from tests.faults import empty_sqlite_disk, fill_sqlite, proxied
from tests.integration.test_issues import CERTIFICATES

ANNA = trusted_actor("Anna (samverkansansvarig)")


@pytest.fixture
def behind_proxy(seeded):
    """The seeded PostgreSQL schema, reached through a proxy the test controls."""
    if seeded.dialect.name != "postgresql":
        pytest.skip("the proxy stands in front of PostgreSQL; SQLite has its own faults below")
    with seeded.connect() as conn:
        schema = conn.execute(text("SHOW search_path")).scalar()
    with proxied(postgres_url()) as proxy:
        engine = make_engine(
            proxy.url(postgres_url()), connect_args={"options": f"-csearch_path={schema}"}
        )
        yield engine, proxy, seeded
        engine.dispose()


def issues_in(engine) -> list[str]:
    with unit_of_work(engine) as s:
        return list(s.exec(select(Issue.title)))


def raise_one(engine, title: str = "Intyg som dröjer") -> str:
    data = CERTIFICATES.__class__(**{**CERTIFICATES.__dict__, "title": title})
    with unit_of_work(engine) as s:
        ref = raise_issue(s, data=data, by=ANNA).reference
        s.commit()
    return ref


def test_a_database_that_goes_away_is_said_within_seconds_and_comes_back(behind_proxy):
    engine, proxy, direct = behind_proxy
    raise_one(engine, "Före avbrottet")
    proxy.kill()
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailableError):
        raise_one(engine, "Under avbrottet")
    assert time.monotonic() - started < 10
    assert "Under avbrottet" not in issues_in(direct)
    proxy.restore()
    raise_one(engine, "Efter avbrottet")  # recovers by itself: the pool replaces the dead
    assert {"Före avbrottet", "Efter avbrottet"} <= set(issues_in(direct))


@pytest.mark.parametrize("when", ["before the writes", "at the commit"])
def test_a_database_that_stops_answering_mid_action_is_said_within_seconds(
    behind_proxy, monkeypatch, when
):
    """Stalled before its writes arrive, nothing is stored; stalled at the commit, the answer
    is lost but the transaction is whole: the issue and its history together, or neither."""
    engine, proxy, direct = behind_proxy
    monkeypatch.setattr(WATCHDOG, "seconds", 2.0)
    raise_one(engine, "Före")
    title = f"Mitt i ({when})"
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailableError), unit_of_work(engine) as s:
        data = CERTIFICATES.__class__(**{**CERTIFICATES.__dict__, "title": title})
        s.exec(select(Issue.id)).first()  # the transaction has its connection
        if when == "before the writes":
            proxy.pause()
        raise_issue(s, data=data, by=ANNA)
        s.flush()
        proxy.pause()
        started = time.monotonic()
        s.commit()
    assert time.monotonic() - started < 6
    proxy.restore()  # what was held back may still reach the server: read in one snapshot
    with unit_of_work(direct) as s:
        stored, events = s.exec(
            select(
                select(func.count())
                .select_from(Issue)
                .where(Issue.title == title)
                .scalar_subquery(),
                select(func.count())
                .select_from(IssueEvent)
                .join(Issue, Issue.id == IssueEvent.issue_id)
                .where(Issue.title == title)
                .scalar_subquery(),
            )
        ).one()
    assert events == stored  # whole or not at all
    if when == "before the writes":
        assert stored == 0
    raise_one(engine, "Efter")
    assert "Efter" in issues_in(direct)


def test_a_reader_waiting_on_a_stalled_database_is_told_within_seconds(behind_proxy, monkeypatch):
    engine, proxy, _direct = behind_proxy
    monkeypatch.setattr(WATCHDOG, "seconds", 2.0)
    issues_in(engine)  # a pooled connection exists
    proxy.pause()
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailableError):
        issues_in(engine)
    assert time.monotonic() - started < 10


def test_a_connection_to_a_server_that_never_answers_gives_up_after_the_connect_timeout():
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    with proxied(postgres_url()) as proxy:
        proxy.pause()
        engine = make_engine(proxy.url(postgres_url()))
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailableError), unit_of_work(engine) as s:
            s.exec(select(Issue.id)).all()
        assert time.monotonic() - started < 10
        engine.dispose()


def test_a_lock_held_elsewhere_ends_in_the_lock_timeout_not_a_hang(seeded):
    if seeded.dialect.name != "postgresql":
        pytest.skip("SQLite waits for its lock with busy_timeout and refuses as a race")
    ref = raise_one(seeded)
    holder = seeded.connect()
    trans = holder.begin()
    holder.execute(text("UPDATE issue SET title = title WHERE reference = :r"), {"r": ref})
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailableError), unit_of_work(seeded) as s:
            s.exec(text("UPDATE issue SET title = 'x' WHERE reference = :r").bindparams(r=ref))
        assert time.monotonic() - started < 10
    finally:
        trans.rollback()
        holder.close()


def test_a_full_sqlite_disk_is_refused_whole_and_the_next_save_works(seeded):
    if seeded.dialect.name != "sqlite":
        pytest.skip("a full disk is simulated with SQLite's max_page_count")
    fill_sqlite(seeded)
    big = CERTIFICATES.__class__(
        **{**CERTIFICATES.__dict__, "title": "Stor", "description": "Lång beskrivning. " * 800}
    )
    with pytest.raises(DatabaseUnavailableError), unit_of_work(seeded) as s:
        raise_issue(s, data=big, by=ANNA)
        s.commit()
    empty_sqlite_disk(seeded)
    assert issues_in(seeded) == []
    with unit_of_work(seeded) as s:
        raise_issue(s, data=big, by=ANNA)
        s.commit()
    assert issues_in(seeded) == ["Stor"]


def test_the_watchdog_leaves_an_answered_statement_and_its_connection_alone(monkeypatch):
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    monkeypatch.setattr(WATCHDOG, "seconds", 0.5)
    engine = make_engine(postgres_url())
    with engine.connect() as conn:
        for _ in range(50):
            conn.execute(text("SELECT 1"))
    time.sleep(1)  # every deadline armed above has passed: none may fire on the idle socket
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 2")).scalar() == 2
    assert engine.pool.checkedin() == 1
    engine.dispose()
