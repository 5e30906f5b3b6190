"""Tables for collaboration issues and their history."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from models.clock import now
from models.structure import Versioned


class Issue(Versioned, table=True):
    __tablename__ = "issue"
    __table_args__ = (Index("ix_issue_queue", "forum_id", "status", "arrived_at", "id"),)
    """A forum's open issues are counted, and its queue ordered by arrival, from the index
    alone (its overview asks on every run)."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=20, unique=True, index=True)
    """Human-readable and stable: SAM-2026-0042."""
    title: str = Field(max_length=200)
    search_text: str = Field(default="", max_length=230)
    """Reference and title in lower case (Swedish letters too), kept by `_searchable`: a
    search is one LIKE on it, the same on both databases."""
    description: str = Field(default="")
    kind: str = Field(max_length=30, index=True)
    status: str = Field(max_length=30, index=True)
    priority: str = Field(max_length=10, default="normal")
    sharing: str = Field(max_length=20, default="forums_only")
    desired_outcome: str = Field(default="")
    change_effective_on: date | None = Field(default=None)
    origin_forum_id: int = Field(foreign_key="forum.id", index=True)
    forum_id: int = Field(foreign_key="forum.id")  # ix_issue_queue leads with it
    """Where the issue is now."""
    arrived_at: datetime | None = Field(default=None)
    """When it came to `forum_id` (its last event there; kept by `record_event`): a forum's
    queue is ordered by it from the index instead of looking up each issue's history."""
    raised_by: str = Field(max_length=200, index=True)
    outcome: str = Field(default="")
    created_at: datetime = Field(default_factory=now, index=True)
    updated_at: datetime = Field(default_factory=now, index=True)
    updated_by: str = Field(max_length=200, default="")
    resolved_at: datetime | None = Field(default=None)
    is_demo: bool = Field(default=False)


def search_text_of(reference: str, title: str) -> str:
    return f"{reference} {title}".lower()


@event.listens_for(Issue, "before_insert")
@event.listens_for(Issue, "before_update")
def _searchable(_mapper: object, _connection: object, issue: Issue) -> None:
    issue.search_text = search_text_of(issue.reference, issue.title)


class IssueOrganisation(SQLModel, table=True):
    __tablename__ = "issue_organisation"
    __table_args__ = (UniqueConstraint("issue_id", "organisation_id"),)

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    affected: bool = Field(default=False)
    """For a change notice: an organisation the planned change affects."""


class IssueTheme(SQLModel, table=True):
    __tablename__ = "issue_theme"
    __table_args__ = (UniqueConstraint("issue_id", "theme"),)

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    theme: str = Field(max_length=40, index=True)


class Evidence(SQLModel, table=True):
    """Facts and signals from the field behind an issue (seed 003: analyse jointly from facts)."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    description: str
    source: str = Field(default="")
    count: int | None = Field(default=None)


class IssueEvent(SQLModel, table=True):
    """One change to an issue: who, when, what, from and to. Never updated or deleted."""

    __tablename__ = "issue_event"
    __table_args__ = (
        # the collaboration's figures count one kind of event over a period
        Index("ix_issue_event_kind_at", "kind", "at"),
        # a forum's queue asks when each of its issues last arrived, from the index alone
        Index("ix_issue_event_arrivals", "to_forum_id", "issue_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    at: datetime = Field(default_factory=now, index=True)
    actor: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    from_forum_id: int | None = Field(default=None, foreign_key="forum.id")
    to_forum_id: int | None = Field(default=None, foreign_key="forum.id")
    """Indexed (ix_issue_event_arrivals): a forum's queue asks when each issue arrived."""
    reason: str = Field(default="")
    skipped_level: bool = Field(default=False)
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """{field: [from, to]} for every field the event changed."""


class ReferenceCounter(SQLModel, table=True):
    """The last reference number handed out per year."""

    __tablename__ = "reference_counter"

    year: int = Field(primary_key=True)
    last: int = Field(default=0)


class IssueFollower(SQLModel, table=True):
    """Someone who wants every change to an issue in their inbox."""

    __tablename__ = "issue_follower"
    __table_args__ = (UniqueConstraint("issue_id", "person"),)

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    person: str = Field(max_length=200, index=True)
    email: str = Field(default="", max_length=200)


class Notification(Versioned, table=True):
    """An entry in someone's inbox ("Att ta del av") until they acknowledge it.

    Addressed to a person (by name until sign-in arrives) or to a forum. Versioned: of several
    tabs acknowledging it at once, one does (and writes the one history event).
    """

    __tablename__ = "notification"

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    event_id: int = Field(foreign_key="issue_event.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    """feedback (the outcome, flowing back) or change (for followers)."""
    person: str | None = Field(default=None, max_length=200, index=True)
    forum_id: int | None = Field(default=None, foreign_key="forum.id", index=True)
    created_at: datetime = Field(default_factory=now)
    acknowledged_at: datetime | None = Field(default=None, index=True)
    acknowledged_by: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    """Where to mail it; empty for no mail."""
    emailed_at: datetime | None = Field(default=None)

    __table_args__ = (
        # an inbox's open entries: one search for the person, one for each forum
        Index("ix_notification_person_open", "person", "acknowledged_at"),
        Index("ix_notification_forum_open", "forum_id", "acknowledged_at"),
    )


class IssueLink(SQLModel, table=True):
    """Two issues about the same thing: related, or one merged into the other."""

    __tablename__ = "issue_link"
    __table_args__ = (UniqueConstraint("issue_id", "other_id"),)

    id: int | None = Field(default=None, primary_key=True)
    issue_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    other_id: int = Field(foreign_key="issue.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)


class IssuePath(SQLModel, table=True):
    """A forum the issue has been at (or, for a merged issue, one its originals came from).

    Who may read an issue follows from these rows, so lists filter on them in SQL.
    """

    __tablename__ = "issue_path"

    issue_id: int = Field(foreign_key="issue.id", primary_key=True, ondelete="CASCADE")
    forum_id: int = Field(foreign_key="forum.id", primary_key=True, index=True)
