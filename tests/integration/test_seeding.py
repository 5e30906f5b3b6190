import threading
import time
from dataclasses import replace

import pytest
from sqlmodel import func, select

from escalation import InvalidStructureError
from models import Forum, ForumLink, ForumMembership, Organisation, make_engine, unit_of_work
from models.db import LOCK_MS
from models.migrate import take_startup_lock
from models.vocabulary import Route
from services.startup.bootstrap import prepare_database
from services.startup.data_files import demo_spec, shipped_spec
from services.structure.file_format import LinkSpec, dump_structure, parse_structure, problems_in
from services.structure.read import current_revision, export_spec, structure_counts
from services.structure.sync import load_structure
from tests.integration.conftest import run_concurrently


def snapshot(session) -> list:
    rows = []
    for table in (Organisation, Forum, ForumMembership, ForumLink):
        rows += [r.model_dump() for r in session.exec(select(table).order_by(table.id))]
    return rows


def load(engine, spec, **kwargs):
    with unit_of_work(engine) as session:
        report = load_structure(session, spec, **kwargs)
        session.commit()
        return report


def test_loading_the_structure_creates_it(engine):
    report = load(engine, shipped_spec())
    assert report.created["forums"] == len(shipped_spec().forums)
    assert report.updated == {} or not +report.updated
    with unit_of_work(engine) as session:
        counts = structure_counts(session)
    assert counts["regions"] == 21
    assert counts["forums"] == len(shipped_spec().forums)
    assert counts["demo"] == 0


def test_loading_twice_changes_nothing(engine):
    load(engine, shipped_spec())
    load(engine, demo_spec(), demo=True)
    with unit_of_work(engine) as session:
        before, revision = snapshot(session), current_revision(session)
    assert not load(engine, shipped_spec()).changed
    assert not load(engine, demo_spec(), demo=True).changed
    with unit_of_work(engine) as session:
        assert snapshot(session) == before
        assert current_revision(session) == revision


def test_demo_content_is_flagged(engine):
    load(engine, shipped_spec())
    load(engine, demo_spec(), demo=True)
    with unit_of_work(engine) as session:
        demo = session.exec(select(Forum.key).where(Forum.is_demo)).all()
        real = session.exec(select(func.count()).select_from(Forum).where(~Forum.is_demo)).one()
    assert sorted(demo) == sorted(f.key for f in demo_spec().forums)
    assert real == len(shipped_spec().forums)


def test_a_change_in_the_file_updates_only_what_changed(engine):
    load(engine, shipped_spec())
    spec = shipped_spec()
    forum = next(f for f in spec.forums if f.key == "vm-fm-kommitte")
    forum.purpose = "Ny beskrivning"
    forum.members = forum.members[:1]
    report = load(engine, spec)
    assert report.updated["forums"] == 1
    assert report.removed["memberships"] == 1
    with unit_of_work(engine) as session:
        row = session.exec(select(Forum).where(Forum.key == "vm-fm-kommitte")).one()
        assert (row.purpose, row.version) == ("Ny beskrivning", 2)


def test_an_invalid_result_saves_nothing(engine):
    load(engine, shipped_spec())
    with unit_of_work(engine) as session:
        before = snapshot(session)
    spec = shipped_spec()
    top = next(f for f in spec.forums if f.key == "strategisk-samverkan")
    top.escalates_to.append(LinkSpec("vm-individ-vard", Route.JOINT_FORUM))
    with pytest.raises(InvalidStructureError), unit_of_work(engine) as session:
        load_structure(session, spec)
        session.commit()
    with unit_of_work(engine) as session:
        assert snapshot(session) == before


def test_export_then_check_round_trips(engine):
    load(engine, shipped_spec())
    load(engine, demo_spec(), demo=True)
    with unit_of_work(engine) as session:
        text = dump_structure(export_spec(session))
    exported = parse_structure(text)
    assert problems_in(exported) == []
    assert (
        exported.organisations[: len(shipped_spec().organisations)] == shipped_spec().organisations
    )
    assert {f.key for f in exported.forums} == {
        f.key for f in shipped_spec().forums + demo_spec().forums
    }
    assert not load(engine, exported).changed


def test_a_fresh_database_is_seeded_with_structure_and_demo_once(engine):
    first = prepare_database(engine)
    assert first is not None and first.structure.changed and first.demo.changed
    assert first.demo_issues == 7
    assert prepare_database(engine) is None
    with unit_of_work(engine) as session:
        assert structure_counts(session)["demo"] > 0


def test_servers_starting_together_seed_once(engine):
    if engine.dialect.name == "sqlite":
        pytest.skip("several app servers share one database only on PostgreSQL")
    results, errors = run_concurrently(lambda: prepare_database(engine), 3)
    assert errors == []
    assert sum(r is not None for r in results) == 1


