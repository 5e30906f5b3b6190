"""A meeting as a calendar file (.ics) for the invitation, with a proper Europe/Stockholm time
zone, so Outlook and other calendars place it right whatever zone the reader is in."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

from exports.cells import ILLEGAL


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    """Stable per meeting, so a changed meeting updates the entry instead of doubling it."""
    title: str
    starts_at: datetime
    """Aware; written in Europe/Stockholm."""
    ends_at: datetime
    place: str = ""
    url: str = ""
    description: str = ""
    sequence: int = 0
    """Bump on every change (the meeting's version)."""


def to_ics(entry: CalendarEntry) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Samverkansnavet//Möten//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", entry.starts_at)
    event.add("dtend", entry.ends_at)
    event.add("summary", _text(entry.title))
    event.add("sequence", entry.sequence)
    if entry.place:
        event.add("location", _text(entry.place))
    if _one_line(entry.url):  # a URI holds no line break or space: the first line, if any
        event.add("url", _one_line(entry.url).split()[0])
    if entry.description:
        event.add("description", _text(entry.description))
    calendar.add_component(event)
    year = entry.starts_at.year  # the zone's rules for the years around the meeting only
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))
    return calendar.to_ical()


def _text(value: str) -> str:
    return ILLEGAL.sub("", value)


def _one_line(value: str) -> str:
    return " ".join(_text(value).split())
