"""Reading meetings for the pages: one meeting whole, a forum's meetings, the chair's overview,
the year's meetings across one's forums (årshjul), and when an issue will next be discussed."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import networkx as nx
from sqlalchemy import ColumnElement, and_, false, func
from sqlalchemy.exc import NoResultFound
from sqlmodel import Session, select

from escalation import escalation_path, forum, prepared_by
from models import (
    AgendaItem,
    AgreedAction,
    Forum,
    ForumMembership,
    ForumSchedule,
    Issue,
    IssueEvent,
    ItemDecision,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
    Organisation,
    RoleGrant,
    User,
)
from models.clock import STOCKHOLM, local
from models.vocabulary import ActionStatus, Cadence, ItemKind, MeetingStatus, Role
from services.issues.lifecycle import OPEN
from services.meetings.agenda_items import QueueSummary, agenda_budget, items_of, queue_summary
from services.meetings.dates import Budget, ForumCalendar, Sitting, cutoff_day, next_sitting, way_up
from services.meetings.meetings import load, schedule_of
from services.permissions import Actor, forums_run_by

COMING = (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED)
DEFAULT_CUTOFF_DAYS: int = ForumSchedule.model_fields["cutoff_days"].default
"""A forum nobody has set a schedule for (making a ForumSchedule to read it was 0.5 ms)."""


@dataclass(frozen=True)
class ItemView:
    id: int
    position: int
    kind: str
    title: str
    background: str
    minutes: int | None
    presenter: str
    organisation: str | None
    organisation_name: str | None
    proposed_decision: str
    reference: str | None
    carried_times: int
    decision: str | None
    decision_text: str
    decision_target: str | None
    decision_due: date | None
    decision_actions: list[dict]
    applied: bool
    decision_id: int | None = None
    decision_skip_reason: str = ""
    overtaken: bool = False
    """The issue has left the forum or was finished since it was put on this agenda: a decision
    not yet applied will not be."""


@dataclass
class MeetingView:
    id: int
    forum: str
    forum_name: str
    starts_at: datetime
    ends_at: datetime
    place: str
    video_link: str
    status: str
    version: int
    adjuster: str | None
    adjuster_id: int | None
    notes: str
    approved_by: str
    is_demo: bool
    cutoff: date
    items: list[ItemView] = field(default_factory=list)
    participants: list[tuple[str, str | None, str | None, bool, bool]] = field(default_factory=list)
    """(person, organisation key, organisation name, invited, present)"""
    events: list[MeetingEvent] = field(default_factory=list)
    budget: Budget | None = None
    registration_number: str = ""
    chair: str = ""
    """The forum's chair by name, for the minutes' signature; empty if none is known."""
    secretary: str = ""
    next_meeting: date | None = None
    """The forum's next meeting after this one, for the standing item "Nästa möte"."""

    @property
    def approver(self) -> str:
        """Who approves the minutes: the appointed justerare, or else the chair."""
        return self.adjuster or self.chair


