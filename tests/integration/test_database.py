import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel, select

from models import Forum, Organisation, make_engine, unit_of_work
from models.db import ConcurrentChangeError, normalise_url
from models.migrate import upgrade
from services.issues.use_cases import raise_issue
from services.permissions import trusted_actor
from tests.integration.conftest import run_concurrently
from tests.integration.test_issues import CERTIFICATES


def test_the_migrations_create_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {
        "organisation",
        "forum",
        "forum_membership",
        "forum_link",
        "structure_revision",
        "alembic_version",
    } <= tables


def test_the_migrations_match_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_upgrading_twice_is_harmless(engine):
    upgrade(engine)
    upgrade(engine)


def test_work_is_rolled_back_unless_committed(engine):
    with unit_of_work(engine) as session:
        session.add(Organisation(key="x", name="X", kind="other"))
        session.flush()
    with unit_of_work(engine) as session:
        assert session.exec(select(Organisation)).all() == []
        session.add(Organisation(key="y", name="Y", kind="other"))
        session.commit()
    with unit_of_work(engine) as session:
        assert [o.key for o in session.exec(select(Organisation))] == ["y"]


def test_an_exception_rolls_back_too(engine):
    with pytest.raises(RuntimeError), unit_of_work(engine) as session:
        session.add(Organisation(key="x", name="X", kind="other"))
        session.flush()
        raise RuntimeError("boom")
    with unit_of_work(engine) as session:
        assert session.exec(select(Organisation)).all() == []


def test_a_stale_edit_is_refused_not_silently_overwritten(engine):
    with unit_of_work(engine) as session:
        session.add(Forum(key="f", name="F", level="local", kind="network", cadence="monthly"))
        session.commit()
    with unit_of_work(engine) as first, unit_of_work(engine) as second:
        mine = first.exec(select(Forum)).one()
        theirs = second.exec(select(Forum)).one()
        mine.purpose = "first edit"
        first.commit()
        theirs.purpose = "second edit, made on stale data"
        with pytest.raises(ConcurrentChangeError):  # the stale version, in the app's words
            second.commit()
    with unit_of_work(engine) as session:
        forum = session.exec(select(Forum)).one()
        assert (forum.purpose, forum.version) == ("first edit", 2)


def test_foreign_keys_are_enforced(engine):
    with unit_of_work(engine) as session:
        session.add(Organisation(key="x", name="X", kind="other", parent_id=999))
        with pytest.raises(Exception, match="(?i)foreign key"):
            session.commit()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_engine):
    with sqlite_engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_hosting_style_postgres_urls_use_psycopg():
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_default_database_is_a_sqlite_file_under_data(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    engine = make_engine()
    assert engine.url.get_backend_name() == "sqlite"
    assert engine.url.database.endswith("data/samverkansnavet.db")


def test_concurrent_upgrades_do_not_collide(engine):
    _results, errors = run_concurrently(lambda: upgrade(engine), 3)
    assert errors == []


def test_every_migration_downgrades_and_upgrades_again(engine):
    from alembic import command

    from models.migrate import alembic_config

    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert "issue_event" in inspect(engine).get_table_names()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE issue_event SET reason = 'omskrivet'",
        "DELETE FROM issue_event",
        "UPDATE audit_entry SET actor = 'någon annan'",
        "DELETE FROM audit_entry",
    ],
)
def test_the_history_and_the_audit_log_are_append_only_in_the_database(seeded, statement):
    with unit_of_work(seeded) as session:
        raise_issue(session, data=CERTIFICATES, by=trusted_actor("Anna"))
        session.commit()
    with unit_of_work(seeded) as session:
        before = (
            session.exec(text("SELECT count(*) FROM issue_event")).one()[0],
            session.exec(text("SELECT count(*) FROM audit_entry")).one()[0],
        )
    with pytest.raises(DBAPIError, match="append-only"), seeded.begin() as connection:
        connection.execute(text(statement))
    with unit_of_work(seeded) as session:
        after = (
            session.exec(text("SELECT count(*) FROM issue_event")).one()[0],
            session.exec(text("SELECT count(*) FROM audit_entry")).one()[0],
        )
    assert after == before
