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
