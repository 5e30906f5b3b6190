"""One agreed action: what, whose, by when, and, for those who may, its status and a note."""

from datetime import date

import streamlit as st

from models.vocabulary import ActionStatus
from services.meetings.agreed_actions import ActionRow, update_action
from services.permissions import Actor, can_update_action
from ui.i18n import day, label, t
from ui.opened import forget_opened, opened_version
from ui.text import md, show_text
from ui.transaction import run_action


def show_action(
    row: ActionRow, by: Actor, today: date, effects: list[tuple[int, str]] = ()
) -> None:
    """`effects`: the agreed effects that rest on the action."""
    with st.container(border=True):
        late = f" · :red[{t('actions.overdue')}]" if row.overdue(today) else ""
        st.markdown(f"**{md(row.title)}** · {md(row.forum_name)}{late}")
        st.caption(
            t(
                "actions.facts",
                organisation=md(row.organisation_name or "–"),
                responsible=md(row.responsible or "–"),
                due=day(row.due_on) if row.due_on else "–",
                status=label("action_status", row.status),
            )
        )
        if row.reference:
            st.page_link(
                "pages/issue.py",
                label=md(row.reference),
                query_params={"ref": row.reference},
                icon=":material/description:",
            )
        for effect_id, statement in effects:
            st.page_link(
                "pages/effect.py",
                label=md(statement),
                icon=":material/insights:",
                query_params={"id": str(effect_id)},
            )
        show_text(row.note, muted=True)
        if not can_update_action(by, row.forum, row.organisation):
            return
        version = opened_version("action", row.id, row.version)
        with st.form(f"action-{row.id}"):
            fields = st.columns([2, 5, 2])
            status = fields[0].selectbox(
                t("actions.status"),
                list(ActionStatus),
                index=list(ActionStatus).index(ActionStatus(row.status)),
                format_func=lambda v: label("action_status", v),
            )
            note = fields[1].text_input(t("actions.note"), value=row.note)
            if fields[2].form_submit_button(t("actions.save")) and run_action(
                lambda s: update_action(
                    s, action_id=row.id, status=status, note=note, by=by, expected_version=version
                ),
                what="action",
            ):
                forget_opened("action", row.id)
                st.rerun()
