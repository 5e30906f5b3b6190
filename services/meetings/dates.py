"""Meeting dates as rules: a forum's year from its cadence (årshjul), the submission cut-off,
and when an issue can next be on a table, one forum after another up the escalation order.

Pure: dates and plain values in, dates out. Times are Swedish local time (Europe/Stockholm);
the database stores UTC.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from models.clock import STOCKHOLM
from models.vocabulary import Cadence

WEDNESDAY = 2
MONTHS: dict[Cadence, tuple[int, ...]] = {
    Cadence.WEEKLY: (),
    Cadence.MONTHLY: (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12),
    Cadence.EVERY_OTHER_MONTH: (2, 4, 6, 9, 11),
    Cadence.QUARTERLY: (3, 6, 9, 12),
    Cadence.TWICE_A_YEAR: (4, 10),
    Cadence.YEARLY: (10,),
    Cadence.AS_NEEDED: (),
}
"""The months a forum of each cadence meets; July is the summer break."""
DEFAULT_MINUTES: dict[Cadence, int] = {Cadence.WEEKLY: 60, Cadence.MONTHLY: 120}
"""Meeting length; forums that meet less often meet for three hours."""
PROJECTION_YEARS = 2


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    """Aware, in Europe/Stockholm."""
    ends_at: datetime


def nth_weekday(year: int, month: int, n: int, weekday: int = WEDNESDAY) -> date:
    """The n:th given weekday of a month (n=2: the second).

    Examples
    --------
    >>> nth_weekday(2027, 1, 2)
    datetime.date(2027, 1, 13)
    """
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def year_plan(
    cadence: Cadence,
    year: int,
    *,
    start: time = time(9, 0),
    minutes: int | None = None,
    week: int = 2,
    weekday: int = WEDNESDAY,
) -> list[Slot]:
    """The meetings of one year for a forum of this cadence: the `week`:th `weekday` of each
    of its months (weekly: every such weekday but in July), from `start`, local time.

    Examples
    --------
    >>> [s.starts_at.date().isoformat() for s in year_plan(Cadence.QUARTERLY, 2027)]
    ['2027-03-10', '2027-06-09', '2027-09-08', '2027-12-08']
    >>> year_plan(Cadence.AS_NEEDED, 2027)
    []
    """
    length = timedelta(minutes=minutes or DEFAULT_MINUTES.get(cadence, 180))
    if cadence is Cadence.WEEKLY:
        day = nth_weekday(year, 1, 1, weekday)
        days = []
        while day.year == year:
            if day.month != 7:
                days.append(day)
            day += timedelta(days=7)
    else:
        days = [nth_weekday(year, m, week, weekday) for m in MONTHS[cadence]]
    slots = []
    for day in days:
        begins = datetime.combine(day, start, STOCKHOLM)
        slots.append(Slot(begins, begins + length))
    return slots


def cutoff_day(meeting_day: date, cutoff_days: int) -> date:
    """The last day an item can arrive and still be on that meeting's agenda."""
    return meeting_day - timedelta(days=cutoff_days)


def in_time(arrives: date, meeting_day: date, cutoff_days: int) -> bool:
    """Whether something arriving on `arrives` makes the meeting on `meeting_day`.

    Examples
    --------
    >>> in_time(date(2026, 12, 1), date(2026, 12, 11), 10)
    True
    >>> in_time(date(2026, 12, 2), date(2026, 12, 11), 10)
    False
    """
    return arrives <= cutoff_day(meeting_day, cutoff_days)


@dataclass(frozen=True)
class ForumCalendar:
    """What the rules need to know of one forum's meetings."""

    key: str
    cadence: Cadence
    cutoff_days: int = 10
    planned: tuple[date, ...] = ()
    """Meeting days already planned (not yet held), in order."""
    prepared_by: "ForumCalendar | None" = None
    """The preparatory group an issue passes first (the beredningsgrupp)."""

    def days_from(self, first: date) -> Iterable[tuple[date, bool]]:
        """Meeting days on or after `first`: the planned ones, then, past the last planned
        one, days projected from the cadence (marked estimated)."""
        planned = sorted(d for d in self.planned if d >= first)
        yield from ((d, False) for d in planned)
        after = planned[-1] if planned else first - timedelta(days=1)
        for year in range(after.year, after.year + PROJECTION_YEARS + 1):
            for slot in year_plan(self.cadence, year):
                day = slot.starts_at.date()
                if day > after and day >= first:
                    yield day, True


