"""Searching the audit log (administrators, issue 5). The log itself is written by models.audit.
"""

from datetime import datetime

from sqlmodel import Session, func, select

from models.audit import AuditEntry, acting_as

__all__ = ["acting_as", "search_audit"]

def search_audit(session: Session, *, actor: str | None = None, table: str | None = None,
                 since: datetime | None = None, limit: int = 100,
                 offset: int = 0) -> tuple[list[AuditEntry], int]:
    where = []
    if actor:
        where.append(AuditEntry.actor == actor)
    if table:
        where.append(AuditEntry.table_name == table)
    if since:
        where.append(AuditEntry.at >= since)
    total = session.exec(select(func.count()).select_from(AuditEntry).where(*where)).one()
    rows = session.exec(select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
                        .offset(offset).limit(limit)).all()
    return list(rows), total
