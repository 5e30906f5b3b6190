"""Use cases for collaboration issues: raise, route, resolve, close, comment.

Every function takes the caller's session, checks its rules, writes the change together with
its history event, and leaves the commit to the caller: one user action, one transaction.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial

import networkx as nx
from sqlalchemy import update
from sqlmodel import Session, select

from escalation import delegation_targets, forums_above, is_skip
from models import (
    Evidence,
    Forum,
    Issue,
    IssueEvent,
    IssueLink,
    IssueOrganisation,
    IssueTheme,
    Organisation,
    ReferenceCounter,
)
from models.db import add_unless_there
from models.refusals import InvalidInputError, StaleError
from models.values import jsonable
from models.vocabulary import (
    EventKind,
    IssueKind,
    IssueLinkKind,
    IssueStatus,
    Priority,
    Sharing,
    Theme,
)
from services.issues.agenda_sync import leave_coming_agendas
from services.issues.errors import IssueRefusedError
from services.issues.feedback import notify_feedback
from services.issues.history import record_event
from services.issues.lifecycle import check_transition
from services.issues.lookup import find_issue, path_keys
from services.issues.similar_vectors import forget_vector
from services.permissions import (
    Actor,
    Decision,
    can_comment,
    can_raise_issue,
    can_resolve_issue,
    can_route_issue,
    require,
)
from services.personal_data import check_free_text
from services.structure.keys import ids_by_key, key_of, row_by_key
from services.structure.read import structure_graph


@dataclass(frozen=True)
class EvidenceInput:
    description: str
    source: str = ""
    count: int | None = None


@dataclass(frozen=True)
class IssueInput:
    title: str
    description: str
    kind: IssueKind
    forum: str
    organisations: tuple[str, ...] = ()
    affected: tuple[str, ...] = ()
    """For a change notice: the organisations the planned change affects."""
    themes: tuple[Theme, ...] = ()
    priority: Priority = Priority.NORMAL
    sharing: Sharing = Sharing.FORUMS_ONLY
    desired_outcome: str = ""
    change_effective_on: date | None = None
    evidence: tuple[EvidenceInput, ...] = ()


def raise_issue(
    session: Session,
    *,
    data: IssueInput,
    by: Actor,
    now: datetime | None = None,
    demo: bool = False,
) -> Issue:
    """Log an issue at the forum where it arose."""
    now = now or datetime.now(UTC)
    _check_input(data)
    require(can_raise_issue(by, data.forum))
    check_free_text(_free_text(data))
    forum = row_by_key(session, Forum, data.forum, IssueRefusedError)
    actor = by.name
    orgs = ids_by_key(
        session, Organisation, {*data.organisations, *data.affected}, IssueRefusedError
    )
    issue = Issue(
        reference=next_reference(session, now.year),
        title=data.title.strip(),
        description=data.description.strip(),
        kind=data.kind.value,
        status=IssueStatus.NEW.value,
        priority=data.priority.value,
        sharing=data.sharing.value,
        desired_outcome=data.desired_outcome.strip(),
        change_effective_on=data.change_effective_on,
        origin_forum_id=forum.id,
        forum_id=forum.id,
        raised_by=actor,
        updated_by=actor,
        created_at=now,
        updated_at=now,
        arrived_at=now,
        is_demo=demo,
    )
    session.add(issue)
    session.flush()
    for key in dict.fromkeys([*data.organisations, *data.affected]):
        session.add(
            IssueOrganisation(
                issue_id=issue.id, organisation_id=orgs[key], affected=key in data.affected
            )
        )
    for theme in dict.fromkeys(data.themes):
        session.add(IssueTheme(issue_id=issue.id, theme=theme.value))
    for item in data.evidence:
        session.add(
            Evidence(
                issue_id=issue.id,
                description=item.description.strip(),
                source=item.source.strip(),
                count=item.count,
            )
        )
    record_event(
        session,
        issue,
        EventKind.RAISED,
        actor,
        now,
        to_forum=forum.id,
        changes={"status": [None, IssueStatus.NEW.value], "forum": [None, forum.key]},
    )
    return issue


def escalate_issue(
    session: Session,
    *,
    reference: str,
    target: str,
    reason: str,
    by: Actor,
    expected_version: int,
    skip_reason: str = "",
    graph: nx.MultiDiGraph | None = None,
) -> Issue:
    """Lift an issue up the agreed order; skipping a level needs its own stated reason."""
    issue, G, source = _routing(session, reference, expected_version, reason, graph, by)
    if target not in forums_above(G, source):
        raise IssueRefusedError("not_above", {"source": source, "target": target})
    skipped = is_skip(G, source, target)
    if skipped and not skip_reason.strip():
        raise IssueRefusedError("skip_reason_required", {"target": target})
    check_free_text({"reason": reason, "skip_reason": skip_reason})
    return move_issue(
        session,
        issue,
        source,
        target,
        EventKind.ESCALATED,
        IssueStatus.ESCALATED,
        by.name,
        reason if not skipped else f"{reason.strip()}\n\n{skip_reason.strip()}",
        skipped,
    )


def delegate_issue(
    session: Session,
    *,
    reference: str,
    target: str,
    reason: str,
    by: Actor,
    expected_version: int,
    graph: nx.MultiDiGraph | None = None,
) -> Issue:
    """Hand work down: to an agreed delegation target or a forum that feeds this one."""
    issue, G, source = _routing(session, reference, expected_version, reason, graph, by)
    if target not in {d.forum for d in delegation_targets(G, source)}:
        raise IssueRefusedError("not_below", {"source": source, "target": target})
    return move_issue(
        session,
        issue,
        source,
        target,
        EventKind.DELEGATED,
        IssueStatus.DELEGATED,
        by.name,
        reason,
        False,
    )


@dataclass(frozen=True)
class IssueEdit:
    """The fields a user edits in place; routing and status have actions of their own."""

    title: str
    description: str
    priority: Priority
    sharing: Sharing
    desired_outcome: str
    change_effective_on: date | None = None


def edit_issue(
    session: Session, *, reference: str, data: IssueEdit, by: Actor, expected_version: int
) -> Issue:
    """Change the issue's text and marking; the history keeps each field from and to."""
    issue, _ = _load(session, reference, expected_version, partial(can_route_issue, by))
    actor = by.name
    problems = _title_problems(data.title)
    if problems:
        raise InvalidInputError(problems)
    wanted = {
        "title": data.title.strip(),
        "description": data.description.strip(),
        "priority": data.priority.value,
        "sharing": data.sharing.value,
        "desired_outcome": data.desired_outcome.strip(),
        "change_effective_on": data.change_effective_on,
    }
    changes = {}
    for name, value in wanted.items():
        old = getattr(issue, name)
        if old != value:
            changes[name] = [jsonable(old), jsonable(value)]
            setattr(issue, name, value)
    if not changes:
        return issue
    now = datetime.now(UTC)
    issue.updated_at, issue.updated_by = now, actor
    session.add(issue)
    record_event(session, issue, EventKind.EDITED, actor, now, changes=changes)
    if "title" in changes or "description" in changes:
        forget_vector(session, issue.id)
    return issue


