"""A meeting as the documents people send: the notice with agenda, the minutes, and the
calendar entry. Built from the meeting as the page shows it; the documents are in Swedish, the
language the agencies write their minutes in."""

from datetime import date

import networkx as nx

from escalation import forum
from exports.ics import CalendarEntry
from exports.meeting_documents import DocAction, DocItem, MeetingDoc
from models import formats
from models.clock import local
from models.vocabulary import DecisionKind, ItemKind, MeetingStatus
from services.meetings.queries import ItemView, MeetingView
from services.meetings.standing import without_decision

DECISION_WORDS = {
    DecisionKind.RESOLVED: "Frågan är löst.",
    DecisionKind.LIFTED: "Frågan lyfts till {forum}.",
    DecisionKind.DELEGATED: "Frågan delegeras till {forum}{due}.",
    DecisionKind.ACTIONS: "Åtgärder enligt nedan.",
    DecisionKind.CARRIED_OVER: "Punkten bordläggs till nästa möte.",
    DecisionKind.NOTED: "Antecknas.",
}


def decision_words(item: ItemView, G: nx.MultiDiGraph, view: MeetingView | None = None) -> str:
    """The decision as the minutes say it: what was decided, then the forum's own words. An
    item without one, given its meeting, reads as approving the minutes will record it."""
    if item.decision is None:
        if view is None:
            return ""
        _kind, text = without_decision(
            ItemKind(item.kind), item.title, adjuster=view.approver, next_meeting=view.next_meeting
        )
        return text
    if item.kind != ItemKind.ISSUE and item.decision == DecisionKind.NOTED and item.decision_text:
        return item.decision_text  # a standing item: the minutes' own words say it
    target = forum(G, item.decision_target).name if item.decision_target in G else ""
    due = f", klart senast {formats.day(item.decision_due)}" if item.decision_due else ""
    said = DECISION_WORDS[DecisionKind(item.decision)].format(forum=target, due=due)
    return f"{said} {item.decision_text}".strip()


def meeting_document(
    view: MeetingView, G: nx.MultiDiGraph, *, organisation_names: dict[str, str]
) -> MeetingDoc:
    items = tuple(
        DocItem(
            i.position,
            i.title,
            i.background,
            i.presenter,
            i.organisation_name or "",
            i.minutes,
            i.proposed_decision,
            decision_words(i, G, view if view.status == MeetingStatus.HELD else None),
            tuple(
                DocAction(
                    a.get("title", ""),
                    organisation_names.get(a.get("organisation") or "", ""),
                    a.get("responsible", ""),
                    date.fromisoformat(a["due_on"]) if a.get("due_on") else None,
                )
                for a in i.decision_actions
            ),
        )
        for i in view.items
    )
    approved = ""
    if view.status == MeetingStatus.APPROVED:
        last = next((e for e in reversed(view.events) if e.kind == "approved"), None)
        when = f" {formats.day(last.at)}" if last else ""
        approved = f"Protokollet justerat{when} av {view.approved_by}."
    return MeetingDoc(
        view.forum_name,
        local(view.starts_at),
        local(view.ends_at),
        view.place,
        view.video_link,
        tuple(
            (org_name or "", person, present)
            for person, _org, org_name, _invited, present in view.participants
        ),
        items,
        view.notes,
        view.secretary,
        view.chair,
        view.adjuster or "",
        approved,
        view.is_demo,
        registration_number=view.registration_number,
    )


def calendar_entry(view: MeetingView, url: str = "") -> CalendarEntry:
    agenda = "\n".join(f"§ {i.position} {i.title}" for i in view.items)
    return CalendarEntry(
        f"meeting-{view.id}@samverkansnavet",
        view.forum_name,
        local(view.starts_at),
        local(view.ends_at),
        view.place,
        view.video_link or url,
        agenda,
        sequence=view.version,
    )
