from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from models import User, unit_of_work
from models.vocabulary import Role
from services.accounts import (
    AccountError,
    SigninError,
    create_local_user,
    deactivate,
    grant_role,
    grants_of,
    sign_in,
)
from services.signin_policy import SigninPolicy, delay_after, locked_until, session_expired
from tests.integration.conftest import act

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PASSWORD = "en lång lösenfras 2026"


@pytest.fixture
def anna(seeded):
    act(seeded, create_local_user, username="Anna", display_name="Anna Andersson",
        password=PASSWORD, organisation="fk-vastmanland")
    return seeded


def attempt(engine, password: str, now: datetime = NOW):
    with unit_of_work(engine) as session:
        try:
            return sign_in(session, username="anna", password=password, now=now).display_name
        finally:
            session.commit()  # failures are counted even when sign-in is refused


def test_passwords_are_stored_as_argon2id_and_sign_in_works(anna):
    with unit_of_work(anna) as session:
        user = session.exec(select(User)).one()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert attempt(anna, PASSWORD) == "Anna Andersson"


def test_a_wrong_password_and_an_unknown_name_look_the_same(anna):
    with pytest.raises(SigninError) as wrong:
        attempt(anna, "fel lösenord")
    with unit_of_work(anna) as session, pytest.raises(SigninError) as unknown:
        sign_in(session, username="nobody", password=PASSWORD, now=NOW)
    assert wrong.value.code == unknown.value.code == "bad_credentials"


def test_repeated_failures_slow_down_then_lock_and_success_resets(anna):
    delays = []
    for _ in range(7):
        with pytest.raises(SigninError) as caught:
            attempt(anna, "fel")
        delays.append(caught.value.delay_s)
    assert delays == [0, 0, 1, 2, 4, 8, 16]
    with pytest.raises(SigninError):
        attempt(anna, "fel")  # the eighth failure locks
    with pytest.raises(SigninError) as locked:
        attempt(anna, PASSWORD, NOW + timedelta(minutes=5))
    assert locked.value.code == "locked"
    assert attempt(anna, PASSWORD, NOW + timedelta(minutes=16)) == "Anna Andersson"
    with unit_of_work(anna) as session:
        assert session.exec(select(User.failed_signins)).one() == 0


def test_a_deactivated_user_cannot_sign_in_but_keeps_the_account(anna):
    act(anna, deactivate, username="anna")
    with pytest.raises(SigninError) as caught:
        attempt(anna, PASSWORD)
    assert caught.value.code == "inactive"


def test_roles_per_forum_and_everywhere(anna):
    act(anna, grant_role, username="anna", role=Role.COLLABORATION_OFFICER,
        forum="vm-individ-vard")
    act(anna, grant_role, username="anna", role=Role.READER)
    act(anna, grant_role, username="anna", role=Role.READER)  # granting twice is once
    with unit_of_work(anna) as session:
        user = session.exec(select(User)).one()
        assert grants_of(session, user.id) == {(Role.COLLABORATION_OFFICER, "vm-individ-vard"),
                                               (Role.READER, None)}


def test_bad_accounts_are_refused(anna):
    for kwargs, code in [({"username": "anna"}, "username_taken"),
                         ({"username": "bo", "password": "kort"}, "password_too_short"),
                         ({"username": "bo", "organisation": "nope"}, "unknown_organisation")]:
        with pytest.raises(AccountError) as caught, unit_of_work(anna) as session:
            create_local_user(session, **{"display_name": "X", "password": PASSWORD, **kwargs})
        assert caught.value.code == code


def test_the_policy_in_numbers():
    policy = SigninPolicy(free_attempts=1, lock_after=2, lock_minutes=1, idle_minutes=10)
    assert delay_after(0, policy) == 0 and delay_after(2, policy) == 2
    assert locked_until(1, NOW, policy) is None
    assert locked_until(2, NOW, policy) == NOW + timedelta(minutes=1)
    assert not session_expired(NOW, NOW + timedelta(minutes=10), policy)
    assert session_expired(NOW, NOW + timedelta(minutes=11), policy)
