from sqlmodel import select

from models import Issue, IssueEvent, unit_of_work
from services.issues.feedback import (
    acknowledge,
    feedback_reached_origin,
    follow_issue,
    follow_state,
    inbox,
    is_following,
    unfollow_issue,
)
from services.issues.use_cases import comment_issue, escalate_issue, raise_issue, resolve_issue
from services.permissions import trusted_actor as anyone
from tests.integration.conftest import act, at
from tests.integration.test_issues import CERTIFICATES


def version(engine, ref: str) -> int:
    with unit_of_work(engine) as session:
        return session.exec(select(Issue.version).where(Issue.reference == ref)).one()


def read_inbox(engine, person="", forums=()):
    with unit_of_work(engine) as session:
        return inbox(session, by=anyone(person), forums=list(forums))


def resolved_at_samverkansgruppen(engine) -> str:
    ref = act(engine, raise_issue, data=CERTIFICATES, by=anyone("Anna")).reference
    for target in ("vm-fm-kommitte", "vm-strategisk-hsv", "samverkansgrupp-fm"):
        act(
            engine,
            escalate_issue,
            reference=ref,
            target=target,
            by=anyone("Bo"),
            reason="Lyft",
            expected_version=version(engine, ref),
        )
    act(
        engine,
        resolve_issue,
        reference=ref,
        by=anyone("Carin"),
        expected_version=version(engine, ref),
        outcome="Nationell rutin tas fram.",
    )
    return ref


def test_the_outcome_reaches_the_person_and_every_forum_on_the_way(seeded):
    ref = resolved_at_samverkansgruppen(seeded)
    entries, total = read_inbox(seeded, person="Anna")
    assert total == 1 and entries[0].reference == ref and entries[0].kind == "feedback"
    assert entries[0].text == "Nationell rutin tas fram."
    for forum in ("vm-individ-vard", "vm-fm-kommitte", "vm-strategisk-hsv"):
        assert read_inbox(seeded, forums=[forum])[1] == 1, forum
    assert read_inbox(seeded, forums=["samverkansgrupp-fm"])[1] == 0  # it resolved it


def test_acknowledging_clears_the_inbox_and_marks_the_origin_reached(seeded):
    ref = resolved_at_samverkansgruppen(seeded)
    with unit_of_work(seeded) as session:
        issue = session.exec(select(Issue).where(Issue.reference == ref)).one()
        assert feedback_reached_origin(session, issue) is False
    [entry], _ = read_inbox(seeded, forums=["vm-individ-vard"])
    act(seeded, acknowledge, notification_id=entry.id, by=at("Anna", "vm-individ-vard"))
    assert read_inbox(seeded, forums=["vm-individ-vard"])[1] == 0
    with unit_of_work(seeded) as session:
        issue = session.exec(select(Issue).where(Issue.reference == ref)).one()
        assert feedback_reached_origin(session, issue) is True
        last = session.exec(
            select(IssueEvent).where(IssueEvent.issue_id == issue.id).order_by(IssueEvent.id.desc())
        ).first()
    assert (last.kind, last.actor) == ("acknowledged", "Anna")  # in the issue's history
    assert last.changes["acknowledged"][1]  # for whom: the forum it was addressed to


def test_no_feedback_yet_is_neither_reached_nor_missed(seeded):
    ref = act(seeded, raise_issue, data=CERTIFICATES, by=anyone("Anna")).reference
    with unit_of_work(seeded) as session:
        issue = session.exec(select(Issue).where(Issue.reference == ref)).one()
        assert feedback_reached_origin(session, issue) is None


def test_followers_hear_of_every_change_but_their_own(seeded):
    ref = act(seeded, raise_issue, data=CERTIFICATES, by=anyone("Anna")).reference
    act(seeded, follow_issue, reference=ref, by=anyone("Dag"))
    act(seeded, follow_issue, reference=ref, by=anyone("Dag"))  # following twice is once
    act(seeded, follow_issue, reference=ref, by=anyone("Bo"))
    act(
        seeded,
        escalate_issue,
        reference=ref,
        target="vm-fm-kommitte",
        by=anyone("Bo"),
        reason="Lyft",
        expected_version=1,
    )
    act(seeded, comment_issue, reference=ref, by=anyone("Dag"), text="Vi ser samma sak.")
    dag, _ = read_inbox(seeded, person="Dag")
    bo, _ = read_inbox(seeded, person="Bo")
    assert [e.event for e in dag] == ["escalated"]
    assert [e.event for e in bo] == ["commented"]
    with unit_of_work(seeded) as session:
        issue_id = session.exec(select(Issue.id).where(Issue.reference == ref)).one()
        assert follow_state(session, issue_id=issue_id, person="Dag") == (None, True)
    act(seeded, unfollow_issue, reference=ref, by=anyone("Dag"))
    with unit_of_work(seeded) as session:
        assert not is_following(session, reference=ref, person="Dag")
        assert follow_state(session, issue_id=issue_id, person="Dag") == (None, False)
        assert follow_state(session, issue_id=issue_id, person="Bo") == (None, True)