def meeting_view(session: Session, meeting_id: int, *, by: Actor | None) -> MeetingView:
    """The meeting whole; PermissionDeniedError if `by` may not read its forum's meetings."""
    meeting, key = load(session, meeting_id, by)
    row = session.get(Forum, meeting.forum_id)
    schedule = schedule_of(session, row)
    adjuster = session.get(User, meeting.adjuster_id) if meeting.adjuster_id else None
    view = MeetingView(
        meeting.id,
        key,
        row.name,
        meeting.starts_at,
        meeting.ends_at,
        meeting.place,
        meeting.video_link,
        meeting.status,
        meeting.version,
        adjuster.display_name if adjuster else None,
        meeting.adjuster_id,
        meeting.notes,
        meeting.approved_by,
        meeting.is_demo,
        cutoff_day(local(meeting.starts_at).date(), schedule.cutoff_days),
    )
    orgs = dict(session.exec(select(Organisation.id, Organisation.key)).all())
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    forum_keys = dict(session.exec(select(Forum.id, Forum.key)).all())
    decisions = {
        d.item_id: d
        for d in session.exec(
            select(ItemDecision)
            .join(AgendaItem, AgendaItem.id == ItemDecision.item_id)
            .where(AgendaItem.meeting_id == meeting.id)
        )
    }
    issues = {
        i: (ref, forum_id == meeting.forum_id and status in OPEN)
        for i, ref, forum_id, status in session.exec(
            select(Issue.id, Issue.reference, Issue.forum_id, Issue.status)
            .join(AgendaItem, AgendaItem.issue_id == Issue.id)
            .where(AgendaItem.meeting_id == meeting.id)
        )
    }
    for item in items_of(session, meeting.id):
        d = decisions.get(item.id)
        view.items.append(
            ItemView(
                item.id,
                item.position,
                item.kind,
                item.title,
                item.background,
                item.minutes,
                item.presenter,
                orgs.get(item.organisation_id),
                names.get(item.organisation_id),
                item.proposed_decision,
                issues.get(item.issue_id, (None,))[0],
                item.carried_times,
                d.kind if d else None,
                d.text if d else "",
                forum_keys.get(d.target_forum_id) if d and d.target_forum_id else None,
                d.due_on if d else None,
                list(d.actions) if d else [],
                bool(d and d.applied_at),
                d.id if d else None,
                d.skip_reason if d else "",
                item.issue_id in issues
                and not issues[item.issue_id][1]
                and not (d and d.applied_at),
            )
        )
    view.participants = [
        (p.person, orgs.get(p.organisation_id), names.get(p.organisation_id), p.invited, p.present)
        for p in session.exec(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == meeting.id)
            .order_by(MeetingParticipant.id)
        )
    ]
    view.events = list(
        session.exec(
            select(MeetingEvent)
            .where(MeetingEvent.meeting_id == meeting.id)
            .order_by(MeetingEvent.id)
        )
    )
    view.budget = agenda_budget(session, meeting)
    view.registration_number = meeting.registration_number
    view.chair, view.secretary = (
        _officer(session, meeting.forum_id, role) for role in (Role.CHAIR, Role.SECRETARY)
    )
    after = session.exec(
        select(Meeting.starts_at)
        .where(Meeting.forum_id == meeting.forum_id, Meeting.starts_at > meeting.starts_at)
        .order_by(Meeting.starts_at)
    ).first()
    view.next_meeting = local(after).date() if after else None
    return view


def _officer(session: Session, forum_id: int, role: Role) -> str:
    """The name of the active user holding `role` at the forum (the first by name)."""
    return (
        session.exec(
            select(User.display_name)
            .join(RoleGrant, RoleGrant.user_id == User.id)
            .where(RoleGrant.forum_id == forum_id, RoleGrant.role == role, User.is_active)
            .order_by(User.display_name)
        ).first()
        or ""
    )


@dataclass(frozen=True)
class MeetingRow:
    id: int
    forum: str
    forum_name: str
    starts_at: datetime
    status: str
    items: int
    is_demo: bool


