"""Finding an issue by its reference, and the forums on its path (who may read it)."""

from collections.abc import Iterable

from sqlmodel import Session, select

from models import Forum, Issue, IssuePath
from services.issues.errors import IssueRefusedError
from services.permissions import Actor, can_read_issue, require


def find_issue(session: Session, reference: str) -> Issue:
    issue = session.exec(select(Issue).where(Issue.reference == reference.strip())).first()
    if issue is None:
        raise IssueRefusedError("unknown_issue", {"reference": reference})
    return issue


def readable_issue(session: Session, reference: str, by: Actor | None) -> Issue:
    """The issue, if `by` may read it; PermissionDeniedError otherwise."""
    issue = find_issue(session, reference)
    require(can_read_issue(by, path_keys(session, issue.id)))
    return issue


def path_keys(session: Session, issue_id: int) -> list[str]:
    return list(
        session.exec(
            select(Forum.key)
            .join(IssuePath, IssuePath.forum_id == Forum.id)
            .where(IssuePath.issue_id == issue_id)
        )
    )


def path_forum_ids(session: Session, issue_id: int) -> list[int]:
    return list(session.exec(select(IssuePath.forum_id).where(IssuePath.issue_id == issue_id)))


def add_to_path(session: Session, issue_id: int, forum_ids: Iterable[int]) -> None:
    """Record forums the issue has reached; those already on the path are left as they are."""
    for forum_id in set(forum_ids):
        if session.get(IssuePath, (issue_id, forum_id)) is None:
            session.add(IssuePath(issue_id=issue_id, forum_id=forum_id))
