"""The ways a use case says no, as data the pages say in the reader's language.

Three shapes, one type each: a `RefusedError` (a rule said no: a code and its parameters, translated
from its capability's section of the catalogue), an `InvalidInputError` (every problem with what
a form held, at once) and a `StaleError` (someone else saved the thing after this user opened
it). A capability's refusal is a `RefusedError` naming its catalogue section, nothing more.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar


@dataclass
class RefusedError(Exception):
    """`code` is a key of the catalogue's `section`; `params` fill it in."""

    code: str
    params: dict[str, str] = field(default_factory=dict)
    section: ClassVar[str] = "refusal"

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


@dataclass
class InvalidInputError(Exception):
    """Every problem with a form's input at once, as (field, code) pairs."""

    problems: list[tuple[str, str]]

    def __str__(self) -> str:
        return ", ".join(f"{name}: {code}" for name, code in self.problems)


@dataclass
class StaleError(Exception):
    """The `thing` (issue, meeting, forum) called `name` was saved by someone else after this
    user opened it: who and when if known, else the version opened and the one there now."""

    thing: str
    name: str
    changed_by: str = ""
    changed_at: datetime | None = None
    expected: int | None = None
    current: int | None = None

    def __str__(self) -> str:
        return f"{self.thing} {self.name} changed by someone else"
