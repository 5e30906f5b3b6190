"""What a forum's meeting does to an issue: putting it on (or off) an agenda, and applying the
decision taken on it once the minutes are approved.

The meeting's own rules (`can_prepare_agenda`, `can_approve_minutes`) are checked by the
meeting use cases that call these; each change is an event in the issue's history that names
the meeting, so the issue's page can link to it.
"""

from datetime import UTC, datetime

import networkx as nx
from sqlmodel import Session

from escalation import delegation_targets, forums_above, is_skip
from models import Forum, Issue
from models.vocabulary import DecisionKind, EventKind, IssueStatus
from services.issues.errors import IssueRefusedError
from services.issues.history import record_event
from services.issues.lifecycle import allowed
from services.issues.use_cases import move_issue, record_resolution, set_status
from services.structure.keys import key_of

ON_AGENDA_FROM = {
    IssueStatus.NEW,
    IssueStatus.IN_PREPARATION,
    IssueStatus.BEING_HANDLED,
    IssueStatus.ESCALATED,
    IssueStatus.DELEGATED,
}


def put_on_agenda(
    session: Session, issue: Issue, *, meeting_id: int, label: str, actor: str
) -> None:
    """The issue is on the meeting's agenda; its status says so where the lifecycle allows."""
    _agenda_event(session, issue, IssueStatus.ON_AGENDA, [None, meeting_id], label, actor)


def take_off_agenda(
    session: Session, issue: Issue, *, meeting_id: int, label: str, actor: str
) -> None:
    _agenda_event(session, issue, IssueStatus.IN_PREPARATION, [meeting_id, None], label, actor)


def _agenda_event(
    session: Session, issue: Issue, status: IssueStatus, meeting: list, label: str, actor: str
) -> None:
    now = datetime.now(UTC)
    changes: dict = {"meeting": meeting}
    current = IssueStatus(issue.status)
    if (
        current is not status
        and status in allowed(current)
        and (status is not IssueStatus.ON_AGENDA or current in ON_AGENDA_FROM)
    ):
        changes["status"] = [current.value, status.value]
        issue.status = status.value
    issue.updated_at, issue.updated_by = now, actor
    session.add(issue)
    record_event(session, issue, EventKind.AGENDA, actor, now, reason=label, changes=changes)


def apply_decision(
    session: Session,
    issue: Issue,
    kind: DecisionKind,
    *,
    text: str,
    target: str | None,
    label: str,
    actor: str,
    G: nx.MultiDiGraph,
    skip_reason: str = "",
) -> None:
    """Carry out the forum's decision on the issue; `label` names the meeting and paragraph
    ("Samverkansgruppen 2026-12-09, § 4") and leads the reason in the issue's history, followed
    by the reason to skip a level where a lift skips one."""
    said = f"{label}: {text.strip()}" if text.strip() else label
    source = key_of(session, Forum, issue.forum_id)
    if kind is DecisionKind.RESOLVED:
        record_resolution(session, issue, said, actor, G)
    elif kind is DecisionKind.LIFTED:
        if target not in forums_above(G, source):
            raise IssueRefusedError("not_above", {"source": source, "target": str(target)})
        skipped = is_skip(G, source, target)
        if skipped and skip_reason.strip():
            said = f"{said}\n\n{skip_reason.strip()}"
        move_issue(
            session,
            issue,
            source,
            target,
            EventKind.ESCALATED,
            IssueStatus.ESCALATED,
            actor,
            said,
            skipped,
        )
    elif kind is DecisionKind.DELEGATED:
        if target not in {d.forum for d in delegation_targets(G, source)}:
            raise IssueRefusedError("not_below", {"source": source, "target": str(target)})
        move_issue(
            session,
            issue,
            source,
            target,
            EventKind.DELEGATED,
            IssueStatus.DELEGATED,
            actor,
            said,
            False,
        )
    elif kind is DecisionKind.ACTIONS:
        set_status(session, issue, IssueStatus.BEING_HANDLED, EventKind.STATUS, actor, said)
    elif kind is DecisionKind.NOTED:
        set_status(session, issue, IssueStatus.CLOSED, EventKind.CLOSED, actor, said)
    else:  # carried over: it stays on the forum's table for the next meeting
        now = datetime.now(UTC)
        record_event(
            session,
            issue,
            EventKind.AGENDA,
            actor,
            now,
            reason=said,
            changes={"carried_over": [None, label]},
        )
