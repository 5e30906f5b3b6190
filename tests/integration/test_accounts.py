import statistics
import time
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from models import Issue, IssueEvent, User, unit_of_work
from models.db import ConcurrentChangeError
from models.vocabulary import Role
from services.accounts import passwords
from services.accounts.signin import SigninError, actor_of, sign_in, sign_in_oidc
from services.accounts.signin_policy import SigninPolicy, delay_after, locked_until, session_expired
from services.accounts.users import (
    AccountError,
    create_local_user,
    deactivate,
    grant_role,
    grants_of,
    list_users,
    reactivate,
    revoke_role,
    set_password,
    update_user,
)
from services.issues.feedback import follow_issue, inbox, is_following
from services.issues.queries import IssueFilter, list_issues
from services.issues.use_cases import raise_issue, resolve_issue
from services.permissions import Actor, PermissionDeniedError
from tests.integration.conftest import act, at, run_concurrently
from tests.integration.test_issues import CERTIFICATES

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PASSWORD = "en lång lösenfras 2026"
ADMIN = at("Eva (administratör)", None, Role.ADMINISTRATOR)


@pytest.fixture
def anna(seeded):
    act(
        seeded,
        create_local_user,
        by=ADMIN,
        username="Anna",
        display_name="Anna Andersson",
        password=PASSWORD,
        organisation="fk-vastmanland",
    )
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
    act(anna, deactivate, by=ADMIN, username="anna")
    with pytest.raises(SigninError) as caught:
        attempt(anna, PASSWORD)
    assert caught.value.code == "inactive"


def test_roles_per_forum_and_everywhere(anna):
    act(
        anna,
        grant_role,
        by=ADMIN,
        username="anna",
        role=Role.COLLABORATION_OFFICER,
        forum="vm-individ-vard",
    )
    act(anna, grant_role, by=ADMIN, username="anna", role=Role.READER)
    act(anna, grant_role, by=ADMIN, username="anna", role=Role.READER)  # granting twice is once
    with unit_of_work(anna) as session:
        user = session.exec(select(User)).one()
        assert grants_of(session, user.id) == {
            (Role.COLLABORATION_OFFICER, "vm-individ-vard"),
            (Role.READER, None),
        }


def test_bad_accounts_are_refused(anna):
    for kwargs, code in [
        ({"username": "anna"}, "username_taken"),
        ({"username": "bo", "password": "kort"}, "password_too_short"),
        ({"username": "bo", "organisation": "nope"}, "unknown_organisation"),
    ]:
        with pytest.raises(AccountError) as caught, unit_of_work(anna) as session:
            create_local_user(
                session, by=ADMIN, **{"display_name": "X", "password": PASSWORD, **kwargs}
            )
        assert caught.value.code == code


def test_the_policy_in_numbers():
    policy = SigninPolicy(free_attempts=1, lock_after=2, lock_minutes=1, idle_minutes=10)
    assert delay_after(0, policy) == 0 and delay_after(2, policy) == 2
    assert locked_until(1, NOW, policy) is None
    assert locked_until(2, NOW, policy) == NOW + timedelta(minutes=1)
    assert not session_expired(NOW, NOW + timedelta(minutes=10), policy)
    assert session_expired(NOW, NOW + timedelta(minutes=11), policy)


def test_a_deactivated_user_is_no_actor_and_comes_back_when_reactivated(anna):
    with unit_of_work(anna) as session:
        user_id = session.exec(select(User.id)).one()
    act(anna, deactivate, by=ADMIN, username="anna")
    with unit_of_work(anna) as session:
        assert actor_of(session, user_id) is None  # signed out at the next click
    act(anna, reactivate, by=ADMIN, username="anna")
    assert attempt(anna, PASSWORD) == "Anna Andersson"


def test_an_administrator_keeps_their_own_access(anna):
    act(anna, grant_role, by=ADMIN, username="anna", role=Role.ADMINISTRATOR)
    with unit_of_work(anna) as session:
        me = actor_of(session, session.exec(select(User.id)).one())
    for fn, kwargs, reason in [
        (revoke_role, {"role": Role.ADMINISTRATOR}, "own_admin"),
        (deactivate, {}, "own_account"),
    ]:
        with pytest.raises(PermissionDeniedError) as caught, unit_of_work(anna) as session:
            fn(session, by=me, username="anna", **kwargs)
        assert caught.value.reason == reason


