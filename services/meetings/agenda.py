"""The agenda a forum's chair is offered: pure rules over what is queued, carried over and due.

Order (the builder's proposal, which the chair then reorders): the template's opening items;
items carried over from the last meeting; issues lifted in from below; the rest of the queue by
priority, then by how long it has waited; follow-up of agreed actions falling due; reviews of
the forum's agreed effects falling due (effect follow-up); the template's closing items. An
issue that arrived after the cut-off goes to the next meeting.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.vocabulary import ItemKind, Priority
from services.meetings.dates import in_time

OPENING = ("Mötets öppnande och val av justerare", "Föregående protokoll", "Aktuellt från parterna")
CLOSING = ("Övriga frågor", "Nästa möte")
STANDING_MINUTES = 5
ISSUE_MINUTES = {Priority.HIGH: 30, Priority.NORMAL: 20, Priority.LOW: 15}
ACTIONS_MINUTES = 10
FREE_MINUTES = 10
"""A free item added without a time; the chair changes it in the agenda table."""
REVIEW_MINUTES = 15
_RANK = {Priority.HIGH: 0, Priority.NORMAL: 1, Priority.LOW: 2}


@dataclass(frozen=True)
class QueuedIssue:
    reference: str
    title: str
    priority: Priority
    arrived: date
    """When it reached this forum (or was raised here)."""
    lifted_in: bool = False
    """It came up from a forum below."""
    carried_times: int = 0
    proposed_decision: str = ""
    came_from: int | None = None
    """The id of the forum it was lifted from, if it was lifted here."""


@dataclass(frozen=True)
class DueAction:
    id: int
    title: str
    due_on: date | None
    organisation: str = ""


@dataclass(frozen=True)
class DueReview:
    """An effect the forum agreed whose review falls due."""

    effect_id: int
    statement: str
    due_on: date


@dataclass(frozen=True)
class ProposedItem:
    kind: ItemKind
    title: str
    minutes: int
    reason: str
    """opening, carried, lifted_in, queued, actions_due, reviews_due or closing: why it is
    proposed."""
    reference: str | None = None
    carried_times: int = 0
    proposed_decision: str = ""


@dataclass(frozen=True)
class Proposal:
    items: list[ProposedItem]
    late: list[QueuedIssue]
    """Arrived after the cut-off: they go to the next meeting."""


def propose_agenda(
    *,
    meeting_day: date,
    cutoff_days: int,
    queue: Sequence[QueuedIssue],
    carried: Sequence[QueuedIssue] = (),
    due_actions: Sequence[DueAction] = (),
    due_reviews: Sequence[DueReview] = (),
    opening: Sequence[str] = OPENING,
    closing: Sequence[str] = CLOSING,
) -> Proposal:
    """The proposed agenda for one meeting.

    Examples
    --------
    >>> q = [QueuedIssue("SAM-1", "Intyg", Priority.NORMAL, date(2026, 11, 1)),
    ...      QueuedIssue("SAM-2", "Planer", Priority.NORMAL, date(2026, 10, 1), lifted_in=True),
    ...      QueuedIssue("SAM-3", "Sent", Priority.HIGH, date(2026, 12, 5))]
    >>> p = propose_agenda(meeting_day=date(2026, 12, 9), cutoff_days=10, queue=q,
    ...                    opening=(), closing=())
    >>> [i.reference for i in p.items], [i.reference for i in p.late]
    (['SAM-2', 'SAM-1'], ['SAM-3'])
    """
    items = [
        ProposedItem(ItemKind.STANDING, title, STANDING_MINUTES, "opening") for title in opening
    ]
    seen = set()
    for issue in carried:
        seen.add(issue.reference)
        items.append(_issue_item(issue, "carried", issue.carried_times + 1))
    on_time = [
        i for i in queue if i.reference not in seen and in_time(i.arrived, meeting_day, cutoff_days)
    ]
    late = [i for i in queue if i.reference not in seen and i not in on_time]
    for issue in sorted(
        on_time, key=lambda i: (not i.lifted_in, _RANK[i.priority], i.arrived, i.reference)
    ):
        items.append(
            _issue_item(issue, "lifted_in" if issue.lifted_in else "queued", issue.carried_times)
        )
    due = [a for a in due_actions if a.due_on is None or a.due_on <= meeting_day]
    if due:
        listing = "; ".join(
            a.title for a in sorted(due, key=lambda a: (a.due_on or meeting_day, a.id))
        )
        items.append(
            ProposedItem(
                ItemKind.ACTIONS,
                one_line(f"Uppföljning av åtgärder: {listing}")[:300],
                ACTIONS_MINUTES,
                "actions_due",
            )
        )
    items += [
        ProposedItem(
            ItemKind.STANDING,
            one_line(f"Avstämning av effekt: {r.statement}")[:300],
            REVIEW_MINUTES,
            "reviews_due",
        )
        for r in sorted(due_reviews, key=lambda r: (r.due_on, r.effect_id))
        if r.due_on <= meeting_day
    ]
    items += [
        ProposedItem(ItemKind.STANDING, title, STANDING_MINUTES, "closing") for title in closing
    ]
    return Proposal(items, late)


def one_line(text: str) -> str:
    """A title made of others' texts, on one line (an agenda item's title is one line)."""
    return " ".join(text.split())


def _issue_item(issue: QueuedIssue, reason: str, carried_times: int) -> ProposedItem:
    return ProposedItem(
        ItemKind.ISSUE,
        f"{issue.title} ({issue.reference})"[:300],
        ISSUE_MINUTES[issue.priority],
        reason,
        issue.reference,
        carried_times,
        issue.proposed_decision,
    )