def meetings_of(
    session: Session,
    *,
    by: Actor | None,
    forums: set[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
    condition: ColumnElement[bool] | None = None,
) -> list[MeetingRow]:
    """Meetings `by` may read (or those of `forums` among them, and meeting `condition`), in
    time order."""
    where = [] if condition is None else [condition]
    if forums is not None:
        where.append(Forum.key.in_(forums))
    if by is None:
        where.append(false())
    elif not by.sees_everything():  # as can_read_meetings: a role at the forum, or invited
        invited = select(MeetingParticipant.meeting_id).where(
            MeetingParticipant.user_id == by.user_id, MeetingParticipant.invited
        )
        where.append(Forum.key.in_(by.forums()) | Meeting.id.in_(invited))
    if since is not None:
        where.append(Meeting.starts_at >= since)
    if until is not None:
        where.append(Meeting.starts_at < until)
    counts = (
        select(AgendaItem.meeting_id, func.count().label("n"))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    rows = session.exec(
        select(
            Meeting.id,
            Forum.key,
            Forum.name,
            Meeting.starts_at,
            Meeting.status,
            func.coalesce(counts.c.n, 0),
            Meeting.is_demo,
        )
        .join(Forum, Forum.id == Meeting.forum_id)
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .where(*where)
        .order_by(Meeting.starts_at)
        .limit(limit)
    )
    return [MeetingRow(*r) for r in rows]


@dataclass(frozen=True)
class ForumOverview:
    """What a chair or secretary needs to see of one forum on one screen."""

    forum: str
    name: str
    next_meeting: MeetingRow | None
    cutoff: date | None
    queued: int
    oldest_days: int | None
    in_preparation_at: str | None
    """The preparatory group where issues for this forum are being prepared."""
    awaiting_decision: int
    """Items on published or held meetings with no decision recorded."""
    minutes_to_approve: list[MeetingRow]
    """Held meetings whose minutes are not approved: flagged."""
    overdue_actions: int
    oldest: list[tuple[str, str]] = field(default_factory=list)
    """(reference, title) of the longest-waiting queued issues, at most five."""


def chair_overview(
    session: Session,
    G: nx.MultiDiGraph,
    *,
    by: Actor,
    today: date,
    queue_of: Callable[[Session, int], QueueSummary] = queue_summary,
) -> list[ForumOverview]:
    """One overview per forum `by` chairs or is secretary of; `queue_of` counts a forum's
    queue (a page passes one shared between reruns: the busiest forum's is the costliest)."""
    keys = sorted(
        {f for f in forums_run_by(by) if f in G},
        key=lambda k: forum(G, k).name,
    )
    out = []
    for key in keys:
        start = _start_of(today)  # today's meeting is still coming
        # the forum, its cut-off and its two counts in one statement (four before, each a
        # round trip on PostgreSQL, on every rerun of the chair's meetings page)
        waiting_items = (
            select(func.count())
            .select_from(AgendaItem)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .outerjoin(ItemDecision, ItemDecision.item_id == AgendaItem.id)
            .where(
                Meeting.forum_id == Forum.id,
                Meeting.status.in_([MeetingStatus.PUBLISHED, MeetingStatus.HELD]),
                Meeting.starts_at <= datetime.now(UTC),
                ItemDecision.id.is_(None),
                AgendaItem.kind == ItemKind.ISSUE,
            )
            .scalar_subquery()
        )
        overdue_actions = (
            select(func.count())
            .select_from(AgreedAction)
            .where(
                AgreedAction.forum_id == Forum.id,
                AgreedAction.status == ActionStatus.OPEN,
                AgreedAction.due_on < today,
            )
            .scalar_subquery()
        )
        row, cutoff, waiting, overdue = session.exec(
            select(Forum, ForumSchedule.cutoff_days, waiting_items, overdue_actions)
            .outerjoin(ForumSchedule, ForumSchedule.forum_id == Forum.id)
            .where(Forum.key == key)
        ).one()
        cutoff = DEFAULT_CUTOFF_DAYS if cutoff is None else cutoff
        coming_or_held = meetings_of(
            session,
            by=by,
            forums={key},
            condition=(Meeting.status.in_(COMING) & (Meeting.starts_at >= start))
            | (Meeting.status == MeetingStatus.HELD),
        )
        nxt = next((m for m in coming_or_held if m.status in COMING), None)
        held = [m for m in coming_or_held if m.status == MeetingStatus.HELD]
        queue = queue_of(session, row.id)
        out.append(
            ForumOverview(
                key,
                row.name,
                nxt,
                cutoff_day(local(nxt.starts_at).date(), cutoff) if nxt else None,
                queue.count,
                (today - queue.oldest_arrival).days if queue.oldest_arrival else None,
                prepared_by(G, key),
                waiting,
                held,
                overdue,
                [(q.reference, q.title) for q in queue.oldest],
            )
        )
    return out


def forum_meetings_state(session: Session, forum_id: int) -> tuple[int, int, int]:
    """Changes whenever one of the forum's meetings is planned, changed (its agenda,
    decisions and participants too: each bumps its version) or removed: with the issues'
    version, what a cached queue of the forum depends on. One pass over the forum's
    meetings (ten years of them at most a few hundred)."""
    count, versions, newest = session.exec(
        select(
            func.count(),
            func.coalesce(func.sum(Meeting.version), 0),
            func.coalesce(func.max(Meeting.id), 0),
        ).where(Meeting.forum_id == forum_id)
    ).one()
    return int(count), int(versions), int(newest)


def _start_of(day: date) -> datetime:
    """The day's first moment in Swedish time, as the database stores it (UTC)."""
    return datetime.combine(day, time.min, STOCKHOLM).astimezone(UTC)


def forum_calendar(
    session: Session, G: nx.MultiDiGraph, key: str, with_preparation: bool = True
) -> ForumCalendar:
    """The forum's coming meeting days, cut-off and cadence, and its preparatory group's: one
    statement a forum (it was three, asked on every rerun of an issue's page)."""
    coming = and_(Meeting.forum_id == Forum.id, Meeting.status.in_(list(COMING)))
    rows = session.exec(
        select(Forum.cadence, ForumSchedule.cutoff_days, Meeting.starts_at)
        .outerjoin(ForumSchedule, ForumSchedule.forum_id == Forum.id)
        .outerjoin(Meeting, coming)
        .where(Forum.key == key)
    ).all()
    if not rows:
        raise NoResultFound(f"no forum {key!r}")
    cadence, cutoff, _first = rows[0]
    days = tuple(sorted(local(at).date() for _c, _d, at in rows if at is not None))
    group = prepared_by(G, key) if with_preparation else None
    return ForumCalendar(
        key,
        Cadence(cadence),
        cutoff if cutoff is not None else DEFAULT_CUTOFF_DAYS,
        days,
        forum_calendar(session, G, group, False) if group else None,
    )


def when_discussed(
    session: Session,
    G: nx.MultiDiGraph,
    *,
    at: str,
    arrives: date,
    target: str | None = None,
    reference: str | None = None,
) -> list[Sitting]:
    """When the issue is next on a table: at `at` itself, or, lifted to `target`, at each
    forum on the way up to it (the last is the earliest it can be decided there).

    Given the issue's `reference`, the answer at its own forum is the coming meeting whose
    agenda it stands on, or else the one the agenda builder would propose it for: by the day
    it arrived at the forum (`arrives` is today)."""
    if target is None or target == at:
        calendar = forum_calendar(session, G, at)
        if reference is None:
            return [next_sitting(calendar, arrives)]
        booked = session.exec(
            select(Meeting.starts_at)
            .join(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .join(Issue, Issue.id == AgendaItem.issue_id)
            .where(Issue.reference == reference, Meeting.status.in_(list(COMING)))
            .order_by(Meeting.starts_at)
        ).first()
        if booked is not None:
            return [Sitting(at, local(booked).date(), on_agenda=True)]
        arrived = session.exec(
            select(func.max(IssueEvent.at))
            .join(Issue, Issue.id == IssueEvent.issue_id)
            .join(Forum, Forum.id == IssueEvent.to_forum_id)
            .where(Issue.reference == reference, Forum.key == at)
        ).one()
        return [
            next_sitting(calendar, local(arrived).date() if arrived else arrives, today=arrives)
        ]
    path = escalation_path(G, at, target)
    return way_up([forum_calendar(session, G, k) for k in path[1:]], arrives)


def invitable_people(session: Session, key: str) -> list[tuple[str, str, str | None]]:
    """(username, name, organisation key) of the active users who can be called to the
    forum's meetings: those holding a role there and those of its member organisations."""
    forum_id = session.exec(select(Forum.id).where(Forum.key == key)).one()
    members = select(ForumMembership.organisation_id).where(ForumMembership.forum_id == forum_id)
    at_forum = select(RoleGrant.user_id).where(RoleGrant.forum_id == forum_id)
    rows = session.exec(
        select(User.username, User.display_name, Organisation.key)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(User.is_active, User.id.in_(at_forum) | User.organisation_id.in_(members))
        .order_by(User.display_name)
        .limit(500)
    )
    return [tuple(r) for r in rows]


def forum_people(session: Session, key: str) -> list[tuple[str, str]]:
    """(username, name) of the active users holding a role at the forum, directly or through
    their organisation's membership: those who can be appointed justerare."""
    forum_id = session.exec(select(Forum.id).where(Forum.key == key)).one()
    members = select(ForumMembership.organisation_id).where(ForumMembership.forum_id == forum_id)
    rows = session.exec(
        select(User.username, User.display_name)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(
            User.is_active,
            (RoleGrant.forum_id == forum_id)
            | (RoleGrant.forum_id.is_(None) & User.organisation_id.in_(members)),
        )
        .distinct()
        .order_by(User.display_name)
    )
    return [tuple(r) for r in rows]
