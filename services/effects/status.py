"""Is an indicator on track? The trend of its values, projected to the target date.

Pure: numbers in, an assessment out. The trend is a Theil–Sen line (SciPy), which a single
odd year cannot drag, fitted to the baseline and the measured values. The rule, as the page
and the report say it:

- No values, or none recent enough for the indicator's reporting frequency: no data.
- With a target: reached already, on track; the target date passed without it, off track;
  otherwise the trend line at the target date — on track if it reaches the target, at risk
  if it covers at least 80 % of the way from the starting value, off track if less.
- Without a target (the indicator only says which way it should go): on track when the trend
  clearly goes the right way, off track when it clearly goes the wrong way, at risk when it is
  flat or unclear (its 90 % confidence band for the slope holds both directions); a flat
  trend at zero where lower is better is on track (it cannot get better).

>>> from datetime import date
>>> goal = Goal(Direction.HIGHER, target=Point(date(2026, 12, 31), 56_000))
>>> values = [Point(date(2022, 12, 31), 30_000), Point(date(2023, 12, 31), 36_000),
...           Point(date(2024, 12, 31), 42_000)]
>>> a = assess(values, goal, today=date(2025, 6, 1))
>>> a.status.value, a.reason, round(a.projected.value, -2)
('at_risk', 'short_of_target', 54000.0)
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from scipy.stats import theilslopes

from models.vocabulary import Cadence, Direction, EffectStatus

DAYS_PER_YEAR = 365.25
AT_RISK_SHARE = 0.8
"""The share of the needed change a projection must cover to be at risk rather than off track."""
FLAT_SHARE_PER_YEAR = 0.01
"""A trend moving less than 1 % of the typical value a year is flat."""
CONFIDENCE = 0.90

REPORTING_DAYS = {
    Cadence.WEEKLY: 7,
    Cadence.MONTHLY: 31,
    Cadence.EVERY_OTHER_MONTH: 61,
    Cadence.QUARTERLY: 92,
    Cadence.TWICE_A_YEAR: 183,
    Cadence.YEARLY: 366,
}
"""How often values are expected; a value older than two periods is no longer recent."""


@dataclass(frozen=True)
class Point:
    on: date
    value: float


@dataclass(frozen=True)
class Goal:
    direction: Direction
    baseline: Point | None = None
    target: Point | None = None
    frequency: Cadence = Cadence.YEARLY


@dataclass(frozen=True)
class Assessment:
    status: EffectStatus
    reason: str
    """The rule that decided, as a code the page and the report put in words."""
    latest: Point | None = None
    projected: Point | None = None
    """The trend line's value at the target date."""
    start: Point | None = None
    """Where the trend is drawn from (the first value, or the baseline)."""
    per_year: float | None = None
    """The trend's change per year."""
    target: Point | None = None
    share: float | None = None
    """The share of the needed change the projection covers."""
    stale_since: date | None = None
    """When the latest value stopped being recent."""


def better(direction: Direction, a: float, b: float) -> bool:
    """Is a at least as good as b?"""
    return a >= b if direction is Direction.HIGHER else a <= b


def series(values: Iterable[Point], baseline: Point | None) -> list[Point]:
    """The points the trend is fitted to: the baseline (if earlier than every value), then the
    values in date order, missing values (NaN) left out."""
    points = sorted(
        (p for p in values if p.value is not None and math.isfinite(p.value)), key=lambda p: p.on
    )
    if (
        baseline is not None
        and math.isfinite(baseline.value)
        and (not points or baseline.on < points[0].on)
    ):
        points.insert(0, baseline)
    return points