def _routing(
    session: Session,
    reference: str,
    expected_version: int,
    reason: str,
    graph: nx.MultiDiGraph | None,
    by: Actor,
) -> tuple[Issue, nx.MultiDiGraph, str]:
    """What moving an issue needs: the issue (not stale, `by` working where it is now), the
    forum graph, and where it is now."""
    issue, source = _load(session, reference, expected_version, partial(can_route_issue, by))
    if not reason.strip():
        raise IssueRefusedError("reason_required")
    return issue, structure_graph(session, graph), source


def change_status(
    session: Session,
    *,
    reference: str,
    status: IssueStatus,
    by: Actor,
    expected_version: int,
    reason: str = "",
) -> Issue:
    """Move along the lifecycle without changing forum (prepare, put on agenda, handle)."""
    if status in (
        IssueStatus.ESCALATED,
        IssueStatus.DELEGATED,
        IssueStatus.RESOLVED,
        IssueStatus.CLOSED,
    ):
        raise IssueRefusedError("use_own_action", {"status": status.value})
    issue, _ = _load(session, reference, expected_version, partial(can_route_issue, by))
    kind = (
        EventKind.REOPENED
        if issue.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED)
        else EventKind.STATUS
    )
    set_status(session, issue, status, kind, by.name, reason)
    return issue


