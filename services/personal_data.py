"""Catches Swedish personal identity and coordination numbers in free text before it is saved.

A collaboration issue is structural: signals from casework are described without personal data
about insured individuals. Candidates are found with a pattern; the number rules (date, or day
+ 60 for a samordningsnummer, and the checksum) come from the `personnummer` library.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from personnummer import personnummer

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
        hits.append(PersonalNumberHit(field, match.start(), match.end(), match.group(0),
                                      coordination))
    return hits


def check_free_text(fields: Mapping[str, str]) -> None:
    """Raise PersonalDataError naming every hit in every field, or return quietly."""
    hits = [hit for name, text in fields.items() for hit in find_personal_numbers(text, name)]
    if hits:
        raise PersonalDataError(hits)