@dataclass(frozen=True)
class Sitting:
    """When an issue is on a forum's table."""

    forum: str
    day: date | None
    """None when the forum meets only as needed and has nothing planned."""
    estimated: bool = False
    """The day follows from the cadence; no meeting is planned on it yet."""
    via: "Sitting | None" = None
    """The preparatory group that takes it up first, and the last day it can (the meeting's
    cut-off)."""
    late_for: date | None = None
    """An earlier meeting it just misses because of the cut-off."""
    on_agenda: bool = False
    """It already stands on that meeting's agenda."""


def ready_on(calendar: ForumCalendar, arrived: date, today: date) -> date:
    """The day an issue at the forum counts as submitted for a meeting: the day it arrived,
    or, where a preparatory group prepares the forum's meetings, the day the group can take it
    up, which is no earlier than today (the group puts it on an agenda whose cut-off has not
    passed: services.meetings.triage). The agenda builder and "when will it be discussed" both
    go by this day and `in_time`, so they give the same answer."""
    return max(arrived, today) if calendar.prepared_by is not None else arrived


def next_sitting(calendar: ForumCalendar, arrives: date, *, today: date | None = None) -> Sitting:
    """The forum's first meeting, on or after `today`, that an issue arrived on `arrives`
    makes by its cut-off.

    Examples
    --------
    >>> cal = ForumCalendar("f", Cadence.MONTHLY, 10, planned=(date(2026, 12, 9),))
    >>> s = next_sitting(cal, date(2026, 12, 1))
    >>> (s.day, s.estimated, s.late_for)
    (datetime.date(2027, 1, 13), True, datetime.date(2026, 12, 9))
    >>> s = next_sitting(cal, date(2026, 11, 20), today=date(2026, 12, 1))
    >>> (s.day, s.estimated, s.late_for)
    (datetime.date(2026, 12, 9), False, None)
    """
    today = today or arrives
    ready = ready_on(calendar, arrives, today)
    late_for = None
    for day, estimated in calendar.days_from(today):
        if in_time(ready, day, calendar.cutoff_days):
            via = None
            if calendar.prepared_by is not None:
                via = Sitting(calendar.prepared_by.key, cutoff_day(day, calendar.cutoff_days))
            return Sitting(calendar.key, day, estimated, via, late_for)
        late_for = late_for or day
    return Sitting(calendar.key, None, late_for=late_for)


def way_up(calendars: Sequence[ForumCalendar], arrives: date) -> list[Sitting]:
    """For a lift over several steps: the first sitting at each forum in turn, each one
    after the sitting below it. The last is the earliest the issue can reach the top."""
    sittings: list[Sitting] = []
    day = arrives
    for calendar in calendars:
        sitting = next_sitting(calendar, day, today=day)
        sittings.append(sitting)
        if sitting.day is None:
            break
        day = sitting.day
    return sittings


@dataclass(frozen=True)
class Budget:
    """An agenda's durations against the meeting's length, in minutes."""

    planned: int
    available: int
    items_without_time: int = 0
    by_item: list[int] = field(default_factory=list)

    @property
    def overrun(self) -> int:
        return max(0, self.planned - self.available)

    @property
    def fits(self) -> bool:
        return self.overrun == 0


def budget(durations: Iterable[int | None], starts_at: datetime, ends_at: datetime) -> Budget:
    """Sum the items' minutes against the meeting.

    Examples
    --------
    >>> b = budget([30, 45, None, 60], datetime(2026, 12, 9, 9), datetime(2026, 12, 9, 11))
    >>> (b.planned, b.available, b.overrun, b.items_without_time)
    (135, 120, 15, 1)
    """
    values = list(durations)
    planned = sum(v for v in values if v)
    available = int((ends_at - starts_at).total_seconds() // 60)
    return Budget(planned, available, sum(1 for v in values if not v), [v or 0 for v in values])
