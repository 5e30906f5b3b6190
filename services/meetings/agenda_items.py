"""Building a meeting's agenda: the builder's proposal from the forum's queue, adding issues
and free items, ordering and timing them, and publishing the notice.

Putting an issue on an agenda (or taking it off) is an event in the issue's history that names
the meeting.
"""

from dataclasses import dataclass
from datetime import date

import networkx as nx
from sqlalchemy import and_, func, or_
from sqlmodel import Session, select
from sqlmodel.sql.expression import Select

from escalation import prepared_by
from models import (
    AgendaItem,
    AgreedAction,
    Effect,
    Forum,
    Issue,
    IssueEvent,
    ItemDecision,
    Meeting,
    MeetingParticipant,
    Organisation,
    formats,
)
from models.clock import local
from models.vocabulary import (
    ActionStatus,
    DecisionKind,
    EventKind,
    ItemKind,
    MeetingEventKind,
    MeetingStatus,
    Priority,
)
from services.issues.decided import put_on_agenda, take_off_agenda
from services.issues.lifecycle import OPEN
from services.meetings.agenda import (
    CLOSING,
    FREE_MINUTES,
    ISSUE_MINUTES,
    OPENING,
    DueAction,
    DueReview,
    Proposal,
    QueuedIssue,
    propose_agenda,
)
from services.meetings.dates import Budget, budget
from services.meetings.errors import MeetingRefusedError
from services.meetings.meetings import advance, editable, load, record, schedule_of, touch
from services.permissions import Actor
from services.personal_data import check_free_text
from services.structure.keys import optional_id
from services.structure.read import structure_graph

EDITING = (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED)
GROUP_OFFSET = {"opening": -10_000, "closing": 20_000}
"""Where adopted items go before renumbering: opening items before what is on the agenda
already, closing items after everything, the rest after what is there."""


@dataclass(frozen=True)
class ItemEdit:
    """What the chair sets per item; `title` only for items that are not issues."""

    id: int
    position: int | None
    """None keeps the item where it is (the page moves items with `move_item`)."""
    minutes: int | None
    presenter: str = ""
    organisation: str | None = None
    title: str | None = None
    background: str = ""
    proposed_decision: str = ""


