"""Reviews: at each review a strategic leader assesses an effect and comments; the next review
date follows the effect's cadence, and an effect past it is overdue on the dashboard."""

import calendar
from datetime import date, timedelta

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session

from models import EffectReview
from models.vocabulary import Cadence, EffectEventKind, EffectStatus
from services.effects.effects import get_effect
from services.effects.errors import EffectRefusedError
from services.effects.history import record_effect_event
from services.permissions import Actor, can_follow_up_effects, require

REVIEW_MONTHS = {
    Cadence.MONTHLY: 1,
    Cadence.EVERY_OTHER_MONTH: 2,
    Cadence.QUARTERLY: 3,
    Cadence.TWICE_A_YEAR: 6,
    Cadence.YEARLY: 12,
}


def next_review(after: date, cadence: Cadence) -> date | None:
    """The date one cadence after a review; None for an effect reviewed as needed.

    >>> next_review(date(2025, 8, 31), Cadence.TWICE_A_YEAR)
    datetime.date(2026, 2, 28)
    """
    if cadence is Cadence.WEEKLY:
        return after + timedelta(days=7)
    months = REVIEW_MONTHS.get(cadence)
    if months is None:
        return None
    month = after.month - 1 + months
    year, month = after.year + month // 12, month % 12 + 1
    return date(year, month, min(after.day, calendar.monthrange(year, month)[1]))


def record_review(
    session: Session,
    *,
    effect_id: int,
    assessment: EffectStatus,
    comment: str,
    by: Actor,
    today: date,
    expected_version: int,
) -> EffectReview:
    require(can_follow_up_effects(by))
    effect = get_effect(session, effect_id)
    if effect.version != expected_version:
        raise EffectRefusedError("stale")
    if not comment.strip():
        raise EffectRefusedError("comment_required")
    following = next_review(today, Cadence(effect.review_cadence))
    review = EffectReview(
        effect_id=effect.id,
        reviewed_on=today,
        assessment=assessment.value,
        comment=comment.strip(),
        reviewer=by.name,
        next_review_on=following,
    )
    session.add(review)
    changes = {
        "next_review_on": [effect.next_review_on, following],
        "assessment": [None, assessment.value],
    }
    effect.next_review_on = following
    flag_modified(effect, "next_review_on")  # a new version even when the date stays the same,
    session.add(effect)  # so two leaders reviewing at once do not both pass
    record_effect_event(
        session,
        effect_id=effect.id,
        kind=EffectEventKind.REVIEWED,
        by=by,
        reason=comment.strip(),
        changes=changes,
    )
    return review
