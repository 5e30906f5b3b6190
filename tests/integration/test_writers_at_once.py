"""Eight people doing the same thing at the same moment, on every write path, on both
databases: each attempt is accepted or refused in the app's own words (a refusal a page shows
as a message), none ends in a driver's error, and what is stored afterwards still holds.

Every writer opened the page at the same time: they act on the same version of the thing."""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from models import (
    AgendaItem,
    AgreedAction,
    Effect,
    EffectLink,
    EffectReview,
    Forum,
    Issue,
    IssueEvent,
    IssueFollower,
    ItemDecision,
    Measurement,
    MeetingParticipant,
    Notification,
    RoleGrant,
    User,
    unit_of_work,
)
from models.vocabulary import (
    ActionStatus,
    Cadence,
    DecisionKind,
    Direction,
    EffectLinkKind,
    EffectStatus,
    EventKind,
    IssueStatus,
    Priority,
    Role,
    Sharing,
)
from services.accounts.users import create_local_user, grant_role, update_user
from services.effects.effects import EffectInput, IndicatorInput, add_indicator, create_effect
from services.effects.links import link_effect
from services.effects.measurements import correct_measurement, record_measurement
from services.effects.reviews import record_review
from services.issues.feedback import acknowledge, follow_issue
from services.issues.use_cases import (
    IssueEdit,
    comment_issue,
    edit_issue,
    escalate_issue,
    raise_issue,
    resolve_issue,
)
from services.meetings.agenda_items import add_free_item, add_issue_item
from services.meetings.agreed_actions import update_action
from services.meetings.meetings import ParticipantInput, set_participants
from services.meetings.minutes import DecisionInput, approve_minutes, record_decision
from services.meetings.triage import accept_for_agenda
from services.permissions import trusted_actor
from services.structure.edit import forum_for_editing, update_forum
from services.structure.read import structure_graph
from tests.integration.conftest import act
from tests.integration.test_effects import FK_OFFICER, LEADER, TODAY
from tests.integration.test_issues import CERTIFICATES
from tests.integration.test_meetings import (
    CHAIR,
    GROUP,
    PREP,
    PREPARER,
    SECRETARY,
    held_with,
    lifted_issue,
    meeting_in,
    version,
)
from ui.transaction import REFUSALS

WRITERS = 8
SYSTEM = trusted_actor()
IN_WORDS = tuple(REFUSALS)
"""Every refusal a page turns into a message (ui.transaction.run_action)."""


@dataclass
class Outcome:
    accepted: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    raw: list = field(default_factory=list)


def at_once(engine, write: Callable[[Session, int], object]) -> Outcome:
    """`write(session, n)` by WRITERS threads released together, each its own transaction."""
    outcome, lock = Outcome(), threading.Lock()
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        start.wait()
        try:
            with unit_of_work(engine) as session:
                result = write(session, n)
                session.commit()
        except IN_WORDS as refusal:
            with lock:
                outcome.refused.append(refusal)
        except Exception as error:  # noqa: BLE001 - a driver's error is the failure
            with lock:
                outcome.raw.append(error)
        else:
            with lock:
                outcome.accepted.append(result)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome.raw == [], [f"{type(e).__name__}: {e}" for e in outcome.raw]
    assert len(outcome.accepted) + len(outcome.refused) == WRITERS
    return outcome


def count(engine, query) -> int:
    with unit_of_work(engine) as s:
        return s.exec(select(func.count()).select_from(query.subquery())).one()


def issue_at(engine, ref: str) -> Issue:
    with unit_of_work(engine) as s:
        return s.exec(select(Issue).where(Issue.reference == ref)).one()


# --- issues -----------------------------------------------------------------------------------


def test_eight_raise_an_issue_at_once_and_each_gets_its_own_reference(seeded):
    done = at_once(
        seeded,
        lambda s, n: raise_issue(s, data=CERTIFICATES, by=trusted_actor(f"Anna {n}")).reference,
    )
    assert len(set(done.accepted)) == WRITERS


