"""An agenda that stays true: added items go before the closing standing items and carry a
time, items move one place at a time, an issue stands on one coming agenda only and leaves the
coming agendas when it moves on, a held meeting's overtaken decision is kept but not applied,
and a decision to lift follows the escalation order as the issue page's lift does."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from models import Forum, IssueEvent, Meeting, MeetingEvent, clock, unit_of_work
from models.clock import local
from models.vocabulary import DecisionKind, EventKind, IssueStatus, Role
from services.issues.use_cases import close_issue, escalate_issue, resolve_issue
from services.meetings.agenda_items import (
    add_free_item,
    add_issue_item,
    adopt_proposal,
    agenda_proposal,
    move_item,
    publish_agenda,
)
from services.meetings.errors import MeetingRefusedError
from services.meetings.meetings import MeetingInput, plan_meeting
from services.meetings.minutes import DecisionInput, approve_minutes, record_decision
from services.meetings.queries import meeting_view, when_discussed
from services.meetings.triage import accept_for_agenda
from services.permissions import trusted_actor as anyone
from services.structure.read import structure_graph
from tests.integration.conftest import act, at
from tests.integration.test_meetings import (
    CHAIR,
    GROUP,
    KOMMITTE_CHAIR,
    PREP,
    PREPARER,
    SECRETARY,
    held_with,
    issue,
    lifted_issue,
    meeting_in,
    version,
)


def titles(engine, meeting: int) -> list[str]:
    with unit_of_work(engine) as s:
        return [i.title for i in meeting_view(s, meeting, by=anyone("Läsare")).items]


def test_an_added_item_goes_before_the_closing_items_with_a_time(seeded):
    meeting = meeting_in(seeded, 30)
    act(
        seeded,
        adopt_proposal,
        meeting_id=meeting,
        by=SECRETARY,
        expected_version=version(seeded, meeting),
    )
    assert titles(seeded, meeting)[-2:] == ["Övriga frågor", "Nästa möte"]
    act(
        seeded,
        add_free_item,
        meeting_id=meeting,
        title="Rapport från NPO",
        by=SECRETARY,
        expected_version=version(seeded, meeting),
    )
    ref = lifted_issue(seeded, "Handläggningstider för läkarintyg")
    act(
        seeded,
        add_issue_item,
        meeting_id=meeting,
        reference=ref,
        by=SECRETARY,
        expected_version=version(seeded, meeting),
    )
    assert titles(seeded, meeting)[-4:] == [
        "Rapport från NPO",
        f"Handläggningstider för läkarintyg ({ref})",
        "Övriga frågor",
        "Nästa möte",
    ]
    with unit_of_work(seeded) as s:
        view = meeting_view(s, meeting, by=SECRETARY)
    assert [i.position for i in view.items] == list(range(1, len(view.items) + 1))
    assert all(i.minutes for i in view.items), "every item counts toward the meeting's time"
    assert view.budget.items_without_time == 0


def test_adopting_the_proposal_again_keeps_the_closing_items_last(seeded):
    meeting = meeting_in(seeded, 30, forum="vm-fm-kommitte")
    act(
        seeded,
        adopt_proposal,
        meeting_id=meeting,
        by=KOMMITTE_CHAIR,
        expected_version=version(seeded, meeting),
    )
    ref = act(seeded, _raise_at_kommitte).reference
    act(
        seeded,
        adopt_proposal,
        meeting_id=meeting,
        by=KOMMITTE_CHAIR,
        expected_version=version(seeded, meeting),
    )
    assert titles(seeded, meeting)[-3:] == [
        f"Läkarintyg som kommer in sent ({ref})",
        "Övriga frågor",
        "Nästa möte",
    ]


def _raise_at_kommitte(session):
    from services.issues.use_cases import raise_issue
    from tests.integration.test_issues import CERTIFICATES

    data = CERTIFICATES.__class__(
        **{
            **CERTIFICATES.__dict__,
            "forum": "vm-fm-kommitte",
            "title": "Läkarintyg som kommer in sent",
        }
    )
    return raise_issue(session, data=data, by=anyone("Anna"))


def test_an_item_moves_one_place_and_stays_put_at_either_end(seeded):
    meeting = meeting_in(seeded, 30)
    for title in ("A", "B", "C"):
        act(
            seeded,
            add_free_item,
            meeting_id=meeting,
            title=title,
            by=SECRETARY,
            expected_version=version(seeded, meeting),
        )
    with unit_of_work(seeded) as s:
        ids = {i.title: i.id for i in meeting_view(s, meeting, by=SECRETARY).items}
    for item, steps, expected in (
        ("C", -1, "ACB"),
        ("C", -1, "CAB"),
        ("C", -1, "CAB"),
        ("A", 1, "CBA"),
        ("A", 1, "CBA"),
    ):
        act(
            seeded,
            move_item,
            meeting_id=meeting,
            item_id=ids[item],
            steps=steps,
            by=SECRETARY,
            expected_version=version(seeded, meeting),
        )
        assert "".join(titles(seeded, meeting)) == expected


def test_an_issue_stands_on_one_coming_agenda_only(seeded):
    first, second = meeting_in(seeded, 30), meeting_in(seeded, 60)
    ref = lifted_issue(seeded, "Intyg som dröjer")
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
    act(
        seeded,
        accept_for_agenda,
        G=G,
        group=PREP,
        reference=ref,
        meeting_id=first,
        proposed_decision="Löses nationellt.",
        by=PREPARER,
    )
    with pytest.raises(MeetingRefusedError) as twice:
        act(
            seeded,
            add_issue_item,
            meeting_id=second,
            reference=ref,
            by=SECRETARY,
            expected_version=version(seeded, second),
        )
    assert twice.value.code == "on_another_agenda"
    assert twice.value.params["reference"] == ref
    assert "Samverkansgrupp för försäkringsmedicin" in twice.value.params["meeting"]
    assert titles(seeded, second) == []


@pytest.mark.parametrize("how", ["resolved", "closed", "lifted"])
def test_an_issue_that_moves_on_leaves_the_coming_agendas(seeded, how):
    meeting = meeting_in(seeded, 30)
    ref = lifted_issue(seeded, "Intyg som dröjer")
    act(
        seeded,
        add_issue_item,
        meeting_id=meeting,
        reference=ref,
        by=SECRETARY,
        expected_version=version(seeded, meeting),
        proposed_decision="Lyfts.",
    )
    act(
        seeded,
        publish_agenda,
        meeting_id=meeting,
        by=SECRETARY,
        to_nobody=True,
        expected_version=version(seeded, meeting),
    )
    opened = version(seeded, meeting)
    current = issue(seeded, ref).version
    if how == "resolved":
        act(
            seeded,
            resolve_issue,
            reference=ref,
            outcome="Löst i dialog.",
            by=CHAIR,
            expected_version=current,
        )
    elif how == "closed":
        act(
            seeded,
            close_issue,
            reference=ref,
            reason="Inte längre aktuell.",
            by=CHAIR,
            expected_version=current,
        )
    else:
        act(
            seeded,
            escalate_issue,
            reference=ref,
            target="strategisk-samverkan",
            reason="Strategisk fråga.",
            by=CHAIR,
            expected_version=current,
        )
    assert titles(seeded, meeting) == []
    assert version(seeded, meeting) != opened, "an open editor's save is refused as stale"
    with unit_of_work(seeded) as s:
        said = s.exec(
            select(MeetingEvent)
            .where(MeetingEvent.meeting_id == meeting)
            .order_by(MeetingEvent.id.desc())
        ).first()
        history = s.exec(
            select(IssueEvent)
            .where(
                IssueEvent.issue_id == issue(seeded, ref).id, IssueEvent.kind == EventKind.AGENDA
            )
            .order_by(IssueEvent.id.desc())
        ).first()
    assert said.reason.startswith(f"{ref}: frågan")
    assert history.changes["meeting"] == [meeting, None]


def test_a_held_meetings_decision_overtaken_by_events_is_kept_but_not_applied(seeded):
    meeting = meeting_in(seeded, 30)
    ref = lifted_issue(seeded, "Intyg som dröjer")
    item_id = held_with(seeded, meeting, SECRETARY, ref)
    act(
        seeded,
        record_decision,
        meeting_id=meeting,
        item_id=item_id,
        by=SECRETARY,
        data=DecisionInput(DecisionKind.LIFTED, "Strategisk.", target="strategisk-samverkan"),
        expected_version=version(seeded, meeting),
    )
    act(
        seeded,
        resolve_issue,
        reference=ref,
        outcome="Löst av kansliet.",
        by=CHAIR,
        expected_version=issue(seeded, ref).version,
    )
    with unit_of_work(seeded) as s:
        [item] = meeting_view(s, meeting, by=SECRETARY).items
    assert item.overtaken and item.decision == DecisionKind.LIFTED
    act(
        seeded,
        approve_minutes,
        meeting_id=meeting,
        by=CHAIR,
        expected_version=version(seeded, meeting),
    )
    after = issue(seeded, ref)
    assert after.status == IssueStatus.RESOLVED and after.outcome == "Löst av kansliet."
    with unit_of_work(seeded) as s:
        kinds = [
            e.changes
            for e in s.exec(
                select(IssueEvent).where(
                    IssueEvent.issue_id == after.id, IssueEvent.kind == EventKind.AGENDA
                )
            )
        ]
    assert any("overtaken" in c for c in kinds)


def test_a_decision_to_lift_past_the_next_level_needs_its_reason(seeded):
    meeting = meeting_in(seeded, 30, forum="vm-fm-kommitte")
    ref = act(seeded, _raise_at_kommitte).reference
    item_id = held_with(seeded, meeting, KOMMITTE_CHAIR, ref)

    def decide(text: str, target: str, skip_reason: str = "") -> None:
        act(
            seeded,
            record_decision,
            meeting_id=meeting,
            item_id=item_id,
            by=KOMMITTE_CHAIR,
            data=DecisionInput(DecisionKind.LIFTED, text, target=target, skip_reason=skip_reason),
            expected_version=version(seeded, meeting),
        )

    with pytest.raises(MeetingRefusedError) as asked:
        decide("Nationell fråga.", GROUP)
    assert asked.value.code == "skip_reason_required"
    decide("Nästa nivå.", "vm-strategisk-hsv")  # one step up asks for nothing more
    decide("Nationell fråga.", GROUP, skip_reason="Gäller alla regioner.")
    act(
        seeded,
        approve_minutes,
        meeting_id=meeting,
        by=KOMMITTE_CHAIR,
        expected_version=version(seeded, meeting),
    )
    with unit_of_work(seeded) as s:
        lift = s.exec(
            select(IssueEvent).where(
                IssueEvent.issue_id == issue(seeded, ref).id, IssueEvent.kind == EventKind.ESCALATED
            )
        ).one()
        now_at = s.get(Forum, issue(seeded, ref).forum_id).key
    assert lift.skipped_level and lift.reason.endswith("Gäller alla regioner.")
    assert now_at == GROUP


def test_when_discussed_and_the_agenda_builder_agree_where_nobody_prepares(seeded):
    """Cut-off ten days before: an issue raised today misses the meeting in 5 days and makes
    the one in 25, and still makes it when asked after that meeting's cut-off has passed."""
    soon, later = (meeting_in(seeded, d, forum="vm-fm-kommitte") for d in (5, 25))
    ref = act(seeded, _raise_at_kommitte).reference
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        proposed = {
            m: {i.reference for i in agenda_proposal(s, meeting_id=m, by=KOMMITTE_CHAIR).items}
            for m in (soon, later)
        }
        late = {q.reference for q in agenda_proposal(s, meeting_id=soon, by=KOMMITTE_CHAIR).late}
        now, after_cutoff = (
            when_discussed(
                s, G, at="vm-fm-kommitte", reference=ref, arrives=clock.today() + timedelta(days=d)
            )[0]
            for d in (0, 20)
        )
        days = {m: local(s.get(Meeting, m).starts_at).date() for m in (soon, later)}
    assert ref in late and ref not in proposed[soon] and ref in proposed[later]
    assert (now.day, now.late_for, now.estimated) == (days[later], days[soon], False)
    assert (after_cutoff.day, after_cutoff.late_for) == (days[later], None)


