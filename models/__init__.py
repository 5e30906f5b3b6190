"""SQLModel tables, the engine factory and the unit of work.

Importing this package registers every table on `SQLModel.metadata` (Alembic reads it).
"""

from models import stored_text  # noqa: F401 - registers the flush hook
from models.accounts import AccessibilityReport, RoleGrant, SigninFailure, SigninSession, User
from models.audit import AuditEntry
from models.db import make_engine, unit_of_work
from models.effects import (
    Effect,
    EffectEvent,
    EffectLink,
    EffectReview,
    Indicator,
    Measurement,
)
from models.issues import (
    Evidence,
    Issue,
    IssueEvent,
    IssueFollower,
    IssueLink,
    IssueOrganisation,
    IssuePath,
    IssueTheme,
    Notification,
    ReferenceCounter,
)
from models.meetings import (
    AgendaItem,
    AgreedAction,
    ForumSchedule,
    ItemDecision,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
)
from models.similarity import GlossaryTerm, IssueVector, SimilarChoice
from models.structure import (
    Forum,
    ForumLink,
    ForumMembership,
    Organisation,
    StructureRevision,
)

__all__ = [
    "AccessibilityReport",
    "AgendaItem",
    "AgreedAction",
    "ForumSchedule",
    "GlossaryTerm",
    "ItemDecision",
    "Meeting",
    "MeetingEvent",
    "MeetingParticipant",
    "AuditEntry",
    "Effect",
    "EffectEvent",
    "EffectLink",
    "EffectReview",
    "Indicator",
    "Measurement",
    "Evidence",
    "Issue",
    "IssueEvent",
    "IssueFollower",
    "IssueLink",
    "IssueOrganisation",
    "IssuePath",
    "IssueTheme",
    "IssueVector",
    "Notification",
    "ReferenceCounter",
    "SimilarChoice",
    "RoleGrant",
    "SigninFailure",
    "SigninSession",
    "Forum",
    "ForumLink",
    "ForumMembership",
    "Organisation",
    "StructureRevision",
    "User",
    "make_engine",
    "unit_of_work",
]