def items_of(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def label_of(session: Session, meeting: Meeting) -> str:
    """How the history names the meeting: "Samverkansgrupp för … 2026-12-09"."""
    name = session.exec(select(Forum.name).where(Forum.id == meeting.forum_id)).one()
    return f"{name} {formats.day(meeting.starts_at)}"


def agenda_proposal(
    session: Session, *, meeting_id: int, by: Actor, graph: nx.MultiDiGraph | None = None
) -> Proposal:
    """What the builder proposes for this meeting; nothing is saved.

    Where a preparatory group prepares the forum's meetings, the forum's queue reaches the
    agenda through the group's triage (services.meetings.triage), so it is not proposed here;
    items carried over still are."""
    meeting, key = load(session, meeting_id, by)
    forum = session.get(Forum, meeting.forum_id)
    prepared = prepared_by(structure_graph(session, graph), key) is not None
    schedule = schedule_of(session, forum)
    day = local(meeting.starts_at).date()
    on_agenda = {i.issue_id for i in items_of(session, meeting.id) if i.issue_id}
    carried = [c for c in carried_issues(session, meeting) if c[0] not in on_agenda]
    carried_ids = {c[0] for c in carried}
    queue = (
        []
        if prepared
        else [
            q
            for q in queued_issues(session, forum.id)
            if q[0] not in on_agenda and q[0] not in carried_ids
        ]
    )
    return propose_agenda(
        meeting_day=day,
        cutoff_days=schedule.cutoff_days,
        queue=[q for _id, q in queue],
        carried=[c for _id, c in carried],
        due_actions=due_actions(session, forum.id, day, exclude_meeting=meeting.id),
        due_reviews=due_reviews(session, forum.id, day),
        opening=tuple(schedule.opening_items) if schedule.opening_items else OPENING,
        closing=tuple(schedule.closing_items) if schedule.closing_items else CLOSING,
    )


def adopt_proposal(
    session: Session,
    *,
    meeting_id: int,
    by: Actor,
    expected_version: int,
    graph: nx.MultiDiGraph | None = None,
) -> list[AgendaItem]:
    """Put every proposed item not yet on the agenda on it, in the proposal's order: the
    opening standing items first, then what was already there, then the new items, the
    closing standing items last."""
    meeting, _forum = editable(session, meeting_id, expected_version, by, *EDITING)
    proposal = agenda_proposal(session, meeting_id=meeting_id, by=by, graph=graph)
    present = items_of(session, meeting.id)
    titles = {i.title for i in present}
    for rank, item in enumerate(_closing_block(session, meeting, present)):
        item.position = GROUP_OFFSET["closing"] * 2 + rank  # stays after the new items
        session.add(item)
    added = []
    label = label_of(session, meeting)
    for rank, item in enumerate(proposal.items):
        if item.reference is None and item.title in titles:
            continue
        issue = _issue(session, item.reference) if item.reference else None
        row = AgendaItem(
            meeting_id=meeting.id,
            position=GROUP_OFFSET.get(item.reason, 10_000) + rank,
            kind=item.kind.value,
            issue_id=issue.id if issue else None,
            title=item.title,
            background=issue.description if issue else "",
            minutes=item.minutes,
            carried_times=item.carried_times,
            proposed_decision=item.proposed_decision,
        )
        session.add(row)
        if issue is not None:
            put_on_agenda(session, issue, meeting_id=meeting.id, label=label, actor=by.name)
        added.append(row)
    session.flush()
    _renumber(session, meeting.id)
    _changed(session, meeting, by, "items_added", len(added))
    return added


def add_issue_item(
    session: Session,
    *,
    meeting_id: int,
    reference: str,
    by: Actor,
    expected_version: int,
    proposed_decision: str = "",
    minutes: int | None = None,
) -> AgendaItem:
    """An issue that is at this meeting's forum, open, and not already on its agenda."""
    meeting, _forum = editable(session, meeting_id, expected_version, by, *EDITING)
    issue = _issue(session, reference)
    return place_issue(session, meeting, issue, by.name, proposed_decision, minutes)


def place_issue(
    session: Session,
    meeting: Meeting,
    issue: Issue,
    actor: str,
    proposed_decision: str = "",
    minutes: int | None = None,
) -> AgendaItem:
    """Put an issue on the meeting's agenda (last); the caller has checked who may."""
    if issue.forum_id != meeting.forum_id:
        raise MeetingRefusedError("not_at_forum", {"reference": issue.reference})
    if issue.status not in OPEN:
        raise MeetingRefusedError("issue_finished", {"reference": issue.reference})
    items = items_of(session, meeting.id)
    if any(i.issue_id == issue.id for i in items):
        raise MeetingRefusedError("already_on_agenda", {"reference": issue.reference})
    elsewhere = session.exec(
        select(Meeting)
        .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
        .where(
            AgendaItem.issue_id == issue.id,
            Meeting.id != meeting.id,
            Meeting.status.in_(list(EDITING)),
        )
    ).first()
    if elsewhere is not None:
        raise MeetingRefusedError(
            "on_another_agenda",
            {"reference": issue.reference, "meeting": label_of(session, elsewhere)},
        )
    _check_minutes(minutes)
    row = AgendaItem(
        meeting_id=meeting.id,
        position=_make_room(session, meeting, items),
        kind=ItemKind.ISSUE.value,
        issue_id=issue.id,
        title=f"{issue.title} ({issue.reference})"[:300],
        background=issue.description,
        minutes=ISSUE_MINUTES[Priority(issue.priority)] if minutes is None else minutes,
        proposed_decision=proposed_decision.strip(),
    )
    session.add(row)
    put_on_agenda(
        session, issue, meeting_id=meeting.id, label=label_of(session, meeting), actor=actor
    )
    touch(session, meeting)
    record(
        session,
        meeting,
        actor,
        MeetingEventKind.EDITED,
        changes={"item_added": [None, issue.reference]},
    )
    return row


def add_free_item(
    session: Session,
    *,
    meeting_id: int,
    title: str,
    by: Actor,
    expected_version: int,
    background: str = "",
    minutes: int | None = None,
    presenter: str = "",
    organisation: str | None = None,
) -> AgendaItem:
    meeting, _forum = editable(session, meeting_id, expected_version, by, *EDITING)
    if not title.strip():
        raise MeetingRefusedError("title_required")
    _check_minutes(minutes)
    items = items_of(session, meeting.id)
    row = AgendaItem(
        meeting_id=meeting.id,
        position=_make_room(session, meeting, items),
        kind=ItemKind.FREE.value,
        title=title.strip()[:300],
        background=background.strip(),
        minutes=FREE_MINUTES if minutes is None else minutes,
        presenter=presenter.strip()[:200],
        organisation_id=optional_id(session, Organisation, organisation, MeetingRefusedError),
    )
    session.add(row)
    _changed(session, meeting, by, "item_added", title.strip()[:80])
    return row


def update_items(
    session: Session, *, meeting_id: int, edits: list[ItemEdit], by: Actor, expected_version: int
) -> list[AgendaItem]:
    """Order, time, presenter, organisation and texts of the items, all at once."""
    meeting, _forum = editable(session, meeting_id, expected_version, by, *EDITING)
    items = {i.id: i for i in items_of(session, meeting.id)}
    if {e.id for e in edits} - set(items):
        raise MeetingRefusedError("unknown_item")
    texts = {}
    for e in edits:
        _check_minutes(e.minutes)
        texts |= {
            f"title_{e.id}": e.title or "",
            f"background_{e.id}": e.background,
            f"presenter_{e.id}": e.presenter,
            f"proposed_{e.id}": e.proposed_decision,
        }
    check_free_text(texts)
    for e in edits:
        item = items[e.id]
        if e.title is not None and item.kind != ItemKind.ISSUE:
            if not e.title.strip():
                raise MeetingRefusedError("title_required")
            item.title = e.title.strip()[:300]
        if e.position is not None:
            item.position = e.position
        item.minutes = e.minutes
        item.presenter, item.background = e.presenter.strip()[:200], e.background.strip()
        item.proposed_decision = e.proposed_decision.strip()
        item.organisation_id = optional_id(
            session, Organisation, e.organisation, MeetingRefusedError
        )
        session.add(item)
    _renumber(session, meeting.id)
    _changed(session, meeting, by, "items_edited", len(edits))
    return items_of(session, meeting.id)


def move_item(
    session: Session, *, meeting_id: int, item_id: int, steps: int, by: Actor, expected_version: int
) -> list[AgendaItem]:
    """Move one item `steps` places up (negative) or down the agenda; at either end it stays."""
    meeting, _forum = editable(session, meeting_id, expected_version, by, *EDITING)
    items = items_of(session, meeting.id)
    at = next((n for n, i in enumerate(items) if i.id == item_id), None)
    if at is None:
        raise MeetingRefusedError("unknown_item")
    item = items.pop(at)
    items.insert(max(0, min(len(items), at + steps)), item)
    for number, row in enumerate(items, start=1):
        if row.position != number:
            row.position = number
            session.add(row)
    _changed(session, meeting, by, "item_moved", item.title[:80])
    return items


def remove_item(
    session: Session, *, meeting_id: int, item_id: int, by: Actor, expected_version: int
) -> None:
    meeting, _forum = editable(session, meeting_id, expected_version, by, *EDITING)
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise MeetingRefusedError("unknown_item")
    if item.issue_id is not None:
        take_off_agenda(
            session,
            session.get(Issue, item.issue_id),
            meeting_id=meeting.id,
            label=label_of(session, meeting),
            actor=by.name,
        )
    session.delete(item)
    session.flush()
    _renumber(session, meeting.id)
    _changed(session, meeting, by, "item_removed", item.title[:80])


def publish_agenda(
    session: Session, *, meeting_id: int, by: Actor, expected_version: int, to_nobody: bool = False
) -> Meeting:
    """Send the notice with the agenda (kallelse): from now on it is the agenda people read.
    A notice that calls nobody needs the sender's yes (`to_nobody`)."""
    meeting, _forum = editable(session, meeting_id, expected_version, by, MeetingStatus.PLANNED)
    if not items_of(session, meeting.id):
        raise MeetingRefusedError("empty_agenda")
    called = session.exec(
        select(func.count())
        .select_from(MeetingParticipant)
        .where(MeetingParticipant.meeting_id == meeting.id, MeetingParticipant.invited)
    ).one()
    if not called and not to_nobody:
        raise MeetingRefusedError("nobody_called")
    return advance(session, meeting, MeetingStatus.PUBLISHED, by.name)


def agenda_budget(session: Session, meeting: Meeting) -> Budget:
    return budget(
        [i.minutes for i in items_of(session, meeting.id)], meeting.starts_at, meeting.ends_at
    )


def queued_issues(session: Session, forum_id: int) -> list[tuple[int, QueuedIssue]]:
    """Open issues at the forum that no coming meeting of it has on its agenda, with when and
    how each arrived (the last event that brought it here)."""
    return [_queued(row) for row in session.exec(_queue_query(forum_id))]


@dataclass(frozen=True)
class QueueSummary:
    count: int
    oldest_arrival: date | None
    oldest: list[QueuedIssue]
    """The longest-waiting few, oldest first."""


def queue_summary(session: Session, forum_id: int, *, first: int = 5) -> QueueSummary:
    """How many are queued, since when, and the longest-waiting `first`, counted in SQL in one
    pass (the first row is the oldest): a national forum's queue at 100,000 issues is not read
    whole for an overview, nor searched twice."""
    rows = session.exec(_queue_query(forum_id, first=max(first, 1))).all()
    queued = [_queued(row)[1] for row in rows]
    return QueueSummary(
        rows[0][-1] if rows else 0, queued[0].arrived if queued else None, queued[:first]
    )


def _queue_query(forum_id: int, *, first: int | None = None) -> Select:
    """The queue oldest arrival first, with its size on every row: counted and ordered from
    the index (forum_id, status, arrived_at, id) alone, then only the rows asked for are read
    with the event that brought each here (its last arrival, in the covering index
    (to_forum_id, issue_id, id)). Looking that event up for every open issue first took 10 ms
    in the busiest national forum on every overview."""
    coming = (
        select(AgendaItem.issue_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            Meeting.forum_id == forum_id,
            Meeting.status != MeetingStatus.APPROVED,
            AgendaItem.issue_id.is_not(None),
        )
    )
    here = (
        select(Issue.id, Issue.arrived_at, func.count().over().label("size"))
        .where(
            Issue.forum_id == forum_id,
            Issue.status.in_([s.value for s in OPEN]),
            Issue.arrived_at.is_not(None),
            Issue.id.not_in(coming),
        )
        .order_by(Issue.arrived_at, Issue.id)
        .limit(first)
        .subquery()
    )
    arrival = (
        select(func.max(IssueEvent.id))
        .where(IssueEvent.to_forum_id == forum_id, IssueEvent.issue_id == here.c.id)
        .correlate(here)
        .scalar_subquery()
    )
    return (
        select(
            Issue.id,
            Issue.reference,
            Issue.title,
            Issue.priority,
            IssueEvent.at,
            IssueEvent.kind,
            IssueEvent.from_forum_id,
            here.c.size,
        )
        .select_from(here)
        .join(Issue, Issue.id == here.c.id)
        .join(IssueEvent, IssueEvent.id == arrival)
        .order_by(here.c.arrived_at, here.c.id)
    )


def _queued(row: tuple) -> tuple[int, QueuedIssue]:
    issue_id, ref, title, priority, at, kind, came_from, _size = row
    return (
        issue_id,
        QueuedIssue(
            ref,
            title,
            Priority(priority),
            local(at).date(),
            lifted_in=kind in (EventKind.ESCALATED, EventKind.MERGED),
            came_from=came_from,
        ),
    )


def carried_issues(session: Session, meeting: Meeting) -> list[tuple[int, QueuedIssue]]:
    """Issues on the forum's last approved meeting before this one that were carried over or
    left without a decision, and are still open and at the forum."""
    last = session.exec(
        select(Meeting)
        .where(
            Meeting.forum_id == meeting.forum_id,
            Meeting.status == MeetingStatus.APPROVED,
            Meeting.starts_at < meeting.starts_at,
        )
        .order_by(Meeting.starts_at.desc())
    ).first()
    if last is None:
        return []
    rows = session.exec(
        select(AgendaItem, Issue, ItemDecision.kind)
        .join(Issue, Issue.id == AgendaItem.issue_id)
        .outerjoin(ItemDecision, ItemDecision.item_id == AgendaItem.id)
        .where(
            AgendaItem.meeting_id == last.id,
            Issue.forum_id == meeting.forum_id,
            Issue.status.in_([s.value for s in OPEN]),
        )
    )
    day = local(last.starts_at).date()
    return [
        (
            issue.id,
            QueuedIssue(
                issue.reference,
                issue.title,
                Priority(issue.priority),
                day,
                carried_times=item.carried_times,
                proposed_decision=item.proposed_decision,
            ),
        )
        for item, issue, kind in rows
        if kind in (None, DecisionKind.CARRIED_OVER)
    ]


def due_actions(
    session: Session, forum_id: int, day: date, *, exclude_meeting: int | None = None
) -> list[DueAction]:
    """Open agreed actions of the forum falling due by `day`; those agreed at
    `exclude_meeting` itself (the meeting being prepared, reopened) are not its follow-up."""
    query = (
        select(AgreedAction.id, AgreedAction.title, AgreedAction.due_on, Organisation.name)
        .outerjoin(Organisation, Organisation.id == AgreedAction.organisation_id)
        .where(
            AgreedAction.forum_id == forum_id,
            AgreedAction.status == ActionStatus.OPEN,
            and_(AgreedAction.due_on.is_not(None), AgreedAction.due_on <= day),
        )
        .order_by(AgreedAction.due_on)
    )
    if exclude_meeting is not None:
        query = query.where(
            or_(AgreedAction.meeting_id.is_(None), AgreedAction.meeting_id != exclude_meeting)
        )
    rows = session.exec(query)
    return [DueAction(i, title, due, org or "") for i, title, due, org in rows]


def due_reviews(session: Session, forum_id: int, day: date) -> list[DueReview]:
    """The forum's agreed effects whose review falls due by `day`."""
    rows = session.exec(
        select(Effect.id, Effect.statement, Effect.next_review_on).where(
            Effect.forum_id == forum_id,
            Effect.next_review_on.is_not(None),
            Effect.next_review_on <= day,
            Effect.archived_at.is_(None),
        )
    )
    return [DueReview(i, statement, due) for i, statement, due in rows]


def _issue(session: Session, reference: str) -> Issue:
    issue = session.exec(select(Issue).where(Issue.reference == reference.strip())).first()
    if issue is None:
        raise MeetingRefusedError("unknown_issue", {"reference": reference})
    return issue


def _check_minutes(minutes: int | None) -> None:
    if minutes is not None and not 0 <= minutes <= 600:
        raise MeetingRefusedError("minutes_range")


def closing_titles(session: Session, meeting: Meeting) -> tuple[str, ...]:
    schedule = schedule_of(session, session.get(Forum, meeting.forum_id))
    return tuple(schedule.closing_items) if schedule.closing_items else CLOSING


def _make_room(session: Session, meeting: Meeting, items: list[AgendaItem]) -> int:
    """The position for an added item: before the closing standing items ("Övriga frågor",
    "Nästa möte") at the end of the agenda, which move one place down."""
    tail = _closing_block(session, meeting, items)
    position = tail[0].position if tail else max((i.position for i in items), default=0) + 1
    for item in tail:
        item.position += 1
        session.add(item)
    return position


def _closing_block(session: Session, meeting: Meeting, items: list[AgendaItem]) -> list[AgendaItem]:
    """The closing standing items that end the agenda, in order."""
    closing = set(closing_titles(session, meeting))
    tail: list[AgendaItem] = []
    for item in reversed(items):
        if item.kind != ItemKind.STANDING or item.title not in closing:
            break
        tail.insert(0, item)
    return tail


def _renumber(session: Session, meeting_id: int) -> None:
    for number, item in enumerate(items_of(session, meeting_id), start=1):
        if item.position != number:
            item.position = number
            session.add(item)


def _changed(session: Session, meeting: Meeting, by: Actor, what: str, value: object) -> None:
    touch(session, meeting)
    record(session, meeting, by.name, MeetingEventKind.EDITED, changes={what: [None, value]})
