"""Faults in the service's accessibility, reported from its accessibility statement.

The law on accessible digital public service (2018:1937) asks for a way to report a fault:
anyone may, signed in or not; the administrators read the reports, newest first. Personal
numbers and lengths are checked where the text is stored, as for every other text.
"""

from datetime import timedelta

from sqlmodel import Session, func, select

from models import AccessibilityReport
from models.clock import now
from models.refusals import InvalidInputError, RefusedError
from services.paging import Page, window
from services.permissions import Actor, can_manage_users, require

PAGE_SIZE = 20
SIGNED_OUT_PER_HOUR = 30
"""Reports sent signed out in an hour, from everyone together: the form needs no account, so
without a bound anyone could fill the table; a signed-in person is never stopped."""


class ReportRefusedError(RefusedError):
    section = "accessibility"


def report_accessibility_problem(
    session: Session, *, page: str, description: str, contact: str, by: Actor | None
) -> AccessibilityReport:
    if not description.strip():
        raise InvalidInputError([("accessibility_problem", "required")])
    if by is None:
        since = now() - timedelta(hours=1)
        recent = session.exec(
            select(func.count())
            .select_from(AccessibilityReport)
            .where(AccessibilityReport.reported_by == "", AccessibilityReport.reported_at >= since)
        ).one()
        if recent >= SIGNED_OUT_PER_HOUR:
            raise ReportRefusedError("too_many_signed_out")
    report = AccessibilityReport(
        page=page.strip()[:100],
        description=description.strip(),
        contact=contact.strip(),
        reported_by=by.name if by is not None else "",
    )
    session.add(report)
    session.flush()
    return report


ReportPage = Page[AccessibilityReport]


def accessibility_reports(
    session: Session, *, by: Actor, page: int = 1, page_size: int = PAGE_SIZE
) -> ReportPage:
    require(can_manage_users(by))
    total = session.exec(select(func.count()).select_from(AccessibilityReport)).one()
    shown = window(total, page, page_size)
    rows = session.exec(
        shown.of(
            select(AccessibilityReport).order_by(
                AccessibilityReport.reported_at.desc(), AccessibilityReport.id.desc()
            )
        )
    ).all()
    return shown.holding(list(rows))
