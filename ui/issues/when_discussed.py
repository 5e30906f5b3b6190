"""When an issue will next be on a table, said wherever it is queued or lifted, and links from
its history to the meetings that had it on their agenda."""

import networkx as nx
import streamlit as st

from escalation import forum
from models import clock
from models.vocabulary import IssueStatus
from services.issues.queries import IssueDetail
from services.meetings.dates import Sitting
from services.meetings.queries import when_discussed
from ui.db import reading
from ui.i18n import day, t
from ui.shell import linked_page
from ui.text import md


def sitting_text(sitting: Sitting, G: nx.MultiDiGraph) -> str:
    """ "Samverkansgruppen 2027-01-13 (through the beredningsgrupp 2026-12-16)"."""
    name = md(forum(G, sitting.forum).name)
    if sitting.day is None:
        return t("when.none", forum=name)
    text = t("when.at", forum=name, day=day(sitting.day))
    if sitting.estimated:
        text += " " + t("when.estimated")
    if sitting.on_agenda:
        text += " " + t("when.on_agenda")
    if sitting.via is not None and sitting.via.day is not None:
        text += " " + t(
            "when.via",
            group=md(forum(G, sitting.via.forum).name),
            day=day(sitting.via.day),
        )
    if sitting.late_for is not None:
        text += " " + t("when.late_for", day=day(sitting.late_for))
    return text


def show_next_sitting(detail: IssueDetail, G: nx.MultiDiGraph) -> None:
    if detail.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
        return
    with reading() as s:
        [sitting] = when_discussed(
            s, G, at=detail.forum_key, arrives=clock.today(), reference=detail.reference
        )
    st.info(f"**{t('when.next')}** {sitting_text(sitting, G)}", icon=":material/event:")


def show_lift_dates(detail: IssueDetail, G: nx.MultiDiGraph, targets: list[str]) -> None:
    """For each forum the issue can be lifted to: the earliest it can be decided there."""
    with reading() as s:
        ways = {
            k: when_discussed(s, G, at=detail.forum_key, arrives=clock.today(), target=k)
            for k in targets
        }
    lines = [f"- {sitting_text(way[-1], G)}" for way in ways.values() if way]
    if lines:
        st.caption(t("when.if_lifted") + "\n" + "\n".join(lines))


def meeting_of(changes: dict) -> object:
    """The meeting a history event names (its id), if any."""
    return (changes.get("meeting") or [None, None])[1]


def meeting_link(changes: dict) -> None:
    """A history event that names a meeting links to it."""
    meeting = meeting_of(changes)
    if meeting:
        st.page_link(
            linked_page("pages/meeting.py"),
            label=t("when.open_meeting"),
            query_params={"id": str(meeting)},
            icon=":material/event_note:",
        )
