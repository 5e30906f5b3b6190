"""Tables for meetings: the forum's schedule, meetings, participants, agenda items, the
decision on each item, agreed actions, and each meeting's history."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.clock import now
from models.structure import Versioned


class ForumSchedule(Versioned, table=True):
    """How a forum meets: its cut-off for items, its usual meeting and its standing items."""

    __tablename__ = "forum_schedule"

    forum_id: int = Field(foreign_key="forum.id", primary_key=True, ondelete="CASCADE")
    cutoff_days: int = Field(default=10)
    start_time: str = Field(default="09:00", max_length=5)
    minutes: int | None = Field(default=None)
    """The usual length; None follows the cadence."""
    place: str = Field(default="", max_length=200)
    opening_items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    closing_items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Meeting(Versioned, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True)
    starts_at: datetime = Field(index=True)
    ends_at: datetime
    place: str = Field(default="", max_length=200)
    video_link: str = Field(default="", max_length=500)
    status: str = Field(default="planned", max_length=20, index=True)
    adjuster_id: int | None = Field(default=None, foreign_key="app_user.id")
    """The appointed justerare, who approves the minutes."""
    notes: str = Field(default="")
    """General minutes text (not per item)."""
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=now)
    published_at: datetime | None = Field(default=None)
    held_at: datetime | None = Field(default=None)
    approved_at: datetime | None = Field(default=None)
    approved_by: str = Field(default="", max_length=200)
    is_demo: bool = Field(default=False)
    registration_number: str = Field(default="", max_length=60)
    """The diarienummer the minutes are registered under (the forum's, usually)."""


class MeetingParticipant(SQLModel, table=True):
    __tablename__ = "meeting_participant"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    person: str = Field(max_length=200)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    """The participant's account, when they have one: an invited user reads the meeting."""
    invited: bool = Field(default=True)
    present: bool = Field(default=False)


class AgendaItem(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    position: int
    kind: str = Field(max_length=20)
    issue_id: int | None = Field(default=None, foreign_key="issue.id", index=True)
    title: str = Field(max_length=300)
    background: str = Field(default="")
    minutes: int | None = Field(default=None)
    presenter: str = Field(default="", max_length=200)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    proposed_decision: str = Field(default="")
    carried_times: int = Field(default=0)
    """How many meetings in a row this issue has been carried over before this one."""


class ItemDecision(SQLModel, table=True):
    """The decision on one agenda item, recorded during or after the meeting and applied to
    its issue when the minutes are approved."""

    __tablename__ = "item_decision"
    __table_args__ = (UniqueConstraint("item_id"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agenda_item.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    text: str = Field(default="")
    """The outcome, the reason, or the mandate, in the forum's words."""
    target_forum_id: int | None = Field(default=None, foreign_key="forum.id")
    skip_reason: str = Field(default="")
    """Why a lift passes over the next level of the escalation order."""
    due_on: date | None = Field(default=None)
    actions: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    """[{title, organisation, responsible, due_on}] for agreed actions."""
    recorded_by: str = Field(default="", max_length=200)
    recorded_at: datetime = Field(default_factory=now)
    applied_at: datetime | None = Field(default=None)


class AgreedAction(Versioned, table=True):
    """An åtgärd agreed at a meeting: who does what by when."""

    __tablename__ = "agreed_action"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="agenda_item.id")
    issue_id: int | None = Field(default=None, foreign_key="issue.id", index=True)
    title: str = Field(max_length=300)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    responsible: str = Field(default="", max_length=200)
    due_on: date | None = Field(default=None, index=True)
    status: str = Field(default="open", max_length=20, index=True)
    note: str = Field(default="")
    created_at: datetime = Field(default_factory=now)
    done_at: datetime | None = Field(default=None)
    is_demo: bool = Field(default=False)


class MeetingEvent(SQLModel, table=True):
    """One change to a meeting: who, when, what, and why (a reopening needs its reason)."""

    __tablename__ = "meeting_event"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    at: datetime = Field(default_factory=now)
    actor: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    reason: str = Field(default="")
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
