"""The app's clock: stored times are UTC, the working day is Stockholm's.

A server's own date is not the users' date: at 00:30 in Stockholm a server on UTC still says
yesterday, and "overdue", "today's meetings" and a quarter's end would be a day off. Everything
that asks for today asks here.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    """The present moment, aware, in UTC (as the database stores it)."""
    return datetime.now(UTC)


def today(at: datetime | None = None) -> date:
    """Today's date in Sweden (at the moment `at`, or now).

    Examples
    --------
    >>> today(datetime(2026, 6, 30, 22, 30, tzinfo=UTC))  # 00:30 in Stockholm
    datetime.date(2026, 7, 1)
    >>> today(datetime(2026, 12, 31, 22, 59, tzinfo=UTC))  # 23:59 in winter
    datetime.date(2026, 12, 31)
    """
    return local(at or now()).date()


def local(at: datetime) -> datetime:
    """A stored time (UTC, naive taken as UTC) in Swedish local time."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(STOCKHOLM)