def test_roles_must_fit_where_they_hold(anna):
    for role, forum, code in [
        (Role.CHAIR, None, "forum_required"),
        (Role.STRATEGIC_LEADER, "vm-fm-kommitte", "role_everywhere"),
        (Role.READER, "no-such-forum", "unknown_forum"),
    ]:
        with pytest.raises(AccountError) as caught, unit_of_work(anna) as session:
            grant_role(session, by=ADMIN, username="anna", role=role, forum=forum)
        assert caught.value.code == code
    act(anna, grant_role, by=ADMIN, username="anna", role=Role.CHAIR, forum="vm-fm-kommitte")
    act(anna, revoke_role, by=ADMIN, username="anna", role=Role.CHAIR, forum="vm-fm-kommitte")
    with unit_of_work(anna) as session:
        assert grants_of(session, session.exec(select(User.id)).one()) == frozenset()


def test_a_stale_profile_edit_is_refused_and_a_new_password_lifts_a_lock(anna):
    with unit_of_work(anna) as session:
        version = session.exec(select(User.version)).one()
    act(
        anna,
        update_user,
        by=ADMIN,
        username="anna",
        display_name="Anna A.",
        email="a@fk.se",
        organisation="fk",
        expected_version=version,
    )
    with pytest.raises(AccountError) as caught, unit_of_work(anna) as session:
        update_user(
            session,
            by=ADMIN,
            username="anna",
            display_name="Anna B.",
            email="",
            organisation=None,
            expected_version=version,
        )
    assert caught.value.code == "stale"
    for _ in range(8):
        with pytest.raises(SigninError):
            attempt(anna, "fel", datetime.now(UTC))
    act(anna, set_password, by=ADMIN, username="anna", password="ett helt nytt lösenord")
    assert attempt(anna, "ett helt nytt lösenord", datetime.now(UTC)) == "Anna A."


def test_users_are_listed_searched_and_paged(anna):
    for n in range(30):
        act(
            anna,
            create_local_user,
            by=ADMIN,
            username=f"user{n:02d}",
            display_name=f"Användare {n:02d}",
            password=PASSWORD,
        )
    with unit_of_work(anna) as session:
        first = list_users(session, by=ADMIN, page=1)
        last = list_users(session, by=ADMIN, page=2)
        found = list_users(session, by=ADMIN, text="anna")
    assert (first.total, first.pages, len(first.rows), len(last.rows)) == (31, 2, 25, 6)
    assert [r.username for r in found.rows] == ["anna"]
    assert found.rows[0].organisation == "Försäkringskassan Västmanland"


def test_an_identity_from_the_provider_gets_an_account_once_and_links_by_email(anna):
    act(
        anna,
        update_user,
        by=ADMIN,
        username="anna",
        display_name="Anna Andersson",
        email="Anna@FK.se",
        organisation="fk-vastmanland",
        expected_version=1,
    )
    unverified = act(anna, sign_in_oidc, subject="idp|mallory", name="M", email="anna@fk.se")
    assert unverified.username != "anna"  # an address the provider did not verify links nothing
    linked = act(
        anna,
        sign_in_oidc,
        subject="idp|anna",
        name="Anna A",
        email="anna@fk.se",
        email_verified=True,
    )
    assert linked.username == "anna"  # her local account, now also signing in via the provider
    new = act(anna, sign_in_oidc, subject="idp|bo", name="Bo Berg", email="bo@skr.se")
    again = act(anna, sign_in_oidc, subject="idp|bo", name="Bo Berg", email="bo@skr.se")
    assert new.id == again.id and new.username == "bo"
    with unit_of_work(anna) as session:
        assert grants_of(session, new.id) == frozenset()  # no role until an admin grants one
    act(anna, deactivate, by=ADMIN, username="bo")
    with pytest.raises(SigninError) as caught, unit_of_work(anna) as session:
        sign_in_oidc(session, subject="idp|bo", name="Bo Berg")
    assert caught.value.code == "inactive"


def _answers(engine, username: str, tries: int) -> list[tuple[str, float]]:
    out = []
    for _ in range(tries):
        with unit_of_work(engine) as session, pytest.raises(SigninError) as caught:
            try:
                sign_in(session, username=username, password="fel", now=NOW)
            finally:
                session.commit()
        out.append((caught.value.code, caught.value.delay_s))
    return out


def test_an_unknown_name_slows_down_and_locks_exactly_like_an_account(anna):
    assert _answers(anna, "anna", 9) == _answers(anna, "ingen-sadan", 9)
    assert _answers(anna, "ingen-sadan", 1) == [("locked", 0.0)]


