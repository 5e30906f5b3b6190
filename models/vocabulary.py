"""The structure's vocabulary: pure enums shared by the tables, the seed files and the engine.

Stored as plain strings in the database so adding a value needs no schema change.
"""

from enum import StrEnum


class OrganisationKind(StrEnum):
    STATE_AGENCY = "state_agency"
    NATIONAL_PARTNER = "national_partner"
    REGION = "region"
    HEALTHCARE_REGION = "healthcare_region"
    """A sjukvårdsregion: several regions cooperating on specialised care."""
    MUNICIPALITY = "municipality"
    SAMORDNINGSFORBUND = "samordningsforbund"
    EMPLOYER = "employer"
    OCCUPATIONAL_HEALTH = "occupational_health"
    PATIENT_ORGANISATION = "patient_organisation"
    OTHER = "other"


class ForumLevel(StrEnum):
    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"
    OUTWARD = "outward"

    @property
    def rank(self) -> int:
        """Height in the escalation order: local is lowest, outward bodies highest."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {
    ForumLevel.LOCAL: 0,
    ForumLevel.REGIONAL: 1,
    ForumLevel.NATIONAL: 2,
    ForumLevel.OUTWARD: 3,
}


class ForumKind(StrEnum):
    STRATEGIC_GROUP = "strategic_group"
    COLLABORATION_GROUP = "collaboration_group"
    PREPARATORY_GROUP = "preparatory_group"
    STEERING_GROUP = "steering_group"
    OPERATIVE_GROUP = "operative_group"
    COMMITTEE = "committee"
    BOARD = "board"
    DEVELOPMENT_GROUP = "development_group"
    DIALOGUE = "dialogue"
    NETWORK = "network"
    COUNCIL = "council"
    OUTWARD_BODY = "outward_body"


class Tier(StrEnum):
    """The three tiers of a regional structure in seed 004 (Försäkringskassan Västmanland)."""

    STRATEGIC = "strategic"
    STRUCTURAL = "structural"
    INDIVIDUAL = "individual"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    EVERY_OTHER_MONTH = "every_other_month"
    QUARTERLY = "quarterly"
    TWICE_A_YEAR = "twice_a_year"
    YEARLY = "yearly"
    AS_NEEDED = "as_needed"


class LinkKind(StrEnum):
    ESCALATION = "escalation"
    DELEGATION = "delegation"
    PREPARATION = "preparation"


class Route(StrEnum):
    """How an issue travels along an escalation link (seed 003)."""

    JOINT_FORUM = "joint_forum"
    OWN_ORGANISATION = "own_organisation"


class MembershipRole(StrEnum):
    CHAIR = "chair"
    MEMBER = "member"
    ADJUNCT = "adjunct"


class IssueKind(StrEnum):
    CHALLENGE = "challenge"
    CHANGE_NOTICE = "change_notice"
    GOOD_EXAMPLE = "good_example"
    KNOWLEDGE_NEED = "knowledge_need"


class IssueStatus(StrEnum):
    NEW = "new"
    IN_PREPARATION = "in_preparation"
    ON_AGENDA = "on_agenda"
    BEING_HANDLED = "being_handled"
    ESCALATED = "escalated"
    DELEGATED = "delegated"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Sharing(StrEnum):
    """Whether an issue may be shared outside the forums involved."""

    FORUMS_ONLY = "forums_only"
    SHAREABLE = "shareable"


class Theme(StrEnum):
    MEDICAL_CERTIFICATES = "medical_certificates"
    RETURN_TO_WORK_PLANS = "return_to_work_plans"
    MENTAL_ILL_HEALTH = "mental_ill_health"
    INFORMATION_EXCHANGE = "information_exchange"
    COORDINATION = "coordination"
    WORKPLACE_REHABILITATION = "workplace_rehabilitation"
    COMPETENCE = "competence"
    OTHER = "other"


class EventKind(StrEnum):
    RAISED = "raised"
    EDITED = "edited"
    STATUS = "status"
    ESCALATED = "escalated"
    DELEGATED = "delegated"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"
    COMMENTED = "commented"
    LINKED = "linked"
    MERGED = "merged"
    AGENDA = "agenda"
    """Put on (or taken off) a meeting's agenda; `changes` names the meeting."""
    SENT_BACK = "sent_back"
    """The preparatory group sent it back down with a reason."""
    ACKNOWLEDGED = "acknowledged"
    """Feedback on it was acknowledged (by whom is the event's actor)."""


class IssueLinkKind(StrEnum):
    RELATED = "related"
    MERGED_INTO = "merged_into"


class Role(StrEnum):
    """What a user may do; most roles are held per forum (issue 5)."""

    COLLABORATION_OFFICER = "collaboration_officer"
    """Samverkansansvarig: logs and follows issues for their organisation's forums."""
    CHAIR = "chair"
    SECRETARY = "secretary"
    STRATEGIC_LEADER = "strategic_leader"
    ADMINISTRATOR = "administrator"
    READER = "reader"


class MeetingStatus(StrEnum):
    """planned → published (kallelse sent) → held → approved (protokollet justerat)."""

    PLANNED = "planned"
    PUBLISHED = "published"
    HELD = "held"
    APPROVED = "approved"


class ItemKind(StrEnum):
    ISSUE = "issue"
    STANDING = "standing"
    """From the forum's template: opening, previous minutes, news from the parties…"""
    ACTIONS = "actions"
    """Follow-up of agreed actions falling due."""
    FREE = "free"


class DecisionKind(StrEnum):
    RESOLVED = "resolved"
    LIFTED = "lifted"
    DELEGATED = "delegated"
    ACTIONS = "actions"
    CARRIED_OVER = "carried_over"
    NOTED = "noted"
    """Noted, no action; the reason is said."""


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class MeetingEventKind(StrEnum):
    PLANNED = "planned"
    EDITED = "edited"
    PUBLISHED = "published"
    HELD = "held"
    APPROVED = "approved"
    REOPENED = "reopened"
    CANCELLED = "cancelled"


class Direction(StrEnum):
    """Which way an indicator should move."""

    HIGHER = "higher"
    LOWER = "lower"


class EffectStatus(StrEnum):
    """Worst first: the order an effect's status rolls up in."""

    OFF_TRACK = "off_track"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"
    NO_DATA = "no_data"
    """No recent measurements, or too few for a trend."""


class EffectLinkKind(StrEnum):
    ISSUE = "issue"
    ACTION = "action"
    DECISION = "decision"


class EffectEventKind(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    INDICATOR_ADDED = "indicator_added"
    INDICATOR_EDITED = "indicator_edited"
    MEASURED = "measured"
    CORRECTED = "corrected"
    IMPORTED = "imported"
    LINKED = "linked"
    UNLINKED = "unlinked"
    REVIEWED = "reviewed"
    ARCHIVED = "archived"
