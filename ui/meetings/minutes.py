"""The meeting itself and its minutes: participants, the justerare, a decision per item, the
general notes, marking it held, approving the minutes, and reopening with a reason."""

import networkx as nx
import streamlit as st

from escalation import delegation_targets, forum, forums_above, is_skip
from models.vocabulary import DecisionKind, EffectLinkKind, ItemKind, MeetingStatus
from services.effects.queries import effects_resting_on
from services.meetings.document_content import decision_words
from services.meetings.meetings import (
    ParticipantInput,
    appoint_adjuster,
    mark_held,
    reopen_meeting,
    set_participants,
)
from services.meetings.minutes import (
    ActionInput,
    DecisionInput,
    approve_minutes,
    record_decision,
    set_notes,
)
from services.meetings.queries import ItemView, MeetingView
from services.permissions import Actor
from ui.db import reading
from ui.editable_table import Column, edit_table, is_blank, plain
from ui.i18n import label, t
from ui.meetings.common import act
from ui.shell import linked_page
from ui.text import md, show_labelled, show_text

RECORDING = (MeetingStatus.PUBLISHED, MeetingStatus.HELD)
FREE_KINDS = [DecisionKind.NOTED, DecisionKind.ACTIONS]


def show_participants(
    view: MeetingView,
    version: int,
    by: Actor,
    names: dict[str, str],
    people: list[tuple[str, str]],
    can_prepare: bool,
    invitable: list[tuple[str, str, str | None]] = (),
) -> None:
    with st.expander(
        t("meeting.participants", count=len(view.participants)),
        icon=":material/groups:",
        expanded=can_prepare and not view.participants and view.status == MeetingStatus.PLANNED,
    ):
        by_name = {name: key for key, name in names.items()}
        rows = [
            {"person": p, "organisation": org_name, "invited": invited, "present": present}
            for p, _org, org_name, invited, present in view.participants
        ]
        if not can_prepare or view.status == MeetingStatus.APPROVED:
            st.dataframe(
                [
                    {
                        t("meeting.person"): r["person"],
                        t("meeting.col_organisation"): r["organisation"],
                        t("meeting.present"): r["present"],
                    }
                    for r in rows
                ],
                hide_index=True,
            )
            return
        edited = edit_table(
            rows,
            {
                "person": Column("text", st.column_config.TextColumn(t("meeting.person"))),
                "organisation": Column(
                    "choice",
                    st.column_config.SelectboxColumn(
                        t("meeting.col_organisation"), options=sorted(by_name)
                    ),
                ),
                "invited": Column(
                    "bool", st.column_config.CheckboxColumn(t("meeting.invited"), default=True)
                ),
                "present": Column(
                    "bool", st.column_config.CheckboxColumn(t("meeting.present"), default=False)
                ),
            },
            key=f"people-{view.id}-{version}",
        )
        if st.button(t("meeting.save_participants"), icon=":material/save:"):
            wanted = [
                ParticipantInput(
                    r["person"] or "",
                    by_name.get(r["organisation"] or ""),
                    r["invited"],
                    r["present"],
                )
                for r in edited
                if not is_blank(r)
            ]
            act(
                view,
                lambda s: set_participants(
                    s, meeting_id=view.id, participants=wanted, by=by, expected_version=version
                ),
            )
        _call_people(view, version, by, invitable)
        usernames = {u: n for u, n in people}
        current = next((u for u, n in people if n == view.adjuster), None)
        with st.form(f"adjuster-{view.id}"):
            chosen = st.selectbox(
                t("meeting.adjuster"),
                [None, *usernames],
                index=[None, *usernames].index(current),
                format_func=lambda u: (
                    usernames.get(u, t("meeting.chair_adjusts"))
                    if u
                    else t("meeting.chair_adjusts")
                ),
            )
            if st.form_submit_button(t("meeting.appoint")):
                act(
                    view,
                    lambda s: appoint_adjuster(
                        s, meeting_id=view.id, username=chosen, by=by, expected_version=version
                    ),
                )


def _call_people(
    view: MeetingView, version: int, by: Actor, invitable: list[tuple[str, str, str | None]]
) -> None:
    """Call people who have an account: they can then open the meeting, and get the notice."""
    present = {p for p, *_rest in view.participants}
    choices = {u: (n, org) for u, n, org in invitable if n not in present}
    if not choices:
        return
    with st.form(f"call-{view.id}"):
        chosen = st.multiselect(
            t("meeting.call_people"),
            list(choices),
            format_func=lambda u: choices[u][0],
            placeholder=t("app.choose_many"),
            key=f"call-{view.id}-{version}",
        )
        if st.form_submit_button(t("meeting.call"), icon=":material/person_add:"):
            wanted = [
                ParticipantInput(p, org, invited, here)
                for p, org, _n, invited, here in view.participants
            ]
            wanted += [ParticipantInput(choices[u][0], choices[u][1], username=u) for u in chosen]
            act(
                view,
                lambda s: set_participants(
                    s, meeting_id=view.id, participants=wanted, by=by, expected_version=version
                ),
            )


