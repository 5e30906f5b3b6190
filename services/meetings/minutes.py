"""The minutes: a decision per agenda item, recorded during or after the meeting, and the
approval (justering) that applies every decision to its issue in one transaction.

An issue item left without a decision is carried over: it comes back on the proposal for the
forum's next meeting. Resolving sends the feedback down the issue's way, exactly as resolving
from the issue's page does.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import networkx as nx
from sqlmodel import Session, select

from escalation import delegation_targets, forums_above, is_skip
from models import AgendaItem, AgreedAction, Forum, Issue, ItemDecision, Meeting, Organisation
from models.vocabulary import DecisionKind, EventKind, ItemKind, MeetingStatus
from services.issues.decided import apply_decision
from services.issues.history import record_event
from services.issues.lifecycle import OPEN
from services.meetings.agenda import one_line
from services.meetings.agenda_items import items_of, label_of
from services.meetings.errors import MeetingRefusedError
from services.meetings.meetings import advance, current, editable, load, touch
from services.meetings.queries import meeting_view
from services.meetings.standing import without_decision
from services.permissions import Actor, can_approve_minutes, require
from services.personal_data import check_free_text
from services.structure.keys import ids_by_key
from services.structure.read import structure_graph

ISSUE_ONLY = {
    DecisionKind.RESOLVED,
    DecisionKind.LIFTED,
    DecisionKind.DELEGATED,
    DecisionKind.CARRIED_OVER,
}
NEEDS_TEXT = {
    DecisionKind.RESOLVED: "outcome_required",
    DecisionKind.DELEGATED: "mandate_required",
    DecisionKind.NOTED: "reason_required",
    DecisionKind.LIFTED: "reason_required",
}
RECORDING = (MeetingStatus.PUBLISHED, MeetingStatus.HELD)
OVERTAKEN = (
    "Beslutet tillämpades inte: frågan hade redan lämnat forumet eller avslutats när "
    "protokollet justerades."
)


@dataclass(frozen=True)
class ActionInput:
    title: str
    organisation: str | None
    """The owner organisation's key."""
    responsible: str = ""
    due_on: date | None = None


@dataclass(frozen=True)
class DecisionInput:
    kind: DecisionKind
    text: str = ""
    target: str | None = None
    """The forum it is lifted or delegated to."""
    due_on: date | None = None
    actions: tuple[ActionInput, ...] = field(default_factory=tuple)
    skip_reason: str = ""
    """Why a lift passes over the next level; needed exactly when it does."""


def record_decision(
    session: Session,
    *,
    meeting_id: int,
    item_id: int,
    data: DecisionInput,
    by: Actor,
    expected_version: int,
    graph: nx.MultiDiGraph | None = None,
) -> ItemDecision:
    """The forum's decision on one item; applied to the issue when the minutes are approved."""
    meeting, forum = editable(session, meeting_id, expected_version, by, *RECORDING)
    item = _item(session, meeting, item_id)
    _check(session, item, forum, data, graph)
    decision = session.exec(select(ItemDecision).where(ItemDecision.item_id == item.id)).first()
    if decision is not None and decision.applied_at is not None:
        raise MeetingRefusedError("already_applied", {"item": str(item.position)})
    target_id = (
        ids_by_key(session, Forum, [data.target], MeetingRefusedError)[data.target]
        if data.target
        else None
    )
    decision = decision or ItemDecision(item_id=item.id, kind=data.kind.value)
    decision.kind, decision.text, decision.target_forum_id = (
        data.kind.value,
        data.text.strip(),
        target_id,
    )
    decision.skip_reason = data.skip_reason.strip() if data.kind is DecisionKind.LIFTED else ""
    decision.due_on, decision.recorded_by = data.due_on, by.name
    decision.recorded_at = datetime.now(UTC)
    decision.actions = [
        {
            "title": a.title.strip(),
            "organisation": a.organisation,
            "responsible": a.responsible.strip(),
            "due_on": a.due_on.isoformat() if a.due_on else None,
        }
        for a in data.actions
    ]
    session.add(decision)
    touch(session, meeting)
    return decision


def set_notes(
    session: Session, *, meeting_id: int, notes: str, by: Actor, expected_version: int
) -> Meeting:
    """General minutes text beside the decisions (e.g. what was reported from the parties)."""
    meeting, _forum = editable(session, meeting_id, expected_version, by, *RECORDING)
    meeting.notes = notes.strip()
    session.add(meeting)
    return meeting