def test_an_unknown_name_and_a_wrong_password_take_the_same_time(anna, monkeypatch):
    """Medians over interleaved tries, each on a fresh name or a reset account, so neither
    side is slowed by the delay policy; the password check (argon2id, with the production
    parameters here) dominates both."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher())
    monkeypatch.setattr(passwords, "_DUMMY", PasswordHasher().hash("not a password of anyone"))
    act(anna, set_password, by=ADMIN, username="anna", password=PASSWORD)
    timings: dict[str, list[float]] = {"unknown": [], "wrong": []}
    for n in range(9):
        for kind, name in (("unknown", f"saknas{n}"), ("wrong", "anna")):
            started = time.perf_counter()
            with unit_of_work(anna) as session, pytest.raises(SigninError):
                try:
                    sign_in(session, username=name, password="fel lösenord", now=NOW)
                finally:
                    session.commit()
            timings[kind].append(time.perf_counter() - started)
        act(anna, set_password, by=ADMIN, username="anna", password=PASSWORD)  # lifts the count
    unknown, wrong = (statistics.median(timings[k]) for k in ("unknown", "wrong"))
    assert 0.5 < unknown / wrong < 2.0, timings


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort", "password_too_short"),
        ("x" * 257, "password_too_long"),
        ("password1234", "password_common"),
        ("qwertyuiop123", "password_common"),
        ("iloveyou2026!", "password_common"),
        ("samverkansnavet2026", "password_guessable"),
        ("greta.gustafsson", "password_guessable"),
    ],
)
def test_a_weak_password_is_refused_with_the_reason(seeded, password, code):
    with pytest.raises(AccountError) as caught:
        act(
            seeded,
            create_local_user,
            by=ADMIN,
            username="greta",
            password=password,
            display_name="Greta Gustafsson",
            email="greta.gustafsson@fk.se",
        )
    assert caught.value.code == code


def test_a_long_passphrase_without_digits_or_symbols_is_welcome(seeded):
    act(
        seeded,
        create_local_user,
        by=ADMIN,
        username="greta",
        display_name="Greta",
        password="korvbröd hoppar över staketet",
    )


def test_two_tabs_signing_in_with_the_provider_for_the_first_time_get_one_account(seeded):
    def first_sign_in() -> int:
        return act(seeded, sign_in_oidc, subject="idp|nya", name="Nina Ny", email="nina@fk.se").id

    results, errors = run_concurrently(first_sign_in, 6)
    assert all(isinstance(e, ConcurrentChangeError) for e in errors), errors  # SQLite's turn
    assert len(set(results)) == 1
    with unit_of_work(seeded) as session:
        assert len(session.exec(select(User).where(User.oidc_subject == "idp|nya")).all()) == 1


def test_a_renamed_person_keeps_their_inbox_their_follows_and_the_issues_they_raised(anna):
    with unit_of_work(anna) as session:
        user = session.exec(select(User)).one()
    officer = Actor(
        user.id, "Anna Andersson", frozenset({(Role.COLLABORATION_OFFICER, "vm-individ-vard")})
    )
    issue = act(anna, raise_issue, data=CERTIFICATES, by=officer)
    act(anna, follow_issue, reference=issue.reference, by=officer)
    chair = at("Carl", "vm-individ-vard", Role.CHAIR)
    act(
        anna,
        resolve_issue,
        reference=issue.reference,
        outcome="Löst i samverkan.",
        by=chair,
        expected_version=issue.version,
    )
    act(
        anna,
        update_user,
        by=ADMIN,
        username="anna",
        display_name="Anna Berg",
        email="",
        organisation="fk-vastmanland",
        expected_version=user.version,
    )
    renamed = Actor(user.id, "Anna Berg", officer.roles)
    with unit_of_work(anna) as session:
        notes, _total = inbox(session, by=Actor(user.id, "Anna Berg", frozenset()))
        mine = list_issues(session, IssueFilter(raised_by="Anna Berg"), by=renamed)
        stored = session.exec(select(Issue).where(Issue.reference == issue.reference)).one()
        events = session.exec(
            select(IssueEvent.kind, IssueEvent.actor, IssueEvent.changes)
            .where(IssueEvent.issue_id == stored.id)
            .order_by(IssueEvent.id.desc())
        ).first()
        followed = is_following(session, reference=issue.reference, person="Anna Berg")
    assert [n.reference for n in notes] and all(n.reference == issue.reference for n in notes)
    assert [row.reference for row in mine.rows] == [issue.reference]
    assert stored.raised_by == "Anna Berg" and followed
    assert events == (
        "edited",
        "Eva (administratör)",
        {"raised_by": ["Anna Andersson", "Anna Berg"]},
    )
