"""Tables for effect follow-up: desired effects, their indicators, measured values, reviews,
what each effect rests on, and each effect's history."""

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.clock import now
from models.structure import Versioned


class Effect(Versioned, table=True):
    """An önskad effekt: what a forum agreed the collaboration should bring about."""

    __tablename__ = "effect"

    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, max_length=80, unique=True)
    """Set for effects the app ships (seed files find them again by it)."""
    statement: str = Field(max_length=300)
    description: str = Field(default="")
    forum_id: int = Field(foreign_key="forum.id", index=True)
    """The forum that agreed it."""
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    """The owner organisation."""
    review_cadence: str = Field(max_length=20, default="yearly")
    next_review_on: date | None = Field(default=None, index=True)
    source: str = Field(default="")
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=now)
    archived_at: datetime | None = Field(default=None)
    """Set when the strategic level no longer follows it up; kept, with its history."""
    is_demo: bool = Field(default=False)


class Indicator(Versioned, table=True):
    __tablename__ = "indicator"

    id: int | None = Field(default=None, primary_key=True)
    effect_id: int = Field(foreign_key="effect.id", index=True, ondelete="CASCADE")
    key: str | None = Field(default=None, max_length=80, unique=True)
    position: int = Field(default=0)
    name: str = Field(max_length=200)
    definition: str = Field(default="")
    unit: str = Field(default="", max_length=40)
    direction: str = Field(max_length=10, default="higher")
    baseline_value: float | None = Field(default=None)
    baseline_on: date | None = Field(default=None)
    target_value: float | None = Field(default=None)
    target_on: date | None = Field(default=None)
    source: str = Field(default="")
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    """The responsible organisation: its people record the measurements."""
    frequency: str = Field(max_length=20, default="yearly")
    computed: str | None = Field(default=None, max_length=40)
    """For the collaboration's own indicators: which figure the app computes from its issues
    (no hand entry)."""
    is_demo: bool = Field(default=False)


class Measurement(SQLModel, table=True):
    """One measured value. A correction adds a new row and marks this one replaced, so the
    earlier value stays in the indicator's history with who replaced it and why."""

    __tablename__ = "measurement"
    __table_args__ = (
        Index(
            "ux_measurement_current",
            "indicator_id",
            "measured_on",
            unique=True,
            sqlite_where=text("replaced_by_id IS NULL"),
            postgresql_where=text("replaced_by_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True, ondelete="CASCADE")
    measured_on: date
    value: float
    comment: str = Field(default="")
    source: str = Field(default="")
    recorded_by: str = Field(max_length=200)
    recorded_at: datetime = Field(default_factory=now)
    replaced_by_id: int | None = Field(default=None, foreign_key="measurement.id")
    replaced_at: datetime | None = Field(default=None)
    replaced_reason: str = Field(default="")
    is_demo: bool = Field(default=False)


class EffectLink(SQLModel, table=True):
    """What an effect rests on: an issue, an agreed action, or a meeting's decision."""

    __tablename__ = "effect_link"
    __table_args__ = (UniqueConstraint("effect_id", "kind", "target_id"),)

    id: int | None = Field(default=None, primary_key=True)
    effect_id: int = Field(foreign_key="effect.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    target_id: int = Field(index=True)
    """issue.id, agreed_action.id or item_decision.id, by `kind`."""
    linked_by: str = Field(default="", max_length=200)
    linked_at: datetime = Field(default_factory=now)


class EffectReview(SQLModel, table=True):
    """A strategic leader's assessment of an effect at one review."""

    __tablename__ = "effect_review"

    id: int | None = Field(default=None, primary_key=True)
    effect_id: int = Field(foreign_key="effect.id", index=True, ondelete="CASCADE")
    reviewed_on: date
    assessment: str = Field(max_length=20)
    comment: str = Field(default="")
    reviewer: str = Field(max_length=200)
    next_review_on: date | None = Field(default=None)
    created_at: datetime = Field(default_factory=now)


class EffectEvent(SQLModel, table=True):
    """One change to an effect, its indicators or their values. Never updated or deleted."""

    __tablename__ = "effect_event"

    id: int | None = Field(default=None, primary_key=True)
    effect_id: int = Field(foreign_key="effect.id", index=True, ondelete="CASCADE")
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id", index=True)
    at: datetime = Field(default_factory=now)
    actor: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    reason: str = Field(default="")
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