def show_minutes(
    view: MeetingView,
    version: int,
    by: Actor,
    G: nx.MultiDiGraph,
    names: dict[str, str],
    can_prepare: bool,
) -> None:
    if view.status == MeetingStatus.PLANNED:
        return
    st.markdown(f"#### {t('meeting.minutes')}")
    recording = can_prepare and view.status in RECORDING
    with reading() as s:
        effects = effects_resting_on(
            s, EffectLinkKind.DECISION, [i.decision_id for i in view.items if i.decision_id]
        )
    for item in view.items:
        with st.expander(
            f"§ {item.position} {md(item.title)}"
            + (f" · {_decided(item)}" if item.decision else ""),
            expanded=recording and item.decision is None,
        ):
            if item.overtaken:
                st.info(t("meeting.overtaken"), icon=":material/update:")
            show_text(item.background, muted=True)
            if item.proposed_decision:
                show_labelled(t("meeting.col_proposed"), item.proposed_decision)
            if item.decision:
                show_labelled(t("meeting.decision"), decision_words(item, G))
                for a in item.decision_actions:
                    show_text(
                        f"• {a.get('title')} – {names.get(a.get('organisation'), '–')}, "
                        f"{a.get('responsible') or '–'}, {a.get('due_on') or '–'}"
                    )
                for effect_id, statement in effects.get(item.decision_id, []):
                    st.page_link(
                        linked_page("pages/effect.py"),
                        label=md(statement),
                        icon=":material/insights:",
                        query_params={"id": str(effect_id)},
                    )
            if recording and not item.applied:
                _decision_form(view, version, by, G, names, item)
    if recording:
        with st.form(f"notes-{view.id}"):
            notes = st.text_area(t("meeting.notes"), value=view.notes, key=f"notes-{view.id}")
            if st.form_submit_button(t("meeting.save_notes")):
                act(
                    view,
                    lambda s: set_notes(
                        s, meeting_id=view.id, notes=notes, by=by, expected_version=version
                    ),
                )
    else:
        show_text(view.notes)


def _decided(item: ItemView) -> str:
    """The decision's name; an item that is not an issue is not closed when noted: it is
    "Antecknas", as the minutes say."""
    if item.kind != ItemKind.ISSUE and item.decision == DecisionKind.NOTED:
        return t("meeting.recorded_as_noted")
    return label("decision", item.decision)


def _decision_form(
    view: MeetingView,
    version: int,
    by: Actor,
    G: nx.MultiDiGraph,
    names: dict[str, str],
    item: ItemView,
) -> None:
    kinds = list(DecisionKind) if item.kind == ItemKind.ISSUE else FREE_KINDS
    with st.form(f"decision-{item.id}"):
        kind = st.selectbox(
            t("meeting.decision"),
            kinds,
            format_func=lambda k: label("decision", k),
            index=kinds.index(DecisionKind(item.decision)) if item.decision in kinds else 0,
            key=f"d-kind-{item.id}",
        )
        text = st.text_area(
            t("meeting.decision_text"),
            value=item.decision_text,
            help=t("meeting.decision_text_help"),
            key=f"d-text-{item.id}",
        )
        targets = _targets(G, view.forum) if item.kind == ItemKind.ISSUE else {}
        options = [None, *targets]
        target = st.selectbox(
            t("meeting.target"),
            options,
            index=options.index(item.decision_target) if item.decision_target in options else 0,
            format_func=lambda k: targets.get(k, "–") if k else "–",
            help=t("meeting.target_help"),
            key=f"d-target-{item.id}",
        )
        skip = (
            st.text_area(
                t("meeting.skip_reason"),
                value=item.decision_skip_reason,
                help=t("meeting.skip_reason_help"),
                key=f"d-skip-{item.id}",
                height=68,
            )
            if item.kind == ItemKind.ISSUE
            else ""
        )
        due = st.date_input(
            t("meeting.due"), value=item.decision_due, key=f"d-due-{item.id}", format="YYYY-MM-DD"
        )
        by_name = {name: key for key, name in names.items()}
        actions = edit_table(
            [
                {
                    "title": a.get("title"),
                    "organisation": names.get(a.get("organisation") or ""),
                    "responsible": a.get("responsible"),
                    "due_on": plain(a.get("due_on"), "date"),
                }
                for a in item.decision_actions
            ],
            {
                "title": Column("text", st.column_config.TextColumn(t("meeting.action_title"))),
                "organisation": Column(
                    "choice",
                    st.column_config.SelectboxColumn(
                        t("meeting.col_organisation"), options=sorted(by_name)
                    ),
                ),
                "responsible": Column(
                    "text", st.column_config.TextColumn(t("meeting.responsible"))
                ),
                "due_on": Column(
                    "date", st.column_config.DateColumn(t("meeting.due"), format="YYYY-MM-DD")
                ),
            },
            key=f"d-actions-{item.id}",
        )
        if st.form_submit_button(t("meeting.record")):
            data = DecisionInput(
                kind,
                text,
                target,
                due,
                skip_reason=skip,
                actions=tuple(
                    ActionInput(
                        a["title"] or "",
                        by_name.get(a["organisation"] or ""),
                        a["responsible"] or "",
                        a["due_on"],
                    )
                    for a in actions
                    if not is_blank(a)
                ),
            )
            act(
                view,
                lambda s: record_decision(
                    s,
                    meeting_id=view.id,
                    item_id=item.id,
                    data=data,
                    by=by,
                    expected_version=version,
                    graph=G,
                ),
                what="decision",
            )