def resolve_issue(
    session: Session,
    *,
    reference: str,
    outcome: str,
    by: Actor,
    expected_version: int,
    graph: nx.MultiDiGraph | None = None,
) -> Issue:
    """Resolving needs the outcome in words: it flows back to whoever raised the issue and to
    every forum on its way, in their inboxes until acknowledged."""
    issue, _ = _load(session, reference, expected_version, partial(can_resolve_issue, by))
    return record_resolution(session, issue, outcome, by.name, graph)


def record_resolution(
    session: Session, issue: Issue, outcome: str, actor: str, graph: nx.MultiDiGraph | None
) -> Issue:
    """Resolve with the outcome and send the feedback down the way taken. No permission
    check: `resolve_issue` and an approved meeting decision each make their own."""
    if not outcome.strip():
        raise IssueRefusedError("outcome_required")
    now = datetime.now(UTC)
    issue.outcome, issue.resolved_at = outcome.strip(), now
    event = set_status(
        session, issue, IssueStatus.RESOLVED, EventKind.RESOLVED, actor, outcome.strip(), now=now
    )
    session.flush()
    G = structure_graph(session, graph)
    notify_feedback(session, issue, event, G)
    _resolve_merged_originals(session, issue, actor, G)
    return issue


def _resolve_merged_originals(
    session: Session, issue: Issue, actor: str, G: nx.MultiDiGraph
) -> None:
    """Originals merged into this issue are resolved with it, by the forum that decided; each
    gets its own feedback."""
    for original in merged_originals(session, issue):
        if original.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
            continue
        record_resolution(session, original, f"{issue.outcome} ({issue.reference})", actor, G)


def close_issue(
    session: Session,
    *,
    reference: str,
    reason: str,
    by: Actor,
    expected_version: int,
) -> Issue:
    """Close without action: nothing is deleted, and the reason is kept."""
    issue, _ = _load(session, reference, expected_version, partial(can_resolve_issue, by))
    if not reason.strip():
        raise IssueRefusedError("reason_required")
    set_status(session, issue, IssueStatus.CLOSED, EventKind.CLOSED, by.name, reason.strip())
    return issue


def comment_issue(session: Session, *, reference: str, text: str, by: Actor) -> IssueEvent:
    """A comment is an event of its own; it does not change the issue, so it never goes stale."""
    issue = find_issue(session, reference)
    require(can_comment(by, path_keys(session, issue.id)))
    if not text.strip():
        raise IssueRefusedError("comment_required")
    check_free_text({"comment": text})
    return record_event(
        session, issue, EventKind.COMMENTED, by.name, datetime.now(UTC), reason=text.strip()
    )


def merged_originals(session: Session, issue: Issue) -> list[Issue]:
    """The issues merged into this one (see services.issues.duplicates)."""
    return list(
        session.exec(
            select(Issue)
            .join(IssueLink, IssueLink.issue_id == Issue.id)
            .where(IssueLink.other_id == issue.id, IssueLink.kind == IssueLinkKind.MERGED_INTO)
        )
    )


def _title_problems(title: str) -> list[tuple[str, str]]:
    if not title.strip():
        return [("title", "required")]
    if len(title.strip()) > 200:
        return [("title", "too_long")]
    return []


def _check_input(data: IssueInput) -> None:
    problems = _title_problems(data.title)
    if not data.forum:
        problems.append(("forum", "required"))
    if data.kind is IssueKind.CHANGE_NOTICE:
        if not data.affected:
            problems.append(("affected", "required_for_change_notice"))
        if data.change_effective_on is None:
            problems.append(("change_effective_on", "required_for_change_notice"))
    if any(not e.description.strip() for e in data.evidence):
        problems.append(("evidence", "required"))
    if any(e.count is not None and e.count < 0 for e in data.evidence):
        problems.append(("evidence", "negative_count"))
    if problems:
        raise InvalidInputError(problems)


