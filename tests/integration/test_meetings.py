"""A forum chair's meeting, end to end on both databases: issues lifted from Västmanland pass
the beredningsgrupp, the secretary builds and publishes the agenda, decisions are recorded, and
approving the minutes moves each issue on, sends the feedback, and carries over the rest."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import NoResultFound
from sqlmodel import select

from models import (
    AgendaItem,
    AgreedAction,
    Forum,
    ForumSchedule,
    Issue,
    IssueEvent,
    Meeting,
    Notification,
    Organisation,
    clock,
    unit_of_work,
)
from models.clock import local
from models.refusals import StaleError
from models.vocabulary import (
    ActionStatus,
    DecisionKind,
    IssueStatus,
    ItemKind,
    MeetingStatus,
    Role,
)
from services.issues.queries import carried_count
from services.issues.use_cases import escalate_issue, raise_issue
from services.meetings.agenda_items import (
    ItemEdit,
    add_free_item,
    add_issue_item,
    adopt_proposal,
    agenda_proposal,
    due_actions,
    publish_agenda,
    queue_summary,
    queued_issues,
    update_items,
)
from services.meetings.agreed_actions import list_actions, update_action
from services.meetings.dates import cutoff_day
from services.meetings.errors import MeetingRefusedError
from services.meetings.meetings import (
    MeetingInput,
    ParticipantInput,
    mark_held,
    plan_meeting,
    plan_year,
    reopen_meeting,
    set_participants,
)
from services.meetings.minutes import ActionInput, DecisionInput, approve_minutes, record_decision
from services.meetings.queries import (
    chair_overview,
    forum_calendar,
    forum_meetings_state,
    meeting_view,
    when_discussed,
)
from services.meetings.triage import accept_for_agenda, send_back, triage_queue
from services.permissions import Actor, PermissionDeniedError
from services.permissions import trusted_actor as anyone
from services.structure.read import structure_graph
from tests.integration.conftest import act, at
from tests.integration.test_issues import CERTIFICATES

GROUP, PREP = "samverkansgrupp-fm", "beredningsgrupp-fm"
SECRETARY = at("Cecilia (sekreterare)", GROUP, Role.SECRETARY)
CHAIR = at("Carl (ordförande)", GROUP, Role.CHAIR)
PREPARER = at("Berit (beredningsgruppen)", PREP, Role.COLLABORATION_OFFICER)
KOMMITTE_CHAIR = at("Bertil (ordförande kommittén)", "vm-fm-kommitte", Role.CHAIR)
WAY_UP = ["vm-fm-kommitte", "vm-strategisk-hsv", GROUP]


def lifted_issue(engine, title: str) -> str:
    """An issue raised in Västmanland and lifted step by step to the samverkansgrupp."""
    data = CERTIFICATES.__class__(**{**CERTIFICATES.__dict__, "title": title})
    ref = act(engine, raise_issue, data=data, by=anyone("Anna (samverkansansvarig)")).reference
    for target in WAY_UP:
        lift(engine, ref, target)
    return ref


def lift(engine, ref: str, target: str, reason: str = "Behöver lyftas") -> None:
    with unit_of_work(engine) as s:
        version = s.exec(select(Issue.version).where(Issue.reference == ref)).one()
    act(
        engine,
        escalate_issue,
        reference=ref,
        target=target,
        reason=reason,
        by=anyone("Enhetschef"),
        expected_version=version,
    )


def meeting_in(engine, days: int, forum: str = GROUP, hours: int = 2) -> int:
    starts = datetime.now(UTC) + timedelta(days=days)
    return act(
        engine,
        plan_meeting,
        forum=forum,
        by=SECRETARY if forum == GROUP else KOMMITTE_CHAIR,
        data=MeetingInput(
            starts, starts + timedelta(hours=hours), place="Försäkringskassan, Stockholm"
        ),
    ).id


def version(engine, meeting_id: int) -> int:
    with unit_of_work(engine) as s:
        return s.get(Meeting, meeting_id).version


def issue(engine, ref: str) -> Issue:
    with unit_of_work(engine) as s:
        return s.exec(select(Issue).where(Issue.reference == ref)).one()


def held_with(engine, meeting_id: int, by: Actor, *references: str) -> int:
    """The meeting with these issues on its agenda, its notice sent and held; its one item's
    id when there is one issue."""
    for ref in references:
        act(
            engine,
            add_issue_item,
            meeting_id=meeting_id,
            reference=ref,
            by=by,
            expected_version=version(engine, meeting_id),
        )
    act(
        engine,
        publish_agenda,
        meeting_id=meeting_id,
        by=by,
        to_nobody=True,
        expected_version=version(engine, meeting_id),
    )
    in_the_past(engine, meeting_id)
    act(
        engine,
        mark_held,
        meeting_id=meeting_id,
        by=by,
        expected_version=version(engine, meeting_id),
    )
    with unit_of_work(engine) as s:
        items = meeting_view(s, meeting_id, by=by).items
    return items[0].id if len(items) == 1 else 0


def in_the_past(engine, meeting_id: int) -> None:
    """Time passes: the meeting has started."""
    with unit_of_work(engine) as s:
        meeting = s.get(Meeting, meeting_id)
        meeting.starts_at = datetime.now(UTC) - timedelta(hours=3)
        meeting.ends_at = datetime.now(UTC) - timedelta(hours=1)
        s.add(meeting)
        s.commit()


def test_the_samverkansgrupp_meeting_from_triage_to_approved_minutes(seeded):
    first, second = meeting_in(seeded, 30), meeting_in(seeded, 60)
    refs = [lifted_issue(seeded, f"Fråga {n} från Västmanland") for n in range(4)]
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        queue, waiting = triage_queue(s, G, group=PREP, by=PREPARER)
    assert [r.reference for r in queue] == refs and waiting == 4
    assert {r.came_from for r in queue} == {"vm-strategisk-hsv"}

    for ref in refs[:3]:
        act(
            seeded,
            accept_for_agenda,
            G=G,
            group=PREP,
            reference=ref,
            meeting_id=first,
            proposed_decision="Beredningen föreslår att frågan löses nationellt.",
            by=PREPARER,
        )
    act(
        seeded,
        send_back,
        G=G,
        group=PREP,
        reference=refs[3],
        by=PREPARER,
        reason="Kan lösas i Västmanland med stöd av vägledningen.",
    )
    assert issue(seeded, refs[3]).status == IssueStatus.DELEGATED
    with unit_of_work(seeded) as s:
        notes = s.exec(
            select(Notification).where(Notification.issue_id == issue(seeded, refs[3]).id)
        ).all()
    assert {n.person for n in notes if n.person} == {"Anna (samverkansansvarig)"}
    assert any(n.forum_id for n in notes)

    with unit_of_work(seeded) as s:
        proposal = agenda_proposal(s, meeting_id=first, by=SECRETARY)
    assert [i.kind for i in proposal.items[:3]] == [ItemKind.STANDING] * 3
    act(
        seeded,
        adopt_proposal,
        meeting_id=first,
        by=SECRETARY,
        expected_version=version(seeded, first),
    )
    with unit_of_work(seeded) as s:
        view = meeting_view(s, first, by=SECRETARY)
    issue_items = [i for i in view.items if i.reference]
    assert [i.reference for i in issue_items] == refs[:3]
    assert all(issue(seeded, r).status == IssueStatus.ON_AGENDA for r in refs[:3])
    assert view.budget.planned > 0

    with pytest.raises(MeetingRefusedError) as nobody:
        act(
            seeded,
            publish_agenda,
            meeting_id=first,
            by=SECRETARY,
            expected_version=version(seeded, first),
        )
    assert nobody.value.code == "nobody_called"
    act(
        seeded,
        set_participants,
        meeting_id=first,
        by=SECRETARY,
        participants=[ParticipantInput("Helena Holm", "skr")],
        expected_version=version(seeded, first),
    )
    act(
        seeded,
        publish_agenda,
        meeting_id=first,
        by=SECRETARY,
        expected_version=version(seeded, first),
    )
    in_the_past(seeded, first)
    act(seeded, mark_held, meeting_id=first, by=SECRETARY, expected_version=version(seeded, first))
    resolved, lifted, undecided = issue_items
    decisions = {
        resolved.id: DecisionInput(DecisionKind.RESOLVED, "Gemensam vägledning tas fram."),
        lifted.id: DecisionInput(
            DecisionKind.LIFTED, "Strategisk fråga om finansiering.", target="strategisk-samverkan"
        ),
    }
    assert view.items[0].kind == ItemKind.STANDING and view.items[3].reference == refs[0]
    decisions[view.items[1].id] = DecisionInput(
        DecisionKind.ACTIONS,
        actions=(
            ActionInput(
                "Ta fram en gemensam rutin", "fk", "Cecilia", clock.today() + timedelta(days=20)
            ),
        ),
    )
    for item_id, data in decisions.items():
        act(
            seeded,
            record_decision,
            meeting_id=first,
            item_id=item_id,
            data=data,
            by=SECRETARY,
            expected_version=version(seeded, first),
        )
    with pytest.raises(MeetingRefusedError) as asked:  # an undecided issue needs a yes
        act(
            seeded,
            approve_minutes,
            meeting_id=first,
            by=CHAIR,
            expected_version=version(seeded, first),
        )
    assert asked.value.code == "undecided"
    assert asked.value.params == {"items": f"§ {undecided.position}"}
    act(
        seeded,
        approve_minutes,
        meeting_id=first,
        by=CHAIR,
        expected_version=version(seeded, first),
        carry_over=True,
    )

    with unit_of_work(seeded) as s:
        done = meeting_view(s, first, by=CHAIR)
    said = {i.title: (i.decision, i.decision_text) for i in done.items}
    assert said["Mötets öppnande och val av justerare"] == (
        DecisionKind.NOTED,
        "Ordföranden öppnar mötet. Justerare utses: ordföranden.",
    )
    assert said["Aktuellt från parterna"] == (DecisionKind.NOTED, "Antecknas.")
    assert said["Nästa möte"][1].startswith("Nästa möte hålls ")
    assert said[undecided.title] == (
        DecisionKind.CARRIED_OVER,
        "Inget beslut fattades; punkten bordläggs till nästa möte.",
    )
    assert issue(seeded, resolved.reference).status == IssueStatus.RESOLVED
    assert "Gemensam vägledning" in issue(seeded, resolved.reference).outcome
    with unit_of_work(seeded) as s:
        feedback = s.exec(
            select(Notification).where(
                Notification.issue_id == issue(seeded, resolved.reference).id,
                Notification.kind == "feedback",
            )
        ).all()
    assert "Anna (samverkansansvarig)" in {n.person for n in feedback}
    assert len([n for n in feedback if n.forum_id]) >= 3  # every forum on the way down
    moved = issue(seeded, lifted.reference)
    assert moved.status == IssueStatus.ESCALATED
    assert issue(seeded, undecided.reference).status == IssueStatus.ON_AGENDA
    with unit_of_work(seeded) as s:
        assert meeting_view(s, first, by=CHAIR).status == MeetingStatus.APPROVED
        assert carried_count(s, issue(seeded, undecided.reference).id) == 1
        actions = list_actions(s, by=SECRETARY, forum=GROUP)
        again = agenda_proposal(s, meeting_id=second, by=SECRETARY)
    assert [a.title for a in actions.rows] == ["Ta fram en gemensam rutin"]
    carried = [i for i in again.items if i.reason == "carried"]
    assert [i.reference for i in carried] == [undecided.reference]
    assert carried[0].carried_times == 1

    with pytest.raises(MeetingRefusedError) as twice:
        act(
            seeded,
            approve_minutes,
            meeting_id=first,
            by=CHAIR,
            expected_version=version(seeded, first),
        )
    assert twice.value.code == "already_approved"


def test_an_agenda_over_its_time_is_flagged_with_the_overrun(seeded):
    meeting = meeting_in(seeded, 30, hours=1)
    for minutes in (30, 25, 20):
        act(
            seeded,
            add_free_item,
            meeting_id=meeting,
            title=f"Punkt {minutes}",
            minutes=minutes,
            by=SECRETARY,
            expected_version=version(seeded, meeting),
        )
    with unit_of_work(seeded) as s:
        budget = meeting_view(s, meeting, by=SECRETARY).budget
    assert (budget.planned, budget.available, budget.overrun, budget.fits) == (75, 60, 15, False)


def test_an_item_after_the_cutoff_goes_to_the_next_meeting_and_says_so(seeded):
    first, second = meeting_in(seeded, 5), meeting_in(seeded, 40)
    ref = lifted_issue(seeded, "Sent inkommen fråga")
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        day_after = agenda_proposal(s, meeting_id=first, by=SECRETARY)
        next_one = agenda_proposal(s, meeting_id=second, by=SECRETARY)
    assert ref not in {i.reference for i in day_after.items}  # untriaged: not proposed
    with pytest.raises(MeetingRefusedError) as late:
        act(
            seeded,
            accept_for_agenda,
            G=G,
            group=PREP,
            reference=ref,
            meeting_id=first,
            proposed_decision="Frågan löses nationellt.",
            by=PREPARER,
        )
    assert late.value.code == "after_cutoff"
    # the next meeting's day in Sweden (after 23:00 UTC in winter it is already tomorrow there)
    assert late.value.params["next"] == f"{local(datetime.now(UTC) + timedelta(days=40)):%Y-%m-%d}"
    with pytest.raises(MeetingRefusedError) as empty:
        act(
            seeded,
            accept_for_agenda,
            G=G,
            group=PREP,
            reference=ref,
            meeting_id=second,
            proposed_decision="  ",
            by=PREPARER,
        )
    assert empty.value.code == "proposal_required"
    act(
        seeded,
        accept_for_agenda,
        G=G,
        group=PREP,
        reference=ref,
        meeting_id=second,
        proposed_decision="Frågan löses nationellt.",
        by=PREPARER,
    )
    assert next_one.late == []


def test_a_late_issue_at_a_forum_without_preparation_is_listed_as_late(seeded):
    meeting = meeting_in(seeded, 3, forum="vm-fm-kommitte")
    ref = act(
        seeded,
        raise_issue,
        data=CERTIFICATES.__class__(**{**CERTIFICATES.__dict__, "forum": "vm-fm-kommitte"}),
        by=anyone("Anna"),
    ).reference
    with unit_of_work(seeded) as s:
        proposal = agenda_proposal(s, meeting_id=meeting, by=KOMMITTE_CHAIR)
    assert [q.reference for q in proposal.late] == [ref]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"ends": -1}, "ends_before_start"),
        ({"minutes": -5}, "minutes_range"),
    ],
)
def test_bad_times_are_refused_and_nothing_is_saved(seeded, change, code):
    meeting = meeting_in(seeded, 30)
    with pytest.raises(MeetingRefusedError) as caught:
        if "ends" in change:
            starts = datetime.now(UTC) + timedelta(days=10)
            act(
                seeded,
                plan_meeting,
                forum=GROUP,
                by=SECRETARY,
                data=MeetingInput(starts, starts + timedelta(hours=change["ends"])),
            )
        else:
            act(
                seeded,
                add_free_item,
                meeting_id=meeting,
                title="Punkt",
                minutes=change["minutes"],
                by=SECRETARY,
                expected_version=version(seeded, meeting),
            )
    assert caught.value.code == code
    with unit_of_work(seeded) as s:
        assert len(s.exec(select(Meeting)).all()) == 1
        assert meeting_view(s, meeting, by=SECRETARY).items == []


def test_only_the_forums_chair_or_secretary_prepares_its_meetings(seeded):
    meeting = meeting_in(seeded, 30)
    with pytest.raises(PermissionDeniedError) as caught:
        act(
            seeded,
            add_free_item,
            meeting_id=meeting,
            title="Punkt",
            by=KOMMITTE_CHAIR,
            expected_version=version(seeded, meeting),
        )
    assert caught.value.reason == "not_member"
    member = at("Maja", GROUP, Role.READER)
    with pytest.raises(PermissionDeniedError) as caught:
        act(
            seeded,
            add_free_item,
            meeting_id=meeting,
            title="Punkt",
            by=member,
            expected_version=version(seeded, meeting),
        )
    assert caught.value.reason == "not_runs_meetings"
    with unit_of_work(seeded) as s:
        assert meeting_view(s, meeting, by=member).forum == GROUP  # members read it


def test_a_stale_agenda_edit_is_refused_naming_who_changed_it(seeded):
    meeting = meeting_in(seeded, 30)
    opened = version(seeded, meeting)
    item = act(
        seeded,
        add_free_item,
        meeting_id=meeting,
        title="Aktuellt",
        by=SECRETARY,
        expected_version=opened,
    )
    with pytest.raises(StaleError) as stale:
        act(
            seeded,
            update_items,
            meeting_id=meeting,
            by=CHAIR,
            expected_version=opened,
            edits=[ItemEdit(item.id, 1, 30)],
        )
    assert stale.value.changed_by == SECRETARY.name


def test_reopening_needs_the_chair_and_a_reason_and_is_kept(seeded):
    meeting = meeting_in(seeded, 30)
    act(
        seeded,
        add_free_item,
        meeting_id=meeting,
        title="Punkt",
        by=SECRETARY,
        expected_version=version(seeded, meeting),
    )
    act(
        seeded,
        publish_agenda,
        meeting_id=meeting,
        by=SECRETARY,
        to_nobody=True,
        expected_version=version(seeded, meeting),
    )
    with pytest.raises(PermissionDeniedError):
        act(
            seeded,
            reopen_meeting,
            meeting_id=meeting,
            reason="Fel",
            by=SECRETARY,
            expected_version=version(seeded, meeting),
        )
    with pytest.raises(MeetingRefusedError):
        act(
            seeded,
            reopen_meeting,
            meeting_id=meeting,
            reason=" ",
            by=CHAIR,
            expected_version=version(seeded, meeting),
        )
    act(
        seeded,
        reopen_meeting,
        meeting_id=meeting,
        reason="Ny punkt behövs",
        by=CHAIR,
        expected_version=version(seeded, meeting),
    )
    with unit_of_work(seeded) as s:
        view = meeting_view(s, meeting, by=CHAIR)
    assert view.status == MeetingStatus.PLANNED
    assert view.events[-1].reason == "Ny punkt behövs"


def test_a_year_is_planned_from_the_cadence_and_the_chair_sees_it(seeded):
    year = clock.today().year + 1
    planned = act(seeded, plan_year, forum=GROUP, year=year, by=SECRETARY)
    assert len(planned) == 11  # monthly, no July
    assert act(seeded, plan_year, forum=GROUP, year=year, by=SECRETARY) == []  # once
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        [overview] = chair_overview(s, G, by=SECRETARY, today=clock.today())
    assert overview.next_meeting is not None and overview.in_preparation_at == PREP


def test_the_chairs_overview_counts_undecided_items_and_overdue_actions_with_the_cut_off(seeded):
    ref = lifted_issue(seeded, "Väntar på beslut")
    coming = meeting_in(seeded, 30)
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        held = Meeting(
            forum_id=forum_id,
            starts_at=datetime.now(UTC) - timedelta(days=5),
            ends_at=datetime.now(UTC) - timedelta(days=5, hours=-2),
            status=MeetingStatus.HELD,
            created_by="test",
        )
        s.add(held)
        s.flush()
        issue_id = s.exec(select(Issue.id).where(Issue.reference == ref)).one()
        s.add(
            AgendaItem(meeting_id=held.id, position=1, kind="issue", issue_id=issue_id, title="x")
        )
        today = clock.today()
        for due in (today - timedelta(days=2), today + timedelta(days=2)):
            s.add(AgreedAction(forum_id=forum_id, title="Rutin", due_on=due))
        s.add(ForumSchedule(forum_id=forum_id, cutoff_days=14))
        s.commit()
        [overview] = chair_overview(s, structure_graph(s), by=SECRETARY, today=today)
        starts = local(s.get(Meeting, coming).starts_at).date()
    assert overview.awaiting_decision == 1
    assert overview.overdue_actions == 1  # the one not yet due is not
    assert overview.cutoff == cutoff_day(starts, 14)
    assert [m.id for m in overview.minutes_to_approve] == [held.id]


def test_when_an_issue_will_be_discussed_up_the_way(seeded):
    meeting_in(seeded, 20, forum="vm-fm-kommitte")
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        [here] = when_discussed(s, G, at="vm-fm-kommitte", arrives=clock.today())
        up = when_discussed(s, G, at="vm-individ-vard", arrives=clock.today(), target=GROUP)
    assert here.day == (datetime.now(UTC) + timedelta(days=20)).date() or here.day
    assert not here.estimated
    assert [s.forum for s in up] == WAY_UP
    assert up[-1].via is not None and up[-1].via.forum == PREP
    days = [s.day for s in up]
    assert days == sorted(days)


def test_a_forums_calendar_has_its_cadence_cut_off_and_coming_days_in_order(seeded):
    later, sooner = meeting_in(seeded, 40), meeting_in(seeded, 12)
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
        default = forum_calendar(s, G, GROUP)
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        s.add(ForumSchedule(forum_id=forum_id, cutoff_days=21))
        s.commit()
        own = forum_calendar(s, G, GROUP)
        quiet = forum_calendar(s, G, "vm-individ-af", False)
        days = [local(s.get(Meeting, m).starts_at).date() for m in (sooner, later)]
        with pytest.raises(NoResultFound):
            forum_calendar(s, G, "no-such-forum")
    assert default.cutoff_days == ForumSchedule(forum_id=0).cutoff_days != 21
    assert own.cutoff_days == 21
    assert own.planned == tuple(days) == default.planned
    assert own.prepared_by is not None and own.prepared_by.key == PREP
    assert quiet.planned == () and quiet.prepared_by is None


def test_an_action_is_marked_done_by_its_owner_organisation_only(seeded):
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        fk = s.exec(select(Organisation.id).where(Organisation.key == "fk")).one()
        row = AgreedAction(forum_id=forum_id, title="Rutin", organisation_id=fk)
        s.add(row)
        s.commit()
        action_id = row.id
    region = Actor(
        7,
        "Regionen",
        frozenset({(Role.COLLABORATION_OFFICER, "vm-fm-kommitte")}),
        "region-vastmanland",
    )
    with pytest.raises(PermissionDeniedError):
        act(
            seeded,
            update_action,
            action_id=action_id,
            status=ActionStatus.DONE,
            note="",
            by=region,
            expected_version=1,
        )
    owner = Actor(8, "FK", frozenset({(Role.COLLABORATION_OFFICER, "vm-individ-vard")}), "fk")
    act(
        seeded,
        update_action,
        action_id=action_id,
        status=ActionStatus.DONE,
        note="Rutinen är beslutad.",
        by=owner,
        expected_version=1,
    )
    with pytest.raises(MeetingRefusedError):  # a second save from the same old view
        act(
            seeded,
            update_action,
            action_id=action_id,
            status=ActionStatus.OPEN,
            note="",
            by=owner,
            expected_version=1,
        )
    with unit_of_work(seeded) as s:
        assert list_actions(s, by=CHAIR, forum=GROUP).total == 0  # open only, by default
        done = list_actions(s, by=CHAIR, forum=GROUP, open_only=False).rows
    assert [(a.status, a.note) for a in done] == [("done", "Rutinen är beslutad.")]


def test_actions_agreed_at_the_meeting_itself_are_not_proposed_as_its_follow_up(seeded):
    """A reopened meeting's proposal: what it agreed is not yet due for follow-up there."""
    earlier, reopened = meeting_in(seeded, 5), meeting_in(seeded, 20)
    due = clock.today() + timedelta(days=10)
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        for title, meeting in (
            ("Från förra mötet", earlier),
            ("Från detta möte", reopened),
            ("Utan möte", None),
        ):
            s.add(AgreedAction(forum_id=forum_id, title=title, meeting_id=meeting, due_on=due))
        s.commit()
        day = clock.today() + timedelta(days=20)
        titles = {a.title for a in due_actions(s, forum_id, day, exclude_meeting=reopened)}
        every = {a.title for a in due_actions(s, forum_id, day)}
    assert titles == {"Från förra mötet", "Utan möte"}
    assert every == titles | {"Från detta möte"}


