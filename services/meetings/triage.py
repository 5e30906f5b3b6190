"""The preparatory stage (beredning): issues lifted to a forum that a preparatory group
prepares for wait in the group's triage queue. There each is accepted onto one of the forum's
coming agendas (with a proposed decision), or sent back down with a reason, which reaches the
forum it came from and whoever raised it. Referring it elsewhere or merging it with a similar
issue are done from the issue's own page."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import networkx as nx
from sqlmodel import Session, select

from escalation import delegation_targets, prepares_for
from models import Forum, Issue, IssueEvent, Meeting, formats
from models.clock import local
from models.vocabulary import EventKind, IssueStatus, MeetingStatus
from services.issues.feedback import notify_returned
from services.issues.use_cases import move_issue
from services.meetings.agenda_items import place_issue, queued_issues
from services.meetings.dates import in_time
from services.meetings.errors import MeetingRefusedError
from services.meetings.meetings import schedule_of
from services.permissions import Actor, can_prepare_for, require
from services.structure.keys import key_of


@dataclass(frozen=True)
class TriageRow:
    reference: str
    title: str
    priority: str
    arrived: date
    came_from: str | None
    """The forum it was lifted from, where it can be sent back."""
    forum: str
    """The forum it was lifted to, which the group prepares for."""


def triage_queue(
    session: Session, G: nx.MultiDiGraph, *, group: str, by: Actor, limit: int = 50
) -> tuple[list[TriageRow], int]:
    """The oldest `limit` issues waiting for the group's preparation, and how many wait."""
    require(can_prepare_for(by, group))
    keys = dict(session.exec(select(Forum.id, Forum.key)).all())
    rows = []
    for key in prepares_for(G, group):
        forum_id = next(i for i, k in keys.items() if k == key)
        rows += [
            TriageRow(q.reference, q.title, q.priority.value, q.arrived, keys.get(q.came_from), key)
            for _issue_id, q in queued_issues(session, forum_id)
        ]
    rows.sort(key=lambda r: (r.arrived, r.reference))
    return rows[:limit], len(rows)


def coming_meetings(session: Session, forum: str, today: date) -> list[tuple[Meeting, bool]]:
    """The forum's planned or published meetings ahead, each with whether today is still
    within its cut-off."""
    row = session.exec(select(Forum).where(Forum.key == forum)).one()
    cutoff = schedule_of(session, row).cutoff_days
    meetings = session.exec(
        select(Meeting)
        .where(
            Meeting.forum_id == row.id,
            Meeting.status.in_([MeetingStatus.PLANNED, MeetingStatus.PUBLISHED]),
            Meeting.starts_at > datetime.now(UTC),
        )
        .order_by(Meeting.starts_at)
    )
    return [(m, in_time(today, local(m.starts_at).date(), cutoff)) for m in meetings]


def accept_for_agenda(
    session: Session,
    G: nx.MultiDiGraph,
    *,
    group: str,
    reference: str,
    meeting_id: int,
    proposed_decision: str,
    by: Actor,
    today: date | None = None,
) -> None:
    """Onto the chosen coming meeting of the forum, if its cut-off has not passed."""
    require(can_prepare_for(by, group))
    if not proposed_decision.strip():
        raise MeetingRefusedError("proposal_required")
    issue = _issue(session, reference)
    forum = key_of(session, Forum, issue.forum_id)
    if forum not in prepares_for(G, group):
        raise MeetingRefusedError("not_prepared_here", {"reference": reference})
    today = today or local(datetime.now(UTC)).date()
    open_meetings = coming_meetings(session, forum, today)
    chosen = next((m for m, _ok in open_meetings if m.id == meeting_id), None)
    if chosen is None:
        raise MeetingRefusedError("not_coming", {"meeting": str(meeting_id)})
    if not dict((m.id, ok) for m, ok in open_meetings)[meeting_id]:
        later = next((m for m, ok in open_meetings if ok), None)
        raise MeetingRefusedError(
            "after_cutoff", {"next": formats.day(later.starts_at) if later else "–"}
        )
    place_issue(session, chosen, issue, by.name, proposed_decision)


def send_back(
    session: Session, G: nx.MultiDiGraph, *, group: str, reference: str, reason: str, by: Actor
) -> Issue:
    """Down to the forum it came from, with the reason; that forum and the raiser hear why."""
    require(can_prepare_for(by, group))
    if not reason.strip():
        raise MeetingRefusedError("reason_required")
    issue = _issue(session, reference)
    forum = key_of(session, Forum, issue.forum_id)
    if forum not in prepares_for(G, group):
        raise MeetingRefusedError("not_prepared_here", {"reference": reference})
    came_from = _came_from(session, issue.id, issue.forum_id)
    if came_from is None or came_from not in {d.forum for d in delegation_targets(G, forum)}:
        raise MeetingRefusedError("nowhere_to_send_back", {"reference": reference})
    move_issue(
        session,
        issue,
        forum,
        came_from,
        EventKind.SENT_BACK,
        IssueStatus.DELEGATED,
        by.name,
        reason,
        False,
    )
    session.flush()
    event = session.exec(
        select(IssueEvent).where(IssueEvent.issue_id == issue.id).order_by(IssueEvent.id.desc())
    ).first()
    target_id = session.exec(select(Forum.id).where(Forum.key == came_from)).one()
    notify_returned(session, issue, event, target_id)
    return issue


def _came_from(session: Session, issue_id: int, forum_id: int) -> str | None:
    last = session.exec(
        select(IssueEvent.from_forum_id)
        .where(
            IssueEvent.issue_id == issue_id,
            IssueEvent.to_forum_id == forum_id,
            IssueEvent.from_forum_id.is_not(None),
        )
        .order_by(IssueEvent.id.desc())
    ).first()
    return key_of(session, Forum, last) if last else None


def _issue(session: Session, reference: str) -> Issue:
    issue = session.exec(select(Issue).where(Issue.reference == reference.strip())).first()
    if issue is None:
        raise MeetingRefusedError("unknown_issue", {"reference": reference})
    return issue
