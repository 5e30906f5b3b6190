"""The ways an effect use case says no; the pages translate `code` and fill in `params`."""

from dataclasses import dataclass, field

from sqlmodel import Session, SQLModel

from models.db import add_unless_there


@dataclass
class EffectRefusedError(Exception):
    code: str
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code} {self.params}" if self.params else self.code


@dataclass
class InvalidEffectInputError(Exception):
    """Every problem with what was typed, as (field, code) pairs, so all are shown at once."""

    problems: list[tuple[str, str]]

    def __str__(self) -> str:
        return ", ".join(f"{name}: {code}" for name, code in self.problems)


def add_or_refuse(session: Session, row: SQLModel, refusal: EffectRefusedError) -> None:
    """Insert a row a unique index guards; a concurrent writer who got there first makes it
    the app's refusal, not a database error (the check before it cannot see uncommitted rows)."""
    if not add_unless_there(session, row):
        raise refusal