def _approval(
    view: MeetingView, version: int, by: Actor, G: nx.MultiDiGraph, can_approve: bool
) -> None:
    """Approving the minutes; what has no decision is listed first, with what the minutes will
    say of it, and approving then needs the approver's yes."""
    undecided = [i for i in view.items if not i.decision]
    carried = [i for i in undecided if i.kind == ItemKind.ISSUE]
    if undecided:
        lines = "\n".join(
            f"- § {i.position} {md(i.title)}: {md(decision_words(i, G, view))}" for i in undecided
        )
        st.warning(
            f"{t('meeting.undecided', count=len(undecided))}\n\n{lines}", icon=":material/rule:"
        )
    if not can_approve:
        st.caption(t("meeting.approve_who", who=md(view.adjuster or t("meeting.the_chair"))))
        return
    agreed = not carried or st.checkbox(
        t("meeting.carry_over", count=len(carried)), key=f"carry-{view.id}-{version}"
    )
    if st.button(
        t("meeting.approve"),
        type="primary",
        icon=":material/approval:",
        disabled=not agreed,
        help=None if agreed else t("meeting.carry_over_first"),
    ):
        act(
            view,
            lambda s: approve_minutes(
                s,
                meeting_id=view.id,
                by=by,
                expected_version=version,
                graph=G,
                carry_over=bool(carried),
            ),
        )


def _targets(G: nx.MultiDiGraph, key: str) -> dict[str, str]:
    """Up the escalation order nearest first, a forum past the next level marked as a skip
    (it needs a reason), then the forums it can be delegated to."""
    up = {
        k: f"↑ {forum(G, k).name}"
        + (f" ({t('meeting.skips_level')})" if is_skip(G, key, k) else "")
        for k in forums_above(G, key)
    }
    down = {d.forum: f"↓ {forum(G, d.forum).name}" for d in delegation_targets(G, key)}
    return up | down


def show_state_actions(
    view: MeetingView,
    version: int,
    by: Actor,
    G: nx.MultiDiGraph,
    *,
    can_prepare: bool,
    can_approve: bool,
    can_reopen: bool,
) -> None:
    if (
        can_prepare
        and view.status == MeetingStatus.PUBLISHED
        and st.button(t("meeting.mark_held"), icon=":material/event_available:")
    ):
        act(view, lambda s: mark_held(s, meeting_id=view.id, by=by, expected_version=version))
    if view.status == MeetingStatus.HELD:
        _approval(view, version, by, G, can_approve)
    if can_reopen and view.status != MeetingStatus.PLANNED:
        with st.expander(t("meeting.reopen"), icon=":material/undo:"), st.form(f"reopen-{view.id}"):
            st.caption(t("meeting.reopen_help"))
            reason = st.text_area(t("issue.reason"), key=f"reopen-reason-{view.id}")
            if st.form_submit_button(t("meeting.reopen")):
                act(
                    view,
                    lambda s: reopen_meeting(
                        s, meeting_id=view.id, reason=reason, by=by, expected_version=version
                    ),
                )
