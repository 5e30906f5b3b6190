"""One agreed action: what, whose, by when, and, for those who may, its status and a note."""

from datetime import date

import streamlit as st

from models.vocabulary import ActionStatus
from services.meetings.agreed_actions import ActionRow, update_action
from services.permissions import Actor, can_update_action
from ui.i18n import day, label, t
from ui.opened import forget_opened, opened_version
from ui.shell import linked_page
from ui.text import escape_html, md, text_block
from ui.transaction import run_action


def show_action(
    row: ActionRow, by: Actor, today: date, effects: list[tuple[int, str]] = ()
) -> None:
    """`effects`: the agreed effects that rest on the action."""
    with st.container(border=True, key=f"action-card-{row.id}"):
        # what, whose and by when, and the note, in one element (as a heading, a caption and
        # a text block they were three, on each of 25 cards, on every rerun)
        late = (
            f' · <span class="overdue">{escape_html(t("actions.overdue"))}</span>'
            if row.overdue(today)
            else ""
        )
        facts = t(
            "actions.facts",
            organisation=escape_html(row.organisation_name or "–"),
            responsible=escape_html(row.responsible or "–"),
            due=day(row.due_on) if row.due_on else "–",
            status=escape_html(label("action_status", row.status)),
        )
        st.html(
            f"<div><strong>{escape_html(row.title)}</strong> · {escape_html(row.forum_name)}"
            f'{late}</div><div class="card-facts">{facts}</div>'
            + (text_block(row.note, muted=True) if row.note else "")
        )
        if row.reference:
            st.page_link(
                linked_page("pages/issue.py"),
                label=md(row.reference),
                query_params={"ref": row.reference},
                icon=":material/description:",
            )
        for effect_id, statement in effects:
            st.page_link(
                linked_page("pages/effect.py"),
                label=md(statement),
                icon=":material/insights:",
                query_params={"id": str(effect_id)},
            )
        if can_update_action(by, row.forum, row.organisation):
            _update_form(row, by)


def _update_form(row: ActionRow, by: Actor) -> None:
    """Opened by its button, one card at a time as the user likes: a form on every card was
    most of the page's time (three widgets each, 25 cards, every rerun). The button keeps its
    key while its label says what a click does, so the keyboard's focus stays on it."""
    opened = f"ac-open-{row.id}"
    st.button(
        t("actions.close" if st.session_state.get(opened) else "actions.update"),
        key=f"ac-update-{row.id}",
        icon=":material/edit:",
        on_click=_open_or_close,  # before the run: the label says what the next click does
        args=(row.id,),
    )
    if not st.session_state.get(opened):
        return
    version = opened_version("action", row.id, row.version)
    with st.form(f"action-{row.id}"):
        fields = st.columns([2, 5, 2])
        status = fields[0].selectbox(
            t("actions.status"),
            list(ActionStatus),
            index=list(ActionStatus).index(ActionStatus(row.status)),
            format_func=lambda v: label("action_status", v),
            key=f"ac-status-{row.id}",  # keyed: kept through a run the database failed
        )
        note = fields[1].text_input(t("actions.note"), value=row.note, key=f"ac-note-{row.id}")
        if fields[2].form_submit_button(t("actions.save")) and run_action(
            lambda s: update_action(
                s, action_id=row.id, status=status, note=note, by=by, expected_version=version
            ),
            what="action",
        ):
            _close(row.id)
            st.rerun()


def _open_or_close(action_id: int) -> None:
    if st.session_state.get(f"ac-open-{action_id}"):
        _close(action_id)
    else:
        st.session_state[f"ac-open-{action_id}"] = True


def _close(action_id: int) -> None:
    """Closed, saved or not: the next opening starts from the action as it then is."""
    for key in ("open", "status", "note"):
        st.session_state.pop(f"ac-{key}-{action_id}", None)
    forget_opened("action", action_id)
