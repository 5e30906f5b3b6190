"""No control character is stored in a text column, whoever writes.

PostgreSQL refuses NUL in text outright (the save would end in an error, not a message), and
the Excel and Word exports cannot hold the other C0 controls. They carry no meaning a user
could type on purpose, so they are dropped before every flush; tab and line breaks stay.
"""

import re

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session as OrmSession

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_controls(text: str) -> str:
    return CONTROL.sub("", text)


@event.listens_for(OrmSession, "before_flush")
def _drop_controls(session: OrmSession, _context: object, _instances: object) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj, raiseerr=False)
        if state is None or not hasattr(obj, "__tablename__"):
            continue
        for attr in state.mapper.column_attrs:
            column = attr.columns[0]
            value = getattr(obj, attr.key, None)
            if isinstance(column.type, String) and isinstance(value, str) \
                    and CONTROL.search(value):
                setattr(obj, attr.key, without_controls(value))
