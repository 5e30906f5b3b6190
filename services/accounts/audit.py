"""Searching and exporting the audit log, for administrators. The log itself is written by
models.audit on every flush, whoever writes."""

from collections.abc import Iterator
from datetime import datetime

from sqlmodel import Session, func, select

from models import Forum, Organisation, User
from models.audit import AuditEntry, acting_as
from services.paging import Page, window
from services.permissions import Actor, can_manage_users, require

__all__ = ["AUDIT_COLUMNS", "AuditPage", "acting_as", "audit_rows", "audit_tables", "search_audit"]

AUDIT_COLUMNS = ("at", "actor", "action", "table_name", "row_id", "changes")


AuditPage = Page[AuditEntry]


def search_audit(
    session: Session,
    *,
    by: Actor,
    actor: str | None = None,
    table: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: int = 1,
    page_size: int = 100,
) -> AuditPage:
    """One page of entries, newest first, and how many match."""
    require(can_manage_users(by))
    where = _where(actor, table, since, until)
    total = session.exec(select(func.count()).select_from(AuditEntry).where(*where)).one()
    shown = window(total, page, page_size)
    rows = session.exec(
        shown.of(select(AuditEntry).where(*where).order_by(AuditEntry.id.desc()))
    ).all()
    return shown.holding(list(rows))


def audit_rows(
    session: Session,
    *,
    by: Actor,
    actor: str | None = None,
    table: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Iterator[tuple]:
    """Every matching entry as plain tuples (AUDIT_COLUMNS), streamed in chunks for export."""
    require(can_manage_users(by))
    query = (
        select(AuditEntry)
        .where(*_where(actor, table, since, until))
        .order_by(AuditEntry.id)
        .execution_options(yield_per=2000)
    )
    for e in session.exec(query):
        yield e.at, e.actor, e.action, e.table_name, e.row_id, e.changes


def _where(
    actor: str | None, table: str | None, since: datetime | None, until: datetime | None
) -> list:
    where = []
    if actor:
        where.append(AuditEntry.actor == actor)
    if table:
        where.append(AuditEntry.table_name == table)
    if since:
        where.append(AuditEntry.at >= since)
    if until:
        where.append(AuditEntry.at < until)
    return where


def audit_tables(session: Session, *, by: Actor) -> list[str]:
    """The tables the log has entries for, to filter on."""
    require(can_manage_users(by))
    return list(
        session.exec(select(AuditEntry.table_name).distinct().order_by(AuditEntry.table_name))
    )


def audit_names(session: Session, *, by: Actor) -> dict[str, dict[int, str]]:
    """Forums, organisations and users by id, so the log names them (small tables: the
    structure and the accounts)."""
    require(can_manage_users(by))
    return {
        "forum": dict(session.exec(select(Forum.id, Forum.name)).all()),
        "organisation": dict(session.exec(select(Organisation.id, Organisation.name)).all()),
        "user": dict(session.exec(select(User.id, User.display_name)).all()),
    }
