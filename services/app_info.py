"""Small facts every page needs cheaply."""

from sqlalchemy import exists
from sqlmodel import Session, select

from models import Forum, Organisation


def has_demo_content(session: Session) -> bool:
    """Two indexed EXISTS probes, not a count."""
    return bool(session.exec(select(exists().where(Forum.is_demo))).one()
                or session.exec(select(exists().where(Organisation.is_demo))).one())
