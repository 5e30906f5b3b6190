"""The collaboration's own effects, measured from the app's issues and their history (seed 003:
challenges are handled jointly in the agreed structures, and information spreads).

Every figure is one aggregate query (grouped in SQL, nothing loaded row by row), so it stays
fast at 100,000 issues and a million history events. Series are per quarter, dated on the
quarter's last day (today for the quarter going on), so they can be assessed like any
measured indicator.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Integer, case, cast, distinct, exists, extract, func, literal
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from models import Forum, Issue, IssueEvent, Notification, clock
from models.vocabulary import EventKind
from services.effects.status import Point

FEEDBACK = "feedback"


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    count: int


@dataclass(frozen=True)
class LevelFigure:
    level: str
    median_days: float
    issues: int


def _quarter(column: object) -> object:
    """year * 10 + quarter, as one integer both databases group on."""
    month = cast(extract("month", column), Integer)
    return cast(extract("year", column), Integer) * 10 + (month + 2) // 3


def quarter_end(code: int, today: date | None = None) -> date:
    """The quarter's last day; for the quarter still going on, today (a value is never dated
    in the future)."""
    year, quarter = divmod(int(code), 10)
    month = quarter * 3
    return min(date(year, month, 30 if month in (6, 9) else 31), today or clock.today())


def _code(day: date) -> int:
    return day.year * 10 + (day.month + 2) // 3


def _quarters(first: int, last: int) -> list[int]:
    """Every quarter code from `first` to `last`, both included."""
    codes = []
    while first <= last:
        codes.append(first)
        year, quarter = divmod(first, 10)
        first = year * 10 + quarter + 1 if quarter < 4 else (year + 1) * 10 + 1
    return codes


def _days(session: Session, later: object, earlier: object) -> object:
    if session.get_bind().dialect.name == "postgresql":
        return extract("epoch", later - earlier) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


def _in_period(column: object, since: date | None, until: date | None) -> list:
    """Conditions keeping `column` in [since, until), each day from its UTC midnight; none for
    an open end."""
    where = []
    if since:
        where.append(column >= datetime.combine(since, time.min, tzinfo=UTC))
    if until:
        where.append(column < datetime.combine(until, time.min, tzinfo=UTC))
    return where


def _resolved(since: date | None = None, until: date | None = None) -> list:
    return [Issue.resolved_at.is_not(None), *_in_period(Issue.resolved_at, since, until)]


def resolved_at_origin_level(session: Session) -> list[Point]:
    """Per quarter: the share (%) of issues resolved there that were resolved at the level where
    they were raised."""
    origin, now = aliased(Forum), aliased(Forum)
    quarter = _quarter(Issue.resolved_at)
    same = func.sum(case((origin.level == now.level, 1), else_=0))
    rows = session.exec(
        select(quarter, same, func.count())
        .join(origin, origin.id == Issue.origin_forum_id)
        .join(now, now.id == Issue.forum_id)
        .where(*_resolved())
        .group_by(quarter)
        .order_by(quarter)
    )
    return [Point(quarter_end(q), 100.0 * s / n) for q, s, n in rows if n]


def feedback_reached(session: Session) -> list[Point]:
    """Per quarter of resolution: the share (%) of resolved issues whose feedback the person who
    raised them has acknowledged."""
    read = exists().where(
        Notification.issue_id == Issue.id,
        Notification.kind == FEEDBACK,
        Notification.person == Issue.raised_by,
        Notification.acknowledged_at.is_not(None),
    )
    quarter = _quarter(Issue.resolved_at)
    rows = session.exec(
        select(quarter, func.sum(case((read, 1), else_=0)), func.count())
        .where(*_resolved())
        .group_by(quarter)
        .order_by(quarter)
    )
    return [Point(quarter_end(q), 100.0 * s / n) for q, s, n in rows if n]


def skipped_level(session: Session) -> list[Point]:
    """Per quarter: of the issues lifted, the share (%) lifted past a level at least once."""
    quarter = _quarter(IssueEvent.at)
    skipped = func.count(distinct(case((IssueEvent.skipped_level, IssueEvent.issue_id))))
    rows = session.exec(
        select(quarter, skipped, func.count(distinct(IssueEvent.issue_id)))
        .where(IssueEvent.kind == EventKind.ESCALATED)
        .group_by(quarter)
        .order_by(quarter)
    )
    return [Point(quarter_end(q), 100.0 * s / n) for q, s, n in rows if n]


def median_days_to_resolution(session: Session) -> list[Point]:
    """Per quarter of resolution: the median number of days from raised to resolved."""
    rows = _medians(session, _quarter(Issue.resolved_at), join_level=False)
    return [Point(quarter_end(q), days) for q, days, _n in rows]


def median_days_by_level(
    session: Session, *, since: date | None = None, until: date | None = None
) -> list[LevelFigure]:
    """The median days from raised to resolved, by the level where the issue was resolved."""
    return [
        LevelFigure(level, days, n)
        for level, days, n in _medians(session, None, join_level=True, since=since, until=until)
    ]


def _medians(
    session: Session,
    group: object,
    *,
    join_level: bool,
    since: date | None = None,
    until: date | None = None,
) -> list[tuple]:
    """Median per group with window functions, which both databases have (SQLite has no
    percentile function)."""
    days = _days(session, Issue.resolved_at, Issue.created_at)
    query = select(Issue.id)
    if join_level:
        query = query.join(Forum, Forum.id == Issue.forum_id)
        group = Forum.level
    inner = (
        query.with_only_columns(
            group.label("grp"),
            days.label("days"),
            func.row_number().over(partition_by=group, order_by=days).label("rn"),
            func.count().over(partition_by=group).label("n"),
        )
        .where(*_resolved(since, until))
        .subquery()
    )
    middle = inner.c.rn.in_([(inner.c.n + 1) // 2, (inner.c.n + 2) // 2])
    rows = session.exec(
        select(inner.c.grp, func.avg(inner.c.days), func.max(inner.c.n))
        .where(middle)
        .group_by(inner.c.grp)
        .order_by(inner.c.grp)
    )
    return [(g, float(d), int(n)) for g, d, n in rows]


def escalations_by_level(
    session: Session, *, since: date | None = None, until: date | None = None
) -> list[tuple[date, str, int]]:
    """(quarter end, level lifted from, count) per quarter of the period and level that lifted
    anything in it; a quarter without lifts counts 0, so a chart never skips it."""
    quarter = _quarter(IssueEvent.at)
    where = [IssueEvent.kind == EventKind.ESCALATED, *_in_period(IssueEvent.at, since, until)]
    rows = session.exec(
        select(quarter, Forum.level, func.count())
        .select_from(IssueEvent)
        .join(Forum, Forum.id == IssueEvent.from_forum_id)
        .where(*where)
        .group_by(quarter, Forum.level)
        .order_by(quarter)
    ).all()
    if not rows:
        return []
    counts = {(int(q), level): n for q, level, n in rows}
    first = _code(since) if since else min(q for q, _l in counts)
    last = _code(until - timedelta(days=1)) if until else max(q for q, _l in counts)
    levels = sorted({level for _q, level in counts})
    return [
        (quarter_end(q), level, counts.get((q, level), 0))
        for q in _quarters(first, last)
        for level in levels
    ]


RESOLVED = "resolved"
"""The node an issue's flow ends in when it was resolved."""


