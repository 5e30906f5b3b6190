"""The rules enforced where data is read and written: for each role one allowed and one refused
action, through real accounts (so the grants and their spread over an organisation's forums
count), and reading limited to the forums on an issue's path."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from escalation import next_steps
from models import Issue, Meeting, User, unit_of_work
from models.vocabulary import IssueKind, IssueStatus, Role
from services.accounts.audit import audit_rows, search_audit
from services.accounts.signin import actor_of
from services.accounts.users import create_local_user, grant_role, list_users
from services.issues.duplicates import MergeInput, link_issues, linked_references, merge_issues
from services.issues.feedback import follow_issue, inbox
from services.issues.lookup import path_keys
from services.issues.queries import (
    IssueFilter,
    count_issues,
    export_rows,
    issue_counts,
    issue_detail,
    list_issues,
)
from services.issues.use_cases import (
    IssueInput,
    close_issue,
    comment_issue,
    delegate_issue,
    escalate_issue,
    raise_issue,
    resolve_issue,
)
from services.meetings.meetings import (
    MeetingInput,
    ParticipantInput,
    plan_meeting,
    set_participants,
)
from services.meetings.queries import meeting_view, meetings_of
from services.permissions import Actor, PermissionDeniedError, can_read_issue, trusted_actor
from services.startup.data_files import demo_spec
from services.structure.edit import remove_link
from services.structure.read import structure_graph
from services.structure.sync import load_structure
from tests.integration.conftest import act

PASSWORD = "en lång lösenfras 2026"
SYSTEM = trusted_actor()
# username: (organisation, [(role, forum or None)])
PEOPLE = {
    "anna": ("fk-vastmanland", [(Role.COLLABORATION_OFFICER, "vm-individ-vard")]),
    "bertil": ("region-vastmanland", [(Role.CHAIR, "vm-fm-kommitte")]),
    "cecilia": ("fk", [(Role.SECRETARY, "samverkansgrupp-fm")]),
    "fredrik": ("socialstyrelsen", [(Role.READER, "vm-fm-kommitte")]),
    "david": ("skr", [(Role.STRATEGIC_LEADER, None)]),
    "eva": ("fk", [(Role.ADMINISTRATOR, None)]),
    "sara": ("region-skane", [(Role.COLLABORATION_OFFICER, "demo-skane-strategisk")]),
    # Granted without a forum: at every forum FK Västmanland is a member of.
    "olle": ("fk-vastmanland", [(Role.COLLABORATION_OFFICER, None)]),
}


@pytest.fixture
def world(seeded):
    """The shipped structure plus the demo regions, the people above, and two issues: one in
    Västmanland (now at the committee) and one in Skåne."""
    with unit_of_work(seeded) as session:
        load_structure(session, demo_spec(), demo=True)
        for username, (org, grants) in PEOPLE.items():
            create_local_user(
                session,
                by=SYSTEM,
                username=username,
                display_name=username,
                password=PASSWORD,
                organisation=org,
            )
            for role, forum in grants:
                grant_role(session, by=SYSTEM, username=username, role=role, forum=forum)
        session.commit()
    vm = act(seeded, raise_issue, by=who(seeded, "anna"), data=issue("vm-individ-vard")).reference
    act(
        seeded,
        escalate_issue,
        reference=vm,
        target="vm-fm-kommitte",
        reason="Lyfts",
        by=who(seeded, "anna"),
        expected_version=1,
    )
    skane = act(
        seeded, raise_issue, by=who(seeded, "sara"), data=issue("demo-skane-strategisk")
    ).reference
    return seeded, vm, skane


def issue(forum: str) -> IssueInput:
    return IssueInput(
        title=f"Fråga i {forum}", description="", kind=IssueKind.CHALLENGE, forum=forum
    )


def who(engine, username: str) -> Actor:
    """The person as a signed-in page would see them: read from their account."""
    with unit_of_work(engine) as session:
        user_id = session.exec(select(User.id).where(User.username == username)).one()
        return actor_of(session, user_id)


def version(engine, reference: str) -> int:
    with unit_of_work(engine) as session:
        return session.exec(select(Issue.version).where(Issue.reference == reference)).one()


def refused(engine, fn, **kwargs) -> str:
    with pytest.raises(PermissionDeniedError) as caught, unit_of_work(engine) as session:
        fn(session, **kwargs)
    return caught.value.reason


# --- each role: one allowed, one refused ------------------------------------------------------


def test_a_collaboration_officer_logs_at_her_forum_but_cannot_resolve(world):
    engine, vm, _ = world
    anna = who(engine, "anna")
    assert act(engine, raise_issue, by=anna, data=issue("vm-individ-vard")).status == "new"
    assert refused(engine, raise_issue, by=anna, data=issue("vm-individ-af")) == "not_at_forum"
    assert (
        refused(
            engine,
            resolve_issue,
            reference=vm,
            outcome="Klart",
            by=anna,
            expected_version=version(engine, vm),
        )
        == "not_chair"
    )


def test_a_chair_resolves_at_his_forum_but_cannot_lift_from_another(world):
    engine, vm, _ = world
    bertil = who(engine, "bertil")
    other = act(engine, raise_issue, by=who(engine, "anna"), data=issue("vm-individ-vard"))
    assert (
        refused(
            engine,
            escalate_issue,
            reference=other.reference,
            target="vm-fm-kommitte",
            reason="Lyft",
            by=bertil,
            expected_version=1,
        )
        == "not_at_forum"
    )
    done = act(
        engine,
        resolve_issue,
        reference=vm,
        outcome="Gemensam rutin",
        by=bertil,
        expected_version=version(engine, vm),
    )
    assert done.status == IssueStatus.RESOLVED


def test_a_secretary_closes_at_her_forum_but_cannot_log_elsewhere(world):
    engine, vm, _ = world
    cecilia = who(engine, "cecilia")
    act(
        engine,
        escalate_issue,
        reference=vm,
        target="vm-strategisk-hsv",
        reason="Lyft",
        by=who(engine, "bertil"),
        expected_version=version(engine, vm),
    )
    assert refused(engine, raise_issue, by=cecilia, data=issue("vm-individ-vard")) == "not_at_forum"
    national = act(engine, raise_issue, by=cecilia, data=issue("samverkansgrupp-fm"))
    closed = act(
        engine,
        close_issue,
        reference=national.reference,
        reason="Dubblett",
        by=cecilia,
        expected_version=1,
    )
    assert closed.status == IssueStatus.CLOSED


def test_a_reader_reads_the_issues_of_her_forum_but_cannot_comment(world):
    engine, vm, _ = world
    fredrik = who(engine, "fredrik")
    with unit_of_work(engine) as session:
        assert issue_detail(session, vm, by=fredrik).reference == vm
    assert (
        refused(engine, comment_issue, reference=vm, text="Vi håller med", by=fredrik) == "reader"
    )


def test_the_strategic_leader_reads_and_comments_everywhere_but_does_not_log(world):
    engine, vm, skane = world
    david = who(engine, "david")
    act(engine, comment_issue, reference=skane, text="Följs upp nationellt", by=david)
    with unit_of_work(engine) as session:
        assert count_issues(session, IssueFilter(), by=david) == 2
    assert (
        refused(engine, raise_issue, by=david, data=issue("strategisk-samverkan")) == "not_at_forum"
    )


def test_the_administrator_manages_users_and_structure_but_does_not_resolve(world):
    engine, vm, _ = world
    eva = who(engine, "eva")
    act(
        engine,
        create_local_user,
        by=eva,
        username="ny",
        display_name="Ny Användare",
        password=PASSWORD,
    )
    with unit_of_work(engine) as session:
        assert search_audit(session, by=eva, table="app_user").total > 0
    assert (
        refused(
            engine,
            resolve_issue,
            reference=vm,
            outcome="Klart",
            by=eva,
            expected_version=version(engine, vm),
        )
        == "not_chair"
    )


def test_only_administrators_manage_users_read_the_audit_log_or_edit_the_structure(world):
    engine, *_ = world
    for name in ("anna", "bertil", "cecilia", "fredrik", "david"):
        person = who(engine, name)
        assert (
            refused(
                engine,
                create_local_user,
                by=person,
                username="x",
                display_name="X",
                password=PASSWORD,
            )
            == "not_admin"
        )
        assert (
            refused(engine, grant_role, by=person, username=name, role=Role.ADMINISTRATOR)
            == "not_admin"
        )
        assert refused(engine, list_users, by=person) == "not_admin"
        assert refused(engine, search_audit, by=person) == "not_admin"
        assert refused(engine, lambda s, **kw: list(audit_rows(s, **kw)), by=person) == "not_admin"
        assert (
            refused(
                engine,
                remove_link,
                source="vm-fm-kommitte",
                target="vm-strategisk-hsv",
                kind="escalates_to",
                expected_version=1,
                by=person,
            )
            == "not_admin"
        )


def test_a_role_granted_without_a_forum_holds_at_the_organisations_forums(world):
    engine, *_ = world
    olle = who(engine, "olle")
    assert {"vm-individ-vard", "vm-fm-kommitte"} <= olle.forums()
    assert act(engine, raise_issue, by=olle, data=issue("vm-fm-kommitte")).status == "new"
    assert (
        refused(engine, raise_issue, by=olle, data=issue("demo-skane-strategisk")) == "not_at_forum"
    )


def test_a_refused_user_learns_nothing_about_who_changed_the_issue(world):
    engine, vm, _ = world
    # a stale version and no right: the refusal is the rule, not "changed by ..."
    assert (
        refused(
            engine,
            resolve_issue,
            reference=vm,
            outcome="x",
            by=who(engine, "sara"),
            expected_version=0,
        )
        == "not_chair"
    )


# --- reading: only the forums on the issue's path -------------------------------------------


def test_without_membership_another_regions_issue_is_out_of_reach_everywhere(world):
    engine, vm, skane = world
    anna = who(engine, "anna")
    everything = IssueFilter()
    with unit_of_work(engine) as session:
        assert [r.reference for r in list_issues(session, everything, by=anna).rows] == [vm]
        assert count_issues(session, everything, by=anna) == 1
        assert count_issues(session, IssueFilter(text=skane), by=anna) == 0
        assert count_issues(session, IssueFilter(region="region-skane"), by=anna) == 0
        assert [row[0] for row in export_rows(session, everything, by=anna)] == [vm]
        assert issue_counts(session, by=anna)["issues"] == 1
        assert inbox(session, by=anna, forums=["demo-skane-strategisk"]) == ([], 0)
    with unit_of_work(engine) as session, pytest.raises(PermissionDeniedError) as caught:
        issue_detail(session, skane, by=anna)
    assert caught.value.reason == "not_on_path"
    assert refused(engine, follow_issue, reference=skane, by=anna) == "not_on_path"
    assert refused(engine, comment_issue, reference=skane, text="Hej", by=anna) == "not_on_path"
    assert refused(engine, link_issues, reference=vm, other=skane, by=anna) == "not_on_path"
    with unit_of_work(engine) as session:
        assert count_issues(session, everything, by=None) == 0  # nobody signed in
        assert count_issues(session, everything, by=who(engine, "david")) == 2


def test_an_issue_is_readable_all_along_its_path_and_only_there(world):
    engine, vm, _ = world
    # raised at vm-individ-vard, now at vm-fm-kommitte: both forums' members read it
    with unit_of_work(engine) as session:
        for name in ("anna", "bertil", "fredrik"):
            assert issue_detail(session, vm, by=who(engine, name)) is not None, name
    act(
        engine,
        escalate_issue,
        reference=vm,
        target="vm-strategisk-hsv",
        reason="Lyft",
        by=who(engine, "bertil"),
        expected_version=version(engine, vm),
    )
    with unit_of_work(engine) as session:
        for name in ("anna", "bertil"):  # still on its path after it moved on
            assert issue_detail(session, vm, by=who(engine, name)) is not None, name
    assert refused(engine, follow_issue, reference=vm, by=who(engine, "cecilia")) == "not_on_path"


def test_a_merged_issue_is_readable_from_every_forum_its_originals_came_from(world):
    engine, vm, _ = world
    anna = who(engine, "anna")
    other = act(engine, raise_issue, by=anna, data=issue("vm-individ-vard")).reference
    same = MergeInput((vm, other), "vm-strategisk-hsv", "Samma fråga två gånger", "", "Samma")
    assert refused(engine, merge_issues, by=who(engine, "bertil"), data=same) == "not_at_forum"
    merged = act(engine, merge_issues, by=trusted_actor("HSV-gruppen"), data=same).reference
    with unit_of_work(engine) as session:
        assert issue_detail(session, merged, by=anna).reference == merged
        original = session.exec(select(Issue).where(Issue.reference == vm)).one()
        titles = {
            ref: title
            for ref, title, _how in linked_references(session, original.id, who(engine, "sara"))
        }
    assert titles[merged] is None  # a linked issue's title is hidden from those who may not read


# --- the SQL filter and the rule agree, for any reader -------------------------------------

FORUMS = [
    "vm-individ-vard",
    "vm-individ-af",
    "vm-fm-kommitte",
    "vm-strategisk-hsv",
    "samverkansgrupp-fm",
    "demo-skane-strategisk",
    "demo-malmo-samverkan",
]


@pytest.fixture
def spread(world):
    """Issues raised at every forum above, some lifted one step, on top of the world's two."""
    engine, *_ = world
    mover = trusted_actor("Flytt")
    with unit_of_work(engine) as session:
        G = structure_graph(session)
        for n, forum in enumerate(FORUMS):
            ref = raise_issue(session, by=mover, data=issue(forum)).reference
            up = [s.forum for s in next_steps(G, forum)]
            if n % 2 == 0 and up:
                escalate_issue(
                    session,
                    reference=ref,
                    target=up[0],
                    reason="Lyft",
                    by=mover,
                    expected_version=1,
                    graph=G,
                )
        session.commit()
    return engine


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(forums=st.sets(st.sampled_from(FORUMS), max_size=3), role=st.sampled_from(list(Role)))
def test_what_a_list_shows_is_exactly_what_the_rule_lets_one_read(spread, forums, role):
    everywhere = role in (Role.STRATEGIC_LEADER, Role.ADMINISTRATOR)
    reader = Actor(
        99,
        "Läsare",
        frozenset({(role, None)} if everywhere else {(role, forum) for forum in forums}),
    )
    with unit_of_work(spread) as session:
        listed = {row[0] for row in export_rows(session, IssueFilter(), by=reader)}
        readable = {
            ref
            for ref, issue_id in session.exec(select(Issue.reference, Issue.id))
            if can_read_issue(reader, path_keys(session, issue_id))
        }
        assert count_issues(session, IssueFilter(), by=reader) == len(listed)
    assert listed == readable