def test_a_server_starting_waits_for_another_starting_past_the_lock_timeout(engine):
    """Another server's first seeding under load outlasts a click's lock_timeout (5 s): one
    starting beside it waits for it, then starts, instead of failing its start."""
    if engine.dialect.name == "sqlite":
        pytest.skip("several app servers share one database only on PostgreSQL")
    held, released = threading.Event(), []

    def another_server_starting() -> None:
        with engine.begin() as conn:
            take_startup_lock(conn)
            held.set()
            time.sleep(LOCK_MS / 1000 + 1.5)
            released.append(time.monotonic())

    other = threading.Thread(target=another_server_starting)
    other.start()
    assert held.wait(10)
    prepare_database(engine)
    started = time.monotonic()
    other.join()
    assert released and started >= released[0]  # after the other's start-up, not beside it


def test_a_renamed_forum_keeps_its_identity(engine):
    load(engine, shipped_spec())
    spec = shipped_spec()
    spec.forums = [
        replace(f, name=f.name + " (nytt namn)") if f.key == "vm-operativ-af" else f
        for f in spec.forums
    ]
    load(engine, spec)
    with unit_of_work(engine) as session:
        row = session.exec(select(Forum).where(Forum.key == "vm-operativ-af")).one()
    assert row.name.endswith("(nytt namn)")


def test_demo_issues_load_once_with_their_history(engine):
    from models import Issue, IssueEvent
    from services.startup.demo_issues import load_demo_issues

    load(engine, shipped_spec())
    load(engine, demo_spec(), demo=True)
    with unit_of_work(engine) as session:
        assert load_demo_issues(session) == 7
        session.commit()
    with unit_of_work(engine) as session:
        assert load_demo_issues(session) == 0
        issues = session.exec(select(Issue)).all()
        assert all(i.is_demo for i in issues)
        statuses = sorted(i.status for i in issues)
        events = session.exec(select(func.count()).select_from(IssueEvent)).one()
    assert statuses == ["being_handled", "escalated", "new", "new", "new", "on_agenda", "resolved"]
    assert events == 7 + 8  # one "raised" each, plus every step in the file


def test_demo_content_on_first_start_only_for_the_embedded_default(monkeypatch):
    from services.startup.bootstrap import demo_wanted

    monkeypatch.delenv("SAMVERKANSNAVET_DEMO", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert demo_wanted()
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://app@db/samverkan")
    assert not demo_wanted()
    monkeypatch.setenv("SAMVERKANSNAVET_DEMO", "1")
    assert demo_wanted()
    monkeypatch.setenv("SAMVERKANSNAVET_DEMO", "0")
    monkeypatch.delenv("DATABASE_URL")
    assert not demo_wanted()


def test_a_first_start_without_demo_has_the_structure_only(engine):
    result = prepare_database(engine, demo_on_first_start=False)
    assert result.demo is None and result.demo_users == 0
    with unit_of_work(engine) as session:
        assert structure_counts(session)["demo"] == 0


def test_the_first_administrator_is_created_from_the_command_line(tmp_path, monkeypatch):
    from models import RoleGrant, User
    from seed.__main__ import main

    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SAMVERKANSNAVET_ADMIN_PASSWORD", "kort")
    assert main(["--admin", "eva"]) == 1  # too short a password: nothing created
    monkeypatch.setenv("SAMVERKANSNAVET_ADMIN_PASSWORD", "ett långt lösenord för eva")
    assert main(["--admin", "eva"]) == 0
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        user = session.exec(select(User)).one()
        roles = session.exec(select(RoleGrant.role).where(RoleGrant.user_id == user.id)).all()
    engine.dispose()
    assert (user.username, roles) == ("eva", ["administrator"])


def test_the_demos_meeting_of_the_day_is_today_even_just_after_midnight(engine, monkeypatch):
    """Made at 00:15 in Stockholm, "an hour ago" was yesterday: the chair's demo meeting of the
    day (the one a new user holds) was then not today's (a browser test failed after 23:00 UTC)."""
    from datetime import UTC, date, datetime

    from models import Meeting, clock

    just_after_midnight = datetime(2026, 12, 1, 23, 15, tzinfo=UTC)  # 00:15 on 2 December
    monkeypatch.setattr(clock, "now", lambda: just_after_midnight)
    prepare_database(engine, demo_on_first_start=True)
    with unit_of_work(engine) as session:
        days = {clock.local(m.starts_at).date() for m in session.exec(select(Meeting))}
    assert clock.today() == date(2026, 12, 2) and clock.today() in days
