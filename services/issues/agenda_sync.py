"""An issue that moves on leaves the agendas still waiting for it.

When an issue is lifted, delegated, sent back, resolved or closed, the coming meetings (planned,
or with the notice sent) that had it on their agenda would otherwise discuss a question that is
no longer theirs, with a pending proposal ("Lyfts …") nobody can carry out. Each such item is
taken off, with the reason in the meeting's history and in the issue's. Meetings already held
keep their items: what they discussed is part of their minutes (approving them then records a
decision overtaken by events without applying it).
"""

from datetime import UTC, datetime

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from models import AgendaItem, Forum, Issue, ItemDecision, Meeting, MeetingEvent, formats
from models.vocabulary import EventKind, MeetingEventKind, MeetingStatus
from services.issues.history import record_event

COMING = (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED)


def leave_coming_agendas(session: Session, issue: Issue, *, why: str, actor: str) -> list[int]:
    """Take the issue off every coming meeting's agenda; the ids of those meetings."""
    rows = session.exec(
        select(AgendaItem, Meeting, Forum.name)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Forum, Forum.id == Meeting.forum_id)
        .where(AgendaItem.issue_id == issue.id, Meeting.status.in_(list(COMING)))
    ).all()
    now = datetime.now(UTC)
    for item, meeting, forum_name in rows:
        for decision in session.exec(select(ItemDecision).where(ItemDecision.item_id == item.id)):
            session.delete(decision)
        session.delete(item)
        label = f"{forum_name} {formats.day(meeting.starts_at)}"
        flag_modified(meeting, "notes")  # a new version: an open editor's save is refused
        session.add(meeting)
        session.add(
            MeetingEvent(
                meeting_id=meeting.id,
                actor=actor,
                at=now,
                kind=MeetingEventKind.EDITED.value,
                reason=f"{issue.reference}: {why}",
                changes={"item_removed": [item.title[:80], None]},
            )
        )
        record_event(
            session,
            issue,
            EventKind.AGENDA,
            actor,
            now,
            reason=label,
            changes={"meeting": [meeting.id, None], "why": [None, why]},
            notify=False,
        )
    if rows:
        session.flush()
        for meeting_id in {m.id for _i, m, _n in rows}:
            _renumber(session, meeting_id)
    return [m.id for _i, m, _n in rows]


def _renumber(session: Session, meeting_id: int) -> None:
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    )
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            session.add(item)