def assess(values: Sequence[Point], goal: Goal, *, today: date) -> Assessment:
    measured = series(values, None)
    if not measured:
        return Assessment(EffectStatus.NO_DATA, "no_values", target=goal.target)
    latest = measured[-1]
    period = REPORTING_DAYS.get(goal.frequency)
    if period is not None and (today - latest.on).days > 2 * period:
        return Assessment(
            EffectStatus.NO_DATA,
            "not_recent",
            latest=latest,
            target=goal.target,
            stale_since=latest.on + timedelta(days=2 * period),
        )
    points = series(values, goal.baseline)
    target = goal.target
    if target is not None and better(goal.direction, latest.value, target.value):
        return Assessment(
            EffectStatus.ON_TRACK, "target_reached", latest=latest, target=target, start=points[0]
        )
    if target is not None and target.on <= latest.on:
        return Assessment(
            EffectStatus.OFF_TRACK, "target_missed", latest=latest, target=target, start=points[0]
        )
    if len({p.on for p in points}) < 2:
        return Assessment(EffectStatus.NO_DATA, "one_value", latest=latest, target=target)
    slope, intercept, low, high = _fit(points)
    per_year = slope * DAYS_PER_YEAR
    if target is not None:
        return _against_target(points, goal.direction, target, slope, intercept, per_year, latest)
    return _by_direction(
        points, goal.direction, per_year, low * DAYS_PER_YEAR, high * DAYS_PER_YEAR, latest
    )


def _fit(points: Sequence[Point]) -> tuple[float, float, float, float]:
    """Theil–Sen over days since the first point: slope and intercept a day, and the slope's
    confidence band."""
    x = tuple((p.on - points[0].on).days for p in points)
    return _theil_sen(tuple(p.value for p in points), x)


@lru_cache(maxsize=4096)
def _theil_sen(y: tuple[float, ...], x: tuple[int, ...]) -> tuple[float, float, float, float]:
    """Remembered: every rerun of the dashboard assesses every indicator again, with the same
    values until one is recorded (scipy's fit is most of an assessment's time)."""
    slope, intercept, low, high = theilslopes(y, x, alpha=CONFIDENCE)
    return float(slope), float(intercept), float(low), float(high)


def _against_target(
    points: Sequence[Point],
    direction: Direction,
    target: Point,
    slope: float,
    intercept: float,
    per_year: float,
    latest: Point,
) -> Assessment:
    projected = Point(target.on, intercept + slope * (target.on - points[0].on).days)
    start = points[0]
    needed = target.value - start.value
    share = (projected.value - start.value) / needed if needed else 1.0
    if better(direction, projected.value, target.value):
        status, reason = EffectStatus.ON_TRACK, "on_pace"
    elif share >= AT_RISK_SHARE:
        status, reason = EffectStatus.AT_RISK, "short_of_target"
    else:
        status, reason = EffectStatus.OFF_TRACK, "far_from_target"
    return Assessment(
        status,
        reason,
        latest=latest,
        projected=projected,
        start=start,
        per_year=per_year,
        target=target,
        share=share,
    )


def _by_direction(
    points: Sequence[Point],
    direction: Direction,
    per_year: float,
    low: float,
    high: float,
    latest: Point,
) -> Assessment:
    typical = sorted(abs(p.value) for p in points)[len(points) // 2]
    sign = 1 if direction is Direction.HIGHER else -1
    if abs(per_year) <= FLAT_SHARE_PER_YEAR * typical:
        at_best = direction is Direction.LOWER and latest.value <= 0
        status, reason = (
            (EffectStatus.ON_TRACK, "at_best") if at_best else (EffectStatus.AT_RISK, "flat")
        )
    elif min(sign * low, sign * high) > 0:
        status, reason = EffectStatus.ON_TRACK, "improving"
    elif max(sign * low, sign * high) < 0:
        status, reason = EffectStatus.OFF_TRACK, "worsening"
    else:
        status, reason = EffectStatus.AT_RISK, "unclear"
    return Assessment(status, reason, latest=latest, start=points[0], per_year=per_year)


ROLL_UP_ORDER = (
    EffectStatus.OFF_TRACK,
    EffectStatus.AT_RISK,
    EffectStatus.NO_DATA,
    EffectStatus.ON_TRACK,
)
"""Worst first. An indicator without recent data counts against the effect: an effect is on
track only when every indicator is seen to be."""


def roll_up(statuses: Iterable[EffectStatus]) -> EffectStatus:
    """An effect takes its worst indicator's status (ROLL_UP_ORDER); with none, no data.

    >>> roll_up([EffectStatus.ON_TRACK, EffectStatus.NO_DATA, EffectStatus.NO_DATA]).value
    'no_data'
    >>> roll_up([EffectStatus.NO_DATA, EffectStatus.AT_RISK]).value
    'at_risk'
    """
    seen = set(statuses)
    return next((s for s in ROLL_UP_ORDER if s in seen), EffectStatus.NO_DATA)
