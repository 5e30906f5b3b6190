"""Every change to an issue is an event in its history; writing one also records the forum it
reached on the issue's path and tells the issue's followers (a "change" in their inbox)."""

from datetime import datetime

from sqlalchemy import Connection, func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from models import Issue, IssueEvent, IssueFollower, Notification
from models.vocabulary import EventKind
from services.issues.lookup import add_to_path


def record_event(
    session: Session,
    issue: Issue,
    kind: EventKind,
    actor: str,
    at: datetime,
    *,
    from_forum: int | None = None,
    to_forum: int | None = None,
    reason: str = "",
    skipped: bool = False,
    changes: dict | None = None,
    notify: bool = True,
) -> IssueEvent:
    """The event, with the forum it reached on the path; followers hear of it unless
    `notify` is off (an acknowledgement is history, not news). An event that brings the
    issue to where it now is (`to_forum`, set by the caller before) is its arrival there."""
    if to_forum is not None and to_forum == issue.forum_id and issue.arrived_at != at:
        issue.arrived_at = at  # written in the flush below with the move itself
        session.add(issue)
    event = IssueEvent(
        issue_id=issue.id,
        at=at,
        actor=actor,
        kind=kind.value,
        from_forum_id=from_forum,
        to_forum_id=to_forum,
        reason=reason,
        skipped_level=skipped,
        changes=changes or {},
    )
    session.add(event)
    session.flush()
    if to_forum is not None:
        add_to_path(session, issue.id, [to_forum])
    if notify:
        notify_followers(session, issue, event)
    return event


CHANGE = "change"


def notify_followers(session: Session, issue: Issue, event: IssueEvent) -> list[Notification]:
    followers = session.exec(
        select(IssueFollower.person, IssueFollower.email).where(
            IssueFollower.issue_id == issue.id, IssueFollower.person != event.actor
        )
    ).all()
    notes = [
        Notification(issue_id=issue.id, event_id=event.id, kind=CHANGE, person=p, email=e)
        for p, e in followers
    ]
    session.add_all(notes)
    return notes


def record_arrivals(connection: Connection) -> None:
    """Each issue's arrival at its forum from its history, for issues and events written in
    bulk without `record_event` (the demo's history, the benchmarks' national data)."""
    arrival, last = aliased(IssueEvent), aliased(IssueEvent)
    newest = (
        select(func.max(last.id))
        .where(last.issue_id == Issue.id, last.to_forum_id == Issue.forum_id)
        .correlate(Issue)
        .scalar_subquery()
    )
    at = select(arrival.at).where(arrival.id == newest).correlate(Issue).scalar_subquery()
    connection.execute(update(Issue).where(Issue.arrived_at.is_(None)).values(arrived_at=at))