def test_when_discussed_and_the_triage_agree_where_a_group_prepares(seeded):
    """The samverkansgrupp meets in 12 days, cut-off in 2: an issue lifted today makes it,
    through the beredningsgrupp, whatever the group's own meetings."""
    soon, later = meeting_in(seeded, 12), meeting_in(seeded, 40)
    starts = datetime.now(UTC) + timedelta(days=30)
    act(
        seeded,
        plan_meeting,
        forum=PREP,
        by=at("Gruppens ordförande", PREP, Role.CHAIR),
        data=MeetingInput(starts, starts + timedelta(hours=2)),
    )
    ref = lifted_issue(seeded, "Intyg som dröjer")
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        [answer] = when_discussed(s, G, at=GROUP, arrives=clock.today(), reference=ref)
        day = local(s.get(Meeting, soon).starts_at).date()
    assert (answer.day, answer.estimated, answer.late_for) == (day, False, None)
    assert answer.via.forum == PREP and answer.via.day == day - timedelta(days=10)
    act(
        seeded,
        accept_for_agenda,
        G=G,
        group=PREP,
        reference=ref,
        meeting_id=soon,
        proposed_decision="Löses nationellt.",
        by=PREPARER,
    )
    with unit_of_work(seeded) as s:
        [booked] = when_discussed(s, G, at=GROUP, arrives=clock.today(), reference=ref)
    assert (booked.day, booked.on_agenda) == (day, True)
    assert later
