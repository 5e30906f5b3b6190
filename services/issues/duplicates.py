"""The same issue raised in several places: link them, or merge them into one at a higher forum.

A merged original keeps its link, moves up with the merged issue, and is resolved with it, so
its own raiser and forums get the outcome along its own way.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import networkx as nx
from sqlmodel import Session, select

from escalation import forums_above
from models import Forum, Issue, IssueLink, IssueOrganisation, IssueTheme, Organisation
from models.vocabulary import EventKind, IssueKind, IssueLinkKind, IssueStatus, Theme
from services.issues.errors import IssueRefusedError
from services.issues.history import record_event
from services.issues.lifecycle import OPEN, check_transition
from services.issues.lookup import (
    add_to_path,
    find_issue,
    path_forum_ids,
    path_keys,
    readable_issue,
)
from services.issues.use_cases import IssueInput, merged_originals, raise_issue
from services.permissions import (
    Actor,
    can_raise_issue,
    can_read_issue,
    can_route_issue,
    require,
)
from services.structure.keys import key_of, row_by_key
from services.structure.read import structure_graph


def link_issues(session: Session, *, reference: str, other: str, by: Actor) -> Issue:
    """Link two issues both ways; returns the other one. Linking twice is once.

    Someone working where the issue is now, who may also read the other one.
    """
    issue, linked = find_issue(session, reference), readable_issue(session, other, by)
    require(can_route_issue(by, key_of(session, Forum, issue.forum_id)))
    if issue.id == linked.id:
        raise IssueRefusedError("link_self", {"reference": reference})
    exists = session.exec(
        select(IssueLink).where(
            IssueLink.issue_id.in_([issue.id, linked.id]),
            IssueLink.other_id.in_([issue.id, linked.id]),
        )
    ).first()
    if exists:
        return linked
    session.add(IssueLink(issue_id=issue.id, other_id=linked.id, kind=IssueLinkKind.RELATED))
    now = datetime.now(UTC)
    for a, b in ((issue, linked), (linked, issue)):
        record_event(
            session,
            a,
            EventKind.LINKED,
            by.name,
            now,
            reason=b.reference,
            changes={"linked": [None, b.reference]},
        )
    return linked


@dataclass(frozen=True)
class MergeInput:
    references: tuple[str, ...]
    forum: str
    title: str
    description: str
    reason: str


def merge_issues(
    session: Session, *, data: MergeInput, by: Actor, graph: nx.MultiDiGraph | None = None
) -> Issue:
    """One new issue at `forum`, which must lie up the order from every original.

    Done by someone who may log issues at `forum` and read every original; the merged issue is
    readable from every forum the originals came through.
    """
    require(can_raise_issue(by, data.forum))
    if len(set(data.references)) < 2:
        raise IssueRefusedError("merge_needs_two")
    if not data.reason.strip():
        raise IssueRefusedError("reason_required")
    G = structure_graph(session, graph)
    originals = [readable_issue(session, r, by) for r in dict.fromkeys(data.references)]
    for original in originals:
        if original.status not in OPEN:
            raise IssueRefusedError("merge_not_open", {"reference": original.reference})
        if data.forum not in forums_above(G, key_of(session, Forum, original.forum_id)):
            raise IssueRefusedError(
                "not_above", {"source": original.reference, "target": data.forum}
            )
    orgs = {k for o in originals for k in _org_keys(session, o)}
    themes = {
        Theme(th)
        for o in originals
        for th in session.exec(select(IssueTheme.theme).where(IssueTheme.issue_id == o.id))
    }
    merged = raise_issue(
        session,
        by=by,
        data=IssueInput(
            title=data.title,
            description=data.description,
            kind=IssueKind.CHALLENGE,
            forum=data.forum,
            organisations=tuple(sorted(orgs)),
            themes=tuple(sorted(themes)),
        ),
    )
    session.flush()
    target = row_by_key(session, Forum, data.forum, IssueRefusedError)
    now = datetime.now(UTC)
    for original in originals:
        check_transition(IssueStatus(original.status), IssueStatus.ESCALATED)
        session.add(
            IssueLink(issue_id=original.id, other_id=merged.id, kind=IssueLinkKind.MERGED_INTO)
        )
        source = original.forum_id
        old = original.status
        original.forum_id, original.status = target.id, IssueStatus.ESCALATED.value
        original.updated_at, original.updated_by = now, by.name
        session.add(original)
        add_to_path(session, merged.id, path_forum_ids(session, original.id))
        record_event(
            session,
            original,
            EventKind.MERGED,
            by.name,
            now,
            from_forum=source,
            to_forum=target.id,
            reason=f"{merged.reference}: {data.reason.strip()}",
            changes={
                "status": [old, IssueStatus.ESCALATED.value],
                "merged_into": [None, merged.reference],
            },
        )
    return merged


def linked_references(
    session: Session, issue_id: int, by: Actor | None
) -> list[tuple[str, str | None, str]]:
    """(reference, title, how) for every issue linked to the issue of that id, in either
    direction; the title is None where `by` may not read the linked issue."""
    out = []
    for link in session.exec(
        select(IssueLink).where((IssueLink.issue_id == issue_id) | (IssueLink.other_id == issue_id))
    ):
        other_id = link.other_id if link.issue_id == issue_id else link.issue_id
        other = session.get(Issue, other_id)
        how = link.kind
        if link.kind == IssueLinkKind.MERGED_INTO:
            how = "merged_into" if link.issue_id == issue_id else "merged_from"
        readable = can_read_issue(by, path_keys(session, other.id))
        out.append((other.reference, other.title if readable else None, how))
    return sorted(out)


def _org_keys(session: Session, issue: Issue) -> list[str]:
    return list(
        session.exec(
            select(Organisation.key)
            .join(IssueOrganisation, IssueOrganisation.organisation_id == Organisation.id)
            .where(IssueOrganisation.issue_id == issue.id)
        )
    )


__all__ = ["MergeInput", "link_issues", "linked_references", "merge_issues", "merged_originals"]
