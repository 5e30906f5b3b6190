"""Every text the app stores is text a page can show, whoever writes it and however.

Checked before every flush, so no service, import or script can skip it:
- no control character: PostgreSQL refuses NUL outright (the save would end in an error, not
  a message), and the Excel and Word exports cannot hold the other C0 controls. They carry no
  meaning a user could type on purpose, so they are dropped; tab and line breaks stay.
- no text longer than its column allows: the column's own length, or `TEXT_LIMIT` characters
  for free text (a description, a comment). A 300 MB comment from a crafted workbook would
  otherwise be stored and then sent to every reader of the page. Too long is refused whole
  (`TextTooLongError`), never cut silently.
- no line break in a text that is one line by nature (a title, a name, a place, a link):
  documents and calendars put it on one line, and a calendar link with a break in it made the
  calendar file fail (`LineBreakError`).
"""

import json
import re

from sqlalchemy import JSON, String, event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.types import TypeEngine

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
TEXT_LIMIT = 20_000
"""Characters in a free-text column without a length of its own: some ten pages."""
JSON_LIMIT = 200_000
"""Characters of a JSON column (a history event's changes, a decision's agreed actions)."""


class TextTooLongError(Exception):
    """A text is longer than where it is stored allows; nothing of the change is saved."""

    def __init__(self, table: str, field: str, limit: int) -> None:
        super().__init__(f"{table}.{field} longer than {limit} characters")
        self.table, self.field, self.limit = table, field, limit


SINGLE_LINE: dict[str, frozenset[str]] = {
    "issue": frozenset({"title"}),
    "forum": frozenset({"name"}),
    "organisation": frozenset({"name", "short_name"}),
    "app_user": frozenset({"username", "display_name", "email"}),
    "meeting": frozenset({"place", "video_link", "registration_number"}),
    "meeting_participant": frozenset({"person"}),
    "agenda_item": frozenset({"title", "presenter"}),
    "agreed_action": frozenset({"title", "responsible"}),
    "indicator": frozenset({"name", "unit"}),
    "forum_schedule": frozenset({"place"}),
}
"""The columns that hold one line (the forms' single-line fields)."""


class LineBreakError(Exception):
    """A line break in a text that must be one line; nothing of the change is saved."""

    def __init__(self, table: str, field: str) -> None:
        super().__init__(f"{table}.{field} holds a line break")
        self.table, self.field = table, field


def without_controls(text: str) -> str:
    return CONTROL.sub("", text)


def _string(type_: TypeEngine) -> String | None:
    """The String a column's type is, or wraps (SQLModel's AutoString decorates one)."""
    for candidate in (type_, getattr(type_, "impl", None)):
        if isinstance(candidate, String):
            return candidate
    return None


def text_limit(type_: TypeEngine) -> int:
    string = _string(type_)
    return string.length if string is not None and string.length else TEXT_LIMIT


def column_limit(table: type, field: str) -> int:
    """The longest text `table.field` takes: for checking a value before it is stored."""
    return text_limit(inspect(table).columns[field].type)


@event.listens_for(OrmSession, "before_flush")
def _check_texts(session: OrmSession, _context: object, _instances: object) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj, raiseerr=False)
        if state is None or not hasattr(obj, "__tablename__"):
            continue
        for attr in state.mapper.column_attrs:
            column = attr.columns[0]
            value = getattr(obj, attr.key, None)
            if value is None:
                continue
            if _string(column.type) is not None and isinstance(value, str):
                if CONTROL.search(value):
                    value = without_controls(value)
                    setattr(obj, attr.key, value)
                if len(value) > text_limit(column.type):
                    raise TextTooLongError(obj.__tablename__, attr.key, text_limit(column.type))
                if attr.key in SINGLE_LINE.get(obj.__tablename__, ()) and (
                    "\n" in value or "\r" in value
                ):
                    raise LineBreakError(obj.__tablename__, attr.key)
            elif (
                isinstance(column.type, JSON)
                and len(json.dumps(value, default=str, ensure_ascii=False)) > JSON_LIMIT
            ):
                raise TextTooLongError(obj.__tablename__, attr.key, JSON_LIMIT)
