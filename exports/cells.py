"""What goes into a spreadsheet cell: a value a spreadsheet opens as data, never as a formula.

Text typed by users in other organisations ends up in files opened on agency desktops. A cell
that starts with = + - @ (or a tab or carriage return before one) is evaluated by Excel and
LibreOffice as a formula; OWASP's advice for CSV is to prefix such a cell with a single quote,
which Excel shows as text. Times are written in Swedish local time, to the minute, with the zone
named in the column heading.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from models.clock import STOCKHOLM

ZONE_NAME = "Europe/Stockholm"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""The ASCII triggers OWASP lists, line breaks, and their full-width forms, which some
spreadsheets also accept."""
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an .xlsx (XML) cannot hold."""


def local_time(value: datetime) -> datetime:
    """A stored time as a naive Swedish local time to the minute (spreadsheets have no zones);
    naive input is taken to be UTC, as the database stores it."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(STOCKHOLM).replace(tzinfo=None, second=0, microsecond=0)


def defused(text: str) -> str:
    """Text that no spreadsheet evaluates: a leading formula character gets a quote before it."""
    text = ILLEGAL.sub("", text)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_value(value: object) -> object:
    if isinstance(value, datetime):
        return f"{local_time(value):%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return defused(value)
    return "" if value is None else value