def test_eight_lift_one_issue_at_once_and_it_moves_once(seeded):
    ref = act(seeded, raise_issue, data=CERTIFICATES, by=SYSTEM).reference
    opened = issue_at(seeded, ref).version
    done = at_once(
        seeded,
        lambda s, n: escalate_issue(
            s,
            reference=ref,
            target="vm-fm-kommitte",
            reason=f"Skribent {n}",
            by=SYSTEM,
            expected_version=opened,
        ),
    )
    assert len(done.accepted) == 1
    assert (
        count(
            seeded,
            select(IssueEvent).where(
                IssueEvent.issue_id == issue_at(seeded, ref).id,
                IssueEvent.kind == EventKind.ESCALATED,
            ),
        )
        == 1
    )


def test_eight_edit_and_comment_one_issue_at_once(seeded):
    ref = act(seeded, raise_issue, data=CERTIFICATES, by=SYSTEM).reference
    opened = issue_at(seeded, ref).version
    edits = at_once(
        seeded,
        lambda s, n: edit_issue(
            s,
            reference=ref,
            by=SYSTEM,
            expected_version=opened,
            data=IssueEdit(f"Rubrik {n}", "", Priority.HIGH, Sharing.FORUMS_ONLY, ""),
        ),
    )
    assert len(edits.accepted) == 1
    comments = at_once(
        seeded, lambda s, n: comment_issue(s, reference=ref, text=f"K {n}", by=SYSTEM)
    )
    assert len(comments.accepted) == WRITERS  # a comment never goes stale


def test_eight_tabs_follow_one_issue_at_once_and_it_is_followed_once(seeded):
    ref = act(seeded, raise_issue, data=CERTIFICATES, by=SYSTEM).reference
    anna = trusted_actor("Anna")
    done = at_once(seeded, lambda s, _n: follow_issue(s, reference=ref, by=anna))
    assert len(done.accepted) == WRITERS  # following twice is following
    assert count(seeded, select(IssueFollower).where(IssueFollower.person == "Anna")) == 1


def test_eight_tabs_acknowledge_one_outcome_at_once_and_it_is_acknowledged_once(seeded):
    ref = act(
        seeded, raise_issue, data=CERTIFICATES, by=trusted_actor("Anna (samverkansansvarig)")
    ).reference
    act(
        seeded,
        resolve_issue,
        reference=ref,
        outcome="Löst.",
        by=SYSTEM,
        expected_version=issue_at(seeded, ref).version,
    )
    with unit_of_work(seeded) as s:
        note = s.exec(
            select(Notification.id).where(Notification.person == "Anna (samverkansansvarig)")
        ).first()
    anna = trusted_actor("Anna (samverkansansvarig)")
    at_once(seeded, lambda s, _n: acknowledge(s, notification_id=note, by=anna))
    assert (
        count(
            seeded,
            select(IssueEvent).where(
                IssueEvent.issue_id == issue_at(seeded, ref).id,
                IssueEvent.kind == EventKind.ACKNOWLEDGED,
            ),
        )
        == 1
    )


# --- meetings ---------------------------------------------------------------------------------


def test_eight_set_the_participants_and_add_items_at_once(seeded):
    meeting = meeting_in(seeded, 30)
    opened = version(seeded, meeting)
    done = at_once(
        seeded,
        lambda s, n: set_participants(
            s,
            meeting_id=meeting,
            by=SECRETARY,
            expected_version=opened,
            participants=[ParticipantInput(f"Person {n}", "fk"), ParticipantInput("Gemensam")],
        ),
    )
    assert len(done.accepted) == 1
    assert (
        count(seeded, select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting))
        == 2
    )
    opened = version(seeded, meeting)
    done = at_once(
        seeded,
        lambda s, n: add_free_item(
            s, meeting_id=meeting, title=f"Punkt {n}", by=SECRETARY, expected_version=opened
        ),
    )
    assert len(done.accepted) == 1
    with unit_of_work(seeded) as s:
        positions = s.exec(
            select(AgendaItem.position).where(AgendaItem.meeting_id == meeting)
        ).all()
    assert sorted(positions) == list(range(1, len(positions) + 1))


