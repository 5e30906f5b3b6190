"""Agreed actions (åtgärder): a forum's list, an organisation's list, and marking one done.

Counted and paged in SQL; an action past its due date and still open is overdue.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from models import AgreedAction, Forum, Issue, Organisation
from models.vocabulary import ActionStatus
from services.meetings.errors import MeetingRefusedError
from services.paging import Page, window
from services.permissions import Actor, can_read_meetings, can_update_action, require

PAGE_SIZE = 25


@dataclass(frozen=True)
class ActionRow:
    id: int
    title: str
    forum: str
    forum_name: str
    organisation: str | None
    organisation_name: str | None
    responsible: str
    due_on: date | None
    status: str
    reference: str | None
    version: int
    note: str

    def overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on is not None and self.due_on < today


ActionPage = Page[ActionRow]


def list_actions(
    session: Session,
    *,
    by: Actor,
    forum: str | None = None,
    organisation: str | None = None,
    open_only: bool = True,
    overdue_on: date | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> ActionPage:
    """A forum's actions (for those who read its meetings), or an organisation's actions in
    the forums `by` may read; overdue ones first, then by due date."""
    where = []
    if forum is not None:
        require(can_read_meetings(by, forum))
        where.append(Forum.key == forum)
    elif not by.sees_everything():
        where.append(Forum.key.in_(by.forums()))
    if organisation is not None:
        where.append(Organisation.key == organisation)
    if open_only:
        where.append(AgreedAction.status == ActionStatus.OPEN)
    if overdue_on is not None:
        where += [AgreedAction.status == ActionStatus.OPEN, AgreedAction.due_on < overdue_on]
    base = (
        select(
            AgreedAction,
            Forum.key,
            Forum.name,
            Organisation.key,
            Organisation.name,
            Issue.reference,
        )
        .join(Forum, Forum.id == AgreedAction.forum_id)
        .outerjoin(Organisation, Organisation.id == AgreedAction.organisation_id)
        .outerjoin(Issue, Issue.id == AgreedAction.issue_id)
        .where(*where)
    )
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    shown = window(total, page, page_size)
    rows = session.exec(
        shown.of(base.order_by(AgreedAction.due_on.is_(None), AgreedAction.due_on, AgreedAction.id))
    )
    return shown.holding(
        [
            ActionRow(
                a.id,
                a.title,
                fk,
                fn,
                ok,
                on,
                a.responsible,
                a.due_on,
                a.status,
                ref,
                a.version,
                a.note,
            )
            for a, fk, fn, ok, on, ref in rows
        ]
    )


def update_action(
    session: Session,
    *,
    action_id: int,
    status: ActionStatus,
    note: str,
    by: Actor,
    expected_version: int,
) -> AgreedAction:
    action = session.get(AgreedAction, action_id)
    if action is None:
        raise MeetingRefusedError("unknown_action")
    forum = session.exec(select(Forum.key).where(Forum.id == action.forum_id)).one()
    owner = (
        session.exec(
            select(Organisation.key).where(Organisation.id == action.organisation_id)
        ).first()
        if action.organisation_id
        else None
    )
    require(can_update_action(by, forum, owner))
    if action.version != expected_version:
        raise MeetingRefusedError("stale_action")
    action.status, action.note = status.value, note.strip()
    action.done_at = datetime.now(UTC) if status is ActionStatus.DONE else None
    session.add(action)
    return action
