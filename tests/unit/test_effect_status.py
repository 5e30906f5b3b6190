"""The status rule on rising, falling, flat, sparse, noisy and missing series, both directions."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.vocabulary import Cadence, Direction, EffectStatus
from services.effects.status import Goal, Point, assess, roll_up

TODAY = date(2025, 6, 1)
YEARS = [2020, 2021, 2022, 2023, 2024]


def yearly(*values: float | None) -> list[Point]:
    return [Point(date(y, 12, 31), v) for y, v in zip(YEARS, values, strict=False) if v is not None]


def target(value: float, year: int = 2026) -> Point:
    return Point(date(year, 12, 31), value)


@pytest.mark.parametrize(
    ("values", "goal_value", "status", "reason"),
    [
        ((10, 20, 30, 40, 50), 70, EffectStatus.ON_TRACK, "on_pace"),
        ((10, 20, 30, 40, 50), 74, EffectStatus.AT_RISK, "short_of_target"),
        ((10, 20, 30, 40, 50), 120, EffectStatus.OFF_TRACK, "far_from_target"),
        ((50, 50, 50, 50, 50), 80, EffectStatus.OFF_TRACK, "far_from_target"),
        ((50, 40, 30, 20, 10), 80, EffectStatus.OFF_TRACK, "far_from_target"),
        ((10, 20, 30, 40, 90), 80, EffectStatus.ON_TRACK, "target_reached"),
    ],
)
def test_rising_flat_and_falling_series_against_a_higher_target(values, goal_value, status, reason):
    a = assess(yearly(*values), Goal(Direction.HIGHER, target=target(goal_value)), today=TODAY)
    assert (a.status, a.reason) == (status, reason)


def test_the_projection_is_the_trend_at_the_target_date_and_says_how_much_of_the_way():
    a = assess(yearly(10, 20, 30, 40, 50), Goal(Direction.HIGHER, target=target(100)), today=TODAY)
    assert a.projected.on == date(2026, 12, 31)
    assert a.projected.value == pytest.approx(70, abs=0.2)
    assert a.per_year == pytest.approx(10, abs=0.05)
    assert a.share == pytest.approx(60 / 90, abs=0.01)


def test_lower_is_better_mirrors_higher_is_better():
    falling = yearly(100, 90, 80, 70, 60)
    on = assess(falling, Goal(Direction.LOWER, target=target(45)), today=TODAY)
    off = assess(falling, Goal(Direction.LOWER, target=target(10)), today=TODAY)
    wrong_way = assess(
        yearly(60, 70, 80, 90, 100), Goal(Direction.LOWER, target=target(45)), today=TODAY
    )
    assert on.status is EffectStatus.ON_TRACK
    assert off.status is EffectStatus.OFF_TRACK
    assert wrong_way.status is EffectStatus.OFF_TRACK


def test_one_odd_year_does_not_drag_the_robust_trend():
    noisy = yearly(10, 20, 300, 40, 50)  # a registration error in 2022
    a = assess(noisy, Goal(Direction.HIGHER, target=target(70)), today=TODAY)
    assert a.per_year == pytest.approx(10, abs=0.5)
    assert a.status is EffectStatus.ON_TRACK


@pytest.mark.parametrize(
    ("values", "status", "reason"),
    [
        ((10, 12, 14, 16, 18), EffectStatus.ON_TRACK, "improving"),
        ((18, 16, 14, 12, 10), EffectStatus.OFF_TRACK, "worsening"),
        ((50, 50, 50, 50, 50), EffectStatus.AT_RISK, "flat"),
        ((10, 30, 5, 35, 12), EffectStatus.AT_RISK, "unclear"),
    ],
)
def test_without_a_target_the_direction_of_the_trend_decides(values, status, reason):
    a = assess(yearly(*values), Goal(Direction.HIGHER), today=TODAY)
    assert (a.status, a.reason) == (status, reason)
    mirrored = assess(yearly(*values[::-1]), Goal(Direction.LOWER), today=TODAY)
    assert mirrored.status is status


def test_flat_at_zero_where_lower_is_better_cannot_improve():
    a = assess(yearly(0, 0, 0, 0, 0), Goal(Direction.LOWER), today=TODAY)
    assert (a.status, a.reason) == (EffectStatus.ON_TRACK, "at_best")
    b = assess(yearly(0, 0, 0, 0, 0), Goal(Direction.HIGHER), today=TODAY)
    assert (b.status, b.reason) == (EffectStatus.AT_RISK, "flat")


def test_sparse_series_no_value_one_value_and_two_values():
    goal = Goal(Direction.HIGHER, target=target(100))
    assert assess([], goal, today=TODAY).reason == "no_values"
    assert assess(yearly(None, None, None, None, 50), goal, today=TODAY).reason == "one_value"
    two = assess(yearly(None, None, None, 40, 50), goal, today=TODAY)
    assert two.status is EffectStatus.OFF_TRACK and two.projected.value == pytest.approx(70, 0.5)


def test_a_baseline_counts_as_the_first_point_of_the_trend():
    goal = Goal(
        Direction.HIGHER, baseline=Point(date(2020, 12, 31), 14_200), target=target(75_000, 2026)
    )
    a = assess([Point(date(2024, 12, 31), 57_600)], goal, today=TODAY)
    assert a.start.value == 14_200
    assert a.projected.value == pytest.approx(14_200 + 43_400 / 4 * 6, rel=0.01)
    assert a.status is EffectStatus.ON_TRACK


def test_missing_values_are_left_out_and_old_values_are_not_recent():
    gaps = [
        Point(date(2023, 12, 31), float("nan")),
        *yearly(None, None, None, None, 50),
        Point(date(2022, 12, 31), 30),
    ]
    a = assess(gaps, Goal(Direction.HIGHER), today=TODAY)
    assert a.status is EffectStatus.ON_TRACK and a.per_year == pytest.approx(10, abs=0.1)
    old = assess(yearly(10, 20), Goal(Direction.HIGHER, frequency=Cadence.YEARLY), today=TODAY)
    assert (old.status, old.reason) == (EffectStatus.NO_DATA, "not_recent")
    assert old.stale_since == date(2024, 1, 2)  # two reporting periods after the last value
    monthly = assess(
        yearly(None, None, None, None, 50),
        Goal(Direction.HIGHER, frequency=Cadence.MONTHLY),
        today=TODAY,
    )
    assert monthly.reason == "not_recent"


def test_a_target_date_passed_without_the_target_is_off_track():
    a = assess(
        yearly(10, 20, 30), Goal(Direction.HIGHER, target=target(50, 2022)), today=date(2023, 6, 1)
    )
    assert (a.status, a.reason) == (EffectStatus.OFF_TRACK, "target_missed")


def test_an_effect_is_as_far_off_as_its_worst_indicator_and_missing_data_counts():
    assert roll_up([EffectStatus.ON_TRACK, EffectStatus.NO_DATA]) is EffectStatus.NO_DATA
    assert roll_up([EffectStatus.ON_TRACK] + [EffectStatus.NO_DATA] * 5) is EffectStatus.NO_DATA
    assert roll_up([EffectStatus.NO_DATA, EffectStatus.AT_RISK]) is EffectStatus.AT_RISK
    assert roll_up([EffectStatus.ON_TRACK] * 3) is EffectStatus.ON_TRACK
    assert (
        roll_up([EffectStatus.ON_TRACK, EffectStatus.AT_RISK, EffectStatus.OFF_TRACK])
        is EffectStatus.OFF_TRACK
    )
    assert roll_up([EffectStatus.NO_DATA]) is EffectStatus.NO_DATA
    assert roll_up([]) is EffectStatus.NO_DATA


@given(
    st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=5),
    st.floats(-1e6, 1e6),
    st.sampled_from(list(Direction)),
)
def test_the_directions_mirror_each_other_for_any_series(values, goal_value, direction):
    """Negating every number and the direction gives the same status."""
    other = Direction.LOWER if direction is Direction.HIGHER else Direction.HIGHER
    a = assess(yearly(*values), Goal(direction, target=target(goal_value)), today=TODAY)
    b = assess(yearly(*[-v for v in values]), Goal(other, target=target(-goal_value)), today=TODAY)
    assert a.status is b.status
