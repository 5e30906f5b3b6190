"""Small facts every page needs cheaply."""

from sqlalchemy import exists
from sqlmodel import Session, select

from models import Forum, Issue, Organisation, User


def has_demo_content(session: Session) -> bool:
    """A few EXISTS probes, not counts."""
    return any(
        session.exec(select(exists().where(table.is_demo))).one()
        for table in (Forum, Organisation, Issue, User)
    )
