"""A signed-in browser is found again by its token until it is idle too long, signs out, or
its user is deactivated; the stored hash is useless to a thief."""

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from models import SigninSession, unit_of_work
from models.vocabulary import Role
from services.accounts.sessions import close_session, open_session, resume_session
from services.accounts.users import create_local_user, deactivate
from tests.integration.conftest import act, at

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ADMIN = at("Eva (administratör)", None, Role.ADMINISTRATOR)


def user(engine) -> int:
    return act(
        engine,
        create_local_user,
        by=ADMIN,
        username="greta",
        display_name="Greta",
        password="tre ord som ingen gissar 2026",
    ).id


def resumed(engine, token: str, now: datetime) -> str | None:
    with unit_of_work(engine) as s:
        found = resume_session(s, token=token, now=now)
        s.commit()
        return found.username if found else None


def test_a_session_is_resumed_while_active_and_ends_when_idle(seeded):
    token = act(seeded, open_session, user_id=user(seeded), now=NOW)
    assert resumed(seeded, token, NOW + timedelta(minutes=20)) == "greta"
    assert resumed(seeded, token, NOW + timedelta(minutes=45)) == "greta"  # active in between
    assert resumed(seeded, token, NOW + timedelta(minutes=80)) is None  # idle 35 minutes
    assert resumed(seeded, token, NOW + timedelta(minutes=81)) is None  # and stays ended


def test_signing_out_and_deactivation_end_the_session(seeded):
    greta = user(seeded)
    first = act(seeded, open_session, user_id=greta, now=NOW)
    second = act(seeded, open_session, user_id=greta, now=NOW)
    act(seeded, close_session, token=first, now=NOW)
    assert resumed(seeded, first, NOW) is None
    assert resumed(seeded, second, NOW) == "greta"
    act(seeded, deactivate, by=ADMIN, username="greta")
    assert resumed(seeded, second, NOW) is None


def test_only_a_hash_is_stored_and_a_made_up_token_finds_nothing(seeded):
    token = act(seeded, open_session, user_id=user(seeded), now=NOW)
    with unit_of_work(seeded) as s:
        stored = s.exec(select(SigninSession.token_hash)).all()
    assert token not in stored and len(stored[0]) == 64
    assert resumed(seeded, token[:-2] + "xx", NOW) is None
    assert resumed(seeded, "", NOW) is None


def test_a_cookie_copied_into_another_browser_ends_the_session(seeded):
    firefox, chrome = "Mozilla/5.0 (X11; Linux) Firefox/140.0", "Mozilla/5.0 Chrome/156.0"
    token = act(seeded, open_session, user_id=user(seeded), now=NOW, browser=firefox)

    def from_(browser: str) -> str | None:
        with unit_of_work(seeded) as s:
            found = resume_session(s, token=token, now=NOW + timedelta(minutes=2), browser=browser)
            s.commit()
            return found.username if found else None

    assert from_(firefox) == "greta"
    assert from_(chrome) is None  # copied: refused, and the session ends for both
    assert from_(firefox) is None