def test_eight_put_one_issue_on_the_agenda_at_once_by_hand_and_by_triage(seeded):
    first, second = meeting_in(seeded, 30), meeting_in(seeded, 60)
    ref = lifted_issue(seeded, "Intyg som dröjer")
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
    opened = {m: version(seeded, m) for m in (first, second)}

    def put(s: Session, n: int) -> object:
        if n % 2:
            return accept_for_agenda(
                s,
                G,
                group=PREP,
                reference=ref,
                meeting_id=first,
                proposed_decision=f"Förslag {n}",
                by=PREPARER,
            )
        return add_issue_item(
            s, meeting_id=second, reference=ref, by=SECRETARY, expected_version=opened[second]
        )

    at_once(seeded, put)
    issue_id = issue_at(seeded, ref).id
    assert count(seeded, select(AgendaItem).where(AgendaItem.issue_id == issue_id)) == 1


@pytest.fixture
def held(seeded):
    """A held samverkansgrupp meeting with one issue on its agenda."""
    meeting = meeting_in(seeded, 30)
    ref = lifted_issue(seeded, "Intyg som dröjer")
    return seeded, meeting, held_with(seeded, meeting, SECRETARY, ref), ref


def test_eight_record_a_decision_on_one_item_at_once_and_one_decision_stands(held):
    engine, meeting, item, _ref = held
    opened = version(engine, meeting)
    done = at_once(
        engine,
        lambda s, n: record_decision(
            s,
            meeting_id=meeting,
            item_id=item,
            by=SECRETARY,
            expected_version=opened,
            data=DecisionInput(DecisionKind.RESOLVED, f"Utfall {n}"),
        ),
    )
    assert len(done.accepted) == 1
    assert count(engine, select(ItemDecision).where(ItemDecision.item_id == item)) == 1


def test_eight_approve_the_minutes_at_once_and_they_are_applied_once(held):
    engine, meeting, item, ref = held
    act(
        engine,
        record_decision,
        meeting_id=meeting,
        item_id=item,
        by=SECRETARY,
        expected_version=version(engine, meeting),
        data=DecisionInput(DecisionKind.RESOLVED, "Löst gemensamt."),
    )
    opened = version(engine, meeting)
    done = at_once(
        engine,
        lambda s, _n: approve_minutes(s, meeting_id=meeting, by=CHAIR, expected_version=opened),
    )
    assert len(done.accepted) == 1
    assert issue_at(engine, ref).status == IssueStatus.RESOLVED
    assert (
        count(
            engine,
            select(IssueEvent).where(
                IssueEvent.issue_id == issue_at(engine, ref).id,
                IssueEvent.kind == EventKind.RESOLVED,
            ),
        )
        == 1
    )


def test_eight_mark_one_agreed_action_at_once(seeded):
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        row = AgreedAction(forum_id=forum_id, title="Rutin")
        s.add(row)
        s.commit()
        action_id, opened = row.id, row.version
    done = at_once(
        seeded,
        lambda s, n: update_action(
            s,
            action_id=action_id,
            status=ActionStatus.DONE,
            note=f"Klar {n}",
            by=SECRETARY,
            expected_version=opened,
        ),
    )
    assert len(done.accepted) == 1


# --- effects ----------------------------------------------------------------------------------


@pytest.fixture
def indicator(seeded):
    effect = act(
        seeded,
        create_effect,
        by=LEADER,
        data=EffectInput("Fler planer", "strategisk-samverkan", "fk", Cadence.TWICE_A_YEAR),
    )
    ind = act(
        seeded,
        add_indicator,
        effect_id=effect.id,
        by=LEADER,
        data=IndicatorInput("Inkomna planer", Direction.HIGHER, unit="planer", organisation="fk"),
    )
    return seeded, effect.id, ind.id


