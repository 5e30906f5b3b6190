"""The ways an effect use case says no; the pages translate `code` and fill in `params`."""

from sqlmodel import Session, SQLModel

from models.db import add_unless_there
from models.refusals import RefusedError


class EffectRefusedError(RefusedError):
    section = "effect_error"


def add_or_refuse(session: Session, row: SQLModel, refusal: EffectRefusedError) -> None:
    """Insert a row a unique index guards; a concurrent writer who got there first makes it
    the app's refusal, not a database error (the check before it cannot see uncommitted rows)."""
    if not add_unless_there(session, row):
        raise refusal
