"""Catches Swedish personal identity and coordination numbers in free text before it is saved.

A collaboration issue is structural: signals from casework are described without personal data
about insured individuals. Candidates are found with a pattern; the number rules (date, or day
+ 60 for a samordningsnummer, and the checksum) come from the `personnummer` library.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from personnummer import personnummer
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession

# 6 or 8 date digits, an optional separator (-, + or a space), 4 digits; not inside a longer
# run of digits.
CANDIDATE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+ ]?(\d{4})(?!\d)")


@dataclass(frozen=True)
class PersonalNumberHit:
    field: str
    start: int
    end: int
    text: str
    coordination: bool
    """A samordningsnummer rather than a personnummer."""


class PersonalDataError(Exception):
    def __init__(self, hits: list[PersonalNumberHit]) -> None:
        super().__init__(hits)
        self.hits = hits

    def __str__(self) -> str:
        return "; ".join(f"{h.field}: {h.text!r} at {h.start}" for h in self.hits)


def find_personal_numbers(text: str, field: str = "") -> list[PersonalNumberHit]:
    """Every valid personnummer or samordningsnummer in the text, where it stands.

    Examples
    --------
    >>> [h.text for h in find_personal_numbers("Ärende 19121212-1212 och 121212-1213")]
    ['19121212-1212']
    """
    hits = []
    for match in CANDIDATE.finditer(text or ""):
        candidate = match.group(0).replace(" ", "")
        if not personnummer.valid(candidate):
            continue
        coordination = personnummer.Personnummer(candidate).is_coordination_number()
        hits.append(
            PersonalNumberHit(field, match.start(), match.end(), match.group(0), coordination)
        )
    return hits


def check_free_text(fields: Mapping[str, str]) -> None:
    """Raise PersonalDataError naming every hit in every field, or return quietly."""
    hits = [hit for name, text in fields.items() for hit in find_personal_numbers(text, name)]
    if hits:
        raise PersonalDataError(hits)


NOT_FREE_TEXT = frozenset(
    {
        "key",
        "reference",
        "search_text",
        "username",
        "email",
        "oidc_subject",
        "password_hash",
        "token_hash",
        "browser_hash",
        "text_hash",
        "model",
        "status",
        "kind",
        "level",
        "tier",
        "cadence",
        "role",
        "route",
        "priority",
        "sharing",
        "theme",
        "direction",
        "frequency",
        "review_cadence",
        "assessment",
        "action",
        "table_name",
        "row_id",
        "start_time",
        "registration_number",
    }
)
"""Columns that hold codes, identifiers or hashes, never a person's words."""
UNGUARDED_TABLES = frozenset({"audit_entry", "signin_failure", "signin_session"})
"""The log (a copy of what was checked as it was written) and the sign-in bookkeeping."""
COPIED_JSON = frozenset({"issue_event", "meeting_event", "effect_event"})
"""History whose `changes` copy texts the columns they came from were checked in."""


@event.listens_for(OrmSession, "before_flush")
def _guard_stored_text(session: OrmSession, _context: object, _instances: object) -> None:
    """Every free-text column, and the texts inside a JSON column, of every row written is
    checked as it is stored, whichever use case writes it: a new field cannot skip the guard.
    (Use cases check their input first too, so the page can name the field in the form.)"""
    hits: list[PersonalNumberHit] = []
    for obj in (*session.new, *session.dirty):
        table = getattr(obj, "__tablename__", None)
        state = inspect(obj, raiseerr=False)
        if state is None or table is None or table in UNGUARDED_TABLES:
            continue
        for attr in state.mapper.column_attrs:
            if attr.key in NOT_FREE_TEXT or (
                obj in session.dirty and not state.attrs[attr.key].history.has_changes()
            ):
                continue
            value = getattr(obj, attr.key, None)
            if isinstance(value, str):
                hits += find_personal_numbers(value, attr.key)
            elif isinstance(value, dict | list) and table not in COPIED_JSON:
                hits += [
                    hit for text in _texts(value) for hit in find_personal_numbers(text, attr.key)
                ]
    if hits:
        raise PersonalDataError(hits)


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
