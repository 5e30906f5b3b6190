"""Effects and their indicators: what a forum agreed should come of the collaboration, and how
it will be seen. Managed by the strategic level; every change is an event in the effect's history.
"""

import math
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from models import Effect, Forum, Indicator, Organisation
from models.refusals import InvalidInputError
from models.vocabulary import Cadence, Direction, EffectEventKind
from services.effects.errors import EffectRefusedError
from services.effects.history import record_effect_event
from services.numbers import in_range
from services.permissions import Actor, can_follow_up_effects, require
from services.personal_data import check_free_text
from services.structure.keys import ids_by_key, key_of, optional_id

STATEMENT_MAX = 200
NAME_MAX = 200


@dataclass(frozen=True)
class EffectInput:
    statement: str
    forum: str
    """The key of the forum that agreed the effect."""
    organisation: str | None = None
    review_cadence: Cadence = Cadence.YEARLY
    description: str = ""
    source: str = ""
    next_review_on: date | None = None


@dataclass(frozen=True)
class IndicatorInput:
    name: str
    direction: Direction
    definition: str = ""
    unit: str = ""
    baseline_value: float | None = None
    baseline_on: date | None = None
    target_value: float | None = None
    target_on: date | None = None
    source: str = ""
    organisation: str | None = None
    frequency: Cadence = Cadence.YEARLY


def _check_effect(data: EffectInput) -> None:
    problems = []
    if not data.statement.strip():
        problems.append(("statement", "required"))
    elif len(data.statement.strip()) > STATEMENT_MAX:
        problems.append(("statement", "too_long"))
    if problems:
        raise InvalidInputError(problems)


def _check_indicator(data: IndicatorInput) -> None:
    problems = []
    if not data.name.strip():
        problems.append(("indicator_name", "required"))
    elif len(data.name.strip()) > NAME_MAX:
        problems.append(("indicator_name", "too_long"))
    for name, value, on in (
        ("baseline", data.baseline_value, data.baseline_on),
        ("target", data.target_value, data.target_on),
    ):
        if (value is None) != (on is None):
            problems.append((name, "value_and_date"))
        elif value is not None and not math.isfinite(value):
            problems.append((name, "not_a_number"))
        elif value is not None and not in_range(value, data.unit):
            problems.append((name, "out_of_range"))
    if data.baseline_on and data.target_on and data.target_on <= data.baseline_on:
        problems.append(("target", "after_baseline"))
    if problems:
        raise InvalidInputError(problems)
    check_free_text(
        {
            "indicator_name": data.name,
            "definition": data.definition,
            "source": data.source,
            "unit": data.unit,
        }
    )


def _effect_fields(session: Session, data: EffectInput) -> dict:
    return {
        "statement": data.statement.strip(),
        "description": data.description.strip(),
        "forum_id": ids_by_key(session, Forum, [data.forum], EffectRefusedError)[data.forum],
        "organisation_id": optional_id(
            session, Organisation, data.organisation, EffectRefusedError
        ),
        "review_cadence": data.review_cadence.value,
        "source": data.source.strip(),
        "next_review_on": data.next_review_on,
    }


def _indicator_fields(session: Session, data: IndicatorInput) -> dict:
    fields = asdict(data)
    fields["name"] = data.name.strip()
    fields["direction"] = data.direction.value
    fields["frequency"] = data.frequency.value
    fields["organisation_id"] = optional_id(
        session, Organisation, fields.pop("organisation"), EffectRefusedError
    )
    return fields


def get_effect(session: Session, effect_id: int) -> Effect:
    effect = session.get(Effect, effect_id)
    if effect is None:
        raise EffectRefusedError("unknown_effect", {"effect": str(effect_id)})
    return effect


def get_indicator(session: Session, indicator_id: int) -> Indicator:
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise EffectRefusedError("unknown_indicator", {"indicator": str(indicator_id)})
    return indicator