def issue_flows(
    session: Session, *, since: date | None, until: date | None, by_forum: bool = False
) -> list[Flow]:
    """How issues moved in the period: lifted, delegated or sent back from one level (or forum)
    to another, and resolved where they were. Named by level value or forum key."""
    source, target = aliased(Forum), aliased(Forum)
    name: Callable = (lambda f: f.key) if by_forum else (lambda f: f.level)
    where = [
        IssueEvent.kind.in_([EventKind.ESCALATED, EventKind.DELEGATED, EventKind.SENT_BACK]),
        *_in_period(IssueEvent.at, since, until),
    ]
    moves = session.exec(
        select(name(source), name(target), func.count())
        .select_from(IssueEvent)
        .join(source, source.id == IssueEvent.from_forum_id)
        .join(target, target.id == IssueEvent.to_forum_id)
        .where(*where)
        .group_by(name(source), name(target))
    )
    flows = [Flow(s, t, n) for s, t, n in moves if s != t]
    resolved = session.exec(
        select(name(Forum), literal(RESOLVED), func.count())
        .select_from(Issue)
        .join(Forum, Forum.id == Issue.forum_id)
        .where(*_resolved(since, until))
        .group_by(name(Forum))
    )
    return flows + [Flow(s, t, n) for s, t, n in resolved]


COMPUTED: dict[str, Callable[[Session], list[Point]]] = {
    "resolved_at_origin_level": resolved_at_origin_level,
    "median_days_to_resolution": median_days_to_resolution,
    "feedback_reached": feedback_reached,
    "skipped_level": skipped_level,
}
"""The computed indicators an Indicator.computed names."""
