"""The audit log: every write through the ORM, who made it and what changed.

Written by a session hook registered when this module is imported, so no use case can forget
it. The person is set around each user action with `acting_as(name)`; writes outside one
(start-up seeding) are recorded as "system".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import JSON, Column, event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, SQLModel

from models.clock import now
from models.values import jsonable


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now, index=True)
    actor: str = Field(max_length=200, index=True)
    action: str = Field(max_length=10)
    """insert, update or delete."""
    table_name: str = Field(max_length=50, index=True)
    row_id: str = Field(max_length=50)
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


SECRET = {"password_hash"}
"""Logged as changed, never with its value."""
UNAUDITED = {"audit_entry", "signin_session", "signin_failure"}
"""The log itself, and the sign-in bookkeeping (a session's last activity, counts of failures
under names without an account): security state, not a record of what anyone changed."""

_actor: ContextVar[str] = ContextVar("audit_actor", default="system")


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    token = _actor.set(name or "system")
    try:
        yield
    finally:
        _actor.reset(token)


def _row_id(obj: object) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(v) for v in key if v is not None)


@event.listens_for(OrmSession, "after_flush")
def _record(session: OrmSession, _context: object) -> None:
    actor = _actor.get()
    entries = []
    for action, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not hasattr(obj, "__tablename__") or obj.__tablename__ in UNAUDITED:
                continue
            state = inspect(obj)
            changes = {}
            for attr in state.mapper.column_attrs:
                history = state.attrs[attr.key].history
                if attr.key in SECRET:
                    if action == "insert" or history.has_changes():
                        changes[attr.key] = [None, "***"]
                elif action == "insert":
                    changes[attr.key] = [None, jsonable(getattr(obj, attr.key))]
                elif action == "update" and history.has_changes():
                    old = history.deleted[0] if history.deleted else None
                    new = history.added[0] if history.added else None
                    changes[attr.key] = [jsonable(old), jsonable(new)]
            if action == "update" and not changes:
                continue
            entries.append(
                AuditEntry(
                    actor=actor,
                    action=action,
                    table_name=obj.__tablename__,
                    row_id=_row_id(obj),
                    changes=changes,
                )
            )
    if entries:
        session.add_all(entries)  # flushed with the rest of the transaction at commit
