"""How stored values are written into JSON columns (history changes, the audit log)."""

from datetime import date


def jsonable(value: object) -> object:
    """Dates and times as ISO text (a datetime is a date too); everything else as it is."""
    return value.isoformat() if isinstance(value, date) else value