def create_effect(
    session: Session, *, data: EffectInput, by: Actor, key: str | None = None, demo: bool = False
) -> Effect:
    require(can_follow_up_effects(by))
    _check_effect(data)
    effect = Effect(**_effect_fields(session, data), key=key, created_by=by.name, is_demo=demo)
    session.add(effect)
    session.flush()
    record_effect_event(
        session,
        effect_id=effect.id,
        kind=EffectEventKind.CREATED,
        by=by,
        changes={"statement": [None, effect.statement]},
    )
    return effect


def edit_effect(
    session: Session, *, effect_id: int, data: EffectInput, by: Actor, expected_version: int
) -> Effect:
    require(can_follow_up_effects(by))
    effect = get_effect(session, effect_id)
    _stale_unless(effect.version, expected_version)
    _check_effect(data)
    _change(
        session,
        effect,
        _effect_fields(session, data),
        EffectEventKind.EDITED,
        by,
        effect_id=effect.id,
    )
    return effect


def archive_effect(
    session: Session, *, effect_id: int, reason: str, by: Actor, expected_version: int
) -> Effect:
    """No longer followed up: off the dashboard, the report and the agendas, kept with its
    values and history (its page still opens by its link)."""
    require(can_follow_up_effects(by))
    effect = get_effect(session, effect_id)
    _stale_unless(effect.version, expected_version)
    if effect.archived_at is not None:
        raise EffectRefusedError("archived")
    if not reason.strip():
        raise EffectRefusedError("reason_required_archive")
    effect.archived_at = datetime.now(UTC)
    session.add(effect)
    record_effect_event(
        session, effect_id=effect.id, kind=EffectEventKind.ARCHIVED, by=by, reason=reason.strip()
    )
    return effect


def add_indicator(
    session: Session,
    *,
    effect_id: int,
    data: IndicatorInput,
    by: Actor,
    key: str | None = None,
    computed: str | None = None,
    demo: bool = False,
) -> Indicator:
    require(can_follow_up_effects(by))
    effect = get_effect(session, effect_id)
    _check_indicator(data)
    count = len(session.exec(select(Indicator.id).where(Indicator.effect_id == effect.id)).all())
    indicator = Indicator(
        effect_id=effect.id,
        position=count + 1,
        key=key,
        computed=computed,
        is_demo=demo,
        **_indicator_fields(session, data),
    )
    session.add(indicator)
    session.flush()
    record_effect_event(
        session,
        effect_id=effect.id,
        indicator_id=indicator.id,
        kind=EffectEventKind.INDICATOR_ADDED,
        by=by,
        changes={"name": [None, indicator.name]},
    )
    return indicator


def edit_indicator(
    session: Session, *, indicator_id: int, data: IndicatorInput, by: Actor, expected_version: int
) -> Indicator:
    require(can_follow_up_effects(by))
    indicator = get_indicator(session, indicator_id)
    _stale_unless(indicator.version, expected_version)
    _check_indicator(data)
    _change(
        session,
        indicator,
        _indicator_fields(session, data),
        EffectEventKind.INDICATOR_EDITED,
        by,
        effect_id=indicator.effect_id,
        indicator_id=indicator.id,
    )
    return indicator


def indicator_organisation(session: Session, indicator: Indicator) -> str | None:
    return (
        key_of(session, Organisation, indicator.organisation_id)
        if indicator.organisation_id
        else None
    )


def _stale_unless(current: int, expected: int) -> None:
    if current != expected:
        raise EffectRefusedError("stale")


def _change(
    session: Session,
    row: Effect | Indicator,
    fields: dict,
    kind: EffectEventKind,
    by: Actor,
    *,
    effect_id: int,
    indicator_id: int | None = None,
) -> None:
    """Set the fields; the changed ones, as {field: [from, to]}, go in the history."""
    changes = {}
    for name, value in fields.items():
        if getattr(row, name) != value:
            changes[name] = [getattr(row, name), value]
            setattr(row, name, value)
    if changes:
        session.add(row)
        record_effect_event(
            session,
            effect_id=effect_id,
            indicator_id=indicator_id,
            kind=kind,
            by=by,
            changes=changes,
        )