def test_eight_record_and_correct_one_value_at_once(indicator):
    engine, _effect, ind = indicator
    day = date(2024, 12, 31)
    done = at_once(
        engine,
        lambda s, n: record_measurement(
            s, indicator_id=ind, measured_on=day, value=1000 + n, by=FK_OFFICER, today=TODAY
        ),
    )
    assert len(done.accepted) == 1
    with unit_of_work(engine) as s:
        first = s.exec(select(Measurement.id).where(Measurement.indicator_id == ind)).one()
    done = at_once(
        engine,
        lambda s, n: correct_measurement(
            s,
            measurement_id=first,
            value=2000 + n,
            reason=f"Rättat {n}",
            by=FK_OFFICER,
            today=TODAY,
        ),
    )
    assert len(done.accepted) == 1
    assert (
        count(
            engine,
            select(Measurement).where(
                Measurement.indicator_id == ind, Measurement.replaced_by_id.is_(None)
            ),
        )
        == 1
    )


def test_eight_review_and_link_one_effect_at_once(indicator):
    engine, effect, _ind = indicator
    with unit_of_work(engine) as s:
        opened = s.get(Effect, effect).version
    reviews = at_once(
        engine,
        lambda s, n: record_review(
            s,
            effect_id=effect,
            assessment=EffectStatus.AT_RISK,
            comment=f"Bedömning {n}",
            by=LEADER,
            today=TODAY,
            expected_version=opened,
        ),
    )
    assert len(reviews.accepted) == 1
    assert count(engine, select(EffectReview).where(EffectReview.effect_id == effect)) == 1
    ref = act(engine, raise_issue, data=CERTIFICATES, by=SYSTEM).reference
    at_once(
        engine,
        lambda s, _n: link_effect(
            s, effect_id=effect, kind=EffectLinkKind.ISSUE, target=ref, by=LEADER
        ),
    )
    assert count(engine, select(EffectLink).where(EffectLink.effect_id == effect)) == 1


# --- structure and accounts -------------------------------------------------------------------


def test_eight_administrators_edit_one_forum_at_once(seeded):
    with unit_of_work(seeded) as s:
        editable = forum_for_editing(s, "vm-fm-kommitte")
    data = editable.data
    done = at_once(
        seeded,
        lambda s, n: update_forum(
            s,
            data=data.__class__(**{**data.__dict__, "purpose": f"Syfte {n}"}),
            expected_version=editable.version,
            by=SYSTEM,
        ),
    )
    assert len(done.accepted) == 1


def test_eight_administrators_grant_and_edit_one_user_at_once(seeded):
    with unit_of_work(seeded) as s:
        create_local_user(
            s,
            by=SYSTEM,
            username="greta",
            display_name="Greta",
            password="en lång lösenfras 2026",
            organisation="fk",
        )
        s.commit()
    at_once(
        seeded, lambda s, _n: grant_role(s, by=SYSTEM, username="greta", role=Role.STRATEGIC_LEADER)
    )
    at_once(
        seeded,
        lambda s, _n: grant_role(s, by=SYSTEM, username="greta", role=Role.CHAIR, forum=GROUP),
    )
    with unit_of_work(seeded) as s:
        user = s.exec(select(User).where(User.username == "greta")).one()
    assert count(seeded, select(RoleGrant).where(RoleGrant.user_id == user.id)) == 2
    done = at_once(
        seeded,
        lambda s, n: update_user(
            s,
            by=SYSTEM,
            username="greta",
            display_name=f"Greta {n}",
            email="",
            organisation="fk",
            expected_version=user.version,
        ),
    )
    assert len(done.accepted) == 1


def test_eight_sign_ins_to_one_account_at_once_all_end_signed_in(seeded):
    from functools import partial

    from ui.accounts.local_signin import sign_in_committed

    with unit_of_work(seeded) as s:
        create_local_user(
            s,
            by=SYSTEM,
            username="delad",
            display_name="Delat demokonto",
            password="en lång lösenfras 2026",
            organisation="fk",
        )
        s.commit()
    done = at_once(
        seeded,
        lambda _s, _n: sign_in_committed(
            partial(unit_of_work, seeded), username="delad", password="en lång lösenfras 2026"
        ),
    )
    assert len(done.accepted) == WRITERS, done.refused
    assert {found[1] for found in done.accepted} == {"delad"}
