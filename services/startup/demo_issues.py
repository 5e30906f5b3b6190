"""Loads the demo issues through the real services, so their history is genuine."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import exists
from sqlmodel import Session, select

from models import Issue
from models.vocabulary import IssueKind, IssueStatus, Theme
from services.issues.use_cases import (
    EvidenceInput,
    IssueInput,
    change_status,
    comment_issue,
    delegate_issue,
    escalate_issue,
    raise_issue,
    resolve_issue,
)
from services.permissions import trusted_actor
from services.startup.data_files import DEMO_ISSUES


def load_demo_issues(session: Session, path: Path = DEMO_ISSUES) -> int:
    """Raise and route each demo issue once; returns how many were created (0 when present)."""
    if session.exec(select(exists().where(Issue.is_demo))).one():
        return 0
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["issues"]
    for item in items:
        _load(session, item)
    return len(items)


def _load(session: Session, item: dict) -> None:
    effective = item.get("change_effective_on")
    data = IssueInput(
        title=item["title"],
        description=item.get("description", ""),
        kind=IssueKind(item["kind"]),
        forum=item["forum"],
        organisations=tuple(item.get("organisations", ())),
        affected=tuple(item.get("affected", ())),
        themes=tuple(Theme(t) for t in item.get("themes", ())),
        desired_outcome=item.get("desired_outcome", ""),
        change_effective_on=effective if isinstance(effective, date) else None,
        evidence=tuple(EvidenceInput(**e) for e in item.get("evidence", ())),
    )
    raised = datetime.now(UTC) - timedelta(days=item.get("days_ago", 0))
    issue = raise_issue(
        session, data=data, by=trusted_actor(item["raised_by"]), now=raised, demo=True
    )
    session.flush()
    for step in item.get("steps", ()):
        common = {"reference": issue.reference, "by": trusted_actor(step["by"])}
        if "escalate" in step:
            escalate_issue(
                session,
                target=step["escalate"],
                reason=step["reason"],
                skip_reason=step.get("skip_reason", ""),
                expected_version=issue.version,
                **common,
            )
        elif "delegate" in step:
            delegate_issue(
                session,
                target=step["delegate"],
                reason=step["reason"],
                expected_version=issue.version,
                **common,
            )
        elif "status" in step:
            change_status(
                session,
                status=IssueStatus(step["status"]),
                expected_version=issue.version,
                **common,
            )
        elif "resolve" in step:
            resolve_issue(
                session, outcome=step["resolve"], expected_version=issue.version, **common
            )
        elif "comment" in step:
            comment_issue(session, text=step["comment"], **common)
        session.flush()
