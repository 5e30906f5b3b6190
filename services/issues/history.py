"""Every change to an issue is an event in its history; writing one also records the forum it
reached on the issue's path and tells the issue's followers."""

from datetime import datetime

from sqlmodel import Session

from models import Issue, IssueEvent
from models.vocabulary import EventKind
from services.issues.feedback import notify_followers
from services.issues.lookup import add_to_path


def record_event(session: Session, issue: Issue, kind: EventKind, actor: str, at: datetime, *,
                 from_forum: int | None = None, to_forum: int | None = None, reason: str = "",
                 skipped: bool = False, changes: dict | None = None) -> IssueEvent:
    event = IssueEvent(issue_id=issue.id, at=at, actor=actor, kind=kind.value,
                       from_forum_id=from_forum, to_forum_id=to_forum, reason=reason,
                       skipped_level=skipped, changes=changes or {})
    session.add(event)
    session.flush()
    if to_forum is not None:
        add_to_path(session, issue.id, [to_forum])
    notify_followers(session, issue, event)
    return event