def test_the_queue_summary_counts_what_the_queue_holds_oldest_first(seeded):
    refs = [lifted_issue(seeded, f"Fråga {n}") for n in range(7)]
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        whole = [q for _id, q in queued_issues(s, forum_id)]
        summary = queue_summary(s, forum_id, first=5)
    assert {q.reference for q in whole} == set(refs) and summary.count == len(whole) == 7
    assert summary.oldest_arrival == min(q.arrived for q in whole)
    assert [q.reference for q in summary.oldest] == refs[:5]  # lifted in this order


def test_the_queue_orders_by_the_latest_arrival_which_every_move_keeps_on_the_issue(seeded):
    """An issue sent back and lifted again queues behind one that waited meanwhile; the
    arrival each issue keeps (what the queue is ordered by) is its last event at its forum."""
    first, second = lifted_issue(seeded, "Först lyft"), lifted_issue(seeded, "Sedan lyft")
    with unit_of_work(seeded) as s:
        G = structure_graph(s)
    act(seeded, send_back, G=G, group=PREP, reference=first, by=PREPARER, reason="Lös lokalt.")
    lift(seeded, first, GROUP, "Gick inte att lösa lokalt")
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        queue = [q.reference for _id, q in queued_issues(s, forum_id)]
        summary = queue_summary(s, forum_id)
        kept = {
            issue.reference: (
                issue.arrived_at,
                s.exec(
                    select(IssueEvent.at)
                    .where(
                        IssueEvent.issue_id == issue.id, IssueEvent.to_forum_id == issue.forum_id
                    )
                    .order_by(IssueEvent.id.desc())
                ).first(),
            )
            for issue in s.exec(select(Issue))
        }
    assert queue == [second, first] == [q.reference for q in summary.oldest]
    assert kept and all(arrived == last for arrived, last in kept.values()), kept


