"""Feedback (återkoppling) and following: the outcome flows back down the way the issue came.

An inbox entry is a Notification to a person or a forum, kept until acknowledged. Persons are
named as they sign their actions (the signed-in user's display name).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import networkx as nx
from sqlalchemy import distinct, exists, func, or_, union_all, update
from sqlmodel import Session, select

from escalation import feedback_path
from models import Forum, Issue, IssueEvent, IssueFollower, Notification
from models.db import add_unless_there
from models.vocabulary import EventKind
from services.issues.history import record_event
from services.issues.lookup import readable_issue
from services.permissions import Actor, Decision, require, visible_forums

FEEDBACK = "feedback"
"""A notification carrying an outcome back; the other kind, "change", is for followers
(services.issues.history)."""


def taken_path(session: Session, issue: Issue, keys: dict[int, str] | None = None) -> list[str]:
    """The forums the issue actually went through, from its origin to where it is now."""
    keys = keys if keys is not None else _forum_keys(session)
    path = [keys[issue.origin_forum_id]]
    moves = session.exec(
        select(IssueEvent.to_forum_id)
        .where(
            IssueEvent.issue_id == issue.id,
            IssueEvent.kind.in_(
                [EventKind.ESCALATED, EventKind.DELEGATED, EventKind.MERGED, EventKind.SENT_BACK]
            ),
        )
        .order_by(IssueEvent.id)
    )
    path += [keys[forum_id] for forum_id in moves if forum_id]
    return path


def notify_feedback(
    session: Session, issue: Issue, event: IssueEvent, G: nx.MultiDiGraph
) -> list[Notification]:
    """The outcome to whoever raised the issue and to every forum it passed on its way up."""
    keys = _forum_keys(session)
    ids = {key: forum_id for forum_id, key in keys.items()}
    path = taken_path(session, issue, keys)
    back = feedback_path(G, path[0], path[-1], taken=_climb(path))
    notes = [
        Notification(issue_id=issue.id, event_id=event.id, kind=FEEDBACK, person=issue.raised_by)
    ]
    notes += [
        Notification(issue_id=issue.id, event_id=event.id, kind=FEEDBACK, forum_id=ids[key])
        for key in back[1:]
    ]
    if len(back) == 1:  # resolved where it was raised: the forum itself still hears of it
        notes.append(
            Notification(issue_id=issue.id, event_id=event.id, kind=FEEDBACK, forum_id=ids[back[0]])
        )
    session.add_all(notes)
    return notes


def notify_returned(
    session: Session, issue: Issue, event: IssueEvent, forum_id: int
) -> list[Notification]:
    """An issue sent back down with a reason: the forum it returns to and whoever raised it
    hear why, in their inboxes until acknowledged."""
    notes = [
        Notification(issue_id=issue.id, event_id=event.id, kind=FEEDBACK, person=issue.raised_by),
        Notification(issue_id=issue.id, event_id=event.id, kind=FEEDBACK, forum_id=forum_id),
    ]
    session.add_all(notes)
    return notes


def _forum_keys(session: Session) -> dict[int, str]:
    return dict(session.exec(select(Forum.id, Forum.key)).all())


def _climb(path: list[str]) -> list[str]:
    """The way as walked, with any loop back down (a delegation) cut out."""
    out: list[str] = []
    for key in path:
        if key in out:
            out = out[: out.index(key) + 1]
        else:
            out.append(key)
    return out


def follow_issue(session: Session, *, reference: str, by: Actor, email: str = "") -> None:
    """Anyone who may read the issue may follow it."""
    issue = readable_issue(session, reference, by)
    row = session.exec(
        select(IssueFollower).where(
            IssueFollower.issue_id == issue.id, IssueFollower.person == by.name
        )
    ).first()
    if row is not None:
        row.email = email or row.email
        session.add(row)
    # following twice at once (two tabs) is following: the second insert is no error
    elif (
        not add_unless_there(session, IssueFollower(issue_id=issue.id, person=by.name, email=email))
        and email
    ):
        follow_issue(session, reference=reference, by=by, email=email)


def unfollow_issue(session: Session, *, reference: str, by: Actor) -> None:
    issue = readable_issue(session, reference, by)
    for row in session.exec(
        select(IssueFollower).where(
            IssueFollower.issue_id == issue.id, IssueFollower.person == by.name
        )
    ):
        session.delete(row)


def is_following(session: Session, *, reference: str, person: str) -> bool:
    return (
        session.exec(
            select(IssueFollower.id)
            .join(Issue, Issue.id == IssueFollower.issue_id)
            .where(Issue.reference == reference, IssueFollower.person == person)
        ).first()
        is not None
    )


@dataclass(frozen=True)
class InboxEntry:
    id: int
    kind: str
    reference: str
    title: str
    event: str
    actor: str
    text: str
    at: datetime
    to_forum: str | None
    """The forum it is addressed to; None when addressed to the person."""
    changes: dict


def inbox_forums(by: Actor, chosen: Iterable[str] | None = None) -> set[str]:
    """The forums whose inbox `by` reads: the chosen ones they may read (default: their own)."""
    allowed = visible_forums(by)
    wanted = set(chosen) if chosen is not None else by.forums()
    return wanted if allowed is None else wanted & allowed


def inbox(
    session: Session,
    *,
    by: Actor,
    forums: Iterable[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[InboxEntry], int]:
    """Unacknowledged entries for the person and their forums, newest first, with how many
    changes they tell of (one change reaching the person and two forums is one card)."""
    open_ = _open_for(by, forums).subquery()
    where = [Notification.id.in_(select(open_.c.id))]
    total = session.exec(select(func.count(distinct(Notification.event_id))).where(*where)).one()
    # the page's ids first, from the two indexed searches, then only their rows: in one
    # statement PostgreSQL walked the country's entries newest first (69,000 rows, 9 ms) to
    # meet the reader's few hundred, and SQLite did as much unless the ids were DISTINCT
    # and the rows asked for apart
    page = session.exec(
        select(open_.c.id).distinct().order_by(open_.c.id.desc()).offset(offset).limit(limit)
    ).all()
    rows = session.exec(
        select(
            Notification.id,
            Notification.kind,
            Issue.reference,
            Issue.title,
            IssueEvent.kind,
            IssueEvent.actor,
            IssueEvent.reason,
            IssueEvent.at,
            Forum.name,
            IssueEvent.changes,
        )
        .join(Issue, Issue.id == Notification.issue_id)
        .join(IssueEvent, IssueEvent.id == Notification.event_id)
        .outerjoin(Forum, Forum.id == Notification.forum_id)
        .where(Notification.id.in_(page))
        .order_by(Notification.id.desc())
    )
    return [InboxEntry(*r) for r in rows], total


def _open_for(by: Actor, forums: Iterable[str] | None):  # noqa: ANN202 - SQL subquery
    """The ids of unacknowledged entries to the person and to the forums, one indexed search
    each ((person, acknowledged_at), (forum_id, acknowledged_at)): with `OR` SQLite read every
    unacknowledged entry of the country (9 ms at 73,000 entries, on each rerun of the inbox)."""
    open_ = Notification.acknowledged_at.is_(None)
    return union_all(
        select(Notification.id).where(Notification.person == by.name, open_),
        select(Notification.id).where(Notification.forum_id.in_(_forum_ids(by, forums)), open_),
    )


def _addressed_to(by: Actor, forums: Iterable[str] | None):  # noqa: ANN202 - SQL condition
    return or_(Notification.person == by.name, Notification.forum_id.in_(_forum_ids(by, forums)))


def _forum_ids(by: Actor, forums: Iterable[str] | None):  # noqa: ANN202 - SQL subquery
    """The ids of the forums whose inbox `by` reads (of `forums`, if given)."""
    return select(Forum.id).where(Forum.key.in_(inbox_forums(by, forums)))


def acknowledge(session: Session, *, notification_id: int, by: Actor) -> None:
    """Only what is addressed to `by`, or to a forum whose inbox they read."""
    acknowledge_all(session, notification_ids=[notification_id], by=by)


def acknowledge_all(session: Session, *, notification_ids: Iterable[int], by: Actor) -> int:
    """Several entries at once (a card holding one change to the person and their forums, or
    the whole inbox); refused whole if any is not addressed to `by`. Returns how many."""
    wanted = set(notification_ids)
    # locked until this transaction ends: a second tab waits, then sees them acknowledged
    # (SQLite lets one writer through and refuses the other as a concurrent change)
    notes = session.exec(
        select(Notification)
        .where(Notification.id.in_(wanted), _addressed_to(by, None))
        .order_by(Notification.id)
        .with_for_update()
    ).all()
    require(Decision(len(notes) == len(wanted), "not_addressed"))
    for note in notes:
        _acknowledge(session, note, by)
    return len(notes)


def _acknowledge(session: Session, note: Notification, by: Actor) -> None:
    """Once, whoever acknowledges first: acknowledge_all holds the rows (several tabs
    acknowledging at once write one history event, not one each)."""
    if note.acknowledged_at is None:
        now = datetime.now(UTC)
        note.acknowledged_at, note.acknowledged_by = now, by.name
        session.add(note)
        if note.kind == FEEDBACK:
            record_event(
                session,
                session.get(Issue, note.issue_id),
                EventKind.ACKNOWLEDGED,
                by.name,
                now,
                notify=False,
                changes={"acknowledged": [None, _addressee(session, note)]},
            )


def follow_state(session: Session, *, issue_id: int, person: str) -> tuple[bool | None, bool]:
    """Whether the feedback reached the origin (None before any, then whether the person or
    forum it went back to has acknowledged it) and whether `person` follows the issue, in one
    statement: an issue's page shows both on every rerun, and read with the issue's row they
    were three."""
    following = exists().where(IssueFollower.issue_id == issue_id, IssueFollower.person == person)
    sent, acknowledged, follows = session.exec(
        select(func.count(Notification.id), func.count(Notification.acknowledged_at), following)
        .select_from(Issue)
        .outerjoin(
            Notification,
            (Notification.issue_id == Issue.id)
            & (Notification.kind == FEEDBACK)
            & or_(
                Notification.person == Issue.raised_by,
                Notification.forum_id == Issue.origin_forum_id,
            ),
        )
        .where(Issue.id == issue_id)
    ).one()
    return (acknowledged > 0 if sent else None), bool(follows)


def feedback_reached_origin(session: Session, issue: Issue) -> bool | None:
    """None before any feedback; then whether the origin (person or forum) has acknowledged it."""
    return follow_state(session, issue_id=issue.id, person="")[0]


def _addressee(session: Session, note: Notification) -> str:
    if note.person:
        return note.person
    return session.exec(select(Forum.name).where(Forum.id == note.forum_id)).one()


def carry_over_name(session: Session, *, old: str, new: str, by: Actor) -> int:
    """A person renamed keeps their inbox, what they follow and the issues they raised (whose
    feedback is addressed to them): the name moves along, each issue noting it in its history.
    Returns how many issues carried the old name."""
    if not old or old == new:
        return 0
    session.execute(update(Notification).where(Notification.person == old).values(person=new))
    session.execute(update(IssueFollower).where(IssueFollower.person == old).values(person=new))
    issues = session.exec(select(Issue).where(Issue.raised_by == old)).all()
    now = datetime.now(UTC)
    for issue in issues:
        issue.raised_by = new
        session.add(issue)
        record_event(
            session,
            issue,
            EventKind.EDITED,
            by.name,
            now,
            notify=False,
            changes={"raised_by": [old, new]},
        )
    return len(issues)