def approve_minutes(
    session: Session,
    *,
    meeting_id: int,
    by: Actor,
    expected_version: int,
    graph: nx.MultiDiGraph | None = None,
    carry_over: bool = False,
) -> Meeting:
    """Justering: every decision is applied to its issue, agreed actions are created; items
    without a decision are recorded as the minutes record them (standing items "Antecknas",
    the justerare named) and issues without one are carried over, which the approver must
    have agreed to (`carry_over`); all in this one transaction."""
    meeting, forum = load(session, meeting_id, by)
    require(can_approve_minutes(by, forum, meeting.adjuster_id))
    current(session, meeting, expected_version)
    if meeting.status == MeetingStatus.APPROVED:
        raise MeetingRefusedError("already_approved")
    if meeting.status != MeetingStatus.HELD:
        raise MeetingRefusedError("not_held")
    G = structure_graph(session, graph)
    now = datetime.now(UTC)
    items = items_of(session, meeting.id)
    decisions = {
        d.item_id: d
        for d in session.exec(
            select(ItemDecision).where(ItemDecision.item_id.in_([i.id for i in items]))
        )
    }
    undecided = [i for i in items if i.id not in decisions and i.issue_id is not None]
    if undecided and not carry_over:
        raise MeetingRefusedError(
            "undecided", {"items": ", ".join(f"§ {i.position}" for i in undecided)}
        )
    view = meeting_view(session, meeting.id, by=by)
    for item in items:
        decision = decisions.get(item.id)
        if decision is None:
            kind, text = without_decision(
                ItemKind(item.kind),
                item.title,
                adjuster=view.approver,
                next_meeting=view.next_meeting,
            )
            decision = ItemDecision(
                item_id=item.id, kind=kind.value, text=text, recorded_by=by.name, recorded_at=now
            )
        if decision.applied_at is not None:
            continue
        _apply(session, meeting, item, decision, G, by.name)
        decision.applied_at = now
        session.add(decision)
    meeting.approved_by = by.name
    return advance(session, meeting, MeetingStatus.APPROVED, by.name)


def _apply(
    session: Session,
    meeting: Meeting,
    item: AgendaItem,
    decision: ItemDecision,
    G: nx.MultiDiGraph,
    actor: str,
) -> None:
    kind = DecisionKind(decision.kind)
    label = f"{label_of(session, meeting)}, § {item.position}"
    target = (
        session.exec(select(Forum.key).where(Forum.id == decision.target_forum_id)).one()
        if decision.target_forum_id
        else None
    )
    if item.issue_id is not None:
        issue = session.get(Issue, item.issue_id)
        if issue.forum_id != meeting.forum_id or issue.status not in OPEN:
            # overtaken: the minutes keep what was decided, the issue keeps where it went
            record_event(
                session,
                issue,
                EventKind.AGENDA,
                actor,
                datetime.now(UTC),
                reason=f"{label}: {OVERTAKEN}",
                changes={"overtaken": [None, label]},
                notify=False,
            )
        else:
            apply_decision(
                session,
                issue,
                kind,
                text=decision.text,
                target=target,
                label=label,
                actor=actor,
                G=G,
                skip_reason=decision.skip_reason,
            )
    if kind is DecisionKind.DELEGATED and target is not None:
        session.add(
            AgreedAction(
                forum_id=decision.target_forum_id,
                meeting_id=meeting.id,
                item_id=item.id,
                issue_id=item.issue_id,
                title=one_line(f"Uppdrag: {decision.text}")[:300],
                due_on=decision.due_on,
                is_demo=meeting.is_demo,
            )
        )
    orgs = ids_by_key(
        session,
        Organisation,
        {a["organisation"] for a in decision.actions if a.get("organisation")},
        MeetingRefusedError,
    )
    for action in decision.actions:
        session.add(
            AgreedAction(
                forum_id=meeting.forum_id,
                meeting_id=meeting.id,
                item_id=item.id,
                issue_id=item.issue_id,
                title=one_line(action["title"])[:300],
                organisation_id=orgs.get(action.get("organisation")),
                responsible=action.get("responsible", "")[:200],
                due_on=date.fromisoformat(action["due_on"]) if action.get("due_on") else None,
                is_demo=meeting.is_demo,
            )
        )


def _check(
    session: Session,
    item: AgendaItem,
    forum: str,
    data: DecisionInput,
    graph: nx.MultiDiGraph | None,
) -> None:
    if data.kind in ISSUE_ONLY and item.issue_id is None:
        raise MeetingRefusedError("issue_decision_only", {"kind": data.kind.value})
    free_note = data.kind is DecisionKind.NOTED and item.issue_id is None
    if data.kind in NEEDS_TEXT and not data.text.strip() and not free_note:
        raise MeetingRefusedError(NEEDS_TEXT[data.kind])
    if data.kind in (DecisionKind.LIFTED, DecisionKind.DELEGATED):
        G = structure_graph(session, graph)
        allowed = (
            forums_above(G, forum)
            if data.kind is DecisionKind.LIFTED
            else {d.forum for d in delegation_targets(G, forum)}
        )
        if data.target not in allowed:
            raise MeetingRefusedError(
                "not_above" if data.kind is DecisionKind.LIFTED else "not_below",
                {"target": str(data.target)},
            )
        if (
            data.kind is DecisionKind.LIFTED
            and is_skip(G, forum, data.target)
            and not data.skip_reason.strip()
        ):
            raise MeetingRefusedError("skip_reason_required", {"target": str(data.target)})
    if data.kind is DecisionKind.ACTIONS:
        if not data.actions:
            raise MeetingRefusedError("actions_required")
        for action in data.actions:
            if not action.title.strip() or not action.organisation:
                raise MeetingRefusedError("action_incomplete")
        ids_by_key(
            session, Organisation, {a.organisation for a in data.actions}, MeetingRefusedError
        )
    texts = {"decision": data.text, "skip_reason": data.skip_reason}
    for n, action in enumerate(data.actions, start=1):
        texts |= {f"action_{n}": action.title, f"responsible_{n}": action.responsible}
    check_free_text(texts)
    if item.kind != ItemKind.ISSUE and data.kind not in (DecisionKind.NOTED, DecisionKind.ACTIONS):
        raise MeetingRefusedError("issue_decision_only", {"kind": data.kind.value})


def _item(session: Session, meeting: Meeting, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise MeetingRefusedError("unknown_item")
    return item
