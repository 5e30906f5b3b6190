"""The agenda builder: the proposal, the items as an editable table (order, minutes, presenter,
organisation, proposed decision), adding an issue or a free item, removing one, publishing."""

import streamlit as st

from models.vocabulary import MeetingStatus
from services.meetings.agenda_items import (
    ItemEdit,
    add_free_item,
    add_issue_item,
    adopt_proposal,
    agenda_proposal,
    move_item,
    publish_agenda,
    remove_item,
    update_items,
)
from services.meetings.queries import MeetingView
from services.permissions import Actor
from ui.db import forum_graph, reading
from ui.editable_table import Column, edit_table
from ui.i18n import day, t
from ui.meetings.common import act
from ui.text import md

EDITABLE = (MeetingStatus.PLANNED, MeetingStatus.PUBLISHED)


def show_agenda(
    view: MeetingView, version: int, by: Actor, names: dict[str, str], can_prepare: bool
) -> None:
    st.markdown(f"#### {t('meeting.agenda')}")
    editable = can_prepare and view.status in EDITABLE
    if editable:
        _proposal(view, version, by)
    if not view.items:
        st.caption(t("meeting.no_items"))
    elif editable:
        _editor(view, version, by, names)
    else:
        st.dataframe([_row(i, names) for i in view.items], hide_index=True, width="stretch")
    if editable:
        _add_forms(view, version, by, names)
    if can_prepare and view.status == MeetingStatus.PLANNED and view.items:
        _publish(view, version, by)


def _publish(view: MeetingView, version: int, by: Actor) -> None:
    """Send the notice; to nobody only after the sender says yes."""
    nobody = not any(invited for _p, _o, _n, invited, _present in view.participants)
    agreed = True
    if nobody:
        st.warning(t("meeting.nobody_called"), icon=":material/group_off:")
        agreed = st.checkbox(t("meeting.send_to_nobody"), key=f"to-nobody-{view.id}-{version}")
    if st.button(t("meeting.publish"), type="primary", icon=":material/send:", disabled=not agreed):
        act(
            view,
            lambda s: publish_agenda(
                s, meeting_id=view.id, by=by, expected_version=version, to_nobody=nobody
            ),
            what="agenda",
        )


def _row(item, names: dict[str, str]) -> dict:  # noqa: ANN001 - an ItemView
    return {
        t("meeting.col_number"): f"§ {item.position}",
        t("meeting.col_title"): item.title,
        t("meeting.col_minutes"): item.minutes,
        t("meeting.col_presenter"): item.presenter,
        t("meeting.col_organisation"): names.get(item.organisation or "", ""),
        t("meeting.col_proposed"): item.proposed_decision,
    }


def _proposal(view: MeetingView, version: int, by: Actor) -> None:
    with reading() as s:
        proposal = agenda_proposal(s, meeting_id=view.id, by=by, graph=forum_graph())
    present = {i.title for i in view.items}
    new = [i for i in proposal.items if i.title not in present]
    with st.expander(
        t("meeting.proposal", count=len(new)),
        icon=":material/auto_awesome:",
        expanded=not view.items,
    ):
        st.caption(t("meeting.proposal_help"))
        for item in new:
            st.markdown(
                f"- {md(item.title)} · {item.minutes} min · *{t(f'meeting.reason_{item.reason}')}*"
            )
        for late in proposal.late:
            st.markdown(
                f"- {md(late.title)} ({md(late.reference)}) · "
                f"*{t('meeting.late', day=day(late.arrived))}*"
            )
        if new and st.button(t("meeting.adopt"), icon=":material/playlist_add:"):
            act(
                view,
                lambda s: adopt_proposal(
                    s, meeting_id=view.id, by=by, expected_version=version, graph=forum_graph()
                ),
                what="agenda",
            )


