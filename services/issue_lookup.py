"""Finding an issue by its reference: one lookup for every use case that starts from one."""

from sqlmodel import Session, select

from models import Issue
from services.issue_errors import IssueRefusedError


def find_issue(session: Session, reference: str) -> Issue:
    issue = session.exec(select(Issue).where(Issue.reference == reference.strip())).first()
    if issue is None:
        raise IssueRefusedError("unknown_issue", {"reference": reference})
    return issue