def test_an_empty_queue_and_a_summary_without_rows_still_count(seeded):
    refs = [lifted_issue(seeded, f"Fråga {n}") for n in range(3)]
    with unit_of_work(seeded) as s:
        forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
        counted = queue_summary(s, forum_id, first=0)
        other = s.exec(select(Forum.id).where(Forum.key != GROUP)).first()
        empty = queue_summary(s, other)
    assert counted.count == len(refs) and counted.oldest == [] and counted.oldest_arrival
    assert (empty.count, empty.oldest, empty.oldest_arrival) == (0, [], None)


def test_the_forums_meetings_state_changes_with_each_change_its_queue_depends_on(seeded):
    """A page caches a forum's queue on the issues' version and this state: planning a
    meeting, putting an issue on its agenda (the queue loses it), any other agenda change and
    the notice each change it; nothing else's meetings do."""
    ref = lifted_issue(seeded, "Köas")

    def state_and_queue() -> tuple[tuple[int, int, int], int]:
        with unit_of_work(seeded) as s:
            forum_id = s.exec(select(Forum.id).where(Forum.key == GROUP)).one()
            return forum_meetings_state(s, forum_id), queue_summary(s, forum_id).count

    seen = [state_and_queue()]
    meeting = meeting_in(seeded, 20)
    seen.append(state_and_queue())
    for change, kwargs in (
        (add_issue_item, {"reference": ref}),
        (add_free_item, {"title": "Information från Socialstyrelsen"}),
        (publish_agenda, {"to_nobody": True}),
    ):
        act(
            seeded,
            change,
            meeting_id=meeting,
            by=SECRETARY,
            expected_version=version(seeded, meeting),
            **kwargs,
        )
        seen.append(state_and_queue())
    meeting_in(seeded, 30, forum="vm-fm-kommitte")
    seen.append(state_and_queue())
    states = [state for state, _queued in seen]
    assert len(set(states[:-1])) == len(states) - 1 and states[-1] == states[-2]
    assert [queued for _state, queued in seen][1:3] == [1, 0]  # on the agenda: not queued