def _editor(view: MeetingView, version: int, by: Actor, names: dict[str, str]) -> None:
    by_name = {name: key for key, name in names.items()}
    rows = [
        {
            "id": i.id,
            "number": f"§ {i.position}",
            "title": i.title,
            "minutes": i.minutes,
            "presenter": i.presenter,
            "organisation": names.get(i.organisation or "", ""),
            "proposed": i.proposed_decision,
        }
        for i in view.items
    ]
    edited = edit_table(
        rows,
        {
            "id": Column("hidden"),
            "number": Column(
                "text",
                st.column_config.TextColumn(t("meeting.col_number"), disabled=True, width="small"),
            ),
            "minutes": Column(
                "number",
                st.column_config.NumberColumn(  # before the wide title:
                    t("meeting.col_minutes"), min_value=0, max_value=600, step=5
                ),
            ),
            "title": Column(
                "text", st.column_config.TextColumn(t("meeting.col_title"), width="large")
            ),
            "presenter": Column("text", st.column_config.TextColumn(t("meeting.col_presenter"))),
            "organisation": Column(
                "choice",
                st.column_config.SelectboxColumn(
                    t("meeting.col_organisation"), options=sorted(by_name)
                ),
            ),
            "proposed": Column(
                "text", st.column_config.TextColumn(t("meeting.col_proposed"), width="large")
            ),
        },
        key=f"agenda-{view.id}-{version}",
        add_rows=False,
    )
    if st.button(t("meeting.save_agenda"), icon=":material/save:"):
        background = {i.id: i.background for i in view.items}
        edits = [
            ItemEdit(
                r["id"],
                None,
                _minutes(r["minutes"]),
                r["presenter"] or "",
                by_name.get(r["organisation"] or ""),
                r["title"] or "",
                background[r["id"]],
                r["proposed"] or "",
            )
            for r in edited
        ]
        act(
            view,
            lambda s: update_items(
                s, meeting_id=view.id, edits=edits, by=by, expected_version=version
            ),
            what="agenda",
        )
    _mover(view, version, by)


def _mover(view: MeetingView, version: int, by: Actor) -> None:
    """Move one item up or down: the item chosen stays chosen, so it can be moved again."""
    ids = [i.id for i in view.items]
    titles = {i.id: f"§ {i.position} {i.title}" for i in view.items}
    cols = st.columns([6, 2, 2], vertical_alignment="bottom")
    chosen = cols[0].selectbox(
        t("meeting.move_which"), ids, format_func=titles.__getitem__, key=f"move-{view.id}"
    )
    for col, steps, name, icon in (
        (cols[1], -1, "move_up", "arrow_upward"),
        (cols[2], 1, "move_down", "arrow_downward"),
    ):
        if col.button(
            t(f"meeting.{name}"),
            icon=f":material/{icon}:",
            width="stretch",
            key=f"{name}-{view.id}",
        ):
            act(
                view,
                lambda s, steps=steps: move_item(
                    s,
                    meeting_id=view.id,
                    item_id=chosen,
                    steps=steps,
                    by=by,
                    expected_version=version,
                ),
                what="agenda",
            )


def _minutes(value: object) -> int | None:
    return None if value is None or value == "" else int(value)


def _add_forms(view: MeetingView, version: int, by: Actor, names: dict[str, str]) -> None:
    issue_tab, free_tab, remove_tab = st.tabs(
        [t("meeting.add_issue"), t("meeting.add_free"), t("meeting.remove")]
    )
    with issue_tab, st.form(f"add-issue-{view.id}"):
        reference = st.text_input(t("meeting.reference"), key=f"mi-ref-{view.id}")
        proposed = st.text_area(t("meeting.col_proposed"), key=f"mi-prop-{view.id}")
        if st.form_submit_button(t("meeting.add")):
            act(
                view,
                lambda s: add_issue_item(
                    s,
                    meeting_id=view.id,
                    reference=reference.strip().upper(),
                    by=by,
                    expected_version=version,
                    proposed_decision=proposed,
                ),
            )
    with free_tab, st.form(f"add-free-{view.id}"):
        title = st.text_input(t("meeting.col_title"), key=f"mf-title-{view.id}")
        background = st.text_area(t("meeting.background"), key=f"mf-bg-{view.id}")
        cols = st.columns(3)
        minutes = cols[0].number_input(
            t("meeting.col_minutes"), value=None, step=5, key=f"mf-min-{view.id}"
        )
        presenter = cols[1].text_input(t("meeting.col_presenter"), key=f"mf-pres-{view.id}")
        org = cols[2].selectbox(
            t("meeting.col_organisation"),
            [None, *names],
            format_func=lambda k: names.get(k, "–") if k else "–",
            key=f"mf-org-{view.id}",
        )
        if st.form_submit_button(t("meeting.add")):
            act(
                view,
                lambda s: add_free_item(
                    s,
                    meeting_id=view.id,
                    title=title,
                    background=background,
                    by=by,
                    minutes=_minutes(minutes),
                    presenter=presenter,
                    organisation=org,
                    expected_version=version,
                ),
                what="agenda",
            )
    with remove_tab, st.form(f"remove-{view.id}"):
        choice = st.selectbox(
            t("meeting.col_title"),
            [i.id for i in view.items],
            format_func=lambda i: next(
                f"§ {x.position} {x.title}" for x in view.items if x.id == i
            ),
        )
        if st.form_submit_button(t("meeting.remove")):
            act(
                view,
                lambda s: remove_item(
                    s, meeting_id=view.id, item_id=choice, by=by, expected_version=version
                ),
                what="agenda",
            )