# --- whoever is asked to act on something can open it ----------------------------------------


def test_the_beredningsgrupp_reads_and_refers_the_issues_lifted_to_the_samverkansgrupp(world):
    engine, vm, _ = world
    with unit_of_work(engine) as session:
        create_local_user(
            session,
            by=SYSTEM,
            username="ingrid",
            display_name="Ingrid",
            password=PASSWORD,
            organisation="socialstyrelsen",
        )
        grant_role(
            session,
            by=SYSTEM,
            username="ingrid",
            role=Role.COLLABORATION_OFFICER,
            forum="beredningsgrupp-fm",
        )
        session.commit()
    for target in ("vm-strategisk-hsv", "samverkansgrupp-fm"):
        act(
            engine,
            escalate_issue,
            reference=vm,
            target=target,
            reason="Lyfts",
            by=SYSTEM,
            expected_version=version(engine, vm),
        )
    ingrid = who(engine, "ingrid")
    assert ingrid.prepares == {"samverkansgrupp-fm"}
    with unit_of_work(engine) as session:
        assert issue_detail(session, vm, by=ingrid).reference == vm
        assert vm in {r.reference for r in list_issues(session, IssueFilter(), by=ingrid).rows}
    act(
        engine,
        delegate_issue,
        reference=vm,
        target="vm-strategisk-hsv",
        by=ingrid,
        reason="Hör hemma i Västmanland.",
        expected_version=version(engine, vm),
    )
    assert (
        refused(
            engine,
            resolve_issue,
            reference=vm,
            outcome="Klart",
            by=ingrid,
            expected_version=version(engine, vm),
        )
        == "not_chair"
    )


