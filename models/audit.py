"""The audit log: every write through a session, who made it and what changed.

Written by session hooks registered when this module is imported, so no use case can forget
it: rows written through the ORM with every field from → to, and direct statements (a bulk
UPDATE, a counter bump) with their condition and the values they set. The person is set
around each user action with `acting_as(name)`; writes outside one
(start-up seeding) are recorded as "system".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from sqlalchemy import JSON, BindParameter, Column, event, inspect
from sqlalchemy.exc import CompileError
from sqlalchemy.orm import ORMExecuteState
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
UNAUDITED = {"audit_entry", "signin_session", "signin_failure", "issue_vector"}
"""The log itself, the sign-in bookkeeping (a session's last activity, counts of failures
under names without an account): security state, and an issue's similarity vector (computed
from its text, whose changes are logged): not a record of what anyone changed."""

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


@event.listens_for(OrmSession, "do_orm_execute")
def _record_statement(state: ORMExecuteState) -> None:
    """A direct INSERT, UPDATE or DELETE statement (a bulk rename, a counter bump) is logged
    too: one entry for the statement, naming the rows by its condition and the values it set."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    statement = state.statement
    table = getattr(getattr(statement, "table", None), "name", None)
    if table is None or table in UNAUDITED:
        return
    action = "insert" if state.is_insert else "update" if state.is_update else "delete"
    state.session.add(
        AuditEntry(
            actor=_actor.get(),
            action=action,
            table_name=table,
            row_id=_condition(statement)[:50],
            changes=_values_set(statement, state.parameters),
        )
    )


def _condition(statement: object) -> str:
    """The WHERE clause with its values, the way a reader of the log sees which rows."""
    where = getattr(statement, "whereclause", None)
    if where is None:
        return ""
    try:
        return str(where.compile(compile_kwargs={"literal_binds": True}))
    except (CompileError, NotImplementedError):  # a value with no literal form
        return str(where)


def _values_set(statement: object, parameters: object) -> dict[str, list[object]]:
    values: dict[str, object] = {}
    for column, value in (getattr(statement, "_values", None) or {}).items():
        name = getattr(column, "key", str(column))
        values[name] = jsonable(value.value) if isinstance(value, BindParameter) else str(value)
    rows = parameters if isinstance(parameters, list) else [parameters] if parameters else []
    if len(rows) == 1 and isinstance(rows[0], dict):
        values |= {str(k): jsonable(v) for k, v in rows[0].items()}
    elif rows:
        values["rows"] = len(rows)
    return {name: [None, value] for name, value in values.items() if name not in SECRET}
