"""Measured values of an indicator: recorded by the responsible organisation (or the strategic
level), one current value per date; a correction keeps the earlier value, who replaced it, and why.
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from models import Measurement
from models.vocabulary import EffectEventKind
from services.effects.effects import get_indicator, indicator_organisation
from services.effects.errors import EffectRefusedError, add_or_refuse
from services.effects.history import record_effect_event
from services.numbers import in_range, unit_range
from services.permissions import Actor, can_read_effects, can_record_measurement, require
from services.personal_data import check_free_text


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    measured_on: date
    value: float
    comment: str
    source: str
    recorded_by: str
    recorded_at: datetime
    replaced: bool
    replaced_at: datetime | None
    replaced_reason: str


def record_measurement(
    session: Session,
    *,
    indicator_id: int,
    measured_on: date,
    value: float,
    by: Actor,
    today: date,
    comment: str = "",
    source: str = "",
    demo: bool = False,
) -> Measurement:
    indicator = get_indicator(session, indicator_id)
    require(can_record_measurement(by, indicator_organisation(session, indicator)))
    if indicator.computed:
        raise EffectRefusedError("computed")
    _check_value(value, measured_on, today, indicator.unit)
    if _current(session, indicator_id, measured_on) is not None:
        raise EffectRefusedError("already_measured", {"date": measured_on.isoformat()})
    row = Measurement(
        indicator_id=indicator_id,
        measured_on=measured_on,
        value=float(value),
        comment=comment.strip(),
        source=source.strip(),
        recorded_by=by.name,
        is_demo=demo,
    )
    add_or_refuse(
        session, row, EffectRefusedError("already_measured", {"date": measured_on.isoformat()})
    )
    record_effect_event(
        session,
        effect_id=indicator.effect_id,
        indicator_id=indicator_id,
        kind=EffectEventKind.MEASURED,
        by=by,
        changes={"value": [None, row.value], "measured_on": measured_on},
    )
    return row


def correct_measurement(
    session: Session, *, measurement_id: int, value: float, reason: str, by: Actor, today: date
) -> Measurement:
    """Replace a value; the old one stays, marked replaced, with who and why."""
    old = session.exec(
        select(Measurement).where(Measurement.id == measurement_id).with_for_update()
    ).first()
    if old is None:
        raise EffectRefusedError("unknown_measurement")
    indicator = get_indicator(session, old.indicator_id)
    require(can_record_measurement(by, indicator_organisation(session, indicator)))
    if old.replaced_by_id is not None:
        raise EffectRefusedError("already_corrected")
    if not reason.strip():
        raise EffectRefusedError("reason_required")
    _check_value(value, old.measured_on, today, indicator.unit)
    check_free_text({"reason": reason})
    old.replaced_at, old.replaced_reason = datetime.now(UTC), reason.strip()
    old.replaced_by_id = old.id  # no longer current, so the new row may hold the date
    session.add(old)
    session.flush()
    new = Measurement(
        indicator_id=old.indicator_id,
        measured_on=old.measured_on,
        value=float(value),
        comment=old.comment,
        source=old.source,
        recorded_by=by.name,
        is_demo=old.is_demo,
    )
    session.add(new)
    session.flush()
    old.replaced_by_id = new.id
    session.add(old)
    record_effect_event(
        session,
        effect_id=indicator.effect_id,
        indicator_id=indicator.id,
        kind=EffectEventKind.CORRECTED,
        by=by,
        reason=reason.strip(),
        changes={"value": [old.value, new.value], "measured_on": old.measured_on},
    )
    return new


def measurement_history(
    session: Session, *, indicator_id: int, by: Actor | None
) -> list[MeasurementRow]:
    """Every value ever recorded, current and replaced, newest date first."""
    require(can_read_effects(by))
    rows = session.exec(
        select(Measurement)
        .where(Measurement.indicator_id == indicator_id)
        .order_by(Measurement.measured_on.desc(), Measurement.id.desc())
    )
    return [
        MeasurementRow(
            m.id,
            m.measured_on,
            m.value,
            m.comment,
            m.source,
            m.recorded_by,
            m.recorded_at,
            m.replaced_by_id is not None,
            m.replaced_at,
            m.replaced_reason,
        )
        for m in rows
    ]


def _current(session: Session, indicator_id: int, on: date) -> Measurement | None:
    return session.exec(
        select(Measurement).where(
            Measurement.indicator_id == indicator_id,
            Measurement.measured_on == on,
            Measurement.replaced_by_id.is_(None),
        )
    ).first()


def _check_value(value: float, measured_on: date, today: date, unit: str) -> None:
    if value is None or not math.isfinite(value):
        raise EffectRefusedError("not_a_number")
    check_range(value, unit)
    if measured_on > today:
        raise EffectRefusedError("future_date", {"date": measured_on.isoformat()})


def check_range(value: float, unit: str) -> None:
    """A share in per cent lies from 0 to 100 (services.numbers.unit_range)."""
    if not in_range(value, unit):
        low, high = unit_range(unit)
        raise EffectRefusedError(
            "out_of_range", {"low": f"{low:g}", "high": f"{high:g}", "unit": unit.strip()}
        )