def test_a_person_called_to_a_meeting_reads_that_meeting_and_no_other(world):
    engine, _vm, _ = world
    chair = who(engine, "bertil")
    starts = datetime.now(UTC) + timedelta(days=20)
    called, other = (
        act(
            engine,
            plan_meeting,
            forum="vm-fm-kommitte",
            by=chair,
            data=MeetingInput(starts + timedelta(days=n), starts + timedelta(days=n, hours=2)),
        ).id
        for n in (0, 30)
    )
    with unit_of_work(engine) as session:
        meeting = session.get(Meeting, called)
        version_now = meeting.version
    act(
        engine,
        set_participants,
        meeting_id=called,
        by=chair,
        expected_version=version_now,
        participants=[ParticipantInput("Sara från Skåne", "region-skane", username="sara")],
    )
    sara = who(engine, "sara")
    with unit_of_work(engine) as session:
        assert meeting_view(session, called, by=sara).participants[0][0] == "Sara från Skåne"
        assert [m.id for m in meetings_of(session, by=sara)] == [called]
    assert refused(engine, meeting_view, meeting_id=other, by=sara) == "not_member"
    with unit_of_work(engine) as session:  # re-saving the list by name keeps the account
        set_participants(
            session,
            meeting_id=called,
            by=chair,
            expected_version=session.get(Meeting, called).version,
            participants=[ParticipantInput("Sara från Skåne", "region-skane")],
        )
        session.commit()
        assert meeting_view(session, called, by=sara).id == called
