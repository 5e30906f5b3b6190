"""The preparatory group's triage queue: each issue lifted to the forum it prepares for is
accepted onto a coming agenda with a proposed decision, or sent back down with a reason."""

import networkx as nx
import streamlit as st

from escalation import forum
from models import Meeting, clock
from services.meetings.triage import (
    TriageRow,
    accept_for_agenda,
    coming_meetings,
    send_back,
    triage_queue,
)
from services.permissions import Actor
from ui.db import reading
from ui.i18n import day, t
from ui.shell import linked_page
from ui.text import md
from ui.transaction import run_action


def show_triage(group: str, G: nx.MultiDiGraph, by: Actor) -> None:
    with reading() as s:
        queue, total = triage_queue(s, G, group=group, by=by)
        coming = {key: coming_meetings(s, key, clock.today()) for key in {r.forum for r in queue}}
    st.caption(t("triage.help", group=md(forum(G, group).name)))
    if not queue:
        st.success(t("triage.empty"))
    elif total > len(queue):
        st.caption(t("triage.more", shown=len(queue), total=total))
    for row in queue:
        _triage_row(row, {m.id: (m, ok) for m, ok in coming[row.forum]}, group, G, by)


def _triage_row(
    row: TriageRow,
    meetings: dict[int, tuple[Meeting, bool]],
    group: str,
    G: nx.MultiDiGraph,
    by: Actor,
) -> None:
    with st.container(border=True):
        st.page_link(
            linked_page("pages/issue.py"),
            label=md(f"{row.reference} · {row.title}"),
            query_params={"ref": row.reference},
            icon=":material/description:",
        )
        st.caption(
            t(
                "triage.row",
                day=day(row.arrived),
                came_from=md(forum(G, row.came_from).name) if row.came_from else "–",
                forum=md(forum(G, row.forum).name),
            )
        )
        accept, back = st.tabs([t("triage.accept"), t("triage.send_back")])
        with accept, st.form(f"accept-{row.reference}"):
            if not meetings:
                st.caption(t("triage.no_meeting"))
            chosen = st.selectbox(
                t("triage.meeting"),
                list(meetings),
                key=f"tr-m-{row.reference}",
                index=next((n for n, (_m, ok) in enumerate(meetings.values()) if ok), 0)
                if meetings
                else None,
                format_func=lambda i: (
                    t(
                        "when.at",
                        forum=forum(G, row.forum).name,
                        day=day(meetings[i][0].starts_at),
                    )
                    + ("" if meetings[i][1] else f" ({t('triage.past_cutoff')})")
                ),
            )
            proposed = st.text_area(t("meeting.col_proposed"), key=f"tr-p-{row.reference}")
            if st.form_submit_button(t("triage.accept"), disabled=not meetings) and run_action(
                lambda s: accept_for_agenda(
                    s,
                    G,
                    group=group,
                    reference=row.reference,
                    meeting_id=chosen,
                    proposed_decision=proposed,
                    by=by,
                )
            ):
                st.rerun()
        with back, st.form(f"back-{row.reference}"):
            reason = st.text_area(t("issue.reason"), key=f"tr-r-{row.reference}")
            if st.form_submit_button(t("triage.send_back")) and run_action(
                lambda s: send_back(
                    s, G, group=group, reference=row.reference, reason=reason, by=by
                )
            ):
                st.rerun()