def _free_text(data: IssueInput) -> Mapping[str, str]:
    texts = {
        "title": data.title,
        "description": data.description,
        "desired_outcome": data.desired_outcome,
    }
    for i, item in enumerate(data.evidence, start=1):
        texts[f"evidence_{i}"] = f"{item.description}\n{item.source}"
    return texts


def next_reference(session: Session, year: int) -> str:
    """SAM-YYYY-NNNN, counted per year in one row; concurrent writers queue on that row."""
    bump = (
        update(ReferenceCounter)
        .where(ReferenceCounter.year == year)
        .values(last=ReferenceCounter.last + 1)
        .returning(ReferenceCounter.last)
    )
    number = session.execute(bump).scalar()
    if number is None:
        if add_unless_there(session, ReferenceCounter(year=year, last=1)):
            number = 1
        else:  # another writer created the year's row first
            number = session.execute(bump).scalar()
    return f"SAM-{year}-{number:04d}"


def _load(
    session: Session, reference: str, expected_version: int, rule: Callable[[str], Decision]
) -> tuple[Issue, str]:
    """The issue and the forum it is at, once the rule allows acting there and the caller's
    view is current (in that order: a refused user learns nothing of who changed it)."""
    issue = find_issue(session, reference)
    forum = key_of(session, Forum, issue.forum_id)
    require(rule(forum))
    if issue.version != expected_version:
        raise StaleError("issue", reference, issue.updated_by, issue.updated_at)
    return issue, forum


MOVED_WORDS = {
    EventKind.ESCALATED: "frågan lyftes till",
    EventKind.DELEGATED: "frågan delegerades till",
    EventKind.SENT_BACK: "frågan skickades tillbaka till",
    EventKind.MERGED: "frågan slogs ihop i",
}
FINISHED_WORDS = {IssueStatus.RESOLVED: "frågan löstes", IssueStatus.CLOSED: "frågan avslutades"}
"""Why an issue left the coming agendas it stood on (the meeting's history says it)."""


def move_issue(
    session: Session,
    issue: Issue,
    source: str,
    target: str,
    kind: EventKind,
    status: IssueStatus,
    actor: str,
    reason: str,
    skipped: bool,
) -> Issue:
    """Move the issue to `target` with its event. No permission check: callers make it."""
    check_transition(IssueStatus(issue.status), status)
    destination = row_by_key(session, Forum, target, IssueRefusedError)
    source_id, old_status = issue.forum_id, issue.status
    now = datetime.now(UTC)
    issue.forum_id, issue.status = destination.id, status.value
    issue.updated_at, issue.updated_by = now, actor
    session.add(issue)
    record_event(
        session,
        issue,
        kind,
        actor,
        now,
        from_forum=source_id,
        to_forum=destination.id,
        reason=reason.strip(),
        skipped=skipped,
        changes={"status": [old_status, status.value], "forum": [source, target]},
    )
    leave_coming_agendas(
        session,
        issue,
        actor=actor,
        why=f"{MOVED_WORDS.get(kind, 'frågan flyttades till')} {destination.name}",
    )
    return issue


def set_status(
    session: Session,
    issue: Issue,
    status: IssueStatus,
    kind: EventKind,
    actor: str,
    reason: str,
    now: datetime | None = None,
) -> IssueEvent:
    """Change the status along the lifecycle, with its event. No permission check."""
    check_transition(IssueStatus(issue.status), status)
    now = now or datetime.now(UTC)
    old = issue.status
    issue.status, issue.updated_at, issue.updated_by = status.value, now, actor
    session.add(issue)
    event = record_event(
        session,
        issue,
        kind,
        actor,
        now,
        reason=reason.strip(),
        changes={"status": [old, status.value]},
    )
    if status in FINISHED_WORDS:
        leave_coming_agendas(session, issue, actor=actor, why=FINISHED_WORDS[status])
    return event


__all__ = [
    "EvidenceInput",
    "InvalidInputError",
    "IssueEdit",
    "IssueInput",
    "IssueRefusedError",
    "StaleError",
    "change_status",
    "close_issue",
    "comment_issue",
    "delegate_issue",
    "edit_issue",
    "escalate_issue",
    "raise_issue",
    "resolve_issue",
]
